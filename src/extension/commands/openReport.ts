import * as vscode from 'vscode';
import { markdownReport } from '../reports';
import type { Services } from './services';

/** Opens the Markdown report of the active folder's audit in an editor (untitled: nothing is written). */
export function openReport({ controller }: Services) {
  return async (): Promise<vscode.TextDocument | undefined> => {
    const entry = controller.activeEntry();
    if (!entry?.session) {
      void vscode.window.showInformationMessage('KB Audit: no docs folder has been audited yet.');
      return undefined;
    }
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdownReport(entry) });
    await vscode.window.showTextDocument(document, { preview: false });
    return document;
  };
}
