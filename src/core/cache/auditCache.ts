// An on-disk cache for repeated audits of the same folder (the CLI's --cache):
//   - parsed articles, keyed by file path and a hash of the file's bytes, so an unchanged
//     article is never parsed twice;
//   - the findings of the last audit, keyed by the engine, the configuration, the day and every
//     article's hash (and the version history's digest, when a rule read it), so re-auditing an
//     unchanged knowledge base skips the rules too.
// Both live in one folder the user may delete at any time. A missing, stale or corrupt cache is
// ignored, never an error: the audit then runs as if there were none and rewrites it.
import { withFileText, type DetachedArticle } from '../parse/markdown';
import { PLAIN_SYNTAX, type SyntaxOptions } from '../parse/syntax';
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { NO_HISTORY } from '../history';
import type { Article, Finding, SkippedFile } from '../model';

/** Bumped whenever what is stored changes shape, so older caches are ignored. */
const CACHE_FORMAT = 6;
const ARTICLES_FILE = 'articles.v8';
const FINDINGS_FILE = 'findings.v8';

/** An article as stored: its text lines are rebuilt from the file. */
type StoredArticle = DetachedArticle;

/**
 * The articles file: MAGIC, then frames, each a 4-byte little-endian length and a V8-serialized
 * value: first this header, then for each run of up to ENTRIES_PER_FRAME entries a frame of
 * their keys and a frame of their articles. One value for all of them is built in one buffer
 * that doubles as it grows (a 580 MB file at 50,000 articles raised the audit's peak memory by
 * 900 MB), and read whole it holds every stored article beside the articles made from them.
 * Frames are written one at a time; on reading, only the keys are read, and a run's articles
 * when one of them is first asked for.
 */
interface ArticlesHeader {
  format: number;
  engine: string;
  /** How many entries the frames after the header hold: fewer means the file was cut short. */
  count: number;
}

/** A run of stored articles not read yet: its keys, and where its articles' frame is. */
interface StoredRun {
  keys: string[];
  position: number;
  length: number;
}

const MAGIC = Buffer.from('kb-audit articles\n');
const ENTRIES_PER_FRAME = 256;

interface FindingsPack {
  format: number;
  key: string;
  /**
   * The digest of the version history the rules read (git's commit times), when they read it:
   * part of the key, known only after the rules ran (an audit of one locale never reads it).
   */
  history?: string;
  findings: Finding[];
  /** How many sections the audited articles had, for the report's summary. */
  sections: number;
}

/** The findings of an earlier audit of the same articles under the same configuration. */
export interface ReusedFindings {
  findings: Finding[];
  sections: number;
}

export interface AuditCacheStats {
  /** Articles taken from the cache, and articles parsed. */
  hits: number;
  misses: number;
  /** Whether the findings of an identical earlier audit were reused. */
  findingsReused: boolean;
  /** Why an existing cache was not used, when it was not (unreadable, another engine version). */
  ignored: string | null;
}

/** Articles are cached per file, bytes and dialect: the same bytes parse differently as MDX. */
function articleKey(file: string, hash: string, syntax: SyntaxOptions): string {
  return `${file}\u0000${hash}\u0000${syntax.mdx ? 1 : 0}${syntax.shortcodes ? 1 : 0}${syntax.templateTags ? 1 : 0}${syntax.wikilinks ? 1 : 0}`;
}

export class AuditCache {
  private readonly entries = new Map<string, StoredArticle>();
  /** Stored articles not read yet (see ArticlesHeader): each key's run, in the file at `file`. */
  private readonly unread = new Map<string, StoredRun>();
  private file: { path: string; size: number; mtimeMs: number } | undefined;
  private readonly fresh = new Map<string, StoredArticle>();
  private loaded = false;
  /** Whether this run used an article the stored ones lack: else, unless some went unused, they need no rewrite. */
  private added = false;
  readonly stats: AuditCacheStats = { hits: 0, misses: 0, findingsReused: false, ignored: null };

  /**
   * @param dir the cache folder (created on first save)
   * @param engine what produced the entries (tool version and build): another engine's entries are ignored
   */
  constructor(
    readonly dir: string,
    private readonly engine: string,
  ) {}

  /**
   * Reads the stored articles once; anything unreadable means an empty cache. `wanted`: the
   * files about to be asked for (a cache made of several may skip a part that is not needed).
   */
  async load(_wanted?: ReadonlyArray<{ file: string; hash: string }>, _syntax?: SyntaxOptions): Promise<void> {
    if (this.loaded) return;
    this.loaded = true;
    const path = join(this.dir, ARTICLES_FILE);
    const read = await readArticleRuns(path, this.engine);
    if (read === null) return;
    if (typeof read === 'string') {
      this.stats.ignored = read;
      return;
    }
    this.file = { path, ...read.file };
    for (const run of read.runs) for (const key of run.keys) this.unread.set(key, run);
  }

