import * as vscode from 'vscode';
import type { KnowledgeBase } from '../core/knowledgeBase';
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

export function ruleIdOf(diagnostic: vscode.Diagnostic): string | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE || diagnostic.code === undefined) return undefined;
  return typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
}

/** The finding a diagnostic of ours was made from, among `findings` of its file. */
export function findingOf(diagnostic: vscode.Diagnostic, findings: readonly Finding[]): Finding | undefined {
  const ruleId = ruleIdOf(diagnostic);
  if (!ruleId) return undefined;
  return findings.find(
    (f) =>
      f.ruleId === ruleId &&
      f.message === diagnostic.message &&
      f.line - 1 === diagnostic.range.start.line &&
      Math.max(f.column - 1, 0) === diagnostic.range.start.character,
  );
}

export function toDiagnostic(finding: Finding, docsRoot: vscode.Uri, kb?: KnowledgeBase): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(findingRange(finding), finding.message, SEVERITY[finding.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: finding.ruleId, target: vscode.Uri.parse(ruleDocsUrl(finding.ruleId)) };
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map((r) => {
      // The twin's whole heading line, when the knowledge base knows it.
      const lineText = kb?.byFile.get(r.file)?.lines?.at(r.line - 1) ?? '';
      const start = new vscode.Position(Math.max(r.line - 1, 0), 0);
      return new vscode.DiagnosticRelatedInformation(
        new vscode.Location(vscode.Uri.joinPath(docsRoot, ...r.file.split('/')), new vscode.Range(start, start.translate(0, lineText.length))),
        r.message,
      );
    });
  }
  return diagnostic;
}

/**
 * Publishes the findings of one docs folder: sets each file's diagnostics and deletes those of
 * files in `previous` that no longer have any. Returns the URIs now published.
 */
export function publishFindings(
  collection: vscode.DiagnosticCollection,
  docsRoot: vscode.Uri,
  findings: readonly Finding[],
  kb?: KnowledgeBase,
  previous: ReadonlySet<string> = new Set(),
): Set<string> {
  const byFile = new Map<string, vscode.Diagnostic[]>();
  for (const finding of findings) {
    let list = byFile.get(finding.file);
    if (!list) byFile.set(finding.file, (list = []));
    list.push(toDiagnostic(finding, docsRoot, kb));
  }
  const now = new Set<string>();
  const entries: [vscode.Uri, vscode.Diagnostic[]][] = [];
  for (const [file, diagnostics] of byFile) {
    const uri = vscode.Uri.joinPath(docsRoot, ...file.split('/'));
    now.add(uri.toString());
    entries.push([uri, diagnostics]);
  }
  for (const uri of previous) if (!now.has(uri)) collection.delete(vscode.Uri.parse(uri));
  collection.set(entries);
  return now;
}
