// Word-level text normalisation shared by the similarity rules: the same words must give the
// same terms whether they are compared for duplicates, conflicts or question headings.

import { WordScanner } from './wordTable';

const STOP_WORDS = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers herself him ' +
    'himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other ' +
    'our ours ourselves out over own same she should so some such than that the their theirs them themselves then there ' +
    'these they this those through to too under until up very was we were what when where which while who whom why will ' +
    'with would you your yours yourself yourselves also may might must shall us let get got gets one ' +
    "i'm i've i'd you're you've you'll we're we've we'll it's don't doesn't didn't can't won't isn't aren't wasn't " +
    'im ive youre youll dont doesnt didnt cant wont isnt arent please'
  ).split(' '),
);

/** Words that carry no meaning in a help article, as opposed to stop words in general. */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/**
 * A light stemmer: common English inflections off, so "delivery", "delivered" and "deliveries"
 * meet at "deliver", and "receiving" and "received" at "receiv". Names keep their spelling.
 */
export function stem(word: string): string {
  let w = word;
  if (/^\d/.test(w)) return w;
  if (w.endsWith("'s") || w.endsWith('’s')) w = w.slice(0, -2);
  if (w.length > 4 && w.endsWith('ies')) w = w.slice(0, -3) + 'y';
  else if (w.length > 4 && (w.endsWith('sses') || w.endsWith('shes') || w.endsWith('ches') || w.endsWith('xes'))) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 4 && w.endsWith('ly')) w = w.slice(0, -2);
  if (w.length > 4 && (w.endsWith('e') || w.endsWith('y'))) w = w.slice(0, -1);
  return w;
}

const scanner = new WordScanner();

/**
 * Lower-cased words of `text`, in order: runs of letters and numbers, an apostrophe joining the
 * letters after it (see WordScanner).
 */
export function words(text: string): string[] {
  const lower = text.toLowerCase();
  const out: string[] = [];
  for (const words = scanner.reset(lower); words.next(); ) out.push(lower.slice(words.start, words.end));
  return out;
}

/** Stemmed content words of `text`, in order (stop words out, numbers kept). */
export function contentTerms(text: string): string[] {
  const out: string[] = [];
  for (const word of words(text)) {
    if (STOP_WORDS.has(word) || (word.length < 2 && !/\d/.test(word))) continue;
    out.push(stem(word));
  }
  return out;
}

/** The scanner of the two counts below, which read words in place (neither calls the other). */
const countScanner = new WordScanner();

/**
 * How many of `text`'s content terms are in `terms` (a term that comes twice counts twice):
 * contentTerms(text).filter((t) => terms.has(t)).length, without stemming the words that cannot
 * reach a term. stem only takes letters off the end of a word, or turns "ies" into "y", so a
 * word stems to a term only if it starts with the term (less a final "y").
 */
export function countTermsIn(text: string, terms: ReadonlySet<string>): number {
  if (terms.size === 0) return 0;
  const roots = [...terms].map((t) => (t.endsWith('y') ? t.slice(0, -1) : t));
  const lower = text.toLowerCase();
  let count = 0;
  for (const at = countScanner.reset(lower); at.next(); ) {
    const { start, end } = at;
    if (!roots.some((root) => root.length <= end - start && lower.startsWith(root, start))) continue;
    const word = lower.slice(start, end);
    if (STOP_WORDS.has(word) || (word.length < 2 && !/\d/.test(word))) continue;
    if (terms.has(stem(word))) count++;
  }
  return count;
}

/**
 * Does `text` have more than `count` words (as `words` gives them) that are not in `skip`?
 * words(text).filter((w) => !skip.has(w)).length > count, stopping at the first word past it.
 */
export function hasMoreWordsThan(text: string, count: number, skip: ReadonlySet<string>): boolean {
  const lower = text.toLowerCase();
  let found = 0;
  for (const at = countScanner.reset(lower); at.next(); ) if (!skip.has(lower.slice(at.start, at.end)) && ++found > count) return true;
  return false;
}

/** Text reduced to its words, so formatting, case and punctuation changes compare equal. */
export function normalizeText(text: string): string {
  return words(text).join(' ');
}

const ABBREVIATION = /(?:^|\s)(?:e\.g|i\.e|etc|vs|approx|no|nr|incl|st|mr|mrs|ms|dr)\.$/i;

/**
 * Splits text into sentences with their offsets. A line break ends a sentence too (list items,
 * table cells); a full stop inside a token ("£4.95", "example.com") or after an abbreviation
 * does not.
 */
export function sentences(text: string): Array<{ text: string; start: number }> {
  const out: Array<{ text: string; start: number }> = [];
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const trimmed = raw.trim();
    if (trimmed) out.push({ text: trimmed, start: start + (raw.length - raw.trimStart().length) });
  };
  // Where each character that may end a sentence comes next, found by indexOf (which scans far
  // faster than a loop over every character); -1 once there is none.
  const n = text.length;
  let lineBreak = text.indexOf('\n');
  let stop = text.indexOf('.');
  let bang = text.indexOf('!');
  let question = text.indexOf('?');
  for (;;) {
    let i = n;
    if (lineBreak >= 0) i = lineBreak;
    if (stop >= 0 && stop < i) i = stop;
    if (bang >= 0 && bang < i) i = bang;
    if (question >= 0 && question < i) i = question;
    if (i === n) break;
    const c = text.charCodeAt(i);
    if (c === 10) {
      lineBreak = text.indexOf('\n', i + 1);
      push(i);
      start = i + 1;
      continue;
    }
    if (c === 46) stop = text.indexOf('.', i + 1);
    else if (c === 33) bang = text.indexOf('!', i + 1);
    else question = text.indexOf('?', i + 1);
    const next = text.charCodeAt(i + 1);
    const atBoundary = i + 1 >= n || next === 32 || next === 10 || next === 9;
    if (!atBoundary) continue;
    if (c === 46 && ABBREVIATION.test(text.slice(Math.max(start, i - 6), i + 1))) continue;
    push(i + 1);
    start = i + 1;
  }
  push(n);
  return out;
}
