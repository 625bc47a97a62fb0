// The near-duplicates the audit reports, worked out once: whole articles that copy each other,
// and the remaining pairs of sections. Shared with duplicate-question, which must not report
// the same pair again.
import type { ResolvedConfig } from '../../config/config';
import type { KnowledgeBase } from '../../knowledgeBase';
import type { Article, Section } from '../../model';
import { corpusOf, memoize } from '../../similarity/corpus';
import { AnswerSimilarity, duplicateAnalysis, groupMembers } from '../../similarity/duplicates';
import { areSiblingEntries, areSiblingPages, pathVariantOf, siblingPagesVariant, variantOf, type Variant } from '../../similarity/variants';
import { repeatedParagraphs, type BoilerplateOptions } from './boilerplate';
import { DEFAULT_CONFLICT_KINDS, DEFAULT_QUALIFIERS, findConflicts, type ConflictOptions } from './conflicts';
import { isRuleEnabled, ruleOptions } from './options';
import { isQuestionHeading, titleSection } from './sections';

export interface NearDuplicateOptions {
  /** Similarity (0.5–1, TF-IDF cosine of the section texts) at or above which sections are near-duplicates. */
  threshold: number;
  /** Sections with fewer words are not compared. */
  minWords: number;
  /** When this share of both articles' words is in sections that copy each other, the articles are reported as a whole. */
  articleShare: number;
  /** Report variants of one answer (platform, method or version variants) as one info finding per group. */
  variants: boolean;
}

export const DEFAULT_NEAR_DUPLICATE: NearDuplicateOptions = { threshold: 0.7, minWords: 12, articleShare: 0.6, variants: false };
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

/** Sections, or whole articles, that are variants of one answer for different platforms or cases. */
export interface VariantGroup {
  scope: 'section' | 'article';
  /** The sections (for articles: their title sections) in KB order. */
  members: Array<{ file: string; line: number; heading: string }>;
  /** The words that tell the variants apart, as written. */
  words: string[];
  /** Every variant is told apart by a platform, environment or method name. */
  platform: boolean;
  similarity: number;
  /** How many sections, all members together, are alike. */
  sections: number;
}

export interface NearDuplicates {
  /** Whole articles that copy each other (each pair once, a before b). */
  articles: ArticleCopy[];
  /** Variants of one answer (one group each, not one finding per pair). */
  variants: VariantGroup[];
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
    // Paragraphs repeated across many articles are the boilerplate rule's finding, not an answer
    // written twice: they do not count towards the similarity of the sections that carry them.
    const boilerplateKeys = boilerplateOn ? repeatedParagraphs(kb, boilerplate).keys : new Set<number>();
    const answers = new AnswerSimilarity(corpus, boilerplateKeys);
    const articleOf = (i: number) => kb.byFile.get(corpus.sections[i].file)!;
    // The articles of the sections that may be linked: where template slots are looked for.
    const files = new Set<string>();
    for (let g = 0; g < analysis.groupCount; g++) {
      const group = groupMembers(analysis, g);
      if (group.length > 1) for (const i of group) files.add(corpus.sections[i].file);
    }
    for (const pair of analysis.pairs) {
      if (pair.similarity < options.threshold) continue;
      for (const i of [pair.a, pair.b]) for (const j of groupMembers(analysis, analysis.groupOf[i])) files.add(corpus.sections[j].file);
    }
    const slots = templateSlots(kb, files);
    const edges = new Map<number, Map<number, number>>();
    // Pairs where a section is a template's generic label ("Overview", "Resolution"): alike
    // sections that count towards a whole-article copy, never reported on their own.
    const templatePairs = new Set<string>();
    const link = (x: number, y: number) => {
      if (x === y || conflicts.has(pairKey(x, y))) return;
      const sx = corpus.sections[x];
      const sy = corpus.sections[y];
      // "See also" lists are not answers.
      if (sx.role === 'navigation' || sy.role === 'navigation') return;
      // A section that restates its own parent's summary elaborates it; it is not a second answer.
      if (sx.file === sy.file && (isAncestor(sx, sy) || isAncestor(sy, sx))) return;
      if (answers.words(x) < options.minWords || answers.words(y) < options.minWords) return;
      // The similarity first: it is a merge of two vectors, cheaper than reading the names.
      const similarity = answers.cosine(x, y);
      if (similarity < options.threshold) return;
      // Reference entries of one kind, and the slots a page template repeats, are filled in per
      // entry; unless they are one answer per platform, which is reported as such below.
      if (!variantOf(sx.heading, sy.heading, false) && !pathVariantOf(sx.file, sy.file)) {
        if (areSiblingEntries(articleOf(x), sx, articleOf(y), sy) || slots.areSiblings(sx, sy)) return;
      }
      for (const [from, to] of [[x, y], [y, x]]) {
        let map = edges.get(from);
        if (!map) edges.set(from, (map = new Map()));
        if ((map.get(to) ?? 0) < similarity) map.set(to, similarity);
      }
      if (sx.role === 'template' || sy.role === 'template') templatePairs.add(pairKey(x, y));
    };
    const MAX_GROUP_LINKS = 10;
    for (let g = 0; g < analysis.groupCount; g++) {
      const group = groupMembers(analysis, g);
      if (group.length < 2) continue;
      for (let x = 0; x < group.length; x++) {
        for (let y = x + 1; y < Math.min(group.length, x + 1 + MAX_GROUP_LINKS); y++) link(group[x], group[y]);
      }
    }
    for (const pair of analysis.pairs) {
      if (pair.similarity < options.threshold) continue;
      const groupA = groupMembers(analysis, analysis.groupOf[pair.a]).subarray(0, MAX_GROUP_LINKS);
      const groupB = groupMembers(analysis, analysis.groupOf[pair.b]).subarray(0, MAX_GROUP_LINKS);
      for (const x of groupA) for (const y of groupB) link(x, y);
    }

