import { localeName } from '../locale/codes';
import { localeLayout } from '../locale/scopes';
import type { KnowledgeBaseRule } from './types';
import { titleLine } from './util/sections';

/** Articles of the source with no version in a locale the knowledge base has: once per locale. */
export const missingTranslation: KnowledgeBaseRule<Record<string, never>> = {
  id: 'missing-translation',
  description: 'Source articles with no version in a locale the knowledge base is translated into, counted once per locale',
  rationale:
    'A customer writing in that language gets no answer from the bot, or one from another article, for every topic not translated. Translate the articles customers ask about most first.',
  defaultSeverity: 'info',
  defaultOptions: {},
  optionsSchema: {},
  scope: 'knowledge-base',
  acrossLocales: true,
  check({ kb, report }) {
    const layout = localeLayout(kb);
    if (!layout) return;
    const sources = layout.articles.get(layout.source) ?? [];
    const drafts = (a: (typeof sources)[number]) => a.frontMatter?.data.draft === true;
    const published = sources.filter((a) => !drafts(a));
    for (const locale of layout.locales) {
      if (locale === layout.source) continue;
      const own = layout.articles.get(locale) ?? [];
      const translated = new Set(own.map((a) => layout.sourceOf.get(a.file)?.file));
      const missing = published.filter((a) => !translated.has(a.file));
      if (missing.length === 0) continue;
      // Said at the locale's home page (its first article when it has none).
      const home = own.find((a) => /^(?:\u0000docs\/)?(?:_index|index|readme)$/i.test(layout.keyOf.get(a.file) ?? '')) ?? own[0];
      const line = titleLine(home);
      report({
        message: `${missing.length} of ${published.length} articles have no ${localeName(locale)} (${locale}) version`,
        file: home.file,
        line,
        column: 1,
        endLine: line,
        endColumn: (home.lines.at(line - 1) ?? '').length + 1,
        related: missing.slice(0, 20).map((a) => ({ file: a.file, line: 1, message: `no ${locale} version of "${a.title}"` })),
        data: { locale, missing: missing.length, articles: published.length },
      });
    }
  },
};
