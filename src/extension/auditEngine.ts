// The heavy half of a KbSession: parsing the folder, every rule over the knowledge base, the
// search index and the preview of the sample questions. In the extension it runs in a worker
// thread (auditWorker.ts; a Web Worker in the browser, web/auditWorker.ts), so the extension
// host's thread only reads files, re-parses the one being edited and publishes the results; in
// unit tests and benchmarks the same host runs in-process. Messages are plain data (structured
// clone): the articles' bytes in, findings and routed questions out. The caller sends the files
// to parse as it reads them and gets the parsed articles back, so the worker parses while the
// host still reads; the load that follows runs the rules over them. Free of the vscode module.
import type { AuditQuestionsReport } from '../core/audit';
import type { ResolvedConfig } from '../core/config/config';
import type { VersionHistory } from '../core/history';
import type { DiffResult } from '../core/diff';
import type { Site } from '../core/flavor';
import type { Article, Finding, SkippedFile } from '../core/model';
import type { FileSystem } from '../core/fileSystem';
import { readBytes, siteSyntax } from '../core/knowledgeBase';
import type { SyntaxOptions } from '../core/parse/syntax';
import { parseArticle, type DetachedArticle } from '../core/parse/markdown';
import type { SampleQuestion } from '../core/routing/types';
import type { EmbeddingsOutcome } from '../core/routing/embeddings';
import type { OnProgress, Progress } from '../core/progress';
import type { RoutedQuestion } from '../core/routing/types';
import { KbSession, type EmbeddingsAccess, type PreviewState } from './kbSession';

/** One article as read from disk: the engine parses exactly the bytes this side parsed. */
export interface EngineFile {
  file: string;
  bytes: Uint8Array;
  /** The bytes' hash, when the caller has it (it is an article's identity for the caches). */
  hash?: string;
}

/** The questions file for the coverage rules, already read (and checked) by the caller. */
export interface EngineQuestions {
  path: string;
  displayName: string;
  bytes: Uint8Array;
}

/**
 * Where the engine may read the docs' version history (git) for stale-translation: the docs
 * folder on disk, and the git to run. Sent only by a desktop host, for a trusted workspace.
 */
export interface HistorySource {
  docs: string;
  /** The Git extension's executable; absent: `git` on the PATH. */
  git?: string;
}

export type EngineRequest =
  | {
      kind: 'load';
      root: string;
      config: ResolvedConfig;
      files: EngineFile[];
      skipped: SkippedFile[];
      /** The generator around the docs (flavour, navigation, addresses), as this side read it: the engine has no folder to read it from. */
      site: Site;
      questions: EngineQuestions | null;
      now: number;
      /** routing.embeddings may be used, with this key and cache folder. */
      embeddings?: EmbeddingsAccess;
      /** Where the version history is, when the host lets the engine read it (re-read at each re-check). */
      history?: HistorySource;
    }
  | ParseRequest
  | ReadRequest
  | {
      kind: 'recheck';
      /** Articles edited or removed (null) since the engine last saw them. */
      changes: { file: string; text: string | null }[];
      questions: EngineQuestions | null;
      now: number;
    }
  | { kind: 'preview'; changes: { file: string; text: string | null }[]; questions: SampleQuestion[]; threshold?: number }
  | { kind: 'ask'; changes: { file: string; text: string | null }[]; question: string; locale?: string }
  | CompareRequest
  | RevisionsRequest;

/**
 * Some of a load's files, parsed now: the reply is their articles (without their lines, which the
 * caller cuts from its own bytes, see withFileText), in the order of `files`; the next load's
 * knowledge base holds them besides its own `files`.
 */
export interface ParseRequest {
  kind: 'parse';
  site: Site;
  files: EngineFile[];
  /** The whole load's Markdown, in bytes: the first request a worker gets sizes its heap from it. */
  docsBytes: number;
}

/**
 * Some of a load's files in a docs folder on this machine's disk, read by the engine itself
 * (through node:fs, where the editor's file system answers each call in a round trip) and then
 * parsed as a ParseRequest's. Only an engine given a file system of its own takes it.
 */
export interface ReadRequest {
  kind: 'read';
  site: Site;
  /** Each file's name in the knowledge base and its path on disk. */
  files: { file: string; path: string }[];
  /** As ParseRequest's. */
  docsBytes: number;
}

/** A ReadRequest's reply: each file read, with the bytes its article was parsed from; the ones that could not be read. */
export interface ReadReply {
  read: { article: DetachedArticle; bytes: Uint8Array }[];
  skipped: SkippedFile[];
}

/**
 * Compare with Branch: the docs at a git revision against the working tree, as `kb-audit diff
 * BASE` compares them. Needs no loaded knowledge base: it audits both states itself.
 */
