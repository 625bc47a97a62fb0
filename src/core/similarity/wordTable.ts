// Words found and looked up where they stand in a text: a word seen before costs a hash of its
// characters and one comparison, not a new string and a Map lookup. The hash is FNV-1a over the
// character codes, computed by the scanner as it goes.

const FNV_START = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * The words of lower-cased ASCII text, one at a time, without making strings: runs of letters and
 * digits, where an apostrophe joins letters that follow it ("don't", "customer's"), never digits.
 * (The ASCII case of text.ts's Unicode word pattern.) After next() returns true, the word is
 * text.slice(start, end) and hash is its FNV-1a hash.
 */
export class AsciiWordScanner {
  start = 0;
  end = 0;
  hash = 0;
  private text = '';

  reset(text: string): this {
    this.text = text;
    this.end = 0;
    return this;
  }

  next(): boolean {
    const text = this.text;
    const n = text.length;
    let i = this.end;
    let c = 0;
    while (i < n && !(((c = text.charCodeAt(i)) >= 97 && c <= 122) || (c >= 48 && c <= 57))) i++;
    if (i >= n) return false;
    this.start = i;
    let h = FNV_START;
    while (i < n && (((c = text.charCodeAt(i)) >= 97 && c <= 122) || (c >= 48 && c <= 57))) {
      h = Math.imul(h ^ c, FNV_PRIME);
      i++;
    }
    while (i + 1 < n && text.charCodeAt(i) === 39 && (c = text.charCodeAt(i + 1)) >= 97 && c <= 122) {
      h = Math.imul(h ^ 39, FNV_PRIME);
      i++;
      while (i < n && (c = text.charCodeAt(i)) >= 97 && c <= 122) {
        h = Math.imul(h ^ c, FNV_PRIME);
        i++;
      }
    }
    this.end = i;
    this.hash = h;
    return true;
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
