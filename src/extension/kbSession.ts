// One docs folder held in memory between audits: the parsed knowledge base, its findings by
// file, the search index and the preview of the sample questions. An edit re-parses only the
// changed article and re-runs only the article rules on it; the rules that compare articles
// and the index catch up later (see recheck). With an AuditEngine (a worker thread in the
// extension) the parse, the rules, the index and the preview run off the caller's thread:
// this side reads the files, hands them to the engine as it goes, and keeps the articles the
// engine sends back, which is what the editor shows. Free of the vscode module: the
// incremental benchmark and unit tests drive it in plain Node.
import {
  auditKnowledgeBase,
  articleRuleSteps,
  checkArticle,
  compareFindings,
  routeSampleQuestions,
  withoutIndex,
  type AuditOptions,
  type AuditQuestionsReport,
  type AuditStats,
  type RoutingEmbeddings,
} from '../core/audit';
import type { ResolvedConfig } from '../core/config/config';
import { errorMessage, type FileSystem } from '../core/fileSystem';
import type { Site } from '../core/flavor';
import { buildKnowledgeBase, listedBytes, parseDocs, readDocs, siteOf, siteSyntax, walkConfigured, type KnowledgeBase, type ReadDocs } from '../core/knowledgeBase';
import type { Article, Finding, Section, SkippedFile } from '../core/model';
import { normalizeLocale } from '../core/locale/codes';
import { localeLayout } from '../core/locale/scopes';
import { decodeText } from '../core/parse/decode';
import { parseArticle, withFileText } from '../core/parse/markdown';
import { findRule } from '../core/rules';
import { decodeQuestions, parseQuestions, questionIndexes, questionsByIndex, QuestionsError } from '../core/routing/questions';
import { cacheIdentity, Embedder, embeddingsSettings, embedIndex, type EmbeddingsOutcome, type VectorStorage } from '../core/routing/embeddings';
import { SearchIndex } from '../core/routing/searchIndex';
import { DEFAULT_THRESHOLD, previewQuestions, routeQuestion, summarize } from '../core/routing/simulator';
import type { PreviewResult, RoutedQuestion, SampleQuestion } from '../core/routing/types';
import { compareCodePoints } from '../core/walk';
import type { RoutedView, SweepPoint } from '../shared/messages';
import { sweepThresholds } from '../shared/sweep';
import type { AuditEngine, EngineAudit, EngineFile, EngineQuestions, HistorySource, ReadReply } from './auditEngine';

/** The sample questions routed through the knowledge base. */
export interface PreviewState {
  questions: SampleQuestion[];
  /** At the configured threshold. */
  preview: PreviewResult;
  /** The same questions at threshold 0: every other threshold's decisions follow from it. */
  atZero: RoutedQuestion[];
  sweep: SweepPoint[];
  /** Per section id: how many questions the bot answers from it, and how many it asks to clarify. */
  bySection: Map<string, { answered: number; clarify: number }>;
  /** routing.embeddings: what was sent, or why the built-in routing was used. */
  embeddings?: EmbeddingsOutcome;
}

/**
 * What a session needs to use routing.embeddings, as plain data (it crosses to the worker): the
 * key from the editor's secret storage, and a folder for the vectors where there is a disk.
 * Absent: embeddings are off (Restricted Mode, or not configured).
 */
export interface EmbeddingsAccess {
  apiKey?: string;
  cacheDir?: string;
}

let vectorStorageFactory: ((dir: string, identity: string) => VectorStorage) | undefined;

/** Where sessions keep vectors on disk (the desktop's node:fs); without it, in memory for the session's life. */
export function useVectorStorage(factory: (dir: string, identity: string) => VectorStorage): void {
  vectorStorageFactory = factory;
}

/** The embedder routing.embeddings asks for, when access is given. */
function sessionEmbedder(config: ResolvedConfig, access: EmbeddingsAccess | undefined): Embedder | undefined {
  const settings = access ? embeddingsSettings(config.routing.embeddings) : null;
  if (!settings || !access) return undefined;
  const storage = access.cacheDir && vectorStorageFactory ? vectorStorageFactory(access.cacheDir, cacheIdentity(settings)) : undefined;
  return new Embedder(settings, { apiKey: access.apiKey, storage });
}

