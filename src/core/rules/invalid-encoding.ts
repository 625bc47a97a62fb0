import type { ArticleRule } from './types';

/** Reports bytes that are not UTF-8; the article is indexed with replacement characters. */
export const invalidEncoding: ArticleRule = {
  id: 'invalid-encoding',
  description: 'Article bytes that are not valid UTF-8',
  defaultSeverity: 'warning',
  defaultOptions: {},
  scope: 'article',
  check({ article, report }) {
    for (const finding of article.parseFindings) {
      if (finding.ruleId === 'invalid-encoding') report(finding);
    }
  },
};
