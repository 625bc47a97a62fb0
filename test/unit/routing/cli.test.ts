// kb-audit ask and preview as a real process, on the routing fixture.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURES } from './helpers';

const cli = join(__dirname, '..', '..', '..', 'dist', 'cli.js');

function run(args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: FIXTURES, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('kb-audit ask and preview', () => {
  it('ask --format json gives one result in the contract key order', () => {
    const result = run(['ask', 'how long does a refund take', 'shop-kb', '--format', 'json']);
    assert.equal(result.code, 0, result.stderr);
    const r = JSON.parse(result.stdout);
    assert.deepEqual(Object.keys(r), ['question', 'decision', 'confidence', 'reason', 'answer', 'alternatives']);
    assert.deepEqual(Object.keys(r.answer), ['file', 'heading', 'line', 'excerpt']);
    assert.deepEqual(Object.keys(r.alternatives[0]), ['file', 'heading', 'line', 'confidence']);
    assert.equal(r.decision, 'answer');
  });

  it('ask prints the decision, the source, the reply and why', () => {
    const result = run(['ask', 'I want to speak to a human', 'shop-kb']);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^ESCALATE \(confidence \d\.\d\d\) I want to speak to a human\n {2}why: escalation trigger "speak to a human"/);
    const answered = run(['ask', 'when will my order arrive', 'shop-kb']).stdout;
    assert.match(answered, /^ANSWER .*\n {2}from: delivery\/delivery-times\.md:3 "When will my order arrive\?"\n {2}reply: Standard delivery takes/);
  });

  it('preview --format json scores labelled questions and adds the sweep, confusion and section counts', () => {
    const result = run(['preview', 'questions.jsonl', 'shop-kb', '--format', 'json', '--sweep']);
    assert.equal(result.code, 0, result.stderr);
    const preview = JSON.parse(result.stdout);
    assert.deepEqual(Object.keys(preview), ['summary', 'results', 'sweep', 'confusion', 'sections']);
    assert.deepEqual(Object.keys(preview.summary), [
      'questions', 'answered', 'clarify', 'escalated', 'threshold', 'labelled', 'accuracy', 'inScopeAccuracy', 'outOfScopeRecall', 'balancedAccuracy',
    ]);
    assert.deepEqual(Object.keys(preview.results[0]), ['question', 'decision', 'confidence', 'reason', 'answer', 'alternatives', 'expected', 'correct']);
    assert.equal(preview.summary.questions, 4);
    assert.equal(preview.summary.balancedAccuracy, 1);
    assert.equal(preview.sweep.length, 21);
    assert.deepEqual(Object.keys(preview.sections[0]), ['file', 'heading', 'line', 'answered', 'clarify']);
  });

  it('preview --format markdown gives tables; --threshold changes the decisions', () => {
    const md = run(['preview', 'questions.csv', 'shop-kb', '--format', 'markdown', '--sweep']);
    assert.equal(md.code, 0, md.stderr);
    assert.match(md.stdout, /^# Answer-or-escalate preview\n/);
    assert.match(md.stdout, /\n\| question \| decision \| confidence \| answer from \| why \| correct \|\n/);
    assert.match(md.stdout, /\n## Coverage against precision at each threshold\n\n\| threshold \| coverage \| precision \|/);
    const strict = JSON.parse(run(['preview', 'questions.txt', 'shop-kb', '--format', 'json', '--threshold', '1']).stdout);
    assert.equal(strict.summary.escalated, 2);
    assert.equal(strict.summary.threshold, 1);
  });

  it('exits 2 naming the file and line of a bad questions file, or a bad option', () => {
    const bad = run(['preview', 'bad-quote.csv', 'shop-kb']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^kb-audit: bad-quote\.csv:3: invalid CSV/);
    const threshold = run(['preview', 'questions.txt', 'shop-kb', '--threshold', 'high']);
    assert.equal(threshold.code, 2);
    assert.match(threshold.stderr, /--threshold must be a number from 0 to 1/);
    assert.equal(run(['preview', 'questions.txt', 'shop-kb', '--format', 'sarif']).code, 2);
  });
});
