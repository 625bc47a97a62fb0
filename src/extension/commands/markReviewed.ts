import * as vscode from 'vscode';
import { markReviewedEdit } from '../fixes';
import type { Services } from './services';

/** Sets the article's review date to today through one undoable edit; returns whether it changed. */
export function markReviewed({ controller }: Services) {
  return async (target?: vscode.Uri | { resourceUri?: vscode.Uri }): Promise<boolean> => {
    const uri = target instanceof vscode.Uri ? target : (target?.resourceUri ?? vscode.window.activeTextEditor?.document.uri);
    if (!uri) {
      void vscode.window.showInformationMessage('KB Audit: open an article to mark it reviewed.');
      return false;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    const config = controller.locate(uri)?.entry.target?.config;
    const edit = markReviewedEdit(document, config);
    if (!edit) {
      void vscode.window.showInformationMessage('KB Audit: the review date is already today (or is written in a form this command does not rewrite).');
      return false;
    }
    return vscode.workspace.applyEdit(edit);
  };
}