    // Whole-article copies: most of both articles' words are in sections that copy each other.
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
    const articleVariants = new VariantGroups<Article>();
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
      const similarity = entry.sims.reduce((s, x) => s + x, 0) / entry.sims.length;
      // Articles named for different platforms ("install/windows.md", "install/linux.md") are one answer per platform.
      const variant = platformOnly(variantOf(entry.a.title, entry.b.title, false)) ?? pathVariantOf(entry.a.file, entry.b.file);
      if (variant) articleVariants.add(entry.a, entry.b, variant, similarity, [...entry.wordsA, ...entry.wordsB]);
      else {
        articles.push({
          a: entry.a,
          b: entry.b,
          similarity,
          sections: entry.wordsA.size,
          totalA: entry.a.sections.filter((s) => s.wordCount > 0).length,
          totalB: entry.b.sections.filter((s) => s.wordCount > 0).length,
        });
      }
      for (const x of entry.wordsA) {
        for (const [y] of edges.get(x) ?? []) if (articleOf(y) === entry.b) coveredPairs.add(pairKey(x, y));
      }
    }
    const sectionVariants = new VariantGroups<number>();
    const wholeArticlePairs = new Set(coveredPairs);
    const candidates: Array<[number, number, number]> = [];
    for (const [x, map] of edges) {
      for (const [y, similarity] of map) {
        const k = pairKey(x, y);
        if (wholeArticlePairs.has(k) || templatePairs.has(k)) continue;
        coveredPairs.add(k);
        const found = sectionVariant(articleOf(x), corpus.sections[x], articleOf(y), corpus.sections[y]);
        if (!found) candidates.push([x, y, similarity]);
        else if (x > y) continue;
        // Sections alike in two articles named for two platforms: one finding for the articles.
        else if (found.byPath) articleVariants.add(articleOf(x), articleOf(y), found.variant, similarity, [x, y]);
        else sectionVariants.add(x, y, found.variant, similarity, [x, y]);
      }
    }
    // Two sections of one group of variants are part of that finding, even when their own names differ more.
    const twins = new Map<Section, Twin[]>();
    for (const [x, y, similarity] of candidates) {
      if (sectionVariants.together(x, y) || (articleOf(x) !== articleOf(y) && articleVariants.together(articleOf(x), articleOf(y)))) continue;
      let list = twins.get(corpus.sections[x]);
      if (!list) twins.set(corpus.sections[x], (list = []));
      list.push({ section: corpus.sections[y], similarity });
    }
    for (const list of twins.values()) {
      list.sort((p, q) => q.similarity - p.similarity || (p.section.file < q.section.file ? -1 : p.section.file > q.section.file ? 1 : p.section.startLine - q.section.startLine));
    }
    articles.sort((p, q) => (p.a.file < q.a.file ? -1 : p.a.file > q.a.file ? 1 : p.b.file < q.b.file ? -1 : 1));
    const variants: VariantGroup[] = [
      ...articleVariants.groups((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)).map((g) => ({
        ...g,
        scope: 'article' as const,
        members: g.members.map((article) => {
          const title = titleSection(article);
          return { file: article.file, line: title?.startLine ?? 1, heading: article.title };
        }),
      })),
      ...sectionVariants.groups((a, b) => a - b).map((g) => ({
        ...g,
        scope: 'section' as const,
        members: g.members.map((i) => ({ file: corpus.sections[i].file, line: corpus.sections[i].startLine, heading: corpus.sections[i].heading })),
      })),
    ];
    return { articles, variants, twins, coveredPairs };
  });
}

