// Over each heading: how many sample questions the bot answers from that section, and how
// many it finds ambiguous. Clicking opens the preview filtered to the section.
import * as vscode from 'vscode';
import type { AuditController } from './auditController';
import { CommandId } from './commandIds';
import { plural } from './views/treeSnapshot';

export class SectionCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(
    private readonly controller: AuditController,
    private readonly enabled: () => boolean,
  ) {}

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!this.enabled()) return [];
    const located = this.controller.locate(document.uri);
    const article = located?.entry.session?.kb.byFile.get(located.file);
    const counts = located?.entry.preview?.bySection;
    if (!located || !article || !counts) return [];
    const lenses: vscode.CodeLens[] = [];
    for (const section of article.sections) {
      if (section.level === 0 || section.startLine > document.lineCount) continue;
      const { answered = 0, clarify = 0 } = counts.get(section.id) ?? {};
      const range = new vscode.Range(section.startLine - 1, 0, section.startLine - 1, 0);
      lenses.push(
        new vscode.CodeLens(range, {
          title: `answers ${plural(answered, 'sample question')} · ${clarify} ambiguous`,
          tooltip: 'Show the sample questions routed to this section',
          command: CommandId.ShowSectionQuestions,
          arguments: [section.id],
        }),
      );
    }
    return lenses;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
