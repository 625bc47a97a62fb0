// Compare with Branch in the editor: the docs at a branch against the working tree (unsaved
// edits included), as `kb-audit diff BRANCH` compares them, in a worker thread of its own so
// neither the extension host's thread nor the folder's audit worker waits for it. The result
// marks the Questions and Knowledge Base views and opens the CLI's Markdown report.
import * as vscode from 'vscode';
import type { ResolvedConfig } from '../core/config/config';
import { errorMessage, toPosix } from '../core/fileSystem';
import type { CompareReply, GitFailureReason, RevisionsReply } from './auditEngine';
import type { AuditController, KbEntry } from './auditController';
import { comparisonOf, reportLinkBase, type Comparison } from './comparison';
import { gitExtensionApi, gitRepositoryOf, revisionsOf, type RevisionChoice } from './gitExtension';
import { HOST_KIND } from './platform';

/** A comparison that could not run, with what to tell the user. */
export class CompareError extends Error {
  constructor(
    message: string,
    readonly reason: GitFailureReason | 'no-audit' | 'no-worker',
  ) {
    super(message);
  }
}

export class BranchComparisons {
  constructor(
    private readonly controller: AuditController,
    private readonly output: vscode.LogOutputChannel,
    private readonly version: string,
    /** Where reports are written (the workspace's storage folder), so their relative links work. */
    private readonly storage: vscode.Uri | undefined,
  ) {}

  /** The report's file for `base` (one per folder and base, replaced by the next comparison), or undefined where none can be written. */
  private reportUri(entry: KbEntry, base: string): vscode.Uri | undefined {
    if (!this.storage || this.storage.scheme !== 'file') return undefined;
    const name = `${entry.folder.name}-${base}`.replace(/[^A-Za-z0-9._-]+/g, '-');
    return vscode.Uri.joinPath(this.storage, 'comparisons', `kb-audit-diff-${name}.md`);
  }

  /** The docs folder as git and node:fs see it; a CompareError where comparing cannot work. */
  private localDocs(entry: KbEntry): { root: string; label: string; docsRoot: vscode.Uri } {
    const docsRoot = entry.target?.docsRoot;
    if (!docsRoot || !entry.session) throw new CompareError('KB Audit: no docs folder has been audited yet.', 'no-audit');
    const label = vscode.workspace.asRelativePath(docsRoot, false) || docsRoot.fsPath;
    if (HOST_KIND === 'web' || docsRoot.scheme !== 'file') {
      throw new CompareError(`KB Audit: comparing ${label} with a branch needs git and a folder on disk; in this workspace, run kb-audit diff in a terminal instead.`, 'unavailable');
    }
    return { root: toPosix(docsRoot.fsPath), label, docsRoot };
  }

  private failure(reply: { reason: GitFailureReason; message: string }, label: string, base?: string): CompareError {
    switch (reply.reason) {
      case 'not-a-repository':
        return new CompareError(`KB Audit: the docs folder ${label} is not in a git repository, so there is no branch to compare it with.`, reply.reason);
      case 'no-git':
        return new CompareError('KB Audit: git was not found: install git (or set git.path) to compare with a branch.', reply.reason);
      case 'unknown-revision':
        return new CompareError(`KB Audit: there is no branch, tag or commit "${base}" in the git repository of ${label} to compare with.`, reply.reason);
      default:
        return new CompareError(`KB Audit: cannot compare${base ? ` with ${base}` : ''}: ${reply.message}`, reply.reason);
    }
  }

  /** Runs `task` in a new audit worker, stopped afterwards (and on cancel). */
  private async inWorker<T>(task: (engine: NonNullable<ReturnType<AuditController['startWorker']>>) => Promise<T>): Promise<T> {
    const engine = this.controller.startWorker();
    if (!engine) throw new CompareError("KB Audit: the audit worker is missing from this build, and a comparison never runs on the extension host's thread.", 'no-worker');
    try {
      return await task(engine);
    } finally {
      engine.dispose();
    }
  }

