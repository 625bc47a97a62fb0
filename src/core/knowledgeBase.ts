import type { ResolvedConfig } from './config/config';
import type { FileSystem } from './fileSystem';
import { errorMessage } from './fileSystem';
import type { Article, Section, SkippedFile } from './model';
import type { ArticleChecks } from './articleChecks';
import type { AuditCache } from './cache/auditCache';
import { decodeText, looksBinary, type DecodedText } from './parse/decode';
import { defaultSite, flavorById, loadSite, type Site } from './flavor';
import { isMetaFile } from './flavor/meta';
import { hashBytes, parseArticle, withFileText } from './parse/markdown';
import type { SyntaxOptions } from './parse/syntax';
import type { ParseOffload } from './parseWorker';
import { compareCodePoints, walkDocs } from './walk';
import type { OnProgress } from './progress';

/** The parsed docs folder: what the rules, the index and the simulator read. */
export interface KnowledgeBase {
  /** Absolute docs folder, `/` separators. */
  root: string;
  articles: Article[];
  byFile: Map<string, Article>;
  sections: Section[];
  skipped: SkippedFile[];
  /** The generator around the folder: its flavour, navigation and published addresses. */
  site: Site;
  /** Set on one locale's part of a multilingual knowledge base (locale/scopes): the whole it is part of. */
  whole?: KnowledgeBase;
}

export interface LoadOptions {
  signal?: AbortSignal;
  /** Parsed articles from earlier runs, keyed by path and content hash (the CLI's --cache). */
  cache?: AuditCache;
  /** Called once the folder is listed, with the number of files to read and their size in bytes. */
  onWalked?: (files: number, bytes: number) => void;
  /** Another thread that parses some of the files (see parseWorker.ts). */
  offload?: ParseOffload;
  /** The standalone rules, run on each article as it is parsed (see articleChecks.ts). */
  checks?: ArticleChecks;
  /** Called as files are read and parsed (stage 'read'). */
  onProgress?: OnProgress;
}

/** Reports stage 'read' at 0 of `total` now, and one more file done at each call of the result. */
function counter(onProgress: OnProgress | undefined, total: number): () => void {
  if (!onProgress) return () => {};
  let done = 0;
  onProgress({ stage: 'read', done, total });
  return () => onProgress({ stage: 'read', done: ++done, total });
}

/** Files read at once: enough to keep the disk busy while the previous ones are parsed. */
const READ_AHEAD = 16;

export function buildKnowledgeBase(root: string, articles: Article[], skipped: SkippedFile[], site: Site = defaultSite()): KnowledgeBase {
  const sorted = [...articles].sort((a, b) => compareCodePoints(a.file, b.file));
  return {
    root,
    articles: sorted,
    byFile: new Map(sorted.map((a) => [a.file, a])),
    sections: sorted.flatMap((a) => a.sections),
    skipped: [...skipped].sort((a, b) => compareCodePoints(a.file, b.file)),
    site,
  };
}

/** The Markdown dialects the site's articles are parsed with. */
export function siteSyntax(site: Site): SyntaxOptions {
  return flavorById(site.flavor).syntax;
}

/** Reads the site around `root` as kb-audit.json describes it (flavour, published address). */
export function siteOf(fs: FileSystem, root: string, config: ResolvedConfig): Promise<Site> {
  return loadSite(fs, root, { flavor: config.flavor, siteUrl: config.siteUrl, locales: config.locales });
}

