// Resolving the links between articles: which article (and which heading) a relative link
// points at, by the rules Markdown renderers follow.
import type { KnowledgeBase } from '../../knowledgeBase';
import { flavorById } from '../../flavor';
import { normalizeRoute } from '../../flavor/helpers';
import { articleRoutes, pathRoute } from '../../flavor/routes';
import type { Article, Link } from '../../model';
import { memoize } from '../../similarity/corpus';
import { localeKnowledgeBases } from '../../locale/scopes';
import { TRAILING_SLASHES } from '../../fileSystem';

export type LinkTarget =
  | { kind: 'external' }
  /** A file the audit does not read (an image, a PDF, something outside the docs folder): not checked. */
  | { kind: 'unchecked'; path: string }
  | { kind: 'article'; article: Article; anchor: string | null; anchorFound: boolean }
  | { kind: 'missing'; path: string; anchor: string | null };

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const ARTICLE_FILE = /\.(md|mdx|markdown)$/i;
const OTHER_FILE = /\.(?!html?$)[a-z0-9]{1,5}$/i;

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

/** Does the article have this anchor: a heading's slug or explicit id, or an HTML anchor? */
function hasAnchor(article: Article, anchor: string): boolean {
  const wanted = decode(anchor).toLowerCase();
  const { slugs, looseSlugs, anchors } = anchorsOf(article);
  return slugs.has(wanted) || looseSlugs.has(loose(wanted)) || anchors.has(wanted);
}

/** A slug with each run of hyphens as one: "a--b" and "a-b" are one anchor to some renderers. */
const loose = (slug: string) => slug.replace(/-+/g, '-');

interface Anchors {
  /** The headings' slugs lower-cased, the same slugs loose (as written otherwise), and the other anchors lower-cased. */
  slugs: Set<string>;
  looseSlugs: Set<string>;
  anchors: Set<string>;
}

/**
 * An article's anchors as sets, made when it is first linked to with an anchor: a long page with
 * a table of contents links to each of its hundreds of headings, and looking each one up among
 * all of them took time growing with the square of their number.
 */
const anchorSets = new WeakMap<Article, Anchors>();

function anchorsOf(article: Article): Anchors {
  let sets = anchorSets.get(article);
  if (!sets) {
    sets = {
      slugs: new Set(article.sections.map((s) => s.slug.toLowerCase())),
      looseSlugs: new Set(article.sections.map((s) => loose(s.slug))),
      anchors: new Set((article.anchors ?? []).map((a) => a.toLowerCase())),
    };
    anchorSets.set(article, sets);
  }
  return sets;
}

interface LinkIndex {
  /** Articles by route (see flavor/routes). */
  byRoute: Map<string, Article>;
  /** Articles by file name without extension, lower-cased (wikilinks, Hugo's ref by name). */
  byName: Map<string, Article[]>;
  /** First segments of every route and file: a site link outside them points at a page the KB does not hold. */
  topSegments: Set<string>;
}

function linkIndex(kb: KnowledgeBase): LinkIndex {
  return memoize(kb, 'link-index', () => {
    const byRoute = new Map<string, Article>();
    const byName = new Map<string, Article[]>();
    const topSegments = new Set<string>();
    for (const article of kb.articles) {
      for (const route of articleRoutes(kb.site, article)) {
        if (!byRoute.has(route)) byRoute.set(route, article);
        topSegments.add(route.split('/')[0]);
      }
      topSegments.add(article.file.split('/')[0].toLowerCase().replace(ARTICLE_FILE, ''));
      const name = article.file.slice(article.file.lastIndexOf('/') + 1).replace(ARTICLE_FILE, '').toLowerCase();
      const list = byName.get(name);
      if (list) list.push(article);
      else byName.set(name, [article]);
    }
    return { byRoute, byName, topSegments };
  });
}

function found(article: Article, anchor: string | null): LinkTarget {
  return { kind: 'article', article, anchor, anchorFound: anchor === null || hasAnchor(article, anchor) };
}

