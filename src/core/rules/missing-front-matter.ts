import picomatch from 'picomatch';
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
    const fence = article.lines[fm.endLine - 1];
    return {
      title,
      edits: [{ range: { line: fm.endLine, column: 1, endLine: fm.endLine, endColumn: fence.length + 1 }, expected: fence, newText: `${added}${eol}${fence}` }],
    };
  }
  const first = article.lines[0] ?? '';
  return {
    title,
    edits: [{ range: { line: 1, column: 1, endLine: 1, endColumn: first.length + 1 }, expected: first, newText: `---${eol}${added}${eol}---${eol}${first}` }],
  };
}

/** Articles without the front-matter fields the team requires (title, owner, review date, …). */
export const missingFrontMatter: ArticleRule<MissingFrontMatterOptions> = {
  id: 'missing-front-matter',
  description: 'Articles missing required front-matter fields (default: title, owner, and last_reviewed or updated)',
  rationale:
    'Without an owner nobody is asked to fix a wrong answer, and without a review date staleness cannot be checked. Add the fields; the quick fix fills in what it can.',
  defaultSeverity: 'warning',
  defaultOptions: { fields: ['title', 'owner', 'last_reviewed|updated'], overrides: [] },
  optionsSchema: {
    fields: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      description: 'Front-matter keys every article needs; "a|b" accepts either key.',
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
  check({ article, options, config, now, report }) {
    // Broken front matter is front-matter-invalid's finding; its fields are unknown, not missing.
    if (article.parseFindings.some((f) => f.ruleId === 'front-matter-invalid')) return;
    const required = [...options.fields];
    for (const override of options.overrides) {
      if (picomatch(override.files)(article.file)) required.push(...override.fields);
    }
    const data = article.frontMatter?.data ?? {};
    const missing = [...new Set(required)].filter((field) => !field.split('|').some((key) => present(data, key.trim())));
    if (missing.length === 0) return;
    const names = missing.map((m) => m.split('|').join(' or '));
    const line = article.frontMatter ? article.frontMatter.startLine : (titleSection(article)?.startLine ?? 1);
    const text = article.lines[line - 1] ?? '';
    const reviewKeys = reviewDateKeys(config);
    report({
      message: article.frontMatter
        ? `front matter lacks ${names.join(', ')}`
        : `no front matter: add ${names.join(', ')}`,
      file: article.file,
      line,
      column: 1,
      endLine: line,
      endColumn: text.length + 1,
      fix: addFieldsFix(article, missing.map((m) => m.split('|')[0].trim()), now, reviewKeys),
      data: { missing: names.join(', ') },
    });
  },
};
