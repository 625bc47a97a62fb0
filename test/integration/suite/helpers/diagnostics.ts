import * as vscode from 'vscode';
import { waitFor } from './events';
import { relativePath } from './workspace';

export const SOURCE = 'kb-audit';

/** The extension's diagnostics, by path relative to the workspace folder. */
export function kbAuditDiagnostics(): Map<string, vscode.Diagnostic[]> {
  const byFile = new Map<string, vscode.Diagnostic[]>();
  for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
    const ours = diagnostics.filter((d) => d.source === SOURCE);
    if (ours.length) byFile.set(relativePath(uri), ours);
  }
  return byFile;
}

export function ruleId(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** One line per diagnostic, sorted: compares whole states and reads well in a failure. */
export function describeDiagnostics(byFile = kbAuditDiagnostics()): string[] {
  const lines: string[] = [];
  for (const [file, diagnostics] of byFile) {
    for (const d of diagnostics) {
      const r = d.range;
      lines.push(
        `${file}:${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${vscode.DiagnosticSeverity[d.severity]} ${ruleId(d)}`,
      );
    }
  }
  return lines.sort();
}

/** The diagnostics of `file` with rule `rule`. */
export function diagnosticsOf(file: string, rule: string, byFile = kbAuditDiagnostics()): vscode.Diagnostic[] {
  return (byFile.get(file) ?? []).filter((d) => ruleId(d) === rule);
}

/**
 * Resolves with the first truthy value of `check` on the extension's diagnostics, evaluated now
 * and on every languages.onDidChangeDiagnostics; rejects after `timeoutMs` naming `what` and
 * listing the diagnostics as they stand. Start waiting before the action that causes the change.
 */
export function waitForDiagnostics<T>(
  what: string,
  check: (byFile: Map<string, vscode.Diagnostic[]>) => T | undefined | false | null,
  timeoutMs = 15_000,
): Promise<T> {
  return waitFor(vscode.languages.onDidChangeDiagnostics, what, () => check(kbAuditDiagnostics()), {
    timeoutMs,
    describe: () => describeDiagnostics().join('\n  ') || '(no kb-audit diagnostics)',
  });
}
