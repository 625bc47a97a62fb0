import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LIMITS, parseHostMessage, parseWebviewMessage, type RoutedView } from '../../src/shared/messages';

const routed: RoutedView = {
  question: 'how long do refunds take',
  decision: 'answer',
  confidence: 0.62,
  reason: 'best match',
  answer: { file: 'returns/refunds.md', heading: 'Refund times', line: 7, excerpt: 'Within 14 days.' },
  alternatives: [{ file: 'orders/cancel.md', heading: 'Cancel', line: 3, confidence: 0.2 }],
  expected: 'returns/refunds.md',
  correct: true,
  sectionId: 'returns/refunds.md#refund-times',
};

describe('parseWebviewMessage', () => {
  it('accepts each well-formed message as a fresh object with only known fields', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready', extra: 1 }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'ask', requestId: 3, question: 'refund?' }), { type: 'ask', requestId: 3, question: 'refund?' });
    assert.deepEqual(parseWebviewMessage({ type: 'open', file: 'a/b.md', line: 4 }), { type: 'open', file: 'a/b.md', line: 4 });
    assert.deepEqual(parseWebviewMessage({ type: 'whatIf', threshold: 0.4 }), { type: 'whatIf', threshold: 0.4 });
    assert.deepEqual(parseWebviewMessage({ type: 'command', command: 'runAudit' }), { type: 'command', command: 'runAudit' });
  });

  it('drops __proto__ smuggled through JSON', () => {
    const message = parseWebviewMessage(JSON.parse('{"type":"ask","requestId":1,"question":"q","__proto__":{"polluted":true}}'));
    assert.deepEqual(message, { type: 'ask', requestId: 1, question: 'q' });
    assert.equal(Object.getPrototypeOf(message), Object.prototype);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('rejects wrong types, huge strings, unknown commands and paths that leave the docs folder', () => {
    const rejected = [
      null,
      'ready',
      [],
      { type: 'nope' },
      { type: 'ask', requestId: '1', question: 'q' },
      { type: 'ask', requestId: 1.5, question: 'q' },
      { type: 'ask', requestId: 1, question: 'x'.repeat(LIMITS.question + 1) },
      { type: 'open', file: '../secret.md', line: 1 },
      { type: 'open', file: '/etc/passwd', line: 1 },
      { type: 'open', file: 'C:\\x.md', line: 1 },
      { type: 'open', file: 'file:///etc/passwd', line: 1 },
      { type: 'open', file: 'a\\..\\..\\b.md', line: 1 },
      { type: 'open', file: 'a.md', line: -1 },
      { type: 'whatIf', threshold: 2 },
      { type: 'whatIf', threshold: Number.NaN },
      { type: 'command', command: 'workbench.action.terminal.new' },
      { type: 'command', command: 'toString' },
    ];
    for (const value of rejected) assert.equal(parseWebviewMessage(value), null, JSON.stringify(value));
  });
});

describe('parseHostMessage', () => {
  it('accepts an answer, a preview, a status and a show message', () => {
    assert.deepEqual(parseHostMessage({ type: 'answer', requestId: 2, result: routed }), { type: 'answer', requestId: 2, result: routed });
    assert.deepEqual(parseHostMessage({ type: 'answer', requestId: 2, result: null }), { type: 'answer', requestId: 2, result: null });
    const preview = {
      type: 'preview',
      summary: { questions: 1, answered: 1, clarify: 0, escalated: 0, threshold: 0.35, labelled: 1, accuracy: 1, balancedAccuracy: 1 },
      results: [routed],
      sweep: [{ threshold: 0.3, coverage: 1, precision: null, balancedAccuracy: null }],
      articles: [{ file: 'a.md', title: 'A', sections: [{ id: 'a.md#a', heading: 'A', line: 1, level: 1 }] }],
      source: 'questions.txt',
    };
    assert.deepEqual(parseHostMessage(preview), preview);
    assert.deepEqual(parseHostMessage({ type: 'status', state: 'ready', docsLabel: 'docs', threshold: 0.35 }), {
      type: 'status',
      state: 'ready',
      docsLabel: 'docs',
      threshold: 0.35,
    });
    assert.deepEqual(parseHostMessage({ type: 'show', tab: 'questions', filter: { sectionId: 'a.md#a' } }), {
      type: 'show',
      tab: 'questions',
      filter: { sectionId: 'a.md#a' },
    });
  });

  it('rejects a preview when any one result is malformed', () => {
    const bad = { ...routed, decision: 'maybe' };
    const preview = { type: 'preview', summary: { questions: 1, answered: 1, clarify: 0, escalated: 0, threshold: 0.3 }, results: [routed, bad], sweep: [], articles: [], source: '' };
    assert.equal(parseHostMessage(preview), null);
    assert.equal(parseHostMessage({ type: 'answer', requestId: 1, result: { ...routed, confidence: 7 } }), null);
    assert.equal(parseHostMessage({ type: 'answer', requestId: 1, result: { ...routed, alternatives: 'x' } }), null);
    assert.equal(parseHostMessage({ type: 'show', tab: 'settings' }), null);
  });
});
