// The Ask webview in a real browser engine (Chromium): rendering, live asking, the preview
// table, the sweep chart, keyboard use, themes, the CSP and hostile input.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { HostMessage, RoutedView, SweepPoint } from '../../src/shared/messages';
import { startWebviewHarness, type Theme, type WebviewHarness, type WebviewPage } from './page';

const SHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'webview');

const refund: RoutedView = {
  question: 'how long does a refund take',
  decision: 'answer',
  confidence: 0.71,
  reason: 'best match "How long do refunds take?" with confidence 0.71',
  answer: {
    file: 'returns/refunds.md',
    heading: 'How long do refunds take?',
    line: 12,
    excerpt: 'Refunds reach your original payment method within 5 business days of the return arriving.',
  },
  alternatives: [
    { file: 'payments/card-charges.md', heading: 'Pending charges', line: 20, confidence: 0.31 },
    { file: 'orders/cancel.md', heading: 'Cancel an order', line: 8, confidence: 0.22 },
  ],
  sectionId: 'returns/refunds.md#how-long-do-refunds-take',
};

function routed(question: string, decision: RoutedView['decision'], confidence: number, file: string | null, expected?: string | null): RoutedView {
  const r: RoutedView = {
    question,
    decision,
    confidence,
    reason: `reason for ${question}`,
    answer: file ? { file, heading: `Heading of ${file}`, line: 3, excerpt: 'Text.' } : null,
    alternatives: [],
  };
  if (file) r.sectionId = `${file}#heading-of-${file.replace(/\W/g, '')}`;
  if (expected !== undefined) {
    r.expected = expected;
    r.correct = expected === null ? decision === 'escalate' : decision !== 'escalate' && file === expected;
  }
  return r;
}

const results = [
  routed('how long does a refund take', 'answer', 0.71, 'returns/refunds.md', 'returns/refunds.md'),
  routed('can I cancel my order', 'answer', 0.64, 'orders/cancel.md', 'orders/cancel.md'),
  routed('where is my parcel', 'clarify', 0.44, 'delivery/tracking.md', 'delivery/tracking.md'),
  routed('do you sell gift cards', 'answer', 0.38, 'payments/vouchers.md', null),
  routed('I want to speak to a human', 'escalate', 0.12, null, null),
  routed('change my password', 'escalate', 0.2, 'account/password.md', 'account/password.md'),
];
const sweep: SweepPoint[] = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8].map((t, i) => ({
  threshold: t,
  coverage: Math.max(0, 1 - i * 0.12),
  precision: Math.min(1, 0.55 + i * 0.05),
  balancedAccuracy: 0.5 + (i < 4 ? i : 8 - i) * 0.08,
}));
const preview: HostMessage = {
  type: 'preview',
  summary: { questions: 6, answered: 3, clarify: 1, escalated: 2, threshold: 0.35, labelled: 6, accuracy: 0.667, balancedAccuracy: 0.625 },
  results,
  sweep,
  articles: [
    {
      file: 'returns/refunds.md',
      title: 'Refunds',
      sections: [
        { id: 'returns/refunds.md#refunds', heading: 'Refunds', line: 1, level: 1 },
        { id: 'returns/refunds.md#heading-of-returnsrefundsmd', heading: 'How long do refunds take?', line: 12, level: 2 },
      ],
    },
  ],
  source: 'from sample-questions.csv',
};
const ready: HostMessage = { type: 'status', state: 'ready', docsLabel: 'sample-kb', threshold: 0.35 };

