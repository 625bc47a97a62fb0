// Near-duplicate sections: exact copies are merged by their normalised text first, then MinHash
// LSH proposes candidate pairs among the distinct texts and TF-IDF cosine confirms them.
import type { KnowledgeBase } from '../knowledgeBase';
import { corpusOf, memoize } from './corpus';
import { lshCandidates } from './minhash';

/** Pairs below this cosine are never kept, whatever a rule's threshold. */
export const SIMILARITY_FLOOR = 0.5;

export interface DuplicateAnalysis {
  /** The sections of each distinct text (after normalisation), in KB order; two or more are exact copies. */
  groups: number[][];
  /** Section index → its group in `groups`. */
  groupOf: Map<number, number>;
  /** Similar pairs of distinct texts (group representatives), cosine ≥ SIMILARITY_FLOOR. */
  pairs: Array<{ a: number; b: number; similarity: number }>;
  /** How many candidate pairs LSH proposed (for benchmarks). */
  candidates: number;
}

/** Sections of at least `minWords` words, compared once per KB and word limit. */
export function duplicateAnalysis(kb: KnowledgeBase, minWords: number): DuplicateAnalysis {
  return memoize(kb, `duplicates:${minWords}`, () => {
    const corpus = corpusOf(kb);
    const byText = new Map<number, number>();
    const groups: number[][] = [];
    const groupOf = new Map<number, number>();
    const representatives: number[] = [];
    corpus.sections.forEach((section, i) => {
      if (section.wordCount < minWords || corpus.norms[i] === 0) return;
      const key = corpus.textKeys[i];
      const existing = byText.get(key);
      if (existing === undefined) {
        byText.set(key, groups.length);
        groupOf.set(i, groups.length);
        groups.push([i]);
        representatives.push(i);
      } else {
        groups[existing].push(i);
        groupOf.set(i, existing);
      }
    });
    const maxDf = Math.max(50, Math.floor(corpus.sections.length * 0.02));
    const candidates = lshCandidates(corpus, representatives, (i) => corpus.terms(i), maxDf);
    const pairs: DuplicateAnalysis['pairs'] = [];
    for (let k = 0; k < candidates.length; k += 2) {
      const similarity = corpus.cosine(candidates[k], candidates[k + 1]);
      if (similarity >= SIMILARITY_FLOOR) pairs.push({ a: candidates[k], b: candidates[k + 1], similarity });
    }
    return { groups, groupOf, pairs, candidates: candidates.length / 2 };
  });
}
