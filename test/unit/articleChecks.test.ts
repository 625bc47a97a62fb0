// The rules that read one article alone run as each article is parsed, in either thread; the
// audit replays what they reported. The findings must be those of running them afterwards.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ArticleChecks } from '../../src/core/articleChecks';
import { articleRuleSteps, auditKnowledgeBase, checkArticle, compareFindings, runAudit } from '../../src/core/audit';
import { DEFAULT_CONFIG, type ResolvedConfig } from '../../src/core/config/config';
import { toPosix } from '../../src/core/fileSystem';
import { loadKnowledgeBase } from '../../src/core/knowledgeBase';
import type { Finding } from '../../src/core/model';
import { nodeFileSystem } from '../../src/core/nodeFileSystem';
import { parseArticle } from '../../src/core/parse/markdown';
import { ParseWorker } from '../../src/core/parseWorker';
import { RULES } from '../../src/core/rules';
import { isSuppressed } from '../../src/core/suppressions';
// @ts-expect-error: a plain JavaScript module, shared with the benchmarks
import { writeKb } from '../bench/generateKb.mjs';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');
const NOW = new Date('2026-06-01T12:00:00Z');
const STANDALONE = new Set(RULES.filter((r) => r.scope === 'article' && r.standalone).map((r) => r.id));

describe('standalone rules run as articles are parsed', () => {
  let temp: string;
  let docs: string;
  before(() => {
    temp = mkdtempSync(join(tmpdir(), 'kb-article-checks-'));
    docs = toPosix(join(temp, 'docs'));
    writeKb(docs, { articles: 220, seed: 11 });
    // An article for the rules the generated ones rarely trip: a placeholder, an empty section, a date gone by.
    writeFileSync(
      join(docs, 'handwritten.md'),
      '---\ntitle: Gift cards\n---\n# Gift cards\n\n## Can I return a gift card?\n\nTODO: ask the payments team.\n\n## Balance\n\n## Offers\n\nThe winter offer on gift cards runs until 31 January 2025, so buy yours before then.\n',
    );
  });
  after(() => rmSync(temp, { recursive: true, force: true }));

  it('gives the findings of running them after the parse, in one thread or two', async () => {
    const kb = await loadKnowledgeBase(nodeFileSystem, docs, DEFAULT_CONFIG);
    const afterwards = await auditKnowledgeBase(kb, DEFAULT_CONFIG, { now: NOW });
    const standalone = afterwards.filter((f) => STANDALONE.has(f.ruleId));
    // Meaningful only if these rules find something here.
    assert.ok(standalone.length > 50, `only ${standalone.length} findings of standalone rules`);
    assert.ok(new Set(standalone.map((f) => f.ruleId)).size >= 4, [...new Set(standalone.map((f) => f.ruleId))].join(', '));
    for (const options of [{ jobs: 1 }, { jobs: 2, workerScript: CLI }]) {
      const early = await runAudit(nodeFileSystem, docs, DEFAULT_CONFIG, { now: NOW, questions: null, ...options });
      if (options.jobs === 2) assert.ok(early.parsedInWorker > 0, 'the worker parsed nothing');
      assert.deepEqual(early.findings, afterwards);
    }
  });

  it('the parse worker sends back what the rules reported on each article it parsed', async () => {
    const spec = { config: DEFAULT_CONFIG, now: NOW.getTime() };
    const worker = new ParseWorker(CLI, spec);
    try {
      const file = 'stale.md';
      const bytes = new TextEncoder().encode('---\ntitle: Refunds\nlast_reviewed: 2020-01-01\n---\n# Refunds\n\nTODO: write this.\n');
      const parsed = await worker.take(file, bytes);
      assert.ok(parsed?.checked, 'no outcomes came back');
      const here = new ArticleChecks(spec).run(parseArticle(file, bytes));
      assert.deepEqual(parsed.checked, here);
      assert.ok(here['stale-review']?.reported.length, 'stale-review found nothing');
      assert.ok(here['placeholder']?.reported.length, 'placeholder found nothing');
      assert.deepEqual(new Set(Object.keys(here)), STANDALONE);
    } finally {
      await worker.close();
    }
  });

  it('replays the outcomes it has, failures included, and only under the same configuration and clock', async () => {
    const kb = await loadKnowledgeBase(nodeFileSystem, docs, DEFAULT_CONFIG);
    const file = kb.articles[0].file;
    const checks = new ArticleChecks({ config: DEFAULT_CONFIG, now: NOW.getTime() });
    const made = { message: 'reported at parse time', file, line: 1, column: 1, endLine: 1, endColumn: 2 };
    checks.keep(file, { 'thin-answer': { reported: [made], error: 'it broke' } });
    const findings = await auditKnowledgeBase(kb, DEFAULT_CONFIG, { now: NOW, checked: checks });
    const ours = findings.filter((f) => f.file === file && f.ruleId === 'thin-answer');
    assert.deepEqual(
      ours.map((f) => [f.message, f.severity]),
      [
        ['reported at parse time', RULES.find((r) => r.id === 'thin-answer')!.defaultSeverity],
        ['rule thin-answer failed on this file: it broke', 'error'],
      ].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    );
    const other: ResolvedConfig = { ...DEFAULT_CONFIG };
    assert.equal(checks.outcome(file, 'thin-answer', other, NOW), undefined);
    assert.equal(checks.outcome(file, 'thin-answer', DEFAULT_CONFIG, new Date(NOW.getTime() + 1)), undefined);
    assert.ok(checks.outcome(file, 'thin-answer', DEFAULT_CONFIG, NOW));
  });

  it('checked in steps, one for the locale and one for each rule, give what the audit reports of those rules', async () => {
    const kb = await loadKnowledgeBase(nodeFileSystem, docs, DEFAULT_CONFIG);
    const articleRules = new Set(RULES.filter((r) => r.scope === 'article').map((r) => r.id));
    const audited = (await auditKnowledgeBase(kb, DEFAULT_CONFIG, { now: NOW })).filter((f) => articleRules.has(f.ruleId));
    const stepped: Finding[] = [];
    for (const article of kb.articles) {
      const findings: Finding[] = [];
      const steps = articleRuleSteps(kb, article, DEFAULT_CONFIG, NOW, findings);
      assert.equal(steps.length, 1 + articleRules.size);
      for (const step of steps) step();
      stepped.push(...findings.filter((f) => !isSuppressed(article, f)));
      assert.deepEqual(checkArticle(kb, article, DEFAULT_CONFIG, NOW), findings.filter((f) => !isSuppressed(article, f)).sort(compareFindings));
    }
    assert.ok(audited.length > 50, `${audited.length} findings`);
    assert.deepEqual(stepped.sort(compareFindings), audited);
  });
});
