// Hostile workspace text in the real browser with the extension's CSP applied: file names,
// titles, headings, excerpts, questions, settings and status text full of markup and link-like
// text must show as literal text, create no element, start no script and open no link; and
// malformed messages from the host are dropped with a warning, changing nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LIMITS, type HostMessage, type RoutedView } from '../../src/shared/messages';
import { startWebviewHarness, type WebviewHarness, type WebviewPage } from './page';

const EVIL = {
  file: '"><img src=x onerror="window.__pwned=1">.md',
  title: '</script><script>window.__pwned=2</script>',
  heading: '<svg onload="window.__pwned=3"><b>bold</b>',
  excerpt: '[click me](command:workbench.action.terminal.new) <a href="vscode:extension/x">x</a> https://example.com/help javascript:window.__pwned=4',
  question: '<iframe src="javascript:window.__pwned=5"></iframe>',
  reason: '<style>body{display:none}</style>',
  docsLabel: '<b>docs</b>" onmouseover="window.__pwned=6',
  message: '<img src=x onerror=window.__pwned=7>',
  source: '<script>window.__pwned=8</script>',
  sectionId: 'x" onfocus="window.__pwned=9',
  pageTitle: '</title><script>window.__pwned=10</script>',
};

const hostileResult: RoutedView = {
  question: EVIL.question,
  decision: 'answer',
  confidence: 0.8,
  reason: EVIL.reason,
  answer: { file: EVIL.file, heading: EVIL.heading, line: 3, excerpt: EVIL.excerpt },
  alternatives: [{ file: EVIL.file, heading: EVIL.title, line: 9, confidence: 0.3 }],
  expected: EVIL.file,
  correct: true,
  sectionId: EVIL.sectionId,
};

const hostilePreview: HostMessage = {
  type: 'preview',
  summary: { questions: 2, answered: 1, clarify: 0, escalated: 1, threshold: 0.35, labelled: 2, accuracy: 0.5, balancedAccuracy: 0.5 },
  results: [hostileResult, { ...hostileResult, question: EVIL.title, decision: 'escalate', confidence: 0.1, answer: null, alternatives: [], expected: null, correct: true }],
  sweep: [
    { threshold: 0.2, coverage: 1, precision: 0.5, balancedAccuracy: 0.5 },
    { threshold: 0.4, coverage: 0.5, precision: 1, balancedAccuracy: 0.75 },
  ],
  articles: [{ file: EVIL.file, title: EVIL.title, sections: [{ id: EVIL.sectionId, heading: EVIL.heading, line: 3, level: 2 }] }],
  source: EVIL.source,
};

/** Elements and attributes that only injected markup would create. */
async function injected(view: WebviewPage): Promise<string[]> {
  return view.page.evaluate(() => {
    const found: string[] = [];
    for (const el of Array.from(document.querySelectorAll('*'))) {
      const tag = el.tagName.toLowerCase();
      if (['img', 'iframe', 'a', 'b', 'object', 'embed', 'style', 'form', 'base', 'meta[refresh]'].includes(tag)) found.push(tag);
      if (tag === 'script' && el !== document.scripts[0]) found.push('script');
      if (el.namespaceURI === 'http://www.w3.org/2000/svg' && !el.closest('svg.sweep-chart')) found.push(`svg:${tag}`);
      for (const attribute of Array.from(el.attributes)) if (/^on/i.test(attribute.name)) found.push(`${tag}[${attribute.name}]`);
    }
    return found;
  });
}

