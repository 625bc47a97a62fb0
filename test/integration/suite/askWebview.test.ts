// The Ask webview in the real host: messages both ways (validated), what the page renders,
// the preview panel with the threshold sweep, reports and exports, the docs folder command,
// and the time from an edit to refreshed diagnostics.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AuditResult } from '../../../src/core/audit';
import type { PreviewResult, RoutedQuestion } from '../../../src/core/routing/types';
import { CommandId, ViewId } from '../../../src/extension/commandIds';
import type { KbAuditApi } from '../../../src/extension/extension';
import { sentSoFar, useTheme, waitForSent, waitOn } from './editorWaits';
import { auditedApi } from './helpers/extension';
import { pageBridge } from './helpers/page';
import { relativePath, workspaceFolder, workspaceUri, WorkspaceEdits } from './helpers/workspace';

function receivedFrom(api: KbAuditApi, target: 'view' | 'panel', type: string, since: number) {
  return waitOn(
    api.inspect.webview.onDidExchange,
    () => api.inspect.webview.received.slice(since).find((r) => r.target === target && r.message.type === type),
    `"${type}" from the ${target} page`,
  );
}

/** Read afresh: the compiler would keep a narrowing from an earlier read. */
function activeEditor(): vscode.TextEditor | undefined {
  return vscode.window.activeTextEditor;
}

