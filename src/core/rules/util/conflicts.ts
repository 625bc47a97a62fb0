// Finds sections that state different facts about the same thing: the same kind of value
// (a duration, an amount, a percentage, a date, a contact) in sentences that say the same
// thing otherwise, in sections about the same topic. Facts are bucketed by their rarest
// context terms, so the pass is linear in the number of facts, never all-pairs.
import type { KnowledgeBase } from '../../knowledgeBase';
import type { Section } from '../../model';
import { corpusOf, memoize, type Corpus } from '../../similarity/corpus';
import { KeyedBuckets, mix32, PairSet } from '../../similarity/buckets';
import { duplicateAnalysis } from '../../similarity/duplicates';
import { isStopWord, sentences } from '../../similarity/text';
import { AsciiWordScanner, WordTable } from '../../similarity/wordTable';
import { extractFacts, sameValue, type Fact } from './facts';

export interface ConflictOptions {
  /** Minimum agreement (0–1) between the two statements apart from the value. */
  minSimilarity: number;
  /** Words that name different subjects (tiers, regions): statements about different ones never conflict. */
  qualifiers: string[];
  /** Fact kinds to compare. */
  kinds: string[];
}

export const DEFAULT_QUALIFIERS = [
  'standard', 'express', 'economy', 'premium', 'priority', 'next-day', 'same-day', 'international', 'domestic',
  'uk', 'eu', 'usa', 'europe', 'worldwide', 'mainland', 'student', 'member', 'members',
  'trial', 'annual', 'monthly', 'yearly', 'weekly', 'basic', 'pro', 'plus', 'free', 'paid', 'adult', 'child', 'children',
];

export const DEFAULT_CONFLICT_KINDS = ['duration', 'money', 'percent', 'date', 'email', 'phone', 'url'];

/** One sentence (or table row) that states at least one fact. */
export interface Statement {
  section: number;
  text: string;
  line: number;
  facts: Fact[];
  /** Context term ids, distinct and ascending: the sentence's words apart from the facts themselves. */
  terms: Int32Array;
  /** The sentence's words in order as ids (stop words too, facts left out), to align two statements. */
  sequence: Int32Array;
  /** Qualifier term ids: capitalised names and configured qualifier words (-1: a word no section body uses). */
  qualifiers: number[];
  /** The qualifiers that are rare capitalised names: a statement naming one is about that thing only. */
  names: number[];
}

export interface FactLocation {
  statement: Statement;
  fact: Fact;
  line: number;
  column: number;
  endColumn: number;
}

export interface Conflict {
  a: FactLocation;
  b: FactLocation;
  similarity: number;
}

function tableRows(lines: string[], start: number): Array<{ text: string; line: number }> {
  const rows: Array<{ text: string; line: number }> = [];
  for (let i = start - 1; i < lines.length && lines[i].includes('|'); i++) {
    if (/^\s*\|?\s*:?-{2,}/.test(lines[i])) continue;
    rows.push({ text: lines[i], line: i + 1 });
  }
  return rows;
}

/** A cheap first look: no digit, @, web address or number word means no fact to extract. */
const MAY_STATE_FACT = /[\d@]|https?:|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|twenty|thirty|forty|sixty|ninety)\b/i;

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const UPPER = /^\p{Lu}/u;
const ALL_UPPER = /^\p{Lu}{2,}$/u;
const NON_ASCII = /[^\x00-\x7f]/;

/** ALL_UPPER for ASCII `text.slice(start, end)`. */
function isAllUpper(text: string, start: number, end: number): boolean {
  if (end - start < 2) return false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 65 || c > 90) return false;
  }
  return true;
}

