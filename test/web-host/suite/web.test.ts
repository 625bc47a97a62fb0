// KB Audit in VS Code for the Web: the extension's browser entry in a real web extension host
// (VS Code's web build, Chromium), on a copy of the sample knowledge base mounted as a virtual
// file system. The checks of the desktop suites that apply in the browser: activation, the
// views, the diagnostics (the very findings of the desktop CLI), a quick fix applied and
// undone, the Ask webview answering, and an audit in the Web Worker cancelled.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { KbAuditApi } from '../../../src/extension/extension';
import { CommandId, ViewId } from '../../../src/extension/commandIds';
import { sentSoFar, waitForSent, waitOn } from '../../integration/suite/editorWaits';
import { diagnosticsOf, kbAuditDiagnostics, ruleId, waitForDiagnostics } from '../../integration/suite/helpers/diagnostics';
import { activateExtension, auditedApi, kbAuditExtension } from '../../integration/suite/helpers/extension';
import { fixesAt, runFix } from '../../integration/suite/helpers/fixes';
import { workspaceFolder, workspaceUri } from '../../integration/suite/helpers/workspace';
import { OUTPUT_MARKER, SCREENSHOT_MARKER } from './index';

/** `kb-audit audit --format json` on the same folder, run by the harness before the host started. */
declare const KB_AUDIT_DESKTOP_FINDINGS: { file: string; line: number; column: number; endLine: number; endColumn: number; ruleId: string; severity: string; message: string }[];

const STALE = 'payments/klarna-pay-in-3.md';
const CONFLICT = 'payments/refunds-to-card.md';
const GENERATED = 'generated-kb';
const GENERATED_COUNT = 400;

/**
 * Asks the runner for a PNG of the workbench (test-results/screenshots/NAME.png) and gives it a
 * moment: the request travels through the host's console, the picture is taken outside it.
 */
async function screenshot(name: string): Promise<void> {
  console.log(`${OUTPUT_MARKER}${SCREENSHOT_MARKER}${name}`);
  await new Promise((resolve) => setTimeout(resolve, 2000));
}

/** A measurement for the runner's log (and the README). */
function report(line: string): void {
  console.log(`${OUTPUT_MARKER}      ${line}`);
}

