// What a change to the knowledge base does: the findings it adds and fixes, and the sample
// questions the bot now handles differently. Two states of the docs (two folders, or two file
// systems mounted at the same folder, such as a git revision and the working tree) are audited
// with the same configuration and the same questions; the engine never asks where they came from.
import { relativeTo, runAudit, type RunAuditResult } from './audit';
import { fingerprintFindings, matchFindings, type FingerprintedFinding } from './baseline';
import { AuditCache } from './cache/auditCache';
import type { ResolvedConfig } from './config/config';
import type { FileSystem } from './fileSystem';
import { resolvePath } from './fileSystem';
import type { KnowledgeBase } from './knowledgeBase';
import { loadKnowledgeBase } from './knowledgeBase';
import type { Article, Finding, Severity } from './model';
import type { PreviewSummary, RoutedQuestion } from './routing/types';
import type { SyntaxOptions } from './parse/syntax';
import { compareCodePoints } from './walk';

/** One state of the docs: a file system and the docs folder in it. */
export interface DiffSide {
  fs: FileSystem;
  /** Absolute docs folder, `/` separators. */
  root: string;
}

export interface DiffOptions {
  config: ResolvedConfig;
  /**
   * Absolute path, on the HEAD side, of the sample questions file; both states are asked the
   * same questions. Undefined: the config's; null: none.
   */
  questions?: string | null;
  questionsDisplayName?: string;
  /** The CLI's on-disk cache, if any: articles parsed in an earlier run are not parsed again. */
  cache?: AuditCache;
  now?: Date;
  signal?: AbortSignal;
  workerScript?: string;
  jobs?: number;
}

/** Where a question went in one state. */
export interface QuestionRoute {
  decision: RoutedQuestion['decision'];
  file: string | null;
  heading: string | null;
  confidence: number;
}

export type QuestionChangeKind = 'now-escalates' | 'now-answered' | 'other-article' | 'other-section' | 'decision' | 'answer-text' | 'confidence';

export interface ChangedQuestion {
  question: string;
  before: QuestionRoute;
  after: QuestionRoute;
  why: string;
  kind: QuestionChangeKind;
  /** Line of the question in the questions file. */
  line?: number;
  /** The line of the answer's section in HEAD, for links. */
  afterLine?: number;
}

export interface SeverityCounts {
  error: number;
  warning: number;
  info: number;
}

export interface DecisionCounts {
  answered: number;
  clarify: number;
  escalated: number;
}

export interface DiffSummary {
  questions: { total: number; before: DecisionCounts; after: DecisionCounts; changed: number; nowEscalate: number; nowAnswered: number };
  findings: { new: SeverityCounts & { total: number }; fixed: SeverityCounts & { total: number } };
  articles: { added: number; removed: number; renamed: number; changed: number };
}

export interface ArticleChanges {
  added: string[];
  removed: string[];
  /** Same bytes under a new path. */
  renamed: Array<{ from: string; to: string }>;
  changed: string[];
}

export interface DiffResult {
  findings: { new: Finding[]; fixed: Finding[] };
  questions: { file: string | null; changed: ChangedQuestion[] };
  articles: ArticleChanges;
  summary: DiffSummary;
  /** The threshold of each state (the same unless the configuration calibrates it). */
  thresholds: { before: number | null; after: number | null };
}

/** One audited state, as the comparison reads it. */
export interface AuditedState {
  findings: Finding[];
  /** Articles by path, for fingerprints and to tell which articles changed. */
  articles: ReadonlyMap<string, Article>;
  /** The routed sample questions, in the questions file's order; null without questions. */
  questions: RoutedQuestion[] | null;
  threshold: number | null;
  questionsFile: string | null;
}

function countSeverities(findings: readonly Finding[]): SeverityCounts & { total: number } {
  const counts = { error: 0, warning: 0, info: 0, total: findings.length };
  for (const f of findings) counts[f.severity as Severity]++;
  return counts;
}

function countDecisions(results: readonly RoutedQuestion[] | null): DecisionCounts {
  const counts = { answered: 0, clarify: 0, escalated: 0 };
  for (const r of results ?? []) {
    if (r.decision === 'answer') counts.answered++;
    else if (r.decision === 'clarify') counts.clarify++;
    else counts.escalated++;
  }
  return counts;
}

