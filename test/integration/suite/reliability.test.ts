// What the extension promises when things go wrong: a broken kb-audit.json, files that change
// or vanish while they are scanned, an audit cancelled half way, and quick fixes offered on
// text that has changed since. All in the real extension host, waiting on its events.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { CommandId } from '../../../src/extension/commandIds';
import type { KbAuditApi } from '../../../src/extension/extension';
import { waitOn } from './editorWaits';
import { describeDiagnostics, diagnosticsOf, SOURCE, waitForDiagnostics } from './helpers/diagnostics';
import { auditedApi } from './helpers/extension';
import { fixesAt, runFix } from './helpers/fixes';
import { articleName, generatedArticle, SECTIONS_PER_ARTICLE, writeGeneratedKb } from './helpers/generatedKb';
import { pageBridge } from './helpers/page';
import { reportLine } from './helpers/report';
import { insertLines, readText, relativePath, replaceAndSave, WorkspaceEdits, workspaceFolder, workspaceUri } from './helpers/workspace';

const EMPTY = 'account/update-your-details.md';

/** The 0-based line of the generated article's empty section heading. */
function emptySectionLine(i: number, variant: number): number {
  const lines = generatedArticle(i, variant).split('\n');
  const at = lines.findIndex((line, n) => line.startsWith('## ') && (lines.slice(n + 1).find((l) => l.trim() !== '') ?? '## ').startsWith('## '));
  assert.ok(at >= 0);
  return at;
}

let firstBaseline: string[] | undefined;

/**
 * The diagnostics of the workspace as it is on disk, taken before the first of these tests:
 * each test leaves them so. Earlier suites may leave documents changed in the editor (undone
 * edits, an open questions file), so those are put back to the disk's text and audited first.
 */
async function suiteBaseline(api: KbAuditApi): Promise<string[]> {
  if (firstBaseline) return firstBaseline;
  for (const document of vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file' && relativePath(d.uri) !== d.uri.toString())) {
    const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(document.uri));
    if (document.getText() !== onDisk) await replaceAndSave(relativePath(document.uri), onDisk);
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.commands.executeCommand(CommandId.RunAudit);
  await api.inspect.settle();
  firstBaseline = describeDiagnostics();
  return firstBaseline;
}

/** Reverts every article left changed in the editor, closes the editors, and waits for the baseline. */
async function revertAll(baseline: string[]): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.scheme === 'file')) {
    // Put the text on disk back into the editor (and save it, unchanged), as a user would.
    const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(document.uri));
    if (document.getText() !== onDisk) await replaceAndSave(relativePath(document.uri), onDisk);
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await waitForBaseline(baseline, 60_000);
}

/** Waits until the diagnostics are `baseline` again; on time-out, says what differs. */
function waitForBaseline(baseline: string[], timeoutMs: number): Promise<unknown> {
  const wanted = baseline.join('\n');
  return waitOn(vscode.languages.onDidChangeDiagnostics, () => describeDiagnostics().join('\n') === wanted, 'the diagnostics of the untouched workspace', timeoutMs).catch((error: Error) => {
    const now = describeDiagnostics();
    const missing = baseline.filter((l) => !now.includes(l));
    const extra = now.filter((l) => !baseline.includes(l));
    throw new Error(`${error.message}; missing: ${missing.join(' | ') || 'none'}; extra: ${extra.slice(0, 20).join(' | ') || 'none'}`);
  });
}

/** Back to the sample knowledge base as the suite found it. */
async function auditBackToBaseline(baseline: string[]): Promise<void> {
  await vscode.commands.executeCommand(CommandId.RunAudit);
  await waitForBaseline(baseline, 60_000);
}

