// Compare with Branch and the baseline in the real extension host, on a temporary git
// repository with real commits (test/helpers/gitKb.ts): the command marks the Questions and
// Knowledge Base views and opens the diff report (the CLI's Markdown); clear errors outside git
// and for a branch that does not exist; Write Baseline writes the CLI's very file, and the
// findings it holds become hints, or disappear, in the Problems panel.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseBaseline } from '../../../src/core/baseline';
import { CommandId, ViewId } from '../../../src/extension/commandIds';
import type { CompareOutcome } from '../../../src/extension/commands/compareWithBranch';
import { reportLinkBase } from '../../../src/extension/comparison';
import type { KbAuditApi } from '../../../src/extension/extension';
import type { TreeSnapshot } from '../../../src/extension/views/treeSnapshot';
import { createGitKb, GIFT_QUESTION, RUG_QUESTION } from '../../helpers/gitKb';
import { useTheme, waitOn } from './editorWaits';
import { runCliIn } from './helpers/cli';
import { kbAuditDiagnostics, waitForDiagnostics } from './helpers/diagnostics';
import { auditDocsAt, auditSampleAgain } from './helpers/docsFolder';
import { auditedApi } from './helpers/extension';
import { pageBridge } from './helpers/page';
import { workspaceFolder } from './helpers/workspace';

const posix = (p: string) => p.split(path.sep).join('/');

function compare(base: string): Thenable<CompareOutcome> {
  return vscode.commands.executeCommand<CompareOutcome>(CommandId.CompareWithBranch, base);
}

function question(groups: TreeSnapshot[], group: string, label: string): TreeSnapshot | undefined {
  return groups.find((g) => g.label === group)?.children?.find((q) => q.label === label);
}

