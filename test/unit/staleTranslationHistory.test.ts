// stale-translation with each article's last change given by version history, as the CLI reads
// it from git: the history dates the pairs front matter does not date on both sides, a source
// changed after its translation is reported, the same time or a newer translation is not, and
// the cache reuses findings that read the history only under the same history.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runAudit } from '../../src/core/audit';
import { AuditCache } from '../../src/core/cache/auditCache';
import { DEFAULT_CONFIG, parseConfig, type ResolvedConfig } from '../../src/core/config/config';
import type { VersionHistory } from '../../src/core/history';
import type { Finding } from '../../src/core/model';
import { memoryFileSystem } from '../helpers/memoryFileSystem';

const NOW = new Date('2026-04-01T12:00:00Z');

function page(title: string, body: string, date?: string): string {
  return `---\ntitle: ${title}\n${date ? `updated: ${date}\n` : ''}---\n# ${title}\n\n${body}\n`;
}

const RETURNS_EN = 'Return an unused item within thirty days for a full refund to the original card.';
const RETURNS_DE = 'Unbenutzte Artikel können innerhalb von dreißig Tagen gegen volle Erstattung zurückgegeben werden.';

/** A history as the CLI builds it from git: commit times by file, and files not committed yet. */
function history(times: Record<string, string>, uncommitted: string[] = []): VersionHistory & { asked: string[] } {
  const asked: string[] = [];
  return {
    name: 'git',
    asked,
    lastChanged(file) {
      asked.push(file);
      if (uncommitted.includes(file)) return NOW;
      return times[file] ? new Date(times[file]) : undefined;
    },
    uncommitted: (file) => uncommitted.includes(file),
    digest: () => JSON.stringify([times, uncommitted]),
  };
}

function config(json: string): ResolvedConfig {
  return { ...DEFAULT_CONFIG, ...parseConfig(json, '/kb/kb-audit.json'), configPath: null };
}

async function stale(files: Record<string, string>, options: { history?: VersionHistory; config?: ResolvedConfig; cache?: AuditCache } = {}): Promise<Finding[]> {
  const fs = memoryFileSystem(Object.fromEntries(Object.entries(files).map(([file, text]) => [`/kb/${file}`, text])));
  const result = await runAudit(fs, '/kb', options.config ?? DEFAULT_CONFIG, { now: NOW, questions: null, history: options.history, cache: options.cache });
  return result.findings.filter((f) => f.ruleId === 'stale-translation');
}

const UNDATED = { 'returns.md': page('Returns', RETURNS_EN), 'returns.de.md': page('Rückgabe', RETURNS_DE) };