function platformOnly(variant: Variant | null): Variant | null {
  return variant?.platform ? variant : null;
}

/**
 * Are two similar sections variants of one answer? Their headings differ only in a platform word,
 * or (parallel sections of one page or of sibling pages) in one word or number; or they sit in
 * articles named for two platforms.
 */
function sectionVariant(articleA: Article, a: Section, articleB: Article, b: Section): { variant: Variant; byPath: boolean } | null {
  // Parallel sections: of one page, or at the same place of two sibling pages.
  const samePlace = a.headingPath.slice(0, -1).join('\u0000') === b.headingPath.slice(0, -1).join('\u0000');
  const parallel = a.file === b.file || (samePlace && areSiblingPages(a.file, b.file));
  const byPath = a.file === b.file ? null : pathVariantOf(articleA.file, articleB.file);
  // Named as the titles write them ("macOS"), when the titles say it too.
  if (byPath) return { variant: platformOnly(variantOf(articleA.title, articleB.title, false)) ?? byPath, byPath: true };
  const byHeading = variantOf(a.heading, b.heading, parallel);
  if (byHeading) return { variant: byHeading, byPath: false };
  // The introductions, or same-named sections, of two sibling pages: told apart by the pages' names.
  if (a.file !== b.file && samePlace && (a.level <= 1 || a.heading === b.heading)) {
    const byPage = siblingPagesVariant(a.file, b.file);
    if (byPage) return { variant: byPage, byPath: false };
  }
  return null;
}

/** Pairs of variants merged into groups (union-find), each group's words and similarity gathered. */
class VariantGroups<T> {
  private readonly parent = new Map<T, T>();
  private readonly pairs: Array<{ a: T; b: T; variant: Variant; similarity: number; sections: number[] }> = [];

  /** `sections`: the sections (corpus indexes) that are alike in `a` and `b`. */
  add(a: T, b: T, variant: Variant, similarity: number, sections: number[]): void {
    this.pairs.push({ a, b, variant, similarity, sections });
    const ra = this.root(a);
    const rb = this.root(b);
    if (ra !== rb) this.parent.set(ra, rb);
  }

  /** Are `a` and `b` in one group? */
  together(a: T, b: T): boolean {
    return this.parent.has(a) && this.parent.has(b) && this.root(a) === this.root(b);
  }

  private root(x: T): T {
    let r = x;
    while (this.parent.has(r) && this.parent.get(r) !== r) r = this.parent.get(r)!;
    this.parent.set(x, r);
    return r;
  }

