// Finds sections that state different facts about the same thing: the same kind of value
// (a duration, an amount, a percentage, a date, a contact) in sentences that say the same
// thing otherwise, in sections about the same topic. Facts are bucketed by their rarest
// context terms, so the pass is linear in the number of facts, never all-pairs.
import { matchesOf } from '../../matches';
import type { KnowledgeBase } from '../../knowledgeBase';
import { sectionText, type Link, type Section } from '../../model';
import { corpusOf, memoize, type Corpus } from '../../similarity/corpus';
import { groupByKey, IntList, KeyedBuckets, mix32, PairSet, sortedIncludes, sortRange } from '../../similarity/buckets';
import { duplicateAnalysis, groupMembers } from '../../similarity/duplicates';
import { isStopWord, sentences, stem, words } from '../../similarity/text';
import { WordScanner, WordTable } from '../../similarity/wordTable';
import { claimText, literalNumbers, maskRawLine, tableRows } from './blocks';
import { comparableValue, extractFacts, FACT_KINDS, type Fact } from './facts';

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

export const DEFAULT_CONFLICT_KINDS: string[] = [...FACT_KINDS];

/** One sentence (or table row) that states at least one fact, as a conflict reports it. */
export interface Statement {
  section: number;
  line: number;
  facts: Fact[];
  /** Content words that label the value, apart from generic link words ("see", "here", "download"). */
  labelWords: number;
}

/**
 * A list of numbers per statement, all of them in one array: statement s's are
 * `values[starts[s]]` … `values[starts[s + 1] - 1]`. A knowledge base has a few statements per
 * section; a typed array, or even an array, of its own for each list cost ten times its numbers.
 */
export class StatementLists {
  private readonly values = new IntList();
  private readonly starts = new IntList();
  private start = 0;

  constructor() {
    this.starts.push(0);
  }

  /** Adds a value to the list being written. */
  push(value: number): void {
    this.values.push(value);
  }

  /** Adds a value to the list being written, unless the list has it already. */
  pushDistinct(value: number): void {
    for (let k = this.start; k < this.values.length; k++) if (this.values.data[k] === value) return;
    this.values.push(value);
  }

  /** Sorts the list being written ascending and drops repeated values. */
  distinctAscending(): void {
    sortRange(this.values.data, this.start, this.values.length);
    const list = this.values.data.subarray(this.start, this.values.length);
    let n = 0;
    for (let i = 0; i < list.length; i++) if (i === 0 || list[i] !== list[n - 1]) list[n++] = list[i];
    this.values.length = this.start + n;
  }

  /** Ends the list being written: it is the next statement's. */
  end(): void {
    this.starts.push(this.values.length);
    this.start = this.values.length;
  }

  /** Called once the last list is written: the lists keep no room to grow. */
  done(): void {
    this.values.trim();
    this.starts.trim();
  }

  /** Statement s's list (a view, not a copy). */
  of(s: number): Int32Array {
    return this.values.data.subarray(this.starts.data[s], this.starts.data[s + 1]);
  }

  /** Every list, one after the other: statement s's is `all()[startOf(s)]` … `all()[startOf(s + 1) - 1]`. */
  all(): Int32Array {
    return this.values.data;
  }

  startOf(s: number): number {
    return this.starts.data[s];
  }

  /** Does a value of statement s's list pass the test? */
  some(s: number, test: (value: number) => boolean): boolean {
    for (let k = this.starts.data[s]; k < this.starts.data[s + 1]; k++) if (test(this.values.data[k])) return true;
    return false;
  }
}

/**
 * The statements of a knowledge base, by index, in columns: a large knowledge base states a
 * hundred thousand facts and more, and an object (and an array of facts) for each cost more than
 * their numbers. `statementAt` makes the object for one.
 */
export interface Statements {
  count: number;
  /** Statement s's section (an index into the corpus's sections), line, and label words (see Statement). */
  section: Int32Array;
  line: Int32Array;
  labelWords: Int32Array;
  /** Statement s's facts are f = factStart[s] … factStart[s + 1] - 1; `factAt` makes fact f an object. */
  factStart: Int32Array;
  /** Fact f's kind (an index into FACT_KINDS), its class, value and text as written (indexes into the three lists), and where it stands in its sentence. */
  factKind: Int32Array;
  factClass: Int32Array;
  factValue: Int32Array;
  factText: Int32Array;
  factIndex: Int32Array;
  factLength: Int32Array;
  /** Each distinct class, value of a class, and text, once. */
  classes: string[];
  values: string[];
  texts: string[];
  /** Context term ids, distinct and ascending: the sentence's words apart from the facts themselves. */
  terms: StatementLists;
  /** The sentence's words in order as ids (stop words too, facts left out), to align two statements. */
  sequences: StatementLists;
  /** Qualifier term ids: capitalised names and configured qualifier words (-1: a word no section body uses). */
  qualifiers: StatementLists;
  /** The qualifiers that are rare capitalised names: a statement naming one is about that thing only. */
  names: StatementLists;
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

/** A cheap first look: no digit, @, web address or number word means no fact to extract. */
const FIGURE_OR_ADDRESS = /[\d@]|https?:/;
const NUMBER_WORD = /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|twenty|thirty|forty|sixty|ninety)\b/i;
// Two tests rather than one alternation: the character test is cheap and settles most text.
const mayStateFact = (text: string) => FIGURE_OR_ADDRESS.test(text) || NUMBER_WORD.test(text);