describe('reliability: a broken kb-audit.json', () => {
  let api: KbAuditApi;
  let baseline: string[];
  let edits: WorkspaceEdits;

  before(async function () {
    this.timeout(120_000);
    ({ api } = await auditedApi());
    baseline = await suiteBaseline(api);
    edits = new WorkspaceEdits();
  });

  after(async () => {
    await edits.restore();
    await auditBackToBaseline(baseline);
  });

  it('keeps the last good configuration, says what is wrong once on the file, and recovers once it is fixed', async function () {
    this.timeout(120_000);
    const isError = (d: vscode.Diagnostic) => d.severity === vscode.DiagnosticSeverity.Error;
    const raised = waitForDiagnostics('the empty section as an error (the good configuration)', (all) => diagnosticsOf(EMPTY, 'empty-section', all).find(isError));
    await edits.change('kb-audit.json', (t) => t.replace('"exclude"', '"rules": { "empty-section": "error" }, "exclude"'));
    await raised;
    const good = await readText('kb-audit.json');
    const articles = () => describeDiagnostics().filter((line) => !line.startsWith('kb-audit.json:'));
    const configDiagnostics = () => vscode.languages.getDiagnostics(workspaceUri('kb-audit.json')).filter((d) => d.source === SOURCE);
    const withGoodConfig = articles();

    const breakages: [string, string, RegExp][] = [
      ['bad JSON', good.replace('"exclude"', '"exclude" "oops"'), /invalid JSON/],
      ['an unknown key', good.replace('"exclude"', '"exclued": [], "exclude"'), /unknown setting "exclued"/],
      ['a wrong type', good.replace('"exclude"', '"maxFileSize": "big", "exclude"'), /maxFileSize/],
    ];
    let editedArticle = false;
    for (const [what, broken, message] of breakages) {
      const flagged = waitForDiagnostics(`a diagnostic on kb-audit.json for ${what}`, () => configDiagnostics().find((d) => message.test(d.message)));
      await replaceAndSave('kb-audit.json', broken);
      const diagnostic = await flagged;
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
      const offending = /"oops"|"exclued"|"big"/.exec(broken)!;
      assert.equal(diagnostic.range.start.line, broken.slice(0, offending.index).split('\n').length - 1, `${what}: the diagnostic is on the offending line`);
      // Once: another audit of the same broken file says the same thing, not a second time.
      await api.runAudit();
      assert.deepEqual(configDiagnostics().map((d) => d.message), [diagnostic.message], `${what}: one diagnostic`);
      // The last good configuration still holds: the articles' findings are unchanged.
      assert.deepEqual(articles(), withGoodConfig, `${what}: the articles keep the findings of the last good configuration`);

      if (!editedArticle) {
        // An article edited meanwhile is checked with the last good configuration too.
        editedArticle = true;
        const text = await readText(EMPTY);
        const heading = text.split('\n').findIndex((line) => line.startsWith('## ')) + 1;
        const reported = waitForDiagnostics('the new empty section, as an error', (all) =>
          diagnosticsOf(EMPTY, 'empty-section', all).find((d) => isError(d) && d.range.start.line === heading - 1),
        );
        await edits.change(EMPTY, (t) => insertLines(t, heading, ['## Can I change my username?', '']));
        await reported;
        const restored = waitForDiagnostics('the article as it was', () => articles().join('\n') === withGoodConfig.join('\n'));
        await replaceAndSave(EMPTY, text);
        await restored;
      }
    }

    const fixed = good.replace('"empty-section": "error"', '"empty-section": "info"');
    const recovered = waitForDiagnostics('no diagnostic on kb-audit.json, and the fixed configuration applied', (all) =>
      configDiagnostics().length === 0 && diagnosticsOf(EMPTY, 'empty-section', all).find((d) => d.severity === vscode.DiagnosticSeverity.Information),
    );
    await replaceAndSave('kb-audit.json', fixed);
    await recovered;
  });
});

