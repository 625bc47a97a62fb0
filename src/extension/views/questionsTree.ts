// The Questions view: the sample questions grouped by what the bot does with them. After
// Compare with Branch, a first group lists the questions routed differently from the branch,
// and each of them says "before → after" wherever it appears.
import * as vscode from 'vscode';
import type { Decision, RoutedQuestion } from '../../core/routing/types';
import type { AuditController } from '../auditController';
import { CommandId } from '../commandIds';
import type { Comparison } from '../comparison';
import { plural } from './treeSnapshot';

type Node =
  | { kind: 'changed'; comparison: Comparison; results: RoutedQuestion[] }
  | { kind: 'group'; decision: Decision; results: RoutedQuestion[] }
  | { kind: 'question'; result: RoutedQuestion; comparison?: Comparison };

const GROUPS: { decision: Decision; label: string; icon: string; color: string }[] = [
  { decision: 'answer', label: 'Answered', icon: 'pass', color: 'testing.iconPassed' },
  { decision: 'clarify', label: 'Clarify', icon: 'question', color: 'editorWarning.foreground' },
  { decision: 'escalate', label: 'Escalated', icon: 'person', color: 'editorError.foreground' },
];

export class QuestionsTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly controller: AuditController) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  /** Why the view is empty, when it is (shown as the view's message). */
  get emptyMessage(): string | undefined {
    const entry = this.controller.activeEntry();
    if (!entry?.session) return undefined;
    return entry.preview ? undefined : entry.questionsNote;
  }

  getChildren(node?: Node): Node[] {
    const entry = this.controller.activeEntry();
    const preview = entry?.preview?.preview;
    if (!preview) return [];
    const comparison = entry.comparison;
    if (!node) {
      const groups: Node[] = GROUPS.map(({ decision }) => ({
        kind: 'group' as const,
        decision,
        results: preview.results.filter((r) => r.decision === decision).sort((a, b) => b.confidence - a.confidence),
      }));
      if (comparison) groups.unshift({ kind: 'changed', comparison, results: preview.results.filter((r) => comparison.questions.has(r.question)) });
      return groups;
    }
    return node.kind === 'question' ? [] : node.results.map((result) => ({ kind: 'question', result, comparison }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'changed') {
      const item = new vscode.TreeItem(
        `Routed differently from ${node.comparison.base}`,
        node.results.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
      );
      item.id = 'comparison';
      item.description = plural(node.results.length, 'question');
      item.tooltip = `${node.comparison.baseName} → ${node.comparison.headName}: ${node.comparison.headline}`;
      item.iconPath = new vscode.ThemeIcon('git-compare');
      item.contextValue = 'kbAudit.comparison';
      return item;
    }
    if (node.kind === 'group') {
      const group = GROUPS.find((g) => g.decision === node.decision)!;
      const item = new vscode.TreeItem(group.label, node.results.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
      item.id = `decision:${node.decision}`;
      item.description = String(node.results.length);
      item.iconPath = new vscode.ThemeIcon(group.icon, new vscode.ThemeColor(group.color));
      return item;
    }
    const r = node.result;
    const item = new vscode.TreeItem(r.question, vscode.TreeItemCollapsibleState.None);
    const where = r.answer ? `${r.answer.file} › ${r.answer.heading}` : 'no match';
    item.description = `${r.confidence.toFixed(2)} · ${where}`;
    const verdict = r.correct === undefined ? '' : r.correct ? '\nAs expected.' : `\nExpected: ${r.expected ?? 'escalate'}.`;
    item.tooltip = `${r.decision} with confidence ${r.confidence.toFixed(2)}\n${r.reason}${verdict}`;
    item.iconPath = new vscode.ThemeIcon(r.correct === false ? 'error' : 'comment');
    item.contextValue = 'kbAudit.question';
    const mark = node.comparison?.questions.get(r.question);
    if (mark) {
      item.description = `${mark.summary} · ${r.confidence.toFixed(2)}`;
      item.tooltip = `${mark.tooltip}\n\n${item.tooltip}`;
      item.iconPath = new vscode.ThemeIcon('diff-modified', new vscode.ThemeColor('gitDecoration.modifiedResourceForeground'));
      item.contextValue = 'kbAudit.questionChanged';
    }
    item.command = { command: CommandId.AskQuestion, title: 'Open in the preview', arguments: [r.question] };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
