// Per-rule settings in kb-audit.json: the schema knows every rule and its options, so typos and
// wrong types are errors with a position, and the editor can complete them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runAudit } from '../../../src/core/audit';
import { ConfigError, DEFAULT_CONFIG, parseConfig } from '../../../src/core/config/config';
import { configSchema } from '../../../src/core/config/schema';
import { RULES } from '../../../src/core/rules';
import { memoryFileSystem } from '../../helpers/memoryFileSystem';

function configError(text: string): ConfigError {
  try {
    parseConfig(text, '/kb/kb-audit.json');
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  assert.fail(`accepted: ${text}`);
}

describe('rule options in kb-audit.json', () => {
  it('the schema lists every rule with its own options', () => {
    const rules = (configSchema.properties.rules as { properties: Record<string, { else: { properties: Record<string, unknown> } }> }).properties;
    assert.deepEqual(Object.keys(rules), RULES.map((r) => r.id));
    for (const rule of RULES) {
      for (const option of Object.keys(rule.defaultOptions as object)) assert.ok(option in rules[rule.id].else.properties, `${rule.id}.${option}`);
    }
  });

  it('rejects unknown rules, unknown options and wrong types, naming the position', () => {
    assert.equal(configError('{\n  "rules": {\n    "near-dupe": "off"\n  }\n}').message, '/kb/kb-audit.json:3:5: unknown setting "near-dupe" in /rules');
    assert.match(configError('{ "rules": { "thin-answer": { "minWord": 3 } } }').message, /1:31: unknown setting "minWord" in \/rules\/thin-answer/);
    assert.match(configError('{ "rules": { "near-duplicate": { "threshold": "high" } } }').message, /threshold must be number/);
  });

  it('applies options, severities and globs', async () => {
    const fs = memoryFileSystem({
      '/kb/a.md': '# A\n\nWIP: the steps for EU customers, written in enough words to count.\n',
      '/kb/drafts/b.md': '# B\n\nWIP: another unfinished answer written in enough words to count.\n',
    });
    const config = { ...DEFAULT_CONFIG, ...parseConfig('{ "rules": { "placeholder": { "words": ["WIP"], "severity": "error", "exclude": ["drafts/**"] } } }', '/kb/kb-audit.json'), configPath: null };
    const { findings } = await runAudit(fs, '/kb', config);
    assert.deepEqual(findings.filter((f) => f.ruleId === 'placeholder').map((f) => [f.file, f.severity]), [['a.md', 'error']]);
  });
});
