import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseMarkdown } from '../../../src/core/parse/markdown';
import { isQuestionLike, sectionRecords } from '../../../src/core/routing/records';

const section = (md: string, heading: string) => {
  const found = parseMarkdown('a.md', md).sections.find((s) => s.heading === heading);
  assert.ok(found, `no section "${heading}"`);
  return sectionRecords(found);
};

describe('section records', () => {
  it('reads a list under a heading about questions as example questions, whatever its wording', () => {
    for (const heading of ['Customer questions this article covers', 'Ways customers ask', 'FAQ', 'Example phrases']) {
      const parts = section(`# A\n\n## ${heading}\n\n- refund status\n- money back\n- where is my refund\n`, heading);
      assert.deepEqual(parts.examples.map((b) => b.text), ['refund status', 'money back', 'where is my refund'], heading);
      assert.deepEqual(parts.answer, []);
    }
  });

  it('reads a list that is mostly questions as examples, under any heading', () => {
    const parts = section('# A\n\n## Refunds\n\nWe refund in 5 days.\n\n- How long do refunds take?\n- Can I get my money back?\n- when is my refund coming\n', 'Refunds');
    assert.equal(parts.examples.length, 3);
    assert.deepEqual(parts.answer.map((b) => b.text), ['We refund in 5 days.']);
  });

  it('keeps steps, notes and navigation lists out of the examples', () => {
    const steps = section('# A\n\n## Return an item\n\n1. How to start: open Orders.\n2. Choose the item.\n', 'Return an item');
    assert.equal(steps.examples.length, 0, 'ordered lists are steps');
    assert.equal(steps.answer.length, 2);
    const notes = section('# A\n\n## Good to know\n\n- Refunds take 5 days.\n- Sale items are final.\n', 'Good to know');
    assert.equal(notes.examples.length, 0);
    const hub = section('# A\n\n## Orders\n\nAll about orders.\n\n- [Track your order](track.md)\n- [Cancel an order](cancel.md)\n', 'Orders');
    assert.deepEqual(hub.answer.map((b) => b.text), ['All about orders.'], 'a list of links is navigation, not an answer');
  });

  it('tells question-like text from statements', () => {
    assert.ok(isQuestionLike('Where is my parcel'));
    assert.ok(isQuestionLike('refund status?'));
    assert.ok(!isQuestionLike('Refunds take five days.'));
  });
});
