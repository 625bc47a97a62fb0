import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsOf } from './helpers/diagnostics';
import { auditedApi } from './helpers/extension';
import { pageBridge, type PageBridge } from './helpers/page';
import { workspaceUri } from './helpers/workspace';

const PLANTED_FILE = 'account/update-your-details.md';
const PLANTED_HEADING = 'How do I change my phone number?';

// What a person sees: these look at the page the workbench is drawn in, and save screenshots.
describe('the workbench shows the findings', () => {
  let page: PageBridge;

  before(async function () {
    const bridge = pageBridge();
    if (!bridge) this.skip(); // a desktop host has no page to look at
    page = bridge;
    await auditedApi();
    // The chat side bar takes a third of the window in the screenshots and has nothing of ours.
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.closePanel');
  });

  it('lists the findings in the Problems panel with their rule codes', async () => {
    assert.equal(diagnosticsOf(PLANTED_FILE, 'empty-section').length, 1);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    const row = await page.waitForText('.markers-panel .monaco-list-row', PLANTED_HEADING);
    assert.match(row, /kb-audit/);
    assert.match(row, /empty-section/);
    // The file's row names the article the finding is in.
    const rows = await page.texts('.markers-panel .monaco-list-row');
    assert.ok(rows.some((text) => text.includes('update-your-details.md')), `no row for the article in:\n${rows.join('\n')}`);
    await page.screenshot('problems-panel');
  });

  it('underlines the finding in the editor and explains it on hover', async () => {
    const [diagnostic] = diagnosticsOf(PLANTED_FILE, 'empty-section');
    assert.ok(diagnostic);
    const editor = await vscode.window.showTextDocument(workspaceUri(PLANTED_FILE));
    editor.selection = new vscode.Selection(diagnostic.range.start, diagnostic.range.start);
    editor.revealRange(diagnostic.range, vscode.TextEditorRevealType.InCenter);
    await page.waitForText('.monaco-editor .view-overlays .squiggly-warning, .monaco-editor .squiggly-warning', '', 10_000);
    await vscode.commands.executeCommand('editor.action.showHover');
    const hover = await page.waitForText('.monaco-hover', PLANTED_HEADING);
    assert.match(hover, /empty-section/);
    await page.screenshot('editor-hover');
  });
});
