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

export function activate(context: vscode.ExtensionContext): KbAuditApi {
  const output = vscode.window.createOutputChannel('KB Audit', { log: true });
  const diagnostics = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  const controller = new AuditController(diagnostics, output);
  context.subscriptions.push(
    output,
    diagnostics,
    controller,
    vscode.commands.registerCommand(CommandId.RunAudit, () => controller.runAudit()),
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
