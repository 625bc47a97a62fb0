// Bring your own embeddings in the real host: the kbAudit.embeddings setting names a local
// OpenAI-compatible server (real HTTP on loopback, started by this test in the extension host),
// the key is set through KB Audit: Set Embeddings API Key into VS Code's secret storage and
// reaches the server as a bearer token, and Ask routes by the model's meaning. Nothing is sent
// without the setting, and removing it brings back the built-in routing.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RoutedQuestion } from '../../../src/core/routing/types';
import { CommandId } from '../../../src/extension/commandIds';
import type { KbAuditApi } from '../../../src/extension/extension';
import { startEmbeddingsServer, type EmbeddingsServer } from '../../helpers/embeddingsServer';
import { auditedApi } from './helpers/extension';

describe('Bring your own embeddings', function () {
  this.timeout(60_000);
  let api: KbAuditApi;
  let server: EmbeddingsServer;

  before(async function () {
    ({ api } = await auditedApi());
    // Only the desktop extension host runs Node's http server for the test.
    if (api.inspect.host.kind !== 'desktop' || !vscode.workspace.isTrusted) this.skip();
    server = await startEmbeddingsServer();
  });

  after(async () => {
    // Left as the test found them if it stopped half-way: the key goes first, while the setting
    // still names its endpoint; then the setting, waiting for the audit its change starts.
    const configured = vscode.workspace.getConfiguration('kbAudit').inspect('embeddings')?.workspaceValue !== undefined;
    if (configured && api) {
      await vscode.commands.executeCommand(CommandId.SetEmbeddingsApiKey, '');
      const audited = new Promise<void>((resolve) => {
        const subscription = api.onDidAudit(() => {
          subscription.dispose();
          resolve();
        });
      });
      await vscode.workspace.getConfiguration('kbAudit').update('embeddings', undefined, vscode.ConfigurationTarget.Workspace);
      await Promise.race([audited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
    }
    if (server) await server.close();
    await api?.runAudit();
  });

  it('the setting and the key in secret storage route Ask through the model', async () => {
    const question = 'my lamp arrived smashed';
    const before = await vscode.commands.executeCommand<RoutedQuestion>(CommandId.AskQuestion, question);
    assert.doesNotMatch(before?.reason ?? '', /via it-model/);
    assert.equal(server.requests.length, 0, 'nothing is sent without the setting');

    // The endpoint wants a key, as a hosted one does: the audit that changing the setting starts is
    // refused (and caches nothing) until the key is set.
    server.requireKey = 'it-secret';
    const keyed = () => server.requests.some((r) => r.headers.authorization === 'Bearer it-secret');
    // The audits the setting and the key start run in the worker: the one that sent with the key ends later.
    const auditedWithKey = new Promise<void>((resolve) => {
      const subscription = api.onDidAudit(() => {
        if (!keyed()) return;
        subscription.dispose();
        resolve();
      });
    });
    await vscode.workspace.getConfiguration('kbAudit').update('embeddings', { endpoint: `${server.url}/v1`, model: 'it-model', retries: 0 }, vscode.ConfigurationTarget.Workspace);
    // The command keeps the key in secret storage and audits again.
    assert.equal(await vscode.commands.executeCommand<boolean>(CommandId.SetEmbeddingsApiKey, 'it-secret'), true);
    await Promise.race([auditedWithKey, new Promise((resolve) => setTimeout(resolve, 45_000))]);
    assert.ok(keyed(), `the audit sent with the key from secret storage (requests: ${JSON.stringify(server.requests.map((r) => r.headers.authorization ?? null))})`);

    const sent = server.requests.length;
    const routed = await vscode.commands.executeCommand<RoutedQuestion>(CommandId.AskQuestion, question);
    assert.match(routed?.reason ?? '', /by meaning via it-model \(similarity 0\.\d+\)/, routed?.reason);
    assert.equal(routed?.answer?.file, 'orders/damaged-or-missing-items.md');
    assert.deepEqual(server.requests.slice(sent).map((r) => r.body.input), [[question]], 'only the new question is sent');
    assert.equal(server.requests.at(-1)?.headers.authorization, 'Bearer it-secret');

    // The settings files hold no key.
    const inspected = vscode.workspace.getConfiguration('kbAudit').inspect<Record<string, unknown>>('embeddings');
    assert.ok(!JSON.stringify(inspected).includes('it-secret'));

    // Removing the key (the command audits again) and then the setting (its change audits again): the built-in routing is back.
    assert.equal(await vscode.commands.executeCommand<boolean>(CommandId.SetEmbeddingsApiKey, ''), true);
    const audited = new Promise<void>((resolve) => {
      const subscription = api.onDidAudit(() => {
        subscription.dispose();
        resolve();
      });
    });
    await vscode.workspace.getConfiguration('kbAudit').update('embeddings', undefined, vscode.ConfigurationTarget.Workspace);
    await audited;
    const after = await vscode.commands.executeCommand<RoutedQuestion>(CommandId.AskQuestion, question);
    assert.doesNotMatch(after?.reason ?? '', /via it-model/);
  });
});
