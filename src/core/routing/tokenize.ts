// Words for matching: lower-cased, stop words out, crude plural and inflection folding.

const STOP_WORDS = new Set(
  (
    'a an and are as at be been but by can could did do does doing for from had has have how i if in into is it its ' +
    'me my of on or our please so than that the their them then there these they this to up us was we were what ' +
    'when where which who why will with would you your yours hi hello hey thanks thank im i\'m u ur pls plz'
  ).split(' '),
);

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** Folds common English endings so "refunds", "refunded" and "refunding" meet. */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies') && word.length > 4) return word.slice(0, -3) + 'y';
  if (word.endsWith('ing') && word.length > 5) return word.slice(0, -3);
  if (word.endsWith('ed') && word.length > 4) return word.slice(0, -2);
  if (word.endsWith('es') && /(ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? [];
}

/** Meaningful, stemmed terms of `text`. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    if (!isStopWord(w)) out.push(stem(w));
  }
  return out;
}
