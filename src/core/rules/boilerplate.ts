import type { KnowledgeBaseRule } from './types';
import { repeatedParagraphs, type BoilerplateOptions } from './util/boilerplate';
import { DEFAULT_BOILERPLATE } from './util/nearDuplicates';

const MAX_RELATED = 10;

/** The same paragraph in many articles: a bot would recite it in every answer. */
export const boilerplate: KnowledgeBaseRule<BoilerplateOptions> = {
  id: 'boilerplate',
  description: 'The same paragraph repeated word for word in many articles (default: 3 or more)',
  rationale:
    'A bot quotes the paragraph that matches, and a footer or disclaimer repeated everywhere matches everything: customers get the same canned text whatever they ask. Keep it in one place (or in the site template, outside the articles), or exclude it from what the bot reads.',
  defaultSeverity: 'info',
  defaultOptions: DEFAULT_BOILERPLATE,
  optionsSchema: {
    minArticles: { type: 'integer', minimum: 2, description: 'Reported when the same paragraph appears in at least this many articles.' },
    minWords: { type: 'integer', minimum: 1, description: 'Shorter paragraphs are not compared.' },
    ignore: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      description: 'Regular expressions (any case) for paragraphs repeated on purpose.',
    },
  },
  scope: 'knowledge-base',
  check({ kb, options, report }) {
    for (const paragraph of repeatedParagraphs(kb, options).repeated) {
      const [first, ...others] = paragraph.places;
      const text = kb.byFile.get(first.file)?.lines[first.line - 1] ?? '';
      const excerpt = paragraph.text.length > 60 ? `${paragraph.text.slice(0, 57).trimEnd()}…` : paragraph.text;
      report({
        message: `the paragraph "${excerpt.replace(/\s+/g, ' ')}" is repeated in ${paragraph.places.length} articles: a bot would recite it in answers from all of them`,
        file: first.file,
        line: first.line,
        column: 1,
        endLine: first.line,
        endColumn: text.length + 1,
        related: others.slice(0, MAX_RELATED).map((p) => ({ file: p.file, line: p.line, message: `same paragraph in "${p.section}"` })),
        data: { articles: paragraph.places.length },
      });
    }
  },
};