export interface CompareRequest {
  kind: 'compare';
  /** The revision to compare with: a branch, tag or commit. */
  base: string;
  /** The docs folder, absolute, `/` separators, as node:fs spells it. */
  root: string;
  /** The configuration, its paths spelled as `root` is. */
  config: ResolvedConfig;
  questionsDisplayName?: string;
  /** The git executable (the Git extension's); absent: `git` on the PATH. */
  git?: string;
  /** Editor texts not yet saved, by absolute path: HEAD is the working tree as the editor shows it. */
  unsaved: { path: string; bytes: Uint8Array }[];
  now: number;
  /** For the report's footer, as the CLI's. */
  version: string;
  /** Where the report's links point: the docs folder's URI, with a trailing `/`. */
  linkBase?: string;
}

/** Why git could not give what was asked (the CLI's GitError reasons, and `unavailable` where the host has no git). */
export type GitFailureReason = 'no-git' | 'not-a-repository' | 'outside-repository' | 'unknown-revision' | 'not-fetched' | 'failed' | 'unavailable';

export type CompareReply =
  | { ok: true; diff: DiffResult; baseName: string; headName: string; markdown: string; headline: string }
  | { ok: false; reason: GitFailureReason; message: string };

/** The branches and tags a base can be picked from, when the Git extension cannot list them. */
export interface RevisionsRequest {
  kind: 'revisions';
  root: string;
  git?: string;
}

export type RevisionsReply = { ok: true; revisions: { name: string; kind: 'branch' | 'remote' | 'tag' }[] } | { ok: false; reason: GitFailureReason; message: string };

/** What needs git (Node only: the desktop worker plugs it in; the web's has none). */
export interface GitTasks {
  compare(request: CompareRequest): Promise<CompareReply>;
  revisions(request: RevisionsRequest): Promise<RevisionsReply>;
  /** The docs' history as of now (read on first use), or undefined when `config` turns it off. */
  history(source: HistorySource, config: ResolvedConfig, now: Date): VersionHistory | undefined;
}

const NO_GIT = { ok: false as const, reason: 'unavailable' as const, message: 'comparing with a branch needs git, which this extension host does not have (VS Code for the Web): run kb-audit diff in a terminal instead' };

/** What a load or a re-check hands back: every finding, and the coverage rules' questions. */
export interface EngineAudit {
  findings: Finding[];
  questions: AuditQuestionsReport | null;
  /** routing.embeddings: what was sent, or why the built-in routing was used. */
  embeddings?: EmbeddingsOutcome;
}

export interface AuditEngine {
  parse(request: ParseRequest, signal?: AbortSignal): Promise<DetachedArticle[]>;
  read(request: ReadRequest, signal?: AbortSignal): Promise<ReadReply>;
  /** `onProgress`: where the load has got to (the sample questions routed, the rules run). */
  load(request: Extract<EngineRequest, { kind: 'load' }>, signal?: AbortSignal, onProgress?: OnProgress): Promise<EngineAudit>;
  recheck(request: Extract<EngineRequest, { kind: 'recheck' }>, signal?: AbortSignal): Promise<EngineAudit>;
  preview(request: Extract<EngineRequest, { kind: 'preview' }>, signal?: AbortSignal): Promise<PreviewState>;
  /** One question, routed with routing.embeddings (the engine holds the vectors). */
  ask(request: Extract<EngineRequest, { kind: 'ask' }>, signal?: AbortSignal): Promise<RoutedQuestion>;
  compare(request: CompareRequest, signal?: AbortSignal): Promise<CompareReply>;
  revisions(request: RevisionsRequest, signal?: AbortSignal): Promise<RevisionsReply>;
  /** Stops the engine; calls in flight reject. */
  dispose(): void;
}