  /** Branches, remote branches and tags to pick from: the Git extension's, else `git for-each-ref` in a worker. */
  async revisions(entry: KbEntry): Promise<RevisionChoice[]> {
    const { root, label, docsRoot } = this.localDocs(entry);
    const git = await gitExtensionApi();
    const repository = git ? gitRepositoryOf(git, docsRoot) : null;
    if (repository) {
      try {
        return await revisionsOf(repository);
      } catch (error) {
        this.output.warn(`the Git extension could not list branches (${errorMessage(error)}); asking git`);
      }
    }
    const reply: RevisionsReply = await this.inWorker((engine) => engine.revisions({ kind: 'revisions', root, git: git?.git.path }));
    if (!reply.ok) throw this.failure(reply, label);
    return reply.revisions;
  }

  /** Compares the entry's docs with `base` and keeps the result on the entry for the views. */
  async compare(entry: KbEntry, base: string, token?: vscode.CancellationToken): Promise<Comparison> {
    const { root, label, docsRoot } = this.localDocs(entry);
    const target = entry.target!;
    const git = await gitExtensionApi();
    const fsPath = (uriPath: string | null) => (uriPath === null ? null : toPosix(docsRoot.with({ path: uriPath }).fsPath));
    // The configuration's paths are URI paths; git and node:fs need file-system paths (C:/… on Windows).
    const config: ResolvedConfig = { ...target.config, docs: fsPath(target.config.docs), questions: fsPath(target.config.questions), configPath: fsPath(target.config.configPath) };
    const questionsUri = target.config.questions ? docsRoot.with({ path: target.config.questions }) : undefined;
    const encoder = new TextEncoder();
    const unsaved = vscode.workspace.textDocuments
      .filter((d) => d.isDirty && d.uri.scheme === 'file' && (this.controller.locate(d.uri)?.entry === entry || d.uri.toString() === questionsUri?.toString()))
      .map((d) => ({ path: toPosix(d.uri.fsPath), bytes: encoder.encode(d.getText()) }));
    const report = this.reportUri(entry, base);
    const linkBase = report
      ? reportLinkBase(toPosix(vscode.Uri.joinPath(report, '..').fsPath), root, docsRoot.toString())
      : `${docsRoot.toString()}/`;
    const abort = new AbortController();
    const cancelled = token?.onCancellationRequested(() => abort.abort());
    const started = performance.now();
    let reply: CompareReply;
    try {
      reply = await this.inWorker((engine) =>
        engine.compare(
          {
            kind: 'compare',
            base,
            root,
            config,
            questionsDisplayName: questionsUri ? vscode.workspace.asRelativePath(questionsUri) : undefined,
            git: git?.git.path,
            unsaved,
            now: Date.now(),
            version: this.version,
            linkBase,
          },
          abort.signal,
        ),
      );
    } finally {
      cancelled?.dispose();
    }
    if (!reply.ok) throw this.failure(reply, label, base);
    let reportUri: string | undefined;
    if (report) {
      try {
        await vscode.workspace.fs.writeFile(report, new TextEncoder().encode(`${reply.markdown}\n`));
        reportUri = report.toString();
      } catch (error) {
        // The report then opens untitled; its links, relative to the file it was meant for, lead nowhere.
        this.output.warn(`the comparison's report was not written to ${report.fsPath}: ${errorMessage(error)}`);
      }
    }
    const comparison = comparisonOf({ ...reply, reportUri }, base);
    this.output.info(`compared ${label} with ${reply.baseName} in ${(performance.now() - started).toFixed(0)} ms: ${reply.headline}`);
    entry.comparison = comparison;
    this.controller.notifyChange();
    return comparison;
  }

  /** Forgets the comparison of every folder (or of one). */
  clear(entry?: KbEntry): void {
    for (const e of entry ? [entry] : this.controller.entries) e.comparison = undefined;
    this.controller.notifyChange();
  }
}
