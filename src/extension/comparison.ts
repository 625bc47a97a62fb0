// What the views show of a comparison with a branch: which sample questions the bot now routes
// differently (decision, article or section), with "before → after", and which articles were
// added, edited, renamed or removed. Read from the core's DiffResult, the same one `kb-audit
// diff` reports. Free of the vscode module, so it is unit-tested in plain Node.
import type { ChangedQuestion, DiffResult, QuestionChangeKind, QuestionRoute } from '../core/diff';
import { relativeLinkTarget } from '../core/format/paths';
import { TRAILING_SLASHES } from '../core/fileSystem';

/** Changes of routing: where the bot sends the question, or whether it answers at all. */
const ROUTING_KINDS: ReadonlySet<QuestionChangeKind> = new Set(['now-escalates', 'now-answered', 'other-article', 'other-section', 'decision']);

export interface QuestionMark {
  kind: QuestionChangeKind;
  before: QuestionRoute;
  after: QuestionRoute;
  /** "answer refunds.md → escalate": short, for a tree item's description. */
  summary: string;
  /** Several lines: the base, before, after and why. */
  tooltip: string;
}

export type ArticleChange = 'added' | 'edited' | 'renamed';

export interface ArticleMark {
  change: ArticleChange;
  /** The path in the base, for a renamed article. */
  from?: string;
}

export interface Comparison {
  /** The revision as the user gave it (a branch name). */
  base: string;
  /** The revision and its commit, as the report names it: "main (3f2a9c1d0e)". */
  baseName: string;
  headName: string;
  headline: string;
  /** The Markdown report, as `kb-audit diff BASE --format markdown` writes it. */
  markdown: string;
  /** The file the report was written to (links relative to it), when one was. */
  reportUri?: string;
  diff: DiffResult;
  /** By question text: the sample questions routed differently. */
  questions: Map<string, QuestionMark>;
  /** By path in the working tree: articles added, edited or renamed. */
  articles: Map<string, ArticleMark>;
  /** Paths in the base of articles that are gone. */
  removed: string[];
}

/** "answer refunds.md", "clarify refunds.md › Refund time", "escalate". */
export function describeRoute(route: QuestionRoute, withHeading = false): string {
  if (!route.file || route.decision === 'escalate') return route.decision;
  return `${route.decision} ${route.file}${withHeading && route.heading ? ` › ${route.heading}` : ''}`;
}

/** The mark of one changed question, or null when its routing is the same (only its answer's text or confidence moved). */
export function questionMark(change: ChangedQuestion, baseName: string): QuestionMark | null {
  if (!ROUTING_KINDS.has(change.kind)) return null;
  // Within one article the section is what moved: name it on both sides.
  const withHeading = change.kind === 'other-section';
  const summary = `${describeRoute(change.before, withHeading)} → ${describeRoute(change.after, withHeading)}`;
  const side = (r: QuestionRoute) => `${describeRoute(r, true)} (confidence ${r.confidence.toFixed(2)})`;
  const tooltip = [`Routed differently from ${baseName}:`, `before: ${side(change.before)}`, `after: ${side(change.after)}`, change.why].join('\n');
  return { kind: change.kind, before: change.before, after: change.after, summary, tooltip };
}

/** The marks the views show for a comparison's result. */
export function comparisonOf(
  result: { diff: DiffResult; baseName: string; headName: string; headline: string; markdown: string; reportUri?: string },
  base: string,
): Comparison {
  const questions = new Map<string, QuestionMark>();
  for (const change of result.diff.questions.changed) {
    const mark = questionMark(change, result.baseName);
    if (mark && !questions.has(change.question)) questions.set(change.question, mark);
  }
  const articles = new Map<string, ArticleMark>();
  const { added, changed, renamed, removed } = result.diff.articles;
  for (const file of added) articles.set(file, { change: 'added' });
  for (const file of changed) articles.set(file, { change: 'edited' });
  for (const { from, to } of renamed) articles.set(to, { change: 'renamed', from });
  return { ...result, base, questions, articles, removed: [...removed] };
}

/** How a Knowledge Base item says what the comparison found: "edited since main". */
export function describeArticleMark(mark: ArticleMark, base: string): string {
  return mark.change === 'renamed' ? `renamed since ${base} (was ${mark.from})` : `${mark.change} since ${base}`;
}

/**
 * What the report's links start with, written to `reportDir`, so each is `base + file#Lline`:
 * the relative path to `docsRoot` (both absolute, `/` separators), which the Markdown preview
 * and the editor both follow; `docsUri/` when there is none (another drive).
 */
export function reportLinkBase(reportDir: string, docsRoot: string, docsUri: string): string {
  // A drive letter's case is not part of the path.
  const parts = (path: string) => path.split('/').filter(Boolean).map((part, i) => (i === 0 && /^[a-zA-Z]:$/.test(part) ? part.toLowerCase() : part));
  const from = parts(reportDir);
  const to = parts(docsRoot);
  const drive = (list: string[]) => (/^[a-z]:$/.test(list[0] ?? '') ? list[0] : '');
  if (drive(from) !== drive(to)) return `${docsUri.replace(TRAILING_SLASHES, '')}/`;
  let common = 0;
  while (common < from.length && common < to.length && from[common] === to[common]) common++;
  const path = [...from.slice(common).map(() => '..'), ...to.slice(common)].join('/');
  return path ? `${relativeLinkTarget(path)}/` : '';
}
