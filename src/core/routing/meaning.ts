// Word meanings: which words of the articles a customer's word can stand for ("broken" for
// "damaged", "purchase" for "buy"), read from a lexicon built from Open English WordNet
// (media/wordnet-lexicon.txt; see test/scripts/build-wordnet-lexicon.ts). Plain TypeScript and a
// text file shipped with the package: no network, no native code.
//
// A word reaches another through a sense they share (a synonym), a "similar to" or "see also"
// link between their senses, or a sense of the other that is one step more general (a
// hypernym: "laptop" can be asked about as "computer"). A word's common senses count more than
// its rare ones: WordNet lists senses most common first.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stem } from './tokenize';

export const LEXICON_FILE = 'wordnet-lexicon.txt';

/** How much a related word counts, by relation, against the word itself (1). */
const SYNONYM = 1;
const SIMILAR = 0.7;
const HYPERNYM = 0.5;
/** Each less common sense counts this much less than the one before. */
const SENSE_DECAY = 0.8;
/** Senses of a word looked at: the rest are too rare to read a customer's word as. */
const MAX_SENSES = 8;

export interface RelatedWord {
  /** The related word's stem, as terms() gives it. */
  term: string;
  /** 0 to 1: how close the reading is (relation and sense commonness). */
  strength: number;
}

/** Integer lists in one flat array: list i is data[start[i] … start[i + 1]). */
interface FlatLists {
  start: Int32Array;
  data: Int32Array;
}

export class Lexicon {
  /** Word → its index; words are in the file's (sorted) order. */
  private readonly wordIndex = new Map<string, number>();
  private readonly words: string[];
  private readonly wordSenses: FlatLists;
  private readonly synsetRelated: FlatLists;
  private readonly synsetHypernyms: FlatLists;
  /** Synset → its words, built on first use. */
  private synsetWords: FlatLists | undefined;
  private readonly cache = new Map<string, RelatedWord[]>();
  /** Each word's inflected stems, computed once when first needed. */
  private readonly stemsOfWord: (string[] | undefined)[] = [];

  private constructor(words: string[], wordSenses: FlatLists, synsetRelated: FlatLists, synsetHypernyms: FlatLists) {
    this.words = words;
    this.wordSenses = wordSenses;
    this.synsetRelated = synsetRelated;
    this.synsetHypernyms = synsetHypernyms;
    words.forEach((w, i) => this.wordIndex.set(w, i));
  }

  /** Reads the text format of test/scripts/build-wordnet-lexicon.ts in one pass over its characters. */
  static parse(text: string): Lexicon {
    let at = 0;
    const line = () => {
      const end = text.indexOf('\n', at);
      const s = text.slice(at, end < 0 ? text.length : end);
      at = end < 0 ? text.length : end + 1;
      return s;
    };
    let header = line();
    while (header.startsWith('#')) header = line();
    const count = (tag: string, s: string) => {
      const m = new RegExp(`^${tag} (\\d+)$`).exec(s);
      if (!m) throw new Error(`lexicon: expected "${tag} <count>", found "${s.slice(0, 40)}"`);
      return Number(m[1]);
    };
    /** Numbers up to the end of the line (or `stop`), appended to `out`; returns the position after. */
    const numbers = (out: number[], stop: number) => {
      let n = -1;
      for (;;) {
        const c = text.charCodeAt(at++);
        if (c >= 48 && c <= 57) n = (n < 0 ? 0 : n * 10) + (c - 48);
        else {
          if (n >= 0) out.push(n);
          n = -1;
          if (c === stop || c === 10 || Number.isNaN(c)) return c;
        }
      }
    };
    const synsets = count('S', header);
    const related: number[] = [];
    const hypernyms: number[] = [];
    const relatedStart = new Int32Array(synsets + 1);
    const hypernymStart = new Int32Array(synsets + 1);
    for (let s = 0; s < synsets; s++) {
      if (numbers(related, 124 /* | */) === 124) numbers(hypernyms, 10);
      relatedStart[s + 1] = related.length;
      hypernymStart[s + 1] = hypernyms.length;
    }
    const wordCount = count('W', line());
    const words: string[] = new Array(wordCount);
    const senses: number[] = [];
    const senseStart = new Int32Array(wordCount + 1);
    for (let w = 0; w < wordCount; w++) {
      const space = text.indexOf(' ', at);
      words[w] = text.slice(at, space);
      at = space + 1;
      numbers(senses, 10);
      senseStart[w + 1] = senses.length;
    }
    return new Lexicon(
      words,
      { start: senseStart, data: Int32Array.from(senses) },
      { start: relatedStart, data: Int32Array.from(related) },
      { start: hypernymStart, data: Int32Array.from(hypernyms) },
    );
  }

