import type { StandaloneArticleRule } from './types';

/** Reports bytes that are not UTF-8; the article is indexed with replacement characters. */
export const invalidEncoding: StandaloneArticleRule = {
  id: 'invalid-encoding',
  description: 'Article bytes that are not valid UTF-8',
  defaultSeverity: 'warning',
  rationale:
    'Bytes that are not UTF-8 turn into replacement characters the bot may recite. Re-save the file as UTF-8.',
  defaultOptions: {},
  optionsSchema: {},
  scope: 'article',
  standalone: true,
  check({ article, report }) {
    for (const finding of article.parseFindings) {
      if (finding.ruleId === 'invalid-encoding') report(finding);
    }
  },
};
