import type { Article, RelatedLocation, Section } from '../model';
import type { KnowledgeBase } from '../knowledgeBase';
import { isStopWord, stem } from '../similarity/text';
import { resolveLink } from './util/links';
import type { KnowledgeBaseRule } from './types';
import { isoDay } from './util/dates';
import { DEFAULT_NEAR_DUPLICATE, nearDuplicates, type NearDuplicateOptions } from './util/nearDuplicates';
import { reviewDateKeys } from './util/options';
import { headingRange, reviewDate, titleSection } from './util/sections';

const MAX_RELATED = 5;

function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/** Which copy was reviewed more recently, from the front-matter review dates. */
function recency(self: Article, other: Article, keys: string[]): string {
  const mine = reviewDate(self, keys)?.date ?? null;
  const theirs = reviewDate(other, keys)?.date ?? null;
  if (!mine && !theirs) return '';
  if (mine && theirs) {
    if (mine.getTime() === theirs.getTime()) return `; both reviewed ${isoDay(mine)}`;
    return mine > theirs
      ? `; this copy was reviewed more recently (${isoDay(mine)}; the other ${isoDay(theirs)})`
      : `; the other copy was reviewed more recently (${isoDay(theirs)}; this one ${isoDay(mine)})`;
  }
  return mine ? `; only this copy has a review date (${isoDay(mine)})` : `; only the other copy has a review date (${isoDay(theirs!)})`;
}

