import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import type { DirectoryEntry, EntryType, FileStat, FileSystem } from './fileSystem';
import { toPosix } from './fileSystem';

function entryType(d: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): EntryType {
  if (d.isSymbolicLink()) return 'symlink';
  if (d.isFile()) return 'file';
  if (d.isDirectory()) return 'directory';
  return 'other';
}

/**
 * The engine's file access on node:fs, for the CLI and the unit tests. The calls are
 * synchronous behind the async interface: a help article is read in microseconds, while a trip
 * through libuv's thread pool for each of open, stat, read and close costs more than the read,
 * and the CLI has nothing else to do meanwhile. (The extension reads through VS Code instead.)
 */
export const nodeFileSystem: FileSystem = {
  async readFile(path) {
    return readFileSync(path);
  },
  async readDirectory(path): Promise<DirectoryEntry[]> {
    return readdirSync(path, { withFileTypes: true }).map((d) => ({ name: d.name, type: entryType(d) }));
  },
  async stat(path): Promise<FileStat> {
    const s = statSync(path);
    return { type: entryType(s), size: s.size, mtimeMs: s.mtimeMs };
  },
  async realPath(path) {
    return toPosix(realpathSync(path));
  },
};
