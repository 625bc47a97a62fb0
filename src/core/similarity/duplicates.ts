// Near-duplicate sections: exact copies are merged by their normalised text first, then MinHash
// LSH proposes candidate pairs among the distinct texts and TF-IDF cosine confirms them.
import type { KnowledgeBase } from '../knowledgeBase';
import { corpusOf, memoize, type Corpus } from './corpus';
import type { Block } from '../model';
import { words } from './text';
import { lshCandidates } from './minhash';
import { groupByKey } from './buckets';

/** Pairs below this cosine are never kept, whatever a rule's threshold. */
export const SIMILARITY_FLOOR = 0.5;

export interface DuplicateAnalysis {
  /** How many distinct texts (after normalisation) the compared sections have: the groups. */
  groupCount: number;
  /** Section index → its group, or -1 for a section not compared (too short, or no terms). */
  groupOf: Int32Array;
  /**
   * The sections of group g, in KB order, are members[groupStart[g]] … members[groupStart[g + 1] - 1]
   * (see groupMembers); the first is the group's representative, and two or more are exact copies.
   */
  groupStart: Int32Array;
  members: Int32Array;
  /** Similar pairs of distinct texts (group representatives), cosine ≥ SIMILARITY_FLOOR. */
  pairs: Array<{ a: number; b: number; similarity: number }>;
  /** How many candidate pairs LSH proposed (for benchmarks). */
  candidates: number;
}

/** The sections of group g, in KB order (a view). */
export function groupMembers(analysis: DuplicateAnalysis, g: number): Int32Array {
  return analysis.members.subarray(analysis.groupStart[g], analysis.groupStart[g + 1]);
}

/** Sections of at least `minWords` words, compared once per KB and word limit. */
export function duplicateAnalysis(kb: KnowledgeBase, minWords: number): DuplicateAnalysis {
  return memoize(kb, `duplicates:${minWords}`, () => {
    const corpus = corpusOf(kb);
    const sections = corpus.sections.length;
    // Each compared section's group: its distinct text's, numbered in KB order.
    const byText = new Map<number, number>();
    const groupOf = new Int32Array(sections).fill(-1);
    let groupCount = 0;
    for (let i = 0; i < sections; i++) {
      if (corpus.sections[i].wordCount < minWords || corpus.norms[i] === 0) continue;
      const key = corpus.textKeys[i];
      let g = byText.get(key);
      if (g === undefined) byText.set(key, (g = groupCount++));
      groupOf[i] = g;
    }
    const { start: groupStart, items: members } = groupByKey(groupOf, groupCount);
    const representatives = Array.from({ length: groupCount }, (_, g) => members[groupStart[g]]);
    const maxDf = Math.max(50, Math.floor(corpus.sections.length * 0.02));
    const candidates = lshCandidates(corpus, representatives, (i) => corpus.terms(i), maxDf);
    const pairs: DuplicateAnalysis['pairs'] = [];
    for (let k = 0; k < candidates.length; k += 2) {
      const similarity = corpus.cosine(candidates[k], candidates[k + 1]);
      if (similarity >= SIMILARITY_FLOOR) pairs.push({ a: candidates[k], b: candidates[k + 1], similarity });
    }
    return { groupCount, groupOf, groupStart, members, pairs, candidates: candidates.length / 2 };
  });
}

/** A section's answer text as a sparse TF-IDF vector, and how many words it has. */
interface AnswerVector {
  ids: Int32Array;
  weights: ArrayLike<number>;
  norm: number;
  words: number;
}

const EMPTY_ANSWER: AnswerVector = { ids: new Int32Array(0), weights: new Float64Array(0), norm: 0, words: 0 };

/**
 * What two sections say in their own words, compared: the prose of their bodies without code
 * blocks, inline code, bare addresses, HTML, admonitions, worked examples, field lists ("Returns: …", "Type: …") and the paragraphs in `skipBlocks` (Corpus.blockKeys of boilerplate repeated
 * across articles). Sibling reference entries share those and differ in
 * little else, so they look alike on the whole text without saying the same thing. Vectors are
 * built on demand, once per section: only the pairs the LSH pass already confirmed are compared.
 */
export class AnswerSimilarity {
  private readonly vectors = new Map<number, AnswerVector>();

  constructor(
    private readonly corpus: Corpus,
    private readonly skipBlocks: ReadonlySet<number>,
  ) {}

