// When each file of the docs folder last changed, from git, for stale-translation: one
// `git log` over the docs folder (not a process per file; each change's blob id too, so a file
// changed and changed back is known to be as it was) and one `git status` for what is not
// committed yet, read on first use, so an audit that never asks (one locale, every pair dated
// in front matter, the rule off) runs no git at all.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { ResolvedConfig } from '../core/config/config';
import type { VersionHistory } from '../core/history';

/** What reading the history found: the CLI notes a shallow clone, and warns when git failed. */
export type GitHistoryState =
  | { kind: 'read'; shallow: boolean }
  /** Not a repository, or no git: nothing is wrong, there is no history to read. */
  | { kind: 'none' }
  | { kind: 'failed'; why: string };

export interface GitHistory extends VersionHistory {
  /** Null until something asked (the history is read then). */
  readonly state: GitHistoryState | null;
}

/** One commit's change to a file: when, and the file's contents after it (a blob id; `0…` when deleted). */
export interface FileChange {
  /** Commit time, seconds. */
  time: number;
  blob: string;
}

interface Loaded {
  state: GitHistoryState;
  /** Each file's changes, newest first, by path relative to the docs folder. */
  changes: Map<string, FileChange[]>;
  /** Files with changes not committed yet (modified, added, untracked), relative to the docs folder. */
  uncommitted: Set<string>;
}

const MAX_BUFFER = 1024 * 1024 * 1024;

function run(executable: string, cwd: string, args: string[]): { status: number | null; stdout: string; stderr: string; error?: Error } {
  const result = spawnSync(executable, args, { cwd, encoding: 'utf8', maxBuffer: MAX_BUFFER, stdio: ['ignore', 'pipe', 'pipe'] });
  return { status: result.status, stdout: result.stdout ?? '', stderr: (result.stderr ?? '').trim(), error: result.error };
}

/**
 * `git log -z --format=/%ct --raw --no-abbrev` as each file's changes, newest first. A commit is
 * a header token `/<seconds>`, then for each file a `:<modes> <old> <new> <status>` token (the
 * first after a newline) and the path's token. Merge commits list no files. The path is taken by
 * position, so a path that looks like a header or a change is still a path.
 */
export function parseGitLog(output: string): Map<string, FileChange[]> {
  const changes = new Map<string, FileChange[]>();
  const tokens = output.split('\0');
  let time: number | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i].startsWith('\n') ? tokens[i].slice(1) : tokens[i];
    if (token.startsWith('/')) {
      const seconds = Number(token.slice(1));
      time = Number.isFinite(seconds) ? seconds : null;
    } else if (token.startsWith(':')) {
      const blob = token.split(' ')[3] ?? '';
      const file = tokens[++i];
      if (!file || time === null) continue;
      let list = changes.get(file);
      if (!list) changes.set(file, (list = []));
      list.push({ time, blob });
    }
  }
  // Newest first by time; git's order (newest first too) breaks ties.
  for (const list of changes.values()) list.sort((a, b) => b.time - a.time);
  return changes;
}

/** The change in force at `seconds`: the newest one made then or before; undefined before the first. */
function changeAt(changes: readonly FileChange[], seconds: number): FileChange | undefined {
  return changes.find((c) => c.time <= seconds);
}

/**
 * `git status --porcelain -z --no-renames` as the files with changes not committed yet, relative
 * to the docs folder: porcelain paths are relative to the repository's top, `prefix` is where
 * the docs folder is in it (`docs/`, or `''`).
 */
export function parseGitStatus(output: string, prefix: string): Set<string> {
  const files = new Set<string>();
  for (const record of output.split('\0')) {
    // XY SP path; deleted files are gone from the folder, so nothing asks about them.
    if (record.length < 4 || record[0] === 'D' || record[1] === 'D') continue;
    const path = record.slice(3);
    if (path.startsWith(prefix)) files.add(path.slice(prefix.length));
  }
  return files;
}