describe('hostile workspace text in Chromium', () => {
  let harness: WebviewHarness;
  before(async () => {
    harness = await startWebviewHarness();
  });
  after(async () => harness?.close());

  it('shows every workspace string as literal text on every tab, and no script runs', async () => {
    const view = await harness.open({ mode: 'panel', width: 1000, title: EVIL.pageTitle });
    await view.waitForPosted('ready');
    await view.send({ type: 'status', state: 'ready', docsLabel: EVIL.docsLabel, threshold: 0.35, message: EVIL.message });
    await view.page.locator('#status', { hasText: EVIL.docsLabel }).waitFor();
    await view.send(hostilePreview);
    await view.page.locator('#questions-table tbody tr').first().waitFor();

    const text = async () => (await view.page.locator('body').textContent()) ?? '';
    assert.ok((await text()).includes(`Docs: ${EVIL.docsLabel}`));
    assert.ok((await text()).includes(EVIL.message));
    assert.ok((await text()).includes(EVIL.source));
    assert.deepEqual(await view.page.locator('#questions-table td.q').allTextContents(), [EVIL.question, EVIL.title]);
    assert.ok((await view.page.locator('#questions-table').textContent())?.includes(EVIL.heading));

    // A filter from the host, with markup in it.
    await view.send({ type: 'show', tab: 'questions', filter: { text: EVIL.message, sectionId: EVIL.sectionId } });
    await view.page.locator('.chip').waitFor();
    await view.send({ type: 'show', tab: 'questions', filter: {} });

    await view.page.getByRole('tab', { name: 'Threshold' }).click();
    await view.page.locator('svg.sweep-chart circle.point').first().waitFor();
    await view.page.getByRole('tab', { name: 'By article' }).click();
    const article = view.page.locator('details.article').first();
    await article.waitFor();
    await article.locator('summary').click();
    assert.ok((await article.textContent())?.includes(EVIL.title));
    assert.ok((await article.textContent())?.includes(EVIL.file));
    assert.ok((await article.textContent())?.includes(EVIL.heading));

    await view.page.getByRole('tab', { name: 'Ask' }).click();
    await view.page.getByLabel('Ask the bot').fill(EVIL.question);
    const ask = await view.waitForPosted('ask', { question: EVIL.question });
    await view.send({ type: 'answer', requestId: ask.requestId, result: hostileResult });
    const card = view.page.locator('#ask-output .result');
    await card.waitFor();
    assert.equal(await card.locator('.excerpt').textContent(), EVIL.excerpt);
    assert.ok((await card.textContent())?.includes(EVIL.reason));
    assert.ok((await card.textContent())?.includes(EVIL.heading));

    assert.equal(await view.page.title(), EVIL.pageTitle);
    assert.deepEqual(await injected(view), []);
    // Link-like text is text: there is no link to follow anywhere on the page.
    assert.equal(await view.page.locator('a[href], area[href], [formaction], [srcdoc]').count(), 0);
    assert.equal(await view.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.deepEqual(await view.problems(), [], 'nothing even tried to break the CSP');
    await view.page.context().close();
  });

  it('drops malformed host messages with a warning and changes nothing', async () => {
    const view = await harness.open();
    await view.waitForPosted('ready');
    await view.send({ type: 'status', state: 'ready', docsLabel: 'sample-kb', threshold: 0.35 });
    await view.page.getByText('Docs: sample-kb').waitFor();
    const warnings: string[] = [];
    view.page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    const before = await view.page.locator('body').innerHTML();
    const malformed: unknown[] = [
      null,
      'status',
      [],
      { type: 'status', state: 'ready', docsLabel: 42, threshold: 0.35 },
      { type: 'status', state: 'ready', docsLabel: 'x'.repeat(LIMITS.path + 1), threshold: 0.35 },
      { type: 'status', state: 'hacked', docsLabel: 'x', threshold: 0.35 },
      { type: 'status', state: 'ready', docsLabel: 'x', threshold: 0.35, message: 'x'.repeat(LIMITS.text + 1) },
      { type: 'answer', requestId: -1, result: null },
      { type: 'preview', summary: {}, results: [], sweep: [], articles: [], source: '' },
      { type: 'show', tab: 'settings' },
      { type: 'show', tab: 'ask', question: 'q'.repeat(LIMITS.question + 1) },
      { type: 'eval', code: 'window.__pwned = 1' },
    ];
    for (const message of malformed) await view.send(message);
    await view.page.evaluate((json) => window.postMessage(JSON.parse(json), '*'), '{"type":"show","tab":"nope","__proto__":{"polluted":1}}');
    // Console events reach this process asynchronously: wait for the expected count, no longer.
    const dropped = () => warnings.filter((w) => /ignored a malformed message/.test(w)).length;
    const deadline = Date.now() + 5000;
    while (dropped() < malformed.length + 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(dropped(), malformed.length + 1);
    assert.equal(await view.page.locator('body').innerHTML(), before);
    assert.equal(await view.page.evaluate(() => (({}) as Record<string, unknown>).polluted), undefined);
    assert.equal(await view.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.deepEqual(await view.problems(), []);
    await view.page.context().close();
  });
});