  /** Words of section i's answer text, boilerplate paragraphs included (stop words too, as Section.wordCount counts them). */
  words(i: number): number {
    return this.vectorOf(i).words;
  }

  /** TF-IDF cosine of the two sections' answer texts, 0–1 (0 when either has none). */
  cosine(a: number, b: number): number {
    const x = this.vectorOf(a);
    const y = this.vectorOf(b);
    if (x.norm === 0 || y.norm === 0) return 0;
    let i = 0;
    let j = 0;
    let dot = 0;
    while (i < x.ids.length && j < y.ids.length) {
      if (x.ids[i] === y.ids[j]) dot += x.weights[i++] * y.weights[j++];
      else if (x.ids[i] < y.ids[j]) i++;
      else j++;
    }
    return Math.min(1, dot / (x.norm * y.norm));
  }

  private vectorOf(i: number): AnswerVector {
    let vector = this.vectors.get(i);
    if (!vector) this.vectors.set(i, (vector = this.build(i)));
    return vector;
  }

  private build(i: number): AnswerVector {
    const corpus = this.corpus;
    const section = corpus.sections[i];
    // Most sections have nothing to leave out: their answer text is their body, already a vector.
    if (section.blocks.every((block, b) => this.isPlainProse(block, corpus.blockStart[i] + b))) {
      let count = 0;
      for (let b = corpus.blockStart[i]; b < corpus.blockStart[i + 1]; b++) count += corpus.blockWords[b];
      const v = corpus.vector(i);
      return { ids: v.ids, weights: v.weights, norm: v.norm, words: count };
    }
    const tf = new Map<number, number>();
    let count = 0;
    section.blocks.forEach((block, b) => {
      if (block.kind === 'code' || block.kind === 'html' || block.aside || block.example) return;
      // Boilerplate counts towards the section's length (a section copied whole into several
      // articles is still compared, on the rest of its words), not towards its likeness.
      const at = corpus.blockStart[i] + b;
      if (this.skipBlocks.has(corpus.blockKeys[at])) {
        count += corpus.blockWords[at];
        return;
      }
      for (const word of words(withoutFields(withoutLiterals(block.text, block.literals)).replace(BARE_URL, ' '))) {
        count++;
        const id = corpus.wordId(word);
        if (id >= 0) tf.set(id, (tf.get(id) ?? 0) + 1);
      }
    });
    if (tf.size === 0) return count === 0 ? EMPTY_ANSWER : { ...EMPTY_ANSWER, words: count };
    const ids = Int32Array.from(tf.keys()).sort();
    const weights = new Float64Array(ids.length);
    let sum = 0;
    ids.forEach((id, k) => {
      const w = (1 + Math.log(tf.get(id)!)) * corpus.idf(id);
      weights[k] = w;
      sum += w * w;
    });
    return { ids, weights, norm: Math.sqrt(sum), words: count };
  }

  /** A block whose every word is answer text (nothing for build to leave out). */
  private isPlainProse(block: Block, at: number): boolean {
    if (block.kind === 'code' || block.kind === 'html' || block.aside || block.example || (block.literals?.length ?? 0) > 0) return false;
    if (this.skipBlocks.has(this.corpus.blockKeys[at])) return false;
    const text = block.text;
    return !text.includes('://') && (!text.includes('\n') || withoutFields(text) === text);
  }
}

/** `text` with its inline-code spans (Block.literals offsets) blanked out. */
function withoutLiterals(text: string, literals: number[] | undefined): string {
  if (!literals || literals.length === 0) return text;
  let out = '';
  let at = 0;
  for (let k = 0; k + 1 < literals.length; k += 2) {
    out += text.slice(at, literals[k]) + ' ';
    at = literals[k + 1];
  }
  return out + text.slice(at);
}

/** A bare address ("https://example.com/a/b"): a reference to follow, not words of the answer. */
const BARE_URL = /\b(?:https?|ftp):\/\/\S+/gi;

/** A line that starts with a short label and a colon: "Returns: …", "Version history:". */
const FIELD_LINE = /^\s*\p{Lu}[\p{L}\p{N} ()'/-]{0,30}:(?:\s|$)/u;

/**
 * `text`, or nothing when it is a field list (two or more labelled lines, with their values):
 * the record of a reference entry, which says which entry it is, not what it answers.
 */
function withoutFields(text: string): string {
  if (!text.includes('\n')) return text;
  let fields = 0;
  for (const line of text.split('\n')) if (FIELD_LINE.test(line) && ++fields >= 2) return '';
  return text;
}