/** Statements of every section, with their facts and context. `contentWord[id]` says whether a sequence's word id is a content word. */
export function collectStatements(kb: KnowledgeBase, corpus: Corpus, options: ConflictOptions, contentWord: boolean[] = []): Statement[] {
  const kinds = new Set(options.kinds);
  const qualifierWords = new Set(options.qualifiers.map((q) => q.toLowerCase()));
  // Each distinct lower-cased word once: its id in sequences, and what it is.
  const wordIds = new Map<string, number>();
  const asciiWords = new WordTable();
  const scanner = new AsciiWordScanner();
  const termOf: number[] = [];
  const figure: boolean[] = [];
  const qualifierWord: boolean[] = [];
  const idOf = (word: string) => {
    let id = wordIds.get(word);
    if (id === undefined) {
      wordIds.set(word, (id = contentWord.length));
      contentWord.push(!isStopWord(word) && !/^\d+$/.test(word));
      termOf.push(corpus.wordId(word));
      const first = word.charCodeAt(0);
      figure.push(first >= 48 && first <= 57);
      qualifierWord.push(qualifierWords.has(word));
    }
    return id;
  };
  const rareName = Math.max(3, corpus.sections.length * 0.01);
  const out: Statement[] = [];
  for (const article of kb.articles) {
    for (const section of article.sections) {
      const index = corpus.indexOf.get(section)!;
      const add = (text: string, line: number, isRow: boolean) => {
        if (!MAY_STATE_FACT.test(text)) return;
        const facts = extractFacts(text).filter((f) => kinds.has(f.kind));
        if (facts.length === 0) return;
        let context = text;
        for (const f of facts) context = context.slice(0, f.index) + ' '.repeat(f.length) + context.slice(f.index + f.length);
        // One pass over the words: context terms, the word sequence, and the qualifiers.
        const terms: number[] = [];
        const sequence: number[] = [];
        const qualifiers: number[] = [];
        const names: number[] = [];
        const visit = (id: number, upper: boolean, atStart: boolean, allUpper: () => boolean) => {
          sequence.push(id);
          const term = termOf[id];
          if (term >= 0 && !figure[id]) terms.push(term);
          // Capitalised words name something, except the first word of a sentence (but the
          // first word of a table cell names the row).
          if (upper && (!atStart || isRow || allUpper())) {
            qualifiers.push(term);
            // A brand name is everywhere; a product or plan name is in a few sections only.
            if (term >= 0 && corpus.df[term] <= rareName) names.push(term);
          } else if (qualifierWord[id]) qualifiers.push(term);
        };
        if (NON_ASCII.test(context)) {
          let previousEnd = -1;
          for (const m of context.matchAll(WORD)) {
            const raw = m[0];
            const atStart = previousEnd < 0 || (isRow && context.slice(previousEnd, m.index).includes('|'));
            previousEnd = m.index + raw.length;
            const first = raw.charCodeAt(0);
            visit(idOf(raw.toLowerCase()), first < 128 ? first >= 65 && first <= 90 : UPPER.test(raw), atStart, () => ALL_UPPER.test(raw));
          }
        } else {
          // The same words found in place (see WordTable). A table row's cells each start anew.
          const lower = context.toLowerCase();
          let first = true;
          let pipe = isRow ? lower.indexOf('|') : -1;
          for (const word = scanner.reset(lower); word.next(); ) {
            const { start, end, hash } = word;
            let atStart = first;
            first = false;
            // A cell border since the last word: each '|' is passed once.
            for (; pipe >= 0 && pipe < start; pipe = lower.indexOf('|', pipe + 1)) atStart = true;
            let id = asciiWords.find(lower, start, end, hash);
            if (id === undefined) {
              const text = lower.slice(start, end);
              id = idOf(text);
              asciiWords.add(text, hash, id);
            }
            const c0 = context.charCodeAt(start);
            visit(id, c0 >= 65 && c0 <= 90, atStart, () => isAllUpper(context, start, end));
          }
        }
        out.push({
          section: index,
          text,
          line,
          facts,
          terms: Int32Array.from(new Set(terms)).sort(),
          sequence: Int32Array.from(sequence),
          qualifiers: [...new Set(qualifiers)],
          names: [...new Set(names)],
        });
      };
      for (const block of section.blocks) {
        if (block.kind === 'code' || block.kind === 'html') continue;
        if (block.kind === 'table') {
          const rows = tableRows(article.lines, block.line);
          // A row's subject is its own cells; the header is the same for every row and would make them all alike.
          rows.slice(1).forEach((row) => add(row.text, row.line, true));
          continue;
        }
        if (!MAY_STATE_FACT.test(block.text)) continue;
        block.text.split('\n').forEach((lineText, k) => {
          if (MAY_STATE_FACT.test(lineText)) for (const s of sentences(lineText)) add(s.text, block.line + k, false);
        });
      }
    }
  }
  return out;
}

