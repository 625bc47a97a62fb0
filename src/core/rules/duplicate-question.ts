import type { Section } from '../model';
import { corpusOf } from '../similarity/corpus';
import { isStopWord, stem, words } from '../similarity/text';
import type { KnowledgeBaseRule } from './types';
import { conflictingPairs, nearDuplicates, pairKey } from './util/nearDuplicates';
import { isLeafAnswer, isNavigationSection } from './util/answers';
import { headingRange, isQuestionHeading } from './util/sections';

export interface DuplicateQuestionOptions {
  /** How alike (0–1, weighted word overlap) two question headings must be to ask the same thing. */
  threshold: number;
}

// Question words and fillers carry no meaning here; "before", "after", "not" do, so they stay.
const QUESTION_FILLER = new Set(
  ('a an the i my me we our you your it its is are was were be been do does did can could will would should shall may might ' +
    'how what when where why who which whom whose there this that these those of to in on at for with by from and or get ' +
    "please im i'm ive i've dont don't").split(' '),
);

function questionTerms(heading: string): string[] {
  return [...new Set(words(heading).filter((w) => !QUESTION_FILLER.has(w)).map(stem))];
}

const MAX_BUCKET = 200;

/** Words that point somewhere: "quotes from X in Y" and "quotes from Y in X" ask opposite things. */
const DIRECTIONS = new Set(['to', 'from', 'in', 'into', 'onto', 'on']);

/** Each direction word's first content word after it, stemmed. */
function directionObjects(heading: string): Map<string, string> {
  const list = words(heading);
  const out = new Map<string, string>();
  list.forEach((w, k) => {
    // "How to …" starts the question; it points nowhere.
    if (!DIRECTIONS.has(w) || out.has(w) || (w === 'to' && list[k - 1] === 'how')) return;
    const object = list.slice(k + 1).find((x) => !QUESTION_FILLER.has(x) && !isStopWord(x) && !DIRECTIONS.has(x));
    if (object) out.set(w, stem(object));
  });
  return out;
}

/** The same words with their places swapped ("from A to B" vs "from B to A"). */
function swapsDirection(a: string, b: string): boolean {
  const x = directionObjects(a);
  const y = directionObjects(b);
  for (const [direction, object] of x) if (y.has(direction) && y.get(direction) !== object) return true;
  return false;
}

function parentTerms(section: Section): string[] {
  const parent = section.headingPath.at(-2);
  return parent ? questionTerms(parent) : [];
}



