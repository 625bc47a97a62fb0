// Serves the built webview (dist/webview.js, media/webview.css) with the extension's own page
// markup and CSP to headless Chromium. Only the host channel is simulated: acquireVsCodeApi
// records what the page posts, and the test posts host messages with window.postMessage.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createNonce, renderWebviewPage } from '../../src/extension/webviewHtml';
import type { HostMessage, WebviewMessage } from '../../src/shared/messages';

export const CHROMIUM_ARGS = [
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

export type Theme = 'light' | 'dark' | 'high-contrast';

const ROOT = join(import.meta.dirname, '..', '..');
const FILES: Record<string, { path: string; type: string }> = {
  '/dist/webview.js': { path: join(ROOT, 'dist', 'webview.js'), type: 'text/javascript' },
  '/media/webview.css': { path: join(ROOT, 'media', 'webview.css'), type: 'text/css' },
  '/theme/light.css': { path: join(import.meta.dirname, 'themes', 'light.css'), type: 'text/css' },
  '/theme/dark.css': { path: join(import.meta.dirname, 'themes', 'dark.css'), type: 'text/css' },
  '/theme/high-contrast.css': { path: join(import.meta.dirname, 'themes', 'high-contrast.css'), type: 'text/css' },
};

export interface WebviewHarness {
  browser: Browser;
  origin: string;
  close(): Promise<void>;
  open(options?: { mode?: 'view' | 'panel'; theme?: Theme; state?: unknown; width?: number; title?: string }): Promise<WebviewPage>;
}

export interface WebviewPage {
  page: Page;
  nonce: string;
  /** Messages the page has posted, oldest first. */
  posted(): Promise<WebviewMessage[]>;
  /** Waits until the page has posted a message matching `predicate`, and returns it. */
  waitForPosted<T extends WebviewMessage['type']>(type: T, match?: Partial<Extract<WebviewMessage, { type: T }>>): Promise<Extract<WebviewMessage, { type: T }>>;
  send(message: HostMessage | unknown): Promise<void>;
  /** CSP violations and page errors seen so far. */
  problems(): Promise<string[]>;
  savedState(): Promise<unknown>;
}

export async function startWebviewHarness(): Promise<WebviewHarness> {
  const pages = new Map<string, string>();
  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const page = pages.get(url.pathname);
    if (page) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(page);
      return;
    }
    const file = FILES[url.pathname];
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': file.type });
    response.end(await readFile(file.path));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  let count = 0;

  return {
    browser,
    origin,
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
    async open({ mode = 'view', theme = 'dark', state, width = 420, title = 'KB Audit' } = {}) {
      const nonce = createNonce();
      const themeClass = theme === 'light' ? 'vscode-light' : theme === 'dark' ? 'vscode-dark' : 'vscode-high-contrast';
      // The page exactly as the extension renders it; the theme stylesheet stands in for the
      // variables VS Code itself puts on the page.
      const html = renderWebviewPage({
        cspSource: origin,
        scriptUri: `${origin}/dist/webview.js`,
        styleUri: `${origin}/media/webview.css`,
        nonce,
        mode,
        title,
      })
        .replace('</head>', `<link rel="stylesheet" href="${origin}/theme/${theme}.css">\n</head>`)
        .replace('<body ', `<body class="${themeClass}" `);
      const path = `/page-${++count}.html`;
      pages.set(path, html);
      const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
      const page = await context.newPage();
      // A string, not a function: the TypeScript loader would wrap a function's inner names in
      // helpers that do not exist inside the page.
      await page.addInitScript(`
        window.__posted = [];
        window.__problems = [];
        window.__state = ${JSON.stringify(state ?? null)};
        document.addEventListener('securitypolicyviolation', (e) => window.__problems.push('CSP: ' + e.violatedDirective + ' ' + e.blockedURI));
        window.addEventListener('error', (e) => window.__problems.push('error: ' + e.message));
        window.acquireVsCodeApi = () => ({
          postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
          getState: () => window.__state,
          setState: (s) => { window.__state = JSON.parse(JSON.stringify(s)); },
        });
      `);
      await page.goto(`${origin}${path}`);
      const posted = () => page.evaluate(() => (window as unknown as { __posted: WebviewMessage[] }).__posted);
      return {
        page,
        nonce,
        posted,
        async waitForPosted(type, match = {}) {
          const handle = await page.waitForFunction(
            ({ type, match }) => {
              const list = (window as unknown as { __posted: Record<string, unknown>[] }).__posted;
              return list.find((m) => m.type === type && Object.entries(match).every(([k, v]) => m[k] === v)) ?? false;
            },
            { type, match: match as Record<string, unknown> },
          );
          return (await handle.jsonValue()) as never;
        },
        async send(message) {
          await page.evaluate((m) => window.postMessage(m, '*'), message);
        },
        problems: () => page.evaluate(() => (window as unknown as { __problems: string[] }).__problems),
        savedState: () => page.evaluate(() => (window as unknown as { __state: unknown }).__state),
      };
    },
  };
}
