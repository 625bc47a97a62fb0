// Which locale each article is written in, and which article of the source locale it translates.
// Generators keep translations beside the source in a few shapes: Docusaurus'
// `i18n/<locale>/docusaurus-plugin-content-docs/current/…`, a folder per language (Hugo's
// `content/<lang>/` or `contentDir`, MkDocs' `docs/<lang>/`), a suffix (`page.<lang>.md`, Hugo and
// mkdocs-static-i18n) or front matter (`lang`, `locale`, `language`). An article's key is its path
// with the locale taken out: a translation and its source share it (or Hugo's `translationKey`).
import type { Site } from '../flavor';
import type { Article } from '../model';
import { isLocaleCode, normalizeLocale } from './codes';
import { TRAILING_SLASHES } from '../fileSystem';

export interface LocaleLayout {
  /** The locale translations are made from. */
  source: string;
  /** Every locale with articles, the source first, then by code. */
  locales: string[];
  /** Each article's locale, by file. */
  localeOf: Map<string, string>;
  /** Each article's path with its locale taken out, by file: a translation and its source share it. */
  keyOf: Map<string, string>;
  /** Each translation's source article, by the translation's file (absent: no source has its key). */
  sourceOf: Map<string, Article>;
  /** The articles of each locale, in the knowledge base's order. */
  articles: Map<string, Article[]>;
}

const DOCUSAURUS_I18N = /^(?:(.*?)\/)?i18n\/([^/]+)\/docusaurus-plugin-content-[a-z]+\/[^/]+\/(.*)$/;
const SUFFIX = /^(.*)\.([A-Za-z]{2}(?:[-_][A-Za-z0-9]{2,4})?)\.(md|mdx|markdown)$/;
const FRONT_MATTER_KEYS = ['lang', 'locale', 'language'];

interface Placed {
  locale: string | null;
  key: string;
  /** How it was found: a folder or suffix of a code not listed anywhere needs a source to pair with. */
  listed: boolean;
}

/** The locale of the site a code names, if it is one: listed by the site, or shaped like one. */
function asLocale(code: string, listed: ReadonlySet<string>): { locale: string; listed: boolean } | null {
  const locale = normalizeLocale(code);
  if (listed.has(locale)) return { locale, listed: true };
  if (listed.size === 0 && isLocaleCode(code)) return { locale, listed: false };
  return null;
}

function place(article: Article, listed: ReadonlySet<string>, folders: ReadonlyArray<[string, string]>): Placed {
  const file = article.file;
  let locale: string | null = null;
  let key = file;
  let byList = false;
  const i18n = DOCUSAURUS_I18N.exec(file);
  const folder = folders.find(([prefix]) => file.startsWith(`${prefix}/`));
  if (i18n) {
    locale = normalizeLocale(i18n[2]);
    byList = true;
    // The source of i18n/fr/…/current/a.md is docs/a.md when the site's folder is audited.
    key = i18n[1] !== undefined ? `${i18n[1]}/${i18n[3]}` : i18n[3];
    key = `\u0000docs/${key}`;
  } else if (folder) {
    locale = normalizeLocale(folder[1]);
    byList = true;
    key = file.slice(folder[0].length + 1);
  } else {
    const slash = file.indexOf('/');
    const first = slash > 0 ? asLocale(file.slice(0, slash), listed) : null;
    if (first) {
      ({ locale, listed: byList } = first);
      key = file.slice(slash + 1);
    }
  }
  const suffix = SUFFIX.exec(key);
  const bySuffix = suffix ? asLocale(suffix[2], listed) : null;
  if (suffix && bySuffix && (locale === null || locale === bySuffix.locale)) {
    locale = bySuffix.locale;
    byList ||= bySuffix.listed;
    key = `${suffix[1]}.${suffix[3]}`;
  }
  const data = article.frontMatter?.data ?? {};
  for (const name of FRONT_MATTER_KEYS) {
    const value = data[name];
    if (typeof value === 'string' && isLocaleCode(value)) {
      locale = normalizeLocale(value);
      byList = true;
      break;
    }
  }
  if (typeof data.translationKey === 'string' && data.translationKey.trim()) key = `\u0001${data.translationKey.trim()}`;
  // Hugo reads the Markdown of a page however it is suffixed: pair `a.md` with `a.mdx` the same.
  if (!key.startsWith('\u0001')) key = key.replace(/\.(md|mdx|markdown)$/i, '');
  return { locale, key, listed: byList };
}