  groups(order: (a: T, b: T) => number): Array<{ members: T[]; words: string[]; platform: boolean; similarity: number; sections: number }> {
    const byRoot = new Map<T, { members: Set<T>; sections: Set<number>; words: Map<string, string>; platform: boolean; sims: number[] }>();
    for (const { a, b, variant, similarity, sections } of this.pairs) {
      const r = this.root(a);
      let g = byRoot.get(r);
      if (!g) byRoot.set(r, (g = { members: new Set(), sections: new Set(), words: new Map(), platform: true, sims: [] }));
      g.members.add(a).add(b);
      for (const i of sections) g.sections.add(i);
      for (const w of variant.words) if (!g.words.has(w.toLowerCase())) g.words.set(w.toLowerCase(), w);
      g.platform &&= variant.platform;
      g.sims.push(similarity);
    }
    return [...byRoot.values()]
      .map((g) => ({
        members: [...g.members].sort(order),
        words: [...g.words.values()],
        platform: g.platform,
        similarity: g.sims.reduce((s, x) => s + x, 0) / g.sims.length,
        sections: g.sections.size,
      }))
      .sort((p, q) => order(p.members[0], q.members[0]));
  }
}

/** A heading a page template repeats ("Parameters", "200: OK") once it is used this often. */
const TEMPLATE_SLOT_USES = 3;

const parentKey = (section: Section) => `${section.file}\u0000${section.headingPath.slice(0, -1).join('\u0000')}`;

/**
 * The slots of a page template: headings (not questions) that recur under many different
 * entries, like "Query parameters" or "200: OK" under each method of an API reference, or
 * twice within one page ("Include media" under each export format). Two
 * slots under different entries are filled in for each entry; their likeness is the
 * template's, not one answer written twice. Sections right under an article's title are the
 * article's own answers ("Symptoms", "Resolution"), not slots of an entry. Slots are looked
 * for in `files`, the articles whose sections may be linked.
 */
function templateSlots(kb: KnowledgeBase, files: Set<string>): { areSiblings(a: Section, b: Section): boolean } {
  const titled = new Set<string>();
  // The sections of each heading in `files`, in one pass; their parents are counted when a pair asks.
  const byHeading = new Map<string, Section[]>();
  for (const file of files) {
    const article = kb.byFile.get(file);
    if (!article) continue;
    if (article.sections.some((s) => s.level === 1)) titled.add(file);
    for (const section of article.sections) {
      if (section.level === 0) continue;
      const list = byHeading.get(section.heading);
      if (list) list.push(section);
      else byHeading.set(section.heading, [section]);
    }
  }
  const inEntry = (section: Section) => section.headingPath.length - 1 - (titled.has(section.file) ? 1 : 0) > 0;
  const slots = new Map<string, { parents: number; samePage: boolean }>();
  const slotOf = (heading: string) => {
    let slot = slots.get(heading);
    if (slot) return slot;
    slot = { parents: 0, samePage: false };
    if (!isQuestionHeading(heading)) {
      const parents = new Set<string>();
      const files = new Set<string>();
      for (const section of byHeading.get(heading) ?? []) {
        if (!inEntry(section)) continue;
        const parent = parentKey(section);
        if (parents.has(parent)) continue;
        parents.add(parent);
        if (files.has(section.file)) slot.samePage = true;
        files.add(section.file);
        if (parents.size >= TEMPLATE_SLOT_USES && slot.samePage) break;
      }
      slot.parents = parents.size;
    }
    slots.set(heading, slot);
    return slot;
  };
  return {
    areSiblings(a, b) {
      if (!inEntry(a) || !inEntry(b) || parentKey(a) === parentKey(b)) return false;
      const slotA = slotOf(a.heading);
      const slotB = slotOf(b.heading);
      if (slotA.parents >= TEMPLATE_SLOT_USES && slotB.parents >= TEMPLATE_SLOT_USES) return true;
      // One page that repeats its own structure: the same heading under two of its entries.
      return a.heading === b.heading && a.file === b.file && slotA.samePage;
    },
  };
}

/** Is `a` one of `b`'s ancestors (same article, its heading path a prefix of b's)? */
function isAncestor(a: Section, b: Section): boolean {
  if (a.level === 0) return true;
  if (a.headingPath.length >= b.headingPath.length || a.startLine > b.startLine) return false;
  return a.headingPath.every((h, k) => h === b.headingPath[k]);
}
