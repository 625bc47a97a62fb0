import * as vscode from 'vscode';
import type { AuditResult } from '../../../../src/core/audit';
import type { KbAuditApi } from '../../../../src/extension/extension';

export const EXTENSION_ID = 'kb-audit.kb-audit';

export function kbAuditExtension(): vscode.Extension<KbAuditApi> {
  const extension = vscode.extensions.getExtension<KbAuditApi>(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not installed in this host`);
  return extension;
}

/** Activates the extension (a no-op when the workspace already did) and returns its API. */
export async function activateExtension(): Promise<KbAuditApi> {
  return kbAuditExtension().activate();
}

/** The API once the first audit has finished: every test starts from published diagnostics. */
export async function auditedApi(timeoutMs = 20_000): Promise<{ api: KbAuditApi; result: AuditResult }> {
  const api = await activateExtension();
  if (api.lastResult) return { api, result: api.lastResult };
  const result = await new Promise<AuditResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`no audit finished within ${timeoutMs} ms of activation`));
    }, timeoutMs);
    const subscription = api.onDidAudit((audit) => {
      clearTimeout(timer);
      subscription.dispose();
      resolve(audit);
    });
  });
  return { api, result };
}
