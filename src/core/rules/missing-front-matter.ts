import picomatch from 'picomatch';
import { flavorById } from '../flavor';
import type { KnowledgeBase } from '../knowledgeBase';
import type { Article, Fix } from '../model';
import type { ArticleRule } from './types';
import { isoDay } from './util/dates';
import { reviewDateKeys } from './util/options';
import { titleSection } from './util/sections';

export interface MissingFrontMatterOptions {
  /** Required keys; "a|b" means either will do. */
  fields: string[];
  /** Extra required keys for the articles matching some globs. */
  overrides: Array<{ files: string[]; fields: string[] }>;
}

function present(data: Record<string, unknown>, key: string): boolean {
  const value = data[key];
  return value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);
}

/** Front-matter keys generators title a page by when `title` is not there. */
const TITLE_KEYS = ['sidebar_label', 'linkTitle', 'link_title', 'nav_title', 'navTitle', 'menu_title', 'menuTitle', 'short_title', 'shortTitle'];

/**
 * A page has a title when the front matter gives one under any name, or the page opens with a
 * heading (an H1, or the first heading before any text); a page with no text (a redirect, a
 * layout stub) has nothing to title.
 */
function hasTitle(article: Article, data: Record<string, unknown>): boolean {
  if (present(data, 'title') || TITLE_KEYS.some((key) => present(data, key))) return true;
  if (article.sections.some((s) => s.level === 1)) return true;
  const first = article.sections.find((s) => s.level > 0 || s.blocks.length > 0);
  return first === undefined || first.level > 0;
}

/**
 * True when `article` has the field "a|b" (either key). `title` is also met by the page's own
 * title, and always where the generator titles pages by their file names.
 */
function hasField(article: Article, field: string, titledByFileName: boolean): boolean {
  const data = article.frontMatter?.data ?? {};
  return field.split('|').some((key) => {
    const name = key.trim();
    return name === 'title' ? titledByFileName || hasTitle(article, data) : present(data, name);
  });
}

/** A key written with no value (`owner:`): nothing to add, a value to fill in. */
function writtenEmpty(article: Article, field: string): boolean {
  const data = article.frontMatter?.data ?? {};
  return field.split('|').some((key) => Object.hasOwn(data, key.trim()));
}

/** Broken front matter is front-matter-invalid's finding; its fields are unknown, not missing. */
function frontMatterBroken(article: Article): boolean {
  return article.parseFindings.some((f) => f.ruleId === 'front-matter-invalid');
}

interface Convention {
  /** Articles whose front matter could be read. */
  articles: number;
  /** Of those, how many have each field. */
  having: Map<string, number>;
  /** Where a knowledge-base-level note goes: the home page, or the first article. */
  home: Article | undefined;
}

const HOME = /^(?:_?index|readme|home|intro(?:duction)?)\.(?:md|mdx|markdown)$/i;

/** The knowledge base's home page: a top-level index, README or intro, else its shallowest first article. */
function homeArticle(kb: KnowledgeBase): Article | undefined {
  const depth = (a: Article) => {
    let n = 1;
    for (let at = a.file.indexOf('/'); at >= 0; at = a.file.indexOf('/', at + 1)) n++;
    return n;
  };
  const top = kb.articles.filter((a) => !a.file.includes('/'));
  const named = (pattern: RegExp) => top.find((a) => pattern.test(a.file));
  const found = named(/^_?index\./i) ?? named(/^readme\./i) ?? named(HOME);
  if (found || top.length > 0) return found ?? top[0];
  // The first of the shallowest articles.
  let shallowest: Article | undefined;
  for (const article of kb.articles) if (!shallowest || depth(article) < depth(shallowest)) shallowest = article;
  return shallowest;
}

/** The site's generator titles a page by its file name when nothing else titles it. */
function titledByFileName(kb: KnowledgeBase): boolean {
  return flavorById(kb.site.flavor).titlesFromFileName;
}

const conventions = new WeakMap<KnowledgeBase, Map<string, Convention>>();

/**
 * Which of `fields` one article has (null when its front matter is broken), kept per article
 * object: an edit in the editor makes a new knowledge base but keeps the other articles, so the
 * convention is counted again without reading every article's front matter again.
 */
const articleFields = new WeakMap<Article, { key: string; has: boolean[] | null }>();
function fieldsOf(article: Article, cacheKey: string, fields: string[], titled: boolean): boolean[] | null {
  const cached = articleFields.get(article);
  if (cached?.key === cacheKey) return cached.has;
  const has = frontMatterBroken(article) ? null : fields.map((f) => hasField(article, f, titled));
  articleFields.set(article, { key: cacheKey, has });
  return has;
}

/** How many articles have each field: a field most articles have is the knowledge base's convention. */
function conventionOf(kb: KnowledgeBase, fields: string[]): Convention {
  let byFields = conventions.get(kb);
  if (!byFields) conventions.set(kb, (byFields = new Map()));
  const key = fields.join('\n');
  let convention = byFields.get(key);
  if (!convention) {
    const titled = titledByFileName(kb);
    const cacheKey = `${titled}\n${key}`;
    let readable = 0;
    const having = new Map(fields.map((f) => [f, 0]));
    for (const article of kb.articles) {
      const has = fieldsOf(article, cacheKey, fields, titled);
      if (!has) continue;
      readable++;
      fields.forEach((f, i) => has[i] && having.set(f, having.get(f)! + 1));
    }
    convention = { articles: readable, having, home: homeArticle(kb) };
    byFields.set(key, convention);
  }
  return convention;
}