/** Which articles were added, removed, renamed (the same bytes under another path) or edited. */
export function compareArticles(before: ReadonlyMap<string, Article>, after: ReadonlyMap<string, Article>): ArticleChanges {
  const added: string[] = [];
  const removed: string[] = [];
  const changed: string[] = [];
  for (const [file, article] of after) {
    const old = before.get(file);
    if (!old) added.push(file);
    else if (old.hash !== article.hash) changed.push(file);
  }
  for (const file of before.keys()) if (!after.has(file)) removed.push(file);
  // A removed and an added article with the same bytes: a rename (each pairs once).
  const removedByHash = new Map<string, string[]>();
  for (const file of removed) {
    const hash = before.get(file)!.hash;
    removedByHash.set(hash, [...(removedByHash.get(hash) ?? []), file]);
  }
  const renamed: ArticleChanges['renamed'] = [];
  for (const file of added) {
    const from = removedByHash.get(after.get(file)!.hash)?.shift();
    if (from) renamed.push({ from, to: file });
  }
  const movedFrom = new Set(renamed.map((r) => r.from));
  const movedTo = new Set(renamed.map((r) => r.to));
  const sort = (list: string[]) => list.sort(compareCodePoints);
  return {
    added: sort(added.filter((f) => !movedTo.has(f))),
    removed: sort(removed.filter((f) => !movedFrom.has(f))),
    renamed: renamed.sort((a, b) => compareCodePoints(a.to, b.to)),
    changed: sort(changed),
  };
}

function routeOf(r: RoutedQuestion): QuestionRoute {
  const answered = r.decision !== 'escalate' && r.answer;
  return { decision: r.decision, file: answered ? r.answer!.file : null, heading: answered ? r.answer!.heading : null, confidence: r.confidence };
}

function where(r: QuestionRoute): string {
  return r.file ? `${r.file} "${r.heading ?? ''}"` : 'nowhere';
}

/** Why a question is handled differently, or null when it is not. */
function questionChange(
  before: RoutedQuestion,
  after: RoutedQuestion,
  thresholds: { before: number | null; after: number | null },
  renames: ReadonlyMap<string, string>,
): { kind: QuestionChangeKind; why: string } | null {
  const b = routeOf(before);
  const a = routeOf(after);
  const conf = `confidence ${b.confidence.toFixed(2)} → ${a.confidence.toFixed(2)}`;
  if (b.decision !== 'escalate' && a.decision === 'escalate') {
    return { kind: 'now-escalates', why: `now escalates (${conf}): ${after.reason}` };
  }
  if (b.decision === 'escalate' && a.decision !== 'escalate') {
    return { kind: 'now-answered', why: `now ${a.decision === 'answer' ? 'answered' : 'clarified'} from ${where(a)} (${conf})` };
  }
  if (a.decision === 'escalate') {
    // Escalated both times: only the threshold crossing matters, and that is a decision change.
    return null;
  }
  const beforeFile = b.file ? (renames.get(b.file) ?? b.file) : null;
  if (beforeFile !== a.file) return { kind: 'other-article', why: `answered from another article: ${where(b)} → ${where(a)}` };
  if (b.heading !== a.heading) return { kind: 'other-section', why: `answered from another section of ${a.file}: "${b.heading}" → "${a.heading}"` };
  if (b.decision !== a.decision) {
    return { kind: 'decision', why: a.decision === 'clarify' ? `now asks which article is meant (${after.reason})` : `now answers without asking which article is meant (${conf})` };
  }
  if ((before.answer?.excerpt ?? '') !== (after.answer?.excerpt ?? '')) return { kind: 'answer-text', why: "the answer's text changed" };
  const tb = thresholds.before;
  const ta = thresholds.after;
  if (tb !== null && ta !== null && b.confidence >= tb !== a.confidence >= ta) return { kind: 'confidence', why: `confidence crossed the threshold (${conf})` };
  return null;
}

/** Compares two audited states: new and fixed findings, questions handled differently, articles changed. */
export function compareStates(before: AuditedState, after: AuditedState): DiffResult {
  const articles = compareArticles(before.articles, after.articles);
  const renames = new Map(articles.renamed.map((r) => [r.from, r.to]));
  // A renamed article's findings are the same findings: fingerprint them under the new path.
  const beforeFindings = before.findings.map((f) => (renames.has(f.file) ? { ...f, file: renames.get(f.file)! } : f));
  const original = new Map(beforeFindings.map((f, i) => [f, before.findings[i]]));
  const beforeArticles = (file: string) => before.articles.get([...renames].find(([, to]) => to === file)?.[0] ?? file);
  const previous = fingerprintFindings(beforeFindings, beforeArticles);
  const current = fingerprintFindings(after.findings, (file) => after.articles.get(file));
  const match = matchFindings<FingerprintedFinding>(current, previous);
  const added = match.added.map((item) => item.finding);
  const fixed = match.absent.map((item) => original.get(item.finding) ?? item.finding);

  const changed: ChangedQuestion[] = [];
  const thresholds = { before: before.threshold, after: after.threshold };
  const b = before.questions ?? [];
  const a = after.questions ?? [];
  if (before.questions && after.questions) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const change = questionChange(b[i], a[i], thresholds, renames);
      if (!change) continue;
      const entry: ChangedQuestion = { question: a[i].question, before: routeOf(b[i]), after: routeOf(a[i]), why: change.why, kind: change.kind };
      if (a[i].source) entry.line = a[i].source!.line;
      if (a[i].answer && a[i].decision !== 'escalate') entry.afterLine = a[i].answer!.line;
      changed.push(entry);
    }
  }
  return {
    findings: { new: added, fixed },
    questions: { file: after.questionsFile, changed },
    articles,
    thresholds,
    summary: {
      questions: {
        total: a.length,
        before: countDecisions(before.questions),
        after: countDecisions(after.questions),
        changed: changed.length,
        nowEscalate: changed.filter((c) => c.kind === 'now-escalates').length,
        nowAnswered: changed.filter((c) => c.kind === 'now-answered').length,
      },
      findings: { new: countSeverities(added), fixed: countSeverities(fixed) },
      articles: { added: articles.added.length, removed: articles.removed.length, renamed: articles.renamed.length, changed: articles.changed.length },
    },
  };
}

