// Hosts the Ask page twice: as the sidebar's Ask view and as the Questions preview panel in
// the editor area. Everything the page sends is validated; everything sent to it is built
// from the in-memory audit.
import * as vscode from 'vscode';
import type { RoutedQuestion } from '../core/routing/types';
import { DEFAULT_THRESHOLD } from '../core/routing/simulator';
import {
  describeMessage,
  LIMITS,
  parseWebviewMessage,
  type ArticleView,
  type HostMessage,
  type PreviewFilter,
  type RoutedView,
  type Tab,
  type WebviewCommand,
  type WebviewMessage,
} from '../shared/messages';
import type { AuditController, KbEntry } from './auditController';
import { CommandId, ViewId } from './commandIds';
import type { PreviewState } from './kbSession';
import { createNonce, renderWebviewPage, WEBVIEW_RESOURCE_FOLDERS } from './webviewHtml';

type Target = 'view' | 'panel';

/** Commands the page may run, by the names the page knows them. */
const COMMANDS: Record<WebviewCommand, CommandId> = {
  runAudit: CommandId.RunAudit,
  selectDocsFolder: CommandId.SelectDocsFolder,
  previewQuestions: CommandId.PreviewQuestions,
  openReport: CommandId.OpenReport,
};

const MAX_TRAFFIC = 200;

function clip(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - 1) + '…';
}

export function toRoutedView(r: RoutedQuestion): RoutedView {
  const view: RoutedView = {
    question: clip(r.question, LIMITS.text),
    decision: r.decision,
    confidence: Math.max(0, Math.min(1, r.confidence)),
    reason: clip(r.reason, LIMITS.text),
    answer: r.answer
      ? { file: r.answer.file, heading: clip(r.answer.heading, LIMITS.text), line: r.answer.line, excerpt: clip(r.answer.excerpt, LIMITS.text) }
      : null,
    alternatives: r.alternatives.slice(0, LIMITS.alternatives).map((a) => ({
      file: a.file,
      heading: clip(a.heading, LIMITS.text),
      line: a.line,
      confidence: Math.max(0, Math.min(1, a.confidence)),
    })),
  };
  if (r.expected !== undefined) view.expected = r.expected;
  if (r.correct !== undefined) view.correct = r.correct;
  if (r.sectionId !== undefined) view.sectionId = r.sectionId;
  return view;
}

function articleViews(entry: KbEntry): ArticleView[] {
  return (entry.session?.kb.articles ?? []).slice(0, LIMITS.articles).map((a) => ({
    file: a.file,
    title: clip(a.title, LIMITS.text),
    sections: a.sections
      .filter((s) => s.level > 0)
      .slice(0, LIMITS.sections)
      .map((s) => ({ id: s.id, heading: clip(s.heading, LIMITS.text), line: s.startLine, level: s.level })),
  }));
}

export function previewMessage(entry: KbEntry, state: PreviewState | undefined): HostMessage {
  if (!state) {
    return {
      type: 'preview',
      summary: { questions: 0, answered: 0, clarify: 0, escalated: 0, threshold: entry.target?.config.routing.threshold ?? DEFAULT_THRESHOLD },
      results: [],
      sweep: [],
      articles: articleViews(entry),
      source: clip(entry.questionsNote, LIMITS.path),
    };
  }
  const s = state.preview.summary;
  const summary: Extract<HostMessage, { type: 'preview' }>['summary'] = {
    questions: s.questions,
    answered: s.answered,
    clarify: s.clarify,
    escalated: s.escalated,
    threshold: s.threshold,
  };
  if (s.labelled !== undefined) summary.labelled = s.labelled;
  if (s.accuracy !== undefined) summary.accuracy = s.accuracy;
  if (s.balancedAccuracy !== undefined) summary.balancedAccuracy = s.balancedAccuracy;
  return {
    type: 'preview',
    summary,
    results: state.preview.results.slice(0, LIMITS.results).map(toRoutedView),
    sweep: state.sweep,
    articles: articleViews(entry),
    source: clip(entry.questionsNote, LIMITS.path),
  };
}

/** The docs folder as the team knows it: the workspace folder's name, or a path inside it. */
function docsLabelOf(entry: KbEntry): string {
  const root = entry.target!.docsRoot;
  if (root.toString() === entry.folder.uri.toString()) return entry.folder.name;
  const relative = vscode.workspace.asRelativePath(root, false);
  return relative === root.fsPath ? root.path : `${entry.folder.name}/${relative}`;
}

interface Bound {
  webview: vscode.Webview;
  ready: boolean;
  /** The preview last sent, so an edit that changes no preview sends none. */
  sentPreview?: PreviewState | null;
}