/** Link targets that can be facts: web addresses, mailto: and tel:. */
const TARGET = /^(?:https?:\/\/|mailto:|tel:)/i;
/** Words of a link's label that do not say what it leads to. */
const GENERIC_LABEL_WORDS = new Set([
  'see', 'click', 'tap', 'link', 'links', 'visit', 'read', 'page', 'pages', 'website', 'site', 'go', 'open', 'follow', 'download',
  'downloads', 'info', 'information', 'details', 'docs', 'documentation', 'available', 'find', 'found', 'learn', 'check', 'out',
]);
/** Kinds of fact that are a value with a unit: a number repeated from inline code describes the code. */
const VALUE_KINDS = new Set(['duration', 'money', 'percent']);
/** Kinds of fact that are an address to reach something: they conflict only under the same label. */
const CONTACT_KINDS = new Set(['url', 'email', 'phone']);

/**
 * The line with each of its links' targets written after the link's text ("Windows: Download https://…"), so
 * an address given as a link is a fact of the sentence it is in, labelled by its words. A link
 * whose text is its address, or whose text is not found (inline code), adds nothing.
 */
function withTargets(text: string, links: Link[]): string {
  let out = text;
  let from = 0;
  for (const link of links) {
    if (!link.text.trim()) continue;
    const target = link.href.replace(/^(?:mailto|tel):/i, '').split('?')[0];
    if (link.text.trim() === link.href || link.text.trim() === target) continue;
    const at = out.indexOf(link.text, from);
    if (at < 0) continue;
    const end = at + link.text.length;
    out = `${out.slice(0, end)} ${target}${out.slice(end)}`;
    from = end + target.length + 1;
  }
  return out;
}

const UPPER = /^\p{Lu}/u;
const ALL_UPPER = /^\p{Lu}{2,}$/u;

/** ALL_UPPER for `text.slice(start, end)`: by character codes while they are ASCII. */
function isAllUpper(text: string, start: number, end: number): boolean {
  if (end - start < 2) return false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) return ALL_UPPER.test(text.slice(start, end));
    if (c < 65 || c > 90) return false;
  }
  return true;
}

