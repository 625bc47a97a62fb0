// Finds sections that state different facts about the same thing: the same kind of value
// (a duration, an amount, a percentage, a date, a contact) in sentences that say the same
// thing otherwise, in sections about the same topic. Facts are bucketed by their rarest
// context terms, so the pass is linear in the number of facts, never all-pairs.
import type { KnowledgeBase } from '../../knowledgeBase';
import type { Section } from '../../model';
import { corpusOf, memoize, type Corpus } from '../../similarity/corpus';
import { sentences, stem, words } from '../../similarity/text';
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
  'uk', 'eu', 'us', 'usa', 'europe', 'worldwide', 'mainland', 'business', 'personal', 'student', 'member', 'members',
  'trial', 'annual', 'monthly', 'yearly', 'weekly', 'basic', 'pro', 'plus', 'free', 'paid', 'adult', 'child', 'children',
];

export const DEFAULT_CONFLICT_KINDS = ['duration', 'money', 'percent', 'date', 'email', 'phone', 'url'];

/** One sentence (or table row) that states at least one fact. */
export interface Statement {
  section: number;
  text: string;
  line: number;
  facts: Fact[];
  /** Context term ids: the sentence's words apart from the facts themselves. */
  terms: number[];
  /** Qualifier terms: capitalised names and configured qualifier words, stemmed. */
  qualifiers: string[];
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

const CAPITALISED = /(^|[^\p{L}\p{N}])(\p{Lu}[\p{L}\p{N}-]*)/gu;

function qualifiersOf(text: string, isRow: boolean, qualifierWords: Set<string>): string[] {
  const out = new Set<string>();
  const cells = isRow ? text.split('|') : [text];
  for (const cell of cells) {
    const trimmed = cell.trim();
    for (const m of trimmed.matchAll(CAPITALISED)) {
      const word = m[2];
      const atStart = m.index === 0 && m[1] === '';
      // The first word of a sentence is capitalised anyway; of a table cell it names the row.
      if (atStart && !isRow && !/^\p{Lu}{2,}$/u.test(word)) continue;
      out.add(stem(word.toLowerCase()));
    }
  }
  for (const word of words(text)) if (qualifierWords.has(word)) out.add(stem(word));
  return [...out];
}

/** Statements of every section, with their facts and context. */
export function collectStatements(kb: KnowledgeBase, corpus: Corpus, options: ConflictOptions): Statement[] {
  const kinds = new Set(options.kinds);
  const qualifierWords = new Set(options.qualifiers.map((q) => q.toLowerCase()));
  const out: Statement[] = [];
  for (const article of kb.articles) {
    for (const section of article.sections) {
      const index = corpus.indexOf.get(section)!;
      const add = (text: string, line: number, isRow: boolean, header = '') => {
        const facts = extractFacts(text).filter((f) => kinds.has(f.kind));
        if (facts.length === 0) return;
        let context = text;
        for (const f of facts) context = context.slice(0, f.index) + ' '.repeat(f.length) + context.slice(f.index + f.length);
        const terms = corpus.termIdsOf(`${context} ${header}`).filter((id) => !/^\d/.test(corpus.termText[id]));
        out.push({ section: index, text, line, facts, terms, qualifiers: qualifiersOf(text, isRow, qualifierWords) });
      };
      for (const block of section.blocks) {
        if (block.kind === 'code' || block.kind === 'html') continue;
        if (block.kind === 'table') {
          const rows = tableRows(article.lines, block.line);
          const header = rows[0]?.text.replace(/\|/g, ' ') ?? '';
          rows.slice(1).forEach((row) => add(row.text, row.line, true, header));
          continue;
        }
        block.text.split('\n').forEach((lineText, k) => {
          for (const s of sentences(lineText)) add(s.text, block.line + k, false);
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

const CONTEXT_KEYS = 3;
const MAX_BUCKET = 400;

function computeConflicts(kb: KnowledgeBase, options: ConflictOptions): Conflict[] {
  const corpus = corpusOf(kb);
  const statements = collectStatements(kb, corpus, options);
  const headingTerms = new Map<number, number[]>();
  const headingOf = (i: number) => {
    let terms = headingTerms.get(i);
    if (!terms) headingTerms.set(i, (terms = corpus.termIdsOf(corpus.sections[i].heading)));
    return terms;
  };
  // Which values each section states, per class, and which words it uses.
  const stated = new Map<number, Set<string>>();
  const sectionWords = new Map<number, Set<string>>();
  const wordsOf = (i: number) => {
    let set = sectionWords.get(i);
    if (!set) {
      const s = corpus.sections[i];
      set = new Set(words(`${s.headingPath.join(' ')} ${s.text}`).map(stem));
      sectionWords.set(i, set);
    }
    return set;
  };
  for (const st of statements) {
    let set = stated.get(st.section);
    if (!set) stated.set(st.section, (set = new Set()));
    for (const f of st.facts) set.add(`${f.unitClass}:${f.value.replace(/^[≤≥]/, '')}`);
  }
  const buckets = new Map<string, Array<[number, number]>>();
  statements.forEach((st, s) => {
    if (st.terms.length < 2) return;
    const keys = [...new Set(st.terms)].sort((x, y) => corpus.df[x] - corpus.df[y] || x - y).slice(0, CONTEXT_KEYS);
    st.facts.forEach((fact, f) => {
      for (const term of keys) {
        const key = `${fact.unitClass}\u0000${term}`;
        let list = buckets.get(key);
        if (!list) buckets.set(key, (list = []));
        list.push([s, f]);
      }
    });
  });
  const best = new Map<string, Conflict>();
  const compared = new Set<string>();
  for (const list of buckets.values()) {
    if (list.length < 2 || list.length > MAX_BUCKET) continue;
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        let [sa, fa] = list[x];
        let [sb, fb] = list[y];
        let A = statements[sa];
        let B = statements[sb];
        if (A.section === B.section) continue;
        if (A.section > B.section) {
          [sa, fa, sb, fb] = [sb, fb, sa, fa];
          [A, B] = [B, A];
        }
        const pairKey = `${sa}:${fa}:${sb}:${fb}`;
        if (compared.has(pairKey)) continue;
        compared.add(pairKey);
        const factA = A.facts[fa];
        const factB = B.facts[fb];
        if (sameValue(factA, factB)) continue;
        // A section that also states the other value is not contradicting it.
        const valueA = `${factA.unitClass}:${factA.value.replace(/^[≤≥]/, '')}`;
        const valueB = `${factB.unitClass}:${factB.value.replace(/^[≤≥]/, '')}`;
        if (stated.get(A.section)!.has(valueB) || stated.get(B.section)!.has(valueA)) continue;
        // Different named subjects on both sides ("UK" and "EU", "Standard" and "Express").
        const onlyA = A.qualifiers.filter((q) => !wordsOf(B.section).has(q));
        const onlyB = B.qualifiers.filter((q) => !wordsOf(A.section).has(q));
        if (onlyA.length > 0 && onlyB.length > 0) continue;
        const sentence = corpus.weightedJaccard(A.terms, B.terms);
        const heading = corpus.weightedJaccard(headingOf(A.section), headingOf(B.section));
        const topic = corpus.cosine(A.section, B.section);
        const similarity = Math.max(sentence, (sentence + Math.max(heading, topic)) / 2);
        if (similarity < options.minSimilarity) continue;
        const key = `${sa}:${fa}:${B.section}`;
        const previous = best.get(key);
        if (!previous || similarity > previous.similarity) {
          best.set(key, {
            a: locate(kb, corpus.sections[A.section], A, factA),
            b: locate(kb, corpus.sections[B.section], B, factB),
            similarity,
          });
        }
      }
    }
  }
  return [...best.values()];
}