/** Questions routed between two yields to the event loop. */
const PREVIEW_SLICE = 20;

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function isArticleScoped(finding: Finding): boolean {
  return findRule(finding.ruleId)?.scope === 'article';
}

function groupByFile(findings: Finding[]): Map<string, Finding[]> {
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    let list = byFile.get(f.file);
    if (!list) byFile.set(f.file, (list = []));
    list.push(f);
  }
  return byFile;
}

/** Stages of a load, for progress and for tests that act between them. */
export type LoadPhase = 'walked' | 'read' | 'audited';

export interface SessionLoadOptions extends AuditOptions {
  /** Runs the rules, the index and the preview (a worker thread); absent: in this thread. */
  engine?: AuditEngine;
  /** Called as the load passes each stage, with the number of files listed. */
  onPhase?: (phase: LoadPhase, files: number) => void;
  /** routing.embeddings may be used, with this key and cache. */
  embeddingsAccess?: EmbeddingsAccess;
  /** Where the engine may read the docs' git history (a desktop host, a trusted workspace). */
  historySource?: HistorySource;
  /**
   * The docs are on this machine's disk, and the engine can read them itself (the desktop's
   * worker): the path on disk of a path the walk lists. The walk stays on this side.
   */
  diskPath?: (path: string) => string;
}

/** Markdown bytes sent to the engine per parse request: each is cloned, and read on either side, in one go. */
const PARSE_BATCH_BYTES = 1 << 20;

/**
 * Hands the files to the engine to parse as they are read, about a megabyte at a time, and
 * joins each article it sends back to its file's text (see withFileText): this thread never
 * parses the folder, and the engine parses while the files are still being read.
 */
class EngineParser {
  private batch: EngineFile[] = [];
  private batchBytes = 0;
  private readonly replies: Promise<void>[] = [];
  private readonly received = new Map<string, Article>();
  private failure: { error: unknown } | undefined;
  /** The whole folder's size, once listed (the worker's heap is sized from it). */
  docsBytes = 0;

  constructor(
    private readonly engine: AuditEngine,
    private readonly site: Site,
    private readonly signal: AbortSignal | undefined,
  ) {}

  add(file: EngineFile): void {
    this.batch.push(file);
    this.batchBytes += file.bytes.byteLength;
    if (this.batchBytes >= PARSE_BATCH_BYTES) this.send();
  }

  /** Sends the files added since the last request (before the load: the engine answers requests in order). */
  send(): void {
    if (this.batch.length === 0) return;
    const files = this.batch;
    this.batch = [];
    this.batchBytes = 0;
    const reply = this.engine.parse({ kind: 'parse', site: this.site, files, docsBytes: this.docsBytes }, this.signal).then((articles) => {
      if (articles.length !== files.length) throw new Error(`the audit worker parsed ${articles.length} of ${files.length} files`);
      for (const [i, article] of articles.entries()) {
        if (article.file !== files[i].file) throw new Error(`the audit worker sent ${article.file} for ${files[i].file}`);
        this.received.set(article.file, withFileText(article, decodeText(files[i].bytes).text));
      }
    });
    // Reported by articles(): until then a failure is nobody's to handle.
    this.replies.push(reply.catch((error: unknown) => void (this.failure ??= { error })));
  }

  /** Once the engine has answered every request, each file's article, in the order of `files`. */
  async articles(files: readonly { file: string }[]): Promise<Article[]> {
    await Promise.all(this.replies);
    if (this.failure) throw this.failure.error;
    return files.map(({ file }) => {
      const article = this.received.get(file);
      if (!article) throw new Error(`the audit worker sent no article for ${file}`);
      return article;
    });
  }
}

/**
 * Has the engine read the walked files from disk and parse them, about a megabyte at a time:
 * each article joined to the text of the bytes it was parsed from, in the order of `files`, and
 * the files that could not be read.
 */
