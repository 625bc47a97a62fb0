// A git revision as a read-only FileSystem for the engine: the tree listed once with
// `git ls-tree`, the docs' files read in one `git cat-file --batch`, anything else on demand.
// The engine sees the revision mounted at the repository's own folder, so paths, the config's
// paths and the findings' paths are the same as in the working tree.
import { execFileSync, spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import type { ContentAddressedFileSystem } from '../core/diff';
import type { DirectoryEntry, FileStat } from '../core/fileSystem';
import { toPosix } from '../core/fileSystem';
import { UsageError } from './context';

/** Blobs larger than this are read one by one when asked for, not in the batch (images, archives). */
const BATCH_MAX_BYTES = 4 * 1024 * 1024;

export interface GitRepository {
  /** The working tree's top folder, `/` separators, as the docs path spells it. */
  top: string;
  /** The docs folder relative to `top` (`''` at the top), `/` separators. */
  docs: string;
}

function git(cwd: string, args: string[], input?: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 1024 * 1024 * 1024 }).trim();
}

function tryGit(cwd: string, args: string[]): string | null {
  try {
    return git(cwd, args);
  } catch {
    return null;
  }
}

/** Whether git runs at all. */
function hasGit(): boolean {
  return spawnSync('git', ['--version'], { stdio: 'ignore' }).status === 0;
}

function sameOrInside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function real(p: string): string {
  try {
    return realpathSync.native(p);
  } catch {
    return p;
  }
}

/**
 * The repository of the working folder (else the one holding DOCS), and where DOCS is in it.
 * DOCS outside that repository is a usage error.
 */
export function findRepository(cwd: string, docs: string): GitRepository {
  if (!hasGit()) throw new UsageError('diff of revisions needs git on the PATH (or give two folders: kb-audit diff BASE_FOLDER HEAD_FOLDER)');
  const topOf = (dir: string) => tryGit(dir, ['rev-parse', '--show-toplevel']);
  const top = topOf(cwd) ?? topOf(docs);
  if (!top) {
    throw new UsageError(`${docs} is not in a git repository: give two git revisions from inside one, or two folders (kb-audit diff BASE_FOLDER HEAD_FOLDER)`);
  }
  const realTop = real(top);
  const realDocs = real(docs);
  if (!sameOrInside(realTop, realDocs)) {
    throw new UsageError(`DOCS ${docs} is outside the git repository at ${toPosix(top)}: run kb-audit diff from inside the repository that holds the docs`);
  }
  const relative = toPosix(path.relative(realTop, realDocs));
  // Mount the revision where the docs path says the repository is (drive letter case, symlinks).
  const mount = relative ? toPosix(docs).replace(/\/+$/, '').slice(0, -(relative.length + 1)) : toPosix(docs).replace(/\/+$/, '');
  return { top: mount || toPosix(top), docs: relative };
}

