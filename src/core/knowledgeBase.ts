import type { ResolvedConfig } from './config/config';
import type { FileSystem } from './fileSystem';
import { errorMessage } from './fileSystem';
import type { Article, Section, SkippedFile } from './model';
import type { AuditCache } from './cache/auditCache';
import { decodeText, looksBinary, type DecodedText } from './parse/decode';
import { hashBytes, parseArticle } from './parse/markdown';
import type { ParseOffload } from './parseWorker';
import { compareCodePoints, walkDocs } from './walk';

/** The parsed docs folder: what the rules, the index and the simulator read. */
export interface KnowledgeBase {
  /** Absolute docs folder, `/` separators. */
  root: string;
  articles: Article[];
  byFile: Map<string, Article>;
  sections: Section[];
  skipped: SkippedFile[];
}

export interface LoadOptions {
  signal?: AbortSignal;
  /** Parsed articles from earlier runs, keyed by path and content hash (the CLI's --cache). */
  cache?: AuditCache;
  /** Called once the folder is listed, with the number of files to read. */
  onWalked?: (files: number) => void;
  /** Called with the bytes of each file indexed as an article (the extension hands them to its worker). */
  onRead?: (file: string, bytes: Uint8Array) => void;
  /** Another thread that parses some of the files (see parseWorker.ts). */
  offload?: ParseOffload;
}

/** Files read at once: enough to keep the disk busy while the previous ones are parsed. */
const READ_AHEAD = 16;

export function buildKnowledgeBase(root: string, articles: Article[], skipped: SkippedFile[]): KnowledgeBase {
  const sorted = [...articles].sort((a, b) => compareCodePoints(a.file, b.file));
  return {
    root,
    articles: sorted,
    byFile: new Map(sorted.map((a) => [a.file, a])),
    sections: sorted.flatMap((a) => a.sections),
    skipped: [...skipped].sort((a, b) => compareCodePoints(a.file, b.file)),
  };
}

/** The bytes of one file; null (with a skip recorded) when it vanished or is binary. */
async function readBytes(fs: FileSystem, path: string, file: string, skipped: SkippedFile[]): Promise<Uint8Array | null> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(path);
  } catch (error) {
    skipped.push({ file, reason: 'vanished', detail: `could not be read: ${errorMessage(error)}` });
    return null;
  }
  if (looksBinary(bytes)) {
    skipped.push({ file, reason: 'binary', detail: 'binary content (NUL bytes), not Markdown' });
    return null;
  }
  return bytes;
}

/**
 * Parses one file's bytes: takes the article from the cache when it has these bytes, else
 * parses it here or, when it takes the file, in the other thread.
 */
async function parseBytes(file: string, bytes: Uint8Array, options: Pick<LoadOptions, 'cache' | 'offload'>, hash?: string): Promise<Article> {
  const { cache, offload } = options;
  let decoded: DecodedText | undefined;
  const decode = () => (decoded ??= decodeText(bytes));
  if (cache) {
    hash ??= hashBytes(bytes);
    const cached = cache.article(file, hash, () => decode().text);
    if (cached) return cached;
  }
  const elsewhere = offload?.take(file, bytes, hash);
  let article: Article;
  if (elsewhere) {
    // A thread that fails costs time, never an article: the file is parsed here instead.
    article = await elsewhere.catch(() => parseArticle(file, bytes, decode(), hash));
  } else {
    article = parseArticle(file, bytes, decode(), hash);
    await offload?.poll();
  }
  cache?.remember(article);
  return article;
}

/** Reads and parses one file; null (with a skip recorded) when it cannot be indexed. */
export async function readArticle(
  fs: FileSystem,
  path: string,
  file: string,
  skipped: SkippedFile[],
  options: Pick<LoadOptions, 'cache' | 'onRead' | 'offload'> = {},
): Promise<Article | null> {
  const bytes = await readBytes(fs, path, file, skipped);
  if (!bytes) return null;
  options.onRead?.(file, bytes);
  return parseBytes(file, bytes, options);
}

/** Runs `task` over `items` with a few in flight; results keep no particular order. */
async function inFlight<T>(items: readonly T[], signal: AbortSignal | undefined, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      signal?.throwIfAborted();
      await task(items[next++]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_AHEAD, items.length) }, worker));
}

/** A docs folder read but not parsed: each indexable file's bytes and their hash. */
export interface ReadDocs {
  files: Array<{ file: string; bytes: Uint8Array; hash: string }>;
  skipped: SkippedFile[];
}

/** The files under `root` that the configuration includes. */
function walkConfigured(fs: FileSystem, root: string, config: ResolvedConfig, signal: AbortSignal | undefined) {
  return walkDocs(fs, root, { include: config.include, exclude: config.exclude, maxFileSize: config.maxFileSize, signal });
}

/**
 * Walks `root` and reads every file the configuration includes, without parsing: what the
 * cache needs to tell whether anything changed since the last audit.
 */
export async function readDocs(fs: FileSystem, root: string, config: ResolvedConfig, options: Pick<LoadOptions, 'signal'> = {}): Promise<ReadDocs> {
  const walked = await walkConfigured(fs, root, config, options.signal);
  const skipped = [...walked.skipped];
  const files: ReadDocs['files'] = [];
  await inFlight(walked.files, options.signal, async ({ path, file }) => {
    const bytes = await readBytes(fs, path, file, skipped);
    if (bytes) files.push({ file, bytes, hash: hashBytes(bytes) });
  });
  // The cache's key lists the files in this order: it must not depend on which read finished first.
  files.sort((a, b) => compareCodePoints(a.file, b.file));
  return { files, skipped };
}

/** Parses a folder read by readDocs (articles the cache has for the same bytes are not parsed again). */
export async function parseDocs(root: string, docs: ReadDocs, options: Pick<LoadOptions, 'signal' | 'cache' | 'offload'> = {}): Promise<KnowledgeBase> {
  await options.cache?.load();
  const articles: Article[] = [];
  await inFlight(docs.files, options.signal, async ({ file, bytes, hash }) => {
    articles.push(await parseBytes(file, bytes, options, hash));
  });
  return buildKnowledgeBase(root, articles, docs.skipped);
}

/** Walks `root` and parses every article the configuration includes. */
export async function loadKnowledgeBase(
  fs: FileSystem,
  root: string,
  config: ResolvedConfig,
  options: LoadOptions = {},
): Promise<KnowledgeBase> {
  const walked = await walkConfigured(fs, root, config, options.signal);
  options.onWalked?.(walked.files.length);
  const skipped = [...walked.skipped];
  await options.cache?.load();
  // Reads overlap with parsing (a few files in flight); the order of the result does not depend
  // on which read finishes first, as buildKnowledgeBase sorts.
  const articles: Article[] = [];
  await inFlight(walked.files, options.signal, async ({ path, file }) => {
    const article = await readArticle(fs, path, file, skipped, options);
    if (article) articles.push(article);
  });
  return buildKnowledgeBase(root, articles, skipped);
}