describe('Compare with Branch', () => {
  it('says clearly when the docs folder is not in a git repository', async function () {
    this.timeout(60_000);
    await auditedApi();
    const outcome = await compare('main');
    assert.equal(outcome?.ok, false);
    assert.match(outcome!.ok ? '' : outcome!.message, /^KB Audit: the docs folder .* is not in a git repository/);
  });

  describe('on a git repository with a branch', () => {
    let api: KbAuditApi;
    let dir: string;
    let repo: string;

    before(async function () {
      this.timeout(120_000);
      ({ api } = await auditedApi());
      dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kb-audit-compare-')));
      repo = path.join(dir, 'repo');
      createGitKb(repo);
      await auditDocsAt(api, repo);
    });

    after(async function () {
      this.timeout(120_000);
      await vscode.commands.executeCommand(CommandId.ClearComparison);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await auditSampleAgain(api, ['baseline.findings']);
      await vscode.workspace.getConfiguration('workbench').update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('marks the questions routed differently and the changed articles, and opens the diff report', async function () {
      this.timeout(120_000);
      const outcome = await compare('main');
      assert.ok(outcome?.ok, JSON.stringify(outcome));

      // The report: the CLI's pull-request comment, opened as a Markdown document.
      const report = outcome.document;
      assert.equal(report.languageId, 'markdown');
      assert.equal(vscode.window.activeTextEditor?.document, report);
      const text = report.getText();
      assert.ok(text.startsWith('<!-- kb-audit-diff -->\n## KB Audit: what this change does to the bot'), text.slice(0, 200));
      assert.match(text, /<sub>main \([0-9a-f]{10}\) → working tree<\/sub>/);
      assert.ok(text.includes(`| ${RUG_QUESTION} | ✅ answer`), text);
      assert.ok(text.includes('problems fixed') || text.includes('problem fixed'), text);
      assert.ok(text.includes(outcome.headline));
      // Written to the workspace's storage, with links relative to it that reach the articles.
      assert.equal(report.uri.scheme, 'file');
      const linkBase = reportLinkBase(posix(path.dirname(report.uri.fsPath)), posix(repo), vscode.Uri.file(repo).toString());
      assert.match(linkBase, /^(\.\.\/)+.*\/repo\/$/);
      assert.ok(text.includes(`](${linkBase}gift-cards.md#L`), text);
      const cli = await runCliIn(repo, ['diff', 'main', '--format', 'markdown', '--fail-on-regression', 'never', '--fail-on', 'never', '--link-base', linkBase]);
      assert.equal(cli.code, 0, cli.stderr);
      assert.equal(text, cli.stdout, 'the same report as kb-audit diff main --format markdown');

      // Questions view: a group of the questions routed differently, and the marks in their own groups.
      const groups = await api.inspect.questionsItems();
      assert.equal(groups[0].label, 'Routed differently from main');
      const rug = question(groups, 'Routed differently from main', RUG_QUESTION);
      assert.ok(rug, JSON.stringify(groups, null, 1));
      assert.match(rug.description!, /^answer rug-care\.md → escalate · \d\.\d\d$/);
      assert.match(rug.tooltip!, /^Routed differently from main \([0-9a-f]{10}\):\nbefore: answer rug-care\.md › How do I clean a wool rug\? \(confidence \d\.\d\d\)\nafter: escalate/);
      assert.equal(rug.contextValue, 'kbAudit.questionChanged');
      assert.equal(question(groups, 'Escalated', RUG_QUESTION)?.description, rug.description);
      assert.match(question(groups, 'Routed differently from main', GIFT_QUESTION)?.description ?? '', /^escalate → answer gift-cards\.md/);
      const unchanged = question(groups, 'Answered', 'how long do I have to return a lamp');
      assert.ok(unchanged, 'an unchanged question is listed');
      assert.equal(unchanged.contextValue, 'kbAudit.question');
      assert.doesNotMatch(unchanged.description!, /→/);

      // Knowledge Base view: added, edited, renamed and removed articles.
      const articles = await api.inspect.knowledgeBaseItems();
      const described = (file: string) => articles.find((a) => a.description?.includes(file))?.description;
      assert.match(described('gift-cards.md') ?? '', /^added since main · gift-cards\.md/);
      assert.match(described('exchanges.md') ?? '', /^edited since main · exchanges\.md/);
      assert.match(described('shade-sizes.md') ?? '', /^renamed since main \(was lampshades\.md\) · shade-sizes\.md/);
      assert.match(described('returns.md') ?? '', /^returns\.md/);
      const removed = articles.find((a) => a.label === 'opening-hours.md');
      assert.equal(removed?.description, 'removed since main');
      assert.equal(removed?.contextValue, 'kbAudit.removedArticle');

      const page = pageBridge();
      if (page) {
        // The README's picture: the two views marked, the report rendered beside them.
        await useTheme('Default Dark Modern');
        await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
        await vscode.commands.executeCommand('workbench.action.closePanel');
        await vscode.commands.executeCommand('markdown.showPreview', report.uri);
        await vscode.commands.executeCommand('workbench.view.extension.kbAudit');
        // A narrower editor, so the views' descriptions show.
        await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
        for (let i = 0; i < 6; i++) await vscode.commands.executeCommand('workbench.action.decreaseViewWidth').then(undefined, () => undefined);
        await vscode.commands.executeCommand(`${ViewId.Questions}.focus`);
        const collapsible = ['Findings', 'Ask'];
        for (const pane of collapsible) await page.click('.pane-header.expanded', pane);
        try {
          await page.waitForText('.pane-body .monaco-list-row', 'Routed differently from main');
          await page.waitForText('.pane-body .monaco-list-row', 'answer rug-care.md → escalate');
          await page.frameText('what this change does to the bot');
          await page.screenshot('compare-questions');
        } finally {
          for (const pane of collapsible) await page.click('.pane-header:not(.expanded)', pane);
          await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
          for (let i = 0; i < 6; i++) await vscode.commands.executeCommand('workbench.action.increaseViewWidth').then(undefined, () => undefined);
        }
      }
    });

    it('says clearly when the branch does not exist', async function () {
      this.timeout(60_000);
      const outcome = await compare('no-such-branch');
      assert.equal(outcome?.ok, false);
      assert.equal(outcome!.ok ? '' : outcome!.message, `KB Audit: there is no branch, tag or commit "no-such-branch" in the git repository of ${posix(repo)} to compare with.`);
      // The comparison shown before stays.
      assert.equal((await api.inspect.questionsItems())[0].label, 'Routed differently from main');
    });

    it('offers kbAudit.compare.base first, then the branches, in its picker', async function () {
      this.timeout(60_000);
      const page = pageBridge();
      if (!page) this.skip();
      const outcome = vscode.commands.executeCommand<CompareOutcome>(CommandId.CompareWithBranch);
      const rows = '.quick-input-widget .monaco-list-row';
      await page.waitForText(rows, 'feature');
      const labels = await page.texts(rows);
      assert.match(labels[0], /main\s*kbAudit\.compare\.base/, labels.join(' | '));
      assert.ok(labels.some((l) => /feature\s*branch/.test(l)), labels.join(' | '));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      const result = await outcome;
      assert.ok(result?.ok, JSON.stringify(result));
      assert.match(result.baseName, /^main \(/);
    });

    it('Clear Comparison removes the marks', async () => {
      await vscode.commands.executeCommand(CommandId.ClearComparison);
      const groups = await api.inspect.questionsItems();
      assert.deepEqual(groups.map((g) => g.label), ['Answered', 'Clarify', 'Escalated']);
      assert.ok(!groups.some((g) => g.children?.some((q) => q.contextValue === 'kbAudit.questionChanged')));
      const articles = await api.inspect.knowledgeBaseItems();
      assert.ok(!articles.some((a) => a.contextValue === 'kbAudit.removedArticle' || / since main/.test(a.description ?? '')));
    });
  });
});

describe('Write Baseline', () => {
  let api: KbAuditApi;
  let dir: string;
  let repo: string;
  const inRepo = (uri: string) => uri.startsWith(vscode.Uri.file(repo).toString() + '/');
  const repoDiagnostics = () => [...kbAuditDiagnostics()].filter(([uri]) => inRepo(uri)).flatMap(([, list]) => list);

  before(async function () {
    this.timeout(120_000);
    ({ api } = await auditedApi());
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kb-audit-baseline-')));
    repo = path.join(dir, 'repo');
    // On main, which has the conflicting answer (an error) the baseline then holds.
    createGitKb(repo)('checkout', '-q', 'main');
    await auditDocsAt(api, repo);
  });

  after(async function () {
    this.timeout(120_000);
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceFolder().uri, 'kb-audit-baseline.json')).then(undefined, () => undefined);
    await auditSampleAgain(api, ['baseline.findings']);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes the CLI\'s baseline file to kb-audit-baseline.json in the workspace folder; its findings become hints', async function () {
    this.timeout(90_000);
    const before = repoDiagnostics();
    assert.ok(before.some((d) => d.severity === vscode.DiagnosticSeverity.Error), 'the conflicting answer is an error before the baseline');
    const hinted = waitForDiagnostics('every finding of the knowledge base as a hint', () => {
      const now = repoDiagnostics();
      return now.length === before.length && now.every((d) => d.severity === vscode.DiagnosticSeverity.Hint) && now;
    });
    const countBefore = api.lastResult!.findings.length;
    assert.match(api.inspect.statusBar.tooltip, new RegExp(`^(?:.*\\. )?${countBefore} findings\\.`), 'every finding counted before the baseline');
    const uri = await vscode.commands.executeCommand<vscode.Uri>(CommandId.WriteBaseline);
    assert.equal(uri?.toString(), vscode.Uri.joinPath(workspaceFolder().uri, 'kb-audit-baseline.json').toString());
    await hinted;
    // The status bar counts what CI gates on; the Findings view marks the baseline's findings.
    await waitOn(api.onDidChange, () => api.inspect.statusBar.tooltip.includes(`0 findings (and ${countBefore} in the baseline)`), 'the status bar counting no new findings', 30_000);
    const groups = await api.inspect.findingsItems();
    const items = groups.flatMap((g) => g.children ?? []);
    assert.equal(items.length, countBefore, 'the Findings view still lists the baseline\'s findings when they are hints');
    assert.ok(items.every((item) => item.description?.endsWith(' · in the baseline')), JSON.stringify(items.map((i) => i.description)));
    assert.ok(groups.every((g) => g.description?.includes('in the baseline')), JSON.stringify(groups.map((g) => g.description)));

    const written = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    assert.equal(parseBaseline(written).findings.length, api.lastResult!.findings.length);
    const cliBaseline = path.join(dir, 'cli-baseline.json');
    const cli = await runCliIn(repo, ['audit', '.', '--write-baseline', cliBaseline]);
    assert.equal(cli.code, 0, cli.stderr);
    assert.equal(written, fs.readFileSync(cliBaseline, 'utf8'), 'the same file as kb-audit audit --write-baseline');
  });

  it('hides baselined findings when kbAudit.baseline.findings is "hide", and still shows a new problem', async function () {
    this.timeout(120_000);
    const hidden = waitForDiagnostics('no diagnostics for baselined findings', () => repoDiagnostics().length === 0, 90_000);
    await vscode.workspace.getConfiguration('kbAudit', workspaceFolder().uri).update('baseline.findings', 'hide', vscode.ConfigurationTarget.Workspace);
    await hidden;
    const fresh = waitForDiagnostics('a diagnostic for the new placeholder', () => {
      const now = repoDiagnostics();
      return now.length > 0 && now.every((d) => d.severity !== vscode.DiagnosticSeverity.Hint) && now.some((d) => d.message.includes('TODO')) && now;
    }, 60_000);
    // Typed in the editor (the folder is outside the workspace, so no file watcher sees it).
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(repo, 'returns.md')));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, document.lineAt(document.lineCount - 1).range.end, '\n## Can I return a gift?\n\nTODO: ask the workshop about gifts.\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const shown = await fresh;
    await document.save();
    assert.ok(shown.every((d) => d.severity !== vscode.DiagnosticSeverity.Hint));
    // The Findings view and the status bar leave the baseline's findings out, as the Problems panel does.
    await waitOn(api.onDidChange, () => Number(/(\d+) findings? \(and \d+ in the baseline\)/.exec(api.inspect.statusBar.tooltip)?.[1] ?? 0) > 0, 'the status bar counting the new problem');
    await api.inspect.settle();
    const items = (await api.inspect.findingsItems()).flatMap((g) => g.children ?? []);
    const counted = Number(/(\d+) findings? \(and \d+ in the baseline\)/.exec(api.inspect.statusBar.tooltip)?.[1]);
    assert.equal(counted, items.length, `${api.inspect.statusBar.tooltip} / ${JSON.stringify(items.map((i) => i.label))}`);
    assert.ok(counted > 0 && items.some((item) => item.label.includes('TODO')), JSON.stringify(items.map((i) => i.label)));
    assert.ok(items.every((item) => !item.description?.includes('in the baseline')), JSON.stringify(items.map((i) => i.description)));
  });
});
