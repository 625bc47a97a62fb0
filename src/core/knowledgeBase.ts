import type { ResolvedConfig } from './config/config';
import type { FileSystem } from './fileSystem';
import { errorMessage } from './fileSystem';
import type { Article, Section, SkippedFile } from './model';
import { looksBinary } from './parse/decode';
import { parseArticle } from './parse/markdown';
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
}

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
  return parseArticle(file, bytes);
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
  const skipped = [...walked.skipped];
  const articles: Article[] = [];
  for (const file of walked.files) {
    options.signal?.throwIfAborted();
    const article = await readArticle(fs, file.path, file.file, skipped);
    if (article) articles.push(article);
  }
  return buildKnowledgeBase(root, articles, skipped);
}
