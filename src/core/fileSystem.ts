// The engine reads files only through this interface: node:fs in the CLI and tests,
// vscode.workspace.fs in the extension, an in-memory map in tests that need one.

export type EntryType = 'file' | 'directory' | 'symlink' | 'other';

export interface DirectoryEntry {
  name: string;
  type: EntryType;
}

export interface FileStat {
  type: EntryType;
  size: number;
  mtimeMs: number;
}

export interface FileSystem {
  readFile(path: string): Promise<Uint8Array>;
  readDirectory(path: string): Promise<DirectoryEntry[]>;
  /** Follows symlinks. */
  stat(path: string): Promise<FileStat>;
  /** Resolves symlinks; absent where the backing store cannot (symlinks are then not followed). */
  realPath?(path: string): Promise<string>;
}

/**
 * The slashes a path ends with. The lookbehind lets a match start only at the first slash of a
 * run: `/\/+$/` tries again from every slash of a long run that is not at the end (quadratic).
 */
export const TRAILING_SLASHES = /(?<!\/)\/+$/;
/** The slashes a path starts or ends with (for `replace`, which resets the `g` flag's position). */
export const EDGE_SLASHES = /^\/+|(?<!\/)\/+$/g;

/** Paths inside the engine are absolute with `/` separators (Windows drive letters kept). */
export function toPosix(path: string): string {
  return path.replace(/\\/g, '/');
}

export function joinPath(base: string, ...parts: string[]): string {
  // The root itself ('/': a folder at the top of a virtual file system, such as the web's) stays absolute.
  let out = toPosix(base).replace(TRAILING_SLASHES, '');
  const root = out === '' && toPosix(base).startsWith('/') ? '/' : '';
  for (const part of parts) {
    if (!part) continue;
    out = out === '' ? root + part.replace(/^\/+/, '') : `${out}/${part.replace(/^\/+/, '')}`;
  }
  return out || '/';
}

export function relativePath(root: string, path: string): string {
  const r = toPosix(root).replace(TRAILING_SLASHES, '');
  const p = toPosix(path);
  if (p === r) return '';
  return p.startsWith(r + '/') ? p.slice(r.length + 1) : p;
}

export function isInside(root: string, path: string): boolean {
  const r = toPosix(root).replace(TRAILING_SLASHES, '');
  const p = toPosix(path);
  return p === r || p.startsWith(r + '/');
}

export function dirname(path: string): string {
  const p = toPosix(path);
  const i = p.lastIndexOf('/');
  return i <= 0 ? (i === 0 ? '/' : '.') : p.slice(0, i);
}

/** Resolves `.` and `..` segments of a `/`-separated relative path; null when it climbs above the root. */
export function normalizeRelative(path: string): string | null {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return null;
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

function isAbsolute(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:\//.test(path);
}

/** `path` resolved against `base` (absolute), with `.` and `..` segments folded. */
export function resolvePath(base: string, path: string): string {
  const full = isAbsolute(toPosix(path)) ? toPosix(path) : joinPath(base, toPosix(path));
  const drive = /^[A-Za-z]:/.exec(full)?.[0] ?? '';
  const out: string[] = [];
  for (const part of full.slice(drive.length).split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `${drive}/${out.join('/')}`;
}
