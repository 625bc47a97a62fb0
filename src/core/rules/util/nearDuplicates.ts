// The near-duplicates the audit reports, worked out once: whole articles that copy each other,
// and the remaining pairs of sections. Shared with duplicate-question, which must not report
// the same pair again.
import type { ResolvedConfig } from '../../config/config';
import type { KnowledgeBase } from '../../knowledgeBase';
import type { Article, Section } from '../../model';
import { corpusOf, memoize } from '../../similarity/corpus';
import { duplicateAnalysis } from '../../similarity/duplicates';
import { repeatedParagraphs, type BoilerplateOptions } from './boilerplate';
import { DEFAULT_CONFLICT_KINDS, DEFAULT_QUALIFIERS, findConflicts, type ConflictOptions } from './conflicts';
import { isRuleEnabled, ruleOptions } from './options';

export interface NearDuplicateOptions {
  /** Similarity (0.5–1, TF-IDF cosine of the section texts) at or above which sections are near-duplicates. */
  threshold: number;
  /** Sections with fewer words are not compared. */
  minWords: number;
  /** When this share of both articles' words is in sections that copy each other, the articles are reported as a whole. */
  articleShare: number;
}

export const DEFAULT_NEAR_DUPLICATE: NearDuplicateOptions = { threshold: 0.7, minWords: 12, articleShare: 0.6 };
export const DEFAULT_BOILERPLATE: BoilerplateOptions = { minArticles: 3, minWords: 8, ignore: [] };
export const DEFAULT_CONFLICTS: ConflictOptions = { minSimilarity: 0.35, qualifiers: DEFAULT_QUALIFIERS, kinds: DEFAULT_CONFLICT_KINDS };

export interface Twin {
  section: Section;
  similarity: number;
}

export interface ArticleCopy {
  a: Article;
  b: Article;
  similarity: number;
  /** Sections of `a` and `b` that copy each other. */
  sections: number;
  totalA: number;
  totalB: number;
}

export interface NearDuplicates {
  /** Whole articles that copy each other (each pair once, a before b). */
  articles: ArticleCopy[];
  /** Per section, the sections it near-duplicates (outside the article copies above). */
  twins: Map<Section, Twin[]>;
  /** `min:max` section-index keys of every pair reported here, at either level. */
  coveredPairs: Set<string>;
}

export function pairKey(a: number, b: number): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}

/** Section pairs the conflicting-answer rule reports (when it is on): not reported again as duplicates. */
export function conflictingPairs(kb: KnowledgeBase, config: ResolvedConfig): Set<string> {
  if (!isRuleEnabled(config, 'conflicting-answer')) return new Set();
  const options = ruleOptions(config, 'conflicting-answer', DEFAULT_CONFLICTS);
  return memoize(kb, `conflict-pairs:${JSON.stringify(options)}`, () => {
    const keys = new Set<string>();
    for (const c of findConflicts(kb, options)) keys.add(pairKey(c.a.statement.section, c.b.statement.section));
    return keys;
  });
}