  /** The stored entry under `key`, its run read from the file if it was not yet. */
  private stored(key: string): StoredArticle | undefined {
    const run = this.unread.get(key);
    if (run) {
      for (const k of run.keys) this.unread.delete(k);
      const articles = this.file && readRun(this.file, run);
      // A run that cannot be read (the file replaced or damaged since): its articles are parsed.
      if (articles) for (const [i, k] of run.keys.entries()) this.entries.set(k, articles[i]);
    }
    return this.entries.get(key);
  }

  /** Whether the loaded cache has these bytes of this file (as `article` would find them). */
  has(file: string, hash: string, syntax: SyntaxOptions = PLAIN_SYNTAX): boolean {
    const stored = this.stored(articleKey(file, hash, syntax));
    return stored !== undefined && isStoredArticle(stored, file, hash);
  }

  /** The parsed article for these bytes of this file, or undefined. `text` is the decoded file. */
  article(file: string, hash: string, text: () => string, syntax: SyntaxOptions = PLAIN_SYNTAX): Article | undefined {
    const key = articleKey(file, hash, syntax);
    const stored = this.stored(key);
    if (!stored || !isStoredArticle(stored, file, hash)) {
      this.stats.misses++;
      return undefined;
    }
    this.stats.hits++;
    // The article joined to its file is made of new sections and blocks: the cache keeps those
    // (without the lines), so that it does not hold the ones it read beside them.
    const article = withFileText(stored, text());
    const { lines: _lines, ...kept } = article;
    this.entries.set(key, kept);
    this.fresh.set(key, kept);
    return article;
  }

  /** Remembers a freshly parsed article for the next run. */
  remember(article: Article, syntax: SyntaxOptions = PLAIN_SYNTAX): void {
    const { lines: _lines, ...stored } = article;
    const key = articleKey(article.file, article.hash, syntax);
    if (!this.has(article.file, article.hash, syntax)) this.added = true;
    this.fresh.set(key, stored);
  }

  /** The key of an audit's findings: same engine, configuration, day and articles, same findings. */
  findingsKey(parts: { config: unknown; day: string; articles: ReadonlyArray<{ file: string; hash: string }>; skipped: readonly SkippedFile[] }): string {
    const h = createHash('sha1');
    h.update(`${CACHE_FORMAT}\u0000${this.engine}\u0000${parts.day}\u0000${JSON.stringify(parts.config)}\u0000`);
    for (const a of parts.articles) h.update(`${a.file}\u0000${a.hash}\u0000`);
    h.update(JSON.stringify(parts.skipped));
    return h.digest('hex');
  }

  /**
   * Findings stored under `key`, or null. `articles` is how many articles the key covers: when
   * the findings are reused, none of them is parsed or even taken out of the cache. `history`
   * gives the digest of this audit's version history, asked only when the stored findings came
   * from one: the same articles and configuration make the rules read it again, so it must match.
   */
  async findings(key: string, articles: number, history?: () => string): Promise<ReusedFindings | null> {
    const pack = await readPack<FindingsPack>(join(this.dir, FINDINGS_FILE));
    if (!pack || pack.format !== CACHE_FORMAT || pack.key !== key || !Array.isArray(pack.findings) || typeof pack.sections !== 'number') return null;
    if (pack.history !== undefined && pack.history !== (history?.() ?? NO_HISTORY)) return null;
    this.stats.findingsReused = true;
    this.stats.hits = articles;
    return { findings: pack.findings, sections: pack.sections };
  }

  /**
   * Writes the articles seen in this run (entries for files that are gone or changed are dropped)
   * and, when given, the audit's findings. A cache that cannot be written is skipped silently:
   * it only ever makes the next run faster.
   */
  async save(findings?: { key: string; history?: string; findings: Finding[]; sections: number }): Promise<void> {
    // Nothing new to write: the findings were reused, so the stored articles are those they came from.
    if (this.stats.findingsReused) return;
    try {
      await mkdir(this.dir, { recursive: true });
      // The articles used are all stored ones, and every stored one was used: the file stands.
      const same = !this.added && this.fresh.size === this.entries.size + this.unread.size;
      if (!same) await writeArticles(join(this.dir, ARTICLES_FILE), this.engine, this.fresh);
      if (findings) {
        await writeAtomic(join(this.dir, FINDINGS_FILE), serialize({ format: CACHE_FORMAT, ...findings } satisfies FindingsPack));
      } else {
        await rm(join(this.dir, FINDINGS_FILE), { force: true });
      }
      await writeFile(join(this.dir, 'README.txt'), 'kb-audit cache: parsed articles and the last findings. Safe to delete.\n');
    } catch {
      // Read-only folder, disk full: the audit's result does not depend on the cache.
    }
  }
}

/** The value of a file that holds one, or null (no file, or not a value). */
async function readPack<T>(path: string): Promise<T | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    return null;
  }
  try {
    const value = deserialize(bytes) as T;
    return typeof value === 'object' && value !== null ? value : null;
  } catch {
    return null;
  }
}

async function writeAtomic(path: string, bytes: Uint8Array): Promise<void> {
  await writeThenRename(path, (temporary) => writeFile(temporary, bytes));
}

