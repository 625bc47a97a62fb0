import * as vscode from 'vscode';
import { createBaseline, fingerprintFindings, formatBaseline } from '../../core/baseline';
import type { Services } from './services';

/**
 * KB Audit: Write Baseline: records the active folder's current findings in the baseline file
 * (kbAudit.baseline.file, default kb-audit-baseline.json in the workspace folder), in the very
 * format of `kb-audit audit --write-baseline`, so `kb-audit audit --baseline` in CI and the
 * editor read the same file. `target` writes elsewhere (tests). Returns the file written.
 */
export function writeBaseline({ controller }: Services) {
  return async (target?: vscode.Uri): Promise<vscode.Uri | undefined> => {
    const entry = controller.activeEntry();
    if (!entry?.session) {
      void vscode.window.showInformationMessage('KB Audit: no docs folder has been audited yet.');
      return undefined;
    }
    // Edits waiting for the rules that compare articles: the baseline records settled findings.
    await controller.recheck();
    const session = entry.session;
    const printed = fingerprintFindings(session.findings, (file) => session.kb.byFile.get(file));
    const uri = target instanceof vscode.Uri ? target : controller.baselineUri(entry);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(formatBaseline(createBaseline(printed))));
    await controller.reloadBaseline(entry);
    const name = vscode.workspace.asRelativePath(uri);
    void vscode.window.showInformationMessage(
      `KB Audit: wrote ${name}: ${printed.length} findings baselined. Commit it; kb-audit audit --baseline ${name} then reports only new findings.`,
    );
    return uri;
  };
}