  get size(): number {
    return this.words.length;
  }

  /** Whether the lexicon knows a word with this stem. */
  has(term: string): boolean {
    return this.wordsFor(term).length > 0;
  }

  /** A readable word for a stem: the word itself, else the word it is an inflection of ("damag" → "damage"), else the stem. */
  surface(term: string): string {
    const ws = this.wordsFor(term);
    return ws.length ? this.words[ws[0]] : term;
  }

  /**
   * The words a stem is read as: the word spelt so if there is one ("stop", not the card game
   * "stops"), else the words it is an inflection of: "damag" ("damaged", "damaging") → "damage",
   * "stopp" ("stopped") → "stop".
   */
  private wordsFor(term: string): number[] {
    const exact = this.wordIndex.get(term);
    if (exact !== undefined) return [exact];
    const out: number[] = [];
    const candidates = [`${term}e`, term.length > 3 && term[term.length - 1] === term[term.length - 2] ? term.slice(0, -1) : ''];
    for (const c of candidates) {
      const w = c ? this.wordIndex.get(c) : undefined;
      if (w !== undefined && inflectedStems(c).includes(term)) out.push(w);
    }
    return out;
  }

  private wordsOfSynset(synset: number): Int32Array {
    if (!this.synsetWords) {
      // Invert word → senses once: counting sort by synset.
      const { start, data } = this.wordSenses;
      const synsets = this.synsetRelated.start.length - 1;
      const counts = new Int32Array(synsets + 1);
      for (const s of data) counts[s + 1]++;
      for (let s = 0; s < synsets; s++) counts[s + 1] += counts[s];
      const fill = counts.slice(0, synsets);
      const out = new Int32Array(data.length);
      for (let w = 0; w + 1 < start.length; w++) for (let k = start[w]; k < start[w + 1]; k++) out[fill[data[k]]++] = w;
      this.synsetWords = { start: counts, data: out };
    }
    return this.synsetWords.data.subarray(this.synsetWords.start[synset], this.synsetWords.start[synset + 1]);
  }

  /** Stems of the words `term` can stand for, strongest first (`term` itself left out). */
  related(term: string): RelatedWord[] {
    const cached = this.cache.get(term);
    if (cached) return cached;
    const own = this.wordsFor(term);
    /** Inflections of the word itself are not other words: "stopp" ("stopped") is "stop". */
    const ownStems = new Set(own.flatMap((w) => inflectedStems(this.words[w])));
    ownStems.add(term);
    const strength = new Map<number, number>();
    const offer = (synset: number, value: number) => {
      for (const w of this.wordsOfSynset(synset)) if ((strength.get(w) ?? 0) < value) strength.set(w, value);
    };
    const list = (lists: FlatLists, i: number) => lists.data.subarray(lists.start[i], lists.start[i + 1]);
    for (const w of own) {
      const senses = list(this.wordSenses, w);
      for (let k = 0; k < senses.length && k < MAX_SENSES; k++) {
        const decay = SENSE_DECAY ** k;
        const s = senses[k];
        offer(s, SYNONYM * decay);
        for (const r of list(this.synsetRelated, s)) offer(r, SIMILAR * decay);
        for (const h of list(this.synsetHypernyms, s)) offer(h, HYPERNYM * decay);
      }
    }
    const byTerm = new Map<string, number>();
    for (const [w, value] of strength) {
      for (const s of (this.stemsOfWord[w] ??= inflectedStems(this.words[w]))) {
        if (ownStems.has(s)) continue;
        if ((byTerm.get(s) ?? 0) < value) byTerm.set(s, value);
      }
    }
    const out = [...byTerm].map(([t, v]) => ({ term: t, strength: v })).sort((a, b) => b.strength - a.strength || (a.term < b.term ? -1 : 1));
    this.cache.set(term, out);
    return out;
  }
}