export function nearDuplicates(kb: KnowledgeBase, config: ResolvedConfig): NearDuplicates {
  const options = ruleOptions(config, 'near-duplicate', DEFAULT_NEAR_DUPLICATE);
  const boilerplateOn = isRuleEnabled(config, 'boilerplate');
  const boilerplate = ruleOptions(config, 'boilerplate', DEFAULT_BOILERPLATE);
  const conflicts = conflictingPairs(kb, config);
  const key = JSON.stringify({ options, boilerplate: boilerplateOn ? boilerplate : null, conflicts: conflicts.size });
  return memoize(kb, `near-duplicates:${key}`, () => {
    const corpus = corpusOf(kb);
    const analysis = duplicateAnalysis(kb, options.minWords);
    const boilerplateKeys = boilerplateOn ? repeatedParagraphs(kb, boilerplate).keys : new Set<number>();
    // A section made only of boilerplate paragraphs is the boilerplate rule's finding.
    const isBoilerplate = (i: number) => {
      if (boilerplateKeys.size === 0) return false;
      const start = corpus.blockStart[i];
      const end = corpus.blockStart[i + 1];
      if (end === start) return false;
      for (let b = start; b < end; b++) if (!boilerplateKeys.has(corpus.blockKeys[b])) return false;
      return true;
    };
    const edges = new Map<number, Map<number, number>>();
    const link = (x: number, y: number, similarity: number) => {
      if (x === y || conflicts.has(pairKey(x, y)) || isBoilerplate(x) || isBoilerplate(y)) return;
      for (const [from, to] of [[x, y], [y, x]]) {
        let map = edges.get(from);
        if (!map) edges.set(from, (map = new Map()));
        if ((map.get(to) ?? 0) < similarity) map.set(to, similarity);
      }
    };
    const MAX_GROUP_LINKS = 10;
    for (const group of analysis.groups) {
      if (group.length < 2) continue;
      for (let x = 0; x < group.length; x++) {
        for (let y = x + 1; y < Math.min(group.length, x + 1 + MAX_GROUP_LINKS); y++) link(group[x], group[y], 1);
      }
    }
    for (const pair of analysis.pairs) {
      if (pair.similarity < options.threshold) continue;
      const groupA = analysis.groups[analysis.groupOf.get(pair.a)!].slice(0, MAX_GROUP_LINKS);
      const groupB = analysis.groups[analysis.groupOf.get(pair.b)!].slice(0, MAX_GROUP_LINKS);
      for (const x of groupA) for (const y of groupB) link(x, y, pair.similarity);
    }

    // Whole-article copies: most of both articles' words are in sections that copy each other.
    const articleOf = (i: number) => kb.byFile.get(corpus.sections[i].file)!;
    const wordsOf = (article: Article) => article.sections.reduce((n, s) => n + s.wordCount, 0);
    const perArticlePair = new Map<string, { a: Article; b: Article; wordsA: Set<number>; wordsB: Set<number>; sims: number[] }>();
    for (const [x, map] of edges) {
      for (const [y, similarity] of map) {
        const ax = articleOf(x);
        const ay = articleOf(y);
        if (ax === ay || ax.file > ay.file) continue;
        const k = `${ax.file}\u0000${ay.file}`;
        let entry = perArticlePair.get(k);
        if (!entry) perArticlePair.set(k, (entry = { a: ax, b: ay, wordsA: new Set(), wordsB: new Set(), sims: [] }));
        entry.wordsA.add(x);
        entry.wordsB.add(y);
        entry.sims.push(similarity);
      }
    }
    const articles: ArticleCopy[] = [];
    const coveredPairs = new Set<string>();
    const sectionWords = (set: Set<number>) => [...set].reduce((n, i) => n + corpus.sections[i].wordCount, 0);
    for (const entry of perArticlePair.values()) {
      const totalA = wordsOf(entry.a);
      const totalB = wordsOf(entry.b);
      if (totalA === 0 || totalB === 0) continue;
      if (sectionWords(entry.wordsA) / totalA < options.articleShare || sectionWords(entry.wordsB) / totalB < options.articleShare) continue;
      // A whole-article copy repeats several sections, most of each article's.
      const sectionsA = entry.a.sections.filter((s) => s.wordCount > 0).length;
      const sectionsB = entry.b.sections.filter((s) => s.wordCount > 0).length;
      if (entry.wordsA.size < 2 || entry.wordsA.size < options.articleShare * sectionsA || entry.wordsB.size < options.articleShare * sectionsB) continue;
      articles.push({
        a: entry.a,
        b: entry.b,
        similarity: entry.sims.reduce((s, x) => s + x, 0) / entry.sims.length,
        sections: entry.wordsA.size,
        totalA: entry.a.sections.filter((s) => s.wordCount > 0).length,
        totalB: entry.b.sections.filter((s) => s.wordCount > 0).length,
      });
      for (const x of entry.wordsA) {
        for (const [y] of edges.get(x) ?? []) if (articleOf(y) === entry.b) coveredPairs.add(pairKey(x, y));
      }
    }
    const twins = new Map<Section, Twin[]>();
    const wholeArticlePairs = new Set(coveredPairs);
    for (const [x, map] of edges) {
      const list: Twin[] = [];
      for (const [y, similarity] of map) {
        if (wholeArticlePairs.has(pairKey(x, y))) continue;
        list.push({ section: corpus.sections[y], similarity });
      }
      for (const t of list) coveredPairs.add(pairKey(x, corpus.indexOf.get(t.section)!));
      if (list.length === 0) continue;
      list.sort((p, q) => q.similarity - p.similarity || (p.section.file < q.section.file ? -1 : p.section.file > q.section.file ? 1 : p.section.startLine - q.section.startLine));
      twins.set(corpus.sections[x], list);
    }
    articles.sort((p, q) => (p.a.file < q.a.file ? -1 : p.a.file > q.a.file ? 1 : p.b.file < q.b.file ? -1 : 1));
    return { articles, twins, coveredPairs };
  });
}
