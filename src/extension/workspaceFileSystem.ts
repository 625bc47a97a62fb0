import * as vscode from 'vscode';
import type { DirectoryEntry, EntryType, FileStat, FileSystem } from '../core/fileSystem';

function entryType(type: vscode.FileType): EntryType {
  if (type & vscode.FileType.SymbolicLink) return 'symlink';
  if (type & vscode.FileType.Directory) return 'directory';
  if (type & vscode.FileType.File) return 'file';
  return 'other';
}

/**
 * The engine's file access on vscode.workspace.fs, so remote and virtual workspaces work.
 * Paths are the `path` of URIs in `scheme`/`authority`; there is no realPath, so the walk
 * does not follow symbolic links here.
 */
export function workspaceFileSystem(base: vscode.Uri): FileSystem {
  const uri = (path: string) => base.with({ path });
  return {
    async readFile(path) {
      return vscode.workspace.fs.readFile(uri(path));
    },
    async readDirectory(path): Promise<DirectoryEntry[]> {
      const entries = await vscode.workspace.fs.readDirectory(uri(path));
      return entries.map(([name, type]) => ({ name, type: entryType(type) }));
    },
    async stat(path): Promise<FileStat> {
      const s = await vscode.workspace.fs.stat(uri(path));
      const type = s.type & vscode.FileType.Directory ? 'directory' : s.type & vscode.FileType.File ? 'file' : 'other';
      return { type, size: s.size, mtimeMs: s.mtime };
    },
  };
}
