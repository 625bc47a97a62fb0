import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG } from '../../src/core/config/config';
import { loadKnowledgeBase } from '../../src/core/knowledgeBase';
import { SearchIndex } from '../../src/core/routing/searchIndex';
import { previewQuestions } from '../../src/core/routing/simulator';
import type { SampleQuestion } from '../../src/core/routing/types';
import type { RoutedView } from '../../src/shared/messages';
import { decisionAt, defaultThresholds, sweepThresholds } from '../../src/shared/sweep';
import { memoryFileSystem } from '../helpers/memoryFileSystem';

function view(decision: RoutedView['decision'], confidence: number, file: string | null, expected?: string | null): RoutedView {
  const r: RoutedView = {
    question: 'q',
    decision,
    confidence,
    reason: '',
    answer: file ? { file, heading: 'h', line: 1, excerpt: '' } : null,
    alternatives: [],
  };
  if (expected !== undefined) r.expected = expected;
  return r;
}

describe('sweepThresholds', () => {
  it('counts coverage, precision and balanced accuracy at each threshold', () => {
    const routed = [
      view('answer', 0.9, 'a.md', 'a.md'), // right at any threshold up to 0.9
      view('answer', 0.5, 'b.md', 'a.md'), // wrong article
      view('clarify', 0.4, 'c.md', null), // should escalate
      view('escalate', 0.8, 'a.md', null), // trigger: always escalates
      view('answer', 0.2, 'a.md'), // unlabelled
    ];
    const [low, mid, high] = sweepThresholds(routed, [0, 0.45, 0.95]);
    assert.deepEqual(low, { threshold: 0, coverage: 0.8, precision: 0.333, balancedAccuracy: 0.5 });
    assert.deepEqual(mid, { threshold: 0.45, coverage: 0.4, precision: 0.5, balancedAccuracy: 0.75 });
    assert.deepEqual(high, { threshold: 0.95, coverage: 0, precision: null, balancedAccuracy: 0.5 });
  });

  it('reports null precision when nothing is labelled', () => {
    assert.deepEqual(sweepThresholds([view('answer', 0.5, 'a.md')], [0.1]), [{ threshold: 0.1, coverage: 1, precision: null, balancedAccuracy: null }]);
    assert.equal(defaultThresholds().length, 21);
  });

  it('agrees with the simulator run at each threshold', async () => {
    const fs = memoryFileSystem({
      '/kb/refunds.md': '# Refunds\n\n## How long do refunds take?\n\nRefunds reach your card within 5 business days.\n',
      '/kb/delivery.md': '# Delivery\n\n## How long does delivery take?\n\nStandard delivery takes 3 to 5 days.\n\n## Refund of delivery costs\n\nWe refund delivery costs when the whole order is returned.\n',
      '/kb/account.md': '# Account\n\n## Reset your password\n\nUse the forgotten password link on the sign-in page.\n',
    });
    const kb = await loadKnowledgeBase(fs, '/kb', DEFAULT_CONFIG);
    const index = SearchIndex.build(kb);
    const questions: SampleQuestion[] = [
      'how long do refunds take',
      'refund delivery',
      'reset password',
      'talk to a human about my refund',
      'what is the meaning of life',
      'how long',
    ].map((question, i) => ({ question, line: i + 1 }));
    const routing = { escalate: ['human'] };
    const atZero = previewQuestions(index, questions, { ...routing, threshold: 0 }).results as RoutedView[];
    for (const threshold of [0, 0.1, 0.3, 0.5, 0.7, 1]) {
      const actual = previewQuestions(index, questions, { ...routing, threshold }).results.map((r) => r.decision);
      assert.deepEqual(atZero.map((r) => decisionAt(r, threshold)), actual, `threshold ${threshold}`);
    }
  });
});