/** A FileSystem holding one file: the questions file, as the caller read it. */
function oneFile(path: string, bytes: Uint8Array) {
  const missing = () => Promise.reject(Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' }));
  return {
    readFile: (p: string) => (p === path ? Promise.resolve(bytes) : missing()),
    readDirectory: () => missing(),
    stat: (p: string) => (p === path ? Promise.resolve({ type: 'file' as const, size: bytes.length, mtimeMs: 0 }) : missing()),
  };
}

/**
 * The engine's side: holds one knowledge base (the one its session loaded) and answers
 * requests. `handle` is what the worker runs for each message.
 */
export function createEngineHost(git?: GitTasks, disk?: FileSystem) {
  let session: KbSession | undefined;
  /** Articles parse and read requests made, for the next load. */
  let parsed: Article[] = [];
  const parse = (file: string, bytes: Uint8Array, hash: string | undefined, syntax: SyntaxOptions): DetachedArticle => {
    const article = parseArticle(file, bytes, undefined, hash, syntax);
    parsed.push(article);
    const { lines: _lines, ...detached } = article;
    return detached;
  };
  let historySource: HistorySource | undefined;
  let config: ResolvedConfig | undefined;
  // Read afresh for each full run of the rules: commits and saves since the last one count.
  const historyAt = (now: Date) => (historySource && config && git ? git.history(historySource, config, now) : undefined);
  return {
    /** `onProgress`: where a load has got to. */
    async handle(request: EngineRequest, onProgress?: OnProgress): Promise<EngineAudit | PreviewState | RoutedQuestion | CompareReply | RevisionsReply | DetachedArticle[] | ReadReply> {
      if (request.kind === 'parse') {
        const syntax = siteSyntax(request.site);
        return request.files.map((f) => parse(f.file, f.bytes, f.hash, syntax));
      }
      if (request.kind === 'read') {
        if (!disk) throw new Error('this audit engine has no file system of its own');
        const syntax = siteSyntax(request.site);
        const reply: ReadReply = { read: [], skipped: [] };
        for (const { file, path } of request.files) {
          const bytes = await readBytes(disk, path, file, reply.skipped);
          if (bytes) reply.read.push({ article: parse(file, bytes, undefined, syntax), bytes });
        }
        return reply;
      }
      if (request.kind === 'compare') return git ? git.compare(request) : NO_GIT;
      if (request.kind === 'revisions') return git ? git.revisions(request) : NO_GIT;
      if (request.kind === 'load') {
        const fs = request.questions ? oneFile(request.questions.path, request.questions.bytes) : oneFile('', new Uint8Array());
        historySource = request.history;
        config = request.config;
        session = await KbSession.fromFiles(fs, request.root, request.config, request.site, request.files, request.skipped, {
          now: new Date(request.now),
          history: historyAt(new Date(request.now)),
          questions: request.questions?.path ?? null,
          questionsDisplayName: request.questions?.displayName,
          embeddingsAccess: request.embeddings,
          parsed,
          onProgress,
        });
        parsed = [];
        return { findings: session.findings, questions: session.questions, embeddings: session.embeddingsOutcome };
      }
      if (!session) throw new Error('the audit engine has no knowledge base loaded');
      for (const change of request.changes) {
        if (change.text === null) session.removeArticle(change.file);
        else session.updateArticle(change.file, change.text);
      }
      if (request.kind === 'recheck') {
        await session.recheck({ now: new Date(request.now), history: historyAt(new Date(request.now)) }, request.questions ? oneFile(request.questions.path, request.questions.bytes) : null);
        return { findings: session.findings, questions: session.questions, embeddings: session.embeddingsOutcome };
      }
      if (request.kind === 'ask') return session.route(request.question, undefined, request.locale);
      return session.previewAll(request.questions, request.threshold);
    },
  };
}

/** A request as it travels to the engine's thread, numbered so its reply can find the caller. */
export interface EngineMessage {
  id: number;
  request: EngineRequest;
}

/** What the engine's thread posts: a request's reply, or (before it) where a load has got to. */
export type EngineReply = { id: number; ok: boolean; value?: unknown; error?: string } | { id: number; progress: Progress };

/**
 * The thread's side (a worker thread or a Web Worker): one engine host, one request at a time
 * in order (a re-check must see the load before it), each answered through `post`.
 */
export function serveEngine(post: (reply: EngineReply) => void, git?: GitTasks, disk?: FileSystem): (message: EngineMessage) => void {
  const host = createEngineHost(git, disk);
  let queue: Promise<void> = Promise.resolve();
  return ({ id, request }) => {
    queue = queue.then(async () => {
      try {
        post({ id, ok: true, value: await host.handle(request, (progress) => post({ id, progress })) });
      } catch (error) {
        post({ id, ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
      }
    });
  };
}

/** The engine in the caller's own thread: the same host, without a worker (tests, benchmarks). */
export function inProcessEngine(git?: GitTasks, disk?: FileSystem): AuditEngine {
  const host = createEngineHost(git, disk);
  let disposed = false;
  const call = async <T>(request: EngineRequest, signal?: AbortSignal, onProgress?: OnProgress): Promise<T> => {
    if (disposed) throw new Error('the audit engine was stopped');
    signal?.throwIfAborted();
    return (await host.handle(request, onProgress)) as T;
  };
  return {
    parse: (request, signal) => call(request, signal),
    read: (request, signal) => call(request, signal),
    load: (request, signal, onProgress) => call(request, signal, onProgress),
    recheck: (request, signal) => call(request, signal),
    preview: (request, signal) => call(request, signal),
    ask: (request, signal) => call(request, signal),
    compare: (request, signal) => call(request, signal),
    revisions: (request, signal) => call(request, signal),
    dispose: () => {
      disposed = true;
    },
  };
}