async function readOnEngine(
  engine: AuditEngine,
  site: Site,
  files: readonly { path: string; file: string; size: number }[],
  diskPath: (path: string) => string,
  options: SessionLoadOptions,
): Promise<{ articles: Article[]; skipped: SkippedFile[] }> {
  const docsBytes = listedBytes(files);
  const requests: Promise<ReadReply>[] = [];
  let batch: { file: string; path: string }[] = [];
  let batchBytes = 0;
  for (const [i, f] of files.entries()) {
    batch.push({ file: f.file, path: diskPath(f.path) });
    batchBytes += f.size;
    if (batchBytes < PARSE_BATCH_BYTES && i < files.length - 1) continue;
    requests.push(engine.read({ kind: 'read', site, files: batch, docsBytes }, options.signal));
    batch = [];
    batchBytes = 0;
  }
  const articles = new Map<string, Article>();
  const skipped: SkippedFile[] = [];
  let done = 0;
  options.onProgress?.({ stage: 'read', done, total: files.length });
  // Failures surface from Promise.all; none is left unobserved meanwhile.
  for (const request of requests) request.catch(() => undefined);
  for (const request of requests) {
    const reply = await request;
    for (const { article, bytes } of reply.read) articles.set(article.file, withFileText(article, decodeText(bytes).text));
    skipped.push(...reply.skipped);
    done += reply.read.length + reply.skipped.length;
    options.onProgress?.({ stage: 'read', done, total: files.length });
  }
  return { articles: files.flatMap((f) => articles.get(f.file) ?? []), skipped };
}

/** Reads the questions file for the coverage rules: QuestionsError when it cannot be read or parsed. */
async function readQuestionsFile(fs: FileSystem, path: string, displayName: string): Promise<EngineQuestions> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(path);
  } catch (error) {
    throw new QuestionsError(displayName, 1, `cannot read questions file: ${errorMessage(error)}`);
  }
  parseQuestions(decodeQuestions(bytes, displayName), displayName);
  return { path, displayName, bytes };
}

export class KbSession {
  /** Bumped on every change, so late results of older work can be recognised and dropped. */
  version = 0;
  /** Article rule findings, re-run per article on edit. */
  private articleFindings = new Map<string, Finding[]>();
  /** Findings of the rules that see the whole knowledge base; refreshed by recheck(). */
  private kbFindings = new Map<string, Finding[]>();
  private searchIndex: SearchIndex | undefined;
  /** Other locales' indexes for the Ask view, for the knowledge base they were built from. */
  private localeIndexes: { kb: KnowledgeBase; byLocale: Map<string, SearchIndex> } | undefined;
  /** Files edited since the knowledge-base rules last ran. */
  readonly staleFiles = new Set<string>();
  /** Edits the engine has not seen yet: the new text, or null for a removed article. */
  private readonly unsentChanges = new Map<string, string | null>();
  previewState: PreviewState | null = null;
  /** routing.embeddings' model, when the session may use it. */
  private embedder: Embedder | undefined;
  /** The last attempt to use it: what was sent, or why the built-in routing was used. */
  embeddingsOutcome: EmbeddingsOutcome | undefined;

  private constructor(
    private readonly fs: FileSystem,
    readonly root: string,
    /** Replaced, never changed in place, on every edit. */
    public kb: KnowledgeBase,
    readonly config: ResolvedConfig,
    findings: Finding[],
    public stats: AuditStats,
    /** The questions the coverage rules saw, when the audit had a questions file. */
    public questions: AuditQuestionsReport | null,
    private readonly questionsPath: string | null,
    private readonly questionsDisplayName: string | null,
    private engine: AuditEngine | undefined,
  ) {
    this.setFindings(findings);
  }

