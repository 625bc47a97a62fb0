// The second thread of a diff: it audits BASE while the calling thread audits HEAD. The two
// audits share nothing but the on-disk cache, which this thread only reads, so a first diff on
// two cores takes about the time of one audit instead of two. It is the CLI's own bundle,
// started with a marker in its workerData (see cli.ts).
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { join } from 'node:path';
import { AuditCache } from '../core/cache/auditCache';
import type { ResolvedConfig } from '../core/config/config';
import { auditState, SharedArticleCache, withFile, type AuditElsewhere, type BaseQuestions, type StoredState } from '../core/diff';
import { errorMessage, type FileSystem } from '../core/fileSystem';
import { nodeFileSystem } from '../core/nodeFileSystem';
import { revisionFileSystem, type GitRepository } from './git';
import { auditHistory } from './gitHistory';

const KIND = 'kb-audit:diff-state';

/** Where BASE's files are: a folder on disk, or a git revision. */
export type StateSource = { kind: 'folder'; root: string } | { kind: 'git'; repo: GitRepository; commit: string; root: string };

interface Request {
  kind: typeof KIND;
  source: StateSource;
  questions: BaseQuestions | null;
  config: ResolvedConfig;
  now: Date;
  questionsDisplayName?: string;
  /** The CLI's cache folder and engine id, when --cache is on: read, never written here. */
  cacheDir?: string;
  engine?: string;
}

type Reply = { state: StoredState; hits: number; misses: number } | { error: string };

export function isDiffStateWorker(): boolean {
  return !isMainThread && (workerData as { kind?: unknown } | null)?.kind === KIND;
}

/** Runs in the worker: audits the state described in workerData and posts it back. */
export function serveDiffStateWorker(): void {
  const request = workerData as Request;
  void (async (): Promise<Reply> => {
    try {
      const { source, questions, config, now, questionsDisplayName, cacheDir, engine } = request;
      let fs: FileSystem = source.kind === 'git' ? revisionFileSystem(source.repo, source.commit) : nodeFileSystem;
      if (questions?.bytes) fs = withFile(fs, questions.path, questions.bytes);
      // The diff's own folder and the audit's, both read only: the calling thread writes them.
      const shared = cacheDir && engine ? new AuditCache(cacheDir, engine) : undefined;
      const own = cacheDir && engine ? new AuditCache(join(cacheDir, 'diff'), engine) : undefined;
      const cache = new SharedArticleCache(own, shared);
      // BASE's history as of its commit, as the calling thread would read it.
      const history = source.kind === 'git' ? auditHistory(config, source.root, now, source.commit) : undefined;
      const state = await auditState({ fs, root: source.root }, questions?.path ?? null, { config, now, questionsDisplayName }, cache, history);
      return { state, hits: cache.stats.hits, misses: cache.stats.misses };
    } catch (error) {
      return { error: error instanceof Error ? (error.stack ?? error.message) : errorMessage(error) };
    }
  })().then((reply) => parentPort!.postMessage(reply));
}

/**
 * runDiff's auditBaseElsewhere for the CLI: BASE audited in a worker thread started from
 * `script` (the CLI's bundle).
 */
export function auditBaseInWorker(script: string, base: StateSource, request: Omit<Request, 'kind' | 'source' | 'questions'>): AuditElsewhere {
  return (questions, signal) =>
    new Promise((resolve, reject) => {
      const worker = new Worker(script, { workerData: { ...request, kind: KIND, source: base, questions } satisfies Request });
      let settled = false;
      const settle = (then: () => void) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', stop);
        then();
      };
      const stop = () => settle(() => void worker.terminate().then(() => reject(new Error('stopped'))));
      signal.addEventListener('abort', stop);
      worker.once('message', (reply: Reply) =>
        settle(() => {
          // Its git reader may still be open: the reply is all that is wanted.
          void worker.terminate();
          if ('error' in reply) reject(new Error(`auditing the base: ${reply.error}`));
          else resolve(reply);
        }),
      );
      worker.once('error', (error) => settle(() => reject(error)));
      worker.once('exit', (code) => settle(() => reject(new Error(`the thread auditing the base stopped (exit code ${code})`))));
    });
}
