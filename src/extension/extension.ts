import * as vscode from 'vscode';
import type { AuditResult } from '../core/audit';
import type { HostMessage, WebviewMessage } from '../shared/messages';
import { AskWebviews } from './askWebview';
import { AuditController, type AuditPhase, type AuditProgress } from './auditController';
import { BranchComparisons } from './branchComparison';
import { KbCodeActions } from './codeActions';
import { SectionCodeLens } from './codeLens';
import { ContextKey, ViewId } from './commandIds';
import { registerCommands } from './commands';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { EditorEmbeddings } from './embeddings';
import { TwinHover } from './hover';
import { LiveUpdates } from './liveUpdates';
import { auditEngineFactory, HOST_KIND } from './platform';
import { SECTION_SCHEME, SectionDocuments } from './sectionDocuments';
import { readSettings } from './settings';
import { AuditStatusBar } from './statusBar';
import { FindingsTree } from './views/findingsTree';
import { ASK_LOCALE_KEY } from './commands/chooseAskLocale';
import { KnowledgeBaseTree } from './views/knowledgeBaseTree';
import { QuestionsTree } from './views/questionsTree';
import { snapshotTree, type TreeSnapshot } from './views/treeSnapshot';

/** What the extension exports: used by its integration tests and by other extensions. */
export interface KbAuditApi {
  /**
   * Audits every folder. With `token`, cancelling it stops the audit as the notification's
   * Cancel does (nothing of the run is published); `explicit` shows the notification at once
   * and rejects on errors and cancellation, as the Run Audit command does.
   */
  runAudit(options?: { token?: vscode.CancellationToken; explicit?: boolean }): Promise<AuditResult | undefined>;
  readonly lastResult: AuditResult | undefined;
  readonly onDidAudit: vscode.Event<AuditResult>;
  /** Fires on every change of findings, state or preview, full audit or single-file re-check. */
  readonly onDidChange: vscode.Event<void>;
  /** Views, status bar and webview traffic as plain data, for tests. */
  readonly inspect: KbAuditInspector;
}

export interface KbAuditInspector {
  knowledgeBaseItems(): Promise<TreeSnapshot[]>;
  findingsItems(): Promise<TreeSnapshot[]>;
  questionsItems(): Promise<TreeSnapshot[]>;
  readonly findingsGrouping: 'rule' | 'file';
  readonly statusBar: { text: string; tooltip: string };
  /** Milliseconds from an edited article's text to its refreshed diagnostics, last edit. */
  readonly lastIncrementalMs: number;
  /** Runs now the re-check of cross-article rules and the preview that edits schedule. */
  settle(): Promise<void>;
  /** Fires, synchronously, as a full audit of a folder passes each stage (walked, read, audited). */
  readonly onDidAuditPhase: vscode.Event<AuditPhase>;
  /** Fires, synchronously, as a full audit reads files, routes the sample questions and runs each rule (the progress notification's messages). */
  readonly onDidAuditProgress: vscode.Event<AuditProgress>;
  /** Which extension host this bundle was built for, and how long activate took (ms). */
  readonly host: { kind: 'desktop' | 'web'; activationMs: number };
  /** Whether the first folder's rules, index and preview run in a worker (thread or Web Worker). */
  readonly auditOffThread: boolean;
  /** Whether the extension host's thread has built a search index (with a worker, it never should). */
  readonly indexBuiltOnHost: boolean;
  /** Whether the first folder's audit engine may read its git history (never in Restricted Mode). */
  readonly engineReadsHistory: boolean;
  /** What the first folder's last full scan counted, before files changed meanwhile were re-read. */
  readonly lastScan: { files: number; sections: number; skipped: number; vanished: number } | undefined;
  readonly webview: {
    readonly sent: readonly { target: 'view' | 'panel'; message: HostMessage }[];
    readonly received: readonly { target: 'view' | 'panel'; message: WebviewMessage }[];
    readonly onDidExchange: vscode.Event<void>;
    readonly panelOpen: boolean;
    /** Delivers `message` as if the page had posted it (validated like any other). */
    receive(message: unknown, target: 'view' | 'panel'): Promise<void>;
  };
}