  /** Audits `root`; `options.questions` as in runAudit (null: no questions file). */
  static async load(fs: FileSystem, root: string, config: ResolvedConfig, options: SessionLoadOptions = {}): Promise<KbSession> {
    const started = performance.now();
    const questionsPath = (options.questions === undefined ? config.questions : options.questions) ?? null;
    const displayName = options.questionsDisplayName ?? questionsPath;
    let engine = options.engine;
    const site = await siteOf(fs, root, config);
    let parser: EngineParser | undefined;
    // Read on this side (and handed to the engine as they are read), or read by the engine from disk.
    let docs: ReadDocs | undefined;
    let readThere: { articles: Article[]; skipped: SkippedFile[] } | undefined;
    let questions: EngineQuestions | null;
    try {
      let listed = 0;
      if (engine && options.diskPath) {
        const walked = await walkConfigured(fs, root, config, site, options.signal);
        listed = walked.files.length;
        options.onPhase?.('walked', listed);
        try {
          const read = await readOnEngine(engine, site, walked.files, options.diskPath, options);
          readThere = { articles: read.articles, skipped: [...walked.skipped, ...read.skipped] };
        } catch (error) {
          if (options.signal?.aborted) throw error;
          // The worker failed: read, parse and audit here instead.
          engine.dispose();
          engine = undefined;
        }
      }
      if (!readThere) {
        // With an engine, each file goes to it to parse as soon as it is read.
        parser = engine && new EngineParser(engine, site, options.signal);
        docs = await readDocs(fs, root, config, {
          signal: options.signal,
          onProgress: options.onProgress,
          site,
          onWalked: (count, bytes) => {
            listed = count;
            options.onPhase?.('walked', count);
            if (parser) parser.docsBytes = bytes;
          },
          onRead: (file) => parser?.add(file),
        });
      }
      options.signal?.throwIfAborted();
      options.onPhase?.('read', listed);
      // Read (and checked) before the rules run, so a broken file fails fast, as in runAudit.
      questions = questionsPath ? await readQuestionsFile(fs, questionsPath, displayName!) : null;
      options.signal?.throwIfAborted();
    } catch (error) {
      engine?.dispose();
      throw error;
    }
    const now = options.now ?? new Date();
    let kb: KnowledgeBase | undefined;
    let findings: Finding[] = [];
    let report: AuditQuestionsReport | null = null;
    let index: SearchIndex | undefined;
    const embedder = sessionEmbedder(config, options.embeddingsAccess);
    let embeddingsOutcome: EmbeddingsOutcome | undefined;
    const embeddings = embedder && { embedder, signal: options.signal, report: (o: EmbeddingsOutcome) => (embeddingsOutcome = o) };
    const skipped = readThere?.skipped ?? docs!.skipped;
    if (engine) {
      try {
        parser?.send();
        const loading = engine.load(
          {
            kind: 'load',
            root,
            config,
            // Every file went to the engine as it was read: its load takes the articles it parsed.
            files: [],
            skipped,
            site,
            questions,
            now: now.getTime(),
            embeddings: embedder ? options.embeddingsAccess : undefined,
            history: options.historySource,
          },
          options.signal,
          options.onProgress,
        );
        // The articles come back while the engine runs the rules.
        loading.catch(() => undefined);
        const articles = readThere?.articles ?? (await parser!.articles(docs!.files));
        ({ findings, questions: report, embeddings: embeddingsOutcome } = await loading);
        // The findings came in one message, read in the task that delivered it: sorting the
        // articles into the knowledge base (0.2 s at 50,000 of them) waits for the next task,
        // as each step of the warm-up below does.
        await yieldToEventLoop();
        kb = buildKnowledgeBase(root, articles, skipped, site);
      } catch (error) {
        engine.dispose();
        if (options.signal?.aborted) throw error;
        // The worker failed (it could not start, or ran out of memory): parse and audit here instead.
        engine = undefined;
      }
    }
    if (!kb) {
      // The engine read the files: read them here.
      docs ??= await readDocs(fs, root, config, { signal: options.signal, site });
      kb = await parseDocs(root, docs, { signal: options.signal });
      ({ findings, questions: report, index } = await auditLoaded(fs, root, kb, config, { ...options, now, questions: questionsPath, questionsDisplayName: displayName ?? undefined, embeddings }));
    }
    options.signal?.throwIfAborted();
    // The article rules ran in the worker: run them here too, on a few articles, so the first
    // edit does not pay for compiling them; one article at a time, never holding the thread.
    if (engine) {
      const [first, ...more] = kb.articles.slice(0, 30);
      // The first check builds the knowledge base's tables for these rules: a step at a time.
      if (first) {
        for (const step of articleRuleSteps(kb, first, config, now, [])) {
          await yieldToEventLoop();
          step();
        }
      }
      for (const article of more) {
        await yieldToEventLoop();
        checkArticle(kb, article, config, now);
      }
    }
    const stats = { files: kb.articles.length, sections: kb.sections.length, skipped: kb.skipped.length, durationMs: Math.round(performance.now() - started) };
    options.onPhase?.('audited', kb.articles.length);
    const session = new KbSession(fs, root, kb, config, findings, stats, report, questionsPath, displayName, engine);
    session.searchIndex = index;
    session.embedder = embedder;
    session.embeddingsOutcome = embeddingsOutcome;
    session.historySource = engine ? options.historySource : undefined;
    return session;
  }

