import * as vscode from 'vscode';
import { jsonReport, sarifReport } from '../reports';
import type { Services } from './services';

type Format = 'sarif' | 'json';

const FILTERS: Record<Format, Record<string, string[]>> = { sarif: { SARIF: ['sarif'] }, json: { JSON: ['json'] } };
const NAMES: Record<Format, string> = { sarif: 'kb-audit.sarif', json: 'kb-audit.json-report.json' };

/**
 * Writes the audit as SARIF or JSON to a file the user picks in a save dialog (a new report
 * file, never an article). `target` skips the dialog (tests, tasks). Returns the file written.
 */
export function exportReport({ context, controller }: Services, format: Format) {
  return async (target?: vscode.Uri): Promise<vscode.Uri | undefined> => {
    const entry = controller.activeEntry();
    if (!entry?.session || !entry.target) {
      void vscode.window.showInformationMessage('KB Audit: no docs folder has been audited yet.');
      return undefined;
    }
    const uri =
      target instanceof vscode.Uri
        ? target
        : await vscode.window.showSaveDialog({
            defaultUri: vscode.Uri.joinPath(entry.folder.uri, NAMES[format]),
            filters: FILTERS[format],
            title: `KB Audit: Export ${format === 'sarif' ? 'SARIF' : 'JSON'}`,
          });
    if (!uri) return undefined;
    const version = String(context.extension.packageJSON.version ?? '0.0.0');
    const text = format === 'sarif' ? sarifReport(entry, version) : jsonReport(entry, version);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    void vscode.window.showInformationMessage(`KB Audit: wrote ${vscode.workspace.asRelativePath(uri)}`);
    return uri;
  };
}