const placements = new WeakMap<Article, { settings: string; placed: Placed }>();

/**
 * The locales of a knowledge base, or null when it has one (or kb-audit.json says `"layout": "none"`).
 * Files without a locale of their own are the source's.
 */
export function detectLocales(site: Site, articles: readonly Article[]): LocaleLayout | null {
  const languages = site.languages;
  if (languages?.layout === 'none') return null;
  const listed = new Set((languages?.codes ?? []).map(normalizeLocale));
  const source = normalizeLocale(languages?.source ?? (listed.has('en') || listed.size === 0 ? 'en' : [...listed][0]));
  listed.add(source);
  if (listed.size === 1) listed.clear();
  const folders = Object.entries(languages?.folders ?? {}).map(([prefix, code]) => [prefix.replace(TRAILING_SLASHES, ''), code] as [string, string]);
  const placed = new Map<string, Placed>();
  // Where each article stands depends on its path, its front matter and these settings alone: kept
  // per article object, an edit in the editor places the edited article again, not every article.
  const settings = JSON.stringify([[...listed], folders]);
  let elsewhere = false;
  for (const article of articles) {
    let cached = placements.get(article);
    if (cached?.settings !== settings) placements.set(article, (cached = { settings, placed: place(article, listed, folders) }));
    placed.set(article.file, cached.placed);
    elsewhere ||= cached.placed.locale !== null && cached.placed.locale !== source;
  }
  // Every article in the source's locale: one locale.
  if (!elsewhere) return null;

  // Source keys: a Docusaurus translation's key names the docs folder; the source's may or may not.
  const sourceKeys = new Map<string, Article>();
  const isSource = (p: Placed) => p.locale === null || p.locale === source;
  for (const article of articles) {
    const p = placed.get(article.file)!;
    if (!isSource(p)) continue;
    if (!sourceKeys.has(p.key)) sourceKeys.set(p.key, article);
    if (!sourceKeys.has(`\u0000docs/${p.key}`)) sourceKeys.set(`\u0000docs/${p.key}`, article);
    if (!sourceKeys.has(`\u0000${p.key}`)) sourceKeys.set(`\u0000${p.key}`, article);
  }
  // A folder or suffix that only looks like a locale ("it/", "setup.pl.md") and pairs with nothing
  // is read as what it is: a path of the source.
  const pairs = new Map<string, number>();
  for (const p of placed.values()) {
    if (isSource(p) || p.listed) continue;
    pairs.set(p.locale!, (pairs.get(p.locale!) ?? 0) + (sourceKeys.has(p.key) ? 1 : 0));
  }
  for (const [file, p] of placed) {
    if (!isSource(p) && !p.listed && !pairs.get(p.locale!)) placed.set(file, { locale: null, key: file.replace(/\.(md|mdx|markdown)$/i, ''), listed: false });
  }

  const localeOf = new Map<string, string>();
  const keyOf = new Map<string, string>();
  const sourceOf = new Map<string, Article>();
  const byLocale = new Map<string, Article[]>();
  for (const article of articles) {
    const p = placed.get(article.file)!;
    const locale = p.locale ?? source;
    localeOf.set(article.file, locale);
    keyOf.set(article.file, p.key);
    let list = byLocale.get(locale);
    if (!list) byLocale.set(locale, (list = []));
    list.push(article);
    if (locale !== source) {
      const original = sourceKeys.get(p.key);
      if (original) sourceOf.set(article.file, original);
    }
  }
  if (byLocale.size < 2) return null;
  const locales = [...byLocale.keys()].sort((a, b) => (a === source ? -1 : b === source ? 1 : a < b ? -1 : a > b ? 1 : 0));
  return { source, locales, localeOf, keyOf, sourceOf, articles: byLocale };
}

/** The path an article's routes are made from: its key as a file (`a/b.md` of `de/a/b.md`, `a/b.de.md`). */
export function routePath(layout: LocaleLayout, article: Article): string {
  const key = layout.keyOf.get(article.file);
  if (key === undefined || key.startsWith('\u0001')) return article.file;
  const ext = /\.(md|mdx|markdown)$/i.exec(article.file)?.[0] ?? '.md';
  return `${key.replace(/^\u0000(?:docs\/)?/, '')}${ext}`;
}
