// The sample knowledge base (test/fixtures/sample-kb): every problem its README plants is
// reported by the right rule at the right line, with both sides linked where there are two,
// and nothing else of warning severity or above is reported on its articles.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { runAudit, type AuditResult } from '../../../src/core/audit';
import { loadConfig } from '../../../src/core/config/config';
import { toPosix } from '../../../src/core/fileSystem';
import { SEVERITY_RANK } from '../../../src/core/model';
import { nodeFileSystem } from '../../../src/core/nodeFileSystem';

const root = toPosix(join(__dirname, '..', '..', 'fixtures', 'sample-kb'));
/** "Today, for date-based rules, is 2026-11-23." (the fixture's README) */
const NOW = new Date('2026-11-23T12:00:00Z');

interface Planted {
  rule: string;
  file: string;
  line: number;
  /** The section heading's line, or null for front matter. */
  section: number | null;
  related: { file: string; line: number } | null;
}

/** The README's table of planted problems. */
function plantedProblems(): Planted[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const rows = readme.split('\n').filter((l) => /^\| \d+ \| `/.test(l));
  return rows.map((row) => {
    const cells = row.split('|').map((c) => c.trim());
    const related = /`([^`]+):(\d+)`/.exec(cells[6]);
    return {
      rule: cells[2].replace(/`/g, ''),
      file: cells[3].replace(/`/g, ''),
      line: Number(cells[4]),
      section: cells[5] === '-' ? null : Number(cells[5]),
      related: related ? { file: related[1], line: Number(related[2]) } : null,
    };
  });
}

describe('sample knowledge base', () => {
  let result: AuditResult;
  const planted = plantedProblems();

  before(async () => {
    const config = await loadConfig(nodeFileSystem, `${root}/kb-audit.json`);
    result = await runAudit(nodeFileSystem, root, config, { now: NOW });
  });

  it('reads the planted problems from the README', () => {
    assert.equal(planted.length, 13);
    assert.deepEqual(new Set(planted.map((p) => p.rule)).size, 12);
  });

  for (const problem of planted) {
    it(`finds ${problem.rule} in ${problem.file}:${problem.line}`, () => {
      const atLine = (file: string, lines: Array<number | null>) =>
        result.findings.filter((f) => f.ruleId === problem.rule && f.file === file && lines.includes(f.line));
      const found = atLine(problem.file, [problem.line, problem.section]);
      assert.ok(found.length > 0, `no ${problem.rule} at ${problem.file}:${problem.line}; got ${result.findings.filter((f) => f.ruleId === problem.rule).map((f) => `${f.file}:${f.line}`).join(', ')}`);
      if (problem.related) {
        const other = problem.related;
        // Both sides are reported, and each links the other.
        assert.ok(
          found.some((f) => f.related?.some((r) => r.file === other.file)),
          `${problem.file}:${problem.line} does not link ${other.file}`,
        );
        const otherSide = result.findings.filter((f) => f.ruleId === problem.rule && f.file === other.file);
        assert.ok(
          otherSide.some((f) => f.related?.some((r) => r.file === problem.file)),
          `${other.file} has no ${problem.rule} finding linking back to ${problem.file}`,
        );
      }
    });
  }

  it('reports nothing else of warning severity or above on the articles', () => {
    const expected = (file: string, line: number, rule: string) =>
      planted.some(
        (p) =>
          p.rule === rule &&
          ((p.file === file && (p.line === line || p.section === line)) ||
            // The other side of a pair: at the README's line, or at its title for a whole-article copy.
            (p.related?.file === file && (p.related.line === line || rule === 'near-duplicate'))),
      );
    const unexpected = result.findings.filter(
      (f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK.warning && result.kb.byFile.has(f.file) && !expected(f.file, f.line, f.ruleId),
    );
    assert.deepEqual(unexpected.map((f) => `${f.file}:${f.line} ${f.severity} ${f.ruleId} ${f.message}`), []);
  });

  it('routes the sample questions and reports the escalated ones on the questions file', () => {
    assert.ok(result.questions, 'kb-audit.json names sample-questions.txt');
    assert.equal(result.questions.preview.summary.questions, 43);
    const gaps = result.findings.filter((f) => f.ruleId === 'coverage-gap');
    assert.ok(gaps.length > 0);
    for (const gap of gaps) assert.equal(gap.file, 'sample-questions.txt');
    const wrapping = gaps.find((g) => g.message.includes('gift wrapping'));
    assert.ok(wrapping, 'the gift-wrapping question has no answer in the KB');
  });
});
