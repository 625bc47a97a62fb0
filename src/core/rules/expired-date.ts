import type { StandaloneArticleRule } from './types';
import { proseLines } from './util/blocks';
import { daysBetween, findDates, isoDay } from './util/dates';
import { rangeOf } from './util/sections';

const YEAR = /(?:19|20)\d\d/;

export interface ExpiredDateOptions {
  /** Words or phrases right before a date that make it a promise with an end ("until", "ends", "valid through"). */
  cues: string[];
  /** Days a date may be past before it is reported. */
  graceDays: number;
}

/** Words allowed between the cue and the date: "until the end of March 2025", "the deadline for Christmas orders is 18 December 2025". */
const MAX_GAP = 5;
/** A sentence in the past tense tells history ("The offer ran until March 2021"), it promises nothing. */
const PAST = /\b(?:was|were|had|did|used to|became|ended|expired|ran|closed|changed|introduced|released|added|removed|replaced|deprecated|launched|started|moved)\b/i;
/** A sentence that opens with the cue and the date ("Until 2020, …") says what happened before then. */
const OPENING_CUE = /^\s*[\p{L}-]+\s*$/u;
/** Sections that record the past: a changelog, release notes, a history. */
const HISTORY = /\b(?:change ?log|changes|release notes?|releases|history|what's new|archive|deprecations?)\b/i;

const WORD = /[\p{L}'’-]+/gu;
/** Characters before a date read for its sentence's cue. */
const LOOK_BACK = 300;
export const expiredDate: StandaloneArticleRule<ExpiredDateOptions> = {
  id: 'expired-date',
  description: 'Past-dated promises in the text: offers, deadlines and availability dates that have gone by',
  rationale:
    'A bot repeats "free delivery until 31 March 2025" long after the offer ended, and customers hold the shop to it. Remove the expired promise or replace it with the current terms.',
  defaultSeverity: 'warning',
  defaultOptions: {
    cues: ['until', 'till', 'through', 'thru', 'ends', 'ending', 'expires', 'expiring', 'expiry', 'expire', 'valid', 'deadline', 'last day', 'closing', 'closes', 'offer', 'sale', 'promotion'],
    graceDays: 0,
  },
  optionsSchema: {
    cues: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      description: 'Words or phrases that, at most five words before a date in the same sentence, make it a time-limited promise.',
    },
    graceDays: { type: 'integer', minimum: 0, description: 'Days a date may be past before it is reported.' },
  },
  scope: 'article',
  standalone: true,
  check({ article, options, now, report }) {
    const cues = options.cues.map((c) => (c.toLowerCase().match(WORD) ?? [])).filter((c) => c.length > 0);
    // Every date form has a year: no year in the article, no date to check.
    if (!article.lines.some((l) => YEAR.test(l))) return;
    for (const { section, text, line } of proseLines(article, YEAR)) {
      if (!YEAR.test(text) || section.headingPath.some((h) => HISTORY.test(h))) continue;
      for (const found of findDates(text)) {
        const age = daysBetween(found.date, now);
        if (age <= options.graceDays) continue;
        // The cue must come right before the date, in the same sentence, which is not about the past.
        // Only the words just before the date matter: a bounded look back keeps long lines linear.
        const before = text.slice(Math.max(0, found.index - LOOK_BACK), found.index);
        const start = Math.max(before.lastIndexOf('. '), before.lastIndexOf('? '), before.lastIndexOf('! ')) + 1;
        const sentence = before.slice(start);
        const after = text.slice(found.index + found.text.length);
        const words = sentence.toLowerCase().match(WORD) ?? [];
        const cue = cueBefore(words, cues);
        if (!cue) continue;
        // The verb the cue goes with, in the past: "ran until", "was valid until".
        if (PAST.test(words.slice(Math.max(0, cue.start - 3), cue.start + 1).join(' '))) continue;
        // "Until 2020, the app …": the date opens the sentence and bounds a past state.
        if (OPENING_CUE.test(sentence) && /^\s*,/.test(after)) continue;
        report({
          ...rangeOf(article, line, found.text),
          message: `${found.text} has passed (${age} days ago) but the text still promises it ("${cue.text} … ${found.text}")`,
          file: article.file,
          data: { date: isoDay(found.date), ageDays: age },
        });
      }
    }
  },
};

/** The cue that ends at most MAX_GAP words before the end of `words`, with the index of its first word. */
function cueBefore(words: string[], cues: string[][]): { text: string; start: number } | undefined {
  for (let end = words.length; end >= Math.max(1, words.length - MAX_GAP); end--) {
    for (const cue of cues) {
      if (cue.length > end) continue;
      if (cue.every((w, i) => words[end - cue.length + i] === w)) return { text: cue.join(' '), start: end - cue.length };
    }
  }
  return undefined;
}
