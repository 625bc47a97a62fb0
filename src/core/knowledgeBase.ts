import type { ResolvedConfig } from './config/config';
import type { FileSystem } from './fileSystem';
import { errorMessage } from './fileSystem';
import type { Article, Section, SkippedFile } from './model';
import type { AuditCache } from './cache/auditCache';
import { decodeText, looksBinary, type DecodedText } from './parse/decode';
import { hashBytes, parseArticle } from './parse/markdown';
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

/** Reads and parses one file; null (with a skip recorded) when it cannot be indexed. */
export async function readArticle(
  fs: FileSystem,
  path: string,
  file: string,
  skipped: SkippedFile[],
  options: Pick<LoadOptions, 'cache' | 'onRead'> = {},
): Promise<Article | null> {
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
  options.onRead?.(file, bytes);
  const { cache } = options;
  if (!cache) return parseArticle(file, bytes);
  const hash = hashBytes(bytes);
  let decoded: DecodedText | undefined;
  const decode = () => (decoded ??= decodeText(bytes));
  const cached = cache.article(file, hash, () => decode().text);
  if (cached) return cached;
  const article = parseArticle(file, bytes, decode(), hash);
  cache.remember(article);
  return article;
}

/** Walks `root` and parses every article the configuration includes. */
export async function loadKnowledgeBase(
  fs: FileSystem,
  root: string,
  config: ResolvedConfig,
  options: LoadOptions = {},
): Promise<KnowledgeBase> {
  const walked = await walkDocs(fs, root, {
    include: config.include,
    exclude: config.exclude,
    maxFileSize: config.maxFileSize,
    signal: options.signal,
  });
  options.onWalked?.(walked.files.length);
  const skipped = [...walked.skipped];
  await options.cache?.load();
  // Reads overlap with parsing (a few files in flight); the order of the result does not depend
  // on which read finishes first, as buildKnowledgeBase sorts.
  const articles: Article[] = [];
  let next = 0;
  const reader = async () => {
    while (next < walked.files.length) {
      options.signal?.throwIfAborted();
      const file = walked.files[next++];
      const article = await readArticle(fs, file.path, file.file, skipped, options);
      if (article) articles.push(article);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_AHEAD, walked.files.length) }, reader));
  return buildKnowledgeBase(root, articles, skipped);
}
