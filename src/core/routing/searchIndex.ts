import type { KnowledgeBase } from '../knowledgeBase';
import type { Section } from '../model';
import { terms } from './tokenize';

export interface SearchHit {
  section: Section;
  score: number;
}

const K1 = 1.2;
const B = 0.75;
/** Heading words say what a section is about: count them more than body words. */
const HEADING_WEIGHT = 3;

/** A BM25 inverted index over sections (heading path and body). */
export class SearchIndex {
  private readonly postings = new Map<string, { doc: number; tf: number }[]>();
  private readonly lengths: number[] = [];
  private averageLength = 0;

  private constructor(readonly sections: Section[]) {}

  static build(kb: KnowledgeBase): SearchIndex {
    const index = new SearchIndex(kb.sections.filter((s) => s.wordCount > 0 || s.level > 0));
    let total = 0;
    index.sections.forEach((section, doc) => {
      const counts = new Map<string, number>();
      for (const t of terms(section.headingPath.join(' '))) counts.set(t, (counts.get(t) ?? 0) + HEADING_WEIGHT);
      for (const t of terms(section.text)) counts.set(t, (counts.get(t) ?? 0) + 1);
      let length = 0;
      for (const [term, tf] of counts) {
        length += tf;
        let list = index.postings.get(term);
        if (!list) index.postings.set(term, (list = []));
        list.push({ doc, tf });
      }
      index.lengths.push(length);
      total += length;
    });
    index.averageLength = index.sections.length ? total / index.sections.length : 0;
    return index;
  }

  private idf(term: string): number {
    const df = this.postings.get(term)?.length ?? 0;
    const n = this.sections.length;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Sections ranked by BM25 score, best first. */
  search(query: string, limit = 10): SearchHit[] {
    const scores = new Map<number, number>();
    for (const term of new Set(terms(query))) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = this.idf(term);
      for (const { doc, tf } of list) {
        const norm = tf * (K1 + 1) / (tf + K1 * (1 - B + (B * this.lengths[doc]) / (this.averageLength || 1)));
        scores.set(doc, (scores.get(doc) ?? 0) + idf * norm);
      }
    }
    return [...scores.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, limit)
      .map(([doc, score]) => ({ section: this.sections[doc], score }));
  }

  /** The best score any section could get for `query`: every term matched, at its most. */
  maxScore(query: string): number {
    let max = 0;
    for (const term of new Set(terms(query))) max += this.idf(term) * (K1 + 1);
    return max;
  }
}
