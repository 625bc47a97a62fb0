// What a change to the knowledge base does: the findings it adds and fixes, and the sample
// questions the bot now handles differently. Two states of the docs (two folders, or two file
// systems mounted at the same folder, such as a git revision and the working tree) are audited
// with the same configuration and the same questions; the engine never asks where they came from.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { relativeTo, runAudit, type RunAuditResult } from './audit';
import { findingAnchors, fingerprintsFromAnchors, matchFindings, type FindingAnchor, type FingerprintedFinding } from './baseline';
import { AuditCache } from './cache/auditCache';
import type { Site } from './flavor';
import type { ResolvedConfig } from './config/config';
import type { FileSystem } from './fileSystem';
import { resolvePath } from './fileSystem';
import type { KnowledgeBase } from './knowledgeBase';
import { loadKnowledgeBase, readDocs, siteOf } from './knowledgeBase';
import { isMetaFile } from './flavor/meta';
import { historyDigest, recordingHistory, type VersionHistory } from './history';
import { walkDocs } from './walk';
import type { Article, Finding, Severity } from './model';
import type { PreviewSummary, RoutedQuestion } from './routing/types';
import type { SyntaxOptions } from './parse/syntax';
import { compareCodePoints } from './walk';
import type { OnProgress } from './progress';

/** A file system that can name a file's content without reading it (a git revision: the blob's id). */
export interface ContentAddressedFileSystem extends FileSystem {
  contentId(path: string): string | undefined;
}

/** One state of the docs: a file system and the docs folder in it. */
export interface DiffSide {
  fs: FileSystem | ContentAddressedFileSystem;
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
  /**
   * The CLI's on-disk cache, if any: articles parsed in an earlier run are not parsed again, and
   * a state of the docs audited by an earlier diff (same files, configuration, questions, day
   * and engine) is not audited again.
   */
  cache?: AuditCache;
  /** The engine's version and build, for the stored states' key: another build never trusts them. */
  engine?: string;
  now?: Date;
  signal?: AbortSignal;
  workerScript?: string;
  jobs?: number;
  /** Passed to each side's audit. */
  onProgress?: OnProgress;
  /**
   * When each side's files last changed, for stale-translation (a git revision's history, or the
   * working tree's): a translation the change leaves older than its source is a new finding.
   */
  history?: { base?: VersionHistory; head?: VersionHistory };
  /**
   * Audits BASE on another thread while this one audits HEAD, when both need auditing: the two
   * audits are independent, so on two cores a first diff takes about one audit's time. Given
   * BASE's questions file (its path on the BASE side and HEAD's bytes), it resolves to BASE's
   * state; aborting `signal` stops it.
   */
  auditBaseElsewhere?: AuditElsewhere;
}

/** The questions file as BASE is asked it: HEAD's bytes under BASE's path. */
export interface BaseQuestions {
  path: string;
  bytes: Uint8Array | null;
}

