import type { DirectoryEntry, FileStat, FileSystem } from '../../src/core/fileSystem';

/**
 * An in-memory FileSystem for unit tests: `files` maps absolute `/`-separated paths to text
 * or bytes; folders are implied by the paths.
 */
export function memoryFileSystem(files: Record<string, string | Uint8Array>): FileSystem & { files: Map<string, Uint8Array> } {
  const store = new Map<string, Uint8Array>();
  for (const [path, content] of Object.entries(files)) {
    store.set(path, typeof content === 'string' ? new TextEncoder().encode(content) : content);
  }
  const isDirectory = (path: string) => {
    const prefix = path.endsWith('/') ? path : path + '/';
    for (const key of store.keys()) if (key.startsWith(prefix)) return true;
    return false;
  };
  const notFound = (path: string) => Object.assign(new Error(`ENOENT: no such file or directory, '${path}'`), { code: 'ENOENT' });
  return {
    files: store,
    async readFile(path) {
      const content = store.get(path);
      if (!content) throw notFound(path);
      return content;
    },
    async readDirectory(path): Promise<DirectoryEntry[]> {
      if (!isDirectory(path)) throw notFound(path);
      const prefix = path.endsWith('/') ? path : path + '/';
      const names = new Map<string, DirectoryEntry['type']>();
      for (const key of store.keys()) {
        if (!key.startsWith(prefix)) continue;
        const rest = key.slice(prefix.length);
        const slash = rest.indexOf('/');
        names.set(slash < 0 ? rest : rest.slice(0, slash), slash < 0 ? 'file' : 'directory');
      }
      return [...names].map(([name, type]) => ({ name, type }));
    },
    async stat(path): Promise<FileStat> {
      const content = store.get(path);
      if (content) return { type: 'file', size: content.length, mtimeMs: 0 };
      if (isDirectory(path)) return { type: 'directory', size: 0, mtimeMs: 0 };
      throw notFound(path);
    },
  };
}