/** Statements of every section, with their facts and context. `contentWord[id]` and `genericWord[id]` say whether a sequence's word id is a content word and a generic link word. */
export function collectStatements(kb: KnowledgeBase, corpus: Corpus, options: ConflictOptions, contentWord: boolean[] = [], genericWord: boolean[] = []): Statements {
  const kinds = new Set(options.kinds);
  const qualifierWords = new Set(options.qualifiers.map((q) => q.toLowerCase()));
  // Each distinct lower-cased word once: its id in sequences, and what it is.
  const wordIds = new Map<string, number>();
  // Words as written (case kept, for the capitals), each with the id of its lower-cased form.
  const writtenWords = new WordTable();
  const scanner = new WordScanner();
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
      genericWord.push(GENERIC_LABEL_WORDS.has(word));
    }
    return id;
  };
  const rareName = Math.max(3, corpus.sections.length * 0.01);
  const terms = new StatementLists();
  const sequences = new StatementLists();
  const qualifiers = new StatementLists();
  const names = new StatementLists();
  const sectionOf = new IntList();
  const lineOf = new IntList();
  const labelWordsOf = new IntList();
  const factStart = new IntList();
  factStart.push(0);
  // The facts in columns. Many share a class, a value and a text: each is numbered once, a value
  // within its class.
  const factKind = new IntList();
  const factClass = new IntList();
  const factValue = new IntList();
  const factText = new IntList();
  const factIndex = new IntList();
  const factLength = new IntList();
  const classIds = new Map<string, number>();
  const valueIds: Array<Map<string, number>> = [];
  const textIds = new Map<string, number>();
  const classes: string[] = [];
  const values: string[] = [];
  const texts: string[] = [];
  // The KB's sections are its articles' sections in order.
  let next = 0;
  for (const article of kb.articles) {
    for (const section of article.sections) {
      const index = corpus.indexOf(section, next);
      next = index + 1;
      const add = (text: string, line: number, isRow: boolean, echoes?: ReadonlySet<string>) => {
        if (!mayStateFact(text)) return;
        const found = extractFacts(text).filter((f) => kinds.has(f.kind));
        let perKind: Map<string, number> | undefined;
        for (const f of found) if (CONTACT_KINDS.has(f.kind)) (perKind ??= new Map()).set(f.kind, (perKind.get(f.kind) ?? 0) + 1);
        const kept = found.filter(
          (f) =>
            // A value the block's inline code also holds describes that code ("`rated:7` cards answered in the last 7 days").
            !(echoes?.size && VALUE_KINDS.has(f.kind) && (f.text.match(/\d+(?:[.,]\d+)?/g) ?? []).some((n) => echoes.has(n))) &&
            // A contact or address is a claim when it is the statement's only one of its kind: a list of references is not.
            !(CONTACT_KINDS.has(f.kind) && perKind!.get(f.kind)! > 1),
        );
        if (kept.length === 0) return;
        let context = text;
        for (const f of kept) context = context.slice(0, f.index) + ' '.repeat(f.length) + context.slice(f.index + f.length);
        // One pass over the words: context terms, the word sequence, and the qualifiers.
        let labelWords = 0;
        const visit = (id: number, upper: boolean, atStart: boolean, start: number, end: number) => {
          sequences.push(id);
          if (contentWord[id] && !genericWord[id] && !figure[id]) labelWords++;
          const term = termOf[id];
          if (term >= 0 && !figure[id]) terms.push(term);
          // Capitalised words name something, except the first word of a sentence (but the
          // first word of a table cell names the row).
          if (upper && (!atStart || isRow || isAllUpper(context, start, end))) {
            qualifiers.pushDistinct(term);
            // A brand name is everywhere; a product or plan name is in a few sections only.
            if (term >= 0 && corpus.df[term] <= rareName) names.pushDistinct(term);
          } else if (qualifierWord[id]) qualifiers.pushDistinct(term);
        };
        // The words found in place (see WordTable); a table row's cells each start anew.
        let first = true;
        let pipe = isRow ? context.indexOf('|') : -1;
        for (const word = scanner.reset(context); word.next(); ) {
          const { start, end, hash } = word;
          let atStart = first;
          first = false;
          // A cell border since the last word: each '|' is passed once.
          for (; pipe >= 0 && pipe < start; pipe = context.indexOf('|', pipe + 1)) atStart = true;
          let id = writtenWords.find(context, start, end, hash);
          if (id === undefined) {
            const text = context.slice(start, end);
            id = idOf(text.toLowerCase());
            writtenWords.add(text, hash, id);
          }
          const c0 = context.charCodeAt(start);
          visit(id, c0 < 128 ? c0 >= 65 && c0 <= 90 : UPPER.test(context.slice(start, end)), atStart, start, end);
        }
        terms.distinctAscending();
        terms.end();
        sequences.end();
        qualifiers.end();
        names.end();
        sectionOf.push(index);
        lineOf.push(line);
        labelWordsOf.push(labelWords);
        for (const f of kept) {
          let unitClass = classIds.get(f.unitClass);
          if (unitClass === undefined) {
            classIds.set(f.unitClass, (unitClass = classes.length));
            classes.push(f.unitClass);
            valueIds.push(new Map());
          }
          let value = valueIds[unitClass].get(f.value);
          if (value === undefined) {
            valueIds[unitClass].set(f.value, (value = values.length));
            values.push(f.value);
          }
          let text = textIds.get(f.text);
          if (text === undefined) {
            textIds.set(f.text, (text = texts.length));
            texts.push(f.text);
          }
          factKind.push(FACT_KINDS.indexOf(f.kind));
          factClass.push(unitClass);
          factValue.push(value);
          factText.push(text);
          factIndex.push(f.index);
          factLength.push(f.length);
        }
        factStart.push(factKind.length);
      };
      // A "See also" or "Downloads" list points elsewhere; it states nothing itself.
      if (section.role === 'navigation') continue;
      const linksAt = section.links.length === 0 ? NO_LINKS : targetsByLine(section.links);
      for (const block of section.blocks) {
        if (block.kind === 'code' || block.kind === 'html' || block.example) continue;
        if (block.kind === 'table') {
          const rows = tableRows(article.lines, block.line);
          // A row's subject is its own cells; the header is the same for every row and would make them all alike.
          // Masking only takes text away: a row with nothing that may be a fact is passed over before it.
          rows.slice(1).forEach((row) => mayStateFact(row.text) && add(maskRawLine(row.text), row.line, true));
          continue;
        }
        if (!mayStateFact(block.text) && !hasLinkWithin(linksAt, block.line, block.endLine)) continue;
        const echoes = literalNumbers(block);
        const claim = claimText(block);
        // One line as the block was tested: nothing to test again.
        const tested = claim === block.text && !claim.includes('\n');
        claim.split('\n').forEach((lineText, k) => {
          const links = linksAt.get(block.line + k);
          const text = links ? withTargets(lineText, links) : lineText;
          if ((tested && !links) || mayStateFact(text)) for (const s of sentences(text)) add(s.text, block.line + k, false, echoes);
        });
      }
    }
  }
  for (const lists of [terms, sequences, qualifiers, names]) lists.done();
  return {
    count: sectionOf.length,
    section: sectionOf.toArray(),
    line: lineOf.toArray(),
    labelWords: labelWordsOf.toArray(),
    factStart: factStart.toArray(),
    factKind: factKind.toArray(),
    factClass: factClass.toArray(),
    factValue: factValue.toArray(),
    factText: factText.toArray(),
    factIndex: factIndex.toArray(),
    factLength: factLength.toArray(),
    classes,
    values,
    texts,
    terms,
    sequences,
    qualifiers,
    names,
  };
}

