// The Web Worker the web extension runs each docs folder's rules, index and preview in (bundled
// to dist/web/auditWorker.js): the browser's counterpart of ../auditWorker.ts, same engine host.
import { serveEngine } from '../auditEngine';
import { provideFile } from './shims/fs';
import type { WebWorkerMessage } from './webWorkerEngine';

const scope = globalThis as unknown as {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WebWorkerMessage>) => void): void;
};
const handle = serveEngine((reply) => scope.postMessage(reply));
scope.addEventListener('message', ({ data }) => {
  if ('provide' in data) for (const [path, bytes] of Object.entries(data.provide)) provideFile(path, bytes);
  else handle(data);
});
