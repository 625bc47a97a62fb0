// Core text edits (1-based, each with the text its range must still hold) as WorkspaceEdits.
import * as vscode from 'vscode';
import type { ResolvedConfig } from '../core/config/config';
import { isoDate, REVIEW_DATE_FIELD, setReviewDate } from '../core/edits';
import type { TextEdit } from '../core/model';
import { reviewDateKeys } from '../core/rules/util/options';

export function toRange(edit: TextEdit): vscode.Range {
  return new vscode.Range(edit.range.line - 1, edit.range.column - 1, edit.range.endLine - 1, edit.range.endColumn - 1);
}

/**
 * One WorkspaceEdit (so one undo restores it) for `edits` on `document`, or undefined when
 * any range no longer holds the text the edit expects: a stale fix is refused, not misplaced.
 */
export function toWorkspaceEdit(document: vscode.TextDocument, edits: readonly TextEdit[]): vscode.WorkspaceEdit | undefined {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) {
    const range = toRange(e);
    if (document.validateRange(range).isEqual(range) === false || document.getText(range) !== e.expected) return undefined;
    edit.replace(document.uri, range, e.newText);
  }
  return edit;
}

/** The review-date key an article already uses, else the first the stale-review rule reads. */
export function reviewDateKey(document: vscode.TextDocument, config: ResolvedConfig | undefined): string {
  const keys = config ? reviewDateKeys(config) : [REVIEW_DATE_FIELD];
  const text = document.getText();
  const head = text.slice(0, Math.min(text.length, 4000));
  return keys.find((key) => new RegExp(`^${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[ \\t]*:`, 'm').test(head)) ?? keys[0] ?? REVIEW_DATE_FIELD;
}

/** The core edits that set today's date as the article's review date; undefined when there is nothing to do. */
export function markReviewedEdits(document: vscode.TextDocument, config: ResolvedConfig | undefined, today = new Date()): TextEdit[] | undefined {
  const edits = setReviewDate(document.getText(), isoDate(today), reviewDateKey(document, config));
  return edits?.length ? edits : undefined;
}

/** The WorkspaceEdit that sets today's date as the article's review date; undefined when there is nothing to do. */
export function markReviewedEdit(document: vscode.TextDocument, config: ResolvedConfig | undefined, today = new Date()): vscode.WorkspaceEdit | undefined {
  const edits = markReviewedEdits(document, config, today);
  return edits && toWorkspaceEdit(document, edits);
}

/** A quick fix as it travels from the lightbulb to the command that applies it. */
export interface FixRequest {
  uri: vscode.Uri;
  /** The document version the fix was computed on. */
  version: number;
  title: string;
  edits: TextEdit[];
}

/**
 * Applies a quick fix as one undoable WorkspaceEdit, in the editor (nothing is saved), or
 * refuses with a message when the article changed since the fix was offered: a fix computed
 * on other text would land in the wrong place.
 */
export async function applyFix(request: FixRequest): Promise<boolean> {
  // Arguments that went through the command service arrive as plain URI data.
  const uri = request.uri instanceof vscode.Uri ? request.uri : vscode.Uri.from(request.uri);
  const document = await vscode.workspace.openTextDocument(uri);
  const edit = document.version === request.version ? toWorkspaceEdit(document, request.edits) : undefined;
  if (!edit) {
    void vscode.window.showWarningMessage(
      `KB Audit: "${request.title}" was not applied: ${vscode.workspace.asRelativePath(uri)} changed since the fix was offered. Open the quick fixes again to get one for the current text.`,
    );
    return false;
  }
  return vscode.workspace.applyEdit(edit);
}
