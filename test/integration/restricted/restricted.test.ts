import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AuditResult } from '../../../src/core/audit';
import type { KbAuditApi } from '../../../src/extension/extension';
import { auditedApi, kbAuditExtension } from '../suite/helpers/extension';
import { pageBridge } from '../suite/helpers/page';
import { readText, workspaceFolder } from '../suite/helpers/workspace';

// Runs in a host with Workspace Trust on (the harness leaves out --disable-workspace-trust), on
// test/integration/fixtures/restricted/workspace, which nobody trusted. Its kb-audit.json names a
// docs folder outside it (../outside) and requires a heading by a regular expression; its
// .vscode/settings.json sets kbAudit.questionsFile, a restricted setting. What package.json's
// capabilities.untrustedWorkspaces promises is checked first, then the folder is trusted the way a
// user does it (the Workspace Trust editor's Trust button) and the limits must lift.
// The tests run in order: the last one trusts the folder.

const PATTERN = '^contact (us|support)$';

function missingSection(result: AuditResult) {
  return result.findings.filter((f) => f.ruleId === 'missing-section');
}

/** The next audit whose docs folder is `root`. */
function auditOf(api: KbAuditApi, root: string, timeoutMs = 60_000): Promise<AuditResult> {
  return new Promise<AuditResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`no audit of ${root} within ${timeoutMs} ms`));
    }, timeoutMs);
    const subscription = api.onDidAudit((audit) => {
      if (audit.kb.root !== root) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(audit);
    });
  });
}

describe('Restricted Mode (an untrusted folder, Workspace Trust on)', () => {
  const folder = () => workspaceFolder().uri.path;
  const outside = () => path.posix.join(path.posix.dirname(folder()), 'outside');

  it('opens the folder untrusted, and the extension still activates there (limited support)', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the harness started the host with Workspace Trust on');
    const { result } = await auditedApi();
    assert.equal(kbAuditExtension().isActive, true);
    assert.equal(kbAuditExtension().packageJSON.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.ok(result.stats.files > 0);
    const { api } = await auditedApi();
    assert.equal(api.inspect.engineReadsHistory, false, 'git (which can run a repository\'s hooks) is never run for an untrusted folder');
  });

  it('ignores kb-audit.json\'s docs folder outside the workspace folder: the folder itself is audited', async () => {
    const { result } = await auditedApi();
    assert.equal(result.kb.root, folder());
    assert.deepEqual(
      result.kb.articles.map((a) => a.file),
      ['returns.md'],
    );
  });

  it('matches kb-audit.json\'s regular expressions as plain text', async () => {
    const { result } = await auditedApi();
    // "## Contact us" matches the pattern, but not its text: the section is reported missing.
    const findings = missingSection(result);
    assert.deepEqual(
      findings.map((f) => [f.file, /matching \/(.*)\/, which/.exec(f.message)?.[1]]),
      [['returns.md', PATTERN.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')]],
    );
  });

  it('ignores the restricted settings (kbAudit.questionsFile) set by the folder', async () => {
    assert.match(await readText('.vscode/settings.json'), /"kbAudit\.questionsFile": "questions\.txt"/);
    const config = vscode.workspace.getConfiguration('kbAudit', workspaceFolder().uri);
    assert.equal(config.get('questionsFile'), '', 'VS Code withholds the folder\'s value of a restricted setting');
    assert.equal(config.inspect('questionsFile')?.workspaceValue, undefined);
    const { result } = await auditedApi();
    assert.equal(result.questions, null, 'no sample questions were read');
  });

  it('lifts the limits once the folder is trusted: docs outside, patterns as regular expressions, the restricted setting', async function () {
    this.timeout(120_000);
    const page = pageBridge();
    if (!page) this.skip();
    const { api } = await auditedApi();
    const granted = new Promise<void>((resolve) => {
      const subscription = vscode.workspace.onDidGrantWorkspaceTrust(() => {
        subscription.dispose();
        resolve();
      });
    });
    const trustedAudit = auditOf(api, outside());
    // As a user would: the Workspace Trust editor, then its Trust button.
    await vscode.commands.executeCommand('workbench.trust.manage');
    await page.click('.workspace-trust-editor .monaco-button', 'Trust', 20_000);
    await granted;
    assert.equal(vscode.workspace.isTrusted, true);

    // Trust granted re-audits: the docs folder kb-audit.json names, with its pattern as a pattern.
    const result = await trustedAudit;
    assert.deepEqual(
      result.kb.articles.map((a) => a.file),
      ['shipping.md'],
    );
    assert.deepEqual(missingSection(result), [], '"## Contact support" matches ^contact (us|support)$');
    assert.equal(vscode.workspace.getConfiguration('kbAudit', workspaceFolder().uri).get('questionsFile'), 'questions.txt');
    assert.ok(result.questions, 'the questions file the folder\'s settings name is read');
    assert.equal(result.questions.preview.results.length, 2);
    assert.equal(api.inspect.engineReadsHistory, true, 'trusted, the audit may read the git history');
    await page.screenshot('restricted-trusted');
  });
});