describe('stale-translation with version history', () => {
  it('reports a translation whose source was committed after it, on its title line, the source as related information', async () => {
    const findings = await stale(UNDATED, { history: history({ 'returns.md': '2026-03-02T09:00:00Z', 'returns.de.md': '2025-11-20T16:30:00Z' }) });
    assert.equal(findings.length, 1);
    const [finding] = findings;
    assert.equal(finding.file, 'returns.de.md');
    assert.equal(finding.line, 4, 'the title line: no date line to point at');
    assert.equal(finding.severity, 'info');
    assert.equal(finding.message, "the source (en) was last changed 2026-03-02 (git), after this translation (2025-11-20): check it against the source's changes");
    assert.deepEqual(finding.related, [{ file: 'returns.md', line: 4, message: 'the source: last commit 2026-03-02' }]);
    assert.deepEqual(finding.data, { source: 'returns.md', sourceDate: '2026-03-02', translationDate: '2025-11-20', dates: 'git' });
  });

  it('says the time of day when both were committed on the same day', async () => {
    const [finding] = await stale(UNDATED, { history: history({ 'returns.md': '2026-03-02T15:10:00Z', 'returns.de.md': '2026-03-02T09:45:00Z' }) });
    assert.match(finding?.message ?? '', /last changed 2026-03-02 15:10 UTC \(git\), after this translation \(2026-03-02 09:45 UTC\)/);
  });

  it('does not report a translation committed after its source, or at the same time (one commit, a shallow clone)', async () => {
    assert.deepEqual(await stale(UNDATED, { history: history({ 'returns.md': '2025-11-20T16:30:00Z', 'returns.de.md': '2026-03-02T09:00:00Z' }) }), []);
    assert.deepEqual(await stale(UNDATED, { history: history({ 'returns.md': '2026-03-02T09:00:00Z', 'returns.de.md': '2026-03-02T09:00:00Z' }) }), []);
  });

  it('does not report when the history does not know one side, or there is no history', async () => {
    assert.deepEqual(await stale(UNDATED, { history: history({ 'returns.md': '2026-03-02T09:00:00Z' }) }), []);
    assert.deepEqual(await stale(UNDATED), []);
  });

  it('does not report a source changed after its translation but back to what it was then', async () => {
    const times = { 'returns.md': '2026-03-02T09:00:00Z', 'returns.de.md': '2025-11-20T16:30:00Z' };
    const asked: Array<[string, string]> = [];
    const revertedSource: VersionHistory = {
      ...history(times),
      changedSince(file, since) {
        asked.push([file, since.toISOString()]);
        return false;
      },
    };
    assert.deepEqual(await stale(UNDATED, { history: revertedSource }), []);
    assert.deepEqual(asked, [['returns.md', '2025-11-20T16:30:00.000Z']], 'asked about the source, since the translation\'s change');
  });

  it('counts changes not committed yet as made now', async () => {
    const times = { 'returns.md': '2026-03-02T09:00:00Z', 'returns.de.md': '2025-11-20T16:30:00Z' };
    // The translator's update, not committed yet, is newer than the source.
    assert.deepEqual(await stale(UNDATED, { history: history(times, ['returns.de.md']) }), []);
    const [edited] = await stale(UNDATED, { history: history({ 'returns.de.md': '2026-03-20T10:00:00Z' }, ['returns.md']) });
    assert.match(edited?.message ?? '', /^the source \(en\) has changes not committed yet \(git\), after this translation \(2026-03-20\)/);
    assert.equal(edited?.related?.[0].message, 'the source: changes not committed yet');
  });

  it('front-matter dates on both sides win over the history', async () => {
    const dated = { 'returns.md': page('Returns', RETURNS_EN, '2026-01-10'), 'returns.de.md': page('Rückgabe', RETURNS_DE, '2026-02-01') };
    const newerSource = history({ 'returns.md': '2026-03-02T09:00:00Z', 'returns.de.md': '2025-11-20T16:30:00Z' });
    assert.deepEqual(await stale(dated, { history: newerSource }), [], 'the translation was reviewed after the source, whatever the commits say');
    assert.deepEqual(newerSource.asked, [], 'the history is not even asked');

    const olderTranslation = { ...dated, 'returns.de.md': page('Rückgabe', RETURNS_DE, '2025-12-01') };
    const [finding] = await stale(olderTranslation, { history: history({ 'returns.md': '2025-01-01T00:00:00Z', 'returns.de.md': '2026-03-02T09:00:00Z' }) });
    assert.equal(finding?.line, 3, 'on the translation\'s date');
    assert.equal(finding?.message, "the source (en) was updated 2026-01-10 (front matter), after this translation (2025-12-01): check it against the source's changes");
    assert.equal(finding?.data?.dates, 'front matter');
  });

  it('a date in one side\'s front matter only: both sides are dated by the history', async () => {
    const oneDated = { 'returns.md': page('Returns', RETURNS_EN, '2020-01-01'), 'returns.de.md': page('Rückgabe', RETURNS_DE) };
    const [finding] = await stale(oneDated, { history: history({ 'returns.md': '2026-03-02T09:00:00Z', 'returns.de.md': '2025-11-20T16:30:00Z' }) });
    assert.equal(finding?.data?.dates, 'git');
    assert.equal(finding?.line, 4);
  });

  it('"history": false keeps to front-matter dates', async () => {
    const off = config('{ "rules": { "stale-translation": { "history": false } } }');
    const newerSource = history({ 'returns.md': '2026-03-02T09:00:00Z', 'returns.de.md': '2025-11-20T16:30:00Z' });
    assert.deepEqual(await stale(UNDATED, { history: newerSource, config: off }), []);
    assert.deepEqual(newerSource.asked, []);
  });

  it('a knowledge base of one locale never asks the history', async () => {
    const untouched = history({ 'returns.md': '2026-03-02T09:00:00Z' });
    await stale({ 'returns.md': page('Returns', RETURNS_EN), 'refunds.md': page('Refunds', 'Refunds reach the card within five working days of the parcel arriving.') }, { history: untouched });
    assert.deepEqual(untouched.asked, []);
  });

  describe('with the cache', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb-stale-history-'));
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('reuses findings only under the same history: a commit that changes only dates is audited again', async () => {
      const older = { 'returns.md': '2025-11-20T16:30:00Z', 'returns.de.md': '2026-03-02T09:00:00Z' };
      const newer = { 'returns.md': '2026-03-20T09:00:00Z', 'returns.de.md': '2026-03-02T09:00:00Z' };
      const run = async (times: Record<string, string>) => {
        const cache = new AuditCache(dir, 'engine-1');
        const findings = await stale(UNDATED, { history: history(times), cache });
        return { findings: findings.length, reused: cache.stats.findingsReused };
      };
      assert.deepEqual(await run(older), { findings: 0, reused: false });
      assert.deepEqual(await run(older), { findings: 0, reused: true });
      assert.deepEqual(await run(newer), { findings: 1, reused: false });
      assert.deepEqual(await run(newer), { findings: 1, reused: true });
      // The same articles without a history: the findings that came from one are not reused.
      const cache = new AuditCache(dir, 'engine-1');
      assert.deepEqual(await stale(UNDATED, { cache }), []);
      assert.equal(cache.stats.findingsReused, false);
    });

    it('reuses findings that did not read the history without reading it', async () => {
      const single = { 'returns.md': page('Returns', RETURNS_EN) };
      await stale(single, { history: history({}), cache: new AuditCache(dir, 'engine-1') });
      const unread: VersionHistory = {
        name: 'git',
        lastChanged: () => assert.fail('not asked'),
        digest: () => assert.fail('not asked'),
      };
      const cache = new AuditCache(dir, 'engine-1');
      await stale(single, { history: unread, cache });
      assert.equal(cache.stats.findingsReused, true);
    });
  });
});
