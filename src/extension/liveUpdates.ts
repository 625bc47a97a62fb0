// Keeps the audit current while the team writes: an edited article is re-checked alone after a
// short pause in typing (or on save), files changed outside the editor are picked up by a
// watcher, and a change to kb-audit.json or the settings re-audits the folder.
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME } from '../core/config/config';
import type { AuditController } from './auditController';
import { readSettings, SETTINGS_SECTION } from './settings';

/** Typing pauses this long before the article is re-checked. */
export const EDIT_DEBOUNCE_MS = 300;
/** Saves and settings changes come in bursts (Save All): one audit after the last. */
const AUDIT_DEBOUNCE_MS = 300;

export class LiveUpdates implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly editTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private auditTimer: ReturnType<typeof setTimeout> | undefined;
  /** Folders waiting for a full audit; null: all of them. */
  private pendingFolders: Map<string, vscode.WorkspaceFolder> | null = new Map();

  constructor(
    private readonly controller: AuditController,
    private readonly onSettingsChanged: () => void,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{md,markdown,MD,Markdown}');
    const configWatcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`);
    // The baseline file (its name is a setting): a pull or a new baseline changes what is hinted or hidden.
    const baselineWatcher = vscode.workspace.createFileSystemWatcher('**/*.json');
    const baselineChanged = (uri: vscode.Uri) => {
      const entry = this.controller.baselineEntryOf(uri);
      if (entry) void this.controller.reloadBaseline(entry);
    };
    this.disposables.push(
      watcher,
      configWatcher,
      baselineWatcher,
      baselineWatcher.onDidCreate(baselineChanged),
      baselineWatcher.onDidChange(baselineChanged),
      baselineWatcher.onDidDelete(baselineChanged),
      vscode.workspace.onDidChangeTextDocument((event) => this.didChangeTextDocument(event)),
      vscode.workspace.onDidSaveTextDocument((document) => this.didSaveTextDocument(document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.didCloseTextDocument(document)),
      watcher.onDidCreate((uri) => this.didChangeFile(uri)),
      watcher.onDidChange((uri) => this.didChangeFile(uri)),
      watcher.onDidDelete((uri) => this.controller.removeArticle(uri)),
      configWatcher.onDidCreate((uri) => this.requestAudit(uri)),
      configWatcher.onDidChange((uri) => this.requestAudit(uri)),
      configWatcher.onDidDelete((uri) => this.requestAudit(uri)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration(SETTINGS_SECTION)) return;
        this.onSettingsChanged();
        this.requestAudit();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.requestAudit()),
      // Trusted now: kb-audit.json's regular expressions and paths apply in full.
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.requestAudit()),
    );
  }

  private liveAudit(uri: vscode.Uri) {
    return readSettings(uri).liveAudit;
  }

  private isQuestionsFile(uri: vscode.Uri) {
    return this.controller.entries.find((e) => e.questionsUri?.toString() === uri.toString());
  }

  private didChangeTextDocument({ document, contentChanges }: vscode.TextDocumentChangeEvent): void {
    if (contentChanges.length === 0) return;
    const key = document.uri.toString();
    const questionsOf = this.isQuestionsFile(document.uri);
    if (!questionsOf && (this.liveAudit(document.uri) !== 'onType' || !this.controller.isArticle(document.uri))) return;
    clearTimeout(this.editTimers.get(key));
    this.editTimers.set(
      key,
      setTimeout(() => {
        this.editTimers.delete(key);
        if (questionsOf) void this.controller.refreshPreviewFor(questionsOf);
        else this.controller.updateArticle(document.uri, document.getText());
      }, EDIT_DEBOUNCE_MS),
    );
  }

  private didSaveTextDocument(document: vscode.TextDocument): void {
    if (document.uri.path.endsWith(`/${CONFIG_FILE_NAME}`)) {
      this.requestAudit(document.uri);
      return;
    }
    const questionsOf = this.isQuestionsFile(document.uri);
    if (questionsOf) {
      void this.controller.refreshPreviewFor(questionsOf);
      return;
    }
    if (this.liveAudit(document.uri) === 'off') return;
    clearTimeout(this.editTimers.get(document.uri.toString()));
    this.editTimers.delete(document.uri.toString());
    if (this.controller.isArticle(document.uri)) this.controller.updateArticle(document.uri, document.getText());
    else if (this.controller.locate(document.uri) && /\.(md|markdown)$/i.test(document.uri.path)) this.requestAudit(document.uri);
  }

  /** Closing an article without saving drops its edits: re-read what is on disk. */
  private didCloseTextDocument(document: vscode.TextDocument): void {
    if (document.isDirty || !this.controller.isArticle(document.uri)) return;
    void this.reload(document.uri);
  }

  /** A file changed outside the editor (git checkout, another tool): re-read it. */
  private didChangeFile(uri: vscode.Uri): void {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    // Open documents are followed through the editor's own events.
    if (open) return;
    if (this.controller.isArticle(uri)) void this.reload(uri);
    else if (this.controller.locate(uri)) this.requestAudit(uri);
  }

  private async reload(uri: vscode.Uri): Promise<void> {
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      this.controller.updateArticle(uri, new TextDecoder().decode(bytes));
    } catch {
      this.controller.removeArticle(uri);
    }
  }

  /** A full audit of the folder holding `uri` (all folders without one), after a short pause. */
  private requestAudit(uri?: vscode.Uri): void {
    const folder = uri ? vscode.workspace.getWorkspaceFolder(uri) : undefined;
    if (!folder) this.pendingFolders = null;
    else this.pendingFolders?.set(folder.uri.toString(), folder);
    clearTimeout(this.auditTimer);
    this.auditTimer = setTimeout(() => {
      const folders = this.pendingFolders;
      this.pendingFolders = new Map();
      const runs = folders === null ? [this.controller.runAudit()] : [...folders.values()].map((f) => this.controller.runAudit({ folder: f }));
      void Promise.all(runs).catch(() => undefined);
    }, AUDIT_DEBOUNCE_MS);
  }

  dispose(): void {
    clearTimeout(this.auditTimer);
    for (const timer of this.editTimers.values()) clearTimeout(timer);
    for (const d of this.disposables) d.dispose();
  }
}
