// The caller's side of an AuditEngine that runs in another thread: a worker thread on the
// desktop (workerEngine.ts), a Web Worker in the browser (web/webWorkerEngine.ts). Requests go
// out numbered, replies come back by number; cancelling terminates the thread, which stops the
// work at once, wherever it is. Free of the vscode module.
import type { OnProgress } from '../core/progress';
import type { AuditEngine, CompareRequest, EngineReply, EngineRequest, ParseRequest, ReadRequest, RevisionsRequest } from './auditEngine';

/** What the client needs of a thread, whatever kind it is. */
export interface EngineThread {
  post(message: { id: number; request: EngineRequest }): void;
  /** Called with true when a call starts and false when none is left in flight. */
  setBusy(busy: boolean): void;
  terminate(): void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
  onProgress?: OnProgress;
}

export class EngineClient implements AuditEngine {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stopped: Error | undefined;

  constructor(private readonly thread: EngineThread) {}

  parse(request: ParseRequest, signal?: AbortSignal) {
    return this.call(request, signal) as ReturnType<AuditEngine['parse']>;
  }

  read(request: ReadRequest, signal?: AbortSignal) {
    return this.call(request, signal) as ReturnType<AuditEngine['read']>;
  }

  load(request: Extract<EngineRequest, { kind: 'load' }>, signal?: AbortSignal, onProgress?: OnProgress) {
    return this.call(request, signal, onProgress) as ReturnType<AuditEngine['load']>;
  }

  recheck(request: Extract<EngineRequest, { kind: 'recheck' }>, signal?: AbortSignal) {
    return this.call(request, signal) as ReturnType<AuditEngine['recheck']>;
  }

  preview(request: Extract<EngineRequest, { kind: 'preview' }>, signal?: AbortSignal) {
    return this.call(request, signal) as ReturnType<AuditEngine['preview']>;
  }

  ask(request: Extract<EngineRequest, { kind: 'ask' }>, signal?: AbortSignal) {
    return this.call(request, signal) as ReturnType<AuditEngine['ask']>;
  }

  compare(request: CompareRequest, signal?: AbortSignal) {
    return this.call(request, signal) as ReturnType<AuditEngine['compare']>;
  }

  revisions(request: RevisionsRequest, signal?: AbortSignal) {
    return this.call(request, signal) as ReturnType<AuditEngine['revisions']>;
  }

  /** A reply arrived from the thread. */
  protected receive(reply: EngineReply): void {
    const pending = this.pending.get(reply.id);
    if ('progress' in reply) {
      pending?.onProgress?.(reply.progress);
      return;
    }
    this.pending.delete(reply.id);
    if (reply.ok) pending?.resolve(reply.value);
    else pending?.reject(new Error(`audit worker: ${reply.error}`));
  }

  /** The thread failed or exited: every call in flight, and every later one, rejects. */
  protected stop(error: Error): void {
    this.stopped ??= error;
    for (const pending of this.pending.values()) pending.reject(this.stopped);
    this.pending.clear();
  }

  private call(request: EngineRequest, signal?: AbortSignal, onProgress?: OnProgress): Promise<unknown> {
    if (this.stopped) return Promise.reject(this.stopped);
    if (signal?.aborted) return Promise.reject(signal.reason);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, {
        onProgress,
        resolve: (value) => {
          if (signal) this.unwatch(signal, id);
          resolve(value);
        },
        reject: (error) => {
          if (signal) this.unwatch(signal, id);
          reject(error);
        },
      });
      if (signal) this.watch(signal, id);
      this.thread.setBusy(true);
      this.thread.post({ id, request });
    }).finally(() => {
      if (this.pending.size === 0 && !this.stopped) this.thread.setBusy(false);
    });
  }

  /**
   * Calls in flight by the signal that cancels them, with the one listener each signal gets: a
   * large folder is read in hundreds of calls under one signal, and a listener per call would
   * be hundreds on it (node warns from eleven).
   */
  private readonly watched = new Map<AbortSignal, { calls: Set<number>; abort: () => void }>();

  private watch(signal: AbortSignal, id: number): void {
    let entry = this.watched.get(signal);
    if (!entry) {
      const calls = new Set<number>();
      // Aborting stops the thread: work in a worker cannot be interrupted any other way.
      const abort = () => {
        this.watched.delete(signal);
        for (const call of calls) {
          const pending = this.pending.get(call);
          this.pending.delete(call);
          pending?.reject(signal.reason);
        }
        this.dispose();
      };
      this.watched.set(signal, (entry = { calls, abort }));
      signal.addEventListener('abort', abort, { once: true });
    }
    entry.calls.add(id);
  }

  private unwatch(signal: AbortSignal, id: number): void {
    const entry = this.watched.get(signal);
    if (!entry) return;
    entry.calls.delete(id);
    if (entry.calls.size > 0) return;
    this.watched.delete(signal);
    signal.removeEventListener('abort', entry.abort);
  }

  dispose(): void {
    this.stop(new Error('the audit worker was stopped'));
    this.thread.terminate();
  }
}
