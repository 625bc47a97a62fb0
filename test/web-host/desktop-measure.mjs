// The desktop side of the figures in the README's "On the web": the same measurement test as the
// web suite (test/web-host/measure.test.ts) in the desktop extension host that
// npm run test:integration uses (the VS Code server of code-server, provisioned by that
// harness), on a copy of the sample knowledge base. Prints the measurement and "N passed, N failed".
//
// Usage: node test/web-host/desktop-measure.mjs [--verbose]
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { format } from 'node:util';
import esbuild from 'esbuild';
import { buildExtension } from '../integration/lib/build.mjs';
import { REPO_ROOT, SAMPLE_KB } from '../integration/lib/paths.mjs';
import { provisionHost } from '../integration/lib/provision.mjs';
import { startServer } from '../integration/lib/vscodeServer.mjs';
import { runTestsInWorkbench } from '../integration/lib/workbench.mjs';

const MARKER = '[kb-audit-suite] ';
const RESULT_MARKER = 'kb-audit-integration-result';
const log = (message) => console.log(`[desktop-measure] ${message}`);
const verbose = process.argv.includes('--verbose');
const runDir = realpathSync(mkdtempSync(join(tmpdir(), 'kb-audit-measure-')));
let counts;
let code = 1;
let outDir;
try {
  buildExtension();
  const host = await provisionHost(log);
  // Inside the repository: the index requires mocha from its node_modules.
  outDir = join(REPO_ROOT, 'out', 'web-measure', basename(runDir));
  await esbuild.build({
    entryPoints: [
      { in: join(REPO_ROOT, 'test', 'integration', 'suite', 'index.ts'), out: 'index' },
      { in: join(REPO_ROOT, 'test', 'web-host', 'measure.test.ts'), out: 'measure.test' },
    ],
    outdir: outDir,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode', 'mocha'],
    mainFields: ['module', 'main'],
    logLevel: 'warning',
  });
  const workspace = join(runDir, 'workspace');
  cpSync(SAMPLE_KB, workspace, { recursive: true });
  const tmp = join(runDir, 'tmp');
  mkdirSync(tmp, { recursive: true });
  const server = await startServer(host, { stateDir: join(runDir, 'state'), env: { TMPDIR: tmp, KB_AUDIT_MARK_OUTPUT: '1' } });
  try {
    const result = await runTestsInWorkbench({
      server,
      workspace,
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: join(outDir, 'index.js'),
      timeoutMs: 300_000,
      onLog: (_type, args) => {
        const text = format(...args);
        const at = text.indexOf(MARKER);
        if (at < 0) return verbose && console.log(`[workbench] ${text}`);
        const line = text.slice(at + MARKER.length);
        if (line.startsWith(RESULT_MARKER)) counts = JSON.parse(line.slice(RESULT_MARKER.length));
        else console.log(line);
      },
    });
    code = result.exitCode;
    if (!counts) log(`no results arrived from the extension host (exit ${code})${verbose ? '' : '; --verbose shows its log'}`);
  } finally {
    await server.stop();
  }
} catch (error) {
  console.error(`[desktop-measure] error: ${error instanceof Error ? error.message : error}`);
} finally {
  rmSync(runDir, { recursive: true, force: true });
  if (outDir) rmSync(outDir, { recursive: true, force: true });
}
const failed = counts?.failed ?? 0;
console.log(`${counts?.passed ?? 0} passed, ${code !== 0 && failed === 0 ? 1 : failed} failed`);
process.exit(code);
