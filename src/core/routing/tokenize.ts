// Words for matching: normalised, stop words out, plurals and common inflections folded, and
// the character n-grams that let a misspelt or run-together word still meet its article.

const STOP_WORDS = new Set(
  (
    'a about after again all also am an and any anything are as at be because been before being both but by can ' +
    'could did do does doing each few for from further get got had has have having hello hey hi how i if im in into ' +
    'is it its just like me more most much my myself no nor not now of off on once only or other our out over own ' +
    'please pls plz same should so some such than thank thanks that the their them then there these they this ' +
    'those to too u under until up ur us very want was we were what when where which while who why will with ' +
    'would you your yours need know ok okay dear sir madam'
  ).split(' '),
);

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** Folds common English endings so "refunds", "refunded" and "refunding" meet, and "stopped" meets "stop". */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return word.slice(0, -3) + 'y';
  if (word.endsWith('ing') && word.length > 5) return undouble(word.slice(0, -3));
  if (word.endsWith('ed') && word.length > 4) return undouble(word.slice(0, -2));
  if (word.endsWith('es') && /(ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) return word.slice(0, -1);
  return word;
}

/**
 * A word whose last consonant was doubled before -ed or -ing, as one with a short vowel before
 * it is ("stopp" → "stop", "quitt" → "quit", "occurr" → "occur"); "add", "fill", "press" and
 * "staff" keep theirs.
 */
function undouble(base: string): string {
  return /(?:[^aeiou]|qu)[aeiou]([bdgkmnprtv])\1$/.test(base) ? base.slice(0, -1) : base;
}

/** Lower-cased words; apostrophes inside words are dropped ("don't" → "dont"). */
export function words(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().replace(/(\p{L})['’](\p{L})/gu, '$1$2').match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Meaningful, stemmed terms of `text`, in order (repeats kept). */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    if (!STOP_WORDS.has(w)) out.push(stem(w));
  }
  return out;
}

/**
 * Every word's stem, stop words kept, a silent final e dropped too ("close", "closed" and
 * "closing" all give "clos"): for matching trigger phrases and synonyms word by word.
 */
export function phraseStems(text: string): string[] {
  return words(text).map((w) => {
    const s = stem(w);
    return s.length > 4 && s.endsWith('e') ? s.slice(0, -1) : s;
  });
}

const GRAM_MIN = 3;
const GRAM_MAX = 5;

/**
 * Character 3- to 5-grams of each word, padded with spaces, so "recieve" shares most grams
 * with "receive" and "pincode" with "pin code". Words shorter than three letters count whole.
 */
export function charGrams(text: string): string[] {
  return charGramsOf(words(text));
}

/** charGrams of words already split (another language's words: see language.ts). */
export function charGramsOf(wordList: readonly string[]): string[] {
  const out: string[] = [];
  for (const w of wordList) {
    const padded = ` ${w} `;
    if (padded.length <= GRAM_MIN) {
      out.push(padded);
      continue;
    }
    for (let n = GRAM_MIN; n <= GRAM_MAX; n++) {
      for (let i = 0; i + n <= padded.length; i++) out.push(padded.slice(i, i + n));
    }
  }
  return out;
}

/**
 * Damerau–Levenshtein distance (adjacent transpositions count 1), or `max + 1` as soon as the
 * distance must exceed `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let before = new Array<number>(n + 1).fill(0);
  let previous = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = new Array<number>(n + 1);
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    before = previous;
    previous = current;
  }
  return previous[n];
}
