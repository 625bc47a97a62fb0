// The built-in Git extension (vscode.git), where it is installed and enabled: which git it runs
// (the `git.path` setting is honoured that way) and the branches and tags of a repository it
// knows, for the Compare with Branch picker. Only the few members used are typed here; the
// full API is extensions/git/src/api/git.d.ts in VS Code's repository.
import * as vscode from 'vscode';

/** RefType in git.d.ts. */
const enum RefType {
  Head = 0,
  RemoteHead = 1,
  Tag = 2,
}

interface Ref {
  readonly type: RefType;
  readonly name?: string;
}

export interface GitRepositoryApi {
  readonly rootUri: vscode.Uri;
  readonly state: { readonly refs?: Ref[] };
  getRefs?(query: object): Promise<Ref[]>;
  getBranches?(query: { remote?: boolean }): Promise<Ref[]>;
}

export interface GitApi {
  readonly state: 'uninitialized' | 'initialized';
  readonly onDidChangeState: vscode.Event<'uninitialized' | 'initialized'>;
  readonly git: { readonly path: string };
  getRepository(uri: vscode.Uri): GitRepositoryApi | null;
}

interface GitExtensionExports {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

/**
 * The git the Git extension runs, without activating it or waiting for it: its path when it is
 * active, null when git is turned off in VS Code (`git.enabled`), undefined otherwise (then
 * `git` on the PATH).
 */
export function activeGitPath(): string | null | undefined {
  const extension = vscode.extensions.getExtension<GitExtensionExports>('vscode.git');
  if (!extension?.isActive) return undefined;
  try {
    const exports = extension.exports;
    return exports?.enabled ? exports.getAPI(1).git.path : null;
  } catch {
    return undefined;
  }
}

/** How long to wait for the Git extension to find its repositories. */
const READY_TIMEOUT_MS = 5000;

/** The Git extension's API, or undefined where it is missing, disabled (`git.enabled`) or fails. */
export async function gitExtensionApi(): Promise<GitApi | undefined> {
  const extension = vscode.extensions.getExtension<GitExtensionExports>('vscode.git');
  if (!extension) return undefined;
  try {
    const exports = extension.isActive ? extension.exports : await extension.activate();
    if (!exports?.enabled) return undefined;
    const api = exports.getAPI(1);
    if (api.state !== 'initialized') {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, READY_TIMEOUT_MS);
        const subscription = api.onDidChangeState((state) => state === 'initialized' && done());
        function done() {
          clearTimeout(timer);
          subscription.dispose();
          resolve();
        }
      });
    }
    return api;
  } catch {
    return undefined;
  }
}

/**
 * The repository holding `uri` if the Git extension has it open (a workspace folder's); null
 * otherwise: it is not opened for this, which would add it to the Source Control view.
 */
export function gitRepositoryOf(api: GitApi, uri: vscode.Uri): GitRepositoryApi | null {
  try {
    return api.getRepository(uri);
  } catch {
    return null;
  }
}

export interface RevisionChoice {
  name: string;
  kind: 'branch' | 'remote' | 'tag';
}

/** Branches, remote branches and tags of `repository`, through whichever listing this VS Code's API has. */
export async function revisionsOf(repository: GitRepositoryApi): Promise<RevisionChoice[]> {
  const refs = (await repository.getRefs?.({})) ?? (await repository.getBranches?.({ remote: true })) ?? repository.state.refs ?? [];
  const kinds: Record<RefType, RevisionChoice['kind']> = { [RefType.Head]: 'branch', [RefType.RemoteHead]: 'remote', [RefType.Tag]: 'tag' };
  return refs
    .filter((ref) => ref.name && kinds[ref.type] && !(ref.type === RefType.RemoteHead && ref.name.endsWith('/HEAD')))
    .map((ref) => ({ name: ref.name!, kind: kinds[ref.type] }));
}