/** The article a note name means: the one with that file name, or the one whose path ends with it. */
function byNoteName(kb: KnowledgeBase, name: string): Article | null {
  const index = linkIndex(kb);
  const wanted = name.replace(ARTICLE_FILE, '').replace(/^\/+/, '').toLowerCase();
  const base = wanted.slice(wanted.lastIndexOf('/') + 1);
  const candidates = index.byName.get(base) ?? [];
  if (candidates.length === 1) return candidates[0];
  return candidates.find((a) => a.file.toLowerCase().replace(ARTICLE_FILE, '').endsWith(wanted)) ?? candidates[0] ?? null;
}

/** The path of a link to the KB's own published site, from its root; null for any other address. */
function sitePath(kb: KnowledgeBase, href: string): string | null {
  for (const url of kb.site.siteUrls) {
    const base = url.replace(/^https?:\/\/(www\.)?/i, '').replace(TRAILING_SLASHES, '').toLowerCase();
    const target = href.replace(/^https?:\/\/(www\.)?/i, '');
    if (target.toLowerCase() === base || target.toLowerCase().startsWith(`${base}/`) || target.toLowerCase().startsWith(`${base}#`)) {
      const host = base.split('/')[0];
      return target.slice(host.length) || '/';
    }
  }
  return null;
}

export function resolveLink(kb: KnowledgeBase, from: Article, link: Link): LinkTarget {
  const target = resolveWithin(kb, from, link);
  // A page of one locale may link to another locale's page (a translation to the source's): a
  // link found nowhere in its own locale is looked for in the others, the source's first.
  if (target.kind !== 'missing' || !kb.whole) return target;
  for (const other of localeKnowledgeBases(kb.whole)) {
    if (other === kb) continue;
    const elsewhere = resolveWithin(other, from, link);
    if (elsewhere.kind === 'article') return elsewhere;
  }
  return target;
}

