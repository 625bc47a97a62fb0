// The Knowledge Base view: articles, then their sections, each with its finding and routed-
// question counts. Reads the in-memory audit only; no file I/O in getChildren.
import * as vscode from 'vscode';
import type { Article, Finding, Section } from '../../core/model';
import type { AuditController, KbEntry } from '../auditController';
import { CommandId } from '../commandIds';
import { describeArticleMark, type ArticleChange } from '../comparison';
import { plural } from './treeSnapshot';
import { localeLayout } from '../../core/locale/scopes';
import type { LocaleLayout } from '../../core/locale/layout';

type Node =
  | { kind: 'folder'; entry: KbEntry }
  /** One locale of a translated knowledge base, the source first. */
  | { kind: 'locale'; entry: KbEntry; locale: string }
  | { kind: 'article'; entry: KbEntry; article: Article }
  | { kind: 'section'; entry: KbEntry; article: Article; section: Section }
  /** An article of the branch compared with that the working tree no longer has. */
  | { kind: 'removed'; entry: KbEntry; file: string };

const CHANGE_ICON: Record<ArticleChange | 'removed', vscode.ThemeIcon> = {
  added: new vscode.ThemeIcon('diff-added', new vscode.ThemeColor('gitDecoration.addedResourceForeground')),
  edited: new vscode.ThemeIcon('diff-modified', new vscode.ThemeColor('gitDecoration.modifiedResourceForeground')),
  renamed: new vscode.ThemeIcon('diff-renamed', new vscode.ThemeColor('gitDecoration.renamedResourceForeground')),
  removed: new vscode.ThemeIcon('diff-removed', new vscode.ThemeColor('gitDecoration.deletedResourceForeground')),
};

/**
 * The entry's articles, then (after Compare with Branch) those the branch has and the working
 * tree has not; in a translated knowledge base, its locales, each holding its own articles.
 */
function articleNodes(entry: KbEntry, locale?: string): Node[] {
  const kb = entry.session?.kb;
  const layout = kb ? localeLayout(kb) : null;
  if (layout && locale === undefined) {
    const nodes: Node[] = layout.locales.map((code) => ({ kind: 'locale', entry, locale: code }));
    for (const file of entry.comparison?.removed ?? []) nodes.push({ kind: 'removed', entry, file });
    return nodes;
  }
  const articles = layout && locale !== undefined ? (layout.articles.get(locale) ?? []) : (kb?.articles ?? []);
  const nodes: Node[] = articles.map((article) => ({ kind: 'article', entry, article }));
  if (!layout) for (const file of entry.comparison?.removed ?? []) nodes.push({ kind: 'removed', entry, file });
  return nodes;
}

/** What a locale's node says: its articles, and for a translation, what is untranslated and what drifts. */
function describeLocale(entry: KbEntry, layout: LocaleLayout, locale: string): { description: string; tooltip: string } {
  const articles = layout.articles.get(locale) ?? [];
  if (locale === layout.source) {
    return { description: `source · ${plural(articles.length, 'article')}`, tooltip: `${locale}: the source locale, ${plural(articles.length, 'article')}` };
  }
  const sources = layout.articles.get(layout.source) ?? [];
  const translated = new Set(articles.map((a) => layout.sourceOf.get(a.file)).filter((a) => a !== undefined));
  const untranslated = sources.filter((a) => !translated.has(a)).length;
  const drifting = articles.filter((a) => entry.session!.findingsFor(a.file).some((f) => f.ruleId === 'translation-drift')).length;
  const parts = [plural(articles.length, 'article')];
  if (untranslated) parts.push(`${untranslated} untranslated`);
  if (drifting) parts.push(`${drifting} drifting`);
  return {
    description: parts.join(' · '),
    tooltip: `${locale}: ${plural(articles.length, 'article')}; ${untranslated} of the ${plural(sources.length, 'source article')} (${layout.source}) have no ${locale} version; ${plural(drifting, 'translation')} drift from their source`,
  };
}

/** Each source article's translations (their files, in the order of the locales), worked out once per layout. */
const translationFiles = new WeakMap<LocaleLayout, Map<string, string[]>>();

/** The locales an article of the source is translated into, and which of those drift, by the source's file. */
function translationsOf(entry: KbEntry, layout: LocaleLayout, file: string): { locale: string; drifts: boolean }[] {
  let bySource = translationFiles.get(layout);
  if (!bySource) {
    bySource = new Map();
    for (const [translation, source] of layout.sourceOf) {
      let list = bySource.get(source.file);
      if (!list) bySource.set(source.file, (list = []));
      list.push(translation);
    }
    const rank = (f: string) => layout.locales.indexOf(layout.localeOf.get(f)!);
    for (const list of bySource.values()) list.sort((a, b) => rank(a) - rank(b));
    translationFiles.set(layout, bySource);
  }
  return (bySource.get(file) ?? []).map((translation) => ({
    locale: layout.localeOf.get(translation)!,
    drifts: entry.session!.findingsFor(translation).some((f) => f.ruleId === 'translation-drift'),
  }));
}

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
      return entry ? articleNodes(entry) : [];
    }
    if (node.kind === 'folder') return articleNodes(node.entry);
    if (node.kind === 'locale') return articleNodes(node.entry, node.locale);
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
    if (node.kind === 'locale') {
      const layout = localeLayout(node.entry.session!.kb)!;
      const item = new vscode.TreeItem(node.locale, node.locale === layout.source ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `${node.entry.folder.uri.toString()}::locale::${node.locale}`;
      ({ description: item.description, tooltip: item.tooltip } = describeLocale(node.entry, layout, node.locale));
      item.iconPath = new vscode.ThemeIcon('globe');
      item.contextValue = 'kbAudit.locale';
      return item;
    }
    if (node.kind === 'removed') {
      const base = node.entry.comparison?.base ?? 'the branch';
      const item = new vscode.TreeItem(node.file, vscode.TreeItemCollapsibleState.None);
      item.id = `${node.entry.folder.uri.toString()}::removed::${node.file}`;
      item.description = `removed since ${base}`;
      item.tooltip = `${node.file}\nIn ${node.entry.comparison?.baseName ?? base}, not in the working tree.`;
      item.iconPath = CHANGE_ICON.removed;
      item.contextValue = 'kbAudit.removedArticle';
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
      // A source article says which translations it has, and which of them drift.
      const layout = localeLayout(session.kb);
      if (layout && layout.localeOf.get(node.article.file) === layout.source) {
        const translations = translationsOf(node.entry, layout, node.article.file);
        if (translations.length) {
          item.description = `${item.description} · ${translations.map((t) => (t.drifts ? `${t.locale} (drifts)` : t.locale)).join(', ')}`;
          item.tooltip = `${item.tooltip}\nTranslated into ${translations.map((t) => t.locale).join(', ')}${translations.some((t) => t.drifts) ? `; drifting: ${translations.filter((t) => t.drifts).map((t) => t.locale).join(', ')}` : ''}`;
        }
      }
      const comparison = node.entry.comparison;
      const mark = comparison?.articles.get(node.article.file);
      if (comparison && mark) {
        const said = describeArticleMark(mark, comparison.base);
        item.description = `${said} · ${item.description}`;
        item.tooltip = `${item.tooltip}\n${said.replace(comparison.base, comparison.baseName)}`;
        item.iconPath = CHANGE_ICON[mark.change];
      }
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