describe('reliability: quick fixes on changed text', () => {
  let api: KbAuditApi;
  let baseline: string[];

  before(async function () {
    this.timeout(120_000);
    ({ api } = await auditedApi());
    baseline = await suiteBaseline(api);
  });

  afterEach(async function () {
    this.timeout(120_000);
    await revertAll(baseline);
  });

  for (const [where, change] of [
    ['below the finding (the fix\'s own lines unchanged)', (editor: vscode.TextEditor) => editor.edit((b) => b.insert(editor.document.lineAt(editor.document.lineCount - 1).range.end, '\nOne more closing line.\n'))],
    ['above the finding (its lines moved)', (editor: vscode.TextEditor) => editor.edit((b) => b.insert(new vscode.Position(editor.document.lineCount > 8 ? 7 : 0, 0), 'A new opening line.\n\n'))],
  ] as const) {
    it(`refuses, with a message, once the article changed ${where}, leaving the text alone`, async () => {
      const [diagnostic] = diagnosticsOf(EMPTY, 'empty-section');
      assert.ok(diagnostic, 'the planted empty section');
      const action = (await fixesAt(EMPTY, diagnostic)).find((a) => a.title === 'Suppress empty-section here (inline comment)');
      assert.ok(action, 'the suppression fix is offered');
      const editor = await vscode.window.showTextDocument(workspaceUri(EMPTY));
      const original = editor.document.getText();
      assert.ok(await change(editor));
      const changed = editor.document.getText();
      assert.equal(await runFix(action), false, 'the fix is refused');
      assert.equal(editor.document.getText(), changed, 'the text is exactly as the user left it');
      await vscode.window.showTextDocument(editor.document);
      await vscode.commands.executeCommand('undo');
      assert.equal(editor.document.getText(), original);
      const page = pageBridge();
      if (page) {
        // The notification centre lists every message, toasts or not.
        await vscode.commands.executeCommand('notifications.showList');
        await page.waitForText('.notifications-center', 'was not applied', 15_000);
        await vscode.commands.executeCommand('notifications.clearAll');
        await vscode.commands.executeCommand('notifications.hideList');
      }
    });
  }

  it('applies on unchanged text as one edit in the editor, saves nothing, and one undo restores the text exactly', async () => {
    const [diagnostic] = diagnosticsOf(EMPTY, 'empty-section');
    const action = (await fixesAt(EMPTY, diagnostic)).find((a) => a.title === 'Suppress empty-section here (inline comment)')!;
    const onDisk = await readText(EMPTY);
    const editor = await vscode.window.showTextDocument(workspaceUri(EMPTY));
    const before = editor.document.getText();
    assert.equal(await runFix(action), true);
    assert.notEqual(editor.document.getText(), before);
    assert.equal(editor.document.isDirty, true, 'left in the editor for the user to save');
    assert.equal(await readText(EMPTY), onDisk, 'nothing was written to the file behind the editor');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before);
  });

  it('Mark Article Reviewed Today writes nothing to disk: one undoable edit in the editor', async () => {
    const file = 'payments/klarna-pay-in-3.md';
    const onDisk = await readText(file);
    const editor = await vscode.window.showTextDocument(workspaceUri(file));
    assert.equal(await vscode.commands.executeCommand(CommandId.MarkReviewed), true);
    assert.notEqual(editor.document.getText(), onDisk);
    assert.equal(await readText(file), onDisk);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), onDisk);
    assert.equal(api.lastResult !== undefined, true);
  });
});

