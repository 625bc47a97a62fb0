// Every rule against its fixture scenarios (test/fixtures/rules/<rule>-positive|negative/):
// expected.json names the rule and exactly the findings it must report, by file and line, and
// for two-sided findings which files the related locations must name.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runAudit } from '../../../src/core/audit';
import { DEFAULT_CONFIG, loadConfig } from '../../../src/core/config/config';
import { toPosix } from '../../../src/core/fileSystem';
import { nodeFileSystem } from '../../../src/core/nodeFileSystem';
import { RULES } from '../../../src/core/rules';

const fixtures = join(__dirname, '..', '..', 'fixtures', 'rules');
/** The audits' clock: fixture dates are written relative to it. */
export const NOW = new Date('2026-11-23T12:00:00Z');

interface Expected {
  rule: string;
  findings: Array<[string, number]>;
  related?: Record<string, string[]>;
}

async function audit(folder: string) {
  const root = toPosix(join(fixtures, folder));
  const configPath = join(root, 'kb-audit.json');
  const config = existsSync(configPath) ? await loadConfig(nodeFileSystem, configPath) : DEFAULT_CONFIG;
  return runAudit(nodeFileSystem, root, config, { now: NOW });
}

const scenarios = readdirSync(fixtures).filter((name) => existsSync(join(fixtures, name, 'expected.json')));

describe('rule fixtures', () => {
  for (const scenario of scenarios) {
    const expected = JSON.parse(readFileSync(join(fixtures, scenario, 'expected.json'), 'utf8')) as Expected;
    it(`${scenario}: ${expected.findings.length ? `${expected.findings.length} ${expected.rule} finding(s)` : `no ${expected.rule} finding`}`, async () => {
      const result = await audit(scenario);
      const found = result.findings.filter((f) => f.ruleId === expected.rule);
      assert.deepEqual(
        found.map((f) => [f.file, f.line]),
        expected.findings,
        found.map((f) => `${f.file}:${f.line} ${f.message}`).join('\n'),
      );
      for (const [file, others] of Object.entries(expected.related ?? {})) {
        for (const f of found.filter((x) => x.file === file)) {
          const relatedFiles = [...new Set((f.related ?? []).map((r) => r.file))].sort();
          assert.deepEqual(relatedFiles, [...others].sort(), `${f.file}:${f.line} should link ${others.join(', ')}`);
        }
      }
    });
  }

  it('has a positive and a negative scenario for every content rule', () => {
    const parserRules = new Set(['file-skipped', 'invalid-encoding', 'front-matter-invalid']);
    for (const rule of RULES) {
      if (parserRules.has(rule.id)) continue;
      assert.ok(scenarios.includes(`${rule.id}-positive`), `${rule.id}-positive is missing`);
      assert.ok(scenarios.includes(`${rule.id}-negative`), `${rule.id}-negative is missing`);
    }
  });
});
