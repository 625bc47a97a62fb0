import { countWords } from '../parse/markdown';
import type { Block } from '../model';
import { sentences } from '../similarity/text';
import type { StandaloneArticleRule } from './types';
import { rangeOf } from './util/sections';

export interface WallOfTextOptions {
  /** A paragraph this long, or a section twice this long in long paragraphs, can be a wall. */
  minWords: number;
  /** Average sentence length (words) at or above which the prose is hard to follow. */
  maxAverageSentenceWords: number;
  /** Any one sentence this long makes the prose hard to follow on its own. */
  maxSentenceWords: number;
}

interface Prose {
  words: number;
  average: number;
  longest: number;
}

function measure(blocks: Block[]): Prose {
  const lengths = blocks.flatMap((b) => sentences(b.text).map((s) => countWords(s.text)));
  return {
    words: lengths.reduce((a, b) => a + b, 0),
    average: lengths.length ? lengths.reduce((a, b) => a + b, 0) / lengths.length : 0,
    longest: lengths.length ? Math.max(...lengths) : 0,
  };
}

/**
 * Long unbroken prose: one paragraph of at least `minWords` words, or a section of at least twice
 * that whose paragraphs average two thirds of it; either way with long sentences. Several
 * paragraphs of ordinary length (150 words in four) are ordinary prose, not a wall.
 */
export const wallOfText: StandaloneArticleRule<WallOfTextOptions> = {
  id: 'wall-of-text',
  description: 'Long unbroken prose: a very long paragraph, or a long section of long paragraphs, with long sentences and no list',
  rationale:
    'A bot either recites a wall of text whole, burying the answer, or cuts it mid-thought. Lead with the answer in one short sentence, then break conditions and steps into a list.',
  defaultSeverity: 'warning',
  defaultOptions: { minWords: 120, maxAverageSentenceWords: 25, maxSentenceWords: 60 },
  optionsSchema: {
    minWords: { type: 'integer', minimum: 1, description: 'A paragraph shorter than this many words (or a section shorter than twice this) is never reported.' },
    maxAverageSentenceWords: { type: 'number', minimum: 1, description: 'Average sentence length, in words, at or above which long prose is a wall.' },
    maxSentenceWords: { type: 'integer', minimum: 1, description: 'One sentence this long makes long prose a wall.' },
  },
  scope: 'article',
  standalone: true,
  check({ article, options, report }) {
    const longSentences = (p: Prose) => p.average >= options.maxAverageSentenceWords || p.longest >= options.maxSentenceWords;
    for (const section of article.sections) {
      if (section.wordCount < options.minWords) continue;
      if (section.blocks.some((b) => b.kind === 'list_item' || b.kind === 'table' || b.kind === 'code')) continue;
      const paragraphs = section.blocks.filter((b) => b.kind === 'paragraph' || b.kind === 'blockquote');
      if (paragraphs.length === 0) continue;
      const measured = paragraphs.map((b) => ({ block: b, prose: measure([b]) }));
      const longest = measured.reduce((a, b) => (b.prose.words > a.prose.words ? b : a));
      const whole = measure(paragraphs);
      const oneWall = longest.prose.words >= options.minWords && longSentences(longest.prose);
      const longParagraphs = whole.words >= 2 * options.minWords && whole.words / paragraphs.length >= (2 * options.minWords) / 3 && longSentences(whole);
      if (!oneWall && !longParagraphs) continue;
      const shown = oneWall ? longest.prose : whole;
      const what = oneWall
        ? `has a ${longest.prose.words}-word paragraph`
        : `is ${whole.words} words in ${paragraphs.length} long paragraphs`;
      report({
        ...rangeOf(article, longest.block.line, ''),
        message: `"${section.heading}" ${what} with no list or steps (sentences average ${Math.round(shown.average)} words, longest ${shown.longest}): a bot would recite it whole`,
        file: article.file,
        data: { words: section.wordCount, averageSentenceWords: Math.round(shown.average), longestSentenceWords: shown.longest },
      });
    }
  },
};
