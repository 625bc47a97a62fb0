import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG, parseConfig } from '../../src/core/config/config';
import { DEFAULT_SETTINGS, mergeSettings, normaliseSettings } from '../../src/extension/settingsMerge';

describe('mergeSettings', () => {
  const settings = normaliseSettings({
    include: ['articles/**/*.md'],
    exclude: ['drafts/**'],
    questionsFile: 'qa/questions.csv',
    threshold: 0.5,
    clarifyMargin: 0.1,
    rules: { 'empty-section': 'error', 'stale-review': 'off' },
  });

  it('uses the settings where there is no kb-audit.json', () => {
    const merged = mergeSettings(DEFAULT_CONFIG, settings, '/ws');
    assert.deepEqual(merged.include, ['articles/**/*.md']);
    assert.deepEqual(merged.exclude, ['drafts/**']);
    assert.equal(merged.questions, '/ws/qa/questions.csv');
    assert.deepEqual(merged.routing, { threshold: 0.5, clarifyMargin: 0.1 });
    assert.deepEqual(merged.rules, { 'empty-section': { severity: 'error' }, 'stale-review': { severity: 'off' } });
  });

  it('lets kb-audit.json win wherever both set a value, and keeps what only the settings set', () => {
    const file = parseConfig(
      '{ "include": ["**/*.md"], "questions": "q.txt", "routing": { "threshold": 0.3 }, "rules": { "empty-section": "info", "placeholder": { "exclude": ["x/**"] } } }',
      '/ws/docs/kb-audit.json',
    );
    const merged = mergeSettings(file, settings, '/ws');
    assert.deepEqual(merged.include, ['**/*.md']);
    assert.deepEqual(merged.exclude, ['drafts/**'], 'the file leaves exclude unset');
    assert.equal(merged.questions, '/ws/docs/q.txt');
    assert.deepEqual(merged.routing, { threshold: 0.3, clarifyMargin: 0.1 });
    assert.deepEqual(merged.rules, {
      'empty-section': { severity: 'info' },
      'stale-review': { severity: 'off' },
      placeholder: { exclude: ['x/**'] },
    });
  });

  it('default settings change nothing', () => {
    const file = parseConfig('{ "exclude": ["README.md"] }', '/kb/kb-audit.json');
    assert.deepEqual(mergeSettings(file, DEFAULT_SETTINGS, '/kb'), file);
  });

  it('drops setting values of the wrong type or range', () => {
    const s = normaliseSettings({ include: 'x', threshold: 3, rules: { a: 'loud', b: 'warning' }, liveAudit: 'sometimes', codeLens: 0 });
    assert.deepEqual(s.include, []);
    assert.equal(s.threshold, null);
    assert.deepEqual(s.rules, { b: 'warning' });
    assert.equal(s.liveAudit, 'onType');
    assert.equal(s.codeLens, true);
  });
});

describe('comparison and baseline settings', () => {
  it('default to main, kb-audit-baseline.json and hints', () => {
    const s = normaliseSettings({});
    assert.equal(s.compareBase, 'main');
    assert.equal(s.baselineFile, 'kb-audit-baseline.json');
    assert.equal(s.baselinedFindings, 'hint');
  });

  it('keep valid values and drop the rest', () => {
    assert.deepEqual(
      [normaliseSettings({ compareBase: ' origin/main ', baselineFile: 'ci/baseline.json', baselinedFindings: 'hide' })].map((s) => [s.compareBase, s.baselineFile, s.baselinedFindings]),
      [['origin/main', 'ci/baseline.json', 'hide']],
    );
    const s = normaliseSettings({ compareBase: '', baselineFile: 3, baselinedFindings: 'loud' });
    assert.deepEqual([s.compareBase, s.baselineFile, s.baselinedFindings], ['main', 'kb-audit-baseline.json', 'hint']);
  });
});
