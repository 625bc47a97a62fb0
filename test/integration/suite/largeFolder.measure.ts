// A measurement, built and run only on request (KB_AUDIT_MEASURE=1 with KB_AUDIT_LARGE_DOCS set
// to a folder, e.g. the benchmark's generated 50,000-article help centre): the extension audits
// that folder in the real extension host, in its worker thread. It reports the time to the
// first complete audit, the peak resident memory of the extension host's process meanwhile
// (the worker thread included), the worker's heap limit and the longest event-loop delay on
// the host's own thread; and checks that every article was audited off the host's thread.
//
//   node esbuild.js && node test/bench/generateKb.mjs test/bench/.generated/kb-50000-1 --articles 50000
//   KB_AUDIT_MEASURE=1 KB_AUDIT_LARGE_DOCS=$PWD/test/bench/.generated/kb-50000-1 \
//     node test/integration/run.mjs --suite extension --grep "very large folder" --timeout 1800
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { KbAuditApi } from '../../../src/extension/extension';
import { waitOn } from './editorWaits';
import { auditedApi } from './helpers/extension';
import { reportLine } from './helpers/report';
import { workspaceFolder } from './helpers/workspace';

const DOCS = process.env.KB_AUDIT_LARGE_DOCS;

describe('measure: a very large folder in the editor', () => {
  let api: KbAuditApi;

  before(async function () {
    this.timeout(120_000);
    assert.ok(DOCS && fs.statSync(DOCS).isDirectory(), `KB_AUDIT_LARGE_DOCS is not a folder: ${DOCS}`);
    ({ api } = await auditedApi(60_000));
  });

  after(async function () {
    this.timeout(600_000);
    await vscode.workspace.getConfiguration('kbAudit', workspaceFolder().uri).update('docsPath', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('audits every article in the worker, and reports time and memory', async function () {
    this.timeout(1_800_000);
    const root = fs.realpathSync(DOCS!);
    const files = fs.readdirSync(root, { recursive: true }).filter((f) => String(f).endsWith('.md')).length;
    const delay = monitorEventLoopDelay({ resolution: 20 });
    let peak = process.memoryUsage.rss();
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 250);
    const audited = waitOn(api.onDidAudit, () => api.lastResult?.kb.root === root.split(path.sep).join('/'), 'the audit of the large folder', 1_700_000);
    const started = performance.now();
    const phases: string[] = [];
    const phase = api.inspect.onDidAuditPhase((p) => phases.push(`${p.phase} ${((performance.now() - started) / 1000).toFixed(1)} s`));
    delay.enable();
    try {
      await vscode.workspace.getConfiguration('kbAudit', workspaceFolder().uri).update('docsPath', root, vscode.ConfigurationTarget.Workspace);
      await audited;
    } finally {
      delay.disable();
      clearInterval(sampler);
      phase.dispose();
    }
    const seconds = (performance.now() - started) / 1000;
    const result = api.lastResult!;
    reportLine(
      `      ${result.stats.files} files, ${result.stats.sections} sections, ${result.findings.length} findings in ${seconds.toFixed(1)} s; ` +
        `extension host peak RSS ${(peak / 2 ** 20).toFixed(0)} MB; longest event-loop delay on the host ${(delay.max / 1e6).toFixed(0)} ms; ` +
        `audit off the host's thread: ${api.inspect.auditOffThread}`,
    );
    reportLine(`      stages: ${phases.join(', ')}, diagnostics published ${seconds.toFixed(1)} s`);
    assert.equal(result.stats.files, files, 'every article is audited');
    assert.equal(api.inspect.auditOffThread, true, 'the audit ran in the worker');
  });
});
