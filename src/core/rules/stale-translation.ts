import { localeLayout } from '../locale/scopes';
import type { KnowledgeBaseRule } from './types';
import { isoDay } from './util/dates';
import { reviewDateKeys } from './util/options';
import { reviewDate } from './util/sections';

export interface StaleTranslationOptions {
  /** Front-matter keys holding when an article was last changed or reviewed, the first one present wins. */
  keys: string[];
}

/** Translations older than their source: the source was changed or reviewed after them. */
export const staleTranslation: KnowledgeBaseRule<StaleTranslationOptions> = {
  id: 'stale-translation',
  description: 'Translations whose source was changed or reviewed after them (front-matter dates)',
  rationale:
    'A source edited after its translation may say something the translation does not yet: check the translation against the change and update its date.',
  defaultSeverity: 'info',
  defaultOptions: { keys: [] },
  optionsSchema: {
    keys: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      description: 'Front-matter keys holding when an article was last changed or reviewed, in order of preference. Empty: the stale-review keys, then lastmod, last_update, date.',
    },
  },
  scope: 'knowledge-base',
  acrossLocales: true,
  check({ kb, config, options, report }) {
    const layout = localeLayout(kb);
    if (!layout) return;
    const keys = options.keys.length ? options.keys : [...reviewDateKeys(config), 'lastmod', 'last_update', 'date'];
    for (const [file, source] of layout.sourceOf) {
      const translation = kb.byFile.get(file);
      if (!translation) continue;
      const sourceDate = reviewDate(source, keys);
      const ownDate = reviewDate(translation, keys);
      if (!sourceDate?.date || !ownDate?.date || sourceDate.date.getTime() <= ownDate.date.getTime()) continue;
      const line = ownDate.line;
      report({
        message: `the source (${layout.source}) was updated ${isoDay(sourceDate.date)}, after this translation (${isoDay(ownDate.date)}): check it against the source's changes`,
        file,
        line,
        column: 1,
        endLine: line,
        endColumn: (translation.lines[line - 1] ?? '').length + 1,
        related: [{ file: source.file, line: sourceDate.line, message: `the source: ${sourceDate.key} ${isoDay(sourceDate.date)}` }],
        data: { source: source.file, sourceDate: isoDay(sourceDate.date), translationDate: isoDay(ownDate.date) },
      });
    }
  },
};