export function activate(context: vscode.ExtensionContext): KbAuditApi {
  const started = performance.now();
  const output = vscode.window.createOutputChannel('KB Audit', { log: true });
  const diagnostics = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  const controller = new AuditController(diagnostics, output, auditEngineFactory(context.extensionUri), new EditorEmbeddings(context, output));
  controller.askLocale = context.workspaceState.get<string>(ASK_LOCALE_KEY);
  const knowledgeBaseTree = new KnowledgeBaseTree(controller);
  const findingsTree = new FindingsTree(controller);
  const questionsTree = new QuestionsTree(controller);
  const webviews = new AskWebviews(context.extensionUri, controller);
  const comparisons = new BranchComparisons(controller, output, String(context.extension.packageJSON.version ?? ''), context.storageUri ?? context.globalStorageUri);
  const statusBar = new AuditStatusBar(controller);
  let codeLensEnabled = readSettings().codeLens;
  const codeLens = new SectionCodeLens(controller, () => codeLensEnabled);
  const questionsView = vscode.window.createTreeView(ViewId.Questions, { treeDataProvider: questionsTree });
  const markdown: vscode.DocumentSelector = [{ language: 'markdown' }];

  const didChangeAudit = () => {
    knowledgeBaseTree.refresh();
    findingsTree.refresh();
    questionsTree.refresh();
    questionsView.message = questionsTree.emptyMessage;
    statusBar.refresh();
    codeLens.refresh();
    const states = controller.entries.map((e) => e.state.kind);
    const state = states.includes('ready') ? 'ready' : states.includes('loading') ? 'loading' : states.includes('error') ? 'error' : 'noDocs';
    void vscode.commands.executeCommand('setContext', ContextKey.State, state);
    void vscode.commands.executeCommand('setContext', ContextKey.Comparing, controller.entries.some((e) => e.comparison));
  };

  context.subscriptions.push(
    output,
    diagnostics,
    controller,
    knowledgeBaseTree,
    findingsTree,
    questionsTree,
    questionsView,
    webviews,
    statusBar,
    codeLens,
    vscode.window.createTreeView(ViewId.KnowledgeBase, { treeDataProvider: knowledgeBaseTree, showCollapseAll: true }),
    vscode.window.createTreeView(ViewId.Findings, { treeDataProvider: findingsTree, showCollapseAll: true }),
    vscode.window.registerWebviewViewProvider(ViewId.Ask, webviews),
    vscode.languages.registerCodeActionsProvider(markdown, new KbCodeActions(controller), KbCodeActions.metadata),
    vscode.languages.registerCodeLensProvider(markdown, codeLens),
    vscode.languages.registerHoverProvider(markdown, new TwinHover(controller)),
    vscode.workspace.registerTextDocumentContentProvider(SECTION_SCHEME, new SectionDocuments(controller)),
    controller.onDidChange(didChangeAudit),
    new LiveUpdates(controller, () => {
      codeLensEnabled = readSettings().codeLens;
      codeLens.refresh();
    }),
    ...registerCommands({ context, controller, output, webviews, findingsTree, comparisons }),
  );
  void vscode.commands.executeCommand('setContext', ContextKey.State, 'loading');
  void vscode.commands.executeCommand('setContext', ContextKey.FindingsGrouping, 'rule');
  void vscode.commands.executeCommand('setContext', ContextKey.Comparing, false);
  // The first audit starts after activation returns, so startup is never blocked.
  setTimeout(() => void controller.runAudit().catch(() => undefined), 0);
  const activationMs = performance.now() - started;
  output.info(`activated in ${activationMs.toFixed(1)} ms (${HOST_KIND} extension host)`);

  return {
    runAudit: (options) => controller.runAudit({ token: options?.token, explicit: options?.explicit }),
    get lastResult() {
      return controller.result;
    },
    onDidAudit: controller.onDidAudit,
    onDidChange: controller.onDidChange,
    inspect: {
      knowledgeBaseItems: () => snapshotTree(knowledgeBaseTree),
      findingsItems: () => snapshotTree(findingsTree),
      questionsItems: () => snapshotTree(questionsTree),
      get findingsGrouping() {
        return findingsTree.grouping;
      },
      get statusBar() {
        return { text: statusBar.text, tooltip: statusBar.tooltip };
      },
      get lastIncrementalMs() {
        return controller.lastIncrementalMs;
      },
      settle: () => controller.recheck(),
      onDidAuditPhase: controller.onDidAuditPhase,
      onDidAuditProgress: controller.onDidAuditProgress,
      host: { kind: HOST_KIND, activationMs },
      get auditOffThread() {
        return controller.entries.find((e) => e.session)?.session?.offThread ?? false;
      },
      get engineReadsHistory() {
        return controller.entries.find((e) => e.session)?.session?.historySource !== undefined;
      },
      get indexBuiltOnHost() {
        return controller.entries.some((e) => e.session?.indexBuiltHere);
      },
      get lastScan() {
        return controller.entries.find((e) => e.session)?.scan;
      },
      webview: {
        get sent() {
          return webviews.traffic.sent;
        },
        get received() {
          return webviews.traffic.received;
        },
        onDidExchange: webviews.onDidExchange,
        get panelOpen() {
          return webviews.panelOpen;
        },
        receive: (message, target) => webviews.receive(message, target),
      },
    },
  };
}

export function deactivate(): void {}