/** Fact f of the statements as an object. */
export function factAt(statements: Statements, f: number): Fact {
  return {
    kind: FACT_KINDS[statements.factKind[f]],
    unitClass: statements.classes[statements.factClass[f]],
    value: statements.values[statements.factValue[f]],
    text: statements.texts[statements.factText[f]],
    index: statements.factIndex[f],
    length: statements.factLength[f],
  };
}

/** Statement s as an object, for a conflict to report. */
export function statementAt(statements: Statements, s: number): Statement {
  const facts: Fact[] = [];
  for (let f = statements.factStart[s]; f < statements.factStart[s + 1]; f++) facts.push(factAt(statements, f));
  return { section: statements.section[s], line: statements.line[s], facts, labelWords: statements.labelWords[s] };
}

const NO_LINKS: ReadonlyMap<number, Link[]> = new Map();

/**
 * The `count` terms of `terms` (ids ascending) found in the fewest sections, rarest first, ties
 * by id: one pass, each term placed into the short list the way insertion sort places it.
 */
export function rarestTerms(terms: Int32Array, df: Int32Array, count: number): number[] {
  const out: number[] = [];
  for (let t = 0; t < terms.length; t++) {
    const id = terms[t];
    const rarity = df[id];
    if (out.length === count && df[out[count - 1]] <= rarity) continue;
    let at = out.length < count ? out.length : count - 1;
    // Ids come ascending, so an equal count keeps the earlier id first.
    while (at > 0 && df[out[at - 1]] > rarity) {
      out[at] = out[at - 1];
      at--;
    }
    out[at] = id;
  }
  return out;
}

/** A section's links to an address (a page, an email, a phone number), by the line they are on. */
function targetsByLine(links: readonly Link[]): ReadonlyMap<number, Link[]> {
  const byLine = new Map<number, Link[]>();
  for (const link of links) {
    if (!TARGET.test(link.href)) continue;
    let list = byLine.get(link.line);
    if (!list) byLine.set(link.line, (list = []));
    list.push(link);
  }
  return byLine;
}

/** Does a link target stand on one of the lines `first`…`last`? */
function hasLinkWithin(linksAt: ReadonlyMap<number, unknown>, first: number, last: number): boolean {
  if (linksAt.size === 0) return false;
  for (let line = first; line <= last; line++) if (linksAt.has(line)) return true;
  return false;
}

/** Where the fact at `index` of the statement stands. */
function locate(kb: KnowledgeBase, section: Section, statement: Statement, index: number): FactLocation {
  const fact = statement.facts[index];
  const raw = kb.byFile.get(section.file)?.lines.at(statement.line - 1) ?? '';
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
/** Two sections of this many content words or more together have their cosine kept once worked out. */
const LONG_SECTIONS = 400;
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
/** Sections of two articles less alike than this (headings or bodies) are on different topics. */
const TOPIC_FLOOR = 0.2;
/** Sections giving two addresses under the same label are about the same thing when this alike (headings or bodies). */
const SAME_OWNER = 0.5;
/** Two sections of one article ask the same question when their headings are this alike. */
const SAME_QUESTION = 0.75;
/** Statements with fewer label words than this conflict only under the same label. */
const SHORT_LABEL = 3;
const LCS_TABLE = new Int32Array((MAX_ALIGNED + 1) * (MAX_ALIGNED + 1));

/**
 * How two statements line up, their values left out. 'swap': built the same way with one case
 * swapped for another ("If your parcel is damaged…" / "If your parcel is late…", "UK orders" /
 * "EU orders"): half or more of the words line up in order and each side has one or two content
 * words of its own; such statements are about different cases, never a contradiction.
 * 'aligned': the same frame with more words changed, or only added. 'none': built differently.
 */
export function alignment(a: ArrayLike<number>, b: ArrayLike<number>, isContent: (word: number) => boolean): 'swap' | 'aligned' | 'none' {
  const own = ownWords(a, b, isContent);
  if (!own) return 'none';
  const [ownA, ownB] = own;
  if (ownA === 0 || ownB === 0) return 'aligned';
  return ownA <= MAX_SWAPPED && ownB <= MAX_SWAPPED ? 'swap' : 'aligned';
}

/**
 * The content words each of two parallel statements has that the other lacks, or null when
 * they are not parallel (less than half their words line up in order).
 */
export function ownWords(a: ArrayLike<number>, b: ArrayLike<number>, isContent: (word: number) => boolean): [number, number] | null {
  if (a.length === 0 || b.length === 0 || a.length > MAX_ALIGNED || b.length > MAX_ALIGNED) return null;
  // Longest common subsequence of the two word sequences.
  const w = b.length + 1;
  const table = LCS_TABLE;
  table.fill(0, 0, (a.length + 1) * w);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * w + j] = a[i] === b[j] ? table[(i + 1) * w + j + 1] + 1 : Math.max(table[(i + 1) * w + j], table[i * w + j + 1]);
    }
  }
  if (table[0] < PARALLEL * Math.max(a.length, b.length)) return null;
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
  return [ownA, ownB];
}

