// `node:worker_threads` in the web bundle. The only importer left is the CLI's parse pool
// (core/parseWorker.ts), which the extension never starts: it reads and parses articles on the
// extension host's thread between file reads, and audits in a Web Worker (web/webWorkerEngine.ts).
// Starting the pool in the browser is a bug, and says so.
export const isMainThread = true;
export const parentPort = null;
export const workerData = undefined;

export class Worker {
  constructor() {
    throw new Error('the worker-thread parse pool is not available in the browser; the web extension audits in a Web Worker');
  }
}
