import * as vscode from 'vscode';
import type { AuditResult } from '../core/audit';
import { AuditController } from './auditController';
import { CommandId } from './commandIds';
import { DIAGNOSTIC_SOURCE } from './diagnostics';

/** What the extension exports: used by its integration tests and by other extensions. */
export interface KbAuditApi {
  runAudit(): Promise<AuditResult | undefined>;
  readonly lastResult: AuditResult | undefined;
  readonly onDidAudit: vscode.Event<AuditResult>;
}

/** Saves come in bursts (Save All): one audit after the last of them. */
const SAVE_DEBOUNCE_MS = 300;

/** An article or the config file: saving either can change the findings. */
function isAuditInput(document: vscode.TextDocument): boolean {
  if (!vscode.workspace.getWorkspaceFolder(document.uri)) return false;
  const path = document.uri.path.toLowerCase();
  return path.endsWith('.md') || path.endsWith('.markdown') || path.endsWith('/kb-audit.json');
}

export function activate(context: vscode.ExtensionContext): KbAuditApi {
  const output = vscode.window.createOutputChannel('KB Audit', { log: true });
  const diagnostics = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  const controller = new AuditController(diagnostics, output);
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  const didSaveTextDocument = (document: vscode.TextDocument) => {
    if (!isAuditInput(document)) return;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => void controller.runAudit().catch(() => undefined), SAVE_DEBOUNCE_MS);
  };
  context.subscriptions.push(
    output,
    diagnostics,
    controller,
    vscode.commands.registerCommand(CommandId.RunAudit, () => controller.runAudit()),
    vscode.workspace.onDidSaveTextDocument(didSaveTextDocument),
    { dispose: () => clearTimeout(saveTimer) },
  );
  // The first audit starts after activation returns, so startup is never blocked.
  setTimeout(() => void controller.runAudit().catch(() => undefined), 0);
  return {
    runAudit: () => controller.runAudit(),
    get lastResult() {
      return controller.result;
    },
    onDidAudit: controller.onDidAudit,
  };
}

export function deactivate(): void {}
