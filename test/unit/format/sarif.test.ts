// SARIF output validated against the SARIF 2.1.0 JSON schema (shipped by @microsoft/jest-sarif,
// a draft-04 schema, hence ajv-draft-04).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import Ajv from 'ajv-draft-04';
import { runAudit, type AuditResult } from '../../../src/core/audit';
import { loadConfig } from '../../../src/core/config/config';
import { toPosix } from '../../../src/core/fileSystem';
import { toSarif } from '../../../src/core/format/sarif';
import type { Finding } from '../../../src/core/model';
import { nodeFileSystem } from '../../../src/core/nodeFileSystem';
import { RULES } from '../../../src/core/rules';

const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const root = toPosix(join(__dirname, '..', '..', 'fixtures', 'sample-kb'));

function validator() {
  // The schema's language pattern is not a valid Unicode-mode regular expression.
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
  return ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
}

describe('SARIF report', () => {
  let result: AuditResult;
  before(async () => {
    const config = await loadConfig(nodeFileSystem, `${root}/kb-audit.json`);
    result = await runAudit(nodeFileSystem, root, config, { now: new Date('2026-11-23T12:00:00Z') });
  });

  it('validates against the SARIF 2.1.0 schema', () => {
    const validate = validator();
    const log = toSarif(result.findings, { version: '0.1.0', pathPrefix: 'test/fixtures/sample-kb/', rootUri: 'file:///work/' });
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
  });

  it('describes every rule once, with help text and a documentation link, and points results at them', () => {
    const log = toSarif(result.findings, { version: '0.1.0' });
    const rules = log.runs[0].tool.driver.rules!;
    assert.deepEqual(rules.map((r) => r.id), RULES.map((r) => r.id));
    for (const rule of rules) {
      assert.ok(rule.help?.text && rule.helpUri?.endsWith(`${rule.id}.md`), rule.id);
    }
    for (const res of log.runs[0].results!) assert.equal(rules[res.ruleIndex!].id, res.ruleId);
  });

  it('uses relative URIs and keeps both sides of a conflict', () => {
    const log = toSarif(result.findings, { version: '0.1.0', pathPrefix: 'docs/' });
    const conflict = log.runs[0].results!.find((r) => r.ruleId === 'conflicting-answer' && r.locations![0].physicalLocation!.artifactLocation!.uri!.endsWith('refunds-to-card.md'))!;
    assert.equal(conflict.locations![0].physicalLocation!.artifactLocation!.uri, 'docs/payments/refunds-to-card.md');
    assert.equal(conflict.locations![0].physicalLocation!.artifactLocation!.uriBaseId, '%SRCROOT%');
    assert.equal(conflict.relatedLocations![0].physicalLocation!.artifactLocation!.uri, 'docs/returns/refunds.md');
    assert.equal(conflict.level, 'error');
  });

  it('carries fixes, and levels map error/warning/info to error/warning/note', () => {
    const log = toSarif(result.findings, { version: '0.1.0' });
    const stale = log.runs[0].results!.find((r) => r.ruleId === 'stale-review')!;
    assert.equal(stale.level, 'warning');
    assert.equal(stale.fixes![0].artifactChanges[0].replacements[0].insertedContent!.text, '2026-11-23');
    assert.equal(log.runs[0].results!.find((r) => r.ruleId === 'orphan-article')!.level, 'note');
  });

  it('truncates above the result limit predictably, errors first, and says so', () => {
    const many: Finding[] = Array.from({ length: 30 }, (_, i) => ({
      ruleId: i % 3 === 0 ? 'conflicting-answer' : 'placeholder',
      severity: i % 3 === 0 ? 'error' : 'warning',
      message: `finding ${i}`,
      file: `a${String(i).padStart(2, '0')}.md`,
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 2,
    }));
    const log = toSarif(many, { version: '0.1.0', maxResults: 12 });
    const results = log.runs[0].results!;
    assert.equal(results.length, 12);
    assert.deepEqual(results.slice(0, 10).map((r) => r.level), Array(10).fill('error'));
    const note = log.runs[0].invocations![0].toolExecutionNotifications![0];
    assert.equal(note.level, 'warning');
    assert.match(note.message.text!, /30 findings; only the first 12/);
    assert.ok(validator()(log));
  });
});
