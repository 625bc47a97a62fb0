import picomatch from 'picomatch';
import type { KnowledgeBaseRule } from './types';
import { resolveLink } from './util/links';
import { titleSection } from './util/sections';

export interface OrphanArticleOptions {
  /** Entry points that nothing needs to link to. */
  ignore: string[];
}

/** Articles no other article links to: often forgotten, so rarely updated. */
export const orphanArticle: KnowledgeBaseRule<OrphanArticleOptions> = {
  id: 'orphan-article',
  description: 'Articles no other article links to',
  rationale:
    'An article nothing links to is usually one nobody maintains: the bot still answers from it, with whatever it said when it was forgotten. Link it from its topic\'s index, merge it into a maintained article, or delete it.',
  defaultSeverity: 'info',
  defaultOptions: { ignore: ['index.md', '**/index.md', 'README.md', '**/README.md', 'readme.md', '**/readme.md', '_index.md', '**/_index.md'] },
  optionsSchema: {
    ignore: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      description: 'Globs of entry-point articles that need no incoming link (index pages).',
    },
  },
  scope: 'knowledge-base',
  check({ kb, options, report }) {
    const linked = new Set<string>();
    for (const article of kb.articles) {
      for (const section of article.sections) {
        for (const link of section.links) {
          const target = resolveLink(kb, article, link);
          if (target.kind === 'article' && target.article !== article) linked.add(target.article.file);
        }
      }
    }
    // A KB whose articles never link to each other has no orphans, only a different style.
    if (linked.size === 0) return;
    const ignored = picomatch(options.ignore, { dot: true });
    for (const article of kb.articles) {
      if (linked.has(article.file) || ignored(article.file)) continue;
      const title = titleSection(article);
      const line = title?.startLine ?? 1;
      const text = article.lines[line - 1] ?? '';
      report({
        message: `no other article links to "${article.title}": customers browsing cannot reach it, and it is easily forgotten`,
        file: article.file,
        line,
        column: 1,
        endLine: line,
        endColumn: text.length + 1,
      });
    }
  },
};
