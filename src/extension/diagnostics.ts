import * as vscode from 'vscode';
import type { Finding, Severity } from '../core/model';
import { ruleDocsUrl } from '../core/rules';

export const DIAGNOSTIC_SOURCE = 'kb-audit';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** Core findings are 1-based; VS Code ranges are 0-based. */
export function findingRange(finding: Finding): vscode.Range {
  const start = new vscode.Position(Math.max(finding.line - 1, 0), Math.max(finding.column - 1, 0));
  const end = new vscode.Position(Math.max(finding.endLine - 1, 0), Math.max(finding.endColumn - 1, 0));
  return new vscode.Range(start, end.isBefore(start) ? start : end);
}

export function toDiagnostic(finding: Finding, docsRoot: vscode.Uri): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(findingRange(finding), finding.message, SEVERITY[finding.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: finding.ruleId, target: vscode.Uri.parse(ruleDocsUrl(finding.ruleId)) };
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map(
      (r) =>
        new vscode.DiagnosticRelatedInformation(
          new vscode.Location(vscode.Uri.joinPath(docsRoot, r.file), new vscode.Position(Math.max(r.line - 1, 0), 0)),
          r.message,
        ),
    );
  }
  return diagnostic;
}

/** Replaces everything in `collection` with the findings of one audit of `docsRoot`. */
export function publishFindings(collection: vscode.DiagnosticCollection, docsRoot: vscode.Uri, findings: Finding[]): void {
  const byFile = new Map<string, vscode.Diagnostic[]>();
  for (const finding of findings) {
    let list = byFile.get(finding.file);
    if (!list) byFile.set(finding.file, (list = []));
    list.push(toDiagnostic(finding, docsRoot));
  }
  collection.clear();
  collection.set([...byFile].map(([file, diagnostics]) => [vscode.Uri.joinPath(docsRoot, file), diagnostics]));
}
