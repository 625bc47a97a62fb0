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

/** The WorkspaceEdit that sets today's date as the article's review date; undefined when there is nothing to do. */
export function markReviewedEdit(document: vscode.TextDocument, config: ResolvedConfig | undefined, today = new Date()): vscode.WorkspaceEdit | undefined {
  const edits = setReviewDate(document.getText(), isoDate(today), reviewDateKey(document, config));
  if (!edits || edits.length === 0) return undefined;
  return toWorkspaceEdit(document, edits);
}
