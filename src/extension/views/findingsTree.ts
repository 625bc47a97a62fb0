// The Findings view: every finding, grouped by rule or by file (switchable from the title bar).
import * as vscode from 'vscode';
import type { Finding, Severity } from '../../core/model';
import type { AuditController, KbEntry } from '../auditController';
import { CommandId } from '../commandIds';
import { plural } from './treeSnapshot';

export type FindingsGrouping = 'rule' | 'file';

type Node = { kind: 'group'; key: string; items: { entry: KbEntry; finding: Finding }[] } | { kind: 'finding'; entry: KbEntry; finding: Finding };

const ICON: Record<Severity, vscode.ThemeIcon> = {
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  info: new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground')),
};

/** A finding the baseline holds: muted, as its hint is in the editor. */
const BASELINED_ICON = new vscode.ThemeIcon('circle-outline', new vscode.ThemeColor('disabledForeground'));

export class FindingsTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  grouping: FindingsGrouping = 'rule';

  constructor(private readonly controller: AuditController) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  setGrouping(grouping: FindingsGrouping): void {
    this.grouping = grouping;
    this.refresh();
  }

  getChildren(node?: Node): Node[] {
    if (node) return node.kind === 'group' ? node.items.map(({ entry, finding }) => ({ kind: 'finding', entry, finding })) : [];
    const groups = new Map<string, { entry: KbEntry; finding: Finding }[]>();
    const multiRoot = this.controller.entries.filter((e) => e.session).length > 1;
    for (const entry of this.controller.entries) {
      for (const finding of entry.session?.findings ?? []) {
        // As in the Problems panel: the baseline's findings muted, or left out (kbAudit.baseline.findings).
        if (this.controller.baselineStateOf(entry, finding) === 'hide') continue;
        const key = this.grouping === 'rule' ? finding.ruleId : multiRoot ? `${entry.folder.name}/${finding.file}` : finding.file;
        let list = groups.get(key);
        if (!list) groups.set(key, (list = []));
        list.push({ entry, finding });
      }
    }
    return [...groups.keys()].sort().map((key) => ({ kind: 'group', key, items: groups.get(key)! }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.key, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `${this.grouping}:${node.key}`;
      const baselined = node.items.filter(({ entry, finding }) => this.controller.baselineStateOf(entry, finding) === 'hint').length;
      item.description = baselined > 0 ? `${plural(node.items.length, 'finding')} (${baselined} in the baseline)` : plural(node.items.length, 'finding');
      if (this.grouping === 'file') {
        const first = node.items[0];
        item.resourceUri = this.controller.uriOf(first.entry, first.finding.file);
        item.iconPath = vscode.ThemeIcon.File;
      } else {
        item.iconPath = new vscode.ThemeIcon('symbol-ruler');
      }
      item.contextValue = 'kbAudit.findingGroup';
      return item;
    }
    const { finding } = node;
    const inBaseline = this.controller.baselineStateOf(node.entry, finding) === 'hint';
    const item = new vscode.TreeItem(finding.message, vscode.TreeItemCollapsibleState.None);
    const where = this.grouping === 'rule' ? `${finding.file}:${finding.line}` : `${finding.ruleId} · line ${finding.line}`;
    item.description = inBaseline ? `${where} · in the baseline` : where;
    item.tooltip = `${finding.severity} ${finding.ruleId}\n${finding.file}:${finding.line}:${finding.column}\n${finding.message}`;
    if (inBaseline) item.tooltip += '\nIn the baseline: known before, not what CI gates on.';
    item.iconPath = inBaseline ? BASELINED_ICON : ICON[finding.severity];
    item.contextValue = finding.related?.length ? 'kbAudit.findingWithTwin' : 'kbAudit.finding';
    const uri = this.controller.uriOf(node.entry, finding.file);
    item.command = {
      command: CommandId.OpenLocation,
      title: 'Open finding',
      arguments: [uri, finding.line, finding.column, finding.endLine, finding.endColumn],
    };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