  /** A session over files already read, in the site they were read from (the engine's side of a load). */
  static async fromFiles(
    fs: FileSystem,
    root: string,
    config: ResolvedConfig,
    site: Site,
    files: readonly EngineFile[],
    skipped: SkippedFile[],
    options: AuditOptions & { embeddingsAccess?: EmbeddingsAccess; /** Articles parsed already, besides `files`. */ parsed?: readonly Article[] } = {},
  ): Promise<KbSession> {
    const started = performance.now();
    const syntax = siteSyntax(site);
    const articles = [...(options.parsed ?? []), ...files.map((f) => parseArticle(f.file, f.bytes, undefined, f.hash, syntax))];
    const kb = buildKnowledgeBase(root, articles, skipped, site);
    const questionsPath = options.questions ?? null;
    const embedder = sessionEmbedder(config, options.embeddingsAccess);
    let embeddingsOutcome: EmbeddingsOutcome | undefined;
    const embeddings = embedder && { embedder, signal: options.signal, report: (o: EmbeddingsOutcome) => (embeddingsOutcome = o) };
    const { findings, questions, index } = await auditLoaded(fs, root, kb, config, { ...options, embeddings });
    const stats = { files: kb.articles.length, sections: kb.sections.length, skipped: kb.skipped.length, durationMs: Math.round(performance.now() - started) };
    const session = new KbSession(fs, root, kb, config, findings, stats, questions, questionsPath, options.questionsDisplayName ?? questionsPath, undefined);
    // The preview and the Ask view route through the index the coverage rules used.
    session.searchIndex = index;
    session.embedder = embedder;
    session.embeddingsOutcome = embeddingsOutcome;
    return session;
  }

  /** routing.embeddings for the audit's question routing, reporting into this session. */
  private routingEmbeddings(signal?: AbortSignal): RoutingEmbeddings | undefined {
    return this.embedder && { embedder: this.embedder, signal, report: (o) => (this.embeddingsOutcome = o) };
  }

  /** Whether the rules, the index and the preview run off this thread (a worker), not in-process. */
  get offThread(): boolean {
    return this.engine !== undefined;
  }

  /** Stops the engine (the worker thread) this session's heavy work runs in. */
  dispose(): void {
    this.engine?.dispose();
    this.engine = undefined;
    this.unsentChanges.clear();
  }

  private setFindings(findings: Finding[]): void {
    this.articleFindings = groupByFile(findings.filter(isArticleScoped));
    this.kbFindings = groupByFile(findings.filter((f) => !isArticleScoped(f)));
  }

  /** Every finding, in the CLI's order. */
  get findings(): Finding[] {
    const all: Finding[] = [];
    for (const list of this.articleFindings.values()) all.push(...list);
    for (const list of this.kbFindings.values()) all.push(...list);
    return all.sort(compareFindings);
  }

