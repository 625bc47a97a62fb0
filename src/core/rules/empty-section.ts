import type { Section } from '../model';
import type { StandaloneArticleRule } from './types';
import { isNavigationSection, isReferenceEntry } from './util/answers';
import { headingRange } from './util/sections';

/** The heading at `i` has nothing under it: no text, no links, no component, no deeper heading. */
function isEmpty(sections: Section[], i: number): boolean {
  const section = sections[i];
  // A heading directly followed by a deeper heading is a parent, not an empty answer.
  if (section.level === 0 || section.blocks.length > 0 || (sections[i + 1]?.level ?? 0) > section.level) return false;
  // Links (a shortcode's), a component (a generated card list, a video) or navigation is content
  // the parser does not read as text: not an empty answer.
  return section.links.length === 0 && !(section.components ?? 0) && section.role !== 'navigation' && !isNavigationSection(section);
}

/** A heading with nothing under it: the bot would route a question there and have nothing to say. */
export const emptySection: StandaloneArticleRule = {
  id: 'empty-section',
  description: 'A heading with no body text before the next heading',
  defaultSeverity: 'warning',
  rationale:
    'A question routed to an empty section gets no answer at all: the bot either says nothing useful or falls through to a worse match. Write the answer, or remove the heading.',
  defaultOptions: {},
  optionsSchema: {},
  scope: 'article',
  standalone: true,
  check({ article, report }) {
    const sections = article.sections;
    for (let i = 0; i < sections.length; i++) {
      const section = sections[i];
      if (!isEmpty(sections, i)) continue;
      // A run of empty reference entries at one level (settings listed as headings with no
      // description) is one gap to fill: reported once, at its first heading.
      let last = i;
      if (isReferenceEntry(article, section)) {
        while (
          last + 1 < sections.length &&
          sections[last + 1].level === section.level &&
          isEmpty(sections, last + 1) &&
          isReferenceEntry(article, sections[last + 1])
        ) last++;
      }
      // The heading's own line: its text as written (setext, `{#id}`, closing #s) may be longer or shorter than the heading.
      const range = headingRange(article, section);
      if (last === i) {
        report({ ...range, message: `section "${section.heading}" is empty: a question routed here gets no answer`, file: article.file });
        continue;
      }
      const count = last - i + 1;
      report({
        ...range,
        message: `${count} headings in a row, "${section.heading}" to "${sections[last].heading}", are empty: each names something with no description, so a question about any of them gets no answer`,
        file: article.file,
        data: { headings: count },
      });
      i = last;
    }
  },
};
