import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CommandId } from '../../../src/extension/commandIds';
import { describeDiagnostics, diagnosticsOf, SOURCE, waitForDiagnostics } from './helpers/diagnostics';
import { waitFor } from './helpers/events';
import { auditedApi } from './helpers/extension';
import { insertLines, lineOf, readText, replaceAndSave, WorkspaceEdits, workspaceUri } from './helpers/workspace';

const ARTICLE = 'orders/track-order.md';

describe('diagnostics follow saved edits', () => {
  let baseline: string[];
  let edits: WorkspaceEdits;

  before(async () => {
    await auditedApi();
    baseline = describeDiagnostics();
  });

  beforeEach(() => {
    edits = new WorkspaceEdits();
  });

  afterEach(async () => {
    if (!edits.touched) return;
    await edits.restore();
    // Deleting a file saves nothing: an explicit audit brings the workspace back to where it was.
    await vscode.commands.executeCommand(CommandId.RunAudit);
    await waitForDiagnostics('the diagnostics of the untouched workspace', () => describeDiagnostics().join('\n') === baseline.join('\n'));
  });

  it('reports an empty section once it is saved, and drops it once it is filled', async () => {
    const text = await readText(ARTICLE);
    assert.equal(diagnosticsOf(ARTICLE, 'empty-section').length, 0, 'the article starts clean');
    const at = lineOf(text, text.split('\n').find((line) => line.startsWith('## '))!);
    const reported = waitForDiagnostics('an empty-section diagnostic on the new heading', (all) =>
      diagnosticsOf(ARTICLE, 'empty-section', all).find((d) => d.range.start.line === at - 1),
    );
    await edits.change(ARTICLE, (t) => insertLines(t, at, ['## Can I track a parcel without an account?', '']));
    const diagnostic = await reported;
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(diagnostic.message, /Can I track a parcel without an account\?/);

    const cleared = waitForDiagnostics('no empty-section diagnostic', (all) => diagnosticsOf(ARTICLE, 'empty-section', all).length === 0);
    await edits.change(ARTICLE, (t) => insertLines(t, at + 1, ['Yes: the link in your dispatch email works without signing in.']));
    await cleared;
  });

  it('reports broken front matter as an error at its position, and drops it once fixed', async () => {
    const reported = waitForDiagnostics('a front-matter-invalid diagnostic', (all) => diagnosticsOf(ARTICLE, 'front-matter-invalid', all)[0]);
    await edits.change(ARTICLE, (t) => t.replace(/^title: (.*)$/m, 'title: [unclosed, $1'));
    const diagnostic = await reported;
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    const text = await readText(ARTICLE);
    const closingLine = text.split('\n').indexOf('---', 1);
    assert.ok(diagnostic.range.start.line > 0 && diagnostic.range.start.line <= closingLine, 'the position is inside the front matter');

    const cleared = waitForDiagnostics('no front-matter-invalid diagnostic', (all) => diagnosticsOf(ARTICLE, 'front-matter-invalid', all).length === 0);
    await edits.change(ARTICLE, (t) => t.replace('title: [unclosed, ', 'title: '));
    await cleared;
  });

  it('hides a finding behind a suppression comment saved above it', async () => {
    const file = 'account/update-your-details.md';
    const [planted] = diagnosticsOf(file, 'empty-section');
    assert.ok(planted, 'the planted empty section is reported to begin with');
    const cleared = waitForDiagnostics('the empty section suppressed', (all) => diagnosticsOf(file, 'empty-section', all).length === 0);
    await edits.change(file, (t) => insertLines(t, planted.range.start.line + 1, ['<!-- kb-audit-disable-next-line empty-section -->']));
    await cleared;
  });

  it('audits a new article once it is saved', async () => {
    const file = 'orders/gift-receipts.md';
    const reported = waitForDiagnostics('an empty-section diagnostic on the new article\'s first question', (all) =>
      diagnosticsOf(file, 'empty-section', all).find((d) => d.range.start.line === 8),
    );
    await edits.create(
      file,
      ['---', 'title: Gift receipts', 'owner: orders-team', 'last_reviewed: 2026-11-01', '---', '', '# Gift receipts', '', '## Can I add a gift receipt?', '', '## Are prices shown on the receipt?', '', 'No, gift receipts never show prices.', ''].join('\n'),
    );
    const diagnostic = await reported;
    assert.match(diagnostic.message, /Can I add a gift receipt\?/);
  });

  it('applies a rule severity from kb-audit.json as soon as it is saved', async () => {
    const file = 'account/update-your-details.md';
    const raised = waitForDiagnostics('the empty section as an error', (all) =>
      diagnosticsOf(file, 'empty-section', all).find((d) => d.severity === vscode.DiagnosticSeverity.Error),
    );
    await edits.change('kb-audit.json', (t) => t.replace('"exclude"', '"rules": { "empty-section": "error" }, "exclude"'));
    await raised;

    const off = waitForDiagnostics('the rule switched off', (all) => diagnosticsOf(file, 'empty-section', all).length === 0);
    await edits.change('kb-audit.json', (t) => t.replace('"empty-section": "error"', '"empty-section": "off"'));
    await off;
  });

  it('fails Run Audit with the file and position when kb-audit.json is invalid', async () => {
    await edits.change('kb-audit.json', (t) => t.replace('"exclude"', '"rules": { "empty-section": "loud" }, "exclude"'));
    await assert.rejects(async () => vscode.commands.executeCommand(CommandId.RunAudit), (error: Error) => {
      assert.match(error.message, /kb-audit\.json:\d+:\d+/);
      assert.match(error.message, /empty-section/);
      return true;
    });
  });
});

describe('kb-audit.json in the editor', () => {
  let original: string;

  before(async () => {
    original = await readText('kb-audit.json');
  });

  afterEach(async () => {
    // The browser workbench saves edits after a delay (files.autoSave): a revert may come too
    // late, so the file's own text is put back and saved.
    await replaceAndSave('kb-audit.json', original);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('is validated against the schema the extension ships, before it is saved', async () => {
    const uri = workspaceUri('kb-audit.json');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const edit = new vscode.WorkspaceEdit();
    const at = document.getText().indexOf('"exclude"');
    edit.insert(uri, document.positionAt(at), '"rules": { "empty-section": "loud" }, ');
    const flagged = waitFor(
      vscode.languages.onDidChangeDiagnostics,
      'a schema diagnostic on kb-audit.json from VS Code\'s JSON support',
      () => vscode.languages.getDiagnostics(uri).find((d) => d.source !== SOURCE && /loud|error|warning|info|off/.test(d.message)),
      { timeoutMs: 30_000, describe: () => vscode.languages.getDiagnostics(uri).map((d) => `${d.source}: ${d.message}`).join('\n  ') },
    );
    assert.ok(await vscode.workspace.applyEdit(edit));
    const diagnostic = await flagged;
    const flaggedText = document.getText(diagnostic.range);
    assert.equal(flaggedText, '"loud"');
    assert.equal(document.isDirty, true, 'the check ran on the unsaved text');
  });
});
