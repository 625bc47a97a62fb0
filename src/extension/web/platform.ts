// The browser's counterpart of ../platform.ts, swapped in for it by esbuild.js in the web
// bundle (dist/web/extension.js). Same names, same contract.
import * as vscode from 'vscode';
import type { AuditEngine } from '../auditEngine';
import { EXTENSION_ROOT, provideFile, SHIPPED_FILES } from './shims/fs';
import { WebWorkerEngine } from './webWorkerEngine';

/** Which extension host this bundle runs in. */
export const HOST_KIND: 'desktop' | 'web' = 'web';

/** Fetches the shipped files once, for this thread's table and for every worker's. */
async function loadShippedFiles(extensionUri: vscode.Uri): Promise<Record<string, Uint8Array>> {
  const files: Record<string, Uint8Array> = {};
  await Promise.all(
    SHIPPED_FILES.map(async (file) => {
      try {
        const response = await fetch(vscode.Uri.joinPath(extensionUri, file).toString(true));
        if (!response.ok) return;
        const bytes = new Uint8Array(await response.arrayBuffer());
        files[`${EXTENSION_ROOT}/${file}`] = bytes;
        provideFile(`${EXTENSION_ROOT}/${file}`, bytes);
      } catch {
        // Not shipped, or not reachable: the engine runs without it, as it would on the desktop.
      }
    }),
  );
  return files;
}

/**
 * Starts a new audit engine for each docs folder: a Web Worker on dist/web/auditWorker.js.
 * VS Code's web extension host loads the script from the extension's own location (which may
 * be another origin), so the URI is handed over as it is. Undefined where the host offers no
 * Worker: the audit runs in-process then.
 */
export function auditEngineFactory(extensionUri: vscode.Uri): () => AuditEngine | undefined {
  const script = vscode.Uri.joinPath(extensionUri, 'dist', 'web', 'auditWorker.js').toString(true);
  let shipped: Promise<Record<string, Uint8Array>> | undefined;
  return () => {
    shipped ??= loadShippedFiles(extensionUri);
    return typeof Worker === 'function' ? new WebWorkerEngine(script, shipped) : undefined;
  };
}
