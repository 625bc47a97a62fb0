// Resolving the links between articles: which article (and which heading) a relative link
// points at, by the rules Markdown renderers follow.
import type { KnowledgeBase } from '../../knowledgeBase';
import type { Article, Link } from '../../model';

export type LinkTarget =
  | { kind: 'external' }
  /** A file the audit does not read (an image, a PDF, something outside the docs folder): not checked. */
  | { kind: 'unchecked'; path: string }
  | { kind: 'article'; article: Article; anchor: string | null; anchorFound: boolean }
  | { kind: 'missing'; path: string; anchor: string | null };

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const MARKDOWN = /\.(md|markdown)$/i;

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Joins a relative path onto a folder, resolving `.` and `..`; null when it climbs out of the root. */
function joinRelative(folder: string, path: string): string | null {
  const parts = folder ? folder.split('/') : [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

/** Heading slugs of an article, with GitHub's and markdown-it-anchor's spellings of them. */
function hasAnchor(article: Article, anchor: string): boolean {
  const wanted = decode(anchor).toLowerCase();
  return article.sections.some((s) => s.slug === wanted || s.slug.replace(/-+/g, '-') === wanted.replace(/-+/g, '-'));
}

export function resolveLink(kb: KnowledgeBase, from: Article, link: Link): LinkTarget {
  const href = link.href.trim();
  if (!href || SCHEME.test(href) || href.startsWith('//')) return { kind: 'external' };
  const hash = href.indexOf('#');
  const rawPath = (hash >= 0 ? href.slice(0, hash) : href).replace(/\?.*$/, '');
  const anchor = hash >= 0 ? href.slice(hash + 1) || null : null;
  if (rawPath === '') {
    return { kind: 'article', article: from, anchor, anchorFound: anchor === null || hasAnchor(from, anchor) };
  }
  const path = decode(rawPath);
  const folder = from.file.includes('/') ? from.file.slice(0, from.file.lastIndexOf('/')) : '';
  const resolved = path.startsWith('/') ? joinRelative('', path) : joinRelative(folder, path);
  if (resolved === null) return { kind: 'unchecked', path };
  const candidates = path.endsWith('/')
    ? [`${resolved}/index.md`, `${resolved}/README.md`, `${resolved}/readme.md`].map((p) => p.replace(/^\//, ''))
    : MARKDOWN.test(resolved)
      ? [resolved]
      : /\.[a-z0-9]{1,5}$/i.test(resolved)
        ? []
        : [`${resolved}.md`, `${resolved}/index.md`, `${resolved}/README.md`];
  if (candidates.length === 0) return { kind: 'unchecked', path: resolved };
  for (const candidate of candidates) {
    const article = kb.byFile.get(candidate);
    if (article) return { kind: 'article', article, anchor, anchorFound: anchor === null || hasAnchor(article, anchor) };
    if (kb.skipped.some((s) => s.file === candidate)) return { kind: 'unchecked', path: candidate };
  }
  return { kind: 'missing', path: candidates[0], anchor };
}

/** Where a link's target is written on its line, for the finding's columns. */
export function linkColumns(article: Article, link: Link): { column: number; endColumn: number } {
  const text = article.lines[link.line - 1] ?? '';
  for (const target of [link.href, decode(link.href)]) {
    const at = text.indexOf(`(${target}`);
    if (at >= 0) return { column: at + 2, endColumn: at + 2 + target.length };
  }
  const label = link.text ? text.indexOf(`[${link.text}]`) : -1;
  if (label >= 0) return { column: label + 1, endColumn: label + link.text.length + 3 };
  return { column: 1, endColumn: text.length + 1 };
}
