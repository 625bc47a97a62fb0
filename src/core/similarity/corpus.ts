// Term statistics of a whole knowledge base, computed once per loaded KB and shared by the
// rules that compare sections (near-duplicate, conflicting-answer, duplicate-question,
// boilerplate). Everything here is linear in the size of the KB.
import type { KnowledgeBase } from '../knowledgeBase';
import type { Section } from '../model';
import { isStopWord, stem, words } from './text';

/** A sparse TF-IDF vector, term ids ascending. */
export interface TermVector {
  ids: Int32Array;
  weights: Float32Array;
  norm: number;
}

const EMPTY: TermVector = { ids: new Int32Array(0), weights: new Float32Array(0), norm: 0 };

export class Corpus {
  /** Every section of the KB, in KB order; indexes below refer to this array. */
  readonly sections: Section[];
  readonly indexOf = new Map<Section, number>();
  /** term → id; the term's text is `termText[id]`. */
  private readonly termIds = new Map<string, number>();
  readonly termText: string[] = [];
  /** Sections containing each term (in the body). */
  df: Int32Array = new Int32Array(0);
  /** Body term vector of each section. */
  readonly vectors: TermVector[] = [];
  /** Body word count used for the vectors (content words only). */
  readonly contentWords: Int32Array;
  /** A 52-bit hash of each section's content terms in order: equal text (up to stop words and inflections), equal key. */
  readonly textKeys: Float64Array;
  /** Section i's blocks are blockKeys[blockStart[i]] … blockKeys[blockStart[i + 1] - 1], in order. */
  readonly blockStart: Int32Array;
  /** The same hash per block, and each block's word count (stop words included). */
  readonly blockKeys: Float64Array;
  readonly blockWords: Int32Array;
  /** Inverse document frequency of each term, computed once. */
  private idfs: Float64Array = new Float64Array(0);
  /** word → term id, or -1 for a stop word: stemming each distinct word once. */
  private readonly wordCache = new Map<string, number>();

  constructor(kb: KnowledgeBase) {
    this.sections = kb.sections;
    this.contentWords = new Int32Array(this.sections.length);
    this.textKeys = new Float64Array(this.sections.length);
    this.blockStart = new Int32Array(this.sections.length + 1);
    let blocks = 0;
    this.sections.forEach((section, i) => {
      this.blockStart[i] = blocks;
      blocks += section.blocks.length;
    });
    this.blockStart[this.sections.length] = blocks;
    this.blockKeys = new Float64Array(blocks);
    this.blockWords = new Int32Array(blocks);
    const counts = new Map<number, number>();
    const dfList: number[] = [];
    const raw: Array<{ ids: Int32Array; tf: Float32Array }> = [];
    this.sections.forEach((section, i) => {
      this.indexOf.set(section, i);
      counts.clear();
      let n = 0;
      let s1 = 0x811c9dc5;
      let s2 = 0x9747b28c;
      section.blocks.forEach((block, b) => {
        let b1 = 0x811c9dc5;
        let b2 = 0x9747b28c;
        let count = 0;
        for (const word of words(block.text)) {
          count++;
          const first = word.charCodeAt(0);
          if (first >= 48 && first <= 57) {
            // Figures tell exact copies apart but not what a section is about: in the keys, not the vector.
            for (let c = 0; c < word.length; c++) {
              b1 = Math.imul(b1 ^ word.charCodeAt(c), 0x01000193);
              s1 = Math.imul(s1 ^ word.charCodeAt(c), 0x01000193);
            }
            continue;
          }
          const id = this.wordId(word, true);
          if (id < 0) continue;
          b1 = Math.imul(b1 ^ id, 0x01000193);
          b2 = Math.imul(b2 ^ id, 0x5bd1e995) ^ (b2 >>> 15);
          s1 = Math.imul(s1 ^ id, 0x01000193);
          s2 = Math.imul(s2 ^ id, 0x5bd1e995) ^ (s2 >>> 15);
          n++;
          counts.set(id, (counts.get(id) ?? 0) + 1);
        }
        this.blockKeys[this.blockStart[i] + b] = packHash(b1, b2);
        this.blockWords[this.blockStart[i] + b] = count;
      });
      this.contentWords[i] = n;
      this.textKeys[i] = packHash(s1, s2);
      const ids = Int32Array.from(counts.keys()).sort();
      const tf = new Float32Array(ids.length);
      ids.forEach((id, k) => {
        tf[k] = counts.get(id)!;
        dfList[id] = (dfList[id] ?? 0) + 1;
      });
      raw.push({ ids, tf });
    });
    this.df = Int32Array.from({ length: this.termText.length }, (_, id) => dfList[id] ?? 0);
    const n = this.sections.length;
    this.idfs = Float64Array.from(this.df, (df) => Math.log(1 + n / (df + 1)));
    for (const { ids, tf } of raw) {
      if (ids.length === 0) {
        this.vectors.push(EMPTY);
        continue;
      }
      const weights = new Float32Array(ids.length);
      let sum = 0;
      for (let k = 0; k < ids.length; k++) {
        const w = (1 + Math.log(tf[k])) * this.idf(ids[k]);
        weights[k] = w;
        sum += w * w;
      }
      this.vectors.push({ ids, weights, norm: Math.sqrt(sum) });
    }
  }

