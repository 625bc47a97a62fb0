// What the desktop extension host has that the browser's has not. The web bundle replaces this
// module with web/platform.ts (an esbuild alias in esbuild.js); both export the same names, so
// the rest of the extension is one source for both hosts.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { fileVectorStorage } from '../core/cache/embeddingCache';
import type { AuditEngine } from './auditEngine';
import { useVectorStorage } from './kbSession';
import { WorkerEngine } from './workerEngine';

// routing.embeddings' vectors on disk (the extension's global storage), for audits that run in-process.
useVectorStorage(fileVectorStorage);

/** Which extension host this bundle runs in. */
export const HOST_KIND: 'desktop' | 'web' = 'desktop';

/**
 * Starts a new audit engine for each docs folder: a worker thread on dist/auditWorker.js,
 * beside this bundle. Undefined when the script is missing (unit runs from the sources): the
 * audit runs in-process then.
 */
export function auditEngineFactory(_extensionUri: vscode.Uri): () => AuditEngine | undefined {
  const script = path.join(__dirname, 'auditWorker.js');
  return () => (existsSync(script) ? new WorkerEngine(script) : undefined);
}