describe('Ask webview, preview panel, reports and live re-checks', () => {
  let api: KbAuditApi;

  before(async () => {
    ({ api } = await auditedApi());
    await api.inspect.settle();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('the Ask view routes a question live and renders decision, reply, section and reason', async () => {
    const since = api.inspect.webview.received.length;
    const ready = receivedFrom(api, 'view', 'ready', 0);
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
    await vscode.commands.executeCommand(`${ViewId.Ask}.focus`);
    await ready;
    const sentBefore = sentSoFar(api);
    const routed = await vscode.commands.executeCommand<RoutedQuestion>(CommandId.AskQuestion, 'how long does a refund take to reach my card');
    assert.ok(routed);
    const ask = await receivedFrom(api, 'view', 'ask', since);
    assert.equal(ask.message.type === 'ask' && ask.message.question, 'how long does a refund take to reach my card');
    const answer = await waitForSent(api, 'view', 'answer', sentBefore, (m) => ask.message.type === 'ask' && m.requestId === ask.message.requestId);
    assert.equal(answer.result?.decision, routed.decision);
    assert.equal(answer.result?.answer?.file, routed.answer?.file);

    const page = pageBridge();
    if (!page) return;
    const heading = routed.answer!.heading;
    const { text } = await page.frameText(heading, 'ask-view');
    assert.match(text, new RegExp(`${routed.decision === 'answer' ? 'Answer' : routed.decision === 'clarify' ? 'Clarify' : 'Escalate'}`));
    assert.match(text, /confidence \d\.\d\d/);
    assert.match(text, /Why:/);
  });

  it('the page\'s links open only articles of the knowledge base; malformed or unknown messages are dropped', async () => {
    const received = api.inspect.webview.received.length;
    await api.inspect.webview.receive({ type: 'open', file: '../../etc/passwd', line: 1 }, 'view');
    await api.inspect.webview.receive({ type: 'open', file: 'kb-audit.json', line: 1 }, 'view');
    await api.inspect.webview.receive({ type: 'command', command: 'workbench.action.quit' }, 'view');
    await api.inspect.webview.receive({ type: 'ask', requestId: 1, question: 'x'.repeat(5000) }, 'view');
    await api.inspect.webview.receive(JSON.parse('{"type":"ask","requestId":"1","question":"q","__proto__":{"x":1}}'), 'view');
    assert.equal(vscode.window.activeTextEditor, undefined, 'nothing was opened');
    assert.equal(api.inspect.webview.received.length, received + 1, 'only the in-docs-but-not-an-article open got through validation');
    await api.inspect.webview.receive({ type: 'open', file: 'returns/refunds.md', line: 11 }, 'view');
    const editor = activeEditor();
    assert.ok(editor);
    assert.equal(relativePath(editor.document.uri), 'returns/refunds.md');
    assert.equal(editor.selection.active.line, 10);
  });

  describe('with labelled sample questions', () => {
    const edits = new WorkspaceEdits();

    before(async () => {
      const audited = waitOn(api.onDidAudit, () => api.lastResult?.questions?.file === 'sample-questions.csv', 'the audit with the labelled questions', 30_000);
      await edits.change('kb-audit.json', (t) => t.replace('"sample-questions.txt"', '"sample-questions.csv"'));
      await audited;
      await api.inspect.settle();
    });

    after(async () => {
      const audited = waitOn(api.onDidAudit, () => api.lastResult?.questions?.file === 'sample-questions.txt', 'the audit with the plain questions', 30_000);
      await edits.restore();
      await audited;
      await useTheme('Default Dark Modern');
      await vscode.workspace.getConfiguration('workbench').update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
    });

    it('Preview Sample Questions opens the panel with the results, the sweep and per-article routing', async () => {
      const since = sentSoFar(api);
      const preview = await vscode.commands.executeCommand<PreviewResult>(CommandId.PreviewQuestions, 'threshold');
      assert.ok(preview.summary.labelled && preview.summary.labelled > 0);
      const sent = await waitForSent(api, 'panel', 'preview', since);
      assert.equal(sent.results.length, preview.summary.questions);
      assert.equal(sent.summary.threshold, preview.summary.threshold);
      assert.ok(sent.sweep.length >= 21);
      assert.ok(sent.sweep.some((p) => p.precision !== null), 'labelled questions give a precision curve');
      assert.ok(sent.sweep.some((p) => Math.abs(p.threshold - preview.summary.threshold) < 1e-9), 'the configured threshold is on the curve');
      const coverages = sent.sweep.map((p) => p.coverage);
      assert.deepEqual([...coverages].sort((a, b) => b - a), coverages, 'coverage falls as the threshold rises');
      assert.ok(sent.articles.some((a) => a.file === 'returns/refunds.md'));
    });

    it('a what-if threshold from the chart re-previews the questions at that threshold, leaving the setting alone', async () => {
      const ready = receivedFrom(api, 'panel', 'ready', api.inspect.webview.received.length);
      await vscode.commands.executeCommand(CommandId.PreviewQuestions, 'threshold');
      await ready;
      const since = sentSoFar(api);
      await api.inspect.webview.receive({ type: 'whatIf', threshold: 0.6 }, 'panel');
      const sent = await waitForSent(api, 'panel', 'preview', since, (m) => m.summary.threshold === 0.6);
      const at = (await vscode.commands.executeCommand<PreviewResult>(CommandId.PreviewQuestions)).summary;
      assert.ok(sent.summary.answered <= at.answered, 'a higher threshold answers no more');
      assert.notEqual(at.threshold, 0.6);
    });

    for (const [theme, name] of [
      ['Default Light Modern', 'light'],
      ['Default Dark Modern', 'dark'],
    ] as const) {
      it(`renders the threshold chart in the ${name} theme`, async function () {
        const page = pageBridge();
        if (!page) this.skip();
        await useTheme(theme);
        await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
        await vscode.commands.executeCommand('workbench.view.extension.kbAudit');
        await vscode.commands.executeCommand(CommandId.PreviewQuestions, 'threshold');
        const { text } = await page.frameText('Best balanced accuracy', `threshold-chart-${name}`);
        assert.match(text, /Threshold sweep/);
        await page.screenshot(`preview-panel-${name}`);
        await vscode.commands.executeCommand(CommandId.PreviewQuestions, 'ask', 'how long until my refund reaches my card?');
        await page.frameText('Reply from', `ask-panel-${name}`);
        await page.screenshot(`ask-panel-${name}`);
      });
    }
  });

  it('Open Report shows the Markdown report in an untitled editor', async () => {
    const document = await vscode.commands.executeCommand<vscode.TextDocument>(CommandId.OpenReport);
    assert.equal(document.languageId, 'markdown');
    assert.equal(document.isUntitled, true);
    assert.match(document.getText(), /^# KB Audit report/);
    for (const rule of new Set(api.lastResult!.findings.map((f) => f.ruleId))) assert.match(document.getText(), new RegExp(`### \\[${rule}\\]`));
  });

  it('exports JSON and SARIF with every finding', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-audit-export-'));
    try {
      const result = api.lastResult as AuditResult;
      const jsonUri = await vscode.commands.executeCommand<vscode.Uri>(CommandId.ExportJson, vscode.Uri.file(path.join(dir, 'report.json')));
      const json = JSON.parse(fs.readFileSync(jsonUri.fsPath, 'utf8'));
      assert.equal(json.tool, 'kb-audit');
      assert.equal(json.findings.length, result.findings.length);
      const sarifUri = await vscode.commands.executeCommand<vscode.Uri>(CommandId.ExportSarif, vscode.Uri.file(path.join(dir, 'report.sarif')));
      const sarif = JSON.parse(fs.readFileSync(sarifUri.fsPath, 'utf8'));
      assert.equal(sarif.version, '2.1.0');
      assert.equal(sarif.runs[0].results.length, result.findings.length);
      assert.ok(sarif.runs[0].results.every((r: { ruleId: string; locations: unknown[] }) => r.ruleId && r.locations.length === 1));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers from an unsaved edit, with the index built on the engine\'s thread, not the extension host\'s', async () => {
    assert.ok(api.inspect.auditOffThread, 'the audit runs in a worker');
    const file = 'orders/track-order.md';
    const editor = await vscode.window.showTextDocument(workspaceUri(file));
    const end = editor.document.lineCount;
    const question = 'can I collect my parcel from the lighthouse kiosk';
    try {
      await editor.edit((b) =>
        b.insert(new vscode.Position(end, 0), '\n## Can I collect my parcel from the lighthouse kiosk?\n\nYes: the lighthouse kiosk keeps parcels for seven days; bring the order number and photo identification.\n'),
      );
      // The edit reaches the session after the editor's pause in typing.
      await waitOn(api.onDidChange, () => api.lastResult?.kb.byFile.get(file)?.lines.some((l) => l.includes('lighthouse kiosk')), 'the unsaved edit in the session');
      const routed = await vscode.commands.executeCommand<RoutedQuestion>(CommandId.AskQuestion, question);
      assert.equal(routed?.answer?.file, file, JSON.stringify(routed));
      assert.match(routed!.answer!.heading, /lighthouse kiosk/);
      assert.equal(api.inspect.indexBuiltOnHost, false, 'the extension host built a search index');
    } finally {
      // Asking focused the Ask view: the edit is reverted in its own editor.
      await vscode.window.showTextDocument(editor.document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      assert.equal(editor.document.isDirty, false);
    }
  });

  it('re-checks an edited article alone, well within 50 ms, before it is saved', async () => {
    const file = 'orders/track-order.md';
    const editor = await vscode.window.showTextDocument(workspaceUri(file));
    const start = editor.document.getText().split('\n').findIndex((l) => l.startsWith('## ')) + 1;
    const reported = waitOn(
      vscode.languages.onDidChangeDiagnostics,
      () => vscode.languages.getDiagnostics(workspaceUri(file)).find((d) => d.code && typeof d.code === 'object' && d.code.value === 'empty-section'),
      'an empty-section diagnostic from the unsaved edit',
    );
    await editor.edit((b) => b.insert(new vscode.Position(start - 1, 0), '## Is tracking available on weekends?\n\n'));
    await reported;
    assert.ok(api.inspect.lastIncrementalMs > 0 && api.inspect.lastIncrementalMs < 50, `took ${api.inspect.lastIncrementalMs} ms`);
    await vscode.commands.executeCommand('undo');
    await waitOn(
      vscode.languages.onDidChangeDiagnostics,
      () => !vscode.languages.getDiagnostics(workspaceUri(file)).some((d) => d.code && typeof d.code === 'object' && d.code.value === 'empty-section'),
      'the diagnostic gone after undo',
    );
    assert.equal(editor.document.isDirty, false);
  });

  it('Select Docs Folder points the audit at a subfolder; a missing folder shows the welcome view', async function () {
    // A configuration object is a snapshot: read it afresh after each update.
    const config = () => vscode.workspace.getConfiguration('kbAudit', workspaceFolder().uri);
    try {
      const audited = waitOn(api.onDidAudit, () => api.lastResult?.stats.files === 3, 'the audit of orders/ alone', 30_000);
      await vscode.commands.executeCommand(CommandId.SelectDocsFolder, workspaceUri('orders'));
      assert.equal(config().get('docsPath'), 'orders');
      await audited;
      assert.deepEqual((await api.inspect.knowledgeBaseItems()).map((a) => a.description?.split(' · ')[0]).sort(), [
        'change-or-cancel-order.md',
        'damaged-or-missing-items.md',
        'track-order.md',
      ]);

      await config().update('docsPath', 'no-such-folder', vscode.ConfigurationTarget.Workspace);
      await waitOn(api.onDidChange, () => api.lastResult === undefined, 'the audit to find no docs', 30_000);
      assert.deepEqual(await api.inspect.knowledgeBaseItems(), []);
      const page = pageBridge();
      if (page) {
        await vscode.commands.executeCommand('workbench.view.extension.kbAudit');
        await page.waitForText('.welcome-view-content', 'No docs folder was found');
        await page.screenshot('welcome-view');
      }
    } finally {
      const back = waitOn(api.onDidAudit, () => (api.lastResult?.stats.files ?? 0) > 3, 'the full audit back', 30_000);
      await config().update('docsPath', undefined, vscode.ConfigurationTarget.Workspace);
      await back;
    }
  });
});