describe('Ask webview in Chromium', () => {
  let harness: WebviewHarness;
  before(async () => {
    harness = await startWebviewHarness();
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => harness?.close());

  async function openReady(options: Parameters<WebviewHarness['open']>[0] = {}): Promise<WebviewPage> {
    const view = await harness.open(options);
    await view.waitForPosted('ready');
    await view.send(ready);
    await view.page.getByText('Docs: sample-kb').waitFor();
    return view;
  }

  it('posts ready on load, with a nonce-only CSP and no violations', async () => {
    const view = await harness.open();
    const first = await view.waitForPosted('ready');
    assert.deepEqual(first, { type: 'ready' });
    const csp = await view.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(csp ?? '', /^default-src 'none';/);
    assert.match(csp ?? '', new RegExp(`script-src 'nonce-${view.nonce.replace(/[+/=]/g, '\\$&')}'`));
    assert.doesNotMatch(csp ?? '', /unsafe-(inline|eval)/);
    assert.equal(Buffer.from(view.nonce, 'base64').length, 16);
    assert.deepEqual(await view.problems(), []);
    await view.page.context().close();
  });

  it('an inline script without the nonce is blocked by the CSP', async () => {
    const view = await openReady();
    // What an HTML injection would try: the CSP must refuse it even if it reached the DOM.
    await view.page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__injected = 1';
      document.body.appendChild(s);
    });
    await view.page.waitForFunction(() => (window as unknown as { __problems: string[] }).__problems.length > 0);
    assert.equal(await view.page.evaluate(() => (window as unknown as { __injected?: number }).__injected), undefined);
    assert.match((await view.problems())[0], /CSP: script-src/);
    await view.page.context().close();
  });

  it('routes as you type and shows decision, confidence, reply, section, alternatives and reason', async () => {
    const view = await openReady();
    await view.page.getByLabel('Ask the bot').fill('how long does a refund take');
    const ask = await view.waitForPosted('ask', { question: 'how long does a refund take' });
    await view.send({ type: 'answer', requestId: ask.requestId, result: refund });
    const card = view.page.locator('#ask-output .result');
    await card.waitFor();
    assert.equal(await card.locator('.badge').textContent(), 'Answer');
    assert.match((await card.textContent()) ?? '', /confidence 0\.71/);
    assert.equal(await card.locator('.excerpt').textContent(), refund.answer!.excerpt);
    assert.match((await card.locator('.reason').textContent()) ?? '', /best match/);
    assert.equal(await card.locator('.alternatives li').count(), 2);
    assert.equal(await card.getByRole('meter').getAttribute('aria-valuenow'), '0.71');
    await card.getByRole('button', { name: /How long do refunds take\?/ }).click();
    assert.deepEqual(await view.waitForPosted('open'), { type: 'open', file: 'returns/refunds.md', line: 12 });
    await card.getByRole('button', { name: /Pending charges/ }).click();
    await view.waitForPosted('open', { file: 'payments/card-charges.md', line: 20 } as never);
    await view.page.screenshot({ path: join(SHOTS, 'ask-dark.png') });
    await view.page.context().close();
  });

  it('drops an answer to a question that has since been replaced', async () => {
    const view = await openReady();
    const input = view.page.getByLabel('Ask the bot');
    await input.fill('refund');
    await input.press('Enter');
    const first = await view.waitForPosted('ask', { question: 'refund' });
    await input.fill('password');
    await input.press('Enter');
    const second = await view.waitForPosted('ask', { question: 'password' });
    assert.ok(second.requestId > first.requestId);
    await view.send({ type: 'answer', requestId: first.requestId, result: refund });
    await view.send({ type: 'answer', requestId: second.requestId, result: results[5] });
    await view.page.locator('#ask-output .badge', { hasText: 'Escalate' }).waitFor();
    assert.equal(await view.page.locator('#ask-output .result').count(), 1);
    assert.doesNotMatch((await view.page.locator('#ask-output').textContent()) ?? '', /refunds reach/i);
    await view.page.context().close();
  });

  it('shows workspace text as text: markup in headings, excerpts and questions is never parsed', async () => {
    const view = await openReady();
    const evil = '<img src=x onerror="window.__pwned=1"><b>bold</b>';
    await view.page.getByLabel('Ask the bot').fill(evil);
    const ask = await view.waitForPosted('ask');
    const hostile: RoutedView = {
      ...refund,
      question: evil,
      reason: evil,
      answer: { file: 'a<script>.md', heading: evil, line: 1, excerpt: `${evil} javascript:alert(1)` },
      alternatives: [{ file: '"><svg onload=alert(1)>.md', heading: evil, line: 2, confidence: 0.1 }],
    };
    await view.send({ type: 'answer', requestId: ask.requestId, result: hostile });
    await view.page.locator('#ask-output .excerpt').waitFor();
    assert.equal(await view.page.locator('#ask-output img, #ask-output b, #ask-output svg, #ask-output script').count(), 0);
    assert.equal(await view.page.locator('#ask-output .excerpt').textContent(), `${evil} javascript:alert(1)`);
    assert.equal(await view.page.locator('#ask-output a').count(), 0);
    assert.equal(await view.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.deepEqual(await view.problems(), []);
    await view.page.context().close();
  });

  it('ignores malformed host messages and prototype pollution', async () => {
    const view = await openReady();
    await view.page.getByLabel('Ask the bot').fill('refund');
    const ask = await view.waitForPosted('ask');
    await view.send({ type: 'answer', requestId: ask.requestId, result: { ...refund, decision: 'maybe' } });
    await view.send({ type: 'answer', requestId: ask.requestId, result: { ...refund, confidence: '0.7' } });
    await view.page.evaluate(
      (m) => window.postMessage(JSON.parse(m), '*'),
      `{"type":"show","tab":"questions","__proto__":{"polluted":1},"filter":{"__proto__":{"polluted":2}}}`,
    );
    await view.page.locator('#tab-questions[aria-selected="true"]').waitFor();
    assert.equal(await view.page.evaluate(() => ({}) as Record<string, unknown>).then((o) => o.polluted), undefined);
    assert.equal(await view.page.evaluate(() => (({}) as Record<string, unknown>).polluted), undefined);
    assert.equal(await view.page.locator('#ask-output .result').count(), 0);
    await view.page.context().close();
  });

  it('previews all questions in a table that filters and sorts', async () => {
    const view = await openReady({ mode: 'panel', width: 1000 });
    await view.send(preview);
    const rows = view.page.locator('#questions-table tbody tr');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 6);
    assert.match((await view.page.locator('.summary').textContent()) ?? '', /6 questions: 3 answered · 1 clarify · 2 escalated at threshold 0.35/);
    // Default sort: confidence, highest first.
    assert.equal(await rows.first().locator('td.q').textContent(), 'how long does a refund take');
    await view.page.getByRole('button', { name: /^Conf\./ }).click();
    assert.equal(await rows.first().locator('td.q').textContent(), 'I want to speak to a human');
    assert.equal(await view.page.locator('th[aria-sort="ascending"]').count(), 1);
    await view.page.getByRole('button', { name: /^Question/ }).click();
    assert.equal(await rows.first().locator('td.q').textContent(), 'can I cancel my order');

    await view.page.getByLabel('Filter by decision').selectOption('escalate');
    assert.equal(await rows.count(), 2);
    await view.page.getByLabel('Filter by decision').selectOption('');
    await view.page.getByLabel('Filter questions by text').fill('ORDER');
    assert.equal(await rows.count(), 1);
    await view.page.getByLabel('Filter questions by text').fill('');
    await view.page.getByLabel('Only wrong').check();
    assert.deepEqual(await rows.locator('td.q').allTextContents(), ['change my password', 'do you sell gift cards']);
    await view.page.getByLabel('Only wrong').uncheck();

    // The host narrows the table to one section (CodeLens / tree click).
    await view.send({ type: 'show', tab: 'questions', filter: { sectionId: 'orders/cancel.md#heading-of-orderscancelmd' } });
    await view.page.locator('.chip').waitFor();
    assert.equal(await rows.count(), 1);
    await view.page.getByRole('button', { name: 'Clear the section filter' }).click();
    assert.equal(await rows.count(), 6);

    // Keyboard: Enter on a row opens its section.
    await rows.first().focus();
    await view.page.keyboard.press('Enter');
    await view.waitForPosted('open');
    const state = (await view.savedState()) as { tab: string; sort: { key: string } };
    assert.equal(state.tab, 'questions');
    assert.equal(state.sort.key, 'question');
    await view.page.context().close();
  });

  it('draws the threshold sweep with one focusable point per threshold and previews a point on click or Enter', async () => {
    const view = await openReady({ mode: 'panel', width: 1000 });
    await view.send(preview);
    await view.page.getByRole('tab', { name: 'Threshold' }).click();
    const points = view.page.locator('svg.sweep-chart circle.point');
    await points.first().waitFor();
    assert.equal(await points.count(), sweep.length);
    assert.equal(await view.page.locator('svg.sweep-chart polyline.curve').count(), 1);
    assert.match((await view.page.locator('#threshold-note').textContent()) ?? '', /Best balanced accuracy: 82% at threshold 0.4/);
    assert.equal(await view.page.locator('.sweep-table tbody tr').count(), sweep.length);
    // Points sit where their numbers say: more coverage further right.
    const xs = await points.evaluateAll((els) => els.map((e) => Number(e.getAttribute('cx'))));
    assert.deepEqual([...xs].sort((a, b) => b - a), xs);
    await view.page.locator('circle[data-threshold="0.5"]').click();
    assert.deepEqual(await view.waitForPosted('whatIf'), { type: 'whatIf', threshold: 0.5 });
    await view.page.locator('circle[data-threshold="0.7"]').focus();
    await view.page.keyboard.press('Enter');
    await view.waitForPosted('whatIf', { threshold: 0.7 });
    await view.page.screenshot({ path: join(SHOTS, 'threshold-dark.png') });
    await view.page.context().close();
  });

  it('lists which questions route to each section of each article', async () => {
    const view = await openReady({ mode: 'panel', width: 900 });
    await view.send(preview);
    await view.page.getByRole('tab', { name: 'By article' }).click();
    const article = view.page.locator('details.article').first();
    await article.waitFor();
    assert.match((await article.locator('summary').textContent()) ?? '', /Refunds returns\/refunds\.md · 1 question/);
    assert.match((await view.page.locator('.articles > p').textContent()) ?? '', /2 questions escalated/);
    await article.getByRole('button', { name: /Show the 1 questions routed to/ }).click();
    await view.page.locator('#tab-questions[aria-selected="true"]').waitFor();
    assert.equal(await view.page.locator('#questions-table tbody tr').count(), 1);
    await view.page.context().close();
  });

  it('is usable from the keyboard: arrow keys move between tabs, Tab reaches the question box', async () => {
    const view = await openReady();
    await view.page.getByRole('tab', { name: 'Ask' }).focus();
    await view.page.keyboard.press('ArrowRight');
    assert.equal(await view.page.evaluate(() => document.activeElement?.id), 'tab-questions');
    assert.equal(await view.page.locator('#panel-questions').isVisible(), true);
    await view.page.keyboard.press('End');
    assert.equal(await view.page.evaluate(() => document.activeElement?.id), 'tab-articles');
    await view.page.keyboard.press('Home');
    await view.page.keyboard.press('Tab');
    assert.equal(await view.page.evaluate(() => document.activeElement?.id), 'ask-input');
    await view.page.context().close();
  });

  it('restores the tab and question from saved state', async () => {
    const view = await harness.open({ state: { tab: 'threshold', question: 'refund', filter: { decision: 'clarify' }, onlyWrong: false, sort: { key: 'question', descending: false } } });
    await view.waitForPosted('ready');
    assert.equal(await view.page.locator('#tab-threshold').getAttribute('aria-selected'), 'true');
    assert.equal(await view.page.locator('#ask-input').inputValue(), 'refund');
    await view.page.context().close();
  });

  it('offers the docs folder picker when there is no docs folder, and only allowed commands', async () => {
    const view = await harness.open();
    await view.waitForPosted('ready');
    await view.send({ type: 'status', state: 'no-docs', docsLabel: '', threshold: 0.35 });
    await view.page.getByRole('button', { name: 'Choose docs folder…' }).click();
    assert.deepEqual(await view.waitForPosted('command'), { type: 'command', command: 'selectDocsFolder' });
    assert.equal(await view.page.getByLabel('Ask the bot').isDisabled(), true);
    await view.page.context().close();
  });

  for (const theme of ['light', 'dark', 'high-contrast'] as Theme[]) {
    it(`follows the ${theme} theme through --vscode-* variables`, async () => {
      const view = await openReady({ theme, mode: 'view', width: 400 });
      await view.send(preview);
      await view.page.getByLabel('Ask the bot').fill('how long does a refund take');
      const ask = await view.waitForPosted('ask');
      await view.send({ type: 'answer', requestId: ask.requestId, result: refund });
      await view.page.locator('#ask-output .result').waitFor();
      const colours = await view.page.evaluate(() => {
        const style = getComputedStyle(document.documentElement);
        const body = getComputedStyle(document.body);
        return {
          background: body.backgroundColor,
          foreground: body.color,
          expectedBackground: style.getPropertyValue('--vscode-sideBar-background').trim(),
          expectedForeground: style.getPropertyValue('--vscode-foreground').trim(),
        };
      });
      const hex = (rgb: string) =>
        '#' + (rgb.match(/\d+/g) ?? []).slice(0, 3).map((n) => Number(n).toString(16).padStart(2, '0')).join('');
      assert.equal(hex(colours.background), colours.expectedBackground);
      assert.equal(hex(colours.foreground), colours.expectedForeground);
      await view.page.screenshot({ path: join(SHOTS, `ask-${theme}.png`) });
      assert.deepEqual(await view.problems(), []);
      await view.page.context().close();
    });
  }

  it('the stylesheet takes every colour from a --vscode-* variable', () => {
    const css = readFileSync(join(import.meta.dirname, '..', '..', 'media', 'webview.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    assert.deepEqual(css.match(/var\(--(?!vscode-)[\w-]+/g) ?? [], []);
    // No literal colours outside variables.
    assert.deepEqual(css.match(/#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(/gi) ?? [], []);
  });
});
