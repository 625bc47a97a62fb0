import type { StandaloneArticleRule } from './types';
import { DEFAULT_CONTACT_PHRASES, isDeadEnd, isLeafAnswer, isNavigationSection } from './util/answers';
import { rangeOf } from './util/sections';

export interface DeadEndOptions {
  /** Phrases that send the customer to a person. */
  phrases: string[];
  /** Longer sections are not reported: they say more than "contact us". */
  maxWords: number;
}

/** Sections that only say "contact support", with no steps: a dead end for a customer already asking the bot. */
export const deadEnd: StandaloneArticleRule<DeadEndOptions> = {
  id: 'dead-end',
  description: 'Sections that only tell the customer to contact support, with no steps or facts',
  rationale:
    'A customer asking the bot has already reached out; "please contact our support team" sends them round in a circle and the bot escalates anyway. Say what can be done (steps, conditions, time limits) and when a person is really needed, how to reach one.',
  defaultSeverity: 'warning',
  defaultOptions: { phrases: DEFAULT_CONTACT_PHRASES, maxWords: 40 },
  optionsSchema: {
    phrases: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      description: 'Phrases that hand the customer to a person ("contact", "get in touch", …).',
    },
    maxWords: { type: 'integer', minimum: 1, description: 'Sections longer than this are not reported.' },
  },
  scope: 'article',
  standalone: true,
  check({ article, options, report }) {
    for (const section of article.sections) {
      if (!isLeafAnswer(article, section) || !isDeadEnd(section, options.phrases, options.maxWords)) continue;
      // "What's next? Talk to our team about…" points on by design; a worked example is no answer.
      if (isNavigationSection(section) || section.blocks.every((b) => b.example)) continue;
      const first = section.blocks[0];
      report({
        ...rangeOf(article, first.line, ''),
        message: `"${section.heading}" only says to contact support: a dead end, the bot would escalate`,
        file: article.file,
      });
    }
  },
};
