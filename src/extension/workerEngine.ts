// The AuditEngine in a worker thread: the extension host's thread hands it the articles' bytes
// and gets findings back, so the rules that compare articles (hundreds of milliseconds at
// 10,000 sections) never hold the editor. Cancelling terminates the thread, which stops the
// work at once, wherever it is. Free of the vscode module.
//
// The thread starts with the first request. When that is a load, its heap limit is set from
// the size of the articles: a very large workspace (50,000 articles, 300 MB of Markdown) needs
// more than V8's default, and a worker that runs out of memory would leave the audit to the
// extension host's own thread.
import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { EngineReply, EngineRequest } from './auditEngine';
import { EngineClient } from './engineClient';

const MB = 1024 * 1024;

/**
 * The old-generation heap, in MB, an engine needs for `docsBytes` of articles: what the parsed
 * model and the rules' tables take per byte of Markdown, with room for garbage collection
 * (measured: about 1.2 GB peak for 62 MB of generated articles, 3.7 GB for 310 MB), never more
 * than three quarters of the machine's memory. Undefined when V8's default (`defaultMb`) is enough.
 */
export function engineHeapLimitMb(docsBytes: number, defaultMb: number, machineMb: number): number | undefined {
  const needed = Math.ceil(1024 + (16 * docsBytes) / MB);
  if (needed <= defaultMb) return undefined;
  return Math.max(defaultMb, Math.min(needed, Math.floor(machineMb * 0.75)));
}

export interface WorkerEngineOptions {
  /** The heap limit for a first load of `docsBytes` (default: engineHeapLimitMb with this process's default and the machine's memory). */
  heapLimitMb?: (docsBytes: number) => number | undefined;
}

export class WorkerEngine extends EngineClient {
  private worker: Worker | undefined;

  /** `script`: the bundled dist/auditWorker.js. */
  constructor(script: string, options: WorkerEngineOptions = {}) {
    const sizeFor = options.heapLimitMb ?? ((bytes: number) => engineHeapLimitMb(bytes, getHeapStatistics().heap_size_limit / MB, totalmem() / MB));
    let terminated = false;
    let busy = false;
    const start = (first: EngineRequest): Worker => {
      const docsBytes = first.kind === 'load' ? first.files.reduce((sum, f) => sum + f.bytes.byteLength, 0) : first.kind === 'parse' || first.kind === 'read' ? first.docsBytes : 0;
      const limit = sizeFor(docsBytes);
      const worker = new Worker(script, limit === undefined ? {} : { resourceLimits: { maxOldGenerationSizeMb: limit } });
      // An idle worker does not keep the process alive.
      if (!busy) worker.unref();
      worker.on('message', (reply: EngineReply) => this.receive(reply));
      worker.on('error', (error) => this.stop(error));
      worker.on('exit', (code) => this.stop(new Error(code === 1 && limit !== undefined ? `the audit worker stopped (exit code ${code}; heap limit ${limit} MB)` : `the audit worker stopped (exit code ${code})`)));
      return worker;
    };
    super({
      post: (message) => {
        if (terminated) return;
        this.worker ??= start(message.request);
        this.worker.postMessage(message);
      },
      setBusy: (now) => {
        busy = now;
        if (now) this.worker?.ref();
        else this.worker?.unref();
      },
      terminate: () => {
        terminated = true;
        void this.worker?.terminate();
      },
    });
  }

  /** The thread's old-generation heap limit, in MB: the one it was started with, else V8's default (4,096 MB on a 64-bit machine with memory to spare); undefined before it starts. */
  get heapLimitMb(): number | undefined {
    return this.worker?.resourceLimits?.maxOldGenerationSizeMb || undefined;
  }
}