/** The bytes of one file; null (with a skip recorded) when it vanished or is binary. */
export async function readBytes(fs: FileSystem, path: string, file: string, skipped: SkippedFile[]): Promise<Uint8Array | null> {
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
async function parseBytes(file: string, bytes: Uint8Array, syntax: SyntaxOptions, options: Pick<LoadOptions, 'cache' | 'offload' | 'checks'>, hash?: string): Promise<Article> {
  const article = await parsedArticle(file, bytes, syntax, options, hash);
  // Checked in the other thread, or else here.
  const { checks } = options;
  if (checks && !checks.outcomes.has(file)) checks.keep(file, checks.run(article));
  return article;
}

async function parsedArticle(file: string, bytes: Uint8Array, syntax: SyntaxOptions, options: Pick<LoadOptions, 'cache' | 'offload' | 'checks'>, hash?: string): Promise<Article> {
  const { cache, offload } = options;
  let decoded: DecodedText | undefined;
  const decode = () => (decoded ??= decodeText(bytes));
  if (cache) {
    hash ??= hashBytes(bytes);
    const cached = cache.article(file, hash, () => decode().text, syntax);
    if (cached) return cached;
  }
  const elsewhere = offload?.take(file, bytes, hash, syntax);
  let article: Article;
  if (elsewhere) {
    // A thread that fails costs time, never an article: the file is parsed here instead.
    article = await elsewhere.then(
      (parsed) => {
        if (parsed.checked) options.checks?.keep(file, parsed.checked);
        return withFileText(parsed.article, decode().text);
      },
      () => parseArticle(file, bytes, decode(), hash, syntax),
    );
  } else {
    article = parseArticle(file, bytes, decode(), hash, syntax);
    await offload?.poll();
  }
  cache?.remember(article, syntax);
  return article;
}

/** Reads and parses one file; null (with a skip recorded) when it cannot be indexed. */
export async function readArticle(
  fs: FileSystem,
  path: string,
  file: string,
  skipped: SkippedFile[],
  options: Pick<LoadOptions, 'cache' | 'offload' | 'checks'> = {},
  syntax: SyntaxOptions = siteSyntax(defaultSite()),
): Promise<Article | null> {
  const bytes = await readBytes(fs, path, file, skipped);
  if (!bytes) return null;
  return parseBytes(file, bytes, syntax, options);
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
  site: Site;
}

/** The size in bytes of the files a walk listed. */
export function listedBytes(files: readonly { size: number }[]): number {
  let bytes = 0;
  for (const f of files) bytes += f.size;
  return bytes;
}

/** The articles under `root` that the configuration includes: the repository's own files (README, CONTRIBUTING, …) left out. */
export async function walkConfigured(fs: FileSystem, root: string, config: ResolvedConfig, site: Site, signal: AbortSignal | undefined) {
  const walked = await walkDocs(fs, root, { include: config.include, exclude: config.exclude, maxFileSize: config.maxFileSize, signal });
  const named = new Set(config.include.filter((p) => !/[*?[\]{}!]/.test(p)));
  walked.files = walked.files.filter((f) => named.has(f.file) || !isMetaFile(f.file, site, root));
  return walked;
}

/**
 * Walks `root` and reads every file the configuration includes, without parsing: what the
 * cache needs to tell whether anything changed since the last audit.
 */
export async function readDocs(
  fs: FileSystem,
  root: string,
  config: ResolvedConfig,
  options: Pick<LoadOptions, 'signal' | 'onProgress' | 'onWalked'> & {
    /** The site around `root`, when the caller has read it (siteOf). */
    site?: Site;
    /** Called with each file as it is read, in no particular order. */
    onRead?: (file: ReadDocs['files'][number]) => void;
  } = {},
): Promise<ReadDocs> {
  const site = options.site ?? (await siteOf(fs, root, config));
  const walked = await walkConfigured(fs, root, config, site, options.signal);
  options.onWalked?.(walked.files.length, listedBytes(walked.files));
  const skipped = [...walked.skipped];
  const files: ReadDocs['files'] = [];
  const tick = counter(options.onProgress, walked.files.length);
  await inFlight(walked.files, options.signal, async ({ path, file }) => {
    const bytes = await readBytes(fs, path, file, skipped);
    if (bytes) {
      const read = { file, bytes, hash: hashBytes(bytes) };
      files.push(read);
      options.onRead?.(read);
    }
    tick();
  });
  // The cache's key lists the files in this order: it must not depend on which read finished first.
  files.sort((a, b) => compareCodePoints(a.file, b.file));
  return { files, skipped, site };
}

/** Parses a folder read by readDocs (articles the cache has for the same bytes are not parsed again). */
export async function parseDocs(root: string, docs: ReadDocs, options: Pick<LoadOptions, 'signal' | 'cache' | 'offload' | 'checks' | 'onProgress'> = {}): Promise<KnowledgeBase> {
  const syntax = siteSyntax(docs.site);
  await options.cache?.load(docs.files, syntax);
  const articles: Article[] = [];
  const tick = counter(options.onProgress, docs.files.length);
  await inFlight(docs.files, options.signal, async ({ file, bytes, hash }) => {
    articles.push(await parseBytes(file, bytes, syntax, options, hash));
    tick();
  });
  return buildKnowledgeBase(root, articles, docs.skipped, docs.site);
}

/** Walks `root` and parses every article the configuration includes. */
export async function loadKnowledgeBase(
  fs: FileSystem,
  root: string,
  config: ResolvedConfig,
  options: LoadOptions = {},
): Promise<KnowledgeBase> {
  const site = await siteOf(fs, root, config);
  const syntax = siteSyntax(site);
  const walked = await walkConfigured(fs, root, config, site, options.signal);
  options.onWalked?.(walked.files.length, listedBytes(walked.files));
  const skipped = [...walked.skipped];
  await options.cache?.load();
  // Reads overlap with parsing (a few files in flight); the order of the result does not depend
  // on which read finishes first, as buildKnowledgeBase sorts.
  const articles: Article[] = [];
  const tick = counter(options.onProgress, walked.files.length);
  await inFlight(walked.files, options.signal, async ({ path, file }) => {
    const article = await readArticle(fs, path, file, skipped, options, syntax);
    if (article) articles.push(article);
    tick();
  });
  return buildKnowledgeBase(root, articles, skipped, site);
}