  /** The id of a lower-cased word's term; -1 for stop words and unknown words (unless `add`). */
  wordId(word: string, add = false): number {
    const cached = this.wordCache.get(word);
    if (cached !== undefined) return cached;
    if (isStopWord(word) || (word.length < 2 && !/\d/.test(word))) {
      this.wordCache.set(word, -1);
      return -1;
    }
    const term = stem(word);
    let id = this.termIds.get(term);
    if (id === undefined) {
      if (!add) return -1;
      id = this.termText.length;
      this.termIds.set(term, id);
      this.termText.push(term);
    }
    this.wordCache.set(word, id);
    return id;
  }

  /** Term ids of `text` (stop words out), in order; words the KB never uses are left out. */
  termIdsOf(text: string): number[] {
    const out: number[] = [];
    for (const word of words(text)) {
      const id = this.wordId(word);
      if (id >= 0) out.push(id);
    }
    return out;
  }

  /** Inverse document frequency: rare terms say more about what a section is about. */
  idf(id: number): number {
    return this.idfs[id] ?? Math.log(1 + this.sections.length);
  }

  /** Cosine similarity of two sections' body vectors, 0–1. */
  cosine(a: number, b: number): number {
    return cosine(this.vectors[a], this.vectors[b]);
  }

  /** Idf-weighted Jaccard similarity of two term-id sets given as ascending arrays, 0–1. */
  weightedJaccard(a: ArrayLike<number>, b: ArrayLike<number>): number {
    let i = 0;
    let j = 0;
    let shared = 0;
    let total = 0;
    while (i < a.length || j < b.length) {
      if (j >= b.length || (i < a.length && a[i] < b[j])) total += this.idf(a[i++]);
      else if (i >= a.length || b[j] < a[i]) total += this.idf(b[j++]);
      else {
        const w = this.idf(a[i]);
        shared += w;
        total += w;
        i++;
        j++;
      }
    }
    return total > 0 ? shared / total : 0;
  }

  /**
   * The lower of the idf-weighted and the plain Jaccard similarity of two ascending term-id
   * sets: alike in what they say, not only in sharing one rare name.
   */
  overlap(a: ArrayLike<number>, b: ArrayLike<number>): number {
    let i = 0;
    let j = 0;
    let shared = 0;
    let total = 0;
    let sharedCount = 0;
    let totalCount = 0;
    while (i < a.length || j < b.length) {
      totalCount++;
      if (j >= b.length || (i < a.length && a[i] < b[j])) total += this.idf(a[i++]);
      else if (i >= a.length || b[j] < a[i]) total += this.idf(b[j++]);
      else {
        const w = this.idf(a[i]);
        shared += w;
        total += w;
        sharedCount++;
        i++;
        j++;
      }
    }
    return total > 0 ? Math.min(shared / total, sharedCount / totalCount) : 0;
  }

  /** Distinct term ids of `text`, ascending: the form weightedJaccard takes. */
  termSetOf(text: string): Int32Array {
    return Int32Array.from(new Set(this.termIdsOf(text))).sort();
  }
}

/** Two 32-bit hashes as one exact double (32 + 20 bits). */
function packHash(h1: number, h2: number): number {
  return (h1 >>> 0) * 2 ** 20 + ((h2 >>> 0) % 2 ** 20);
}

export function cosine(a: TermVector, b: TermVector): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  let i = 0;
  let j = 0;
  let dot = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i];
    const y = b.ids[j];
    if (x === y) {
      dot += a.weights[i++] * b.weights[j++];
    } else if (x < y) i++;
    else j++;
  }
  return Math.min(1, dot / (a.norm * b.norm));
}

const corpora = new WeakMap<KnowledgeBase, Corpus>();

/** The KB's corpus, built on first use and kept while the KB object lives. */
export function corpusOf(kb: KnowledgeBase): Corpus {
  let corpus = corpora.get(kb);
  if (!corpus) corpora.set(kb, (corpus = new Corpus(kb)));
  return corpus;
}

/** A per-KB cache for analyses that depend on options: the key says which options. */
export function memoize<T>(kb: KnowledgeBase, key: string, compute: () => T): T {
  let cache = analyses.get(kb);
  if (!cache) analyses.set(kb, (cache = new Map()));
  if (!cache.has(key)) cache.set(key, compute());
  return cache.get(key) as T;
}

const analyses = new WeakMap<KnowledgeBase, Map<string, unknown>>();
