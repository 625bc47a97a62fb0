import type { VersionHistory } from '../history';
import { localeLayout } from '../locale/scopes';
import type { Article } from '../model';
import type { KnowledgeBaseRule } from './types';
import { isoDay } from './util/dates';
import { reviewDateKeys } from './util/options';
import { reviewDate, titleLine } from './util/sections';

export interface StaleTranslationOptions {
  /** Front-matter keys holding when an article was last changed or reviewed, the first one present wins. */
  keys: string[];
  /** Whether version history (git commit times, when the caller read them) dates the pairs front matter does not. */
  history: boolean;
}

/** When one side of a pair was last changed, and the line that says so. */
interface Dated {
  date: Date;
  line: number;
  /** The front-matter key the date is from; undefined for a date from version history. */
  key?: string;
  /** Changes not recorded in the history yet: `date` is the audit's time. */
  uncommitted?: boolean;
}

/** The day, or the minute too when both dates fall on the same day (commits on one day differ by the minute). */
function when(date: Date, other: Date): string {
  return isoDay(date) === isoDay(other) ? `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC` : isoDay(date);
}

/** How a message names one side's date: `2026-03-02`, or `not committed yet`. */
function describe(side: Dated, other: Dated): string {
  if (side.key !== undefined) return isoDay(side.date);
  return side.uncommitted ? 'not committed yet' : when(side.date, other.date);
}


function fromHistory(history: VersionHistory, article: Article): Dated | null {
  const date = history.lastChanged(article.file);
  return date ? { date, line: titleLine(article), uncommitted: history.uncommitted?.(article.file) ?? false } : null;
}

/** Translations older than their source: the source was changed or reviewed after them. */
export const staleTranslation: KnowledgeBaseRule<StaleTranslationOptions> = {
  id: 'stale-translation',
  description: 'Translations whose source was changed or reviewed after them (front-matter dates, or git history)',
  rationale:
    'A source edited after its translation may say something the translation does not yet: check the translation against the change and update its date.',
  defaultSeverity: 'info',
  defaultOptions: { keys: [], history: true },
  optionsSchema: {
    keys: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      description: 'Front-matter keys holding when an article was last changed or reviewed, in order of preference. Empty: the stale-review keys, then lastmod, last_update, date.',
    },
    history: {
      type: 'boolean',
      description:
        'When front matter does not date both a translation and its source, compare when each was last committed (kb-audit reads git when the docs folder is in a repository). false: front-matter dates only.',
    },
  },
  scope: 'knowledge-base',
  acrossLocales: true,
  check({ kb, config, options, history, report }) {
    const layout = localeLayout(kb);
    if (!layout) return;
    const keys = options.keys.length ? options.keys : [...reviewDateKeys(config), 'lastmod', 'last_update', 'date'];
    for (const [file, source] of layout.sourceOf) {
      const translation = kb.byFile.get(file);
      if (!translation) continue;
      const sourceReview = reviewDate(source, keys);
      const ownReview = reviewDate(translation, keys);
      let sourceDate: Dated | null;
      let ownDate: Dated | null;
      let dates: string;
      if (sourceReview?.date && ownReview?.date) {
        // Dates someone wrote win: a review that changed nothing is recorded there and nowhere else.
        sourceDate = { date: sourceReview.date, line: sourceReview.line, key: sourceReview.key };
        ownDate = { date: ownReview.date, line: ownReview.line, key: ownReview.key };
        dates = 'front matter';
      } else if (history && options.history) {
        // Both sides from the history, never a typed day against the other side's commit time: a
        // day has no time of day, and a page's written date and its commits need not agree.
        sourceDate = fromHistory(history, source);
        ownDate = sourceDate && fromHistory(history, translation);
        dates = history.name;
      } else {
        continue;
      }
      // The same time says nothing about which came first: both changed in one commit, or a
      // shallow clone, whose files all look changed at its one commit.
      if (!sourceDate || !ownDate || sourceDate.date.getTime() <= ownDate.date.getTime()) continue;
      // Changed since, but back to what it was (a note added, then taken out): nothing to translate.
      if (sourceDate.key === undefined && history?.changedSince?.(source.file, ownDate.date) === false) continue;
      const line = ownDate.line;
      const changed = sourceDate.uncommitted ? 'has changes not committed yet' : `was ${sourceDate.key === undefined ? 'last changed' : 'updated'} ${describe(sourceDate, ownDate)}`;
      const sourceLabel = sourceDate.key !== undefined ? `${sourceDate.key} ${isoDay(sourceDate.date)}` : sourceDate.uncommitted ? 'changes not committed yet' : `last commit ${describe(sourceDate, ownDate)}`;
      report({
        message: `the source (${layout.source}) ${changed} (${dates}), after this translation (${describe(ownDate, sourceDate)}): check it against the source's changes`,
        file,
        line,
        column: 1,
        endLine: line,
        endColumn: (translation.lines.at(line - 1) ?? '').length + 1,
        related: [{ file: source.file, line: sourceDate.line, message: `the source: ${sourceLabel}` }],
        data: { source: source.file, sourceDate: isoDay(sourceDate.date), translationDate: isoDay(ownDate.date), dates },
      });
    }
  },
};
