// The AuditEngine in a worker thread: the extension host's thread hands it the articles' bytes
// and gets findings back, so the rules that compare articles (hundreds of milliseconds at
// 10,000 sections) never hold the editor. Cancelling terminates the thread, which stops the
// work at once, wherever it is. Free of the vscode module.
import { Worker } from 'node:worker_threads';
import { EngineClient, type EngineReply } from './engineClient';

export class WorkerEngine extends EngineClient {
  /** `script`: the bundled dist/auditWorker.js. */
  constructor(script: string) {
    const worker = new Worker(script);
    // An idle worker does not keep the process alive.
    worker.unref();
    super({
      post: (message) => worker.postMessage(message),
      setBusy: (busy) => (busy ? worker.ref() : worker.unref()),
      terminate: () => void worker.terminate(),
    });
    worker.on('message', (reply: EngineReply) => this.receive(reply));
    worker.on('error', (error) => this.stop(error));
    worker.on('exit', (code) => this.stop(new Error(`the audit worker stopped (exit code ${code})`)));
  }
}