/** Stems of a word's regular inflections: "damage" → damage, damag ("damaged", "damaging"). */
function inflectedStems(word: string): string[] {
  const forms = [word, word.endsWith('s') ? word : `${word}s`, word.endsWith('e') ? `${word}d` : `${word}ed`, word.endsWith('e') ? `${word.slice(0, -1)}ing` : `${word}ing`];
  if (/(s|x|ch|sh)$/.test(word)) forms.push(`${word}es`);
  if (word.endsWith('y') && !/[aeiou]y$/.test(word)) forms.push(`${word.slice(0, -1)}ies`);
  // A doubled final consonant: "stopped", "planning", "cancelled".
  if ((word.length <= 4 && /[^aeiou][aeiou][bdgmnprt]$/.test(word)) || /[^aeiou][aeiou]l$/.test(word)) forms.push(`${word}${word[word.length - 1]}ed`, `${word}${word[word.length - 1]}ing`);
  return [...new Set(forms.map(stem))];
}

let shipped: Lexicon | null | undefined;

/** The lexicon shipped in media/, loaded on first use; null when the file is missing (then routing works by words alone). */
export function shippedLexicon(): Lexicon | null {
  if (shipped !== undefined) return shipped;
  shipped = null;
  const path = findMedia(LEXICON_FILE);
  if (path) shipped = Lexicon.parse(readFileSync(path, 'utf8'));
  return shipped;
}

export const VECTORS_FILE = 'word-vectors.bin';

/**
 * Word vectors keyed by the router's stems (media/word-vectors.bin, built from GloVe by
 * test/scripts/build-word-vectors.ts): unit vectors stored as signed bytes.
 */
export class WordVectors {
  readonly dimensions: number;
  private readonly rows = new Map<string, number>();
  private readonly data: Int8Array;

  constructor(terms: string[], dimensions: number, data: Int8Array) {
    this.dimensions = dimensions;
    this.data = data;
    terms.forEach((t, i) => this.rows.set(t, i));
  }

  static parse(bytes: Uint8Array): WordVectors {
    const magic = 'KBVEC1\0';
    const headerEnd = bytes.indexOf(10, magic.length);
    if (new TextDecoder().decode(bytes.subarray(0, magic.length)) !== magic || headerEnd < 0) throw new Error('word vectors: not a KBVEC1 file');
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(magic.length, headerEnd))) as { dimensions: number; count: number; terms: string[] };
    const start = headerEnd + 1;
    const data = new Int8Array(bytes.buffer, bytes.byteOffset + start, header.count * header.dimensions);
    return new WordVectors(header.terms, header.dimensions, data);
  }

  get size(): number {
    return this.rows.size;
  }

  /** The row of a term's vector, or -1. */
  row(term: string): number {
    return this.rows.get(term) ?? -1;
  }

  /** Copies a row's unit vector into `into` at `at`. */
  copyRow(row: number, into: Float32Array, at: number): void {
    const d = this.dimensions;
    for (let i = 0; i < d; i++) into[at + i] = this.data[row * d + i] / 127;
  }

  /** Cosine of two rows' vectors. */
  rowSimilarity(ra: number, rb: number): number {
    const d = this.dimensions;
    const data = this.data;
    let dot = 0;
    for (let i = 0, a = ra * d, b = rb * d; i < d; i++) dot += data[a + i] * data[b + i];
    return dot / (127 * 127);
  }

  /** Cosine of two terms' vectors, or undefined when either has none. */
  similarity(a: string, b: string): number | undefined {
    const ra = this.rows.get(a);
    const rb = this.rows.get(b);
    if (ra === undefined || rb === undefined) return undefined;
    const d = this.dimensions;
    let dot = 0;
    for (let i = 0; i < d; i++) dot += this.data[ra * d + i] * this.data[rb * d + i];
    return dot / (127 * 127);
  }

  /** Adds `weight` × the row's unit vector to `into`. */
  addTo(into: Float32Array, row: number, weight: number): void {
    const d = this.dimensions;
    const w = weight / 127;
    const data = this.data;
    for (let i = 0, at = row * d; i < d; i++, at++) into[i] += w * data[at];
  }
}

let shippedVectorsCache: WordVectors | null | undefined;

/** The word vectors shipped in media/, loaded on first use; null when the file is missing. */
export function shippedVectors(): WordVectors | null {
  if (shippedVectorsCache !== undefined) return shippedVectorsCache;
  shippedVectorsCache = null;
  const path = findMedia(VECTORS_FILE);
  if (path) shippedVectorsCache = WordVectors.parse(readFileSync(path));
  return shippedVectorsCache;
}

/** A file of media/: beside the bundles it is ../media; from the sources, ../../../media. */
function findMedia(name: string): string | undefined {
  for (const dir of [join(__dirname, '..', 'media'), join(__dirname, '..', '..', '..', 'media')]) {
    const path = join(dir, name);
    if (existsSync(path)) return path;
  }
  return undefined;
}