function locate(kb: KnowledgeBase, section: Section, statement: Statement, fact: Fact): FactLocation {
  const lines = kb.byFile.get(section.file)?.lines ?? [];
  const raw = lines[statement.line - 1] ?? '';
  const at = raw.indexOf(fact.text);
  return at >= 0
    ? { statement, fact, line: statement.line, column: at + 1, endColumn: at + 1 + fact.text.length }
    : { statement, fact, line: statement.line, column: 1, endColumn: raw.length + 1 };
}

/** Every conflict in the KB, once per pair of statements (a before b in KB order). */
export function findConflicts(kb: KnowledgeBase, options: ConflictOptions): Conflict[] {
  return memoize(kb, `conflicts:${JSON.stringify(options)}`, () => computeConflicts(kb, options));
}

/** Context words per statement whose pairs key its buckets. */
const CONTEXT_KEYS = 4;
/** Buckets up to this size are compared all-pairs; larger ones only where a few deviate from most. */
const MAX_BUCKET = 32;
const SAMPLE = 3;
const MAJORITY = 0.8;
const MAX_VALUE_GROUPS = 4;
/** Exact copies of a section stand in for each other: a few of them are enough to compare. */
const MAX_EXPAND = 8;
/** Statements less alike than this are never the same claim, however similar their sections. */
const SENTENCE_FLOOR = 0.35;
/** Section pairs at least this similar have their statements compared whatever their words. */
const SECTION_SIMILARITY = 0.7;

/** Longer statements are not aligned term by term (a table row or a sentence is far shorter). */
const MAX_ALIGNED = 60;
/** Share of the longer statement's words that must line up for two statements to be parallel. */
const PARALLEL = 0.5;
/** At most this many content words of its own on each side for a swap of cases. */
const MAX_SWAPPED = 2;
/** Statements in the same frame with more words changed conflict only in sections this alike. */
const ALIGNED_TOPIC = 0.5;
const LCS_TABLE = new Int32Array((MAX_ALIGNED + 1) * (MAX_ALIGNED + 1));

/**
 * How two statements line up, their values left out. 'swap': built the same way with one case
 * swapped for another ("If your parcel is damaged…" / "If your parcel is late…", "UK orders" /
 * "EU orders"): half or more of the words line up in order and each side has one or two content
 * words of its own; such statements are about different cases, never a contradiction.
 * 'aligned': the same frame with more words changed, or only added. 'none': built differently.
 */
export function alignment(a: ArrayLike<number>, b: ArrayLike<number>, isContent: (word: number) => boolean): 'swap' | 'aligned' | 'none' {
  if (a.length === 0 || b.length === 0 || a.length > MAX_ALIGNED || b.length > MAX_ALIGNED) return 'none';
  // Longest common subsequence of the two word sequences.
  const w = b.length + 1;
  const table = LCS_TABLE;
  table.fill(0, 0, (a.length + 1) * w);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * w + j] = a[i] === b[j] ? table[(i + 1) * w + j + 1] + 1 : Math.max(table[(i + 1) * w + j], table[i * w + j + 1]);
    }
  }
  if (table[0] < PARALLEL * Math.max(a.length, b.length)) return 'none';
  // Walk the alignment: each side must have a content word of its own, and only a few: a
  // swapped case ("UK" for "EU", "damaged parcel" for "late parcel"), not a reworded clause.
  let ownA = 0;
  let ownB = 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (j >= b.length || (i < a.length && table[(i + 1) * w + j] >= table[i * w + j + 1])) {
      if (isContent(a[i])) ownA++;
      i++;
    } else {
      if (isContent(b[j])) ownB++;
      j++;
    }
  }
  if (ownA === 0 || ownB === 0) return 'aligned';
  return ownA <= MAX_SWAPPED && ownB <= MAX_SWAPPED ? 'swap' : 'aligned';
}

