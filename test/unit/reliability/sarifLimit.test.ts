// SARIF above GitHub's 25,000 results per run: the real default limit, errors first, a warning
// notification in the log, and the same truncation every time.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SARIF_MAX_RESULTS, toSarif } from '../../../src/core/format/sarif';
import type { Finding, Severity } from '../../../src/core/model';
import { memoryFileSystem } from '../../helpers/memoryFileSystem';
import { runMain } from './helpers';

function findings(count: number, severityOf: (i: number) => Severity): Finding[] {
  return Array.from({ length: count }, (_, i) => ({
    ruleId: 'empty-section',
    severity: severityOf(i),
    message: `finding ${i}`,
    file: `f${String(i).padStart(6, '0')}.md`,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
  }));
}

describe('SARIF result limit', () => {
  it('is GitHub\'s 25,000 results per run', () => {
    assert.equal(SARIF_MAX_RESULTS, 25_000);
  });

  it('keeps exactly 25,000 findings whole, with no notification', () => {
    const log = toSarif(findings(SARIF_MAX_RESULTS, () => 'warning'), { version: '0.1.0' });
    assert.equal(log.runs[0].results!.length, SARIF_MAX_RESULTS);
    assert.equal(log.runs[0].invocations![0].toolExecutionNotifications, undefined);
  });

  it('above it keeps 25,000: every error, then warnings, then notes, in report order, and warns', () => {
    // Errors are planted at the very end, where a plain slice would drop them.
    const total = SARIF_MAX_RESULTS + 1000;
    const all = findings(total, (i) => (i >= total - 50 ? 'error' : i % 2 ? 'warning' : 'info'));
    const log = toSarif(all, { version: '0.1.0' });
    const results = log.runs[0].results!;
    assert.equal(results.length, SARIF_MAX_RESULTS);
    assert.deepEqual(results.slice(0, 50).map((r) => r.level), Array(50).fill('error'));
    const levels = results.map((r) => r.level);
    assert.equal(levels.lastIndexOf('error'), 49);
    assert.ok(levels.indexOf('note') > levels.lastIndexOf('warning'), 'notes only after every warning');
    const notification = log.runs[0].invocations![0].toolExecutionNotifications![0];
    assert.equal(notification.level, 'warning');
    assert.match(notification.message.text!, new RegExp(`^${total} findings; only the first ${SARIF_MAX_RESULTS} are included`));
    assert.equal(JSON.stringify(toSarif(all, { version: '0.1.0' })), JSON.stringify(log), 'the same input truncates the same way');
  });

  it('the CLI says on stderr that it truncated, and the report keeps 25,000 results', async () => {
    // 25,001 binary files: one file-skipped note each, and nothing to parse.
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i <= SARIF_MAX_RESULTS; i++) files[`/kb/f${String(i).padStart(6, '0')}.md`] = new Uint8Array([0]);
    const run = await runMain(['audit', '/kb', '--format', 'sarif', '--fail-on', 'never'], { cwd: '/', fs: memoryFileSystem(files) });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(
      run.stderr,
      `kb-audit: warning: ${SARIF_MAX_RESULTS + 1} findings is over SARIF's ${SARIF_MAX_RESULTS} results per run; the report keeps the first ${SARIF_MAX_RESULTS} (errors first, then warnings, then notes)\n`,
    );
    assert.equal(JSON.parse(run.stdout).runs[0].results.length, SARIF_MAX_RESULTS);
  });
});
