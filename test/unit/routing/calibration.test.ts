import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildCalibration, calibrate } from '../../../src/core/routing/calibration';
import { routeQuestion } from '../../../src/core/routing/simulator';
import { indexOf, shopIndex } from './helpers';

describe('confidence calibration', () => {
  it('maps every score into [0, 1], 0 for no match, never decreasing as the score grows', async () => {
    const calibration = (await shopIndex()).calibration;
    assert.ok(calibration.samples > 0, 'the fixture has headings to calibrate with');
    let previous = -1;
    for (let score = 0; score <= 1.0001; score += 0.01) {
      const c = calibrate(calibration, score);
      assert.ok(c >= 0 && c <= 1, `confidence ${c} for score ${score}`);
      assert.ok(c >= previous, `confidence fell from ${previous} to ${c} at score ${score}`);
      previous = c;
    }
    assert.equal(calibrate(calibration, 0), 0);
    assert.ok(calibrate(calibration, 1) > 0.9, 'a perfect match is near certain');
    assert.ok(calibrate(calibration, 0.05) < 0.2, 'a faint match is not');
    for (const odd of [-1, Number.NaN, 2]) {
      const c = calibrate(calibration, odd);
      assert.ok(c >= 0 && c <= 1, `confidence ${c} for score ${odd}`);
    }
  });

  it('is monotone in match quality: exact question, partial question, unrelated question', async () => {
    const index = await shopIndex();
    const exact = routeQuestion(index, 'How long does a refund take?', { escalate: [] }).confidence;
    const partial = routeQuestion(index, 'refund taking ages, parcel posted last week from Leeds', { escalate: [] }).confidence;
    const unrelated = routeQuestion(index, 'what is the capital of Peru', { escalate: [] }).confidence;
    assert.ok(exact > partial, `exact ${exact} > partial ${partial}`);
    assert.ok(partial > unrelated, `partial ${partial} > unrelated ${unrelated}`);
    assert.equal(unrelated, 0);
  });

  it('means the same on a knowledge base whose scores run on another scale', () => {
    // Two KBs: one of short example questions, one of long answer text. The raw scores of
    // their best matches differ a lot; the calibrated confidence of an exact heading does not.
    const short = indexOf({
      'a.md': '# Refunds\n\n## Questions\n\n- refund status\n- where is my refund\n- money back please\n',
      'b.md': '# Delivery\n\n## Questions\n\n- where is my parcel\n- delivery time\n- courier late\n',
      'c.md': '# Payments\n\n## Questions\n\n- pay by card\n- card declined\n- paypal accepted\n',
    });
    const long = indexOf({
      'a.md': `# Refunds\n\n## Where is my refund?\n\n${'Refunds reach the card you paid with within five working days of the return arriving at the warehouse. '.repeat(6)}\n`,
      'b.md': `# Delivery\n\n## Where is my parcel?\n\n${'Parcels leave the warehouse the next working day and the courier sends a tracking link by email. '.repeat(6)}\n`,
      'c.md': `# Payments\n\n## Can I pay by card?\n\n${'We accept every major debit and credit card as well as PayPal at checkout on the website. '.repeat(6)}\n`,
    });
    for (const index of [short, long]) {
      const r = routeQuestion(index, 'where is my refund', { escalate: [] });
      assert.equal(r.answer?.file, 'a.md');
      assert.ok(r.confidence >= 0.5, `an exact match answers on both (${r.confidence})`);
      const off = routeQuestion(index, 'where is my umbrella', { escalate: [] });
      assert.ok(off.confidence < 0.5, `a one-word overlap does not (${off.confidence})`);
    }
  });

  it('is deterministic and uses a weak prior when the knowledge base is tiny', () => {
    const tiny = indexOf({ 'a.md': '# Refunds\n\nWe refund within five days.\n' });
    const a = buildCalibration(tiny);
    const b = buildCalibration(tiny);
    assert.deepEqual(a, b);
    const weak = calibrate(a, 0.2);
    assert.ok(weak > 0 && weak < 0.5, `one article cannot make a faint match certain (${weak})`);
  });
});
