// The worker thread the extension runs each docs folder's rules, index and preview in (bundled
// to dist/auditWorker.js). One knowledge base per worker; see auditEngine.ts for the messages.
import { parentPort } from 'node:worker_threads';
import { createEngineHost, type EngineRequest } from './auditEngine';

const host = createEngineHost();
const port = parentPort;
if (!port) throw new Error('auditWorker.js runs as a worker thread');

// One request at a time, in order: a re-check must see the load before it.
let queue: Promise<void> = Promise.resolve();
port.on('message', ({ id, request }: { id: number; request: EngineRequest }) => {
  queue = queue.then(async () => {
    try {
      port.postMessage({ id, ok: true, value: await host.handle(request) });
    } catch (error) {
      port.postMessage({ id, ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    }
  });
});
