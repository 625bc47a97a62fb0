// The CLI as a real process: exit codes, streams and the JSON contract.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');

function run(args: string[], cwd = root) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('kb-audit CLI', () => {
  let temp: string;
  before(() => {
    temp = mkdtempSync(join(tmpdir(), 'kb-cli-'));
    mkdirSync(join(temp, 'kb', 'returns'), { recursive: true });
    writeFileSync(
      join(temp, 'kb', 'returns', 'refunds.md'),
      '# Refunds\n\n## How long does a refund take?\n\nA refund reaches your card within 5 business days of the return arriving.\n',
    );
    writeFileSync(join(temp, 'kb', 'shipping.md'), '# Shipping\n\n## Delivery times\n\nParcels arrive in 2 to 4 days.\n\n## Empty\n');
    writeFileSync(join(temp, 'kb', 'bad.md'), '---\ntitle: [x\n---\n# Bad\n\nbody text\n');
    writeFileSync(join(temp, 'questions.txt'), 'how long does a refund take\n\nwhen will my parcel arrive\n');
    writeFileSync(join(temp, 'questions.jsonl'), '{"question": "refund time", "expected": "returns/refunds.md"}\n{"question": oops}\n');
  });
  after(() => rmSync(temp, { recursive: true, force: true }));

  it('prints help for the tool and each command', () => {
    const main = run(['--help']);
    assert.equal(main.code, 0);
    assert.match(main.stdout, /kb-audit audit/);
    for (const command of ['audit', 'ask', 'preview']) {
      const help = run([command, '--help']);
      assert.equal(help.code, 0);
      assert.match(help.stdout, new RegExp(`Usage: kb-audit ${command}`));
    }
  });

  it('audit prints one finding a line, relative to the working folder, and exits 1 on errors', () => {
    const result = run(['audit', 'kb'], temp);
    assert.equal(result.code, 1);
    const lines = result.stdout.trim().split('\n');
    // Other rules may report on this small KB too; these two findings must be there exactly.
    assert.deepEqual(lines.filter((l) => / (front-matter-invalid|empty-section) /.test(l)), [
      'kb/bad.md:2:10 error front-matter-invalid malformed front matter: Flow sequence in block collection must be sufficiently indented and end with a ]',
      'kb/shipping.md:7:1 warning empty-section section "Empty" is empty: a question routed here gets no answer',
    ]);
    const keys = lines.map((l) => /^(.+?):(\d+):(\d+) /.exec(l)!).map((m) => [m[1], Number(m[2]), Number(m[3])] as const);
    const sorted = [...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2]));
    assert.deepEqual(keys, sorted, 'findings are sorted by path, line and column');
    assert.match(result.stderr, new RegExp(`^${lines.length} findings in 3 articles`));
  });

  it('--fail-on sets which findings fail the run', () => {
    assert.equal(run(['audit', 'kb', '--fail-on', 'never'], temp).code, 0);
    assert.equal(run(['audit', 'kb', '--fail-on', 'warning', '--config', 'none.json'], temp).code, 2);
    writeFileSync(join(temp, 'kb', 'bad.md'), '# Fixed\n\nbody\n');
    try {
      assert.equal(run(['audit', 'kb'], temp).code, 0, 'only a warning is left, below the default --fail-on error');
      assert.equal(run(['audit', 'kb', '--fail-on', 'warning'], temp).code, 1);
    } finally {
      writeFileSync(join(temp, 'kb', 'bad.md'), '---\ntitle: [x\n---\n# Bad\n\nbody text\n');
    }
  });

  it('audit --format json follows the contract', () => {
    const result = run(['audit', 'kb', '--format', 'json', '--fail-on', 'never'], temp);
    assert.equal(result.code, 0);
    const report = JSON.parse(result.stdout);
    assert.equal(report.tool, 'kb-audit');
    assert.match(report.version, /^\d+\.\d+\.\d+/);
    assert.equal(report.root, 'kb');
    assert.deepEqual(Object.keys(report.stats), ['files', 'sections', 'skipped', 'durationMs']);
    assert.equal(report.stats.files, 3);
    assert.deepEqual(Object.keys(report.findings[0]), ['ruleId', 'severity', 'message', 'file', 'line', 'column', 'endLine', 'endColumn']);
    assert.ok(report.findings.some((f: { file: string; ruleId: string }) => f.file === 'bad.md' && f.ruleId === 'front-matter-invalid'));
  });

  it('--output writes the report to a file', () => {
    const out = join(temp, 'report.json');
    const result = run(['audit', 'kb', '--format', 'json', '--output', out, '--fail-on', 'never'], temp);
    assert.equal(result.code, 0);
    assert.equal(result.stdout, '');
    assert.equal(JSON.parse(readFileSync(out, 'utf8')).tool, 'kb-audit');
  });

  it('--output naming a folder is one clear line and exit 2, and leaves nothing behind', () => {
    const folder = join(temp, 'reports');
    mkdirSync(folder, { recursive: true });
    const result = run(['audit', 'kb', '--format', 'json', '--output', folder, '--fail-on', 'never'], temp);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /cannot write .*reports: it is a folder: give the name of a file to write\n$/);
    assert.doesNotMatch(result.stderr, /\.tmp/);
    assert.deepEqual(readdirSync(folder), []);
    assert.deepEqual(readdirSync(temp).filter((n) => n.endsWith('.tmp')), []);
  });

  it('exits 2 with one clear line for a missing folder, a bad option and a bad config', () => {
    const missing = run(['audit', '/nonexistent']);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, 'kb-audit: docs folder not found: /nonexistent\n');
    const badOption = run(['audit', '--format', 'yaml']);
    assert.equal(badOption.code, 2);
    assert.match(badOption.stderr, /--format must be one of text, json/);
    writeFileSync(join(temp, 'broken.json'), '{\n  "docs": 1\n}');
    const badConfig = run(['audit', 'kb', '--config', 'broken.json'], temp);
    assert.equal(badConfig.code, 2);
    assert.match(badConfig.stderr, /broken\.json:2:11: \/docs must be string/);
    assert.equal(run(['nonsense']).code, 2);
    assert.equal(run([]).code, 2);
  });

  it('ask names the article that answers, in the JSON contract shape', () => {
    const result = run(['ask', 'how long does a refund take', 'kb', '--format', 'json'], temp);
    assert.equal(result.code, 0);
    const answer = JSON.parse(result.stdout);
    assert.deepEqual(Object.keys(answer), ['question', 'decision', 'confidence', 'reason', 'answer', 'alternatives']);
    assert.equal(answer.answer.file, 'returns/refunds.md');
    assert.ok(answer.confidence >= 0 && answer.confidence <= 1);
  });

  it('preview routes a questions file and scores labelled questions; a malformed line names its number', () => {
    const result = run(['preview', 'questions.txt', 'kb', '--format', 'json'], temp);
    assert.equal(result.code, 0);
    const preview = JSON.parse(result.stdout);
    assert.equal(preview.summary.questions, 2);
    assert.equal(preview.results.length, 2);
    assert.equal(preview.summary.labelled, undefined);
    const bad = run(['preview', 'questions.jsonl', 'kb'], temp);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^kb-audit: questions\.jsonl:2: invalid JSON/);
  });
});
