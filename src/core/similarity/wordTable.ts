// Words found and looked up where they stand in a text: a word seen before costs a hash of its
// characters and one comparison, not a new string and a Map lookup. The hash is FNV-1a over the
// character codes, computed by the scanner as it goes.

const FNV_START = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** What a character is to the word pattern: part of a word as a letter or as a number, or neither. */
const LETTER = 1;
const NUMBER = 2;
const OTHER = 3;
const IS_LETTER = /^\p{L}$/u;
const IS_NUMBER = /^\p{N}$/u;
/** Classes of the Basic Multilingual Plane's characters, filled in as they are met (0: not yet). */
const bmpClasses = new Uint8Array(0x10000);
const astralClasses = new Map<number, number>();

function classify(codePoint: number): number {
  const char = String.fromCodePoint(codePoint);
  return IS_LETTER.test(char) ? LETTER : IS_NUMBER.test(char) ? NUMBER : OTHER;
}

/**
 * The words of a text, one at a time, without making strings: the matches of the word pattern
 * `[\p{L}\p{N}]+(?:['’][\p{L}]+)*` (Unicode), runs of letters and numbers where an apostrophe
 * joins letters that follow it ("don't", "customer's"), never digits. ASCII is read by its
 * character codes; other characters by their Unicode category, looked up once per character (a
 * pair of surrogates is one character, a lone one is none). After next() returns true, the word
 * is text.slice(start, end) and hash is the FNV-1a hash of its UTF-16 code units.
 */
export class WordScanner {
  start = 0;
  end = 0;
  hash = 0;
  private text = '';
  /** Code units of the character classAt looked at last (2 for a surrogate pair). */
  private width = 1;

  reset(text: string): this {
    this.text = text;
    this.end = 0;
    return this;
  }

  /** The class of the character at `i` (at least 128), with its width in `width`. */
  private classAt(i: number, c: number): number {
    this.width = 1;
    if (c < 0xd800 || c > 0xdfff) {
      let k = bmpClasses[c];
      if (k === 0) bmpClasses[c] = k = classify(c);
      return k;
    }
    const low = this.text.charCodeAt(i + 1);
    if (c > 0xdbff || !(low >= 0xdc00 && low <= 0xdfff)) return OTHER;
    this.width = 2;
    const codePoint = ((c - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
    let k = astralClasses.get(codePoint);
    if (k === undefined) astralClasses.set(codePoint, (k = classify(codePoint)));
    return k;
  }

  next(): boolean {
    const text = this.text;
    const n = text.length;
    let i = this.end;
    let c = 0;
    // Up to the first letter or number.
    for (; i < n; i++) {
      c = text.charCodeAt(i);
      if (c < 128) {
        if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90)) break;
      } else if (this.classAt(i, c) !== OTHER) break;
      else i += this.width - 1;
    }
    if (i >= n) return false;
    this.start = i;
    let h = FNV_START;
    // Letters and numbers.
    while (i < n) {
      c = text.charCodeAt(i);
      if (c < 128) {
        if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90))) break;
        h = Math.imul(h ^ c, FNV_PRIME);
        i++;
      } else {
        if (this.classAt(i, c) === OTHER) break;
        h = Math.imul(h ^ c, FNV_PRIME);
        if (this.width === 2) h = Math.imul(h ^ text.charCodeAt(i + 1), FNV_PRIME);
        i += this.width;
      }
    }
    // An apostrophe and the letters after it, as often as they come.
    while (i + 1 < n && ((c = text.charCodeAt(i)) === 39 || c === 0x2019) && this.isLetter(i + 1)) {
      h = Math.imul(h ^ c, FNV_PRIME);
      i++;
      while (i < n && this.isLetter(i)) {
        h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
        if (this.width === 2) h = Math.imul(h ^ text.charCodeAt(i + 1), FNV_PRIME);
        i += this.width;
      }
    }
    this.end = i;
    this.hash = h;
    return true;
  }

  /** Is the character at `i` a letter? Its width is then in `width`. */
  private isLetter(i: number): boolean {
    const c = this.text.charCodeAt(i);
    if (c < 128) {
      this.width = 1;
      return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
    }
    return this.classAt(i, c) === LETTER;
  }
}

/** An open-addressing table of words by a 32-bit hash of their characters, with an id each. */
export class WordTable {
  private hashes = new Int32Array(1 << 12);
  private slots = new Int32Array(1 << 12).fill(-1);
  private readonly words: string[] = [];
  private readonly ids: number[] = [];

  /** The id of `text.slice(start, end)` (whose hash is `h`), or undefined when it was never added. */
  find(text: string, start: number, end: number, h: number): number | undefined {
    const mask = this.slots.length - 1;
    const length = end - start;
    for (let at = h & mask; ; at = (at + 1) & mask) {
      const slot = this.slots[at];
      if (slot < 0) return undefined;
      if (this.hashes[at] === h) {
        const word = this.words[slot];
        if (word.length === length && text.startsWith(word, start)) return this.ids[slot];
      }
    }
  }

  add(word: string, h: number, id: number): void {
    if ((this.words.length + 1) * 2 > this.slots.length) this.grow();
    this.words.push(word);
    this.ids.push(id);
    this.place(this.words.length - 1, h);
  }

  private place(slot: number, h: number): void {
    const mask = this.slots.length - 1;
    let at = h & mask;
    while (this.slots[at] >= 0) at = (at + 1) & mask;
    this.slots[at] = slot;
    this.hashes[at] = h;
  }

  private grow(): void {
    const { slots, hashes } = this;
    this.slots = new Int32Array(slots.length * 2).fill(-1);
    this.hashes = new Int32Array(slots.length * 2);
    for (let at = 0; at < slots.length; at++) if (slots[at] >= 0) this.place(slots[at], hashes[at]);
  }
}
