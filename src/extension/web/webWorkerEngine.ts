// The AuditEngine in a Web Worker, as WorkerEngine is in a worker thread on the desktop: the web
// extension host's thread reads and parses the articles, the worker runs the rules, the index
// and the preview. Cancelling terminates the worker. Free of the vscode module.
import type { EngineMessage } from '../auditEngine';
import type { EngineReply } from '../auditEngine';
import { EngineClient } from '../engineClient';

/** What the web extension posts to its worker: the shipped files first, then engine requests. */
export type WebWorkerMessage = EngineMessage | { provide: Record<string, Uint8Array> };

export class WebWorkerEngine extends EngineClient {
  /**
   * `script`: the URL of the bundled dist/web/auditWorker.js. `shipped`: files of the extension
   * the engine reads synchronously (see shims/fs.ts), handed to the worker before any request.
   */
  constructor(script: string, shipped: Promise<Record<string, Uint8Array>>) {
    const worker = new Worker(script, { name: 'KB Audit engine' });
    // Requests wait for the shipped files, in order: one chain of posts.
    let posted: Promise<unknown> = shipped.then(
      (provide) => worker.postMessage({ provide } satisfies WebWorkerMessage),
      () => undefined,
    );
    super({
      post: (message) => {
        posted = posted.then(() => worker.postMessage(message satisfies WebWorkerMessage));
      },
      // A Web Worker never keeps the page alive: nothing to do.
      setBusy: () => undefined,
      terminate: () => worker.terminate(),
    });
    worker.addEventListener('message', (event: MessageEvent<EngineReply>) => this.receive(event.data));
    worker.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault();
      this.stop(new Error(`the audit worker failed: ${event.message || 'its script did not load'}`));
    });
    worker.addEventListener('messageerror', () => this.stop(new Error('the audit worker sent a message that could not be read')));
  }
}
