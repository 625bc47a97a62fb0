import { promises as fs } from 'node:fs';
import type { DirectoryEntry, EntryType, FileStat, FileSystem } from './fileSystem';
import { toPosix } from './fileSystem';

function entryType(d: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): EntryType {
  if (d.isSymbolicLink()) return 'symlink';
  if (d.isFile()) return 'file';
  if (d.isDirectory()) return 'directory';
  return 'other';
}

/** The engine's file access on node:fs, for the CLI and the unit tests. */
export const nodeFileSystem: FileSystem = {
  async readFile(path) {
    return fs.readFile(path);
  },
  async readDirectory(path): Promise<DirectoryEntry[]> {
    const entries = await fs.readdir(path, { withFileTypes: true });
    return entries.map((d) => ({ name: d.name, type: entryType(d) }));
  },
  async stat(path): Promise<FileStat> {
    const s = await fs.stat(path);
    return { type: entryType(s), size: s.size, mtimeMs: s.mtimeMs };
  },
  async realPath(path) {
    return toPosix(await fs.realpath(path));
  },
};
