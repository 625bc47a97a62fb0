import * as vscode from 'vscode';
import { findingRange } from '../diagnostics';
import { sectionUri } from '../sectionDocuments';
import type { Services } from './services';

/**
 * A diff of a duplicated or conflicting section against its twin. Arguments: the article, the
 * finding's line, the twin's file and line; without them, the finding under the cursor.
 */
export function showDuplicate({ controller }: Services) {
  return async (uri?: vscode.Uri | string, line?: number, relatedFile?: string, relatedLine?: number): Promise<boolean> => {
    let source = typeof uri === 'string' ? vscode.Uri.parse(uri) : uri;
    if (!source || typeof line !== 'number' || typeof relatedFile !== 'string' || typeof relatedLine !== 'number') {
      const editor = vscode.window.activeTextEditor;
      const located = editor && controller.locate(editor.document.uri);
      const finding = located?.entry.session
        ?.findingsFor(located.file)
        .find((f) => f.related?.length && findingRange(f).contains(editor!.selection.active));
      if (!editor || !finding?.related?.length) {
        void vscode.window.showInformationMessage('KB Audit: put the cursor on a duplicate or conflict finding.');
        return false;
      }
      source = editor.document.uri;
      line = finding.line;
      relatedFile = finding.related[0].file;
      relatedLine = finding.related[0].line;
    }
    const located = controller.locate(source);
    if (!located?.entry.session?.kb.byFile.has(relatedFile)) return false;
    const twin = controller.uriOf(located.entry, relatedFile)!;
    const left = sectionUri(source, located.file, line);
    const right = sectionUri(twin, relatedFile, relatedLine);
    const leftSection = located.entry.session.sectionAt(located.file, line);
    const rightSection = located.entry.session.sectionAt(relatedFile, relatedLine);
    const title = `${located.file} › ${leftSection?.heading ?? line} ↔ ${relatedFile} › ${rightSection?.heading ?? relatedLine}`;
    await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: true });
    return true;
  };
}
