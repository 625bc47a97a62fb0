import { countWords } from '../parse/markdown';
import { sentences } from '../similarity/text';
import type { ArticleRule } from './types';
import { rangeOf } from './util/sections';

export interface WallOfTextOptions {
  /** Sections shorter than this are never walls. */
  minWords: number;
  /** Average sentence length (words) at or above which the prose is hard to follow. */
  maxAverageSentenceWords: number;
  /** Any one sentence this long makes the section a wall on its own. */
  maxSentenceWords: number;
}

/** Long sections with no lists or steps and long sentences: a bot would dump them verbatim. */
export const wallOfText: ArticleRule<WallOfTextOptions> = {
  id: 'wall-of-text',
  description: 'Long sections with no list or steps and long sentences',
  rationale:
    'A bot either recites a wall of text whole, burying the answer, or cuts it mid-thought. Lead with the answer in one short sentence, then break conditions and steps into a list.',
  defaultSeverity: 'warning',
  defaultOptions: { minWords: 120, maxAverageSentenceWords: 25, maxSentenceWords: 60 },
  optionsSchema: {
    minWords: { type: 'integer', minimum: 1, description: 'Sections shorter than this many words are never reported.' },
    maxAverageSentenceWords: { type: 'number', minimum: 1, description: 'Average sentence length, in words, at or above which a long section is a wall.' },
    maxSentenceWords: { type: 'integer', minimum: 1, description: 'One sentence this long makes a long section a wall.' },
  },
  scope: 'article',
  check({ article, options, report }) {
    for (const section of article.sections) {
      if (section.wordCount < options.minWords) continue;
      if (section.blocks.some((b) => b.kind === 'list_item' || b.kind === 'table' || b.kind === 'code')) continue;
      const lengths = section.blocks.flatMap((b) => sentences(b.text).map((s) => countWords(s.text)));
      if (lengths.length === 0) continue;
      const average = lengths.reduce((a, b) => a + b, 0) / lengths.length;
      const longest = Math.max(...lengths);
      if (average < options.maxAverageSentenceWords && longest < options.maxSentenceWords) continue;
      const paragraph = section.blocks.reduce((a, b) => (countWords(b.text) > countWords(a.text) ? b : a));
      report({
        ...rangeOf(article, paragraph.line, ''),
        message: `"${section.heading}" is ${section.wordCount} words of prose with no list or steps (sentences average ${Math.round(average)} words, longest ${longest}): a bot would recite it whole`,
        file: article.file,
        data: { words: section.wordCount, averageSentenceWords: Math.round(average), longestSentenceWords: longest },
      });
    }
  },
};
