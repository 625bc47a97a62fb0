// Opens the browser workbench of a running VS Code server in headless Chromium with a test
// payload, and waits for the extension host to run the tests and exit. The workbench reports the
// exit code through window.codeAutomationExit and forwards the host's console through
// window.codeAutomationLog, both exposed here before the page loads.
import { chromium } from 'playwright-core';
import { CHROMIUM } from './paths.mjs';
import { screenshotPath } from './pageBridge.mjs';

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export class TestRunTimeout extends Error {}

/**
 * @param {object} options
 * @param {{ origin: string, remoteUri: (path: string) => string }} options.server
 * @param {string} options.workspace               folder to open
 * @param {string} options.extensionDevelopmentPath
 * @param {string} options.extensionTestsPath      the compiled test index (.js)
 * @param {number} options.timeoutMs               for the whole test run
 * @param {(type: string, args: unknown[]) => void} options.onLog   the extension host's console, with the workbench's log
 * @param {{ attach(page: import('playwright-core').Page): void }} [options.bridge]
 * @param {string} [options.screenshotDir]
 * @param {string} [options.finalScreenshot]        name of a PNG of the workbench as the run ends
 * @returns {Promise<{ exitCode: number, screenshot?: string }>}
 */
export async function runTestsInWorkbench(options) {
  const { server, workspace, extensionDevelopmentPath, extensionTestsPath, timeoutMs, onLog, bridge } = options;
  const payload = [
    ['extensionDevelopmentPath', server.remoteUri(extensionDevelopmentPath)],
    ['extensionTestsPath', server.remoteUri(extensionTestsPath)],
    ['skipWelcome', 'true'],
  ];
  const url = `${server.origin}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS }).catch((error) => {
    throw new Error(`could not start Chromium at ${CHROMIUM} (Debian package chromium): ${error.message.split('\n')[0]}`);
  });
  let timer;
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    let resolveExit;
    const exited = new Promise((resolve) => (resolveExit = resolve));
    await page.exposeFunction('codeAutomationLog', (type, args) => onLog(String(type), Array.isArray(args) ? args : [args]));
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
    bridge?.attach(page);
    const crashed = new Promise((resolve) => page.once('crash', () => resolve('the workbench page crashed')));
    const timedOut = new Promise((resolve) => {
      timer = setTimeout(() => resolve(`the test run did not finish within ${Math.round(timeoutMs / 1000)} s`), timeoutMs);
    });

    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    const outcome = await Promise.race([exited, crashed, timedOut]);

    let screenshot;
    if (options.finalScreenshot && options.screenshotDir) {
      screenshot = screenshotPath(options.screenshotDir, options.finalScreenshot);
      await page.screenshot({ path: screenshot }).catch(() => (screenshot = undefined));
    }
    if (typeof outcome === 'string') throw new TestRunTimeout(outcome);
    return { exitCode: outcome, screenshot };
  } finally {
    clearTimeout(timer);
    await browser.close().catch(() => {});
  }
}