/** Adds the missing keys, with a value where one is known (the title, today as review date). */
function addFieldsFix(article: Article, keys: string[], now: Date, reviewKeys: string[]): Fix {
  const eol = article.eol;
  const fieldLine = (key: string) => {
    if (key === 'title') return `title: ${JSON.stringify(article.title)}`;
    if (reviewKeys.includes(key)) return `${key}: ${isoDay(now)}`;
    return `${key}: `;
  };
  const added = keys.map(fieldLine).join(eol);
  const fm = article.frontMatter;
  const title = `Add ${keys.join(', ')} to the front matter`;
  if (fm && fm.endLine > fm.startLine) {
    const fence = article.lines.at(fm.endLine - 1) ?? '';
    return {
      title,
      edits: [{ range: { line: fm.endLine, column: 1, endLine: fm.endLine, endColumn: fence.length + 1 }, expected: fence, newText: `${added}${eol}${fence}` }],
    };
  }
  const first = article.lines.at(0) ?? '';
  return {
    title,
    edits: [{ range: { line: 1, column: 1, endLine: 1, endColumn: first.length + 1 }, expected: first, newText: `---${eol}${added}${eol}---${eol}${first}` }],
  };
}

const fieldName = (field: string) => field.split('|').map((k) => k.trim()).join(' or ');

/**
 * Articles without the front-matter fields the team requires (title, owner, review date, …).
 * Required means configured in kb-audit.json, or the knowledge base's own convention (most
 * articles have the field). A default field that most articles lack is no convention: one
 * info note on the home page says so, instead of a warning on every article.
 */
export const missingFrontMatter: ArticleRule<MissingFrontMatterOptions> = {
  id: 'missing-front-matter',
  description: 'Articles missing front-matter fields the team requires or most articles have (default: title, owner, and last_reviewed or updated)',
  rationale:
    'Without an owner nobody is asked to fix a wrong answer, and without a review date staleness cannot be checked. Add the fields; the quick fix fills in what it can.',
  defaultSeverity: 'warning',
  defaultOptions: { fields: ['title', 'owner', 'last_reviewed|updated'], overrides: [] },
  optionsSchema: {
    fields: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      description: 'Front-matter keys every article needs; "a|b" accepts either key. Set here, they are required of every article; left at the default, only those most articles have are.',
    },
    overrides: {
      type: 'array',
      description: 'More required keys for some articles: [{ "files": ["policies/**"], "fields": ["legal_owner"] }].',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['files', 'fields'],
        properties: {
          files: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
          fields: { type: 'array', items: { type: 'string', minLength: 1 } },
        },
      },
    },
  },
  scope: 'article',
  check({ article, kb, options, config, now, report }) {
    const configured = Array.isArray(config.rules['missing-front-matter']?.fields);
    const fields = [...new Set(options.fields)];
    const convention = configured ? null : conventionOf(kb, fields);
    // A default field most articles have is the knowledge base's convention; one most lack is not.
    const usual = (field: string) => !convention || (convention.having.get(field) ?? 0) * 2 >= convention.articles;
    // The note is the knowledge base's, said once: in the source locale of a translated one.
    if (convention && article === convention.home && !(kb.site.locale && !kb.site.locale.source)) {
      const unusual = fields.filter((f) => !usual(f));
      if (unusual.length > 0) {
        const lacking = (f: string) => convention.articles - (convention.having.get(f) ?? 0);
        const counts = unusual.map((f, i) => (i === 0 ? `${lacking(f)} of ${convention.articles} articles have no ${fieldName(f)}` : `${lacking(f)} no ${fieldName(f)}`));
        const line = article.frontMatter ? article.frontMatter.startLine : (titleSection(article)?.startLine ?? 1);
        report({
          message: `no front-matter convention in this knowledge base: ${counts.join(', ')}, so these are not asked of each article; to require them, list them under "fields" for missing-front-matter in kb-audit.json`,
          file: article.file,
          line,
          column: 1,
          endLine: line,
          endColumn: (article.lines.at(line - 1) ?? '').length + 1,
          severity: 'info',
          data: { fields: unusual.map(fieldName).join(', '), articles: convention.articles },
        });
      }
    }
    if (frontMatterBroken(article)) return;
    const required = fields.filter(usual);
    for (const override of options.overrides) {
      if (picomatch(override.files)(article.file)) required.push(...override.fields);
    }
    const titled = titledByFileName(kb);
    const missing = [...new Set(required)].filter((field) => !hasField(article, field, titled));
    if (missing.length === 0) return;
    const names = missing.map(fieldName);
    // Keys written with no value are not added again: the fix adds the absent ones, and the
    // message tells the two apart, so a fix that added `owner:` leaves a finding of its own.
    const absent = missing.filter((field) => !writtenEmpty(article, field));
    const empty = missing.filter((field) => writtenEmpty(article, field)).map(fieldName);
    const line = article.frontMatter ? article.frontMatter.startLine : (titleSection(article)?.startLine ?? 1);
    const text = article.lines.at(line - 1) ?? '';
    const reviewKeys = reviewDateKeys(config);
    const parts = [
      ...(absent.length ? [`front matter lacks ${absent.map(fieldName).join(', ')}`] : []),
      ...(empty.length ? [`${empty.join(', ')} ${empty.length === 1 ? 'has' : 'have'} no value`] : []),
    ];
    report({
      message: article.frontMatter ? parts.join('; ') : `no front matter: add ${names.join(', ')}`,
      file: article.file,
      line,
      column: 1,
      endLine: line,
      endColumn: text.length + 1,
      ...(absent.length ? { fix: addFieldsFix(article, absent.map((m) => m.split('|')[0].trim()), now, reviewKeys) } : {}),
      data: { missing: names.join(', ') },
    });
  },
};