describe('reliability: files deleted or changed during a scan', () => {
  const COUNT = 200;
  const folder = 'generated';
  const rel = (i: number) => `${folder}/${articleName(i)}`;
  let api: KbAuditApi;
  let baseline: string[];
  let dir: string;

  before(async function () {
    this.timeout(180_000);
    ({ api } = await auditedApi());
    baseline = await suiteBaseline(api);
    dir = path.join(workspaceFolder().uri.fsPath, folder);
    writeGeneratedKb(dir, COUNT, 1);
    await vscode.commands.executeCommand(CommandId.RunAudit);
    await api.inspect.settle();
    assert.ok(api.lastResult!.kb.byFile.has(rel(COUNT - 1)), 'the generated articles are audited');
  });

  after(async function () {
    this.timeout(150_000);
    fs.rmSync(dir, { recursive: true, force: true });
    await auditBackToBaseline(baseline);
  });

  it('reports no error, counts what vanished as skipped, and ends with the diagnostics of the files as they are', async function () {
    this.timeout(180_000);
    const late = COUNT - 10;
    const acted = new Set<string>();
    const phases = api.inspect.onDidAuditPhase(({ phase }) => {
      if (acted.has(phase) || phase === 'audited') return;
      acted.add(phase);
      // Listed but not yet read: one goes, one changes.
      if (phase === 'walked') {
        fs.rmSync(path.join(dir, articleName(late)));
        fs.writeFileSync(path.join(dir, articleName(late + 1)), generatedArticle(late + 1, 2));
      }
      // Read, while the rules run: one goes, one changes.
      if (phase === 'read') {
        fs.rmSync(path.join(dir, articleName(5)));
        fs.writeFileSync(path.join(dir, articleName(6)), generatedArticle(6, 2));
      }
    });
    let result;
    try {
      result = await api.runAudit({ explicit: true });
    } finally {
      phases.dispose();
    }
    assert.deepEqual([...acted], ['walked', 'read']);
    assert.ok(result, 'the audit finished without an error');
    assert.equal(api.inspect.lastScan?.vanished, 1, 'the file deleted between listing and reading is counted');
    assert.ok((api.inspect.lastScan?.skipped ?? 0) >= 1);

    const emptyAt = (all: Map<string, vscode.Diagnostic[]>, i: number) => diagnosticsOf(rel(i), 'empty-section', all).map((d) => d.range.start.line);
    await waitForDiagnostics(
      'the deleted files without diagnostics, the changed ones with those of their new text',
      (all) =>
        !all.has(rel(late)) &&
        !all.has(rel(5)) &&
        emptyAt(all, late + 1).join() === String(emptySectionLine(late + 1, 2)) &&
        emptyAt(all, 6).join() === String(emptySectionLine(6, 2)),
      60_000,
    );
    await api.inspect.settle();
    const settled = describeDiagnostics();
    // A fresh audit of the folder as it now is finds exactly the same.
    await vscode.commands.executeCommand(CommandId.RunAudit);
    await api.inspect.settle();
    assert.deepEqual(describeDiagnostics(), settled);
    assert.equal(api.inspect.lastScan?.vanished, 0);
  });
});

