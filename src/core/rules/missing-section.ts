import picomatch from 'picomatch';
import type { StandaloneArticleRule } from './types';
import { titleSection } from './util/sections';

export interface MissingSectionOptions {
  /** For articles matching `files`, a heading matching each pattern (regular expression, any case) must exist. */
  required: Array<{ files: string[]; headings: string[] }>;
}

/** Articles without the sections the team's template requires (per glob). */
export const missingSection: StandaloneArticleRule<MissingSectionOptions> = {
  id: 'missing-section',
  description: 'Articles without a section the configured template requires (e.g. "Who can use this?" in policies/**)',
  rationale:
    'Templates exist so that every article answers the questions customers always ask (eligibility, cost, time limits). A missing section is a question the bot cannot answer for that topic. Add the section, or adjust the template in kb-audit.json.',
  defaultSeverity: 'warning',
  defaultOptions: { required: [] },
  optionsSchema: {
    required: {
      type: 'array',
      description: 'Required headings per glob: [{ "files": ["returns/**"], "headings": ["^how long", "cost"] }]. Headings are regular expressions matched in any case.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['files', 'headings'],
        properties: {
          files: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
          headings: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
        },
      },
    },
  },
  scope: 'article',
  standalone: true,
  check({ article, options, report }) {
    const title = titleSection(article);
    const line = title?.startLine ?? 1;
    const text = article.lines.at(line - 1) ?? '';
    for (const rule of options.required) {
      if (!picomatch(rule.files)(article.file)) continue;
      for (const pattern of rule.headings) {
        let re: RegExp;
        try {
          re = new RegExp(pattern, 'iu');
        } catch (error) {
          report({
            message: `kb-audit.json: heading pattern /${pattern}/ is not a valid regular expression (${(error as Error).message})`,
            file: article.file,
            line,
            column: 1,
            endLine: line,
            endColumn: text.length + 1,
            severity: 'error',
          });
          continue;
        }
        if (article.sections.some((s) => s.level > 0 && re.test(s.heading))) continue;
        report({
          message: `no section with a heading matching /${pattern}/, which the template for ${rule.files.join(', ')} requires`,
          file: article.file,
          line,
          column: 1,
          endLine: line,
          endColumn: text.length + 1,
          data: { pattern },
        });
      }
    }
  },
};
