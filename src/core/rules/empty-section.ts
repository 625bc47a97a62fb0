import type { ArticleRule } from './types';

/** A heading with nothing under it: the bot would route a question there and have nothing to say. */
export const emptySection: ArticleRule = {
  id: 'empty-section',
  description: 'A heading with no body text before the next heading',
  defaultSeverity: 'warning',
  rationale:
    'A question routed to an empty section gets no answer at all: the bot either says nothing useful or falls through to a worse match. Write the answer, or remove the heading.',
  defaultOptions: {},
  optionsSchema: {},
  scope: 'article',
  check({ article, report }) {
    article.sections.forEach((section, i) => {
      if (section.level === 0 || section.blocks.length > 0) return;
      // A heading directly followed by a deeper heading is a parent, not an empty answer.
      const next = article.sections[i + 1];
      if (next && next.level > section.level) return;
      report({
        message: `section "${section.heading}" is empty: a question routed here gets no answer`,
        file: article.file,
        line: section.startLine,
        column: 1,
        endLine: section.startLine,
        endColumn: section.heading.length + section.level + 2,
      });
    });
  },
};