export class AskWebviews implements vscode.WebviewViewProvider, vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly bound = new Map<Target, Bound>();
  /** A 'show' waiting for its page to load. */
  private readonly pendingShow = new Map<Target, HostMessage>();
  private readonly disposables: vscode.Disposable[] = [];
  /** The latest messages each way, for the integration tests. */
  readonly traffic: { sent: { target: Target; message: HostMessage }[]; received: { target: Target; message: WebviewMessage }[] } = {
    sent: [],
    received: [],
  };
  private readonly didExchange = new vscode.EventEmitter<void>();
  /** Fires whenever a message goes either way (tests wait on it). */
  readonly onDidExchange = this.didExchange.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly controller: AuditController,
    /** Where a dropped message is noted (the KB Audit output channel, given one). */
    private readonly log: (message: string) => void = (message) => console.warn(`KB Audit: ${message}`),
  ) {
    this.disposables.push(controller.onDidChange(() => this.pushState()), this.didExchange);
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.bind(view.webview, 'view');
    view.onDidDispose(() => this.bound.delete('view'));
  }

  /** Opens (or reveals) the preview panel, showing `tab`. */
  openPanel(tab: Tab = 'questions', filter?: PreviewFilter, question?: string): void {
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        'kbAudit.preview',
        'KB Audit: Questions',
        vscode.ViewColumn.Active,
        { enableScripts: true, enableCommandUris: false, localResourceRoots: this.resourceRoots() },
      );
      this.panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'kb-audit.svg');
      this.bind(this.panel.webview, 'panel');
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.bound.delete('panel');
      });
    } else {
      this.panel.reveal();
    }
    const message: HostMessage = { type: 'show', tab };
    if (filter) message.filter = filter;
    if (question !== undefined) message.question = question;
    this.post('panel', message);
  }

  /** Focuses the sidebar Ask view with `question` in its box. */
  async showAsk(question?: string): Promise<void> {
    await vscode.commands.executeCommand(`${ViewId.Ask}.focus`);
    const message: HostMessage = { type: 'show', tab: 'ask' };
    if (question !== undefined) message.question = clip(question, LIMITS.question);
    this.post('view', message);
  }

  get panelOpen(): boolean {
    return this.panel !== undefined;
  }

  private resourceRoots(): vscode.Uri[] {
    return WEBVIEW_RESOURCE_FOLDERS.map((folder) => vscode.Uri.joinPath(this.extensionUri, folder));
  }

  private bind(webview: vscode.Webview, target: Target): void {
    webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: this.resourceRoots() };
    this.bound.set(target, { webview, ready: false });
    webview.html = renderWebviewPage({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'webview.css')).toString(),
      nonce: createNonce(),
      mode: target,
      title: target === 'view' ? 'Ask the bot' : 'KB Audit: Questions',
    });
    this.disposables.push(webview.onDidReceiveMessage((data: unknown) => void this.receive(data, target)));
  }

  /** Handles one message from a page; anything that fails validation is dropped. */
  async receive(data: unknown, target: Target): Promise<void> {
    const message = parseWebviewMessage(data);
    if (!message) {
      this.log(`ignored a malformed message from the ${target === 'view' ? 'Ask view' : 'Questions panel'}: ${describeMessage(data)}`);
      return;
    }
    this.record(this.traffic.received, { target, message });
    const entry = this.controller.activeEntry();
    switch (message.type) {
      case 'ready': {
        const bound = this.bound.get(target);
        if (!bound) return;
        bound.ready = true;
        bound.sentPreview = undefined;
        this.postState(target);
        const show = this.pendingShow.get(target);
        this.pendingShow.delete(target);
        if (show) this.post(target, show);
        break;
      }
      case 'ask': {
        const routed = entry?.session ? await this.controller.ask(message.question, entry) : undefined;
        this.post(target, { type: 'answer', requestId: message.requestId, result: routed ? toRoutedView(routed) : null });
        break;
      }
      case 'open': {
        // Only a file of the audited knowledge base opens, whatever the page asks.
        if (!entry?.session?.kb.byFile.has(message.file)) return;
        const uri = this.controller.uriOf(entry, message.file);
        await vscode.commands.executeCommand(CommandId.OpenLocation, uri, Math.max(message.line, 1));
        break;
      }
      case 'whatIf': {
        if (!entry?.session || !entry.preview) return;
        const state = await entry.session.previewAll(entry.preview.questions, message.threshold);
        this.post(target, previewMessage(entry, state));
        break;
      }
      case 'command':
        await vscode.commands.executeCommand(COMMANDS[message.command]);
        break;
    }
    this.didExchange.fire();
  }

  private post(target: Target, message: HostMessage): void {
    const bound = this.bound.get(target);
    if (!bound || !bound.ready) {
      // The page is not there yet: keep the latest 'show' for when it is.
      if (message.type === 'show') this.pendingShow.set(target, message);
      return;
    }
    void bound.webview.postMessage(message);
    this.record(this.traffic.sent, { target, message });
    this.didExchange.fire();
  }

  private record<T>(list: T[], item: T): void {
    list.push(item);
    if (list.length > MAX_TRAFFIC) list.splice(0, list.length - MAX_TRAFFIC);
  }

  private postState(target: Target): void {
    const entry = this.controller.activeEntry();
    const state = entry?.state.kind ?? 'noDocs';
    const threshold = entry?.target?.config.routing.threshold ?? DEFAULT_THRESHOLD;
    const docsLabel = entry?.target ? clip(docsLabelOf(entry), LIMITS.path) : '';
    const message =
      state === 'error' && entry?.state.kind === 'error' ? clip(entry.state.message, LIMITS.text) : entry?.state.kind === 'noDocs' ? entry.state.reason : undefined;
    const status: HostMessage = {
      type: 'status',
      state: state === 'ready' ? 'ready' : state === 'loading' ? 'indexing' : 'no-docs',
      docsLabel,
      threshold,
    };
    if (message) status.message = message;
    this.post(target, status);
    const bound = this.bound.get(target);
    if (entry?.session && bound && bound.sentPreview !== (entry.preview ?? null)) {
      bound.sentPreview = entry.preview ?? null;
      this.post(target, previewMessage(entry, entry.preview));
    }
  }

  private pushState(): void {
    for (const [target, bound] of this.bound) if (bound.ready) this.postState(target);
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
