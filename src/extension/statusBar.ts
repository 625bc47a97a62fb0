// "KB 82% answered · 5 gaps": the share of sample questions the bot answers, and the questions
// it escalates that it should answer (or that nobody labelled). Click: the Questions view.
import * as vscode from 'vscode';
import type { AuditController } from './auditController';
import { ViewId } from './commandIds';

export class AuditStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('kbAudit.status', vscode.StatusBarAlignment.Left, 50);

  constructor(private readonly controller: AuditController) {
    this.item.name = 'KB Audit';
    this.item.command = { command: `${ViewId.Questions}.focus`, title: 'Show the sample questions' };
    this.refresh();
  }

  get text(): string {
    return this.item.text;
  }

  get tooltip(): string {
    return typeof this.item.tooltip === 'string' ? this.item.tooltip : (this.item.tooltip?.value ?? '');
  }

  refresh(): void {
    const entries = this.controller.entries;
    if (entries.length === 0 || entries.every((e) => e.state.kind === 'noDocs')) {
      this.item.hide();
      return;
    }
    if (entries.some((e) => e.state.kind === 'loading') && !entries.some((e) => e.session)) {
      this.item.text = '$(sync~spin) KB Audit';
      this.item.tooltip = 'Auditing the knowledge base…';
      this.item.show();
      return;
    }
    let questions = 0;
    let answered = 0;
    let gaps = 0;
    let findings = 0;
    let baselined = 0;
    for (const entry of entries) {
      // What CI gates on: the findings the baseline holds are counted apart.
      for (const finding of entry.session?.findings ?? []) {
        if (this.controller.baselineStateOf(entry, finding) === 'new') findings++;
        else baselined++;
      }
      const preview = entry.preview?.preview;
      if (!preview) continue;
      questions += preview.summary.questions;
      answered += preview.summary.answered;
      gaps += preview.results.filter((r) => r.decision === 'escalate' && r.expected !== null).length;
    }
    const inBaseline = baselined > 0 ? ` (and ${baselined} in the baseline)` : '';
    const errors = entries.filter((e) => e.state.kind === 'error');
    if (questions > 0) {
      const rate = Math.round((answered / questions) * 100);
      this.item.text = `$(book) KB ${rate}% answered · ${gaps} gap${gaps === 1 ? '' : 's'}`;
      this.item.tooltip = `${answered} of ${questions} sample questions answered; ${gaps} escalated that the docs should cover. ${findings} findings${inBaseline}. Click for the questions.`;
    } else {
      this.item.text = `$(book) KB ${findings} finding${findings === 1 ? '' : 's'}`;
      this.item.tooltip = `${findings} findings${inBaseline}. Add a questions file to see the answer rate.`;
    }
    if (errors.length) {
      this.item.text = `$(error) ${this.item.text.replace('$(book) ', '')}`;
      this.item.tooltip = `${errors.map((e) => (e.state.kind === 'error' ? e.state.message : '')).join('\n')}\n${this.item.tooltip}`;
    }
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