  findingsFor(file: string): Finding[] {
    return [...(this.articleFindings.get(file) ?? []), ...(this.kbFindings.get(file) ?? [])].sort(compareFindings);
  }

  /** Files that have findings. */
  get filesWithFindings(): Set<string> {
    return new Set([...this.articleFindings.keys(), ...this.kbFindings.keys()]);
  }

  /** Where the engine reads the docs' git history, when it was given it (a trusted workspace on disk). */
  historySource: HistorySource | undefined;

  /** Whether this side has built a search index (with an engine, only a fallback after the engine failed does). */
  get indexBuiltHere(): boolean {
    return this.searchIndex !== undefined || (this.localeIndexes?.byLocale.size ?? 0) > 0;
  }

  get index(): SearchIndex {
    this.searchIndex ??= SearchIndex.build(this.kb);
    return this.searchIndex;
  }

  /**
   * Re-parses one article from the editor's text and re-runs the article rules on it. Returns
   * that file's findings: fresh article findings plus the last knowledge-base findings.
   */
  updateArticle(file: string, text: string, now = new Date()): Finding[] {
    const article = parseArticle(file, new TextEncoder().encode(text), undefined, undefined, siteSyntax(this.kb.site));
    this.replaceArticle(file, article);
    const fresh = checkArticle(this.kb, article, this.config, now);
    if (fresh.length) this.articleFindings.set(file, fresh);
    else this.articleFindings.delete(file);
    this.staleFiles.add(file);
    if (this.engine) this.unsentChanges.set(file, text);
    this.version++;
    return this.findingsFor(file);
  }

  /** Forgets a deleted article (or a file the last scan could not read). */
  removeArticle(file: string): void {
    this.replaceArticle(file, null);
    this.articleFindings.delete(file);
    this.kbFindings.delete(file);
    this.staleFiles.add(file);
    if (this.engine) this.unsentChanges.set(file, null);
    this.version++;
  }

  /** Edits for the engine, which applies them before its next re-check or preview. */
  private takeUnsentChanges(): { file: string; text: string | null }[] {
    const changes = [...this.unsentChanges].map(([file, text]) => ({ file, text }));
    this.unsentChanges.clear();
    return changes;
  }

  /** True when the session knows `file`: as an article, or as a file it skipped. */
  has(file: string): boolean {
    return this.kb.byFile.has(file) || this.kb.skipped.some((s) => s.file === file);
  }

  private replaceArticle(file: string, article: Article | null): void {
    const articles = [...this.kb.articles];
    const byFile = new Map(this.kb.byFile);
    const at = articles.findIndex((a) => a.file === file);
    if (article) {
      if (at >= 0) articles[at] = article;
      else {
        let i = 0;
        while (i < articles.length && compareCodePoints(articles[i].file, file) < 0) i++;
        articles.splice(i, 0, article);
      }
      byFile.set(file, article);
    } else if (at >= 0) {
      articles.splice(at, 1);
      byFile.delete(file);
    }
    // A new object, not the old one changed: the rules cache their analyses per knowledge base
    // object (similarity corpus), and a changed one would keep answering for the old text.
    // Sections are shared objects: re-listing them is a copy of references, not a re-parse.
    const kb: KnowledgeBase = {
      ...this.kb,
      articles,
      byFile,
      sections: articles.flatMap((a) => a.sections),
      skipped: this.kb.skipped.filter((s) => s.file !== file),
    };
    this.kb = kb;
    this.searchIndex = undefined;
    this.stats = { ...this.stats, files: kb.articles.length, sections: kb.sections.length, skipped: kb.skipped.length };
  }

