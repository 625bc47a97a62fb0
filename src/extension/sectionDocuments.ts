// Read-only documents holding one section's text, so two duplicate sections can be shown in a
// diff editor without touching either file. URI: kb-audit-section:/<file>?<json {root, line}>
import * as vscode from 'vscode';
import type { AuditController } from './auditController';

export const SECTION_SCHEME = 'kb-audit-section';

export function sectionUri(docsFile: vscode.Uri, file: string, line: number): vscode.Uri {
  return vscode.Uri.from({ scheme: SECTION_SCHEME, path: `/${file}`, query: JSON.stringify({ uri: docsFile.toString(), line }) });
}

export class SectionDocuments implements vscode.TextDocumentContentProvider {
  constructor(private readonly controller: AuditController) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    let query: { uri?: unknown; line?: unknown };
    try {
      query = JSON.parse(uri.query) as { uri?: unknown; line?: unknown };
    } catch {
      return '';
    }
    if (typeof query.uri !== 'string' || typeof query.line !== 'number') return '';
    const located = this.controller.locate(vscode.Uri.parse(query.uri));
    const session = located?.entry.session;
    const article = located && session?.kb.byFile.get(located.file);
    const section = located && session?.sectionAt(located.file, query.line);
    if (!article || !section) return '';
    // The section's own lines, as written (markup and all).
    return article.lines.slice(section.startLine - 1, section.endLine).join('\n') + '\n';
  }
}