/**
 * Parsed articles shared between the two audits of a diff: an article with the same path and
 * bytes in both states is parsed once (and, with the CLI's --cache, not at all when an earlier
 * run parsed it). Findings are never reused across states.
 */
export class SharedArticleCache extends AuditCache {
  private readonly parsed = new Map<string, Article>();

  constructor(private readonly disk?: AuditCache) {
    super(disk?.dir ?? '', 'memory');
  }

  override async load(): Promise<void> {
    await this.disk?.load();
  }

  override article(file: string, hash: string, text: () => string, syntax?: SyntaxOptions): Article | undefined {
    const key = `${file}\u0000${hash}\u0000${JSON.stringify(syntax ?? null)}`;
    const seen = this.parsed.get(key);
    if (seen) {
      this.stats.hits++;
      return seen;
    }
    const stored = this.disk?.article(file, hash, text, syntax);
    if (stored) {
      this.stats.hits++;
      this.parsed.set(key, stored);
      return stored;
    }
    this.stats.misses++;
    return undefined;
  }

  override remember(article: Article, syntax?: SyntaxOptions): void {
    this.parsed.set(`${article.file}\u0000${article.hash}\u0000${JSON.stringify(syntax ?? null)}`, article);
    this.disk?.remember(article, syntax);
  }

  override async findings(): Promise<null> {
    return null;
  }

  override async save(): Promise<void> {
    // The on-disk cache keeps articles only: its findings belong to `audit`'s last run.
    await this.disk?.save();
  }
}

/** A file system that serves `bytes` at `path` and everything else from `fs`: HEAD's questions on the BASE side. */
export function withFile(fs: FileSystem, path: string, bytes: Uint8Array): FileSystem {
  return {
    ...fs,
    readFile: (p) => (p === path ? Promise.resolve(bytes) : fs.readFile(p)),
    stat: (p) => (p === path ? Promise.resolve({ type: 'file', size: bytes.length, mtimeMs: 0 }) : fs.stat(p)),
  };
}

async function audited(side: DiffSide, result: RunAuditResult, options: DiffOptions, cache: AuditCache): Promise<AuditedState> {
  const kb: KnowledgeBase = result.kb ?? (await loadKnowledgeBase(side.fs, side.root, options.config, { cache }));
  return {
    findings: result.findings,
    articles: kb.byFile,
    questions: result.questions?.preview.results ?? null,
    threshold: result.questions?.preview.summary.threshold ?? null,
    questionsFile: result.questions?.file ?? null,
  };
}

/** Audits BASE and HEAD and compares them. */
export async function runDiff(base: DiffSide, head: DiffSide, options: DiffOptions): Promise<DiffResult & { before: PreviewSummary | null; after: PreviewSummary | null }> {
  const questions = options.questions === undefined ? options.config.questions : options.questions;
  const cache = new SharedArticleCache(options.cache);
  let baseFs = base.fs;
  let baseQuestions: string | null = null;
  if (questions) {
    // The questions are HEAD's, asked of both states, under the same name relative to each docs folder.
    const bytes = await head.fs.readFile(questions).catch(() => null);
    baseQuestions = resolvePath(base.root, relativeTo(head.root, questions));
    if (bytes) baseFs = withFile(base.fs, baseQuestions, bytes);
  }
  const common = { now: options.now, signal: options.signal, workerScript: options.workerScript, jobs: options.jobs, questionsDisplayName: options.questionsDisplayName, cache };
  const headResult = await runAudit(head.fs, head.root, options.config, { ...common, questions: questions ?? null });
  const baseResult = await runAudit(baseFs, base.root, options.config, { ...common, questions: baseQuestions });
  const before = await audited({ fs: baseFs, root: base.root }, baseResult, options, cache);
  const after = await audited(head, headResult, options, cache);
  return { ...compareStates(before, after), before: baseResult.questions?.preview.summary ?? null, after: headResult.questions?.preview.summary ?? null };
}