function computeConflicts(kb: KnowledgeBase, options: ConflictOptions): Conflict[] {
  const corpus = corpusOf(kb);
  const contentWord: boolean[] = [];
  const statements = collectStatements(kb, corpus, options, contentWord);
  const isContent = (word: number) => contentWord[word];
  const headingTerms = new Map<number, Int32Array>();
  const headingOf = (i: number) => {
    let terms = headingTerms.get(i);
    if (!terms) headingTerms.set(i, (terms = corpus.termSetOf(corpus.sections[i].heading)));
    return terms;
  };
  // Which values each section states, per class.
  const stated = new Map<number, Set<string>>();
  /** Does section i use the term (in its body or heading)? */
  const uses = (i: number, term: number) => term >= 0 && (corpus.hasTerm(i, term) || headingOf(i).includes(term));
  const bySection = new Map<number, number[]>();
  statements.forEach((st, s) => {
    let set = stated.get(st.section);
    if (!set) stated.set(st.section, (set = new Set()));
    for (const f of st.facts) set.add(`${f.unitClass}:${f.value.replace(/^[≤≥]/, '')}`);
    let list = bySection.get(st.section);
    if (!list) bySection.set(st.section, (list = []));
    list.push(s);
  });

  // Candidates: statements sharing two of their rarest context words, and every pair of
  // statements in sections that are near-copies of each other.
  const buckets = new KeyedBuckets();
  // Keyed by class of fact too: only statements with a class in common can contradict each other.
  const classHash = new Map<string, number>();
  statements.forEach((st, s) => {
    const keys = [...st.terms].sort((x, y) => corpus.df[x] - corpus.df[y] || x - y).slice(0, CONTEXT_KEYS);
    for (const unitClass of new Set(st.facts.map((f) => f.unitClass))) {
      let c = classHash.get(unitClass);
      if (c === undefined) classHash.set(unitClass, (c = mix32(classHash.size + 0x51ed27)));
      if (keys.length === 1) buckets.add(mix32(keys[0] ^ c), s);
      for (let x = 0; x < keys.length; x++) {
        for (let y = x + 1; y < keys.length; y++) buckets.add(mix32(Math.imul(Math.min(keys[x], keys[y]), 0x9e3779b1) ^ Math.max(keys[x], keys[y]) ^ c), s);
      }
    }
  });
  // Statements stating exactly the same values cannot contradict each other: each gets the id
  // of its set of values, and only statements with different ids are compared.
  const signatureIds = new Map<string, number>();
  const signature = statements.map((st) => {
    const key = st.facts.map((f) => `${f.unitClass}:${f.value}`).sort().join('|');
    let id = signatureIds.get(key);
    if (id === undefined) signatureIds.set(key, (id = signatureIds.size));
    return id;
  });
  const proposals = new PairSet(statements.length);
  const propose = (x: number, y: number) => {
    if (signature[x] !== signature[y] && statements[x].section !== statements[y].section) proposals.add(x, y);
  };
  buckets.forEachBucket((list) => {
    if (list.length <= MAX_BUCKET) {
      for (let x = 0; x < list.length; x++) for (let y = x + 1; y < list.length; y++) propose(list[x], list[y]);
      return;
    }
    // A crowded bucket is too common a pair of words to pin a fact down, unless nearly all of it
    // states one set of values: then the few that deviate are compared with some of the many.
    const groups = new Map<number, number[]>();
    for (const s of list) {
      let group = groups.get(signature[s]);
      if (!group) groups.set(signature[s], (group = []));
      group.push(s);
    }
    if (groups.size < 2) return;
    const bySize = [...groups.values()].sort((a, b) => b.length - a.length || a[0] - b[0]);
    const majority = bySize[0];
    if (majority.length >= list.length * MAJORITY) {
      const sample = majority.slice(0, SAMPLE);
      for (const group of bySize.slice(1)) for (const s of group) for (const t of sample) propose(s, t);
      return;
    }
    // No usual value: the first statement of each of the commonest values meets the others'.
    const firsts = bySize.slice(0, MAX_VALUE_GROUPS).map((g) => g[0]);
    for (let x = 0; x < firsts.length; x++) for (let y = x + 1; y < firsts.length; y++) propose(firsts[x], firsts[y]);
  });
  const analysis = duplicateAnalysis(kb, 12);
  const expand = (i: number) => (analysis.groups[analysis.groupOf.get(i) ?? -1] ?? [i]).slice(0, MAX_EXPAND);
  for (const pair of analysis.pairs) {
    if (pair.similarity < SECTION_SIMILARITY) continue;
    for (const sa of expand(pair.a)) {
      for (const sb of expand(pair.b)) {
        for (const x of bySection.get(sa) ?? []) for (const y of bySection.get(sb) ?? []) propose(x, y);
      }
    }
  }
  const candidates = proposals.pairs();

  const sectionTopic = (a: number, b: number) => Math.max(corpus.weightedJaccard(headingOf(a), headingOf(b)), corpus.cosine(a, b));
  const best = new Map<string, Conflict>();
  for (let c = 0; c < candidates.length; c += 2) {
    let ia = candidates[c];
    let ib = candidates[c + 1];
    if (statements[ia].section > statements[ib].section) [ia, ib] = [ib, ia];
    const A = statements[ia];
    const B = statements[ib];
    // The statements themselves must be alike; sections on the same topic then count in favour.
    const sentence = corpus.overlap(A.terms, B.terms);
    if (sentence < SENTENCE_FLOOR) continue;
    // Only statements that share a class of fact with different values.
    const pairs: Array<[Fact, Fact]> = [];
    for (const fa of A.facts) {
      for (const fb of B.facts) if (fa.unitClass === fb.unitClass && !sameValue(fa, fb)) pairs.push([fa, fb]);
    }
    if (pairs.length === 0) continue;
    // Sections on the same topic count in favour of statements that are less alike.
    const topical = () => (sentence + sectionTopic(A.section, B.section)) / 2;
    if (sentence < options.minSimilarity && topical() < options.minSimilarity) continue;
    // Different cases on the two sides ("UK" and "EU", "Standard" and "Express"), or one side about
    // a named product or plan the other never mentions.
    if (A.qualifiers.some((q) => !uses(B.section, q)) && B.qualifiers.some((q) => !uses(A.section, q))) continue;
    if (A.names.some((q) => !uses(B.section, q)) || B.names.some((q) => !uses(A.section, q))) continue;
    // A swap of cases is never a conflict; the same sentence frame with other words in it is
    // one only between sections about the same thing.
    const aligned = alignment(A.sequence, B.sequence, isContent);
    if (aligned === 'swap') continue;
    if (aligned === 'aligned' && sectionTopic(A.section, B.section) < ALIGNED_TOPIC) continue;
    const similarity = Math.max(sentence, topical());
    for (const [factA, factB] of pairs) {
      // A section that also states the other value is not contradicting it.
      const valueA = `${factA.unitClass}:${factA.value.replace(/^[≤≥]/, '')}`;
      const valueB = `${factB.unitClass}:${factB.value.replace(/^[≤≥]/, '')}`;
      if (stated.get(A.section)!.has(valueB) || stated.get(B.section)!.has(valueA)) continue;
      const k = `${ia}:${A.facts.indexOf(factA)}:${B.section}`;
      const previous = best.get(k);
      if (!previous || similarity > previous.similarity) {
        best.set(k, { a: locate(kb, corpus.sections[A.section], A, factA), b: locate(kb, corpus.sections[B.section], B, factB), similarity });
      }
    }
  }
  return [...best.values()].sort(
    (p, q) => p.a.statement.section - q.a.statement.section || p.a.line - q.a.line || p.a.column - q.a.column || p.b.statement.section - q.b.statement.section || p.b.line - q.b.line,
  );
}
