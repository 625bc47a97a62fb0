import type { ArticleRule } from './types';

/** Reports front matter the YAML parser rejected; the article is still indexed without it. */
export const frontMatterInvalid: ArticleRule = {
  id: 'front-matter-invalid',
  description: 'Front matter that is not valid YAML',
  defaultSeverity: 'error',
  defaultOptions: {},
  scope: 'article',
  check({ article, report }) {
    for (const finding of article.parseFindings) {
      if (finding.ruleId === 'front-matter-invalid') report(finding);
    }
  },
};
