// A second thread that parses some of the articles while the calling thread parses the others.
// Parsing is the one stage of an audit that splits cleanly by file; the rules need every article
// in one place. A parsed article comes back as a structured clone without its lines (the caller
// has the file and cuts them itself, see withFileText), which costs the calling thread a small
// part of parsing it. The split balances itself: the worker is given a file whenever it has few
// waiting.
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { ArticleChecks, type ArticleChecksSpec, type ArticleOutcomes } from './articleChecks';
import { errorMessage } from './fileSystem';
import { parseArticle, type DetachedArticle } from './parse/markdown';
import type { SyntaxOptions } from './parse/syntax';

/**
 * Below this much Markdown (bytes, as listed) a second thread costs more than it saves: starting
 * it loads and warms a second copy of the engine, and the two threads slow each other. What
 * decides is how much there is to parse, not how many files it is in: on two cores, one thread
 * was faster on 2–12 MB help centres of any number of files (300 to 2,000), two on 20 MB of
 * long READMEs and changelogs (1,171 files), and they were level on 25 and 62 MB.
 */
export const MIN_BYTES_FOR_WORKER = 16_000_000;

/**
 * Whether an audit parses in a second thread: when asked to (jobs 2), or by default on a machine
 * with two cores or more for folders of MIN_BYTES_FOR_WORKER or more.
 */
export function wantsSecondThread(bytes: number, jobs: number | undefined, cores: number): boolean {
  if (jobs !== undefined) return jobs >= 2;
  return cores >= 2 && bytes >= MIN_BYTES_FOR_WORKER;
}

/** Files waiting in the worker at most: enough to keep it busy, few enough to share the work. */
const MAX_PENDING = 12;

const KIND = 'kb-audit:parse-worker';

type Request = { id: number; file: string; bytes: Uint8Array; hash?: string; syntax?: SyntaxOptions };
type Reply = ({ id: number } & Parsed) | { id: number; error: string };

/** An article parsed elsewhere, and the outcomes of the standalone rules on it when the thread was given them. */
export interface Parsed {
  article: DetachedArticle;
  checked?: ArticleOutcomes;
}

/** Takes files to parse elsewhere; null means "parse it yourself". */
export interface ParseOffload {
  take(file: string, bytes: Uint8Array, hash?: string, syntax?: SyntaxOptions): Promise<Parsed> | null;
  /** Lets the articles parsed elsewhere come in: call it between files parsed here. */
  poll(): Promise<void>;
}

/** Parses files in a worker thread started from `script` (a file that calls serveParseWorker). */
export class ParseWorker implements ParseOffload {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (parsed: Parsed) => void; reject: (error: Error) => void }>();
  private next = 0;
  private failure: Error | null = null;
  /** Articles the worker has parsed and sent back. */
  parsed = 0;

  /** With `checks`, the worker also runs the standalone rules on each article it parses. */
  constructor(script: string, checks?: ArticleChecksSpec) {
    this.worker = new Worker(script, { workerData: { kind: KIND, checks } });
    this.worker.on('message', (reply: Reply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if ('article' in reply) {
        this.parsed++;
        waiting.resolve({ article: reply.article, checked: reply.checked });
      }
      else waiting.reject(new Error(reply.error));
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`the parse worker stopped (exit code ${code})`)));
  }

  /** A promise of the parsed article, or null when the worker has enough to do (or has failed). */
  take(file: string, bytes: Uint8Array, hash?: string, syntax?: SyntaxOptions): Promise<Parsed> | null {
    if (this.failure || this.pending.size >= MAX_PENDING) return null;
    const id = this.next++;
    return new Promise<Parsed>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, file, bytes, hash, syntax } satisfies Request);
    });
  }

  /**
   * Replies are messages, and messages are only read when this thread's event loop turns: a
   * caller busy parsing turns it here, so the worker never waits with its replies unread.
   */
  poll(): Promise<void> {
    return this.pending.size > 0 ? new Promise((resolve) => setImmediate(resolve)) : Promise.resolve();
  }

  /** Stops the thread; anything still waiting is rejected (its caller parses it instead). */
  async close(): Promise<void> {
    this.fail(new Error('the parse worker was closed'));
    await this.worker.terminate();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}

/** Whether this thread was started as a ParseWorker. */
export function isParseWorker(): boolean {
  return parentPort !== null && (workerData as { kind?: string } | undefined)?.kind === KIND;
}

/** The worker's side: parse each file that comes in (and run the standalone rules on it, when given them) and send the article back. */
export function serveParseWorker(): void {
  const port = parentPort;
  if (!port || !isParseWorker()) throw new Error('serveParseWorker runs in a thread started by ParseWorker');
  const spec = (workerData as { checks?: ArticleChecksSpec }).checks;
  const checks = spec ? new ArticleChecks(spec) : undefined;
  port.on('message', ({ id, file, bytes, hash, syntax }: Request) => {
    let reply: Reply;
    try {
      const parsed = parseArticle(file, bytes, undefined, hash, syntax);
      const checked = checks?.run(parsed);
      const { lines: _lines, ...article } = parsed;
      reply = { id, article, checked };
    } catch (error) {
      reply = { id, error: errorMessage(error) };
    }
    port.postMessage(reply);
  });
}
