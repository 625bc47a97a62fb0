import picomatch from 'picomatch';
import * as vscode from 'vscode';
import type { AuditResult } from '../core/audit';
import { baselinedFindings, parseBaseline, type BaselineEntry } from '../core/baseline';
import { ConfigError, DEFAULT_CONFIG, findConfig, loadConfig, type ResolvedConfig } from '../core/config/config';
import { errorMessage, isInside, relativePath, resolvePath } from '../core/fileSystem';
import { checkQuestionLocales, loadQuestions, parseQuestions, QuestionsError } from '../core/routing/questions';
import type { RoutedQuestion, SampleQuestion } from '../core/routing/types';
import type { Finding } from '../core/model';
import { describeProgress, type Progress } from '../core/progress';
import type { Comparison } from './comparison';
import { toDiagnostic } from './diagnostics';
import type { EditorEmbeddings } from './embeddings';
import type { AuditEngine, HistorySource } from './auditEngine';
import { activeGitPath } from './gitExtension';
import { HOST_KIND } from './platform';
import { KbSession, type LoadPhase, type PreviewState } from './kbSession';
import { readSettings } from './settings';
import { mergeSettings, type KbAuditSettings } from './settingsMerge';
import { limitForUntrustedWorkspace, withoutEmbeddings } from './workspaceTrust';
import { workspaceFileSystem } from './workspaceFileSystem';

export interface AuditTarget {
  folder: vscode.WorkspaceFolder;
  docsRoot: vscode.Uri;
  /** kb-audit.json merged with the editor settings (the file wins). */
  config: ResolvedConfig;
  settings: KbAuditSettings;
}

export type EntryState =
  | { kind: 'loading' }
  | { kind: 'noDocs'; reason: string }
  | { kind: 'error'; message: string }
  | { kind: 'ready' };

/** One workspace folder's docs: where they are, their audit, and the preview of its questions. */
export interface KbEntry {
  folder: vscode.WorkspaceFolder;
  target?: AuditTarget;
  session?: KbSession;
  state: EntryState;
  preview?: PreviewState;
  /** Where the questions came from, or why there are none. */
  questionsNote: string;
  questionsUri?: vscode.Uri;
  /** What the last full scan counted, before files that changed meanwhile were re-read. */
  scan?: { files: number; sections: number; skipped: number; vanished: number };
  /** The last Compare with Branch, until cleared: what the views mark. */
  comparison?: Comparison;
  /** The baseline file's findings by article, when the file exists and reads. */
  baseline?: { uri: vscode.Uri; byFile: Map<string, BaselineEntry[]> };
}

/** A stage of a full audit of one folder, for tests that act while it runs. */
export interface AuditPhase {
  folder: vscode.WorkspaceFolder;
  phase: LoadPhase;
  files: number;
}

/** Where a full audit of one folder has got to: files read, sample questions routed, rules run. */
export interface AuditProgress {
  folder: vscode.WorkspaceFolder;
  progress: Progress;
}

/** The progress notification's message changes at most this often (a large folder reports each file read). */
const PROGRESS_MESSAGE_INTERVAL_MS = 200;

export interface RunOptions {
  /** Run from the command: progress as a notification at once, and errors rethrown. */
  explicit?: boolean;
  /** Only this folder (e.g. its kb-audit.json changed). */
  folder?: vscode.WorkspaceFolder;
  /** Cancels the audit as the notification's Cancel does; nothing of the run is published. */
  token?: vscode.CancellationToken;
}

/** A full audit that is still running after this long shows a notification with Cancel. */
const PROGRESS_NOTIFICATION_AFTER_MS = 1000;
/** After edits, the rules that compare articles, the index and the preview catch up after this pause. */
const RECHECK_DELAY_MS = 1200;
const ALWAYS_EXCLUDED = ['**/node_modules/**', '**/.git/**'];
/** Diagnostics are handed to VS Code in slices of about this many milliseconds of work. */
const PUBLISH_SLICE_MS = 15;

