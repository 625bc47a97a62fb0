// The Knowledge Base view: articles, then their sections, each with its finding and routed-
// question counts. Reads the in-memory audit only; no file I/O in getChildren.
import * as vscode from 'vscode';
import type { Article, Finding, Section } from '../../core/model';
import type { AuditController, KbEntry } from '../auditController';
import { CommandId } from '../commandIds';
import { plural } from './treeSnapshot';

type Node =
  | { kind: 'folder'; entry: KbEntry }
  | { kind: 'article'; entry: KbEntry; article: Article }
  | { kind: 'section'; entry: KbEntry; article: Article; section: Section };

function findingsIn(findings: Finding[], section: Section, next: Section | undefined): number {
  const end = next ? next.startLine - 1 : Number.POSITIVE_INFINITY;
  return findings.filter((f) => f.line >= section.startLine && f.line <= end).length;
}

export class KnowledgeBaseTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly controller: AuditController) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      const entries = this.controller.entries.filter((e) => e.session);
      if (entries.length > 1) return entries.map((entry) => ({ kind: 'folder', entry }));
      const entry = entries[0];
      return entry ? entry.session!.kb.articles.map((article) => ({ kind: 'article', entry, article })) : [];
    }
    if (node.kind === 'folder') return node.entry.session?.kb.articles.map((article) => ({ kind: 'article', entry: node.entry, article })) ?? [];
    if (node.kind === 'article') {
      return node.article.sections.filter((s) => s.level > 0).map((section) => ({ kind: 'section', entry: node.entry, article: node.article, section }));
    }
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'folder') {
      const item = new vscode.TreeItem(node.entry.folder.name, vscode.TreeItemCollapsibleState.Expanded);
      item.iconPath = new vscode.ThemeIcon('root-folder');
      item.description = plural(node.entry.session?.kb.articles.length ?? 0, 'article');
      return item;
    }
    const session = node.entry.session!;
    const uri = this.controller.uriOf(node.entry, node.article.file)!;
    const findings = session.findingsFor(node.article.file);
    const counts = node.entry.preview?.bySection;
    if (node.kind === 'article') {
      const routed = node.article.sections.reduce((n, s) => n + (counts?.get(s.id)?.answered ?? 0) + (counts?.get(s.id)?.clarify ?? 0), 0);
      const item = new vscode.TreeItem(node.article.title, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `${node.entry.folder.uri.toString()}::${node.article.file}`;
      item.resourceUri = uri;
      item.description = [node.article.file, findings.length ? plural(findings.length, 'finding') : '', counts ? plural(routed, 'question') : '']
        .filter(Boolean)
        .join(' · ');
      item.tooltip = `${node.article.file}\n${plural(findings.length, 'finding')}${counts ? `, ${plural(routed, 'sample question')} routed here` : ''}`;
      item.iconPath = new vscode.ThemeIcon(findings.length ? 'warning' : 'book');
      item.contextValue = 'kbAudit.article';
      item.command = { command: CommandId.OpenLocation, title: 'Open article', arguments: [uri, 1] };
      return item;
    }
    const sections = node.article.sections;
    const next = sections[sections.indexOf(node.section) + 1];
    const sectionFindings = findingsIn(findings, node.section, next);
    const questionCounts = counts?.get(node.section.id);
    const item = new vscode.TreeItem(node.section.heading, vscode.TreeItemCollapsibleState.None);
    item.id = `${node.entry.folder.uri.toString()}::${node.section.id}`;
    const parts = [`H${node.section.level}`];
    if (sectionFindings) parts.push(plural(sectionFindings, 'finding'));
    if (counts) parts.push(plural((questionCounts?.answered ?? 0) + (questionCounts?.clarify ?? 0), 'question'));
    item.description = parts.join(' · ');
    item.tooltip = `${node.section.headingPath.join(' › ')}\nline ${node.section.startLine}`;
    item.iconPath = new vscode.ThemeIcon(sectionFindings ? 'warning' : 'symbol-string');
    item.contextValue = 'kbAudit.section';
    item.command = { command: CommandId.OpenLocation, title: 'Reveal heading', arguments: [uri, node.section.startLine] };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
