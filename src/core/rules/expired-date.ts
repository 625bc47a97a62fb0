import type { ArticleRule } from './types';
import { proseLines } from './util/blocks';
import { daysBetween, findDates, isoDay } from './util/dates';
import { rangeOf } from './util/sections';

const YEAR = /(?:19|20)\d\d/;

export interface ExpiredDateOptions {
  /** Words before a date that make it a promise with an end ("until", "ends", "valid to"). */
  cues: string[];
  /** Days a date may be past before it is reported. */
  graceDays: number;
}

/** Time-limited promises whose date has passed: "free delivery until 31 March 2025". */
export const expiredDate: ArticleRule<ExpiredDateOptions> = {
  id: 'expired-date',
  description: 'Past-dated promises in the text: offers, deadlines and availability dates that have gone by',
  rationale:
    'A bot repeats "free delivery until 31 March 2025" long after the offer ended, and customers hold the shop to it. Remove the expired promise or replace it with the current terms.',
  defaultSeverity: 'warning',
  defaultOptions: {
    cues: ['until', 'till', 'through', 'thru', 'by', 'before', 'ends', 'ending', 'end', 'expires', 'expiring', 'expiry', 'valid', 'deadline', 'from', 'starting', 'between', 'to', 'offer', 'sale', 'promotion', 'closing', 'closes', 'available', 'launches', 'launching'],
    graceDays: 0,
  },
  optionsSchema: {
    cues: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      description: 'Words that, before a date in the same sentence, make it a time-limited promise.',
    },
    graceDays: { type: 'integer', minimum: 0, description: 'Days a date may be past before it is reported.' },
  },
  scope: 'article',
  check({ article, options, now, report }) {
    const cues = new Set(options.cues.map((c) => c.toLowerCase()));
    // Every date form has a year: no year in the article, no date to check.
    if (!article.lines.some((l) => YEAR.test(l))) return;
    for (const { text, line } of proseLines(article)) {
      if (!YEAR.test(text)) continue;
      for (const found of findDates(text)) {
        const age = daysBetween(found.date, now);
        if (age <= options.graceDays) continue;
        // The cue must come before the date, in the same sentence.
        const before = text.slice(0, found.index);
        const sentence = before.slice(Math.max(before.lastIndexOf('. '), before.lastIndexOf('? '), before.lastIndexOf('! ')) + 1);
        const cue = (sentence.toLowerCase().match(/[\p{L}-]+/gu) ?? []).reverse().find((w) => cues.has(w));
        if (!cue) continue;
        report({
          ...rangeOf(article, line, found.text),
          message: `${found.text} has passed (${age} days ago) but the text still promises it ("${cue} … ${found.text}")`,
          file: article.file,
          data: { date: isoDay(found.date), ageDays: age },
        });
      }
    }
  },
};
