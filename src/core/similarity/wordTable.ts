// Words looked up where they stand in a text: a word seen before costs a hash of its characters
// and one comparison, not a new string and a Map lookup. The hash is FNV-1a over the character
// codes, which callers that scan text compute as they go.

/** FNV-1a's start value and multiplier, for hashing a word's character codes as they are scanned. */
export const FNV_START = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

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
