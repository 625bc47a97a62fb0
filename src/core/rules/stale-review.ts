import type { Article, Fix } from '../model';
import { DEFAULT_REVIEW_KEYS } from './util/options';
import type { StandaloneArticleRule } from './types';
import { daysBetween, isoDay } from './util/dates';
import { reviewDate } from './util/sections';

export interface StaleReviewOptions {
  /** Front-matter keys holding the review date, the first one present wins. */
  keys: string[];
  /** Older than this many days is stale. */
  maxAgeDays: number;
}

/** The value part of a `key: value` front-matter line, inside quotes when quoted. */
function valueSpan(text: string): { start: number; end: number } | null {
  const m = /^(\s*["']?[^:"']+["']?\s*:\s*)(["']?)([^"'#]*?)\2\s*(?:#.*)?$/.exec(text);
  if (!m || !m[3]) return null;
  const start = m[1].length + m[2].length;
  return { start, end: start + m[3].length };
}

/** "Mark as reviewed today": rewrites the date in place, checking it still holds the old one. */
export function reviewedTodayFix(article: Article, line: number, now: Date): Fix | undefined {
  const text = article.lines.at(line - 1);
  if (text === undefined) return undefined;
  const span = valueSpan(text);
  if (!span) return undefined;
  return {
    title: `Mark as reviewed today (${isoDay(now)})`,
    edits: [
      {
        range: { line, column: span.start + 1, endLine: line, endColumn: span.end + 1 },
        expected: text.slice(span.start, span.end),
        newText: isoDay(now),
      },
    ],
  };
}

/** Articles whose review date is older than the allowed age: the answer may no longer be true. */
export const staleReview: StandaloneArticleRule<StaleReviewOptions> = {
  id: 'stale-review',
  description: 'Articles whose front-matter review date is older than allowed (default 365 days)',
  rationale:
    'Prices, time limits and processes change; an article nobody has checked in a year is the likeliest source of a confidently wrong answer. Review it, correct what changed, and update the date.',
  defaultSeverity: 'warning',
  defaultOptions: { keys: [...DEFAULT_REVIEW_KEYS], maxAgeDays: 365 },
  optionsSchema: {
    keys: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      minItems: 1,
      description: 'Front-matter keys holding the review date, in order of preference.',
    },
    maxAgeDays: { type: 'integer', minimum: 1, description: 'A review date older than this many days is stale.' },
  },
  scope: 'article',
  standalone: true,
  check({ article, options, now, report }) {
    const review = reviewDate(article, options.keys);
    if (!review) return;
    const text = article.lines.at(review.line - 1) ?? '';
    const range = { line: review.line, column: 1, endLine: review.line, endColumn: text.length + 1 };
    if (!review.date) {
      report({
        ...range,
        message: `${review.key} "${String(review.raw)}" is not a date (expected e.g. 2025-03-31)`,
        file: article.file,
      });
      return;
    }
    const age = daysBetween(review.date, now);
    if (age <= options.maxAgeDays) return;
    report({
      ...range,
      message: `last reviewed ${isoDay(review.date)}, ${age} days ago (limit ${options.maxAgeDays}): check the answer is still true`,
      file: article.file,
      fix: reviewedTodayFix(article, review.line, now),
      data: { reviewed: isoDay(review.date), ageDays: age },
    });
  },
};
