// npm run test:desktop: the same mocha suites in desktop VS Code, through @vscode/test-electron
// (which downloads VS Code unless --vscode names an installed one). For developers' machines and
// GitHub Actions on Linux (under xvfb), Windows and macOS. Suites as in run.mjs:
//   extension  the extension under development, on a copy of the sample knowledge base
//   vsix       the packaged .vsix, installed with VS Code's own --install-extension
// The last line is "N passed, N failed" (", N skipped" when tests were skipped).
//
// Usage: node test/integration/desktop.mjs [--suite extension|vsix] [--grep PATTERN]
//                                          [--vscode-version stable|insiders|X.Y.Z] [--vscode PATH] [--timeout SECONDS]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath, runTests } from '@vscode/test-electron';
import { buildExtension, buildSuites } from './lib/build.mjs';
import { OUT_DIR, REPO_ROOT, SAMPLE_KB, VSIX_PROBE } from './lib/paths.mjs';
import { checkVsix, defaultVsixName, packageVsix } from './lib/vsix.mjs';

const { values: options } = parseArgs({
  options: {
    suite: { type: 'string', default: 'all' },
    grep: { type: 'string' },
    'vscode-version': { type: 'string', default: process.env.VSCODE_VERSION ?? 'stable' },
    vscode: { type: 'string' },
    timeout: { type: 'string', default: '600' },
  },
});
const suites = options.suite === 'all' ? ['extension', 'vsix'] : [options.suite];
if (!suites.every((suite) => suite === 'extension' || suite === 'vsix')) {
  console.error(`unknown suite: ${options.suite}`);
  process.exit(2);
}

const log = (message) => console.log(`[desktop] ${message}`);
const totals = { passed: 0, failed: 0, skipped: 0 };
const runDir = realpathSync(mkdtempSync(join(tmpdir(), 'kb-audit-desktop-')));
const outDir = join(OUT_DIR, basename(runDir));
process.once('exit', () => {
  rmSync(runDir, { recursive: true, force: true, maxRetries: 5 });
  rmSync(outDir, { recursive: true, force: true });
});
// test-electron has no time limit of its own: a host that never exits must not hang CI.
const timeoutMs = Number(options.timeout) * 1000;
setTimeout(() => {
  console.error(`[desktop] error: the test run did not finish within ${options.timeout} s`);
  totals.failed += 1;
  summarize();
  process.exit(1);
}, timeoutMs).unref();

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  console.error(`[desktop] error: ${error instanceof Error ? error.message : error}`);
  exitCode = 1;
}
if (exitCode !== 0 && totals.failed === 0) totals.failed = 1;
summarize();
process.exit(exitCode);

async function main() {
  let vsix;
  if (suites.includes('vsix')) {
    log('packaging the extension');
    vsix = await packageVsix(join(runDir, defaultVsixName()), { log });
    const { problems } = checkVsix(vsix);
    if (problems.length) throw new Error(`the .vsix is not right: ${problems.join('; ')}`);
  }
  buildExtension();
  const indexes = await buildSuites(outDir);
  const vscodeExecutablePath = options.vscode ?? (await downloadAndUnzipVSCode(options['vscode-version']));

  let code = 0;
  for (const suite of suites) {
    const suiteDir = join(runDir, suite);
    const workspace = join(suiteDir, 'workspace');
    const extensionsDir = join(suiteDir, 'extensions');
    const resultFile = join(suiteDir, 'result.json');
    mkdirSync(extensionsDir, { recursive: true });
    cpSync(SAMPLE_KB, workspace, { recursive: true });
    const env = { KB_AUDIT_RESULT_FILE: resultFile, ...(options.grep ? { KB_AUDIT_IT_GREP: options.grep } : {}) };
    let extensionDevelopmentPath = REPO_ROOT;
    const launchArgs = [
      workspace,
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      '--disable-telemetry',
      '--user-data-dir', join(suiteDir, 'user-data'),
      // A fresh, empty extensions folder: no user extension interferes (built-in ones stay on).
      '--extensions-dir', extensionsDir,
    ];
    if (suite === 'vsix') {
      const [cli, ...cliArgs] = resolveCliArgsFromVSCodeExecutablePath(vscodeExecutablePath, { reuseMachineInstall: true });
      const install = spawnSync(process.platform === 'win32' ? `"${cli}"` : cli, [...cliArgs, '--extensions-dir', extensionsDir, '--user-data-dir', join(suiteDir, 'user-data'), '--install-extension', vsix], {
        encoding: 'utf8',
        shell: process.platform === 'win32',
        timeout: 120_000,
      });
      if (install.status !== 0) throw new Error(`installing ${basename(vsix)} failed:\n${install.stdout}${install.stderr}`);
      extensionDevelopmentPath = VSIX_PROBE;
      Object.assign(env, { KB_AUDIT_VSIX: vsix, KB_AUDIT_EXTENSIONS_DIR: extensionsDir });
    }
    log(`suite ${suite}`);
    try {
      await runTests({ vscodeExecutablePath, extensionDevelopmentPath, extensionTestsPath: indexes[suite], launchArgs, extensionTestsEnv: env });
    } catch (error) {
      console.error(`[desktop] suite ${suite}: ${error instanceof Error ? error.message : error}`);
      code = 1;
    }
    const counts = readCounts(resultFile);
    if (counts) {
      totals.passed += counts.passed;
      totals.failed += counts.failed;
      totals.skipped += counts.skipped;
    } else {
      console.error(`[desktop] suite ${suite}: no test results arrived from VS Code`);
      totals.failed += 1;
      code = 1;
    }
  }
  return code;
}

function readCounts(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function summarize() {
  const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
  console.log(`${totals.passed} passed, ${totals.failed} failed${skipped}`);
}
