// A git revision as a read-only FileSystem for the engine: the tree listed once with
// `git ls-tree`, the docs' files read in one `git cat-file --batch`, anything else on demand.
// The engine sees the revision mounted at the repository's own folder, so paths, the config's
// paths and the findings' paths are the same as in the working tree. `kb-audit diff` and the
// editor's Compare with Branch (in its audit worker) both read revisions through this module.
import { execFileSync, spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import type { ContentAddressedFileSystem } from '../core/diff';
import type { DirectoryEntry, FileStat } from '../core/fileSystem';
import { TRAILING_SLASHES, toPosix } from '../core/fileSystem';

/** Why git could not give a revision: the CLI reports these as usage errors (exit 2), the editor as messages. */
export type GitErrorReason = 'no-git' | 'not-a-repository' | 'outside-repository' | 'unknown-revision' | 'not-fetched' | 'failed';

export class GitError extends Error {
  constructor(
    message: string,
    readonly reason: GitErrorReason,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

/** Blobs larger than this are read one by one when asked for, not in the batch (images, archives). */
const BATCH_MAX_BYTES = 4 * 1024 * 1024;

export interface GitRepository {
  /** The working tree's top folder, `/` separators, as the docs path spells it. */
  top: string;
  /** The docs folder relative to `top` (`''` at the top), `/` separators. */
  docs: string;
  /** The git executable (the editor passes the Git extension's); default: `git` on the PATH. */
  git?: string;
}

function git(cwd: string, args: string[], executable = 'git'): string {
  return execFileSync(executable, args, { cwd, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 1024 * 1024 * 1024 }).trim();
}

function tryGit(cwd: string, args: string[], executable?: string): string | null {
  try {
    return git(cwd, args, executable);
  } catch {
    return null;
  }
}

/** Whether git runs at all. */
function hasGit(executable = 'git'): boolean {
  return spawnSync(executable, ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Path rules of a platform: node's own, or (in tests) the other platform's. */
export interface PathFlavor {
  relative(from: string, to: string): string;
  isAbsolute(p: string): boolean;
  /** Whether two spellings differing in case name the same file (Windows). */
  caseInsensitive: boolean;
}

const HOST_PATHS: PathFlavor = { relative: path.relative, isAbsolute: path.isAbsolute, caseInsensitive: process.platform === 'win32' };

function sameOrInside(parent: string, child: string, paths: PathFlavor): boolean {
  const relative = paths.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !paths.isAbsolute(relative));
}

/**
 * Where DOCS is in the repository whose top git names (`top`; `realTop`, `realDocs`: the two
 * with symlinks resolved), and the folder to mount revisions at, spelt as the DOCS path is
 * (drive letter case, backslashes, symlinks), so findings' paths match the working tree's.
 * Null when DOCS is outside the repository.
 */
export function placeDocs(top: string, docs: string, realTop: string, realDocs: string, paths: PathFlavor = HOST_PATHS): { top: string; docs: string } | null {
  if (!sameOrInside(realTop, realDocs, paths)) return null;
  const relative = toPosix(paths.relative(realTop, realDocs));
  const mount = relative ? toPosix(docs).replace(TRAILING_SLASHES, '').slice(0, -(relative.length + 1)) : toPosix(docs).replace(TRAILING_SLASHES, '');
  return { top: mount || toPosix(top), docs: relative };
}

/** `p`'s path inside the repository mounted at `top` (`''` for the top itself), or null outside it. */
export function insideRepository(top: string, p: string, caseInsensitive = HOST_PATHS.caseInsensitive): string | null {
  const root = toPosix(top).replace(TRAILING_SLASHES, '');
  const posix = toPosix(p).replace(TRAILING_SLASHES, '');
  if (posix === root || (caseInsensitive && posix.toLowerCase() === root.toLowerCase())) return '';
  const prefix = `${root}/`;
  const same = caseInsensitive ? posix.toLowerCase().startsWith(prefix.toLowerCase()) : posix.startsWith(prefix);
  return same ? posix.slice(prefix.length) : null;
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
 * DOCS outside that repository is a usage error. `executable`: the git to run (default `git`).
 */
export function findRepository(cwd: string, docs: string, executable?: string): GitRepository {
  if (!hasGit(executable)) throw new GitError('diff of revisions needs git on the PATH (or give two folders: kb-audit diff BASE_FOLDER HEAD_FOLDER)', 'no-git');
  const topOf = (dir: string) => tryGit(dir, ['rev-parse', '--show-toplevel'], executable);
  const top = topOf(cwd) ?? topOf(docs);
  if (!top) {
    throw new GitError(`${docs} is not in a git repository: give two git revisions from inside one, or two folders (kb-audit diff BASE_FOLDER HEAD_FOLDER)`, 'not-a-repository');
  }
  const placed = placeDocs(top, docs, real(top), real(docs));
  if (!placed) {
    throw new GitError(`DOCS ${docs} is outside the git repository at ${toPosix(top)}: run kb-audit diff from inside the repository that holds the docs`, 'outside-repository');
  }
  return { ...placed, ...(executable ? { git: executable } : {}) };
}

/** Local branches, then remote-tracking branches, then tags, by name: what a base can be picked from. */
export function listRevisions(repo: GitRepository): { name: string; kind: 'branch' | 'remote' | 'tag'; commit: string }[] {
  const listing = tryGit(repo.top, ['for-each-ref', '--format=%(refname)%00%(objectname)', 'refs/heads', 'refs/remotes', 'refs/tags'], repo.git) ?? '';
  const out: { name: string; kind: 'branch' | 'remote' | 'tag'; commit: string }[] = [];
  for (const line of listing.split('\n')) {
    const [ref, commit] = line.split('\0');
    if (!ref || !commit) continue;
    if (ref.startsWith('refs/heads/')) out.push({ name: ref.slice('refs/heads/'.length), kind: 'branch', commit });
    else if (ref.startsWith('refs/remotes/') && !ref.endsWith('/HEAD')) out.push({ name: ref.slice('refs/remotes/'.length), kind: 'remote', commit });
    else if (ref.startsWith('refs/tags/')) out.push({ name: ref.slice('refs/tags/'.length), kind: 'tag', commit });
  }
  return out;
}

/** The commit a revision names; a usage error saying why when there is none (and how to fetch it in a shallow clone). */
export function resolveRevision(repo: GitRepository, revision: string): string {
  if (revision.startsWith('-') || revision.trim() === '') throw new GitError(`not a git revision: "${revision}"`, 'unknown-revision');
  const sha = tryGit(repo.top, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`], repo.git);
  if (sha) return sha;
  const shallow = tryGit(repo.top, ['rev-parse', '--is-shallow-repository'], repo.git) === 'true';
  if (shallow) {
    const branch = revision.replace(/^origin\//, '');
    throw new GitError(
      `revision "${revision}" is not in this shallow clone: fetch it first (git fetch --no-tags --depth=1 origin ${branch}), ` +
        `or fetch the whole history (git fetch --unshallow; in GitHub Actions, actions/checkout with fetch-depth: 0)`,
      'not-fetched',
    );
  }
  throw new GitError(`revision "${revision}" does not exist in the git repository at ${repo.top} (a branch, tag or commit, e.g. main or origin/main)`, 'unknown-revision');
}

interface TreeEntry {
  oid: string;
  size: number;
}

/** The files of one commit as a FileSystem mounted at the repository's folder. */
export function revisionFileSystem(repo: GitRepository, commit: string): ContentAddressedFileSystem {
  // mode SP type SP oid SP size TAB path NUL; submodules (commit) and symlinks (120000) are not files to read.
  const listing = git(repo.top, ['ls-tree', '-r', '-z', '-l', '--full-tree', commit], repo.git);
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
    const result = spawnSync(repo.git ?? 'git', ['cat-file', '--batch'], { cwd: repo.top, input: wanted.map(([, e]) => e.oid).join('\n') + '\n', maxBuffer: 4 * 1024 * 1024 * 1024 });
    if (result.status !== 0) throw new GitError(`git cat-file failed in ${repo.top}: ${String(result.stderr).trim()}`, 'failed');
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
  const relative = (p: string): string | null => insideRepository(repo.top, p);
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
        bytes = execFileSync(repo.git ?? 'git', ['cat-file', 'blob', entry.oid], { cwd: repo.top, maxBuffer: 4 * 1024 * 1024 * 1024 });
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

/** How reports name HEAD when it is the working tree. */
export const WORKING_TREE = 'working tree';

/** A short name for a revision in reports: the name given and its abbreviated commit. */
export function describeRevision(revision: string, commit: string): string {
  return `${revision} (${commit.slice(0, 10)})`;
}
