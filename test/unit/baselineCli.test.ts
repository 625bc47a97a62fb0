// `kb-audit audit --write-baseline` and `--baseline` through the real CLI process: only new
// findings are reported (every format), --fail-on judges them alone, stderr counts what was
// baselined and what is gone, SARIF carries baselineState.
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type * as Sarif from 'sarif';
import { ROOT, runCli, tempFolder } from './reliability/helpers';

const SAMPLE = join(ROOT, 'test', 'fixtures', 'sample-kb');

describe('audit --baseline', () => {
  const temp = tempFolder('baseline');
  const docs = join(temp.path, 'docs');
  const baseline = join(temp.path, 'kb-baseline.json');
  before(() => {
    cpSync(SAMPLE, docs, { recursive: true });
    // Without the sample questions: coverage gaps near the threshold would move with any edit.
    writeFileSync(join(docs, 'kb-audit.json'), '{ "exclude": ["README.md"] }\n');
  });
  after(() => temp.remove());

  it('--write-baseline records every finding and reports none', () => {
    const all = runCli(['audit', docs, '--format', 'json', '--fail-on', 'never'], { cwd: temp.path });
    const count = (JSON.parse(all.stdout) as { findings: unknown[] }).findings.length;
    assert.ok(count > 5, all.stderr);
    const run = runCli(['audit', docs, '--write-baseline', baseline, '--fail-on', 'info'], { cwd: temp.path });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, new RegExp(`wrote baseline .*: ${count} findings baselined`));
    const written = JSON.parse(readFileSync(baseline, 'utf8')) as { findings: unknown[] };
    assert.equal(written.findings.length, count);
    // Written twice over unchanged docs: byte for byte the same file.
    const again = join(temp.path, 'again.json');
    runCli(['audit', docs, '--write-baseline', again], { cwd: temp.path });
    assert.equal(readFileSync(again, 'utf8'), readFileSync(baseline, 'utf8'));
  });

  it('an unchanged folder has nothing new: exit 0 whatever --fail-on', () => {
    const run = runCli(['audit', docs, '--baseline', baseline, '--fail-on', 'info'], { cwd: temp.path });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /0 new findings reported; \d+ baselined not reported; 0 baselined findings are gone/);
  });

  it('reports only the new findings after edits, judges --fail-on on them, and counts the gone ones', () => {
    const article = join(docs, 'returns', 'return-an-item.md');
    const text = readFileSync(article, 'utf8');
    // Lines added at the top move every finding; the placeholder is fixed; a new one is planted.
    assert.match(text, /TODO/);
    const edited = text
      .replace(/^(---\n[\s\S]*?\n---\n)/, '$1\nA new opening paragraph.\n\nAnd another one, to push every line down.\n')
      .replace(/TODO/g, 'the form')
      .concat('\n## How do I return a gift?\n\nBring the gift receipt to any of our shops, or post the item back with the receipt and we will refund the person who bought it; the rest is TBD.\n');
    writeFileSync(article, edited);

    const text1 = runCli(['audit', docs, '--baseline', baseline, '--fail-on', 'warning'], { cwd: temp.path });
    assert.equal(text1.code, 1, text1.stderr);
    const lines = text1.stdout.trim().split('\n');
    assert.equal(lines.length, 1, text1.stdout);
    assert.match(lines[0], /return-an-item\.md:\d+:\d+ warning placeholder/);
    assert.match(text1.stderr, /1 new findings reported; \d+ baselined not reported; 1 baselined findings are gone/);

    // The placeholder is a warning: --fail-on error does not fail on it, though the old errors are still there.
    const lenient = runCli(['audit', docs, '--baseline', baseline], { cwd: temp.path });
    assert.equal(lenient.code, 0, lenient.stderr);
    const plain = runCli(['audit', docs], { cwd: temp.path });
    assert.equal(plain.code, 1, 'without the baseline, the conflicts fail the audit');

    const json = runCli(['audit', docs, '--baseline', baseline, '--format', 'json', '--fail-on', 'never'], { cwd: temp.path });
    const report = JSON.parse(json.stdout) as { findings: Array<{ ruleId: string }>; baseline: { new: number; absent: number } };
    assert.deepEqual(report.findings.map((f) => f.ruleId), ['placeholder']);
    assert.equal(report.baseline.new, 1);
    assert.equal(report.baseline.absent, 1);

    for (const format of ['markdown', 'junit']) {
      const run = runCli(['audit', docs, '--baseline', baseline, '--format', format, '--fail-on', 'never'], { cwd: temp.path });
      assert.equal(run.code, 0, run.stderr);
      assert.doesNotMatch(run.stdout, /conflicting-answer/, format);
      assert.match(run.stdout, /placeholder/, format);
    }

    const sarifRun = runCli(['audit', docs, '--baseline', baseline, '--format', 'sarif', '--fail-on', 'never'], { cwd: temp.path });
    const sarif = JSON.parse(sarifRun.stdout) as Sarif.Log;
    const results = sarif.runs[0].results ?? [];
    const states = new Map<string, number>();
    for (const r of results) states.set(r.baselineState ?? 'none', (states.get(r.baselineState ?? 'none') ?? 0) + 1);
    assert.equal(states.get('new'), 1);
    assert.equal(states.get('absent'), 1);
    assert.ok((states.get('unchanged') ?? 0) > 5, JSON.stringify([...states]));
    assert.equal(states.get('none'), undefined);
    const fresh = results.find((r) => r.baselineState === 'new')!;
    assert.equal(fresh.ruleId, 'placeholder');
    assert.equal(fresh.suppressions, undefined);
    assert.ok(results.filter((r) => r.baselineState === 'unchanged').every((r) => r.suppressions?.[0]?.kind === 'external'));
    assert.ok(results.every((r) => r.partialFingerprints?.['kbAudit/v1']));
  });

  it('a missing or malformed baseline is a usage error (exit 2)', () => {
    const missing = runCli(['audit', docs, '--baseline', join(temp.path, 'none.json')], { cwd: temp.path });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^kb-audit: cannot read baseline .*--write-baseline/);
    const bad = join(temp.path, 'bad.json');
    writeFileSync(bad, '{"findings": 3}');
    const malformed = runCli(['audit', docs, '--baseline', bad], { cwd: temp.path });
    assert.equal(malformed.code, 2);
    assert.match(malformed.stderr, /not a kb-audit baseline/);
  });

  it('works with --cache when the findings come from the cache', () => {
    const cacheDir = join(temp.path, 'cache');
    const first = runCli(['audit', docs, '--cache-dir', cacheDir, '--baseline', baseline, '--fail-on', 'never'], { cwd: temp.path });
    const second = runCli(['audit', docs, '--cache-dir', cacheDir, '--baseline', baseline, '--fail-on', 'never'], { cwd: temp.path });
    assert.equal(second.stdout, first.stdout);
    assert.equal(second.stdout.trim().split('\n').length, 1);
  });
});