  /**
   * Re-runs every rule over the knowledge base as it now stands (after edits). `questionsFs`
   * reads the questions file (default: the session's file system).
   */
  async recheck(options: AuditOptions = {}, questionsFs: FileSystem | null = this.fs): Promise<void> {
    const version = this.version;
    const now = options.now ?? new Date();
    let findings: Finding[];
    let report: AuditQuestionsReport | null | undefined;
    if (this.engine) {
      const changes = this.takeUnsentChanges();
      let questions: EngineQuestions | null = null;
      try {
        questions = this.questionsPath ? await readQuestionsFile(this.fs, this.questionsPath, this.questionsDisplayName ?? this.questionsPath) : null;
      } catch {
        // A questions file broken since the audit costs the coverage rules this round, not the re-check.
      }
      try {
        ({ findings, questions: report, embeddings: this.embeddingsOutcome } = await this.engine.recheck({ kind: 'recheck', changes, questions, now: now.getTime() }, options.signal));
      } catch (error) {
        if (options.signal?.aborted) throw error;
        // The worker failed: this side holds the whole knowledge base, so carry on without it.
        this.dispose();
        return this.recheck(options, questionsFs);
      }
      if (!report) report = undefined;
    } else {
      // The coverage rules route the sample questions through the index as it now stands.
      let auditQuestions: Awaited<ReturnType<typeof routeSampleQuestions>> | null = null;
      try {
        // Through the session's own index, which the preview and the Ask view then reuse.
        auditQuestions =
          this.questionsPath && questionsFs
            ? await routeSampleQuestions(questionsFs, this.root, this.kb, this.config, this.questionsPath, { embeddings: this.routingEmbeddings(options.signal), index: this.index })
            : null;
      } catch {
        // A questions file broken since the audit costs the coverage rules this round, not the re-check.
      }
      findings = await auditKnowledgeBase(this.kb, this.config, { ...options, now, auditQuestions });
      report = auditQuestions ? { file: auditQuestions.file, preview: auditQuestions.preview } : undefined;
    }
    if (report) this.questions = report;
    // An edit that landed meanwhile has newer article findings for its file: keep those.
    const edited = version === this.version ? new Set<string>() : new Set(this.staleFiles);
    const keep = new Map([...edited].map((file) => [file, this.articleFindings.get(file)]));
    this.setFindings(findings);
    for (const [file, list] of keep) {
      if (list) this.articleFindings.set(file, list);
      else this.articleFindings.delete(file);
    }
    if (version === this.version) this.staleFiles.clear();
    this.version++;
  }

  /** Whether routing.embeddings is in use: asking then goes through the model (and the engine, which holds the vectors). */
  get usesEmbeddings(): boolean {
    return this.embedder !== undefined;
  }

  /** What the bot would do with one question; in a translated knowledge base, asked in `locale` (default: the source's). */
  ask(question: string, locale?: string): RoutedQuestion {
    return routeQuestion(this.indexIn(locale), question, this.config.routing);
  }

  /** The index of one locale's articles, built once per knowledge base (the source's is `index`). */
  private indexIn(locale: string | undefined): SearchIndex {
    const layout = locale === undefined ? null : localeLayout(this.kb);
    const wanted = locale === undefined ? undefined : normalizeLocale(locale);
    if (!layout || wanted === undefined || wanted === layout.source || !layout.locales.includes(wanted)) return this.index;
    if (this.localeIndexes?.kb !== this.kb) this.localeIndexes = { kb: this.kb, byLocale: new Map() };
    let index = this.localeIndexes.byLocale.get(wanted);
    if (!index) this.localeIndexes.byLocale.set(wanted, (index = SearchIndex.build(this.kb, { locale: wanted })));
    return index;
  }

  /**
   * What the bot would do with one question: in the engine when there is one (after sending it
   * any edits), so the search index is built and kept on the engine's thread, never this one;
   * with routing.embeddings when in use (the question is embedded first).
   */
  async route(question: string, signal?: AbortSignal, locale?: string): Promise<RoutedQuestion> {
    if (this.engine) {
      const changes = this.takeUnsentChanges();
      try {
        return await this.engine.ask({ kind: 'ask', changes, question, locale }, signal);
      } catch (error) {
        if (signal?.aborted) throw error;
        this.dispose();
      }
    }
    if (this.embedder) this.embeddingsOutcome = await embedIndex(this.indexIn(locale), [question], this.embedder, { signal });
    return this.ask(question, locale);
  }

