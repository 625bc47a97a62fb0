import { compareTranslation } from '../locale/drift';
import { localeLayout } from '../locale/scopes';
import type { KnowledgeBaseRule } from './types';

/** Translations that state something other than their source: a figure, a link, a step, an outline. */
export const translationDrift: KnowledgeBaseRule<Record<string, never>> = {
  id: 'translation-drift',
  description: 'Translations that differ from their source in what does not depend on language: figures, dates, links, emails, phone numbers, code, steps and sections',
  rationale:
    'A bot answering in German reads the German article: if it still says 14 days after the source moved to 30, or lacks the step added last month, German customers get the old answer. Bring the translation up to date with its source.',
  defaultSeverity: 'warning',
  defaultOptions: {},
  optionsSchema: {},
  scope: 'knowledge-base',
  acrossLocales: true,
  check({ kb, report }) {
    const layout = localeLayout(kb);
    if (!layout) return;
    for (const [file, source] of layout.sourceOf) {
      const translation = kb.byFile.get(file);
      if (!translation) continue;
      const locale = layout.localeOf.get(file)!;
      const from = `the source (${layout.source})`;
      for (const drift of compareTranslation(source, translation, layout.locales, kb.site.siteUrls)) {
        const line = drift.translation.line;
        const text = translation.lines.at(line - 1) ?? '';
        report({
          message: drift.message.replace('the source', from),
          file,
          line,
          column: 1,
          endLine: line,
          endColumn: text.length + 1,
          related: [{ file: source.file, line: drift.source.line, message: `the source (${layout.source}): ${drift.source.text.split('\n')[0].slice(0, 120)}` }],
          data: { kind: drift.kind, locale, source: source.file },
        });
      }
    }
  },
};
