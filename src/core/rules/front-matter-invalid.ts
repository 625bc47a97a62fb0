import type { StandaloneArticleRule } from './types';

/** Reports front matter the YAML parser rejected; the article is still indexed without it. */
export const frontMatterInvalid: StandaloneArticleRule = {
  id: 'front-matter-invalid',
  description: 'Front matter that is not valid YAML',
  defaultSeverity: 'error',
  rationale:
    "Broken front matter loses the article's title, owner and review date, so staleness and ownership checks cannot run. Fix the YAML at the reported position.",
  defaultOptions: {},
  optionsSchema: {},
  scope: 'article',
  standalone: true,
  check({ article, report }) {
    for (const finding of article.parseFindings) {
      if (finding.ruleId === 'front-matter-invalid') report(finding);
    }
  },
};