/** BASE's state, and how many of its articles came from the cache and how many were parsed. */
export type AuditElsewhere = (questions: BaseQuestions | null, signal: AbortSignal) => Promise<{ state: StoredState; hits: number; misses: number }>;

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
  /** `anchors[i]`: what `findings[i]` sits in, for its fingerprint. */
  anchors: FindingAnchor[];
  /** Each article's content hash by path, to tell which articles changed. */
  hashes: ReadonlyMap<string, string>;
  /** `fingerprints[i]`: `findings[i]`'s fingerprint and loose key under its own path, when already computed. */
  fingerprints?: Array<{ fingerprint: string; loose: string }>;
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
export function compareArticles(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): ArticleChanges {
  const added: string[] = [];
  const removed: string[] = [];
  const changed: string[] = [];
  for (const [file, hash] of after) {
    const old = before.get(file);
    if (old === undefined) added.push(file);
    else if (old !== hash) changed.push(file);
  }
  for (const file of before.keys()) if (!after.has(file)) removed.push(file);
  // A removed and an added article with the same bytes: a rename (each pairs once).
  const removedByHash = new Map<string, string[]>();
  for (const file of removed) {
    const hash = before.get(file)!;
    removedByHash.set(hash, [...(removedByHash.get(hash) ?? []), file]);
  }
  const renamed: ArticleChanges['renamed'] = [];
  for (const file of added) {
    const from = removedByHash.get(after.get(file)!)?.shift();
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
  const articles = compareArticles(before.hashes, after.hashes);
  const renames = new Map(articles.renamed.map((r) => [r.from, r.to]));
  // A renamed article's findings are the same findings: fingerprint them under the new path.
  const beforeFindings = before.findings.map((f) => (renames.has(f.file) ? { ...f, file: renames.get(f.file)! } : f));
  const original = new Map(beforeFindings.map((f, i) => [f, before.findings[i]]));
  // Fingerprints stored with a state stand unless a rename moved its findings to another path.
  const stored = (state: AuditedState, findings: Finding[]) =>
    state.fingerprints?.length === findings.length ? findings.map((finding, i) => ({ finding, ...state.fingerprints![i] })) : fingerprintsFromAnchors(findings, state.anchors);
  const previous = renames.size ? fingerprintsFromAnchors(beforeFindings, before.anchors) : stored(before, beforeFindings);
  const current = stored(after, after.findings);
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
 * bytes in both states is parsed once. With the CLI's cache, articles come from the audit's
 * cache folder too (read only: its stored findings belong to `audit`), and those this diff
 * parsed are kept in a folder of the diff's own. Findings are never reused across states.
 */
export class SharedArticleCache extends AuditCache {
  private readonly parsed = new Map<string, Article>();

  /**
   * @param own the diff's own cache folder: read, and written on save
   * @param shared the audit's cache: read only
   */
  constructor(
    private readonly own?: AuditCache,
    private readonly shared?: AuditCache,
  ) {
    super(own?.dir ?? '', 'memory');
  }

  /**
   * Reads the diff's own stored articles, and the audit's only when some wanted file is in
   * neither those nor the articles already parsed: after the first diff, the diff's own folder
   * usually has them all, and reading a second large cache would be wasted.
   */
  override async load(wanted?: ReadonlyArray<{ file: string; hash: string }>, syntax?: SyntaxOptions): Promise<void> {
    await this.own?.load();
    const key = (file: string, hash: string) => `${file}\u0000${hash}\u0000${JSON.stringify(syntax ?? null)}`;
    const missing = !wanted || wanted.some(({ file, hash }) => !this.parsed.has(key(file, hash)) && !this.own?.has(file, hash, syntax));
    if (missing) await this.shared?.load();
  }

  override article(file: string, hash: string, text: () => string, syntax?: SyntaxOptions): Article | undefined {
    const key = `${file}\u0000${hash}\u0000${JSON.stringify(syntax ?? null)}`;
    const seen = this.parsed.get(key);
    if (seen) {
      this.stats.hits++;
      return seen;
    }
    const stored = this.own?.article(file, hash, text, syntax) ?? this.shared?.article(file, hash, text, syntax);
    if (stored) {
      this.stats.hits++;
      this.parsed.set(key, stored);
      // Kept in the diff's own folder for the next run, whichever folder it came from.
      this.own?.remember(stored, syntax);
      return stored;
    }
    this.stats.misses++;
    return undefined;
  }

  override remember(article: Article, syntax?: SyntaxOptions): void {
    this.parsed.set(`${article.file}\u0000${article.hash}\u0000${JSON.stringify(syntax ?? null)}`, article);
    this.own?.remember(article, syntax);
  }

  override async findings(): Promise<null> {
    return null;
  }

  override async save(): Promise<void> {
    // Each audit of the diff would save; the diff saves once, at the end (persist).
  }

  /** Writes the articles of both states to the diff's own folder. */
  async persist(): Promise<void> {
    await this.own?.save();
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

/** A state as the comparison needs it, from an audit that parsed (or from the articles it left in the cache). */
export async function auditState(
  side: DiffSide,
  questionsPath: string | null,
  options: Pick<DiffOptions, 'config' | 'now' | 'signal' | 'workerScript' | 'jobs' | 'questionsDisplayName' | 'onProgress'>,
  cache: AuditCache,
  history?: VersionHistory,
): Promise<StoredState> {
  const { config, now, signal, workerScript, jobs, questionsDisplayName, onProgress } = options;
  const recorded = history ? recordingHistory(history) : undefined;
  const result = await runAudit(side.fs, side.root, config, { now, signal, workerScript, jobs, questionsDisplayName, onProgress, cache, questions: questionsPath, history: recorded?.history });
  const state = await audited(side, result, config, cache);
  // The findings depend on the history only when a rule asked: only then must a stored state's history match.
  if (recorded?.consulted()) state.historyDigest = historyDigest(history);
  return state;
}

async function audited(side: DiffSide, result: RunAuditResult, config: ResolvedConfig, cache: AuditCache): Promise<StoredState> {
  const kb: KnowledgeBase = result.kb ?? (await loadKnowledgeBase(side.fs, side.root, config, { cache }));
  const anchors = findingAnchors(result.findings, (file) => kb.byFile.get(file));
  return {
    findings: result.findings,
    anchors,
    fingerprints: fingerprintsFromAnchors(result.findings, anchors).map(({ fingerprint, loose }) => ({ fingerprint, loose })),
    hashes: new Map(kb.articles.map((a) => [a.file, a.hash])),
    questions: result.questions?.preview.results ?? null,
    threshold: result.questions?.preview.summary.threshold ?? null,
    questionsFile: result.questions?.file ?? null,
    summary: result.questions?.preview.summary ?? null,
  };
}

/** An audited state with its questions' summary, as kept between diffs. */
export interface StoredState extends AuditedState {
  summary: PreviewSummary | null;
  /** The digest of the version history the findings were reached with, when a rule read it. */
  historyDigest?: string;
}

/** Bumped whenever a stored state changes shape. */
const STATES_FORMAT = 1;
const STATES_FOLDER = 'states';
/** States kept: a base branch, a few heads. */
const STATES_KEPT = 6;

/**
 * Audited states of the docs from earlier diffs, one file each, named by a key over everything
 * the findings and the routing depend on (engine, configuration, site, day, every article's
 * bytes, the questions' bytes): the base branch's state is audited once, not on every push.
 * Kept in the diff's cache folder; unreadable or stale means absent.
 */
class DiffStateStore {
  private readonly written: string[] = [];

  constructor(private readonly dir: string) {}

  private file(key: string): string {
    return join(this.dir, STATES_FOLDER, `${key}.v8`);
  }

  async get(key: string): Promise<StoredState | undefined> {
    try {
      const pack = deserialize(await readFile(this.file(key))) as { format?: unknown; key?: unknown; state?: StoredState };
      const state = pack.state;
      if (pack.format !== STATES_FORMAT || pack.key !== key || !state) return undefined;
      if (Array.isArray(state.findings) && Array.isArray(state.anchors) && state.anchors.length === state.findings.length && state.hashes instanceof Map) {
        // Touched, so the states pruned are the ones unused longest.
        await utimes(this.file(key), new Date(), new Date()).catch(() => undefined);
        return state;
      }
    } catch {
      // Not stored, or damaged: audit afresh.
    }
    return undefined;
  }

  async put(key: string, state: StoredState): Promise<void> {
    const path = this.file(key);
    const temporary = `${path}.${process.pid}.tmp`;
    try {
      await mkdir(join(this.dir, STATES_FOLDER), { recursive: true });
      await writeFile(temporary, serialize({ format: STATES_FORMAT, key, state }));
      await rename(temporary, path);
      this.written.push(key);
      await this.prune();
    } catch {
      // Only ever a speed-up.
      await rm(temporary, { force: true }).catch(() => undefined);
    }
  }

  /** Keeps the STATES_KEPT states used most recently. */
  private async prune(): Promise<void> {
    const folder = join(this.dir, STATES_FOLDER);
    const names = (await readdir(folder)).filter((n) => n.endsWith('.v8'));
    if (names.length <= STATES_KEPT) return;
    const dated = await Promise.all(names.map(async (n) => ({ n, t: (await stat(join(folder, n))).mtimeMs })));
    dated.sort((a, b) => b.t - a.t);
    for (const { n } of dated.slice(STATES_KEPT)) await rm(join(folder, n), { force: true });
  }
}

/** What of the site the findings depend on, as JSON (its navigation holds sets). */
function siteKey(site: Site): unknown {
  const nav = site.navigation;
  return { ...site, navigation: { all: nav.all, files: [...nav.files].sort(), folders: [...nav.folders].sort(), routes: [...nav.routes].sort() } };
}

/**
 * The key of one state: every file's content hash (read and hashed, no parsing; or, for a git
 * revision, the blob ids, so nothing is read at all), and the questions asked of it.
 */
async function stateKey(side: DiffSide, options: DiffOptions, questionsPath: string | null): Promise<string> {
  const h = createHash('sha1');
  const day = (options.now ?? new Date()).toISOString().slice(0, 10);
  const config = options.config;
  const header = (site: Site) => `${STATES_FORMAT}\u0000${options.engine ?? ''}\u0000${day}\u0000${JSON.stringify(config)}\u0000${JSON.stringify(siteKey(site))}\u0000`;
  if ('contentId' in side.fs) {
    const fs = side.fs;
    const site = await siteOf(fs, side.root, config);
    const walked = await walkDocs(fs, side.root, { include: config.include, exclude: config.exclude, maxFileSize: config.maxFileSize, signal: options.signal });
    const named = new Set(config.include.filter((p) => !/[*?[\]{}!]/.test(p)));
    h.update(`blobs\u0000${header(site)}`);
    for (const f of walked.files) {
      if (!named.has(f.file) && isMetaFile(f.file, site, side.root)) continue;
      h.update(`${f.file}\u0000${fs.contentId(f.path) ?? ''}\u0000`);
    }
    h.update(JSON.stringify(walked.skipped));
  } else {
    const docs = await readDocs(side.fs, side.root, config, { signal: options.signal });
    h.update(header(docs.site));
    for (const f of docs.files) h.update(`${f.file}\u0000${f.hash}\u0000`);
    h.update(JSON.stringify(docs.skipped));
  }
  if (questionsPath) {
    const bytes = await side.fs.readFile(questionsPath).catch(() => new Uint8Array());
    h.update(`\u0000${relativeTo(side.root, questionsPath)}\u0000`);
    h.update(bytes);
  }
  return h.digest('hex');
}

/** Audits BASE and HEAD and compares them. */
/** What runDiff gives: the comparison, each state's questions summary, and what was reused. */
export interface RunDiffResult extends DiffResult {
  before: PreviewSummary | null;
  after: PreviewSummary | null;
  /** States taken from an earlier diff (0–2). */
  reused: number;
  /** Articles of both states taken from the cache (or parsed once for both) and articles parsed, when no state was reused. */
  articleCache: { reused: number; parsed: number };
}

export async function runDiff(base: DiffSide, head: DiffSide, options: DiffOptions): Promise<RunDiffResult> {
  const questions = options.questions === undefined ? options.config.questions : options.questions;
  // The diff's own folder inside the cache folder: the audit's stored findings are left alone.
  const own = options.cache && options.engine ? new AuditCache(join(options.cache.dir, 'diff'), options.engine) : undefined;
  const cache = new SharedArticleCache(own, options.cache);
  let baseFs = base.fs;
  let baseQuestions: BaseQuestions | null = null;
  if (questions) {
    // The questions are HEAD's, asked of both states, under the same name relative to each docs folder.
    const bytes = await head.fs.readFile(questions).catch(() => null);
    baseQuestions = { path: resolvePath(base.root, relativeTo(head.root, questions)), bytes };
    if (bytes) baseFs = withFile(base.fs, baseQuestions.path, bytes);
  }
  const baseSide = { fs: baseFs, root: base.root };
  const store = own ? new DiffStateStore(own.dir) : null;
  const headKey = store ? await stateKey(head, options, questions ?? null) : '';
  const baseKey = store ? await stateKey(baseSide, options, baseQuestions?.path ?? null) : '';
  // A stored state whose findings read the history stands only while the history is the same.
  const standing = (state: StoredState | undefined, history: VersionHistory | undefined) =>
    state && (state.historyDigest === undefined || state.historyDigest === historyDigest(history)) ? state : undefined;
  let after = standing(await store?.get(headKey), options.history?.head);
  let before = standing(await store?.get(baseKey), options.history?.base);
  const reused = (after ? 1 : 0) + (before ? 1 : 0);
  const here = (side: DiffSide, questionsPath: string | null) => auditState(side, questionsPath, options, cache, side === head ? options.history?.head : options.history?.base);
  if (!after && !before && options.auditBaseElsewhere) {
    // Both states to audit: BASE on the other thread meanwhile.
    const stop = new AbortController();
    const elsewhere = options.auditBaseElsewhere(baseQuestions, stop.signal);
    try {
      after = await here(head, questions ?? null);
    } catch (error) {
      stop.abort();
      await elsewhere.catch(() => undefined);
      throw error;
    }
    const other = await elsewhere;
    before = other.state;
    cache.stats.hits += other.hits;
    cache.stats.misses += other.misses;
    await store?.put(headKey, after);
    await store?.put(baseKey, before);
  }
  if (!after) {
    after = await here(head, questions ?? null);
    await store?.put(headKey, after);
  }
  if (!before) {
    before = await here(baseSide, baseQuestions?.path ?? null);
    await store?.put(baseKey, before);
  }
  await cache.persist();
  const articleCache = { reused: cache.stats.hits, parsed: cache.stats.misses };
  return { ...compareStates(before, after), before: before.summary, after: after.summary, reused, articleCache };
}
