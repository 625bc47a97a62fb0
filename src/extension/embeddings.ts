// routing.embeddings in the editor: the API key in VS Code's secret storage (never in settings
// or kb-audit.json), kept per endpoint origin so a key set for one server is never sent to
// another that a workspace's kb-audit.json names; a notice the first time text goes to an
// endpoint; nothing at all in Restricted Mode; the outcome (sent, cached, or why the built-in
// routing is used) in the output channel, and a warning when the endpoint fails.
import * as vscode from 'vscode';
import type { ResolvedConfig } from '../core/config/config';
import { embeddingsSettings, embeddingsTarget, fallbackMessage, type EmbeddingsOutcome } from '../core/routing/embeddings';
import type { EmbeddingsAccess } from './kbSession';

/** The secret storage key of the API key for `endpoint`'s origin. */
export function secretKeyFor(endpoint: string): string {
  let origin = endpoint;
  try {
    origin = new URL(endpoint).origin;
  } catch {
    // kept as written: it is only a key
  }
  return `kbAudit.embeddings.apiKey:${origin}`;
}

/** What the editor needs of the extension's context: its secrets, its memory, its storage folder. */
export interface EmbeddingsHost {
  secrets: vscode.SecretStorage;
  globalState: vscode.Memento;
  globalStorageUri: vscode.Uri;
}

const NOTICE_STATE = 'kbAudit.embeddings.noticeShown';

export class EditorEmbeddings {
  /** Warnings already shown this session, so a failing endpoint warns once, not on every re-check. */
  private readonly warned = new Set<string>();

  constructor(
    private readonly host: EmbeddingsHost,
    private readonly output: vscode.LogOutputChannel,
  ) {}

  /**
   * What an audit may use for routing.embeddings under `config`: undefined when it is off or
   * the workspace is not trusted. Shows the first-use notice of what is sent where.
   */
  async access(config: ResolvedConfig): Promise<EmbeddingsAccess | undefined> {
    const settings = embeddingsSettings(config.routing.embeddings);
    if (!settings || !vscode.workspace.isTrusted) return undefined;
    let url: string;
    try {
      url = embeddingsTarget(settings).url.replace(/\?[^]*$/, '');
    } catch (error) {
      this.warnOnce(`KB Audit: ${error instanceof Error ? error.message : String(error)}; the built-in routing is used.`);
      return undefined;
    }
    const apiKey = (await this.host.secrets.get(secretKeyFor(settings.endpoint))) || undefined;
    this.showNoticeOnce(url, settings.model, apiKey !== undefined);
    const access: EmbeddingsAccess = {};
    if (apiKey) access.apiKey = apiKey;
    // A folder on disk for the vectors where there is one (desktop); in the browser they live as long as the session.
    if (this.host.globalStorageUri.scheme === 'file') access.cacheDir = vscode.Uri.joinPath(this.host.globalStorageUri, 'embeddings').fsPath;
    return access;
  }

  private showNoticeOnce(url: string, model: string, withKey: boolean): void {
    const key = `${url}\u0000${model}`;
    const shown = this.host.globalState.get<string[]>(NOTICE_STATE, []);
    const message = `KB Audit: routing.embeddings sends the text of every section (headings, answer text, example questions) and your sample questions to ${url} (model ${model})${withKey ? ' with the API key from VS Code\'s secret storage' : ''}. Vectors are cached by content and model, so unchanged text is not sent again.`;
    this.output.info(message);
    if (shown.includes(key)) return;
    void this.host.globalState.update(NOTICE_STATE, [...shown, key]);
    void vscode.window.showInformationMessage(message);
  }

  /** Logs what an audit or preview did with the endpoint; warns (once per message) when it fell back. */
  report(outcome: EmbeddingsOutcome | undefined): void {
    if (!outcome) return;
    if (outcome.ok) {
      if (outcome.stats.sent) this.output.info(`routing.embeddings (${outcome.model}): ${outcome.stats.sent} texts sent in ${outcome.stats.requests} requests, ${outcome.stats.cached} from the cache`);
      return;
    }
    const message = fallbackMessage(outcome);
    this.output.warn(message);
    this.warnOnce(`KB Audit: ${message}`);
  }

  private warnOnce(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    void vscode.window.showWarningMessage(message);
  }
}

/**
 * KB Audit: Set Embeddings API Key. Asks for the key of the endpoint routing.embeddings names
 * (or takes `key` as an argument; an empty key removes it) and keeps it in secret storage.
 */
export async function setEmbeddingsApiKey(host: EmbeddingsHost, endpoint: string | undefined, key?: unknown): Promise<boolean> {
  if (!endpoint) {
    void vscode.window.showErrorMessage('KB Audit: set routing.embeddings (endpoint and model) in kb-audit.json or the kbAudit.embeddings setting first.');
    return false;
  }
  const secretKey = secretKeyFor(endpoint);
  const value =
    typeof key === 'string'
      ? key
      : await vscode.window.showInputBox({
          title: 'KB Audit: Set Embeddings API Key',
          prompt: `API key for ${new URL(endpoint).origin}, kept in VS Code's secret storage (never in settings). Leave empty to remove it.`,
          password: true,
          ignoreFocusOut: true,
        });
  if (value === undefined) return false;
  if (value.trim()) await host.secrets.store(secretKey, value.trim());
  else await host.secrets.delete(secretKey);
  return true;
}
