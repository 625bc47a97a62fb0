import type { ArticleRule } from './types';
import { bareUrls, isLeafAnswer, isLinkOnly, isNavigationSection, isResourceList } from './util/answers';
import { resolveLink } from './util/links';
import { isParentSection, rangeOf } from './util/sections';

/** Sections that answer only with a link out of the knowledge base: "See https://partner.example/returns." */
export const linkOnly: ArticleRule<Record<string, never>> = {
  id: 'link-only',
  description: 'Sections whose whole answer is a link out of the knowledge base',
  rationale:
    'The bot answers from the knowledge base, and a pointer out of it is a non-answer: the bot says "see the carrier\'s page" and the customer has to go and read it. Put the essential answer here in a sentence or two, and keep the link for the details.',
  defaultSeverity: 'warning',
  defaultOptions: {},
  optionsSchema: {},
  scope: 'article',
  check({ kb, article, report }) {
    for (const section of article.sections) {
      // A heading with only a shortcode's or component's link under it is a pointer too.
      const markupOnly = section.level > 0 && section.blocks.length === 0 && section.links.length > 0 && !isParentSection(article, section);
      if (!(isLeafAnswer(article, section) || markupOnly) || !isLinkOnly(section)) continue;
      // "See also" is meant to be links, a template label is no question, and a list of named
      // resources under a topic ("Python: * [Mastodon.py](…)") is a catalogue, not a pointer.
      if (section.role || isNavigationSection(section) || isResourceList(section)) continue;
      // A pointer to another article of the knowledge base is a cross-reference: the answer is
      // in the knowledge base, and a question worded like this one reaches that article too.
      // Only a pointer out of it leaves the bot nothing to answer with.
      const pointers = [...section.links, ...bareUrls(section).map((href) => ({ href, text: '', line: section.startLine }))];
      if (pointers.some((l) => { const t = resolveLink(kb, article, l); return t.kind === 'article' && t.article !== article; })) continue;
      const line = section.blocks[0]?.line ?? section.links[0].line;
      const targets = [...section.links.map((l) => l.href), ...bareUrls(section)];
      report({
        ...rangeOf(article, line, ''),
        message: `"${section.heading}" only links elsewhere (${[...new Set(targets)].join(', ')}): the bot has no answer to give`,
        file: article.file,
      });
    }
  },
};
