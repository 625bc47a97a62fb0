// Suites that audit a knowledge base written for them (a git repository, a translated help
// centre) point kbAudit.docsPath at it, and back at the sample knowledge base after.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { KbAuditApi } from '../../../../src/extension/extension';
import { waitOn } from '../editorWaits';
import { workspaceFolder } from './workspace';

const posix = (p: string) => p.split(path.sep).join('/');

/** Points kbAudit.docsPath at `dir` and waits for its audit and the catch-up after it. */
export async function auditDocsAt(api: KbAuditApi, dir: string): Promise<void> {
  const audited = waitOn(api.onDidAudit, () => api.lastResult?.kb.root === posix(dir), `the audit of ${dir}`, 90_000);
  await vscode.workspace.getConfiguration('kbAudit', workspaceFolder().uri).update('docsPath', dir, vscode.ConfigurationTarget.Workspace);
  await audited;
  await api.inspect.settle();
}

/** Clears `settings` (kbAudit.*) and kbAudit.docsPath, and waits for the sample knowledge base's audit. */
export async function auditSampleAgain(api: KbAuditApi, settings: string[] = []): Promise<void> {
  const root = posix(workspaceFolder().uri.fsPath);
  const back = waitOn(api.onDidAudit, () => api.lastResult?.kb.root === root, 'the audit of the sample knowledge base again', 90_000);
  const configuration = vscode.workspace.getConfiguration('kbAudit', workspaceFolder().uri);
  for (const name of [...settings, 'docsPath']) await configuration.update(name, undefined, vscode.ConfigurationTarget.Workspace);
  await back;
}
