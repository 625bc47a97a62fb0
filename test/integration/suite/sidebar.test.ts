// The KB Audit sidebar: the Knowledge Base, Findings and Questions views, the status bar, and
// screenshots of them in a light and a dark theme.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CommandId, ViewId } from '../../../src/extension/commandIds';
import type { KbAuditApi } from '../../../src/extension/extension';
import type { TreeSnapshot } from '../../../src/extension/views/treeSnapshot';
import { useTheme, waitOn } from './editorWaits';
import { auditedApi } from './helpers/extension';
import { pageBridge } from './helpers/page';
import { relativePath } from './helpers/workspace';

async function runItem(item: TreeSnapshot): Promise<vscode.TextEditor> {
  assert.ok(item.command, `${item.label} has no command`);
  await vscode.commands.executeCommand(item.command.command, ...item.command.arguments);
  const editor = vscode.window.activeTextEditor;
  assert.ok(editor, 'no editor opened');
  return editor;
}

describe('sidebar views and status bar', () => {
  let api: KbAuditApi;

  before(async () => {
    ({ api } = await auditedApi());
    await api.inspect.settle();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Knowledge Base lists articles, then sections with finding and question counts; a click reveals the heading', async () => {
    const articles = await api.inspect.knowledgeBaseItems();
    const result = api.lastResult!;
    assert.equal(articles.length, result.kb.articles.length);
    const article = articles.find((a) => a.description?.startsWith('account/update-your-details.md'));
    assert.ok(article, 'the planted article is listed');
    assert.match(article.description!, /finding/);
    const section = article.children!.find((s) => s.label === 'How do I change my phone number?');
    assert.ok(section, `sections: ${article.children!.map((s) => s.label).join(', ')}`);
    assert.match(section.description!, /^H2 · 1 finding · \d+ questions?$/);
    const tracking = articles.find((a) => a.description?.startsWith('orders/track-order.md'))!;
    const routed = tracking.children!.map((s) => Number(/(\d+) questions?/.exec(s.description ?? '')?.[1] ?? 0));
    assert.ok(routed.some((n) => n > 0), 'sample questions route to the order tracking article');

    const editor = await runItem(section);
    assert.equal(relativePath(editor.document.uri), 'account/update-your-details.md');
    assert.equal(editor.document.lineAt(editor.selection.active.line).text, '## How do I change my phone number?');
  });

  it('Findings groups by rule or by file, and a click opens the finding\'s range', async () => {
    await vscode.commands.executeCommand(CommandId.GroupFindingsByRule);
    const byRule = await api.inspect.findingsItems();
    const total = api.lastResult!.findings.length;
    assert.equal(byRule.reduce((n, g) => n + g.children!.length, 0), total);
    const stale = byRule.find((g) => g.label === 'stale-review');
    assert.ok(stale, `groups: ${byRule.map((g) => g.label).join(', ')}`);
    assert.equal(stale.children![0].description, 'payments/klarna-pay-in-3.md:4');

    await vscode.commands.executeCommand(CommandId.GroupFindingsByFile);
    assert.equal(api.inspect.findingsGrouping, 'file');
    const byFile = await api.inspect.findingsItems();
    assert.equal(byFile.reduce((n, g) => n + g.children!.length, 0), total);
    const klarna = byFile.find((g) => g.label === 'payments/klarna-pay-in-3.md')!;
    const item = klarna.children!.find((f) => f.description?.startsWith('stale-review'))!;
    const editor = await runItem(item);
    assert.equal(relativePath(editor.document.uri), 'payments/klarna-pay-in-3.md');
    assert.equal(editor.selection.start.line, 3);
    assert.match(editor.document.getText(editor.selection), /last_reviewed: 2024-08-01/);
    await vscode.commands.executeCommand(CommandId.GroupFindingsByRule);
  });

  it('Questions groups the sample questions by decision with their confidence; a click opens the preview', async () => {
    const groups = await api.inspect.questionsItems();
    assert.deepEqual(groups.map((g) => g.label), ['Answered', 'Clarify', 'Escalated']);
    const counts = groups.map((g) => Number(g.description));
    const questions = (await vscode.workspace.openTextDocument(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'sample-questions.txt')))
      .getText()
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('#')).length;
    assert.equal(counts.reduce((a, b) => a + b, 0), questions);
    const answered = groups[0].children!;
    assert.ok(answered.length > 0);
    assert.match(answered[0].description!, /^\d\.\d\d · .+\.md › /);
    const first = answered[0];
    const shown = waitOn(api.inspect.webview.onDidExchange, () =>
      api.inspect.webview.sent.find((s) => s.message.type === 'show' && s.message.question === first.label),
    'the Ask view to show the question');
    await vscode.commands.executeCommand(first.command!.command, ...first.command!.arguments);
    await shown;
  });

  it('the status bar shows the answer rate and open gaps, and opens the Questions view', async () => {
    const { text, tooltip } = api.inspect.statusBar;
    const m = /^\$\(book\) KB (\d+)% answered · (\d+) gaps?$/.exec(text);
    assert.ok(m, `status bar: ${text}`);
    const groups = await api.inspect.questionsItems();
    const [answered, clarify, escalated] = groups.map((g) => Number(g.description));
    assert.equal(Number(m[1]), Math.round((answered / (answered + clarify + escalated)) * 100));
    assert.ok(Number(m[2]) <= escalated);
    assert.match(tooltip, /sample questions answered/);
    await vscode.commands.executeCommand(`${ViewId.Questions}.focus`);
  });

  for (const [theme, name] of [
    ['Default Light Modern', 'light'],
    ['Default Dark Modern', 'dark'],
  ] as const) {
    it(`is photographed in the ${name} theme: sidebar and Problems panel`, async function () {
      const page = pageBridge();
      if (!page) this.skip();
      await useTheme(theme);
      await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
      await vscode.commands.executeCommand('workbench.view.extension.kbAudit');
      await vscode.commands.executeCommand(`${ViewId.KnowledgeBase}.focus`);
      await page.waitForText('.pane-header', 'Findings');
      await vscode.commands.executeCommand('vscode.open', vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'payments/klarna-pay-in-3.md'));
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      await page.waitForText('.markers-panel .monaco-list-row', 'kb-audit');
      await page.waitForText('.statusbar-item', '% answered');
      await page.screenshot(`sidebar-${name}`);
    });
  }

  after(async () => {
    await vscode.workspace.getConfiguration('workbench').update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
  });
});
