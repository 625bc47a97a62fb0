// The AuditEngine in a worker thread: the extension host's thread hands it the articles' bytes
// and gets findings back, so the rules that compare articles (hundreds of milliseconds at
// 10,000 sections) never hold the editor. Cancelling terminates the thread, which stops the
// work at once, wherever it is. Free of the vscode module.
import { Worker } from 'node:worker_threads';
import type { AuditEngine, EngineRequest } from './auditEngine';

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export class WorkerEngine implements AuditEngine {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stopped: Error | undefined;

  /** `script`: the bundled dist/auditWorker.js. */
  constructor(script: string) {
    this.worker = new Worker(script);
    // An idle worker does not keep the process alive.
    this.worker.unref();
    this.worker.on('message', ({ id, ok, value, error }: { id: number; ok: boolean; value?: unknown; error?: string }) => {
      const pending = this.pending.get(id);
      this.pending.delete(id);
      if (ok) pending?.resolve(value);
      else pending?.reject(new Error(`audit worker: ${error}`));
    });
    this.worker.on('error', (error) => this.stop(error));
    this.worker.on('exit', (code) => this.stop(new Error(`the audit worker stopped (exit code ${code})`)));
  }

  load(request: Extract<EngineRequest, { kind: 'load' }>, signal?: AbortSignal) {
    return this.call(request, signal) as ReturnType<AuditEngine['load']>;
  }

  recheck(request: Extract<EngineRequest, { kind: 'recheck' }>, signal?: AbortSignal) {
    return this.call(request, signal) as ReturnType<AuditEngine['recheck']>;
  }

  preview(request: Extract<EngineRequest, { kind: 'preview' }>, signal?: AbortSignal) {
    return this.call(request, signal) as ReturnType<AuditEngine['preview']>;
  }

  private call(request: EngineRequest, signal?: AbortSignal): Promise<unknown> {
    if (this.stopped) return Promise.reject(this.stopped);
    if (signal?.aborted) return Promise.reject(signal.reason);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      // Aborting stops the thread: work in a worker cannot be interrupted any other way.
      const abort = () => {
        this.pending.delete(id);
        reject(signal!.reason);
        this.dispose();
      };
      signal?.addEventListener('abort', abort, { once: true });
      this.pending.set(id, {
        resolve: (value) => {
          signal?.removeEventListener('abort', abort);
          resolve(value);
        },
        reject: (error) => {
          signal?.removeEventListener('abort', abort);
          reject(error);
        },
      });
      this.worker.ref();
      this.worker.postMessage({ id, request });
    }).finally(() => {
      if (this.pending.size === 0 && !this.stopped) this.worker.unref();
    });
  }

  private stop(error: Error): void {
    this.stopped ??= error;
    for (const pending of this.pending.values()) pending.reject(this.stopped);
    this.pending.clear();
  }

  dispose(): void {
    this.stop(new Error('the audit worker was stopped'));
    void this.worker.terminate();
  }
}