/** Owns the audit of the workspace: finds each folder's docs, runs the core, publishes diagnostics. */
export class AuditController implements vscode.Disposable {
  private generation = 0;
  private entryList: KbEntry[] = [];
  private readonly didAudit = new vscode.EventEmitter<AuditResult>();
  /** Fires after each full audit with the first folder's result. */
  readonly onDidAudit = this.didAudit.event;
  private readonly didChange = new vscode.EventEmitter<void>();
  /** Fires on any change of findings, state or preview: views, status bar and CodeLens listen. */
  readonly onDidChange = this.didChange.event;
  private readonly published = new Map<KbEntry, Set<string>>();
  /** The latest publish per folder: an older one still slicing stops. */
  private readonly publishing = new Map<KbEntry, number>();
  /** The findings the baseline holds, by file, as last published: what the views leave out or mark. */
  private readonly baselined = new WeakMap<KbEntry, Map<string, Set<Finding>>>();
  private recheckTimer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private current: { key: string; abort: AbortController } | undefined;
  private readonly latestRun = new Map<string, number>();
  /** The last edit's time from text to diagnostics, for the benchmark in the tests. */
  lastIncrementalMs = 0;
  private readonly didPhase = new vscode.EventEmitter<AuditPhase>();
  /** Fires, synchronously, as a full audit of a folder passes each stage. */
  readonly onDidAuditPhase = this.didPhase.event;
  private readonly didProgress = new vscode.EventEmitter<AuditProgress>();
  /** Fires, synchronously, as a full audit reads files, routes the sample questions and runs each rule. */
  readonly onDidAuditProgress = this.didProgress.event;
  /** Files that changed while a full audit was reading them: re-read once its result is in. */
  private changedDuringAudit: Set<string> | undefined;
  constructor(
    private readonly diagnostics: vscode.DiagnosticCollection,
    private readonly output: vscode.LogOutputChannel,
    /** A new engine off the extension host's thread (platform.ts); undefined: audit in-process. */
    private readonly startEngine: () => AuditEngine | undefined = () => undefined,
    /** routing.embeddings' key, notice and reports; absent: embeddings stay off. */
    private readonly embeddings?: EditorEmbeddings,
  ) {}

  get entries(): readonly KbEntry[] {
    return this.entryList;
  }

  /** The first folder's audit, in the shape of the core's AuditResult. */
  get result(): AuditResult | undefined {
    const entry = this.entryList.find((e) => e.session);
    if (!entry?.session) return undefined;
    return { kb: entry.session.kb, findings: entry.session.findings, stats: entry.session.stats, questions: entry.session.questions };
  }

  /** The folder a command acts on: the active editor's, else the first with docs. */
  activeEntry(): KbEntry | undefined {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const located = uri ? this.locate(uri) : undefined;
    return located?.entry ?? this.entryList.find((e) => e.session) ?? this.entryList[0];
  }

  /** The entry whose docs folder holds `uri`, and the path relative to it. */
  locate(uri: vscode.Uri): { entry: KbEntry; file: string } | undefined {
    for (const entry of this.entryList) {
      const root = entry.target?.docsRoot;
      if (!root || root.scheme !== uri.scheme || root.authority !== uri.authority) continue;
      if (isInside(root.path, uri.path) && uri.path !== root.path) return { entry, file: relativePath(root.path, uri.path) };
    }
    return undefined;
  }

  uriOf(entry: KbEntry, file: string): vscode.Uri | undefined {
    return entry.target ? vscode.Uri.joinPath(entry.target.docsRoot, ...file.split('/')) : undefined;
  }

  /** The docs folder: the kbAudit.docsPath setting, else kb-audit.json's `docs`, else the workspace folder. */
  async resolveTarget(folder: vscode.WorkspaceFolder): Promise<AuditTarget> {
    const fs = workspaceFileSystem(folder.uri);
    const settings = readSettings(folder.uri);
    const folderPath = folder.uri.path;
    const settingRoot = settings.docsPath ? resolvePath(folderPath, settings.docsPath) : null;
    const configPath = await findConfig(fs, settingRoot ? [settingRoot, folderPath] : [folderPath]);
    let config: ResolvedConfig = DEFAULT_CONFIG;
    if (configPath) config = await loadConfig(fs, configPath);
    if (!vscode.workspace.isTrusted) {
      // kb-audit.json is workspace content: in Restricted Mode its regular expressions run as
      // plain text and its paths stay inside the folder.
      const limited = limitForUntrustedWorkspace(config, folderPath);
      config = limited.config;
      for (const note of limited.notes) this.noteOnce(`untrusted:${folder.uri}:${note}`, note);
    }
    const docsPath = settingRoot ?? config.docs ?? folderPath;
    let merged = mergeSettings(config, settings, folderPath);
    if (!vscode.workspace.isTrusted) {
      // routing.embeddings, from the file or a setting, is off in Restricted Mode.
      const limited = withoutEmbeddings(merged);
      merged = limited.config;
      for (const note of limited.notes) this.noteOnce(`untrusted:${folder.uri}:${note}`, note);
    }
    return { folder, docsRoot: folder.uri.with({ path: docsPath }), config: merged, settings };
  }