// A dotted or bracketed name starts only where a word does (tried from inside a word too, it read
// the rest of a long word again from every letter); a camelCase word's first hump is at most 40
// letters, for the same reason.
export const HEADING_IDENTIFIER = /(?<![\p{L}\p{N}])[\p{L}\p{N}]+(?:(?:_|::|\]?\[|\.)[\p{L}\p{N}]+)+\]?|\b\p{Ll}{1,40}\p{Lu}[\p{L}\p{N}]*/gu;
const HEADING_WORD = /[\p{L}][\p{L}\p{N}'’-]*/gu;

/** Identifiers a heading names, lower-cased: `USER_KEEP_DAYS`, `usage[users]`, `Schema.org`, `macOS`. */
export function identifiersIn(heading: string): string[] {
  // "e.g" and "1.5" are too short to name anything.
  return [...new Set(matchesOf(HEADING_IDENTIFIER, heading).map((m) => m[0].toLowerCase()).filter((m) => m.length > 3))];
}

/**
 * Capitalised words of a sentence-case heading that few sections use, lower-cased: a product,
 * a plan, a place. Title Case headings capitalise every word, so their capitals name nothing.
 */
export function headingNames(heading: string, df: (word: string) => number, rare: number): string[] {
  const names = new Set<string>();
  const words = matchesOf(HEADING_WORD, heading).map((m) => m[0]);
  const sentenceCase = words.some((w, i) => i > 0 && w.length > 3 && /^\p{Ll}/u.test(w) && !isStopWord(w));
  if (sentenceCase) {
    words.forEach((w, i) => {
      if (i > 0 && w.length > 1 && /^\p{Lu}/u.test(w) && !isStopWord(w.toLowerCase()) && df(w.toLowerCase()) <= rare) names.add(w.toLowerCase());
    });
  }
  return [...names];
}

/** A heading that is a name ("Larkspur Tasks", "Pro Plan"): a few capitalised words, no question. Its rare words, lower-cased. */
export function nameHeading(heading: string, df: (word: string) => number, rare: number): string[] {
  const words = matchesOf(HEADING_WORD, heading).map((m) => m[0]);
  if (heading.includes('?') || words.length === 0 || words.length > 4) return [];
  if (!words.every((w) => /^\p{Lu}/u.test(w) || isStopWord(w))) return [];
  return words.map((w) => w.toLowerCase()).filter((w) => w.length > 2 && !isStopWord(w) && df(w) <= rare);
}

/** Two web addresses on the same site (a different host is a different service, not a second answer); emails and phones always. */
function sameSite(a: Fact, b: Fact): boolean {
  if (a.kind !== 'url') return true;
  const host = (f: Fact) => f.value.split(/[/?#]/)[0];
  return host(a) === host(b);
}

/** Most headings name nothing: one empty list stands for all of theirs. */
const NONE: readonly string[] = [];
const orNone = (names: string[]): readonly string[] => (names.length > 0 ? names : NONE);

function computeConflicts(kb: KnowledgeBase, options: ConflictOptions): Conflict[] {
  const corpus = corpusOf(kb);
  const contentWord: boolean[] = [];
  const genericWord: boolean[] = [];
  const collected = collectStatements(kb, corpus, options, contentWord, genericWord);
  const count = collected.count;
  const sectionOf = collected.section;
  const isContent = (word: number) => contentWord[word];
  const isLabel = (word: number) => contentWord[word] && !genericWord[word];
  const sections = corpus.sections.length;
  // Numbers for what the comparison of two candidates reads, so it touches no objects until a
  // pair passes: a large knowledge base proposes a million pairs, and most fail.
  // Each section's article, and its heading's terms (distinct, ascending), made when first asked:
  // section i's count is at headingSetAt[i] in headingSets, its terms follow.
  const articleOf = new Int32Array(sections);
  for (let i = 1; i < sections; i++) articleOf[i] = articleOf[i - 1] + (corpus.sections[i].file === corpus.sections[i - 1].file ? 0 : 1);
  const headingSets = new IntList();
  const headingSetAt = new Int32Array(sections).fill(-1);
  const headingOf = (i: number) => {
    let at = headingSetAt[i];
    if (at < 0) {
      const terms = corpus.termSetOf(corpus.sections[i].heading);
      headingSetAt[i] = at = headingSets.length;
      headingSets.push(terms.length);
      for (let k = 0; k < terms.length; k++) headingSets.push(terms[k]);
    }
    return at;
  };
  /** Does section i use the term (in its body or heading)? */
  const uses = (i: number, term: number) => {
    if (term < 0) return false;
    if (corpus.hasTerm(i, term)) return true;
    const at = headingOf(i);
    const list = headingSets.data;
    for (let k = at + 1; k <= at + list[at]; k++) if (list[k] === term) return true;
    return false;
  };
  // Each fact's class and value as written come numbered (in the order first stated, a value
  // within its class); its value as compared (comparableValue) is numbered here the same way.
  const { factStart, factClass, factValue: factExact } = collected;
  const facts = factExact.length;
  const exactValues = collected.values.length;
  const comparedIds = collected.classes.map(() => new Map<string, number>());
  const comparedOf = new Int32Array(exactValues).fill(-1);
  let values = 0;
  const factValue = new Int32Array(facts);
  for (let f = 0; f < facts; f++) {
    const exact = factExact[f];
    if (comparedOf[exact] < 0) {
      const ids = comparedIds[factClass[f]];
      const value = comparableValue(collected.values[exact]);
      let id = ids.get(value);
      if (id === undefined) ids.set(value, (id = values++));
      comparedOf[exact] = id;
    }
    factValue[f] = comparedOf[exact];
  }
  /** Facts x and y are of one class with different values. */
  const differ = (x: number, y: number) => factClass[x] === factClass[y] && factValue[x] !== factValue[y];
  /** Do statements a and b state a fact of one class with different values? */
  const differInValue = (a: number, b: number) => {
    for (let x = factStart[a]; x < factStart[a + 1]; x++) for (let y = factStart[b]; y < factStart[b + 1]; y++) if (differ(x, y)) return true;
    return false;
  };
  // Which values each section states, per class: (section, value) pairs, packed and sorted.
  const stated = new Float64Array(facts);
  for (let s = 0; s < count; s++) for (let f = factStart[s]; f < factStart[s + 1]; f++) stated[f] = sectionOf[s] * values + factValue[f];
  stated.sort();
  /** Does section i state the value (a factValue id)? */
  const states = (i: number, value: number) => sortedIncludes(stated, i * values + value);
  // Each section's statements, ascending: bySection[sectionStart[i]] … bySection[sectionStart[i + 1] - 1].
  const { start: sectionStart, items: bySection } = groupByKey(sectionOf, sections);

  // Candidates: statements sharing two of their rarest context words, and every pair of
  // statements in sections that are near-copies of each other.
  const buckets = new KeyedBuckets();
  // Keyed by class of fact too: only statements with a class in common can contradict each other.
  for (let s = 0; s < count; s++) {
    const keys = rarestTerms(collected.terms.of(s), corpus.df, CONTEXT_KEYS);
    for (let f = factStart[s]; f < factStart[s + 1]; f++) {
      // Each class the statement states once.
      let seen = false;
      for (let g = factStart[s]; g < f && !seen; g++) seen = factClass[g] === factClass[f];
      if (seen) continue;
      const c = mix32(factClass[f] + 0x51ed27);
      if (keys.length === 1) buckets.add(mix32(keys[0] ^ c), s);
      for (let x = 0; x < keys.length; x++) {
        for (let y = x + 1; y < keys.length; y++) buckets.add(mix32(Math.imul(Math.min(keys[x], keys[y]), 0x9e3779b1) ^ Math.max(keys[x], keys[y]) ^ c), s);
      }
    }
  }
  // Statements stating exactly the same values cannot contradict each other: each gets the id
  // of its set of values, and only statements with different ids are compared.
  // A statement of one fact has its value's id; one of several, an id after every value's.
  const signatureIds = new Map<string, number>();
  const signature = new Int32Array(count);
  for (let s = 0; s < count; s++) {
    if (factStart[s + 1] - factStart[s] === 1) {
      signature[s] = factExact[factStart[s]];
      continue;
    }
    const key = factExact.slice(factStart[s], factStart[s + 1]).sort().join(',');
    let id = signatureIds.get(key);
    if (id === undefined) signatureIds.set(key, (id = exactValues + signatureIds.size));
    signature[s] = id;
  }
  const proposals = new PairSet(count);
  const propose = (x: number, y: number) => {
    if (signature[x] !== signature[y] && sectionOf[x] !== sectionOf[y]) proposals.add(x, y);
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
  const expand = (i: number) => (analysis.groupOf[i] < 0 ? [i] : groupMembers(analysis, analysis.groupOf[i]).subarray(0, MAX_EXPAND));
  for (const pair of analysis.pairs) {
    if (pair.similarity < SECTION_SIMILARITY) continue;
    for (const sa of expand(pair.a)) {
      for (const sb of expand(pair.b)) {
        for (let x = sectionStart[sa]; x < sectionStart[sa + 1]; x++) for (let y = sectionStart[sb]; y < sectionStart[sb + 1]; y++) propose(bySection[x], bySection[y]);
      }
    }
  }
  const candidates = proposals.pairs();

  // How alike two sections are, worked out once per pair of sections: two sections meet once per
  // pair of their statements, and two changelogs, each stating hundreds of versions, meet
  // thousands of times, comparing two long term vectors each time. The cosine alone is kept only
  // for long sections: most pairs that reach it meet once, and short vectors cost little.
  const cosines = new Map<number, number>();
  const sectionCosine = (a: number, b: number) => {
    if (corpus.contentWords[a] + corpus.contentWords[b] < LONG_SECTIONS) return corpus.cosine(a, b);
    const key = a * sections + b;
    let cosine = cosines.get(key);
    if (cosine === undefined) cosines.set(key, (cosine = corpus.cosine(a, b)));
    return cosine;
  };
  const topics = new Map<number, number>();
  const sectionTopic = (a: number, b: number) => {
    const key = a * sections + b;
    let topic = topics.get(key);
    if (topic === undefined) {
      const at = headingOf(a);
      const bt = headingOf(b);
      const list = headingSets.data;
      topic = Math.max(corpus.weightedJaccard(list, list, at + 1, at + 1 + list[at], bt + 1, bt + 1 + list[bt]), sectionCosine(a, b));
      topics.set(key, topic);
    }
    return topic;
  };
  const rareName = Math.max(3, corpus.sections.length * 0.01);
  const headingIdentifiers = new Map<number, readonly string[]>();
  const headingNameWords = new Map<number, readonly string[]>();
  const identifiersOf = (i: number) => {
    let names = headingIdentifiers.get(i);
    if (!names) headingIdentifiers.set(i, (names = orNone(identifiersIn(corpus.sections[i].heading))));
    return names;
  };
  const namesOf = (i: number) => {
    let names = headingNameWords.get(i);
    if (!names) headingNameWords.set(i, (names = orNone(headingNames(corpus.sections[i].heading, (w) => corpus.df[corpus.wordId(w)] ?? 0, rareName))));
    return names;
  };
  const lowerText = new Map<number, string>();
  /** Does section i write `name` (in its heading or body)? */
  const mentions = (i: number, name: string) => {
    let text = lowerText.get(i);
    if (text === undefined) lowerText.set(i, (text = `${corpus.sections[i].heading}\n${sectionText(corpus.sections[i])}`.toLowerCase()));
    return text.includes(name);
  };
  /**
   * Do sections a and b answer the same question? Two sections of one article are different
   * parts of its subject (a general rule and its exception, two options) unless their headings
   * ask the same thing;
   * sections of two articles must be on the same topic (headings or bodies alike); and a heading
   * that names something (an identifier, a product) the other section never mentions is about
   * that thing only, unless the bodies are copies of each other.
   */
  // Headings compared word by word, with words no body uses at the weight of the rarest: a
  // heading's own words ("Tasks", "Calendar") are what tells two sections apart. A heading's
  // terms, each once, in the order they come: the corpus's term ids, and ids below -1 for terms
  // no section body uses. All headings' in one list: section i's count is at `headingAt[i]`
  // in headingTermList, its terms follow.
  const headingTermList = new IntList();
  const headingAt = new Int32Array(sections).fill(-1);
  const unknownTerms = new Map<string, number>();
  const rarest = Math.log(1 + corpus.sections.length);
  const weight = (term: number) => (term >= 0 ? corpus.idf(term) : rarest);
  const headingTermsOf = (i: number) => {
    let at = headingAt[i];
    if (at < 0) {
      headingAt[i] = at = headingTermList.length;
      headingTermList.push(0);
      for (const word of words(corpus.sections[i].heading)) {
        if (isStopWord(word)) continue;
        let term = corpus.wordId(word);
        if (term < 0) {
          const text = stem(word);
          term = unknownTerms.get(text) ?? -2 - unknownTerms.size;
          unknownTerms.set(text, term);
        }
        if (!headsWith(at, term)) {
          headingTermList.push(term);
          headingTermList.data[at]++;
        }
      }
    }
    return at;
  };
  const headsWith = (at: number, term: number) => {
    const list = headingTermList.data;
    for (let k = at + 1; k <= at + list[at]; k++) if (list[k] === term) return true;
    return false;
  };
  const headingAgreement = (a: number, b: number) => {
    const at = headingTermsOf(a);
    const bt = headingTermsOf(b);
    const list = headingTermList.data;
    let shared = 0;
    let total = 0;
    for (let k = at + 1; k <= at + list[at]; k++) {
      const w = weight(list[k]);
      total += w;
      if (headsWith(bt, list[k])) shared += w;
    }
    for (let k = bt + 1; k <= bt + list[bt]; k++) if (!headsWith(at, list[k])) total += weight(list[k]);
    return total > 0 ? shared / total : 0;
  };
  const titleNames = new Map<number, readonly string[]>();
  /**
   * Addresses under one label belong to the same thing when the sections are about the same
   * thing: headings or bodies alike, and neither headed by a name ("Larkspur Tasks") the other
   * never mentions; a page of downloads gives each product its own "Windows: Download".
   */
  const sameOwner = (a: number, b: number) => {
    if (Math.max(headingAgreement(a, b), sectionCosine(a, b)) < SAME_OWNER) return false;
    const named = (i: number) => {
      let names = titleNames.get(i);
      if (!names) titleNames.set(i, (names = orNone(nameHeading(corpus.sections[i].heading, (w) => corpus.df[corpus.wordId(w)] ?? 0, rareName))));
      return names;
    };
    return !named(a).some((n) => !mentions(b, n)) && !named(b).some((n) => !mentions(a, n));
  };
  const sameSubject = (a: number, b: number) => {
    const heading = headingAgreement(a, b);
    const cosine = sectionCosine(a, b);
    if (articleOf[a] === articleOf[b]) {
      if (heading < SAME_QUESTION) return false;
    } else if (Math.max(heading, cosine) < TOPIC_FLOOR) return false;
    const differ = (names: (i: number) => readonly string[]) => names(a).some((n) => !mentions(b, n)) || names(b).some((n) => !mentions(a, n));
    // Reference entries named by an identifier document that identifier, however alike their text.
    if (differ(identifiersOf)) return false;
    if (cosine >= SECTION_SIMILARITY) return true;
    return !differ(namesOf);
  };
  const best = new Map<string, Conflict>();
  for (let c = 0; c < candidates.length; c += 2) {
    let ia = candidates[c];
    let ib = candidates[c + 1];
    if (sectionOf[ia] > sectionOf[ib]) [ia, ib] = [ib, ia];
    const sectionA = sectionOf[ia];
    const sectionB = sectionOf[ib];
    // The statements themselves must be alike; sections on the same topic then count in favour.
    const { terms } = collected;
    const sentence = corpus.overlap(terms.all(), terms.all(), terms.startOf(ia), terms.startOf(ia + 1), terms.startOf(ib), terms.startOf(ib + 1));
    if (sentence < SENTENCE_FLOOR) continue;
    // Only statements that share a class of fact with different values.
    if (!differInValue(ia, ib)) continue;
    // Sections on the same topic count in favour of statements that are less alike.
    const topical = () => (sentence + sectionTopic(sectionA, sectionB)) / 2;
    if (sentence < options.minSimilarity && topical() < options.minSimilarity) continue;
    // Different cases on the two sides ("UK" and "EU", "Standard" and "Express"), or one side about
    // a named product or plan the other never mentions.
    const { qualifiers, names } = collected;
    if (qualifiers.some(ia, (q) => !uses(sectionB, q)) && qualifiers.some(ib, (q) => !uses(sectionA, q))) continue;
    if (names.some(ia, (q) => !uses(sectionB, q)) || names.some(ib, (q) => !uses(sectionA, q))) continue;
    // A value with no words saying what it is ("14 days.") states nothing to contradict.
    if (collected.labelWords[ia] === 0 || collected.labelWords[ib] === 0) continue;
    if (!sameSubject(sectionA, sectionB)) continue;
    const A = { section: sectionA, labelWords: collected.labelWords[ia] };
    const B = { section: sectionB, labelWords: collected.labelWords[ib] };
    // A swap of cases is never a conflict; the same sentence frame with other words in it is
    // one only between sections about the same thing.
    const sequenceA = collected.sequences.of(ia);
    const sequenceB = collected.sequences.of(ib);
    const own = ownWords(sequenceA, sequenceB, isContent);
    const aligned = own === null ? 'none' : own[0] === 0 || own[1] === 0 ? 'aligned' : own[0] <= MAX_SWAPPED && own[1] <= MAX_SWAPPED ? 'swap' : 'aligned';
    if (aligned === 'swap') continue;
    // One label is the other's, words added at most: "Returns: 30 days" and "Free returns: 14 days".
    const sameLabel = own !== null && Math.min(own[0], own[1]) === 0;
    // The same frame with other words on both sides is a claim about the same thing only
    // between sections about the same thing; one statement inside the other is one already.
    if (aligned === 'aligned' && !sameLabel && sectionTopic(A.section, B.section) < ALIGNED_TOPIC) continue;
    // Addresses need the very same label, generic link words apart: "Windows: Download …" twice.
    const exactLabel = () => {
      const label = ownWords(sequenceA, sequenceB, isLabel);
      return label !== null && label[0] === 0 && label[1] === 0;
    };
    // A short statement (a label, a table row) is about what its few words say, and nothing more.
    if ((A.labelWords < SHORT_LABEL || B.labelWords < SHORT_LABEL) && !sameLabel) continue;
    const similarity = Math.max(sentence, topical());
    // Each pair of facts of one class with different values, in the order the statements give them.
    for (let x = factStart[ia]; x < factStart[ia + 1]; x++) {
      for (let y = factStart[ib]; y < factStart[ib + 1]; y++) {
        if (!differ(x, y)) continue;
        const factA = factAt(collected, x);
        const factB = factAt(collected, y);
        // Two addresses contradict each other only when they are given for the same thing.
        if (CONTACT_KINDS.has(factA.kind) && !(exactLabel() && sameOwner(A.section, B.section) && sameSite(factA, factB))) continue;
        // A section that also states the other value is not contradicting it.
        if (states(A.section, factValue[y]) || states(B.section, factValue[x])) continue;
        const k = `${ia}:${x - factStart[ia]}:${B.section}`;
        const previous = best.get(k);
        if (!previous || similarity > previous.similarity) {
          best.set(k, {
            a: locate(kb, corpus.sections[A.section], statementAt(collected, ia), x - factStart[ia]),
            b: locate(kb, corpus.sections[B.section], statementAt(collected, ib), y - factStart[ib]),
            similarity,
          });
        }
      }
    }
  }
  return [...best.values()].sort(
    (p, q) => p.a.statement.section - q.a.statement.section || p.a.line - q.a.line || p.a.column - q.a.column || p.b.statement.section - q.b.statement.section || p.b.line - q.b.line,
  );
}
