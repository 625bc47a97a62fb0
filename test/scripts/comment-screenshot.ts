// The README's picture of the pull-request comment: `kb-audit diff main --format markdown` on a
// small git repository (test/helpers/gitKb.ts), rendered to HTML with markdown-it as GitHub
// renders comments (raw HTML on: <details>, <sub>), styled like a GitHub comment, and
// photographed in headless Chromium (Debian's fonts-noto-color-emoji draws the decisions' emoji).
// Usage: node esbuild.js && node --import tsx test/scripts/comment-screenshot.ts [OUT.png]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import MarkdownIt from 'markdown-it';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../webview/page';
import { createGitKb } from '../helpers/gitKb';

const ROOT = resolve(import.meta.dirname, '..', '..');
const out = resolve(process.argv[2] ?? join(ROOT, 'media', 'screenshots', 'pr-comment.png'));

const CSS = `
  body { margin: 0; padding: 24px; background: #f6f8fa; font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; color: #1f2328; }
  .comment { max-width: 880px; border: 1px solid #d1d9e0; border-radius: 6px; background: #fff; }
  .header { padding: 8px 16px; background: #f6f8fa; border-bottom: 1px solid #d1d9e0; border-radius: 6px 6px 0 0; color: #59636e; }
  .header b { color: #1f2328; }
  .body { padding: 16px; }
  h2 { font-size: 1.5em; border-bottom: 1px solid #d1d9e0b3; padding-bottom: .3em; margin: 0 0 16px; }
  h3 { font-size: 1.25em; margin: 24px 0 16px; }
  table { border-collapse: collapse; margin: 0 0 16px; display: block; overflow: auto; }
  th, td { border: 1px solid #d1d9e0; padding: 6px 13px; }
  th { font-weight: 600; }
  tr:nth-child(2n) { background: #f6f8fa; }
  a { color: #0969da; text-decoration: none; }
  code { background: #818b981f; border-radius: 6px; padding: .2em .4em; font-size: 85%; }
  details { margin: 0 0 16px; }
  summary { cursor: pointer; }
  sub { color: #59636e; }
  p { margin: 0 0 16px; }
`;

async function main(): Promise<void> {
const dir = mkdtempSync(join(tmpdir(), 'kb-audit-comment-'));
try {
  const repo = join(dir, 'help-center');
  createGitKb(repo);
  const markdown = execFileSync(
    process.execPath,
    [join(ROOT, 'dist', 'cli.js'), 'diff', 'main', '--format', 'markdown', '--fail-on-regression', 'never', '--link-base', 'https://github.com/acme/help-center/blob/feature/'],
    { cwd: repo, encoding: 'utf8' },
  );
  const html = new MarkdownIt({ html: true, linkify: false }).render(markdown);
  const page = `<!doctype html><html><head><meta charset="utf-8"><style>${CSS}</style></head><body>
    <div class="comment"><div class="header"><b>github-actions</b> bot commented</div><div class="body">${html}</div></div></body></html>`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const tab = await browser.newPage({ viewport: { width: 940, height: 800 }, deviceScaleFactor: 1 });
    await tab.setContent(page);
    // The fixed problems open, as a reviewer would click them.
    await tab.evaluate(`document.querySelector('details')?.setAttribute('open', '')`);
    await tab.locator('.comment').screenshot({ path: out });
  } finally {
    await browser.close();
  }
  console.log(`wrote ${out}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
}

void main();
