import type { Section } from '../model';
import { contentTerms, countTermsIn, sentences } from '../similarity/text';
import type { StandaloneArticleRule } from './types';
import { isLeafAnswer } from './util/answers';
import { isQuestionHeading, rangeOf } from './util/sections';

export interface BuriedAnswerOptions {
  /** Openings that talk around the question instead of answering it. */
  fillerOpenings: string[];
}

const YES_NO = /^(can|could|do|does|did|is|are|was|were|will|would|should|shall|may|have|has)\b/i;
const DIRECT = /^(yes|no|not|you can|you can't|you cannot|we do|we don't|we can|we can't|we cannot|it is|it isn't|they are|only|always|never)\b/i;

/**
 * The sentences of a section's body, as sentences(sectionText(section)) gives their text, split
 * block by block only as far as they are asked for (no sentence runs across the line break
 * between two blocks, so each block splits alone).
 */
function sectionSentences(section: Section): { at(i: number): string | undefined; has(count: number): boolean } {
  const found: string[] = [];
  let next = 0;
  const reach = (count: number) => {
    while (found.length < count && next < section.blocks.length) for (const s of sentences(section.blocks[next++].text)) found.push(s.text);
    return found.length >= count;
  };
  return { at: (i) => (reach(i + 1) ? found[i] : undefined), has: reach };
}

/** Question-headed sections whose first sentence does not address the question (heuristic). */
export const buriedAnswer: StandaloneArticleRule<BuriedAnswerOptions> = {
  id: 'buried-answer',
  description: 'Question-headed sections whose first sentence does not address the question',
  rationale:
    'Bots and customers both read the first sentence first; an answer that opens with background makes the bot quote the background. Open with the direct answer ("Yes, within 30 days."), then explain.',
  defaultSeverity: 'info',
  defaultOptions: {
    fillerOpenings: ['thank you', 'thanks for', 'we understand', 'we know', 'great question', 'good question', 'we appreciate', 'here at', 'our company', 'we are committed', "we're committed"],
  },
  optionsSchema: {
    fillerOpenings: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      description: 'Openings that talk around the question, matched at the start of the first sentence in any case.',
    },
  },
  scope: 'article',
  standalone: true,
  check({ article, options, report }) {
    for (const section of article.sections) {
      if (!isLeafAnswer(article, section) || !isQuestionHeading(section.heading)) continue;
      // Steps, a list or a table first is a direct answer in itself.
      const firstBlock = section.blocks[0];
      if (!firstBlock || firstBlock.kind !== 'paragraph' || firstBlock.example) continue;
      const all = sectionSentences(section);
      const first = all.at(0);
      if (first === undefined || !all.has(2)) continue;
      const lower = first.toLowerCase();
      const question = new Set(contentTerms(section.heading));
      const overlap = (text: string) => countTermsIn(text, question);
      let reason = '';
      const filler = options.fillerOpenings.find((f) => lower.startsWith(f.toLowerCase()));
      if (filler) {
        reason = `it opens with "${first.slice(0, filler.length).trim()}…"`;
      } else if (YES_NO.test(section.heading.trim())) {
        // The yes or no comes later, after sentences that do not touch the question.
        let direct = 0;
        while (all.at(direct) !== undefined && !DIRECT.test(all.at(direct)!)) direct++;
        const answer = all.at(direct);
        let before = 0;
        if (answer !== undefined) while (before < direct && overlap(all.at(before)!) === 0) before++;
        if (answer !== undefined && direct > 0 && before === direct) reason = `the direct answer ("${answer.split(/\s+/).slice(0, 3).join(' ')}…") only comes in sentence ${direct + 1}`;
      } else if (question.size >= 2 && overlap(first) === 0 && !/^how\b/i.test(section.heading.trim())) {
        // "How do I…" is answered by instructions, which need not repeat the question's words.
        // Otherwise: the opening paragraph starts with background and gets to the point later.
        const opening = sentences(firstBlock.text);
        const later = opening.findIndex((s) => overlap(s.text) >= Math.max(2, Math.ceil(question.size * 0.6)));
        if (later > 0) reason = `the opening paragraph only reaches the question in sentence ${later + 1}`;
      }
      if (!reason) continue;
      report({
        ...rangeOf(article, firstBlock.line, ''),
        message: `answer to "${section.heading}" is buried: ${reason}`,
        file: article.file,
      });
    }
  },
};
