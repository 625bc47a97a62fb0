// A multilingual knowledge base audited as one knowledge base per locale: duplicates, conflicts,
// orphans, links and coverage are looked for within a locale, never between an article and its
// own translation. Each locale's knowledge base is built once per knowledge base object.
import { buildKnowledgeBase, type KnowledgeBase } from '../knowledgeBase';
import { memoize } from '../similarity/corpus';
import { detectLocales, routePath, type LocaleLayout } from './layout';

/** The locales of the knowledge base, or null when it has one (a locale's own knowledge base has one). */
export function localeLayout(kb: KnowledgeBase): LocaleLayout | null {
  if (kb.whole) return null;
  return memoize(kb, 'locale-layout', () => detectLocales(kb.site, kb.articles));
}

/** One knowledge base per locale, the source's first; the knowledge base itself when it has one locale. */
export function localeKnowledgeBases(kb: KnowledgeBase): KnowledgeBase[] {
  const layout = localeLayout(kb);
  if (!layout) return [kb];
  return memoize(kb, 'locale-kbs', () =>
    layout.locales.map((locale) => {
      const articles = layout.articles.get(locale)!;
      const keys = new Map(articles.map((a) => [a.file, routePath(layout, a)]));
      const source = locale === layout.source;
      // Files that could not be read belong to no locale: the source's knowledge base reports them.
      const part = buildKnowledgeBase(kb.root, articles, source ? kb.skipped : [], { ...kb.site, locale: { id: locale, source, keys } });
      part.whole = kb;
      return part;
    }),
  );
}

/** The knowledge base of the locale `file` is written in (the knowledge base itself when it has one locale). */
export function localeKnowledgeBaseOf(kb: KnowledgeBase, file: string): KnowledgeBase {
  const parts = localeKnowledgeBases(kb);
  if (parts.length === 1) return parts[0];
  return parts.find((part) => part.byFile.has(file)) ?? kb;
}
