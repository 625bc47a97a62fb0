// Fuzzy reading of words the knowledge base does not know, with fuse.js.
//
// The index first reads an unknown word as two known words run together, or as a known word
// one or two edits away with the same first letter. What is left goes to fuse.js, whose
// approximate (Bitap) matching also reads a wrong first letter ("arranty" → "warranty"), a
// dropped letter in a long word and a cut-off word ("orthop" → "orthopaedic").
//
// fuse.js has no index and scans its whole list: ~0.5 s a query over 100,000 words. So it
// never sees the whole vocabulary: the words sharing the most character trigrams with the
// unknown word are shortlisted through a trigram index, and fuse.js ranks that shortlist.

import Fuse from 'fuse.js';

/** Words shortlisted for fuse.js per unknown word, most trigrams in common first. */
const SHORTLIST = 40;
/** fuse.js score (0 exact … 1 unrelated) above which a word is no reading: one error in three letters. */
const MAX_FUSE_SCORE = 0.34;
/** Shortest unknown word read by fuse.js: shorter ones meet too many words by chance. */
const MIN_WORD_LENGTH = 5;
/** Most letters a reading may differ in length, unless the unknown word is its beginning. */
const MAX_LENGTH_DIFFERENCE = 2;
/**
 * A fuse.js reading counts half as much as the word itself: a guess from spelling alone, it
 * should help rank the right article first more than it makes the bot sure.
 */
const READING_WEIGHT = 0.5;
const MAX_READINGS = 3;
/** A trigram listed for more words than this is skipped in the shortlist, when three rarer ones remain. */
const COMMON_TRIGRAM_WORDS = 1000;

function trigrams(word: string): string[] {
  const padded = ` ${word} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return [...out];
}

export interface FuzzyReading {
  word: string;
  /** How strongly the reading stands in for the unknown word, 0 to 1. */
  similarity: number;
}

export class FuzzyVocabulary {
  private readonly words: string[] = [];
  private readonly gramCounts: number[] = [];
  private readonly gramWords = new Map<string, number[]>();
  private shared: Uint16Array | undefined;

  /** `vocabulary`: the knowledge base's words (stems); only words of letters, three or more, can be readings. */
  constructor(vocabulary: Iterable<string>) {
    for (const word of vocabulary) {
      if (word.length < 3 || !/^\p{L}+$/u.test(word)) continue;
      const id = this.words.length;
      const grams = trigrams(word);
      this.words.push(word);
      this.gramCounts.push(grams.length);
      for (const g of grams) {
        let list = this.gramWords.get(g);
        if (!list) this.gramWords.set(g, (list = []));
        list.push(id);
      }
    }
  }

  /** Knowledge-base words that `word` most likely stands for, equally good; [] when none is close. */
  readings(word: string): FuzzyReading[] {
    if (word.length < MIN_WORD_LENGTH) return [];
    const grams = trigrams(word);
    // Trigrams in common per word, counted in a reused array: no allocation per vocabulary word.
    const shared = (this.shared ??= new Uint16Array(this.words.length));
    const touched: number[] = [];
    // Trigrams common to thousands of words ("ing", " co") tell little and cost the most: the
    // rarer ones pick the shortlist when there are enough of them.
    const lists = grams.map((g) => this.gramWords.get(g) ?? []).sort((a, b) => a.length - b.length);
    const rare = lists.filter((l) => l.length <= COMMON_TRIGRAM_WORDS);
    for (const list of rare.length >= 3 ? rare : lists) {
      for (const id of list) {
        if (shared[id]++ === 0) touched.push(id);
      }
    }
    const candidates: { id: number; dice: number }[] = [];
    for (const id of touched) {
      // Dice coefficient on trigrams: a cheap, index-backed first cut.
      if (shared[id] >= 2) candidates.push({ id, dice: (2 * shared[id]) / (grams.length + this.gramCounts[id]) });
      shared[id] = 0;
    }
    const shortlist = candidates
      .sort((a, b) => b.dice - a.dice || a.id - b.id)
      .slice(0, SHORTLIST)
      .map((c) => this.words[c.id])
      .filter((w) => Math.abs(w.length - word.length) <= MAX_LENGTH_DIFFERENCE || w.startsWith(word));
    if (shortlist.length === 0) return [];
    const fuse = new Fuse(shortlist, { includeScore: true, ignoreLocation: true, ignoreFieldNorm: true, threshold: MAX_FUSE_SCORE });
    const hits = fuse.search(word);
    if (hits.length === 0) return [];
    const best = hits[0].score ?? 0;
    return hits
      .filter((h) => (h.score ?? 0) <= best + 1e-9)
      .slice(0, MAX_READINGS)
      .map((h) => ({
        word: h.item,
        // A cut-off word accounts for only part of the word it begins.
        similarity: READING_WEIGHT * (1 - (h.score ?? 0)) * Math.min(1, word.length / h.item.length),
      }));
  }
}
