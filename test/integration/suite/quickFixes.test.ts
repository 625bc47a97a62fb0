// Quick fixes applied and undone, the commands that edit articles, the duplicate diff, CodeLens
// and the twin hover: all on the sample knowledge base, all through the editor.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { isoDate } from '../../../src/core/edits';
import { CommandId } from '../../../src/extension/commandIds';
import type { KbAuditApi } from '../../../src/extension/extension';
import { sentSoFar, waitForSent, waitOn } from './editorWaits';
import { diagnosticsOf, waitForDiagnostics } from './helpers/diagnostics';
import { fixesAt, runFix } from './helpers/fixes';
import { auditedApi } from './helpers/extension';
import { pageBridge } from './helpers/page';
import { readText, relativePath, workspaceUri } from './helpers/workspace';

const STALE = 'payments/klarna-pay-in-3.md';
const MISSING = 'payments/gift-cards.md';
const EMPTY = 'account/update-your-details.md';
const CONFLICT = 'payments/refunds-to-card.md';

/** Applies a quick fix, then undoes it in the editor: one undo must restore the text exactly. */
async function applyAndUndo(file: string, action: vscode.CodeAction, check: (text: string) => void): Promise<void> {
  const editor = await vscode.window.showTextDocument(workspaceUri(file));
  const before = editor.document.getText();
  assert.equal(await runFix(action), true);
  check(editor.document.getText());
  await vscode.window.showTextDocument(editor.document);
  await vscode.commands.executeCommand('undo');
  assert.equal(editor.document.getText(), before, 'one undo restores the article');
}