/** The same answer written twice (also reworded, reordered or lightly edited), within or across articles. */
export const nearDuplicate: KnowledgeBaseRule<NearDuplicateOptions> = {
  id: 'near-duplicate',
  description: 'Sections (or whole articles) that give the same answer twice, also when reworded, reordered or lightly edited',
  rationale:
    'Two copies of one answer drift apart: one gets corrected, the other keeps the old facts, and the bot picks either. Keep one copy, link to it from the other place, and check which one holds the current facts.',
  defaultSeverity: 'warning',
  defaultOptions: DEFAULT_NEAR_DUPLICATE,
  optionsSchema: {
    threshold: {
      type: 'number',
      minimum: 0.5,
      maximum: 1,
      description: 'Similarity (TF-IDF cosine of the section texts, 0.5–1) at or above which two sections are near-duplicates.',
    },
    minWords: { type: 'integer', minimum: 1, description: 'Sections with fewer words are not compared.' },
    articleShare: {
      type: 'number',
      minimum: 0,
      maximum: 1,
      description: 'When this share of both articles\' words is in sections that copy each other, the two articles are reported as a whole.',
    },
    variants: {
      type: 'boolean',
      description: 'Also report variants of one answer (pages or sections that differ only by platform, HTTP method, version or one word) as one info finding per group. Off by default: variants are never reported as duplicates either way.',
    },
  },
  scope: 'knowledge-base',
  check({ kb, config, options, report }) {
    const found = nearDuplicates(kb, config);
    const keys = reviewDateKeys(config);
    for (const copy of found.articles) {
      for (const [self, other] of [
        [copy.a, copy.b],
        [copy.b, copy.a],
      ]) {
        const title = titleSection(self);
        const otherTitle = titleSection(other);
        const range = title ? headingRange(self, title) : { line: 1, column: 1, endLine: 1, endColumn: 1 };
        const sections = self === copy.a ? copy.totalA : copy.totalB;
        report({
          ...range,
          message: `article is a near-copy of ${other.file} ("${other.title}"): ${copy.sections} of ${sections} sections match, ${percent(copy.similarity)} similar on average${recency(self, other, keys)}`,
          file: self.file,
          related: [{ file: other.file, line: otherTitle?.startLine ?? 1, message: `"${other.title}" (${percent(copy.similarity)} similar)` }],
          data: { similarity: Math.round(copy.similarity * 100) / 100, scope: 'article', other: other.file },
        });
      }
    }
    // Variants are told apart from copies either way; reporting them is a team's choice, off by
    // default: judged on real knowledge bases, per-platform pages were nearly always meant to be.
    for (const group of options.variants ? found.variants : []) {
      const [first, ...others] = group.members;
      const article = kb.byFile.get(first.file)!;
      const section = article.sections.find((s) => s.startLine === first.line);
      const range = section ? headingRange(article, section) : { line: first.line, column: 1, endLine: first.line, endColumn: 1 };
      const kind = group.platform ? 'platform variants' : 'variants';
      const what = group.scope === 'article' ? 'article' : 'section';
      const peers =
        others.length === 1
          ? `"${others[0].heading}" (${others[0].file === first.file ? `this article, line ${others[0].line}` : others[0].file})`
          : `${others.length} other ${what}s`;
      const alike = group.scope === 'article' ? `${group.sections} sections alike, ` : '';
      report({
        ...range,
        severity: 'info',
        message: `${what} "${first.heading}" and ${peers} are ${kind} of one answer (${group.words.join(', ')}), ${alike}${percent(group.similarity)} similar: keep the shared steps in one place and only what differs in each`,
        file: first.file,
        related: others.slice(0, MAX_RELATED).map((m) => ({ file: m.file, line: m.line, message: `"${m.heading}"` })),
        data: { similarity: Math.round(group.similarity * 100) / 100, scope: group.scope, variants: group.words.join(', '), members: group.members.length },
      });
    }
    for (const [section, allTwins] of found.twins) {
      // Two sections of one article under different headings were split by their author on
      // purpose (upgrade and downgrade, DELETE and UPDATE): alike, they are parallel procedures.
      // Within an article, a twin counts when the headings name the same thing.
      // The same heading under two parents of one page is a slot its template repeats ("422:
      // Unprocessable entity" under two endpoints), not a section written twice.
      // A section that links to its twin's article, or is linked from it, is a summary its
      // author wrote knowing of the fuller copy (an overview pointing to the reference entry).
      const twins = allTwins.filter(
        (t) =>
          (t.section.file !== section.file || (sameTopic(section.heading, t.section.heading) && !repeatedSlot(section.headingPath, t.section.headingPath))) &&
          !(t.section.file !== section.file && (linksTo(kb, section, t.section.file) || linksTo(kb, t.section, section.file))),
      );
      if (twins.length === 0) continue;
      const article = kb.byFile.get(section.file)!;
      const best = twins[0];
      const bestArticle = kb.byFile.get(best.section.file)!;
      const where = best.section.file === section.file ? `this article, line ${best.section.startLine}` : best.section.file;
      const more = twins.length > 1 ? ` (and ${twins.length - 1} more)` : '';
      const related: RelatedLocation[] = twins.slice(0, MAX_RELATED).map((t) => ({
        file: t.section.file,
        line: t.section.startLine,
        message: `"${t.section.heading}" (${percent(t.similarity)} similar)`,
      }));
      report({
        ...headingRange(article, section),
        message: `"${section.heading}" repeats "${best.section.heading}" in ${where}, ${percent(best.similarity)} similar${more}${best.section.file === section.file ? '' : recency(article, bestArticle, keys)}`,
        file: section.file,
        related,
        data: { similarity: Math.round(best.similarity * 100) / 100, scope: 'section', other: best.section.file, otherLine: best.section.startLine },
      });
    }
  },
};

/** The content words of one heading are all in the other ("Library access" and "Manage user library access"). */
function sameTopic(a: string, b: string): boolean {
  const terms = (heading: string) => new Set((heading.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !isStopWord(w)).map(stem));
  const [short, long] = [terms(a), terms(b)].sort((x, y) => x.size - y.size);
  return short.size > 0 && [...short].every((t) => long.has(t));
}

/** The same last heading under different parents: one slot of a page's template. */
function repeatedSlot(a: readonly string[], b: readonly string[]): boolean {
  const parent = (path: readonly string[]) => path.slice(0, -1).join('\u0000');
  return a.length > 1 && a[a.length - 1] === b[b.length - 1] && parent(a) !== parent(b);
}

/** Does the section link to the article `file`? */
function linksTo(kb: KnowledgeBase, section: Section, file: string): boolean {
  const from = kb.byFile.get(section.file);
  if (!from) return false;
  return section.links.some((link) => {
    const target = resolveLink(kb, from, link);
    return target.kind === 'article' && target.article.file === file;
  });
}