describe('reliability: cancelling a large audit', () => {
  const COUNT = 600;
  let api: KbAuditApi;
  let baseline: string[];
  let dir: string;
  /** The generated articles' diagnostics (all of them); empty sections are one a file, at a line that depends on the text. */
  const generated = () => describeDiagnostics().filter((line) => line.includes(path.basename(dir)));
  const emptySections = () => generated().filter((line) => line.endsWith(' empty-section'));

  before(async function () {
    this.timeout(240_000);
    ({ api } = await auditedApi());
    baseline = await suiteBaseline(api);
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kb-audit-large-')));
    writeGeneratedKb(dir, COUNT, 1);
    // The extension host's longest block while it audits the large folder.
    const delay = monitorEventLoopDelay({ resolution: 10 });
    const audited = waitOn(api.onDidAudit, () => api.lastResult?.kb.root === dir.split(path.sep).join('/'), 'the audit of the generated folder', 200_000);
    delay.enable();
    await vscode.workspace.getConfiguration('kbAudit', workspaceFolder().uri).update('docsPath', dir, vscode.ConfigurationTarget.Workspace);
    await audited;
    delay.disable();
    const { sections } = api.lastResult!.stats;
    reportLine(`      ${sections} sections audited; longest event-loop delay on the extension host meanwhile: ${(delay.max / 1e6).toFixed(0)} ms`);
    assert.ok(sections >= COUNT * SECTIONS_PER_ARTICLE);
    assert.equal(emptySections().length, COUNT, 'one empty section a generated article');
  });

  after(async function () {
    this.timeout(120_000);
    await vscode.workspace.getConfiguration('kbAudit', workspaceFolder().uri).update('docsPath', undefined, vscode.ConfigurationTarget.Workspace);
    await waitForBaseline(baseline, 90_000);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const [when, phase, after] of [
    ['while its articles are read', 'walked', 20],
    ['while the rules run', 'read', 100],
  ] as const) {
    it(`stops within 250 ms of Cancel ${when}, and publishes nothing of that run`, async function () {
      this.timeout(180_000);
      const before = generated();
      // New text on disk: a run that got as far as publishing would move every empty section.
      writeGeneratedKb(dir, COUNT, 2);
      const source = new vscode.CancellationTokenSource();
      let cancelledAt = 0;
      const phases = api.inspect.onDidAuditPhase((p) => {
        if (p.phase !== phase || cancelledAt) return;
        cancelledAt = -1;
        setTimeout(() => {
          cancelledAt = performance.now();
          source.cancel();
        }, after);
      });
      try {
        await assert.rejects(api.runAudit({ token: source.token, explicit: true }), (error) => error instanceof vscode.CancellationError);
        const latency = performance.now() - cancelledAt;
        assert.ok(cancelledAt > 0, `cancelled ${when}`);
        reportLine(`      settled ${latency.toFixed(1)} ms after Cancel`);
        assert.ok(latency <= 250, `settled ${latency.toFixed(1)} ms after Cancel`);
      } finally {
        phases.dispose();
        source.dispose();
      }
      // Every generated article's diagnostics, not only a sample: a partial publication would show.
      assert.deepEqual(generated(), before, 'the diagnostics are those of the last complete audit');
      writeGeneratedKb(dir, COUNT, 1);
    });
  }

  it('publishes the new text once an audit runs to the end (what the checks above would see)', async function () {
    this.timeout(180_000);
    writeGeneratedKb(dir, COUNT, 2);
    await api.runAudit({ explicit: true });
    const lines = emptySections();
    assert.equal(lines.length, COUNT);
    const expected = `${articleName(7)}:${emptySectionLine(7, 2)}:`;
    assert.ok(lines.some((line) => line.includes(expected)), `${expected} among the diagnostics`);
    writeGeneratedKb(dir, COUNT, 1);
  });
});

describe('reliability: Workspace Trust', () => {
  it('declares limited support in Restricted Mode, naming the settings and kb-audit.json content it limits', () => {
    const extension = vscode.extensions.getExtension('kb-audit.kb-audit')!;
    const untrusted = extension.packageJSON.capabilities.untrustedWorkspaces;
    assert.equal(untrusted.supported, 'limited');
    assert.deepEqual([...untrusted.restrictedConfigurations].sort(), ['kbAudit.docsPath', 'kbAudit.embeddings', 'kbAudit.questionsFile']);
    assert.match(untrusted.description, /regular expressions in kb-audit\.json .*plain text/);
    assert.match(untrusted.description, /embeddings\b.*nothing is sent/);
  });

  it('applies kb-audit.json\'s patterns as regular expressions in this trusted workspace', async function () {
    this.timeout(120_000);
    const { api } = await auditedApi();
    const baseline = await suiteBaseline(api);
    assert.equal(vscode.workspace.isTrusted, true);
    const edits = new WorkspaceEdits();
    try {
      // "^Track (your|my) order$" as a regular expression matches the article's title section
      // only as a pattern; as plain text it would match nothing and be reported missing.
      const missing = (all: Map<string, vscode.Diagnostic[]>) => diagnosticsOf('orders/track-order.md', 'missing-section', all);
      const required = '"rules": { "missing-section": { "required": [{ "files": ["orders/track-order.md"], "headings": ["^how do i (track|follow) my order", "^no such heading$"] }] } }, "exclude"';
      const reported = waitForDiagnostics('missing-section for the pattern no heading matches', (all) => missing(all).length > 0 && missing(all));
      await edits.change('kb-audit.json', (t) => t.replace('"exclude"', required));
      const found = await reported;
      assert.deepEqual(found.map((d) => /matching \/(.*)\/, which/.exec(d.message)?.[1]), ['^no such heading$']);
    } finally {
      await edits.restore();
      await auditBackToBaseline(baseline);
    }
  });
});

