// The By article tab: for each article and section, the sample questions routed there.
import type { ArticleView, RoutedView } from '../shared/messages';
import { confidenceText, decisionBadge, h } from './dom';
import { post } from './host';

export interface ArticlesPanel {
  element: HTMLElement;
  setData(articles: ArticleView[], results: RoutedView[]): void;
}

export function createArticlesPanel(onShowSection: (sectionId: string) => void): ArticlesPanel {
  const list = h('div', { class: 'articles' });
  const element = h('div', { class: 'articles-panel' }, list);
  return {
    element,
    setData(articles, results) {
      const bySection = new Map<string, RoutedView[]>();
      for (const r of results) {
        if (!r.sectionId || r.decision === 'escalate') continue;
        let rs = bySection.get(r.sectionId);
        if (!rs) bySection.set(r.sectionId, (rs = []));
        rs.push(r);
      }
      const escalated = results.filter((r) => r.decision === 'escalate').length;
      list.replaceChildren(
        h('p', { class: 'muted' }, `${escalated} question${escalated === 1 ? '' : 's'} escalated (not routed to any article).`),
        ...articles.map((article) => {
          const total = article.sections.reduce((n, s) => n + (bySection.get(s.id)?.length ?? 0), 0);
          return h(
            'details',
            { class: 'article', open: total > 0 },
            h('summary', {}, h('span', { class: 'title' }, article.title), ' ', h('span', { class: 'muted' }, `${article.file} · ${total} question${total === 1 ? '' : 's'}`)),
            h(
              'ul',
              { class: 'sections' },
              ...article.sections.map((section) => {
                const routed = bySection.get(section.id) ?? [];
                return h(
                  'li',
                  { class: `level-${section.level}` },
                  h(
                    'button',
                    { type: 'button', class: 'link', onclick: () => post({ type: 'open', file: article.file, line: section.line }) },
                    section.heading,
                  ),
                  ' ',
                  routed.length
                    ? h(
                        'button',
                        { type: 'button', class: 'link muted', 'aria-label': `Show the ${routed.length} questions routed to ${section.heading}`, onclick: () => onShowSection(section.id) },
                        `${routed.length} routed`,
                      )
                    : h('span', { class: 'muted' }, 'no questions'),
                  routed.length
                    ? h(
                        'ul',
                        { class: 'routed' },
                        ...routed.map((r) => h('li', {}, decisionBadge(r.decision), ' ', r.question, ' ', h('span', { class: 'muted' }, confidenceText(r.confidence)))),
                      )
                    : null,
                );
              }),
            ),
          );
        }),
      );
    },
  };
}