  /**
   * Routes the sample questions and works out the sweep and per-section counts: in the
   * engine when there is one (after sending it any edits), else here in slices with a yield
   * between them, so a large set never holds the thread long.
   */
  async previewAll(questions: SampleQuestion[], threshold?: number, signal?: AbortSignal): Promise<PreviewState> {
    if (this.engine) {
      const changes = this.takeUnsentChanges();
      try {
        return await this.engine.preview({ kind: 'preview', changes, questions, threshold }, signal);
      } catch (error) {
        if (signal?.aborted) throw error;
        // The worker failed: route here, from this side's knowledge base.
        this.dispose();
      }
    }
    const routing = threshold === undefined ? this.config.routing : { ...this.config.routing, threshold };
    const index = this.index;
    // A question's own locale (a `locale` column or key) is answered from that locale's articles.
    const indexOf = questionIndexes(this.kb, index, questions, (locale) => this.indexIn(locale));
    if (this.embedder) {
      for (const [own, texts] of questionsByIndex(questions, indexOf)) this.embeddingsOutcome = await embedIndex(own, texts, this.embedder, { signal });
    }
    const results: RoutedQuestion[] = [];
    const atZero: RoutedQuestion[] = [];
    for (let i = 0; i < questions.length; i += PREVIEW_SLICE) {
      if (i > 0) await yieldToEventLoop();
      signal?.throwIfAborted();
      const slice = questions.slice(i, i + PREVIEW_SLICE);
      results.push(...previewQuestions(index, slice, routing, { indexOf }).results);
      atZero.push(...previewQuestions(index, slice, { ...routing, threshold: 0 }, { indexOf }).results);
    }
    const configured = routing.threshold ?? DEFAULT_THRESHOLD;
    const preview: PreviewResult = { summary: summarize(results, configured), results };
    const thresholds = new Set<number>();
    for (let i = 0; i <= 20; i++) thresholds.add(i / 20);
    thresholds.add(configured);
    const sweep = sweepThresholds(atZero as RoutedView[], [...thresholds].sort((a, b) => a - b));
    const bySection = new Map<string, { answered: number; clarify: number }>();
    for (const r of results) {
      if (!r.sectionId || r.decision === 'escalate') continue;
      let counts = bySection.get(r.sectionId);
      if (!counts) bySection.set(r.sectionId, (counts = { answered: 0, clarify: 0 }));
      if (r.decision === 'answer') counts.answered++;
      else counts.clarify++;
    }
    const state: PreviewState = { questions, preview, atZero, sweep, bySection };
    if (this.embeddingsOutcome) state.embeddings = this.embeddingsOutcome;
    return state;
  }

  /** The section of `file` holding 1-based `line`. */
  sectionAt(file: string, line: number): Section | undefined {
    const article = this.kb.byFile.get(file);
    if (!article) return undefined;
    let found: Section | undefined;
    for (const s of article.sections) {
      if (s.startLine <= line) found = s;
      else break;
    }
    return found;
  }
}

/**
 * The rules over a loaded knowledge base, as runAudit runs them after loading; with the search
 * index the sample questions were routed through, for the session to keep.
 */
async function auditLoaded(
  fs: FileSystem,
  root: string,
  kb: KnowledgeBase,
  config: ResolvedConfig,
  options: AuditOptions,
): Promise<EngineAudit & { index?: SearchIndex }> {
  const questionsPath = options.questions === undefined ? config.questions : options.questions;
  const routed = questionsPath
    ? await routeSampleQuestions(fs, root, kb, config, questionsPath, { displayName: options.questionsDisplayName, embeddings: options.embeddings, onProgress: options.onProgress })
    : null;
  const findings = await auditKnowledgeBase(kb, config, { ...options, auditQuestions: routed && withoutIndex(routed) });
  return { findings, questions: routed ? { file: routed.file, preview: routed.preview } : null, index: routed?.index };
}
