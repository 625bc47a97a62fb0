// Small questions the rules ask of articles and sections, answered one way for all of them.
import type { Article, Range, RelatedLocation, Section } from '../../model';
import { parseDateValue } from './dates';

const QUESTION_START = /^(how|what|when|where|why|who|whom|whose|which|can|could|do|does|did|is|are|was|were|will|would|should|shall|may|might|am|have|has|i|my)\b/i;

/** A heading phrased as a customer's question ("How long do refunds take?"). */
export function isQuestionHeading(heading: string): boolean {
  const text = heading.trim();
  if (text.endsWith('?')) return true;
  return QUESTION_START.test(text) && !/^(i|my)\b/i.test(text) && text.split(/\s+/).length >= 3;
}

/**
 * Where `section` is in its article's sections, or -1. Sections come in the order of their first
 * lines, so a binary search finds it: asked of every section, a scan would be quadratic, and an
 * index kept per article would hold a table for every article of the KB. Only a section the
 * search does not find (another article's) is looked for by a scan.
 */
function indexIn(article: Article, section: Section): number {
  const sections = article.sections;
  let low = 0;
  let high = sections.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const line = sections[middle].startLine;
    if (line < section.startLine) low = middle + 1;
    else if (line > section.startLine) high = middle - 1;
    else if (sections[middle] === section) return middle;
    else break;
  }
  return sections.indexOf(section);
}

/** A section directly followed by a deeper heading: it introduces its children. */
export function isParentSection(article: Article, section: Section): boolean {
  const i = indexIn(article, section);
  const next = i < 0 ? undefined : article.sections[i + 1];
  return next !== undefined && next.level > section.level;
}

/** The range of a section's heading line (or of its first line, for text before any heading). */
export function headingRange(article: Article, section: Section): Range {
  const text = article.lines.at(section.startLine - 1) ?? '';
  return { line: section.startLine, column: 1, endLine: section.startLine, endColumn: Math.max(text.length, 1) + 1 };
}

/** The range of `needle` on a 1-based line, or of the whole line when it is not there. */
export function rangeOf(article: Article, line: number, needle: string, from = 0): Range {
  const text = article.lines.at(line - 1) ?? '';
  const at = needle ? text.indexOf(needle, from) : -1;
  if (at < 0) return { line, column: 1, endLine: line, endColumn: Math.max(text.length, 1) + 1 };
  return { line, column: at + 1, endLine: line, endColumn: at + needle.length + 1 };
}

/** "file.md" "Heading" (line n): how messages name a section. */
export function describeSection(section: Section): string {
  return `"${section.heading}" in ${section.file}`;
}

export function relatedSection(section: Section, message: string, line = section.startLine): RelatedLocation {
  return { file: section.file, line, message };
}

/** The 1-based line of a front-matter key, or 0 when the key is not written there. */
export function frontMatterKeyLine(article: Article, key: string): number {
  const fm = article.frontMatter;
  if (!fm) return 0;
  const pattern = new RegExp(`^["']?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*:`);
  for (let line = fm.startLine + 1; line < fm.endLine; line++) {
    if (pattern.test(article.lines.at(line - 1) ?? '')) return line;
  }
  return 0;
}

export interface ReviewDate {
  key: string;
  raw: unknown;
  /** null when the value is there but is not a date. */
  date: Date | null;
  line: number;
}

/** The first of `keys` present in the article's front matter, with its date. */
export function reviewDate(article: Article, keys: readonly string[]): ReviewDate | null {
  const data = article.frontMatter?.data;
  if (!data) return null;
  for (const key of keys) {
    if (!(key in data) || data[key] === null || data[key] === '') continue;
    return { key, raw: data[key], date: parseDateValue(data[key]) ?? usDate(key, data[key]), line: frontMatterKeyLine(article, key) || 1 };
  }
  return null;
}

/** The article's first H1 section, or its first section. */
export function titleSection(article: Article): Section | undefined {
  return article.sections.find((s) => s.level === 1) ?? article.sections[0];
}

/**
 * Where an article's title is written, for a finding about the whole article: its H1, else its
 * front matter's `title` (sites that take the title from there have no H1, and their first
 * heading is some section's), else its first section, else line 1.
 */
export function titleLine(article: Article): number {
  const h1 = article.sections.find((s) => s.level === 1);
  if (h1) return h1.startLine;
  return frontMatterKeyLine(article, 'title') || (article.sections[0]?.startLine ?? 1);
}

/** docfx writes `ms.date` month first (03/14/2025), as Microsoft Learn documents it. */
function usDate(key: string, value: unknown): Date | null {
  if (key !== 'ms.date' || typeof value !== 'string') return null;
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(value);
  if (!m) return null;
  const date = new Date(Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2])));
  return date.getUTCMonth() === Number(m[1]) - 1 && date.getUTCDate() === Number(m[2]) ? date : null;
}
