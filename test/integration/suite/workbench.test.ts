import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsOf } from './helpers/diagnostics';
import { auditedApi } from './helpers/extension';
import { pageBridge, type PageBridge } from './helpers/page';
import { workspaceUri } from './helpers/workspace';

const PLANTED_FILE = 'account/update-your-details.md';
const PLANTED_HEADING = 'How do I change my phone number?';
const PROBLEMS_ROW = '.markers-panel .monaco-list-row';
const PROBLEMS_FILTER = '.part.panel .viewpane-filter input';

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
    // Focus, not the toggle (workbench.actions.view.problems), which would close an open panel.
    await vscode.commands.executeCommand('workbench.panel.markers.view.focus');
    // The workspace has no other source of problems: the rows drawn are ours.
    const first = await page.waitForText(PROBLEMS_ROW, 'kb-audit');
    // Source and code, drawn as "kb-audit(rule)" with the brackets from CSS.
    assert.match(first, /kb-audit\W*[a-z]+(-[a-z]+)*/);
    // The list is long: filter it, as a user would, down to the planted empty section.
    await page.fill(PROBLEMS_FILTER, 'phone number');
    const row = await page.waitForText(PROBLEMS_ROW, PLANTED_HEADING);
    assert.match(row, /kb-audit\W*empty-section/);
    assert.match(row, /Ln 20, Col 1/);
    const rows = await page.texts(PROBLEMS_ROW);
    assert.ok(rows.some((text) => text.includes('update-your-details.md')), `no row for the article in:\n${rows.join('\n')}`);
    await page.screenshot('problems-panel');
    await page.fill(PROBLEMS_FILTER, '');
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

  it('can read and photograph a webview (the Markdown preview of an article)', async () => {
    // The harness's view into webviews, which nest two iframes deep, checked on one VS Code
    // ships: KB Audit's own webviews are looked at the same way.
    await vscode.commands.executeCommand('markdown.showPreview', workspaceUri(PLANTED_FILE));
    const { text, path } = await page.frameText('How do I manage my saved addresses?', 'markdown-preview', 20_000);
    assert.match(text, /Update your details/);
    assert.ok(path?.endsWith('markdown-preview.png'));
  });
});
