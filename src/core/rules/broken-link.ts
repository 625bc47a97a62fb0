import type { ArticleRule } from './types';
import { linkColumns, resolveLink } from './util/links';

/** Links to articles or headings that do not exist. */
export const brokenLink: ArticleRule<Record<string, never>> = {
  id: 'broken-link',
  description: 'Links to articles that do not exist, or to headings (#anchors) the target does not have',
  rationale:
    'A bot that quotes the article passes the link on, and the customer lands on a missing page right when they needed the details. Point the link at the right article and heading, or remove it.',
  defaultSeverity: 'warning',
  defaultOptions: {},
  optionsSchema: {},
  scope: 'article',
  check({ kb, article, report }) {
    for (const section of article.sections) {
      for (const link of section.links) {
        const target = resolveLink(kb, article, link);
        let message = '';
        if (target.kind === 'missing') message = `link to ${target.path}, which is not among the audited articles`;
        else if (target.kind === 'article' && !target.anchorFound) {
          message =
            target.article === article
              ? `link to #${target.anchor}, but this article has no heading with that anchor`
              : `link to ${target.article.file}#${target.anchor}, but that article has no heading with that anchor`;
        }
        if (!message) continue;
        report({
          ...linkColumns(article, link),
          line: link.line,
          endLine: link.line,
          message,
          file: article.file,
          data: { href: link.href },
        });
      }
    }
  },
};