  /**
   * Audits every workspace folder (or one). Runs go one after another; a run is dropped when a
   * newer one covers the same folders (a generation counter per folder, and one for "all").
   */
  runAudit(options: RunOptions = {}): Promise<AuditResult | undefined> {
    const key = options.folder?.uri.toString() ?? '*';
    const generation = ++this.generation;
    this.latestRun.set(key, generation);
    if (this.current && (key === '*' || this.current.key === key)) this.current.abort.abort();
    const superseded = () => this.latestRun.get(key) !== generation || (key !== '*' && (this.latestRun.get('*') ?? 0) > generation);
    const run = this.running
      .catch(() => undefined)
      .then(async () => {
        if (superseded()) return undefined;
        const abort = new AbortController();
        this.current = { key, abort };
        try {
          return await this.auditAll(superseded, abort, options);
        } finally {
          if (this.current?.abort === abort) this.current = undefined;
        }
      });
    this.running = run;
    return run;
  }

  private async auditAll(superseded: () => boolean, abort: AbortController, options: RunOptions): Promise<AuditResult | undefined> {
    const signal = abort.signal;
    const folders = vscode.workspace.workspaceFolders ?? [];
    const previous = new Map(this.entryList.map((e) => [e.folder.uri.toString(), e]));
    const entries = folders.map(
      (folder) => previous.get(folder.uri.toString()) ?? { folder, state: { kind: 'loading' } as EntryState, questionsNote: '' },
    );
    for (const [key, entry] of previous) {
      if (!folders.some((f) => f.uri.toString() === key)) {
        this.unpublish(entry);
        entry.session?.dispose();
      }
    }
    this.entryList = entries;
    const todo = options.folder ? entries.filter((e) => e.folder.uri.toString() === options.folder!.uri.toString()) : entries;
    for (const entry of todo) if (!entry.session) entry.state = { kind: 'loading' };
    this.didChange.fire();

    let failure: unknown;
    // Results are published together once every folder is done: a cancelled run publishes nothing.
    const commits: (() => Promise<void>)[] = [];
    const discards: (() => void)[] = [];
    this.changedDuringAudit = new Set();
    const work = async () => {
      for (const entry of todo) {
        if (signal.aborted || superseded()) return;
        try {
          const staged = await this.auditEntry(entry, signal);
          commits.push(staged.commit);
          discards.push(staged.discard);
        } catch (error) {
          if (signal.aborted) return;
          failure ??= error;
          const message = errorMessage(error);
          entry.state = { kind: 'error', message };
          // A broken kb-audit.json: the folder keeps its last good configuration and findings.
          if (error instanceof ConfigError) this.publishConfigError(entry, error);
          this.output.error(error instanceof ConfigError ? message : `audit failed: ${message}`);
        }
      }
    };
    let cancelledByUser = false;
    const cancel = () => {
      cancelledByUser = true;
      abort.abort();
    };
    const external = options.token?.onCancellationRequested(cancel);
    if (options.token?.isCancellationRequested) cancel();
    try {
      await this.withProgress(work(), options.explicit ?? false, cancel);
    } finally {
      external?.dispose();
    }
    const changed = this.changedDuringAudit;
    this.changedDuringAudit = undefined;
    if (signal.aborted || superseded()) {
      for (const discard of discards) discard();
      this.didChange.fire();
      // Cancel in the notification: say so; superseded by a newer run: that run reports.
      if (cancelledByUser) {
        this.output.info('audit cancelled: nothing of it was published');
        if (options.explicit) throw new vscode.CancellationError();
      }
      return undefined;
    }
    for (const commit of commits) await commit();
    // Files changed while they were being read: the editor's text or the disk has the last word.
    await this.reconcile(changed);
    this.didChange.fire();
    const result = this.result;
    if (result && !failure) this.didAudit.fire(result);
    if (failure && options.explicit) throw failure;
    return failure ? undefined : result;
  }