/** Writes the file under a temporary name, then renames it into place: a reader never sees half of it. */
async function writeThenRename(path: string, write: (temporary: string) => Promise<void>): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await write(temporary);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Writes the articles file (see ArticlesHeader), one frame at a time. */
async function writeArticles(path: string, engine: string, entries: Map<string, StoredArticle>): Promise<void> {
  await writeThenRename(path, async (temporary) => {
    const file = await open(temporary, 'w');
    try {
      const frame = async (value: unknown) => {
        const bytes = serialize(value);
        const length = Buffer.alloc(4);
        length.writeUInt32LE(bytes.length);
        await file.write(length);
        await file.write(bytes);
      };
      await file.write(MAGIC);
      await frame({ format: CACHE_FORMAT, engine, count: entries.size } satisfies ArticlesHeader);
      let keys: string[] = [];
      let articles: StoredArticle[] = [];
      const run = async () => {
        await frame(keys);
        await frame(articles);
        keys = [];
        articles = [];
      };
      for (const [key, article] of entries) {
        keys.push(key);
        articles.push(article);
        if (keys.length === ENTRIES_PER_FRAME) await run();
      }
      if (keys.length > 0) await run();
    } finally {
      await file.close();
    }
  });
}

/**
 * The runs of an articles file (their keys, and where their articles are), null when there is
 * none, or why it is not used: written by another version (another format or engine, or an
 * older cache that was one serialized value), or unreadable (damaged, cut short).
 */
async function readArticleRuns(path: string, engine: string): Promise<{ runs: StoredRun[]; file: { size: number; mtimeMs: number } } | string | null> {
  let file: FileHandle;
  try {
    file = await open(path, 'r');
  } catch {
    return null;
  }
  try {
    const { size, mtimeMs } = await file.stat();
    const start = Buffer.alloc(MAGIC.length);
    const { bytesRead } = await file.read(start, 0, start.length, 0);
    // A cache of an earlier version is one V8-serialized value, which starts with its version tag.
    if (bytesRead === start.length && start[0] === 0xff && !start.equals(MAGIC)) return 'written by another version';
    if (bytesRead !== start.length || !start.equals(MAGIC)) return 'unreadable';
    let position = MAGIC.length;
    /** The next frame's place and length, after checking it lies within the file. */
    const next = async (): Promise<{ position: number; length: number }> => {
      const prefix = Buffer.alloc(4);
      if ((await file.read(prefix, 0, 4, position)).bytesRead !== 4) throw new Error('cut short');
      const frame = { position: position + 4, length: prefix.readUInt32LE() };
      if (frame.position + frame.length > size) throw new Error('cut short');
      position = frame.position + frame.length;
      return frame;
    };
    const value = async (): Promise<unknown> => {
      const frame = await next();
      const bytes = Buffer.allocUnsafe(frame.length);
      if ((await file.read(bytes, 0, frame.length, frame.position)).bytesRead !== frame.length) throw new Error('cut short');
      return deserialize(bytes);
    };
    const header = (await value()) as Partial<ArticlesHeader> | null;
    if (typeof header !== 'object' || header === null) return 'unreadable';
    if (header.format !== CACHE_FORMAT || header.engine !== engine) return 'written by another version';
    if (typeof header.count !== 'number') return 'unreadable';
    const runs: StoredRun[] = [];
    let count = 0;
    while (position < size) {
      const keys = await value();
      if (!Array.isArray(keys) || keys.length === 0 || keys.some((key) => typeof key !== 'string')) return 'unreadable';
      runs.push({ keys: keys as string[], ...(await next()) });
      count += keys.length;
    }
    return count === header.count ? { runs, file: { size, mtimeMs } } : 'unreadable';
  } catch {
    return 'unreadable';
  } finally {
    await file.close();
  }
}

/** A run's stored articles, or null when the file changed since its keys were read, or the run does not read back. */
function readRun(file: { path: string; size: number; mtimeMs: number }, run: StoredRun): StoredArticle[] | null {
  let fd: number;
  try {
    fd = openSync(file.path, 'r');
  } catch {
    return null;
  }
  try {
    const { size, mtimeMs } = fstatSync(fd);
    if (size !== file.size || mtimeMs !== file.mtimeMs) return null;
    const bytes = Buffer.allocUnsafe(run.length);
    if (readSync(fd, bytes, 0, run.length, run.position) !== run.length) return null;
    const articles = deserialize(bytes) as unknown;
    return Array.isArray(articles) && articles.length === run.keys.length ? (articles as StoredArticle[]) : null;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/** A light check that a stored entry has the shape of an article of this file (a damaged cache is not trusted). */
function isStoredArticle(value: StoredArticle, file: string, hash: string): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    value.file === file &&
    value.hash === hash &&
    Array.isArray(value.sections) &&
    Array.isArray(value.parseFindings) &&
    Array.isArray(value.suppressions) &&
    value.sections.every((s) => typeof s === 'object' && s !== null && Array.isArray(s.blocks) && Array.isArray(s.links) && Array.isArray(s.headingPath))
  );
}
