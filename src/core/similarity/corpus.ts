// Term statistics of a whole knowledge base, computed once per loaded KB and shared by the
// rules that compare sections (near-duplicate, conflicting-answer, duplicate-question,
// boilerplate). Everything here is linear in the size of the KB.
import type { KnowledgeBase } from '../knowledgeBase';
import type { Section } from '../model';
import { isStopWord, stem, words } from './text';
import { IntList, sortRange, sortedIncludes } from './buckets';
import { WordScanner, WordTable } from './wordTable';

/** A sparse TF-IDF vector, term ids ascending. */
export interface TermVector {
  ids: Int32Array;
  weights: Float32Array;
  norm: number;
}

/** Marks a word that starts with a digit in blockTermIds's output. */
const FIGURE = -2;

/**
 * Entries in each piece of the term vectors' storage. The vectors are written piece by piece as
 * the sections are read, and a section's vector always lies within one piece (a longer one gets
 * a piece of its own): no table is grown by copying, which at 10,000 articles left about 50 MB
 * of dropped copies for the collector to find.
 */
const VECTOR_PIECE = 1 << 16;

export class Corpus {
  /** Every section of the KB, in KB order; indexes below refer to this array. */
  readonly sections: Section[];
  /** Section → index, made only if a caller asks for a section that is not where its hint says. */
  private indexes: Map<Section, number> | undefined;
  /** term → id; the term's text is `termText[id]`. */
  private readonly termIds = new Map<string, number>();
  readonly termText: string[] = [];
  /** Sections containing each term (in the body). */
  df: Int32Array = new Int32Array(0);
  /**
   * The body term vectors of all sections: section i's term ids (ascending) are
   * idPieces[piece[i]][from[i]] … idPieces[piece[i]][to[i] - 1], their TF-IDF weights at the
   * same places in weightPieces[piece[i]], and the vector's length is norms[i].
   */
  private readonly piece: Int32Array;
  private readonly from: Int32Array;
  private readonly to: Int32Array;
  private readonly idPieces: Int32Array[] = [];
  private readonly weightPieces: Float32Array[] = [];
  readonly norms: Float64Array;
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
    const n = this.sections.length;
    this.contentWords = new Int32Array(n);
    this.textKeys = new Float64Array(n);
    this.blockStart = new Int32Array(n + 1);
    let blocks = 0;
    this.sections.forEach((section, i) => {
      this.blockStart[i] = blocks;
      blocks += section.blocks.length;
    });
    this.blockStart[n] = blocks;
    this.blockKeys = new Float64Array(blocks);
    this.blockWords = new Int32Array(blocks);
    this.piece = new Int32Array(n);
    this.from = new Int32Array(n);
    this.to = new Int32Array(n);
    // Term frequencies of the section at hand, by term id, and the ids it has touched.
    let tf = new Int32Array(4096);
    const ids = new IntList();
    let dfs = new Int32Array(4096);
    // The piece being filled, and how far. Until the weights are known, a piece of weights holds
    // each term's count in the section (whole numbers, exact in 32-bit floats).
    let idPiece = new Int32Array(0);
    let countPiece = new Float32Array(0);
    let filled = 0;
    for (let i = 0; i < n; i++) {
      const section = this.sections[i];
      ids.length = 0;
      let content = 0;
      let s1 = 0x811c9dc5;
      let s2 = 0x9747b28c;
      for (let b = 0; b < section.blocks.length; b++) {
        let b1 = 0x811c9dc5;
        let b2 = 0x9747b28c;
        let count = 0;
        // Each word as a term id, or -2 for a figure (hashed into the keys by its characters).
        const sequence = this.blockTermIds(section.blocks[b].text);
        for (let w = 0; w < sequence.length; w++) {
          count++;
          const id = sequence.ids[w];
          if (id === FIGURE) {
            // Figures tell exact copies apart but not what a section is about: in the keys, not the vector.
            const { lower } = sequence;
            for (let c = sequence.starts[w], end = sequence.ends[w]; c < end; c++) {
              b1 = Math.imul(b1 ^ lower.charCodeAt(c), 0x01000193);
              s1 = Math.imul(s1 ^ lower.charCodeAt(c), 0x01000193);
            }
            continue;
          }
          if (id < 0) continue;
          b1 = Math.imul(b1 ^ id, 0x01000193);
          b2 = Math.imul(b2 ^ id, 0x5bd1e995) ^ (b2 >>> 15);
          s1 = Math.imul(s1 ^ id, 0x01000193);
          s2 = Math.imul(s2 ^ id, 0x5bd1e995) ^ (s2 >>> 15);
          content++;
          if (id >= tf.length) {
            const grown = new Int32Array(Math.max(tf.length * 2, id + 1));
            grown.set(tf);
            tf = grown;
          }
          if (tf[id]++ === 0) ids.push(id);
        }
        this.blockKeys[this.blockStart[i] + b] = packHash(b1, b2);
        this.blockWords[this.blockStart[i] + b] = count;
      }
      this.contentWords[i] = content;
      this.textKeys[i] = packHash(s1, s2);
      sortRange(ids.data, 0, ids.length);
      if (filled + ids.length > idPiece.length) {
        const size = Math.max(VECTOR_PIECE, ids.length);
        this.idPieces.push((idPiece = new Int32Array(size)));
        this.weightPieces.push((countPiece = new Float32Array(size)));
        filled = 0;
      }
      this.piece[i] = this.idPieces.length - 1;
      this.from[i] = filled;
      for (let k = 0; k < ids.length; k++) {
        const id = ids.data[k];
        idPiece[filled] = id;
        countPiece[filled++] = tf[id];
        tf[id] = 0;
        if (id >= dfs.length) {
          const grown = new Int32Array(Math.max(dfs.length * 2, id + 1));
          grown.set(dfs);
          dfs = grown;
        }
        dfs[id]++;
      }
      this.to[i] = filled;
    }
    this.df = dfs.slice(0, this.termText.length);
    this.idfs = Float64Array.from(this.df, (df) => Math.log(1 + n / (df + 1)));
    this.norms = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const pieceIds = this.idPieces[this.piece[i]];
      const weights = this.weightPieces[this.piece[i]];
      let sum = 0;
      for (let k = this.from[i]; k < this.to[i]; k++) {
        const w = (1 + Math.log(weights[k])) * this.idfs[pieceIds[k]];
        weights[k] = w;
        sum += w * w;
      }
      this.norms[i] = Math.sqrt(sum);
    }
  }

  /**
   * The index of `section` (one of the KB's) in `sections`. Callers walk the sections in KB
   * order and pass the index they expect, `hint`: then there is nothing to look up.
   */
  indexOf(section: Section, hint = -1): number {
    if (this.sections[hint] === section) return hint;
    if (!this.indexes) {
      this.indexes = new Map();
      this.sections.forEach((s, i) => this.indexes!.set(s, i));
    }
    return this.indexes.get(section) ?? -1;
  }

  /** Section i's body term ids, ascending (a view, not a copy). */
  terms(i: number): Int32Array {
    return this.idPieces[this.piece[i]].subarray(this.from[i], this.to[i]);
  }

  /** Section i's body term vector (views, not copies). */
  vector(i: number): TermVector {
    return { ids: this.terms(i), weights: this.weightPieces[this.piece[i]].subarray(this.from[i], this.to[i]), norm: this.norms[i] };
  }

  /** Does section i's body use the term? */
  hasTerm(i: number, term: number): boolean {
    return sortedIncludes(this.idPieces[this.piece[i]], term, this.from[i], this.to[i]);
  }

  /** Scratch space for blockTermIds: the words of one block. */
  private readonly scratch = { ids: new Int32Array(256), starts: new Int32Array(256), ends: new Int32Array(256), lower: '', length: 0 };
  /** Words seen, by a hash of their characters, so known words are looked up without being cut out of the text. */
  private readonly seenWords = new WordTable();
  private readonly scanner = new WordScanner();

  /**
   * The words of one block, in order, as term ids (-1: stop word; FIGURE: a word that starts
   * with a digit), each at lower.slice(starts[i], ends[i]) in the lower-cased block. The result
   * is reused by the next call.
   */
  private blockTermIds(text: string): { ids: Int32Array; starts: Int32Array; ends: Int32Array; lower: string; length: number } {
    const out = this.scratch;
    out.length = 0;
    const push = (id: number, start: number, end: number) => {
      if (out.length === out.ids.length) {
        const grow = (a: Int32Array) => {
          const grown = new Int32Array(a.length * 2);
          grown.set(a);
          return grown;
        };
        out.ids = grow(out.ids);
        out.starts = grow(out.starts);
        out.ends = grow(out.ends);
      }
      out.starts[out.length] = start;
      out.ends[out.length] = end;
      out.ids[out.length++] = id;
    };
    const lower = text.toLowerCase();
    out.lower = lower;
    // The same words as `words`, found in place: a word already seen costs a hash and a
    // comparison, not a new string.
    for (const word = this.scanner.reset(lower); word.next(); ) {
      const { start, end, hash } = word;
      const c0 = lower.charCodeAt(start);
      if (c0 >= 48 && c0 <= 57) {
        push(FIGURE, start, end);
        continue;
      }
      let id = this.seenWords.find(lower, start, end, hash);
      if (id === undefined) {
        const text = lower.slice(start, end);
        id = this.wordId(text, true);
        this.seenWords.add(text, hash, id);
      }
      push(id, start, end);
    }
    return out;
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
    const normA = this.norms[a];
    const normB = this.norms[b];
    if (normA === 0 || normB === 0) return 0;
    const idsA = this.idPieces[this.piece[a]];
    const idsB = this.idPieces[this.piece[b]];
    const weightsA = this.weightPieces[this.piece[a]];
    const weightsB = this.weightPieces[this.piece[b]];
    let i = this.from[a];
    let j = this.from[b];
    const endA = this.to[a];
    const endB = this.to[b];
    let dot = 0;
    while (i < endA && j < endB) {
      const x = idsA[i];
      const y = idsB[j];
      if (x === y) dot += weightsA[i++] * weightsB[j++];
      else if (x < y) i++;
      else j++;
    }
    return Math.min(1, dot / (normA * normB));
  }

  /** Idf-weighted Jaccard similarity of two term-id sets given as ascending arrays, 0–1; ranges of them as `overlap` takes. */
  weightedJaccard(a: ArrayLike<number>, b: ArrayLike<number>, aFrom = 0, aTo = a.length, bFrom = 0, bTo = b.length): number {
    let i = aFrom;
    let j = bFrom;
    let shared = 0;
    let total = 0;
    while (i < aTo || j < bTo) {
      if (j >= bTo || (i < aTo && a[i] < b[j])) total += this.idf(a[i++]);
      else if (i >= aTo || b[j] < a[i]) total += this.idf(b[j++]);
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
   * sets: alike in what they say, not only in sharing one rare name. The sets are
   * `a[aFrom … aTo - 1]` and `b[bFrom … bTo - 1]` (the whole arrays unless said), so ranges of one
   * shared array are compared without a view of each.
   */
  overlap(a: ArrayLike<number>, b: ArrayLike<number>, aFrom = 0, aTo = a.length, bFrom = 0, bTo = b.length): number {
    let i = aFrom;
    let j = bFrom;
    let shared = 0;
    let total = 0;
    let sharedCount = 0;
    let totalCount = 0;
    while (i < aTo || j < bTo) {
      totalCount++;
      if (j >= bTo || (i < aTo && a[i] < b[j])) total += this.idf(a[i++]);
      else if (i >= aTo || b[j] < a[i]) total += this.idf(b[j++]);
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