function read(docs: string, executable: string, revision: string | undefined): Loaded {
  const empty = (state: GitHistoryState): Loaded => ({ state, changes: new Map(), uncommitted: new Set() });
  // Whether the clone is shallow, where the docs are in the repository, and whether it has a commit, in one process.
  const where = run(executable, docs, ['rev-parse', '--is-shallow-repository', '--show-prefix', '--verify', '--quiet', revision ?? 'HEAD']);
  const [shallow, prefix = '', head] = where.stdout.split('\n');
  if (where.error || (shallow !== 'true' && shallow !== 'false')) return empty({ kind: 'none' });
  let changes = new Map<string, FileChange[]>();
  if (head) {
    // --relative: paths relative to the docs folder, as the audit names articles. The settings
    // keep a user's git configuration out of the output (signatures, --follow, no root commit).
    const log = run(executable, docs, [
      '-c', 'log.showSignature=false', '-c', 'log.follow=false', '-c', 'log.showRoot=true',
      'log', '-z', '--format=/%ct', '--raw', '--no-abbrev', '--relative', '--no-renames', '--no-color', revision ?? 'HEAD', '--', '.',
    ]);
    if (log.status !== 0) return empty({ kind: 'failed', why: log.stderr || log.error?.message || `git log exited with ${log.status}` });
    changes = parseGitLog(log.stdout);
  }
  // A revision is as committed: nothing of it is waiting to be.
  if (revision) return { state: { kind: 'read', shallow: shallow === 'true' }, changes, uncommitted: new Set() };
  // --no-optional-locks: reading the status must not take the index lock an editor's git may want.
  // core.fsmonitor off: a repository's configuration must not get a program of its choosing run.
  const status = run(executable, docs, ['-c', 'core.fsmonitor=false', '--no-optional-locks', 'status', '--porcelain', '-z', '--untracked-files=all', '--no-renames', '--', '.']);
  if (status.status !== 0) return empty({ kind: 'failed', why: status.stderr || status.error?.message || `git status exited with ${status.status}` });
  return { state: { kind: 'read', shallow: shallow === 'true' }, changes, uncommitted: parseGitStatus(status.stdout, prefix) };
}

/**
 * The git history of the docs folder, read on first use. Changes not committed yet count as
 * made at `now` (the audit's time): a translation updated but not committed is not stale, and
 * a source edited in the working tree makes its translations stale at once. Modification times
 * are not used: a checkout sets them all.
 */
export function gitHistory(docs: string, now: Date, executable = 'git', revision?: string): GitHistory {
  let loaded: Loaded | null = null;
  const load = () => (loaded ??= read(docs, executable, revision));
  return {
    name: 'git',
    get state() {
      return loaded?.state ?? null;
    },
    lastChanged(file) {
      const { changes, uncommitted } = load();
      if (uncommitted.has(file)) return now;
      const latest = changes.get(file)?.[0];
      return latest && new Date(latest.time * 1000);
    },
    uncommitted: (file) => load().uncommitted.has(file),
    changedSince(file, since) {
      const { changes, uncommitted } = load();
      const list = changes.get(file);
      if (uncommitted.has(file) || !list?.length) return true;
      return changeAt(list, Math.floor(since.getTime() / 1000))?.blob !== list[0].blob;
    },
    digest() {
      const { state, changes, uncommitted } = load();
      const h = createHash('sha1');
      h.update(`${state.kind}\u0000`);
      for (const file of [...changes.keys()].sort()) {
        h.update(`${file}\u0000`);
        for (const c of changes.get(file)!) h.update(`${c.time} ${c.blob}\u0000`);
      }
      // Not the time: it is the audit's, and the cache's key already has the day.
      for (const file of [...uncommitted].sort()) h.update(`${file}\u0000*\u0000`);
      return h.digest('hex');
    },
  };
}

/**
 * The history an audit of `docs` under `config` may use: none when stale-translation is off or
 * its `history` option is false, so git is not even looked for. `revision`: the docs as at that
 * commit (a diff's BASE or HEAD), else the working tree's, uncommitted changes included.
 * `executable`: the git to run (the editor passes the Git extension's).
 */
export function auditHistory(config: ResolvedConfig, docs: string, now: Date, revision?: string, executable = 'git'): GitHistory | undefined {
  const setting = config.rules['stale-translation'] ?? {};
  if (setting.severity === 'off' || setting.history === false) return undefined;
  return gitHistory(docs, now, executable, revision);
}

/** What to tell the user once the audit ran: a warning when git failed, a note when the clone is shallow. */
export function historyNotes(history: GitHistory | undefined): { warning?: string; note?: string } {
  const state = history?.state;
  if (state?.kind === 'failed') return { warning: `kb-audit: warning: could not read the git history (${state.why}): stale-translation compared front-matter dates only\n` };
  if (state?.kind === 'read' && state.shallow) {
    return {
      note:
        'kb-audit: note: shallow clone: files last changed before its oldest commit all look changed then, so stale-translation ' +
        'may miss some translations older than their source (git fetch --unshallow; in GitHub Actions, actions/checkout with fetch-depth: 0)\n',
    };
  }
  return {};
}