  /** The audit engine for a new session: a worker thread (a Web Worker in the browser) when the bundle ships one. */
  private createEngine(): AuditEngine | undefined {
    try {
      return this.startEngine();
    } catch (error) {
      this.output.warn(`auditing on the extension host's thread: the worker did not start (${errorMessage(error)})`);
      return undefined;
    }
  }

  /** A new audit worker for work of its own (a comparison with a branch); undefined where there is none. */
  startWorker(): AuditEngine | undefined {
    return this.createEngine();
  }

  /** Tells the views, status bar and CodeLens that something they show changed. */
  notifyChange(): void {
    this.didChange.fire();
  }

  /** The baseline file of a folder: the kbAudit.baseline.file setting, relative to the workspace folder. */
  baselineUri(entry: KbEntry): vscode.Uri {
    const file = (entry.target?.settings ?? readSettings(entry.folder.uri)).baselineFile;
    if (!/^([a-zA-Z]:)?[\\/]/.test(file)) return vscode.Uri.joinPath(entry.folder.uri, ...file.split(/[\\/]/));
    return entry.folder.uri.scheme === 'file' ? vscode.Uri.file(file) : entry.folder.uri.with({ path: file.replace(/\\/g, '/') });
  }

  /** Reads the folder's baseline file: undefined when there is none; a malformed one is reported in the output and ignored. */
  private async readBaseline(entry: KbEntry): Promise<KbEntry['baseline']> {
    const uri = this.baselineUri(entry);
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return undefined;
    }
    try {
      const byFile = new Map<string, BaselineEntry[]>();
      for (const item of parseBaseline(text).findings) {
        let list = byFile.get(item.file);
        if (!list) byFile.set(item.file, (list = []));
        list.push(item);
      }
      return { uri, byFile };
    } catch (error) {
      this.output.warn(`baseline ${vscode.workspace.asRelativePath(uri)} ignored: ${errorMessage(error)}`);
      return undefined;
    }
  }

  /** Re-reads the baseline file of `entry` (it was written or changed) and publishes again. */
  async reloadBaseline(entry: KbEntry): Promise<void> {
    entry.baseline = await this.readBaseline(entry);
    await this.publish(entry);
    this.didChange.fire();
  }

  /**
   * How the Findings view and the status bar treat `finding`: 'new' (not in the baseline, or
   * kbAudit.baseline.findings is "show"), 'hint' (baselined, shown muted) or 'hide' (baselined,
   * left out), the same as its diagnostic in the Problems panel.
   */
  baselineStateOf(entry: KbEntry, finding: Finding): 'new' | 'hint' | 'hide' {
    const mode = entry.target?.settings.baselinedFindings;
    if (mode !== 'hint' && mode !== 'hide') return 'new';
    return this.baselined.get(entry)?.get(finding.file)?.has(finding) ? mode : 'new';
  }

  /** True when `uri` is some folder's baseline file. */
  baselineEntryOf(uri: vscode.Uri): KbEntry | undefined {
    return this.entryList.find((e) => e.session && this.baselineUri(e).toString() === uri.toString());
  }

  /**
   * The diagnostics of one article's findings: the baseline's findings as hints, or left out,
   * per kbAudit.baseline.findings, so the Problems panel lists what `audit --baseline` reports.
   */
  private diagnosticsFor(entry: KbEntry, file: string, findings: readonly Finding[]): vscode.Diagnostic[] {
    const root = entry.target!.docsRoot;
    const kb = entry.session?.kb;
    const mode = entry.target!.settings.baselinedFindings;
    const entries = mode === 'show' || !kb ? undefined : entry.baseline?.byFile.get(file);
    const baselined = entries ? baselinedFindings(findings, (f) => kb!.byFile.get(f), entries) : new Set<Finding>();
    let byFile = this.baselined.get(entry);
    if (!byFile) this.baselined.set(entry, (byFile = new Map()));
    if (baselined.size > 0) byFile.set(file, baselined);
    else byFile.delete(file);
    const out: vscode.Diagnostic[] = [];
    for (const finding of findings) {
      if (!baselined.has(finding)) out.push(toDiagnostic(finding, root, kb));
      else if (mode === 'hint') {
        const diagnostic = toDiagnostic(finding, root, kb);
        diagnostic.severity = vscode.DiagnosticSeverity.Hint;
        out.push(diagnostic);
      }
    }
    return out;
  }

  /**
   * Audits one folder without touching what is published: returns what to do once the whole
   * run is through (commit) or was cancelled (discard).
   */
  private async auditEntry(entry: KbEntry, signal: AbortSignal): Promise<{ commit: () => Promise<void>; discard: () => void }> {
    const target = await this.resolveTarget(entry.folder);
    const noDocs = (reason: string) => ({
      commit: async () => {
        this.clearConfigError(entry);
        entry.target = target;
        entry.session?.dispose();
        entry.session = undefined;
        entry.preview = undefined;
        entry.scan = undefined;
        entry.comparison = undefined;
        entry.state = { kind: 'noDocs', reason };
        this.unpublish(entry);
      },
      discard: () => undefined,
    });
    let isFolder = false;
    try {
      isFolder = ((await vscode.workspace.fs.stat(target.docsRoot)).type & vscode.FileType.Directory) !== 0;
    } catch {
      // not there
    }
    if (!isFolder) return noDocs(`The docs folder ${vscode.workspace.asRelativePath(target.docsRoot)} does not exist.`);
    const fs = workspaceFileSystem(target.docsRoot);
    const questionsDisplayName = target.config.questions ? vscode.workspace.asRelativePath(target.docsRoot.with({ path: target.config.questions })) : undefined;
    const onPhase = (phase: LoadPhase, files: number) => this.didPhase.fire({ folder: entry.folder, phase, files });
    const onProgress = (progress: Progress) => this.didProgress.fire({ folder: entry.folder, progress });
    // A folder on this machine's disk: the desktop's worker reads the files itself, through node:fs.
    const diskPath = HOST_KIND === 'desktop' && target.docsRoot.scheme === 'file' ? (path: string) => target.docsRoot.with({ path }).fsPath : undefined;
    const embeddingsAccess = await this.embeddings?.access(target.config);
    const historySource = this.historySource(target.docsRoot);
    let session: KbSession;
    try {
      session = await KbSession.load(fs, target.docsRoot.path, target.config, { signal, questionsDisplayName, engine: this.createEngine(), onPhase, onProgress, diskPath, embeddingsAccess, historySource });
    } catch (error) {
      // A broken questions file costs the coverage rules, not the whole audit.
      if (!(error instanceof QuestionsError)) throw error;
      this.output.warn(error.message);
      session = await KbSession.load(fs, target.docsRoot.path, target.config, { signal, questions: null, engine: this.createEngine(), onPhase, onProgress, diskPath, embeddingsAccess, historySource });
    }
    this.embeddings?.report(session.embeddingsOutcome);
    try {
      signal.throwIfAborted();
      if (session.kb.articles.length === 0 && session.kb.skipped.length === 0) {
        session.dispose();
        return noDocs(`No Markdown articles in ${vscode.workspace.asRelativePath(target.docsRoot)}.`);
      }
      const preview = await this.computePreview(session, target, signal);
      signal.throwIfAborted();
      const vanished = session.kb.skipped.filter((s) => s.reason === 'vanished').length;
      const scan = { files: session.stats.files, sections: session.stats.sections, skipped: session.stats.skipped, vanished };
      const baseline = await this.readBaseline({ ...entry, target });
      return {
        commit: async () => {
          this.clearConfigError(entry);
          const old = entry.session;
          // A comparison is of one docs folder: another folder drops it.
          if (entry.target && entry.target.docsRoot.toString() !== target.docsRoot.toString()) entry.comparison = undefined;
          entry.target = target;
          entry.baseline = baseline;
          entry.session = session;
          entry.scan = scan;
          Object.assign(entry, preview);
          entry.state = { kind: 'ready' };
          const publishing = performance.now();
          if (old !== session) old?.dispose();
          await this.publish(entry);
          this.output.info(
            `audited ${vscode.workspace.asRelativePath(target.docsRoot)}: ${scan.files} articles, ${scan.sections} sections, ${scan.skipped} skipped` +
              `${vanished ? ` (${vanished} vanished during the scan)` : ''} in ${session.stats.durationMs} ms: ${session.findings.length} findings, published in ${(performance.now() - publishing).toFixed(0)} ms`,
          );
        },
        discard: () => session.dispose(),
      };
    } catch (error) {
      session.dispose();
      throw error;
    }
  }

  /**
   * Where the audit engine may read the docs' git history for stale-translation: a folder on
   * disk in a trusted workspace (git runs a repository's hooks and configured programs, so never
   * in Restricted Mode), unless git is turned off in VS Code. The engine reads it in its own
   * thread, and only for a translated knowledge base.
   */
  private historySource(docsRoot: vscode.Uri): HistorySource | undefined {
    if (!vscode.workspace.isTrusted || docsRoot.scheme !== 'file') return undefined;
    const git = activeGitPath();
    if (git === null) return undefined;
    return git === undefined ? { docs: docsRoot.fsPath } : { docs: docsRoot.fsPath, git };
  }

  /** Re-reads files that changed while a full audit read them, into the sessions just published. */
  private async reconcile(changed: Set<string> | undefined): Promise<void> {
    for (const key of changed ?? []) {
      const uri = vscode.Uri.parse(key);
      const located = this.locate(uri);
      if (!located?.entry.session) continue;
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
      if (open && this.isArticle(uri)) {
        this.updateArticle(uri, open.getText());
        continue;
      }
      let text: string | undefined;
      try {
        text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        // gone
      }
      if (text !== undefined && this.isArticle(uri)) this.updateArticle(uri, text);
      else this.removeArticle(uri);
    }
  }

  /**
   * Progress in the status bar at first; a notification with Cancel once the audit runs long (or
   * at once when asked for), saying where the audit is: files read, questions routed, rules run.
   */
  private async withProgress(work: Promise<void>, explicit: boolean, cancel: () => void): Promise<void> {
    let done = false;
    const finished = work.finally(() => (done = true));
    const notify = () =>
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'KB Audit: auditing the knowledge base', cancellable: true },
        async (progress, token) => {
          const subscription = token.onCancellationRequested(cancel);
          let shownAt = -Infinity;
          let shownStage: Progress['stage'] | undefined;
          const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
          const reporting = this.onDidAuditProgress(({ folder, progress: at }) => {
            const now = performance.now();
            const last = at.done === at.total;
            if (at.stage === shownStage && !last && now - shownAt < PROGRESS_MESSAGE_INTERVAL_MS) return;
            shownAt = now;
            shownStage = at.stage;
            progress.report({ message: `${multiRoot ? `${folder.name}: ` : ''}${describeProgress(at)}` });
          });
          try {
            await finished;
          } finally {
            reporting.dispose();
            subscription.dispose();
          }
        },
      );
    if (explicit) {
      await notify();
      return;
    }
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'KB Audit' }, () => finished);
    const timer = setTimeout(() => {
      if (!done) void notify();
    }, PROGRESS_NOTIFICATION_AFTER_MS);
    try {
      await finished;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Loads the questions file (if any) and routes every question, into the entry. */
  async refreshPreview(entry: KbEntry, signal?: AbortSignal): Promise<void> {
    const session = entry.session;
    const target = entry.target;
    if (!session || !target) return;
    const version = session.version;
    const preview = await this.computePreview(session, target, signal);
    if (entry.session !== session || (preview.preview && version !== session.version)) return;
    Object.assign(entry, preview);
  }

  /** The preview of the questions file for `session`, without touching any entry. */
  private async computePreview(
    session: KbSession,
    target: AuditTarget,
    signal?: AbortSignal,
  ): Promise<Pick<KbEntry, 'preview' | 'questionsNote' | 'questionsUri'>> {
    const questionsPath = target.config.questions;
    if (!questionsPath) {
      return { preview: undefined, questionsUri: undefined, questionsNote: 'No questions file: set "questions" in kb-audit.json or the kbAudit.questionsFile setting.' };
    }
    const uri = target.docsRoot.with({ path: questionsPath });
    let questions: SampleQuestion[];
    try {
      // An open questions file is read from the editor, so unsaved additions count.
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      const displayName = vscode.workspace.asRelativePath(uri);
      questions = open ? parseQuestions(open.getText(), displayName) : await loadQuestions(workspaceFileSystem(uri), questionsPath, displayName);
      // A locale the knowledge base lacks is the questions file's error, said like a malformed line.
      checkQuestionLocales(session.kb, questions);
    } catch (error) {
      const questionsNote = errorMessage(error);
      this.output.warn(questionsNote);
      return { preview: undefined, questionsUri: uri, questionsNote };
    }
    const preview = await session.previewAll(questions, undefined, signal);
    this.embeddings?.report(preview.embeddings);
    return { preview, questionsUri: uri, questionsNote: `${questions.length} questions from ${vscode.workspace.asRelativePath(uri)}` };
  }

  /** Re-reads the questions and routes them again (the questions file changed). */
  async refreshPreviewFor(entry: KbEntry): Promise<void> {
    await this.refreshPreview(entry);
    this.didChange.fire();
  }

  /**
   * The locale the Ask view answers in, in a translated knowledge base (KB Audit: Choose Locale
   * for Ask…); undefined: the source's. A knowledge base without it answers from its source.
   */
  askLocale: string | undefined;

  /**
   * What the bot would do with `question`, in the active folder's knowledge base (with
   * routing.embeddings when in use). Routed by the audit engine, so after an edit the index is
   * rebuilt on its thread, not on the extension host's.
   */
  async ask(question: string, entry = this.activeEntry()): Promise<RoutedQuestion | undefined> {
    const session = entry?.session;
    if (!session) return undefined;
    const routed = await session.route(question, undefined, this.askLocale);
    if (session.usesEmbeddings) this.embeddings?.report(session.embeddingsOutcome);
    return routed;
  }

  // --- Incremental updates -------------------------------------------------------------

  /** True when `uri` is an article of some docs folder by its include and exclude globs. */
  isArticle(uri: vscode.Uri): { entry: KbEntry; file: string } | undefined {
    const located = this.locate(uri);
    if (!located?.entry.target || !located.entry.session) return undefined;
    const { include, exclude } = located.entry.target.config;
    const included = picomatch(include, { dot: false })(located.file);
    const excluded = picomatch([...exclude, ...ALWAYS_EXCLUDED], { dot: true })(located.file);
    return included && !excluded ? located : undefined;
  }

  /** Re-checks one article from its current text: the changed file only, at once. */
  updateArticle(uri: vscode.Uri, text: string): boolean {
    this.changedDuringAudit?.add(uri.toString());
    const located = this.isArticle(uri);
    if (!located) return false;
    const started = performance.now();
    const { entry, file } = located;
    const findings = entry.session!.updateArticle(file, text);
    this.publishFile(entry, file, findings);
    this.lastIncrementalMs = performance.now() - started;
    this.scheduleRecheck();
    this.didChange.fire();
    return true;
  }

  removeArticle(uri: vscode.Uri): void {
    this.changedDuringAudit?.add(uri.toString());
    const located = this.locate(uri);
    // A file the scan counted as skipped (it vanished, or was too large) goes too.
    if (!located?.entry.session || !located.entry.session.has(located.file)) return;
    located.entry.session.removeArticle(located.file);
    this.publishFile(located.entry, located.file, []);
    this.scheduleRecheck();
    this.didChange.fire();
  }

  /** After a pause, re-runs the rules that compare articles and the preview for folders with edits. */
  scheduleRecheck(delay = RECHECK_DELAY_MS): void {
    clearTimeout(this.recheckTimer);
    this.recheckTimer = setTimeout(() => void this.recheck().catch((error) => this.output.error(`re-check failed: ${errorMessage(error)}`)), delay);
  }

  /** Runs the pending re-check now (tests and commands that need settled results). */
  async recheck(): Promise<void> {
    clearTimeout(this.recheckTimer);
    for (const entry of this.entryList) {
      const session = entry.session;
      if (!session || session.staleFiles.size === 0) continue;
      await session.recheck();
      if (entry.session !== session) continue;
      await this.publish(entry);
      await this.refreshPreview(entry);
    }
    this.didChange.fire();
  }

  // --- Diagnostics -----------------------------------------------------------------------

  /**
   * Publishes the session's findings, a few files at a time with a yield between slices:
   * thousands of diagnostics at once would hold the extension host for most of a second.
   * Each file's findings are read when its slice runs, so an edit meanwhile is never undone.
   */
  private async publish(entry: KbEntry): Promise<void> {
    const session = entry.session;
    const root = entry.target?.docsRoot;
    if (!session || !root) return;
    const generation = (this.publishing.get(entry) ?? 0) + 1;
    this.publishing.set(entry, generation);
    // What is on screen: grows as slices land, so a newer publish can clear all of it.
    const shown = this.published.get(entry) ?? new Set<string>();
    this.published.set(entry, shown);
    const now = new Set<string>();
    let slice: [vscode.Uri, vscode.Diagnostic[]][] = [];
    let sliceStarted = performance.now();
    for (const file of session.filesWithFindings) {
      const uri = vscode.Uri.joinPath(root, ...file.split('/'));
      const diagnostics = this.diagnosticsFor(entry, file, session.findingsFor(file));
      if (diagnostics.length === 0) continue;
      slice.push([uri, diagnostics]);
      now.add(uri.toString());
      if (performance.now() - sliceStarted < PUBLISH_SLICE_MS) continue;
      this.diagnostics.set(slice);
      for (const [done] of slice) shown.add(done.toString());
      slice = [];
      await new Promise((resolve) => setImmediate(resolve));
      // A newer publish (or another session) took over: it finishes the job.
      if (this.publishing.get(entry) !== generation || entry.session !== session) return;
      sliceStarted = performance.now();
    }
    this.diagnostics.set(slice);
    for (const [done] of slice) shown.add(done.toString());
    for (const uri of [...shown]) {
      if (now.has(uri)) continue;
      this.diagnostics.delete(vscode.Uri.parse(uri));
      shown.delete(uri);
    }
  }

  private publishFile(entry: KbEntry, file: string, findings: ReturnType<KbSession['findingsFor']>): void {
    if (!entry.target) return;
    const uri = vscode.Uri.joinPath(entry.target.docsRoot, ...file.split('/'));
    const set = this.published.get(entry) ?? new Set<string>();
    const diagnostics = this.diagnosticsFor(entry, file, findings);
    if (diagnostics.length) {
      this.diagnostics.set(uri, diagnostics);
      set.add(uri.toString());
    } else {
      this.diagnostics.delete(uri);
      set.delete(uri.toString());
    }
    this.published.set(entry, set);
  }

  private unpublish(entry: KbEntry): void {
    this.publishing.set(entry, (this.publishing.get(entry) ?? 0) + 1);
    for (const uri of this.published.get(entry) ?? []) this.diagnostics.delete(vscode.Uri.parse(uri));
    this.published.delete(entry);
    this.baselined.delete(entry);
  }

  private configErrors = new Map<KbEntry, vscode.Uri>();

  /** A broken kb-audit.json shows in the Problems panel at the offending position. */
  private publishConfigError(entry: KbEntry, error: ConfigError): void {
    const uri = entry.folder.uri.with({ path: error.file });
    const position = new vscode.Position(Math.max(error.line - 1, 0), Math.max(error.column - 1, 0));
    const diagnostic = new vscode.Diagnostic(new vscode.Range(position, position), error.detail, vscode.DiagnosticSeverity.Error);
    diagnostic.source = 'kb-audit';
    this.diagnostics.set(uri, [diagnostic]);
    this.configErrors.set(entry, uri);
  }

  private clearConfigError(entry: KbEntry): void {
    const uri = this.configErrors.get(entry);
    if (uri) this.diagnostics.delete(uri);
    this.configErrors.delete(entry);
  }

  private readonly noted = new Set<string>();

  /** Logs `message` the first time `key` is seen: a note that every audit would repeat. */
  private noteOnce(key: string, message: string): void {
    if (this.noted.has(key)) return;
    this.noted.add(key);
    this.output.warn(message);
  }

  dispose(): void {
    clearTimeout(this.recheckTimer);
    this.current?.abort.abort();
    for (const entry of this.entryList) entry.session?.dispose();
    this.didAudit.dispose();
    this.didChange.dispose();
    this.didPhase.dispose();
    this.didProgress.dispose();
  }
}
