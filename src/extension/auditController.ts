import * as vscode from 'vscode';
import type { AuditResult } from '../core/audit';
import { runAudit } from '../core/audit';
import { ConfigError, DEFAULT_CONFIG, findConfig, loadConfig, type ResolvedConfig } from '../core/config/config';
import { errorMessage, resolvePath } from '../core/fileSystem';
import { publishFindings } from './diagnostics';
import { workspaceFileSystem } from './workspaceFileSystem';

export interface AuditTarget {
  folder: vscode.WorkspaceFolder;
  docsRoot: vscode.Uri;
  config: ResolvedConfig;
}

/** Owns the audit of the workspace: finds the docs folder, runs the core, publishes diagnostics. */
export class AuditController implements vscode.Disposable {
  private generation = 0;
  private lastResult: AuditResult | undefined;
  private readonly didAudit = new vscode.EventEmitter<AuditResult>();
  readonly onDidAudit = this.didAudit.event;

  constructor(
    private readonly diagnostics: vscode.DiagnosticCollection,
    private readonly output: vscode.LogOutputChannel,
  ) {}

  get result(): AuditResult | undefined {
    return this.lastResult;
  }

  /** The docs folder: the kbAudit.docsPath setting, else kb-audit.json's `docs`, else the workspace folder. */
  async resolveTarget(folder: vscode.WorkspaceFolder): Promise<AuditTarget> {
    const fs = workspaceFileSystem(folder.uri);
    const setting = vscode.workspace.getConfiguration('kbAudit', folder.uri).get<string>('docsPath', '').trim();
    const folderPath = folder.uri.path;
    const settingRoot = setting ? resolvePath(folderPath, setting) : null;
    const configPath = await findConfig(fs, settingRoot ? [settingRoot, folderPath] : [folderPath]);
    let config: ResolvedConfig = DEFAULT_CONFIG;
    if (configPath) config = await loadConfig(fs, configPath);
    const docsPath = settingRoot ?? config.docs ?? folderPath;
    return { folder, docsRoot: folder.uri.with({ path: docsPath }), config };
  }

  /** Audits the first workspace folder; stale runs are dropped by a generation counter. */
  async runAudit(): Promise<AuditResult | undefined> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) return undefined;
    const generation = ++this.generation;
    try {
      const target = await this.resolveTarget(folder);
      const result = await runAudit(workspaceFileSystem(target.docsRoot), target.docsRoot.path, target.config);
      if (generation !== this.generation) return undefined;
      publishFindings(this.diagnostics, target.docsRoot, result.findings);
      this.lastResult = result;
      this.output.info(
        `audited ${result.stats.files} articles, ${result.stats.sections} sections in ${result.stats.durationMs} ms: ${result.findings.length} findings`,
      );
      this.didAudit.fire(result);
      return result;
    } catch (error) {
      if (error instanceof ConfigError) this.output.error(error.message);
      else this.output.error(`audit failed: ${errorMessage(error)}`);
      throw error;
    }
  }

  dispose(): void {
    this.didAudit.dispose();
  }
}
