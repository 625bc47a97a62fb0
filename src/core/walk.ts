import picomatch from 'picomatch';
import type { FileSystem } from './fileSystem';
import { errorMessage, isInside, joinPath, relativePath } from './fileSystem';
import type { SkippedFile } from './model';

export interface WalkOptions {
  include: string[];
  exclude: string[];
  maxFileSize: number;
  signal?: AbortSignal;
}

export interface WalkedFile {
  /** Absolute, `/` separators. */
  path: string;
  /** Relative to the docs root. */
  file: string;
  size: number;
  mtimeMs: number;
}

export interface WalkResult {
  files: WalkedFile[];
  skipped: SkippedFile[];
}

const ALWAYS_EXCLUDED = new Set(['node_modules', '.git']);

/**
 * Calls to the file system a walk keeps in flight at most. An editor's file system answers
 * each call in a round trip between processes (milliseconds), so a walk that waited for each
 * stat before the next spent minutes waiting on a large folder; a local disk answers at once,
 * and the bound only keeps the number of open requests small.
 */
const WALK_CALLS = 64;

/**
 * Runs calls with at most `max` of them waiting at once; the others queue in order. The queue
 * is read from a moving head, not shifted: a folder of 50,000 files queues nearly all of them,
 * and shifting a list that long copies it each time.
 */
export function callLimit(max: number): <T>(call: () => Promise<T>) => Promise<T> {
  let active = 0;
  let queue: Array<() => void> = [];
  let head = 0;
  const next = () => {
    if (head === queue.length) return;
    const resolve = queue[head++];
    if (head === queue.length) {
      queue = [];
      head = 0;
    }
    resolve();
  };
  return async (call) => {
    if (active >= max) await new Promise<void>((resolve) => queue.push(resolve));
    active++;
    try {
      return await call();
    } finally {
      active--;
      next();
    }
  };
}

/** Code-point order, so output is the same whatever the file system or locale. */
export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Paths in the order of a depth-first walk of folders sorted by name: segment by segment, in code-point order. */
function compareSegments(a: string, b: string): number {
  const as = a.split('/');
  const bs = b.split('/');
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    const order = compareCodePoints(as[i], bs[i]);
    if (order !== 0) return order;
  }
  return as.length - bs.length;
}

/** Why a symbolic link could not be followed, in words. */
function brokenLinkDetail(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ELOOP') return 'symbolic link goes round in a loop';
  if (code === 'ENOENT') return 'symbolic link points to a file that does not exist';
  return `symbolic link cannot be followed: ${errorMessage(error)}`;
}

/**
 * Lists the articles under `root` matching the include globs. Symlinks are followed only
 * when they resolve inside the root, and each real directory is visited once, so loops end.
 */
export async function walkDocs(fs: FileSystem, root: string, options: WalkOptions): Promise<WalkResult> {
  // Folders and files are visited concurrently; the result is sorted, so it does not depend on which call returns first.
  const limited = callLimit(WALK_CALLS);
  const isIncluded = picomatch(options.include, { dot: false });
  const isExcluded = options.exclude.length > 0 ? picomatch(options.exclude, { dot: true }) : () => false;
  const files: WalkedFile[] = [];
  const skipped: SkippedFile[] = [];
  const seenFiles = new Set<string>();
  const realRoot = fs.realPath ? await fs.realPath(root) : root;
  const visitedDirectories = new Set<string>([realRoot]);

  async function resolveLink(path: string, rel: string): Promise<{ real: string } | null> {
    if (!fs.realPath) return null;
    try {
      const real = await fs.realPath(path);
      if (!isInside(realRoot, real)) {
        skipped.push({ file: rel, reason: 'symlink-outside-root', detail: 'symbolic link points outside the docs folder' });
        return null;
      }
      return { real };
    } catch (error) {
      // A link that leads nowhere, or round in a loop: nothing to read. Where it stands for an
      // article, the article the author meant is not in the index.
      if (isIncluded(rel)) skipped.push({ file: rel, reason: 'unreadable', detail: brokenLinkDetail(error) });
      return null;
    }
  }

  // Symbolic links are followed after every real entry, so a file reached both ways is
  // listed under its real path.
  const deferredLinks: { path: string; rel: string }[] = [];

  async function addFile(path: string, rel: string, real: string): Promise<void> {
    if (!isIncluded(rel) || seenFiles.has(real)) return;
    seenFiles.add(real);
    try {
      const stat = await limited(() => fs.stat(path));
      if (stat.size > options.maxFileSize) {
        skipped.push({
          file: rel,
          reason: 'too-large',
          detail: `${stat.size} bytes is over the size cap of ${options.maxFileSize} bytes (maxFileSize)`,
        });
        return;
      }
      files.push({ path, file: rel, size: stat.size, mtimeMs: stat.mtimeMs });
    } catch (error) {
      skipped.push({ file: rel, reason: 'vanished', detail: errorMessage(error) });
    }
  }

  async function visit(dir: string, realDir: string): Promise<void> {
    options.signal?.throwIfAborted();
    let entries;
    try {
      entries = await limited(() => fs.readDirectory(dir));
    } catch (error) {
      skipped.push({ file: relativePath(root, dir) || '.', reason: 'unreadable', detail: errorMessage(error) });
      return;
    }
    entries.sort((a, b) => compareCodePoints(a.name, b.name));
    const visits: Promise<void>[] = [];
    for (const entry of entries) {
      if (ALWAYS_EXCLUDED.has(entry.name)) continue;
      const path = joinPath(dir, entry.name);
      const rel = relativePath(root, path);
      if (isExcluded(rel)) continue;
      const real = joinPath(realDir, entry.name);
      if (entry.type === 'symlink') {
        deferredLinks.push({ path, rel });
      } else if (entry.type === 'directory') {
        if (isExcluded(rel + '/') || visitedDirectories.has(real)) continue;
        visitedDirectories.add(real);
        visits.push(visit(path, real));
      } else if (entry.type === 'file') {
        visits.push(addFile(path, rel, real));
      }
    }
    await Promise.all(visits);
  }

  async function followLink(path: string, rel: string): Promise<void> {
    const link = await resolveLink(path, rel);
    if (!link) return;
    let type;
    try {
      type = (await fs.stat(path)).type;
    } catch {
      return;
    }
    if (type === 'directory') {
      if (visitedDirectories.has(link.real)) return;
      visitedDirectories.add(link.real);
      await visit(path, link.real);
    } else if (type === 'file') {
      await addFile(path, rel, link.real);
    }
  }

  await visit(root, realRoot);
  // Links in the order a walk one entry at a time would meet them (folders first-to-last, each
  // depth first), whichever call returned first: which of two links to one file lists it must
  // not depend on timing. Following a link can reveal more links; each real directory is
  // still visited once.
  const byWalkOrder = (a: { rel: string }, b: { rel: string }) => compareSegments(a.rel, b.rel);
  deferredLinks.sort(byWalkOrder);
  for (let i = 0; i < deferredLinks.length; i++) {
    options.signal?.throwIfAborted();
    const found = deferredLinks.length;
    await followLink(deferredLinks[i].path, deferredLinks[i].rel);
    for (const link of deferredLinks.splice(found).sort(byWalkOrder)) deferredLinks.push(link);
  }
  files.sort((a, b) => compareCodePoints(a.file, b.file));
  skipped.sort((a, b) => compareCodePoints(a.file, b.file));
  return { files, skipped };
}
