// Quick fixes for our diagnostics, where a fix is safe: the rule's own fix (checked against
// the document before it is offered), set the review date, add missing front-matter fields,
// a suppression comment, and the duplicate side by side.
import * as vscode from 'vscode';
import { addMissingFrontMatterFields, isoDate, suppressFinding } from '../core/edits';
import type { Finding, TextEdit } from '../core/model';
import type { AuditController } from './auditController';
import { CommandId } from './commandIds';
import { findingOf, ruleIdOf } from './diagnostics';
import { markReviewedEdits, toWorkspaceEdit, type FixRequest } from './fixes';

const REVIEW_RULES = new Set(['stale-review']);

/** Rules whose related location is the source a translation is compared with. */
const TRANSLATION_RULES = new Set(['translation-drift', 'stale-translation']);

export class KbCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly controller: AuditController) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (context.only && !context.only.contains(vscode.CodeActionKind.QuickFix) && !vscode.CodeActionKind.QuickFix.contains(context.only)) return [];
    const located = this.controller.locate(document.uri);
    const session = located?.entry.session;
    if (!located || !session) return [];
    const findings = session.findingsFor(located.file);
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      const ruleId = ruleIdOf(diagnostic);
      if (!ruleId) continue;
      const finding = findingOf(diagnostic, findings);
      actions.push(...this.actionsFor(document, diagnostic, ruleId, finding, located.entry.target?.config));
    }
    return actions;
  }

  private actionsFor(
    document: vscode.TextDocument,
    diagnostic: vscode.Diagnostic,
    ruleId: string,
    finding: Finding | undefined,
    config: Parameters<typeof markReviewedEdits>[1],
  ): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    // The edit goes through a command, not CodeAction.edit: VS Code would apply an edit as it
    // stands even after the text changed, and the command refuses instead.
    const add = (title: string, edits: TextEdit[] | null | undefined, preferred = false) => {
      // Offered only while every range still holds the text the fix expects.
      if (!edits?.length || !toWorkspaceEdit(document, edits)) return;
      const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
      const request: FixRequest = { uri: document.uri, version: document.version, title, edits };
      action.command = { command: CommandId.ApplyFix, title, arguments: [request] };
      action.diagnostics = [diagnostic];
      action.isPreferred = preferred;
      actions.push(action);
    };
    if (finding?.fix) add(finding.fix.title, finding.fix.edits, true);
    else if (REVIEW_RULES.has(ruleId)) add(`Mark as reviewed today (${isoDate(new Date())})`, markReviewedEdits(document, config), true);
    else if (ruleId === 'missing-front-matter' && typeof finding?.data?.missing === 'string') {
      const fields = Object.fromEntries(finding.data.missing.split(/,\s*/).map((f) => [f.split('|')[0].trim(), '']).filter(([f]) => f));
      add(`Add ${Object.keys(fields).join(', ')} to the front matter`, addMissingFrontMatterFields(document.getText(), fields), true);
    }
    if (finding?.related?.length && ruleId !== 'missing-translation') {
      // A translation is shown beside its source; a duplicate or conflict beside its twin.
      const title = TRANSLATION_RULES.has(ruleId) ? 'Show the source side by side' : 'Show the duplicate side by side';
      const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
      action.command = {
        command: CommandId.ShowDuplicate,
        title,
        arguments: [document.uri, finding.line, finding.related[0].file, finding.related[0].line],
      };
      action.diagnostics = [diagnostic];
      actions.push(action);
    }
    add(`Suppress ${ruleId} here (inline comment)`, suppressFinding(document.getText(), diagnostic.range.start.line + 1, ruleId));
    return actions;
  }
}
