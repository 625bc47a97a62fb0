// Restricted Mode: kb-audit.json's regular expressions run as plain text, its paths stay inside.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runAudit } from '../../../src/core/audit';
import { parseConfig } from '../../../src/core/config/config';
import { RULES } from '../../../src/core/rules';
import { DEFAULT_SETTINGS, mergeSettings } from '../../../src/extension/settingsMerge';
import { limitForUntrustedWorkspace, literalPattern, REGEX_OPTIONS, withoutEmbeddings } from '../../../src/extension/workspaceTrust';
import { memoryFileSystem } from '../../helpers/memoryFileSystem';

// A pattern that takes exponential time on a long run of "a" followed by another letter.
const CATASTROPHIC = '^(a+)+$';
const HEADING = `# ${'a'.repeat(30)}b`;

describe('limitForUntrustedWorkspace', () => {
  it('lists every rule option the schema describes as a regular expression', () => {
    const described = RULES.flatMap((rule) =>
      Object.entries(rule.optionsSchema ?? {})
        .filter(([, schema]) => /regular expression/i.test(JSON.stringify(schema)))
        .map(([option]) => `${rule.id}.${option}`),
    );
    assert.ok(described.length > 0);
    assert.deepEqual(described.sort(), REGEX_OPTIONS.map((o) => `${o.rule}.${o.path[0]}`).sort());
  });

  it('turns the patterns into plain text, leaving everything else as it was', () => {
    const config = parseConfig(
      JSON.stringify({
        rules: {
          'missing-section': { severity: 'error', required: [{ files: ['**'], headings: [CATASTROPHIC, 'cost'] }] },
          boilerplate: { ignore: ['^(x+x+)+y$'], minArticles: 3 },
          'empty-section': 'info',
        },
      }),
      '/ws/kb-audit.json',
    );
    const { config: limited, notes } = limitForUntrustedWorkspace(config, '/ws');
    assert.deepEqual(limited.rules['missing-section'], { severity: 'error', required: [{ files: ['**'], headings: [literalPattern(CATASTROPHIC), 'cost'] }] });
    assert.deepEqual(limited.rules.boilerplate, { ignore: ['\\^\\(x\\+x\\+\\)\\+y\\$'], minArticles: 3 });
    assert.deepEqual(limited.rules['empty-section'], config.rules['empty-section']);
    assert.equal(notes.length, 2);
    assert.ok(new RegExp(literalPattern(CATASTROPHIC), 'iu').test(`heading ${CATASTROPHIC}`), 'the text itself still matches');
  });

  it('keeps a pattern written to hang the audit from running: the audit finishes at once', async () => {
    const fs = memoryFileSystem({ '/ws/a.md': `${HEADING}\n\nSome text.\n` });
    const config = parseConfig(JSON.stringify({ rules: { 'missing-section': { required: [{ files: ['**'], headings: [CATASTROPHIC] }] } } }), '/ws/kb-audit.json');
    const started = performance.now();
    const result = await runAudit(fs, '/ws', limitForUntrustedWorkspace(config, '/ws').config);
    const ms = performance.now() - started;
    assert.ok(ms < 1000, `${ms.toFixed(0)} ms`);
    assert.ok(result.findings.some((f) => f.ruleId === 'missing-section'), 'the plain-text heading is missing, and said so');
  });

  it('ignores a docs folder or questions file outside the workspace folder', () => {
    const config = parseConfig(JSON.stringify({ docs: '../../etc', questions: '../secrets.txt' }), '/home/u/ws/kb-audit.json');
    const { config: limited, notes } = limitForUntrustedWorkspace(config, '/home/u/ws');
    assert.equal(limited.docs, null);
    assert.equal(limited.questions, null);
    assert.equal(notes.length, 2);
    const inside = parseConfig(JSON.stringify({ docs: 'docs', questions: 'q.txt' }), '/home/u/ws/kb-audit.json');
    assert.deepEqual(limitForUntrustedWorkspace(inside, '/home/u/ws'), { config: inside, notes: [] });
  });
});

describe('withoutEmbeddings', () => {
  it('turns routing.embeddings off, from kb-audit.json or a setting, and says so', () => {
    const file = parseConfig('{ "routing": { "threshold": 0.4, "embeddings": { "endpoint": "https://evil.example/v1", "model": "m" } } }', '/ws/kb-audit.json');
    const limited = withoutEmbeddings(file);
    assert.deepEqual(limited.config.routing, { threshold: 0.4 });
    assert.match(limited.notes[0], /Restricted Mode: routing\.embeddings is off/);
    const fromSetting = mergeSettings(parseConfig('{}', '/ws/kb-audit.json'), { ...DEFAULT_SETTINGS, embeddings: { endpoint: 'http://localhost:11434/v1', model: 'm' } }, '/ws');
    assert.equal(withoutEmbeddings(fromSetting).config.routing.embeddings, undefined);
    assert.deepEqual(withoutEmbeddings(parseConfig('{}', '/ws/kb-audit.json')).notes, []);
  });
});
