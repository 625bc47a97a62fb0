// What fuzzing the pipeline found (npm run fuzz; the inputs are in test/fixtures/fuzz/regressions),
// each pinned here where it was fixed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { auditKnowledgeBase } from '../../../src/core/audit';
import { DEFAULT_CONFIG, type ResolvedConfig } from '../../../src/core/config/config';
import { applyTextEdits } from '../../../src/core/edits';
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

  it('missing-front-matter: after its fix adds `owner:` with no value, the finding says so instead of repeating itself', async () => {
    const config: ResolvedConfig = { ...DEFAULT_CONFIG, rules: { 'missing-front-matter': { fields: ['owner', 'title'] } } };
    const audit = async (text: string) => {
      const kb = buildKnowledgeBase('/kb', [parseMarkdown('plans.md', text)], []);
      return (await auditKnowledgeBase(kb, config, { now: NOW })).filter((f) => f.ruleId === 'missing-front-matter');
    };
    const before = '---\ntitle: Plans\n---\n# Plans\n\nYou can change plan at any time.\n';
    const [lacking] = await audit(before);
    assert.equal(lacking.message, 'front matter lacks owner');
    const after = applyTextEdits(before, lacking.fix!.edits);
    assert.match(after, /^owner: $/m);
    const [empty, ...rest] = await audit(after);
    assert.deepEqual(rest, []);
    assert.equal(empty.message, 'owner has no value');
    assert.equal(empty.fix, undefined, 'nothing left to add');
    // Both at once: one finding, each field named for what it needs.
    const [both] = await audit('---\nowner:\n---\n# Plans\n\nText.\n'.replace('# Plans', 'Plans'));
    assert.equal(both.message, 'front matter lacks title; owner has no value');
    assert.match(applyTextEdits('---\nowner:\n---\nPlans\n\nText.\n', both.fix!.edits), /^title: /m);
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
