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

/** Code-point order, so output is the same whatever the file system or locale. */
export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
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
      const stat = await fs.stat(path);
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
      entries = await fs.readDirectory(dir);
    } catch (error) {
      skipped.push({ file: relativePath(root, dir) || '.', reason: 'unreadable', detail: errorMessage(error) });
      return;
    }
    entries.sort((a, b) => compareCodePoints(a.name, b.name));
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
        await visit(path, real);
      } else if (entry.type === 'file') {
        await addFile(path, rel, real);
      }
    }
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
  // Following a link can reveal more links; each real directory is still visited once.
  for (let i = 0; i < deferredLinks.length; i++) {
    options.signal?.throwIfAborted();
    await followLink(deferredLinks[i].path, deferredLinks[i].rel);
  }
  files.sort((a, b) => compareCodePoints(a.file, b.file));
  skipped.sort((a, b) => compareCodePoints(a.file, b.file));
  return { files, skipped };
}
