import * as vscode from 'vscode';
import { joinPath, relativePath } from '../../core/fileSystem';
import type { Services } from './services';

const NEW_QUESTIONS_FILE = 'sample-questions.txt';

/** One questions-file line for `question`, in the file's format. */
export function questionLine(file: string, question: string): string {
  const oneLine = question.replace(/\s+/g, ' ').trim();
  const lower = file.toLowerCase();
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return JSON.stringify({ question: oneLine });
  if (lower.endsWith('.csv')) return /[",]/.test(oneLine) ? `"${oneLine.replace(/"/g, '""')}"` : oneLine;
  return oneLine.replace(/^#/, '\\#');
}

/**
 * Appends the selected text to the questions file as a new sample question, through one
 * undoable edit in the editor (the file is left open and unsaved for the user to review).
 * Without a questions file, creates sample-questions.txt in the docs folder and points the
 * kbAudit.questionsFile setting at it.
 */
export function addSampleQuestion({ controller }: Services) {
  return async (question?: string): Promise<vscode.Uri | undefined> => {
    const editor = vscode.window.activeTextEditor;
    const text = typeof question === 'string' ? question : editor?.document.getText(editor.selection);
    if (!text?.trim()) {
      void vscode.window.showInformationMessage('KB Audit: select the text of a customer question first.');
      return undefined;
    }
    const entry = controller.activeEntry();
    if (!entry?.target) {
      void vscode.window.showInformationMessage('KB Audit: select a docs folder first.');
      return undefined;
    }
    const edit = new vscode.WorkspaceEdit();
    let uri = entry.questionsUri;
    if (!uri) {
      uri = entry.target.docsRoot.with({ path: joinPath(entry.target.docsRoot.path, NEW_QUESTIONS_FILE) });
      edit.createFile(uri, { ignoreIfExists: true });
      edit.insert(uri, new vscode.Position(0, 0), `${questionLine(uri.path, text)}\n`);
      if (!(await vscode.workspace.applyEdit(edit))) return undefined;
      const relative = relativePath(entry.folder.uri.path, uri.path);
      const target = (vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Workspace;
      await vscode.workspace.getConfiguration('kbAudit', entry.folder.uri).update('questionsFile', relative, target);
    } else {
      const document = await vscode.workspace.openTextDocument(uri);
      const last = document.lineAt(document.lineCount - 1);
      const prefix = last.text.length > 0 ? document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n' : '';
      edit.insert(uri, last.range.end, `${prefix}${questionLine(uri.path, text)}\n`);
      if (!(await vscode.workspace.applyEdit(edit))) return undefined;
      await controller.refreshPreviewFor(entry);
    }
    await vscode.window.showTextDocument(uri, { preview: true, preserveFocus: true, viewColumn: vscode.ViewColumn.Beside });
    return uri;
  };
}
