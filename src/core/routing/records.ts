// What the router matches questions against. A section gives up to three kinds of record:
// its heading, each example question it lists, and its answer text. Example questions are
// recognised by shape, not by a fixed heading: a list under a heading that speaks of
// questions, or a list most of whose items read as questions.

import type { Block, Section } from '../model';
import { words } from './tokenize';

export type RecordKind = 'heading' | 'example' | 'body';

export interface RouteRecord {
  kind: RecordKind;
  /** Index into the index's sections. */
  section: number;
  text: string;
  /** Source line, for example questions. */
  line: number;
}

/** Headings that introduce lists of things customers ask or say. */
const QUESTION_LIST_HEADING =
  /\b(questions?|faqs?|examples?|asks?|asked|phrases?|utterances?|queries|query|customers? (say|write|ask)|ways to ask|also asked|related questions)\b/i;

const QUESTION_START =
  /^(how|what|what's|whats|when|where|why|who|which|can|could|do|does|did|is|are|was|were|will|would|should|shall|may|might|have|has|i want|i need|i would like|i'd like|i can't|i cant|i have|my|is there|are there)\b/i;

/** Longest list item, in words, still read as an example question rather than a step or a note. */
const MAX_EXAMPLE_WORDS = 30;

export function isQuestionLike(text: string): boolean {
  const t = text.trim();
  return t.endsWith('?') || QUESTION_START.test(t);
}

function isExampleList(section: Section, items: Block[]): boolean {
  if (items.length === 0) return false;
  const short = items.filter((b) => words(b.text).length <= MAX_EXAMPLE_WORDS);
  if (short.length < items.length * 0.8) return false;
  if (section.headingPath.some((h) => QUESTION_LIST_HEADING.test(h))) return true;
  if (items.length < 2) return false;
  return items.filter((b) => isQuestionLike(b.text)).length >= items.length * 0.6;
}

/** Splits a section's blocks into runs of list items (one run per list) and other blocks. */
function listRuns(blocks: Block[]): { items: Block[]; start: number }[] {
  const runs: { items: Block[]; start: number }[] = [];
  let current: Block[] = [];
  let start = 0;
  blocks.forEach((block, i) => {
    const continues =
      block.kind === 'list_item' &&
      current.length > 0 &&
      current[current.length - 1].ordered === block.ordered &&
      block.line - current[current.length - 1].endLine <= 2;
    if (block.kind === 'list_item' && !continues) {
      if (current.length) runs.push({ items: current, start });
      current = [block];
      start = i;
    } else if (block.kind === 'list_item') {
      current.push(block);
    } else if (current.length) {
      runs.push({ items: current, start });
      current = [];
    }
  });
  if (current.length) runs.push({ items: current, start });
  return runs;
}

export interface SectionRecords {
  heading: string | null;
  examples: Block[];
  /** The blocks that answer: paragraphs, steps, tables, quotes (no code, no example lists). */
  answer: Block[];
}

/** The records of one section, and the blocks that make up its answer. */
export function sectionRecords(section: Section): SectionRecords {
  const exampleBlocks = new Set<Block>();
  for (const run of listRuns(section.blocks)) {
    if (!run.items[0].ordered && isExampleList(section, run.items)) for (const b of run.items) exampleBlocks.add(b);
  }
  // A list item that is nothing but a link is navigation (a hub page's list of articles), not an answer.
  const linkOnly = (b: Block) =>
    b.kind === 'list_item' && section.links.some((l) => l.line >= b.line && l.line <= b.endLine && l.text.trim() === b.text.trim());
  const answer = section.blocks.filter((b) => !exampleBlocks.has(b) && b.kind !== 'code' && b.kind !== 'html' && !linkOnly(b));
  return {
    heading: section.heading.trim() ? section.heading : null,
    examples: section.blocks.filter((b) => exampleBlocks.has(b)),
    answer,
  };
}
