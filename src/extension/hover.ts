// Hovering a duplicate or a conflict shows the other side's text, so the two can be compared
// without leaving the article.
import * as vscode from 'vscode';
import type { AuditController } from './auditController';
import { CommandId } from './commandIds';
import { findingRange } from './diagnostics';
import { sectionText } from '../core/model';

const MAX_TEXT = 1200;

export class TwinHover implements vscode.HoverProvider {
  constructor(private readonly controller: AuditController) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const located = this.controller.locate(document.uri);
    const session = located?.entry.session;
    if (!located || !session) return undefined;
    const findings = session.findingsFor(located.file).filter((f) => f.related?.length && findingRange(f).contains(position));
    if (findings.length === 0) return undefined;
    const md = new vscode.MarkdownString(undefined, true);
    // Only our own command may run from this hover.
    md.isTrusted = { enabledCommands: [CommandId.ShowDuplicate] };
    let range: vscode.Range | undefined;
    for (const finding of findings) {
      range = range ? range.union(findingRange(finding)) : findingRange(finding);
      for (const related of finding.related ?? []) {
        const section = session.sectionAt(related.file, related.line);
        const title = section ? section.headingPath.join(' › ') : related.file;
        md.appendMarkdown(`**${finding.ruleId}**: the other side, in `);
        md.appendText(`${related.file} › ${title}`);
        md.appendMarkdown('\n\n');
        const text = section ? sectionText(section) : '';
        md.appendCodeblock(text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text || related.message, 'markdown');
        const args = encodeURIComponent(JSON.stringify([document.uri.toString(), finding.line, related.file, related.line]));
        md.appendMarkdown(`[Show side by side](command:${CommandId.ShowDuplicate}?${args})\n\n`);
      }
    }
    return new vscode.Hover(md, range);
  }
}
