// Lets tests running in the extension host look at the page the workbench is drawn in. The
// extension host cannot reach the browser, so the harness serves a small HTTP endpoint on the
// loopback address (its URL, with a random token, goes to the tests in an environment variable)
// and answers with Playwright: screenshots of the workbench or of a webview, waits for text to
// appear in an element, and clicks (what a user would do where no API does it, such as trusting
// the folder).
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';

export const PAGE_BRIDGE_ENV = 'KB_AUDIT_PAGE_BRIDGE';

const MAX_WAIT_MS = 30_000;

/**
 * @param {object} options
 * @param {string} options.screenshotDir
 * @param {(message: string) => void} [options.log]
 */
export async function startPageBridge({ screenshotDir, log = () => {} }) {
  /** @type {import('playwright-core').Page | undefined} */
  let page;
  const token = randomBytes(16).toString('hex');
  const saved = [];

  const handlers = {
    /** { name, selector? } → the PNG's path: the whole page, or one element of it. */
    async screenshot({ name, selector }) {
      const file = screenshotPath(screenshotDir, name);
      if (selector) await page.locator(selector).first().screenshot({ path: file });
      else await page.screenshot({ path: file });
      saved.push(file);
      log(`screenshot ${file}`);
      return { path: file };
    },
    /** { selector, text, timeoutMs? } → the text of the first element matching selector that contains text. */
    async waitForText({ selector, text, timeoutMs }) {
      const locator = page.locator(selector).filter({ hasText: text }).first();
      await locator.waitFor({ state: 'visible', timeout: clampWait(timeoutMs) });
      return { text: await locator.innerText() };
    },
    /** { selector, text } → types text into the first input matching selector, as a user would. */
    async fill({ selector, text }) {
      const input = page.locator(selector).first();
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(String(text));
      return {};
    },
    /** { selector, text, timeoutMs? } → clicks the first visible element matching selector that shows text, as a user would. */
    async click({ selector, text, timeoutMs }) {
      const locator = page.locator(selector).filter({ hasText: text }).first();
      await locator.waitFor({ state: 'visible', timeout: clampWait(timeoutMs) });
      await locator.click();
      return {};
    },
    /** { selector } → the inner text of every element matching selector (visible or not). */
    async texts({ selector }) {
      return { texts: await page.locator(selector).allInnerTexts() };
    },
    /**
     * { text, name?, timeoutMs? } → the body text of the first frame (a webview's content frame,
     * say) that contains text; with name, also a PNG of the iframe that shows it.
     */
    async frameText({ text, name, timeoutMs }) {
      const deadline = Date.now() + clampWait(timeoutMs);
      for (;;) {
        for (const frame of page.frames()) {
          if (frame === page.mainFrame()) continue;
          const body = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
          if (!body.includes(text)) continue;
          let result = { text: body };
          if (name) {
            let outer = frame;
            while (outer.parentFrame() && outer.parentFrame() !== page.mainFrame()) outer = outer.parentFrame();
            const file = screenshotPath(screenshotDir, name);
            await (await outer.frameElement()).screenshot({ path: file });
            saved.push(file);
            log(`screenshot ${file}`);
            result = { ...result, path: file };
          }
          return result;
        }
        if (Date.now() > deadline) throw new Error(`no frame shows "${text}"`);
        await page.waitForTimeout(200);
      }
    },
  };

  const server = createServer((request, response) => {
    const reply = (status, body) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const [, requestToken, action] = (request.url ?? '').split('/');
    if (request.method !== 'POST' || requestToken !== token || !Object.hasOwn(handlers, action)) {
      reply(404, { error: 'unknown request' });
      return;
    }
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => (body += chunk));
    request.on('end', async () => {
      try {
        if (!page) throw new Error('the workbench page is not open yet');
        reply(200, await handlers[action](body ? JSON.parse(body) : {}));
      } catch (error) {
        reply(500, { error: error instanceof Error ? error.message.split('\n')[0] : String(error) });
      }
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();

  return {
    url: `http://127.0.0.1:${port}/${token}`,
    saved,
    attach(newPage) {
      page = newPage;
    },
    close() {
      page = undefined;
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export function screenshotPath(dir, name) {
  if (typeof name !== 'string' || !/^[\w.-]{1,80}$/.test(name)) throw new Error(`bad screenshot name: ${name}`);
  mkdirSync(dir, { recursive: true });
  return join(dir, name.endsWith('.png') ? name : `${name}.png`);
}

function clampWait(timeoutMs) {
  return Math.min(Math.max(Number(timeoutMs) || 10_000, 0), MAX_WAIT_MS);
}
