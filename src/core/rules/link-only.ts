import type { ArticleRule } from './types';
import { isLeafAnswer, isLinkOnly } from './util/answers';
import { rangeOf } from './util/sections';

/** Sections that answer only with a link: "See [Returns](returns.md)." */
export const linkOnly: ArticleRule<Record<string, never>> = {
  id: 'link-only',
  description: 'Sections whose whole answer is a link to somewhere else',
  rationale:
    'In a chat a bare link is a non-answer: the bot says "see Returns" and the customer has to go and read it. Put the essential answer here in a sentence or two, and keep the link for the details.',
  defaultSeverity: 'warning',
  defaultOptions: {},
  optionsSchema: {},
  scope: 'article',
  check({ article, report }) {
    for (const section of article.sections) {
      if (!isLeafAnswer(article, section) || !isLinkOnly(section)) continue;
      const first = section.blocks[0];
      report({
        ...rangeOf(article, first.line, ''),
        message: `"${section.heading}" only links elsewhere (${section.links.map((l) => l.href).join(', ')}): the bot has no answer to give`,
        file: article.file,
      });
    }
  },
};
