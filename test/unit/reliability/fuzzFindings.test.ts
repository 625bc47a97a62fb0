// What fuzzing the pipeline found (npm run fuzz; the inputs are in test/fixtures/fuzz/regressions),
// each pinned here where it was fixed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { auditKnowledgeBase } from '../../../src/core/audit';
import { DEFAULT_CONFIG } from '../../../src/core/config/config';
import { buildKnowledgeBase } from '../../../src/core/knowledgeBase';
import { parseMarkdown } from '../../../src/core/parse/markdown';

const NOW = new Date('2026-06-15T12:00:00Z');

describe('fuzzing findings', () => {
  it('empty-section: the range of a setext or {#id} heading stays on its line', async () => {
    const text = 'Refunds\n=======\n\n# Exchanges {#swap}\n\n## Store credit ##\n\n# Gift cards\n\nGift cards never expire.\n';
    const article = parseMarkdown('refunds.md', text);
    const findings = await auditKnowledgeBase(buildKnowledgeBase('/kb', [article], []), DEFAULT_CONFIG, { now: NOW });
    const empty = findings.filter((f) => f.ruleId === 'empty-section');
    assert.deepEqual(
      empty.map((f) => [f.line, f.column, f.endLine, f.endColumn]),
      [
        [1, 1, 1, 'Refunds'.length + 1],
        [6, 1, 6, '## Store credit ##'.length + 1],
      ],
    );
  });

  it('front matter with a mapping as a key: a finding-free parse, and no process warning on stderr', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      const article = parseMarkdown('billing.md', '---\ntitle: Billing\n? {plan: yearly}\n: discounted\n---\n# Billing\n\nInvoices are in Settings.\n');
      assert.equal(article.frontMatter?.data.title, 'Billing');
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    assert.deepEqual(warnings, []);
  });
});