/** The same customer question answered in two places (question headings that mean the same thing). */
export const duplicateQuestion: KnowledgeBaseRule<DuplicateQuestionOptions> = {
  id: 'duplicate-question',
  description: 'The same customer question answered in two places: FAQ-style headings that ask the same thing',
  rationale:
    'When two sections answer the same question the bot picks one at random-looking odds, and the answers drift apart over time. Merge them into one section and link to it from the other article.',
  defaultSeverity: 'warning',
  defaultOptions: { threshold: 0.75 },
  optionsSchema: {
    threshold: { type: 'number', minimum: 0, maximum: 1, description: 'How alike (0–1, weighted word overlap) two question headings must be to ask the same thing.' },
  },
  scope: 'knowledge-base',
  check({ kb, config, options, report }) {
    const corpus = corpusOf(kb);
    const questions: Array<{ section: Section; index: number; terms: string[]; parent: string }> = [];
    for (const [i, section] of kb.sections.entries()) {
      // Titles and parent headings introduce answers; only leaf sections answer a question.
      const article = kb.byFile.get(section.file)!;
      // "See also", "What's next?" and a template's "Question" label are not questions customers ask.
      if (section.role || isNavigationSection(section) || !isLeafAnswer(article, section) || !isQuestionHeading(section.heading)) continue;
      const terms = questionTerms(section.heading);
      if (terms.length >= 2) questions.push({ section, index: corpus.indexOf(section, i), terms, parent: section.headingPath.slice(0, -1).join('\u0000') });
    }
    const df = new Map<string, number>();
    for (const q of questions) for (const t of q.terms) df.set(t, (df.get(t) ?? 0) + 1);
    // Each term's weight once, not once per comparison.
    const weights = new Map<string, number>();
    for (const [t, n] of df) weights.set(t, Math.log(1 + questions.length / n));
    const weight = (t: string) => weights.get(t) ?? Math.log(1 + questions.length);
    // Terms as numbers, with their weights, and each list of terms as numbers once: a question is
    // compared with many others. Whether a term is in a list is a mark left by the list.
    const termIds = new Map<string, number>();
    const termWeights: number[] = [];
    // Plain arrays: a typed array per question would cost more than its few numbers.
    const idLists = new Map<string[], number[]>();
    const idsOf = (terms: string[]) => {
      let ids = idLists.get(terms);
      if (!ids) {
        ids = terms.map((t) => {
          let id = termIds.get(t);
          if (id === undefined) {
            termIds.set(t, (id = termWeights.length));
            termWeights.push(weight(t));
          }
          return id;
        });
        idLists.set(terms, ids);
      }
      return ids;
    };
    const marks: number[] = [];
    let mark = 0;
    const similarity = (a: string[], b: string[]) => {
      const ia = idsOf(a);
      const ib = idsOf(b);
      const inB = ++mark;
      for (const t of ib) marks[t] = inB;
      let shared = 0;
      let total = 0;
      for (const t of ia) {
        total += termWeights[t];
        if (marks[t] === inB) shared += termWeights[t];
      }
      const inA = ++mark;
      for (const t of ia) marks[t] = inA;
      for (const t of ib) if (marks[t] !== inA) total += termWeights[t];
      return total > 0 ? shared / total : 0;
    };
    // Questions that ask the same thing share their rarest word: bucket by it, never all-pairs.
    const buckets = new Map<string, number[]>();
    // Each question's buckets (its one or two rarest terms), to know where a pair meets first.
    const rarestOf: string[][] = [];
    questions.forEach((q, i) => {
      const rarest = [...q.terms].sort((x, y) => (df.get(x)! - df.get(y)!) || (x < y ? -1 : 1)).slice(0, 2);
      rarestOf.push(rarest);
      for (const t of rarest) {
        let list = buckets.get(t);
        if (!list) buckets.set(t, (list = []));
        list.push(i);
      }
    });
    // Buckets in the order they are visited; the crowded and lone ones compare nothing.
    const visitOrder = new Map<string, number>();
    for (const [t, list] of buckets) if (list.length >= 2 && list.length <= MAX_BUCKET) visitOrder.set(t, visitOrder.size);
    /**
     * Was the pair compared in a bucket visited before `term`'s? Two questions share at most two
     * buckets, so this settles it without a set of the pairs seen (hundreds of thousands of them).
     */
    const metBefore = (x: number, y: number, term: string) => {
      const order = visitOrder.get(term)!;
      for (const t of rarestOf[x]) if (t !== term && rarestOf[y].includes(t) && (visitOrder.get(t) ?? Infinity) < order) return true;
      return false;
    };
    // A question's terms with its parent heading's, worked out once per question.
    const qualified = new Map<number, string[]>();
    const withParent = (q: number) => {
      let terms = qualified.get(q);
      if (!terms) qualified.set(q, (terms = [...questions[q].terms, ...parentTerms(questions[q].section)]));
      return terms;
    };
    const covered = nearDuplicates(kb, config).coveredPairs;
    const conflicts = conflictingPairs(kb, config);
    const matches = new Map<number, Array<{ other: number; similarity: number }>>();
    for (const [term, list] of buckets) {
      if (list.length < 2 || list.length > MAX_BUCKET) continue;
      for (let x = 0; x < list.length; x++) {
        for (let y = x + 1; y < list.length; y++) {
          const a = questions[list[x]];
          const b = questions[list[y]];
          if (metBefore(list[x], list[y], term)) continue;
          // One question asked under two parents of a page ("Deck packages", "Collection packages")
          // is asked about two things: the parents' words are part of it.
          const s =
            a.section.file === b.section.file && a.parent !== b.parent
              ? similarity(withParent(list[x]), withParent(list[y]))
              : similarity(a.terms, b.terms);
          if (s < options.threshold || swapsDirection(a.section.heading, b.section.heading)) continue;
          // Already reported as one answer copied, or as two answers that disagree.
          const key = pairKey(a.index, b.index);
          if (covered.has(key) || conflicts.has(key)) continue;
          for (const [self, other] of [
            [list[x], list[y]],
            [list[y], list[x]],
          ]) {
            let entry = matches.get(self);
            if (!entry) matches.set(self, (entry = []));
            entry.push({ other, similarity: s });
          }
        }
      }
    }
    for (const [i, others] of matches) {
      const { section } = questions[i];
      others.sort((p, q) => q.similarity - p.similarity || questions[p.other].index - questions[q.other].index);
      const first = questions[others[0].other].section;
      const article = kb.byFile.get(section.file)!;
      report({
        ...headingRange(article, section),
        message: `"${section.heading}" asks the same as "${first.heading}" in ${first.file === section.file ? `this article, line ${first.startLine}` : first.file}: two answers to one question${others.length > 1 ? ` (and ${others.length - 1} more)` : ''}`,
        file: section.file,
        related: others.slice(0, 5).map(({ other }) => {
          const s = questions[other].section;
          return { file: s.file, line: s.startLine, message: `"${s.heading}"` };
        }),
        data: { similarity: Math.round(others[0].similarity * 100) / 100, other: first.file, otherLine: first.startLine },
      });
    }
  },
};