function resolveWithin(kb: KnowledgeBase, from: Article, link: Link): LinkTarget {
  let href = link.href.trim();
  if (link.syntax === 'wikilink') {
    const hash = href.indexOf('#');
    const name = hash >= 0 ? href.slice(0, hash) : href;
    const anchor = hash >= 0 ? href.slice(hash + 1) || null : null;
    if (name === '') return found(from, anchor && anchor.toLowerCase().replace(/\s+/g, '-'));
    if (OTHER_FILE.test(name) && !ARTICLE_FILE.test(name)) return { kind: 'unchecked', path: name };
    const article = byNoteName(kb, name);
    if (!article) return { kind: 'missing', path: name, anchor };
    // A wikilink names the heading as written; its anchor is the heading's slug.
    return found(article, anchor && anchor.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-'));
  }
  const onSite = /^https?:/i.test(href) ? sitePath(kb, href) : null;
  if (onSite !== null) href = onSite;
  else if (!href || SCHEME.test(href) || href.startsWith('//')) return { kind: 'external' };
  const hash = href.indexOf('#');
  const rawPath = (hash >= 0 ? href.slice(0, hash) : href).replace(/\?[^]*$/, '');
  const anchor = hash >= 0 ? href.slice(hash + 1) || null : null;
  if (rawPath === '') return found(from, anchor);
  const path = decode(rawPath);
  const folder = from.file.includes('/') ? from.file.slice(0, from.file.lastIndexOf('/')) : '';
  const absolute = path.startsWith('/');
  const flavor = flavorById(kb.site.flavor);

  // 1. A file, as the link is written: relative to the article, or to the docs root (with or
  //    without the path the docs are served under).
  const base = kb.site.basePath.replace(TRAILING_SLASHES, '');
  const underBase = absolute && base !== '' && path.toLowerCase().startsWith(`${base.toLowerCase()}/`);
  const resolved = absolute ? joinRelative('', underBase ? path.slice(base.length) : path) : joinRelative(folder, path);
  if (resolved !== null) {
    const bare = resolved.replace(/\.html?$/i, '').replace(TRAILING_SLASHES, '');
    const folderPages = () => {
      const pages = [...flavor.indexNames, 'index', 'README', '_index'].flatMap((n) => [`${bare}/${n}.md`, `${bare}/${n}.mdx`]);
      if (flavor.folderNamedIndex) {
        const last = bare.slice(bare.lastIndexOf('/') + 1);
        pages.push(`${bare}/${last}.md`, `${bare}/${last}.mdx`);
      }
      return pages;
    };
    const candidates = ARTICLE_FILE.test(resolved)
      ? [resolved]
      : OTHER_FILE.test(resolved)
        ? []
        : path.endsWith('/')
          ? folderPages()
          : [`${bare}.md`, `${bare}.mdx`, `${bare}.markdown`, ...folderPages()];
    if (candidates.length === 0) return { kind: 'unchecked', path: resolved };
    for (const candidate of candidates) {
      const article = kb.byFile.get(candidate.replace(/^\//, ''));
      if (article) return found(article, anchor);
      if (kb.skipped.some((s) => s.file === candidate)) return { kind: 'unchecked', path: candidate };
    }
  }

  // 2. A route the site serves: from the site's root (less the docs' base path), or relative to
  //    the page's own address (pretty URLs serve a/b.md at /a/b/).
  const index = linkIndex(kb);
  const routes: string[] = [];
  const generated = kb.site.flavor !== 'plain' && kb.site.flavor !== 'github';
  if (!generated && onSite === null) {
    // Plain Markdown is read file by file: a link either names a file or it does not. An address
    // on the KB's own site is the exception: whatever renders it serves each file at its path.
  } else if (absolute) {
    if (underBase || (base !== '' && path.toLowerCase() === base.toLowerCase())) routes.push(normalizeRoute(path.slice(base.length)));
    routes.push(normalizeRoute(path));
  } else {
    const own = articleRoutes(kb.site, from)[0] ?? '';
    const fromPage = joinRelative(own, path);
    const fromFolder = joinRelative(pathRoute(flavor, from.file).split('/').slice(0, -1).join('/'), path);
    for (const r of [fromPage, fromFolder]) if (r !== null) routes.push(normalizeRoute(r));
    // Generators look a page up from the content root too (Hugo's ref and page shortcodes).
    routes.push(normalizeRoute(path));
  }
  for (const route of routes) {
    const article = index.byRoute.get(route);
    if (article) return found(article, anchor);
  }
  // 3. Hugo's ref and relref name a page by its file name alone, or a section by its folder's.
  if (kb.site.flavor === 'hugo' && !path.includes('/')) {
    const name = normalizeRoute(path);
    const article = byNoteName(kb, path) ?? [...index.byRoute].find(([route]) => route === name || route.endsWith(`/${name}`))?.[1];
    if (article) return found(article, anchor);
  }
  // Hugo looks pages up from the content root: name the page as the link wrote it.
  const target = (kb.site.flavor === 'hugo' && !absolute && !path.startsWith('.') ? path.replace(/^\/+/, '') : resolved) ?? normalizeRoute(path);
  if (ARTICLE_FILE.test(path)) return { kind: 'missing', path: target.replace(/^\//, ''), anchor };
  // A route into a part of the site the KB does not hold (a blog, generated pages, another
  // plugin's docs) is not the KB's to judge; a route into its own sections that leads nowhere is.
  if (generated) {
    const top = routes.map((r) => r.split('/')[0]);
    if (!top.some((t) => index.topSegments.has(t))) return { kind: 'unchecked', path: target };
  }
  const missing = path.endsWith('/') ? `${target.replace(TRAILING_SLASHES, '')}/index.md` : `${target}.md`;
  return { kind: 'missing', path: missing.replace(/^\//, ''), anchor };
}

/** Where a link's target is written on its line, for the finding's columns. */
export function linkColumns(article: Article, link: Link): { column: number; endColumn: number } {
  const text = article.lines.at(link.line - 1) ?? '';
  for (const target of [link.href, decode(link.href)]) {
    const at = text.indexOf(`(${target}`);
    if (at >= 0) return { column: at + 2, endColumn: at + 2 + target.length };
  }
  const label = link.text ? text.indexOf(`[${link.text}]`) : -1;
  if (label >= 0) return { column: label + 1, endColumn: label + link.text.length + 3 };
  return { column: 1, endColumn: text.length + 1 };
}