describe('quick fixes, editing commands, CodeLens and hover', () => {
  let api: KbAuditApi;

  before(async () => {
    ({ api } = await auditedApi());
    await api.inspect.settle();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('offers only quick fixes of our own, and none when a different kind is asked for', async () => {
    const [diagnostic] = diagnosticsOf(STALE, 'stale-review');
    assert.ok(diagnostic);
    await vscode.workspace.openTextDocument(workspaceUri(STALE));
    const refactors = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      workspaceUri(STALE),
      diagnostic.range,
      vscode.CodeActionKind.Refactor.value,
    );
    assert.equal((refactors ?? []).filter((a) => /review|Suppress/.test(a.title)).length, 0);
    const titles = (await fixesAt(STALE, diagnostic)).map((a) => a.title);
    assert.ok(titles.includes(`Mark as reviewed today (${isoDate(new Date())})`), titles.join(', '));
    // The finding is in the front matter, where a comment would break the YAML: no suppression offered.
    assert.ok(!titles.some((t) => t.startsWith('Suppress')), titles.join(', '));
    const [empty] = diagnosticsOf(EMPTY, 'empty-section');
    assert.ok((await fixesAt(EMPTY, empty)).some((a) => a.title === 'Suppress empty-section here (inline comment)'));
  });

  it('"Mark as reviewed today" sets the date, clears the diagnostic as you type, and one undo restores both', async () => {
    const [diagnostic] = diagnosticsOf(STALE, 'stale-review');
    const action = (await fixesAt(STALE, diagnostic)).find((a) => a.title.startsWith('Mark as reviewed today'))!;
    assert.equal(action.isPreferred, true);
    const editor = await vscode.window.showTextDocument(workspaceUri(STALE));
    const before = editor.document.getText();
    const cleared = waitForDiagnostics('no stale-review after the fix', (all) => diagnosticsOf(STALE, 'stale-review', all).length === 0);
    assert.equal(await runFix(action), true);
    assert.match(editor.document.getText(), new RegExp(`^last_reviewed: ${isoDate(new Date())}$`, 'm'));
    assert.doesNotMatch(editor.document.getText(), /2024-08-01/);
    await cleared;
    const back = waitForDiagnostics('stale-review back after undo', (all) => diagnosticsOf(STALE, 'stale-review', all).length === 1);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before, 'one undo restores the article');
    await back;
  });

  it('adds the missing front-matter fields in one undoable edit', async () => {
    const [diagnostic] = diagnosticsOf(MISSING, 'missing-front-matter');
    assert.ok(diagnostic, 'the planted missing-front-matter finding');
    const action = (await fixesAt(MISSING, diagnostic)).find((a) => /front matter/.test(a.title));
    assert.ok(action, 'a front-matter fix is offered');
    await applyAndUndo(MISSING, action, (text) => assert.match(text, /^owner: /m));
  });

  it('suppresses a finding with an inline comment the audit honours, undone in one step', async () => {
    const [diagnostic] = diagnosticsOf(EMPTY, 'empty-section');
    const action = (await fixesAt(EMPTY, diagnostic)).find((a) => a.title === 'Suppress empty-section here (inline comment)')!;
    assert.ok(action);
    const cleared = waitForDiagnostics('the empty section suppressed', (all) => diagnosticsOf(EMPTY, 'empty-section', all).length === 0);
    const editor = await vscode.window.showTextDocument(workspaceUri(EMPTY));
    const before = editor.document.getText();
    assert.equal(await runFix(action), true);
    assert.match(editor.document.lineAt(diagnostic.range.start.line).text, /^<!-- kb-audit-disable-next-line empty-section -->$/);
    await cleared;
    const back = waitForDiagnostics('the empty section reported again', (all) => diagnosticsOf(EMPTY, 'empty-section', all).length === 1);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before);
    await back;
  });

  it('shows a conflict and its twin side by side in a diff editor', async () => {
    const [diagnostic] = diagnosticsOf(CONFLICT, 'conflicting-answer');
    assert.ok(diagnostic?.relatedInformation?.length, 'the conflict points at its twin');
    const action = (await fixesAt(CONFLICT, diagnostic)).find((a) => a.title === 'Show the duplicate side by side');
    assert.ok(action?.command);
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
    const tab = await waitOn(vscode.window.tabGroups.onDidChangeTabs, () => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputTextDiff ? input : undefined;
    }, 'a diff editor');
    const left = (await vscode.workspace.openTextDocument(tab.original)).getText();
    const right = (await vscode.workspace.openTextDocument(tab.modified)).getText();
    assert.match(left, /10 business days/);
    assert.match(right, /5 business days/);
    assert.equal(relativePath(diagnostic.relatedInformation[0].location.uri), 'returns/refunds.md');
  });

  it('hovering a conflict shows the other side\'s text', async () => {
    const [diagnostic] = diagnosticsOf(CONFLICT, 'conflicting-answer');
    await vscode.window.showTextDocument(workspaceUri(CONFLICT));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', workspaceUri(CONFLICT), diagnostic.range.start);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /returns\/refunds\.md/);
    assert.match(text, /5 business days/);
    assert.match(text, /command:kbAudit\.showDuplicate/);
  });

  it('Mark Article Reviewed Today edits the open article through one undoable edit', async () => {
    const editor = await vscode.window.showTextDocument(workspaceUri(STALE));
    const before = editor.document.getText();
    assert.equal(await vscode.commands.executeCommand(CommandId.MarkReviewed), true);
    assert.match(editor.document.getText(), new RegExp(`last_reviewed: ${isoDate(new Date())}`));
    assert.equal(editor.document.isDirty, true, 'left for the user to save');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before);
  });

  it('CodeLens over each heading counts the sample questions answered there; a click filters the preview', async () => {
    const file = 'orders/track-order.md';
    await vscode.window.showTextDocument(workspaceUri(file));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', workspaceUri(file), 100);
    const text = await readText(file);
    const headings = text.split('\n').filter((l) => /^#{1,6} /.test(l)).length;
    assert.equal(lenses.length, headings);
    for (const lens of lenses) assert.match(lens.command?.title ?? '', /^answers \d+ sample questions? · \d+ ambiguous$/);
    const busiest = lenses.reduce((a, b) => (Number(/\d+/.exec(b.command!.title)![0]) > Number(/\d+/.exec(a.command!.title)![0]) ? b : a));
    assert.ok(Number(/\d+/.exec(busiest.command!.title)![0]) > 0, 'some section of the tracking article answers questions');
    const since = sentSoFar(api);
    await vscode.commands.executeCommand(busiest.command!.command, ...(busiest.command!.arguments ?? []));
    const show = await waitForSent(api, 'panel', 'show', since);
    assert.equal(show.filter?.sectionId, busiest.command!.arguments![0]);
    assert.equal(api.inspect.webview.panelOpen, true);
  });

  it('Add Selection as Sample Question appends to the questions file in one undoable edit', async () => {
    const question = 'can I pay for a gift card with Klarna';
    const before = api.lastResult?.questions?.preview.summary.questions ?? 0;
    const grown = waitOn(api.onDidChange, () => {
      const count = api.lastResult && (vscode.workspace.textDocuments.find((d) => d.uri.path.endsWith('/sample-questions.txt'))?.getText() ?? '');
      return typeof count === 'string' && count.includes(question);
    }, 'the questions file to hold the new question');
    const uri = await vscode.commands.executeCommand<vscode.Uri>(CommandId.AddSampleQuestion, question);
    assert.equal(relativePath(uri), 'sample-questions.txt');
    await grown;
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(document.getText().trimEnd().split('\n').pop(), question);
    assert.ok(before > 0);
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.ok(!document.getText().includes(question));
  });

  it('is photographed with the quick-fix menu open and the Problems panel below', async function () {
    const page = pageBridge();
    if (!page) this.skip();
    const [diagnostic] = diagnosticsOf(STALE, 'stale-review');
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
    await vscode.commands.executeCommand('workbench.view.extension.kbAudit');
    const editor = await vscode.window.showTextDocument(workspaceUri(STALE));
    editor.selection = new vscode.Selection(diagnostic.range.start, diagnostic.range.start);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('editor.action.quickFix');
    await page.waitForText('.action-widget', 'Mark as reviewed today');
    await page.screenshot('quick-fix');
    await vscode.commands.executeCommand('hideCodeActionWidget');
  });
});
