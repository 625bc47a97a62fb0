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
  /** word → term id, or -1 for a stop word: stemming each distinct word once. */
  private readonly wordCache = new Map<string, number>();

  constructor(kb: KnowledgeBase) {
    this.sections = kb.sections;
    this.contentWords = new Int32Array(this.sections.length);
    const counts = new Map<number, number>();
    const dfList: number[] = [];
    const raw: Array<{ ids: Int32Array; tf: Float32Array }> = [];
    this.sections.forEach((section, i) => {
      this.indexOf.set(section, i);
      counts.clear();
      let n = 0;
      for (const word of words(section.text)) {
        const id = this.wordId(word, true);
        if (id < 0) continue;
        n++;
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      this.contentWords[i] = n;
      const ids = Int32Array.from(counts.keys()).sort();
      const tf = new Float32Array(ids.length);
      ids.forEach((id, k) => {
        tf[k] = counts.get(id)!;
        dfList[id] = (dfList[id] ?? 0) + 1;
      });
      raw.push({ ids, tf });
    });
    this.df = Int32Array.from({ length: this.termText.length }, (_, id) => dfList[id] ?? 0);
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
    const n = this.sections.length;
    const df = this.df[id] ?? 0;
    return Math.log(1 + n / (df + 1));
  }

  /** Cosine similarity of two sections' body vectors, 0–1. */
  cosine(a: number, b: number): number {
    return cosine(this.vectors[a], this.vectors[b]);
  }

  /** Idf-weighted Jaccard similarity of two term sets, 0–1. */
  weightedJaccard(a: Iterable<number>, b: Iterable<number>): number {
    const setA = new Set(a);
    const setB = new Set(b);
    let shared = 0;
    let total = 0;
    for (const id of setA) {
      const w = this.idf(id);
      total += w;
      if (setB.has(id)) shared += w;
    }
    for (const id of setB) if (!setA.has(id)) total += this.idf(id);
    return total > 0 ? shared / total : 0;
  }
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
