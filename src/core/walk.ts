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
    } catch {
      return null; // dangling link: nothing to read
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
      let type = entry.type;
      let real = joinPath(realDir, entry.name);
      if (type === 'symlink') {
        const link = await resolveLink(path, rel);
        if (!link) continue;
        real = link.real;
        try {
          type = (await fs.stat(path)).type;
        } catch {
          continue;
        }
      }
      if (type === 'directory') {
        if (isExcluded(rel + '/')) continue;
        if (visitedDirectories.has(real)) continue;
        visitedDirectories.add(real);
        await visit(path, real);
      } else if (type === 'file' && isIncluded(rel)) {
        if (seenFiles.has(real)) continue;
        seenFiles.add(real);
        try {
          const stat = await fs.stat(path);
          if (stat.size > options.maxFileSize) {
            skipped.push({
              file: rel,
              reason: 'too-large',
              detail: `${stat.size} bytes is over the size cap of ${options.maxFileSize} bytes (maxFileSize)`,
            });
            continue;
          }
          files.push({ path, file: rel, size: stat.size, mtimeMs: stat.mtimeMs });
        } catch (error) {
          skipped.push({ file: rel, reason: 'vanished', detail: errorMessage(error) });
        }
      }
    }
  }

  await visit(root, realRoot);
  files.sort((a, b) => compareCodePoints(a.file, b.file));
  skipped.sort((a, b) => compareCodePoints(a.file, b.file));
  return { files, skipped };
}