/** The commit a revision names; a usage error saying why when there is none (and how to fetch it in a shallow clone). */
export function resolveRevision(repo: GitRepository, revision: string): string {
  if (revision.startsWith('-') || revision.trim() === '') throw new UsageError(`not a git revision: "${revision}"`);
  const sha = tryGit(repo.top, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`]);
  if (sha) return sha;
  const shallow = tryGit(repo.top, ['rev-parse', '--is-shallow-repository']) === 'true';
  if (shallow) {
    const branch = revision.replace(/^origin\//, '');
    throw new UsageError(
      `revision "${revision}" is not in this shallow clone: fetch it first (git fetch --no-tags --depth=1 origin ${branch}), ` +
        `or fetch the whole history (git fetch --unshallow; in GitHub Actions, actions/checkout with fetch-depth: 0)`,
    );
  }
  throw new UsageError(`revision "${revision}" does not exist in the git repository at ${repo.top} (a branch, tag or commit, e.g. main or origin/main)`);
}

interface TreeEntry {
  oid: string;
  size: number;
}

/** The files of one commit as a FileSystem mounted at the repository's folder. */
export function revisionFileSystem(repo: GitRepository, commit: string): ContentAddressedFileSystem {
  // mode SP type SP oid SP size TAB path NUL; submodules (commit) and symlinks (120000) are not files to read.
  const listing = git(repo.top, ['ls-tree', '-r', '-z', '-l', '--full-tree', commit]);
  const files = new Map<string, TreeEntry>();
  const folders = new Map<string, Map<string, DirectoryEntry['type']>>([['', new Map()]]);
  for (const record of listing.split('\0')) {
    if (!record) continue;
    const tab = record.indexOf('\t');
    const [mode, type, oid, size] = record.slice(0, tab).split(/\s+/);
    const file = record.slice(tab + 1);
    if (type !== 'blob' || mode === '120000') continue;
    files.set(file, { oid, size: Number(size) });
    const parts = file.split('/');
    for (let i = 0; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('/');
      let entries = folders.get(parent);
      if (!entries) folders.set(parent, (entries = new Map()));
      entries.set(parts[i], i === parts.length - 1 ? 'file' : 'directory');
    }
  }
  const contents = new Map<string, Uint8Array>();
  let batched = false;
  // The docs' files in one batch, on the first read: one git process, however many articles.
  // (A diff whose states are all cached only lists the tree and reads nothing.)
  const readBatch = () => {
    batched = true;
    const wanted = [...files].filter(([file, e]) => (repo.docs === '' || file.startsWith(`${repo.docs}/`)) && e.size <= BATCH_MAX_BYTES);
    if (wanted.length === 0) return;
    const result = spawnSync('git', ['cat-file', '--batch'], { cwd: repo.top, input: wanted.map(([, e]) => e.oid).join('\n') + '\n', maxBuffer: 4 * 1024 * 1024 * 1024 });
    if (result.status !== 0) throw new UsageError(`git cat-file failed in ${repo.top}: ${String(result.stderr).trim()}`);
    const out = result.stdout;
    let offset = 0;
    const byOid = new Map<string, Uint8Array>();
    while (offset < out.length) {
      const newline = out.indexOf(10, offset);
      const header = out.subarray(offset, newline).toString('utf8').split(' ');
      const size = Number(header[2]);
      if (header[1] !== 'blob' || !Number.isFinite(size)) break;
      byOid.set(header[0], out.subarray(newline + 1, newline + 1 + size));
      offset = newline + 1 + size + 1;
    }
    for (const [file, e] of wanted) {
      const bytes = byOid.get(e.oid);
      if (bytes) contents.set(file, bytes);
    }
  };
  const top = repo.top.replace(/\/+$/, '');
  const relative = (p: string): string | null => {
    const posix = toPosix(p).replace(/\/+$/, '');
    if (posix === top) return '';
    const prefix = `${top}/`;
    const same = process.platform === 'win32' ? posix.toLowerCase().startsWith(prefix.toLowerCase()) : posix.startsWith(prefix);
    return same ? posix.slice(prefix.length) : null;
  };
  const notFound = (p: string) => Object.assign(new Error(`ENOENT: no such file or directory in ${commit.slice(0, 12)}, '${p}'`), { code: 'ENOENT' });
  return {
    contentId(p) {
      const file = relative(p);
      return file === null ? undefined : files.get(file)?.oid;
    },
    async readFile(p) {
      const file = relative(p);
      const entry = file === null ? undefined : files.get(file);
      if (file === null || !entry) throw notFound(p);
      if (!batched && (repo.docs === '' || file.startsWith(`${repo.docs}/`))) readBatch();
      let bytes = contents.get(file);
      if (!bytes) {
        bytes = execFileSync('git', ['cat-file', 'blob', entry.oid], { cwd: repo.top, maxBuffer: 4 * 1024 * 1024 * 1024 });
        contents.set(file, bytes);
      }
      return bytes;
    },
    async readDirectory(p) {
      const folder = relative(p);
      const entries = folder === null ? undefined : folders.get(folder);
      if (!entries) throw notFound(p);
      return [...entries].map(([name, type]) => ({ name, type }));
    },
    async stat(p): Promise<FileStat> {
      const file = relative(p);
      if (file === null) throw notFound(p);
      const entry = files.get(file);
      if (entry) return { type: 'file', size: entry.size, mtimeMs: 0 };
      if (folders.has(file)) return { type: 'directory', size: 0, mtimeMs: 0 };
      throw notFound(p);
    },
  };
}

/** A short name for a revision in reports: the name given and its abbreviated commit. */
export function describeRevision(revision: string, commit: string): string {
  return `${revision} (${commit.slice(0, 10)})`;
}
