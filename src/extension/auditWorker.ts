// The worker thread the extension runs each docs folder's rules, index and preview in (bundled
// to dist/auditWorker.js). One knowledge base per worker; see auditEngine.ts for the messages.
// The browser's counterpart is web/auditWorker.ts.
import { parentPort } from 'node:worker_threads';
import { fileVectorStorage } from '../core/cache/embeddingCache';
import { nodeFileSystem } from '../core/nodeFileSystem';
import { serveEngine, type EngineMessage } from './auditEngine';
import { gitTasks } from './compareEngine';
import { useVectorStorage } from './kbSession';

// routing.embeddings' vectors on disk, in the folder the extension names (its global storage).
useVectorStorage(fileVectorStorage);

const port = parentPort;
if (!port) throw new Error('auditWorker.js runs as a worker thread');
// Git runs here, never on the extension host's thread: Compare with Branch reads revisions in this worker.
// A docs folder on disk is read here too, through node:fs: far faster than the editor's file system.
const handle = serveEngine((reply) => port.postMessage(reply), gitTasks, nodeFileSystem);
port.on('message', (message: EngineMessage) => handle(message));