describe('KB Audit in VS Code for the Web', () => {
  let api: KbAuditApi;

  before(async function () {
    this.timeout(120_000);
    ({ api } = await auditedApi(90_000));
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('activates from its browser entry in the web extension host', async () => {
    assert.equal(vscode.env.uiKind, vscode.UIKind.Web);
    const extension = kbAuditExtension();
    assert.equal(extension.isActive, true);
    assert.equal(extension.packageJSON.browser, './dist/web/extension.js');
    assert.equal((await activateExtension()).inspect.host.kind, 'web');
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of Object.values(CommandId)) assert.ok(registered.has(id), `${id} is not registered`);
    report(`activation: ${api.inspect.host.activationMs.toFixed(1)} ms`);
    // The target is 200 ms (met by a wide margin, see the README); on a CI machine shared with
    // other jobs the same work can take several times as long, so this catches a regression
    // of kind (work started inside activate), not scheduling noise.
    assert.ok(api.inspect.host.activationMs < 500, `activate took ${api.inspect.host.activationMs.toFixed(1)} ms`);
  });

  it('audits in a Web Worker and publishes the desktop CLI\'s findings as diagnostics', async function () {
    this.timeout(120_000);
    assert.equal(workspaceFolder().uri.scheme, 'vscode-test-web', 'the folder is a virtual file system');
    const started = performance.now();
    const result = await api.runAudit({ explicit: true });
    report(`full audit of the sample knowledge base: ${(performance.now() - started).toFixed(0)} ms (${result?.stats.files} files, ${result?.stats.sections} sections)`);
    assert.ok(result && result.findings.length > 0);
    assert.equal(api.inspect.auditOffThread, true, 'the rules ran in the Web Worker, not on the host\'s thread');
    const key = (file: string, line: number, column: number, rule: string | undefined, message: string) => `${file}:${line}:${column} ${rule} ${message}`;
    const expected = KB_AUDIT_DESKTOP_FINDINGS.map((f) => key(f.file, f.line - 1, f.column - 1, f.ruleId, f.message)).sort();
    const actual = [...kbAuditDiagnostics()].flatMap(([file, list]) => list.map((d) => key(file, d.range.start.line, d.range.start.character, ruleId(d), d.message))).sort();
    assert.ok(expected.length > 0);
    const missing = expected.filter((line) => !actual.includes(line));
    const extra = actual.filter((line) => !expected.includes(line));
    assert.deepEqual({ missing, extra }, { missing: [], extra: [] });
    assert.equal(actual.length, expected.length);
  });

  it('fills the Knowledge Base, Findings and Questions views and the status bar', async () => {
    const articles = await api.inspect.knowledgeBaseItems();
    const findings = await api.inspect.findingsItems();
    const questions = await api.inspect.questionsItems();
    assert.ok(articles.length > 0, 'Knowledge Base view is empty');
    assert.ok(findings.length > 0, 'Findings view is empty');
    assert.ok(questions.length > 0, 'Questions view is empty');
    assert.match(api.inspect.statusBar.text, /\d/);
    await vscode.commands.executeCommand(`${ViewId.Findings}.focus`);
  });

  it('applies a quick fix through the virtual file system and one undo restores the article', async () => {
    await api.inspect.settle();
    const [diagnostic] = diagnosticsOf(STALE, 'stale-review');
    assert.ok(diagnostic, `no stale-review on ${STALE}`);
    const action = (await fixesAt(STALE, diagnostic)).find((a) => a.title.startsWith('Mark as reviewed today'));
    assert.ok(action, 'no "Mark as reviewed today" fix');
    const editor = await vscode.window.showTextDocument(workspaceUri(STALE));
    const before = editor.document.getText();
    const cleared = waitForDiagnostics('no stale-review after the fix', (all) => diagnosticsOf(STALE, 'stale-review', all).length === 0);
    assert.equal(await runFix(action), true);
    assert.match(editor.document.getText(), /^last_reviewed: \d{4}-\d\d-\d\d$/m);
    await cleared;
    const back = waitForDiagnostics('stale-review back after undo', (all) => diagnosticsOf(STALE, 'stale-review', all).length === 1);
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before, 'one undo restores the article');
    await back;
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('the Ask webview answers a question', async function () {
    this.timeout(60_000);
    const ready = waitOn(api.inspect.webview.onDidExchange, () => api.inspect.webview.received.some((r) => r.target === 'view' && r.message.type === 'ready'), 'the Ask view page loading');
    await vscode.commands.executeCommand(`${ViewId.Ask}.focus`);
    await ready;
    const sentBefore = sentSoFar(api);
    const routed = await vscode.commands.executeCommand<{ decision: string; answer: { file: string } | null }>(CommandId.AskQuestion, 'how long does a refund take to reach my card');
    assert.ok(routed?.answer, 'the question was not answered');
    const answer = await waitForSent(api, 'view', 'answer', sentBefore);
    assert.equal(answer.result?.decision, routed.decision);
    assert.equal(answer.result?.answer?.file, routed.answer.file);

    // For the README: the sidebar, the answer, a conflict in the editor and the Problems panel.
    await vscode.window.showTextDocument(workspaceUri(CONFLICT), { preview: false });
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await screenshot('web-host');
  });

  it('CodeLens, hover and the preview panel work on the virtual file system', async () => {
    await api.inspect.settle();
    const file = 'orders/track-order.md';
    await vscode.window.showTextDocument(workspaceUri(file));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', workspaceUri(file), 100);
    assert.ok(lenses.length > 0, 'no CodeLens over the headings');
    for (const lens of lenses) assert.match(lens.command?.title ?? '', /^answers \d+ sample questions? · \d+ ambiguous$/);
    const [conflict] = diagnosticsOf(CONFLICT, 'conflicting-answer');
    assert.ok(conflict, `no conflicting-answer on ${CONFLICT}`);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', workspaceUri(CONFLICT), conflict.range.start);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /returns\/refunds\.md/);
    const since = sentSoFar(api);
    await vscode.commands.executeCommand(CommandId.PreviewQuestions);
    const preview = await waitForSent(api, 'panel', 'preview', since);
    assert.ok(preview.summary.questions > 0, 'the preview panel got no questions');
    assert.equal(api.inspect.webview.panelOpen, true);
  });

  it('exports SARIF and JSON reports through the file system provider', async () => {
    const sarif = await vscode.commands.executeCommand<vscode.Uri>(CommandId.ExportSarif, workspaceUri('kb-audit.sarif'));
    const json = await vscode.commands.executeCommand<vscode.Uri>(CommandId.ExportJson, workspaceUri('kb-audit-report.json'));
    try {
      const read = async (uri: vscode.Uri) => JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
      const report = await read(json);
      assert.equal(report.findings.length, api.lastResult?.findings.length);
      assert.equal((await read(sarif)).runs[0].results.length, report.findings.length);
    } finally {
      for (const uri of [sarif, json]) await vscode.workspace.fs.delete(uri);
    }
  });

  it('kb-audit.json is validated against the schema the extension ships', async function () {
    this.timeout(60_000);
    const uri = workspaceUri('kb-audit.json');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const invalid = waitOn(
      vscode.languages.onDidChangeDiagnostics,
      () => vscode.languages.getDiagnostics(uri).find((d) => d.source !== 'kb-audit' && /rules|type|expected/i.test(d.message)),
      'a schema diagnostic on kb-audit.json',
      45_000,
    );
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(0, 0, document.lineCount, 0), '{ "rules": 5 }\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    try {
      await invalid;
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  describe('a large folder', () => {
    before(async function () {
      this.timeout(240_000);
      const folder = workspaceUri(GENERATED);
      await vscode.workspace.fs.createDirectory(folder);
      const encoder = new TextEncoder();
      await Promise.all(
        Array.from({ length: GENERATED_COUNT }, (_, i) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, `topic-${i}.md`), encoder.encode(article(i)))),
      );
      const audited = waitOn(api.onDidAudit, () => api.lastResult?.kb.root.endsWith(`/${GENERATED}`) && api.lastResult, 'the audit of the generated folder', 200_000);
      await vscode.workspace.getConfiguration('kbAudit', workspaceFolder().uri).update('docsPath', GENERATED, vscode.ConfigurationTarget.Workspace);
      const result = await audited;
      report(`${result.stats.files} generated articles (${result.stats.sections} sections) read through the virtual file system and audited`);
      assert.equal(result.stats.files, GENERATED_COUNT);
    });

    after(async function () {
      this.timeout(120_000);
      const restored = waitOn(api.onDidAudit, () => api.lastResult && !api.lastResult.kb.root.endsWith(`/${GENERATED}`), 'the sample knowledge base audited again', 90_000);
      await vscode.workspace.getConfiguration('kbAudit', workspaceFolder().uri).update('docsPath', undefined, vscode.ConfigurationTarget.Workspace);
      await restored;
      await vscode.workspace.fs.delete(workspaceUri(GENERATED), { recursive: true });
    });

    it('cancelling stops the Web Worker at once and publishes nothing of the run', async function () {
      this.timeout(180_000);
      const before = [...kbAuditDiagnostics().keys()].filter((f) => f.startsWith(GENERATED)).length;
      const source = new vscode.CancellationTokenSource();
      let cancelledAt = 0;
      const phases = api.inspect.onDidAuditPhase((p) => {
        // Every article is read and handed to the worker: cancel while it runs the rules.
        if (p.phase !== 'read' || cancelledAt) return;
        cancelledAt = -1;
        setTimeout(() => {
          cancelledAt = performance.now();
          source.cancel();
        }, 50);
      });
      try {
        await assert.rejects(api.runAudit({ token: source.token, explicit: true }), (error) => error instanceof vscode.CancellationError);
        const latency = performance.now() - cancelledAt;
        assert.ok(cancelledAt > 0, 'the audit was cancelled while the worker ran');
        report(`settled ${latency.toFixed(1)} ms after Cancel`);
        assert.ok(latency <= 250, `settled ${latency.toFixed(1)} ms after Cancel`);
      } finally {
        phases.dispose();
        source.dispose();
      }
      assert.equal([...kbAuditDiagnostics().keys()].filter((f) => f.startsWith(GENERATED)).length, before);
      // A new worker takes the next audit.
      const again = await api.runAudit({ explicit: true });
      assert.equal(again?.stats.files, GENERATED_COUNT);
      assert.equal(api.inspect.auditOffThread, true);
    });
  });
});

/** A help article with a few questions, some wording shared across articles, for the similarity rules. */
function article(i: number): string {
  const sections = Array.from(
    { length: 8 },
    (_, s) =>
      `## How do I change setting ${s} of product ${i % 37}?\n\nOpen the settings page of product ${i % 37}, choose option ${(i * 7 + s) % 11} and save. Changes reach every device within ${((i + s) % 9) + 1} business days.\n`,
  );
  return `---\ntitle: Topic ${i}\nowner: team-${i % 5}\nlast_reviewed: 2026-10-01\n---\n\n# Topic ${i}\n\n${sections.join('\n')}`;
}
