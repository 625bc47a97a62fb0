import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { charGrams, editDistance, phraseStems, stem, terms } from '../../../src/core/routing/tokenize';

describe('tokenize', () => {
  it('drops stop words and folds plurals and inflections', () => {
    assert.deepEqual(terms('How do I get my refunds?'), ['refund']);
    assert.equal(stem('refunded'), stem('refund'));
    assert.equal(stem('refunding'), stem('refunds'));
    assert.equal(stem('deliveries'), 'delivery');
    assert.equal(stem('boxes'), 'box');
    assert.equal(stem('address'), 'address', 'a double s is not a plural');
    assert.equal(stem('4pcs'), '4pcs', 'codes with digits are left alone');
  });

  it('undoes the doubled consonant of -ed and -ing, and only that', () => {
    for (const [inflected, word] of [['stopped', 'stop'], ['shipping', 'ship'], ['quitting', 'quit'], ['occurred', 'occur'], ['programming', 'program'], ['mugged', 'mug']]) {
      assert.equal(stem(inflected), stem(word), `${inflected} meets ${word}`);
    }
    // A word that ends in a double letter of its own keeps it.
    for (const [inflected, word] of [['added', 'add'], ['filled', 'fill'], ['pressed', 'press'], ['staffed', 'staff'], ['egged', 'egg']]) {
      assert.equal(stem(inflected), word, `${inflected} stays ${word}`);
    }
  });

  it('keeps apostrophes inside words and normalises full-width text', () => {
    assert.deepEqual(terms("I can't log in"), ['cant', 'log']);
    assert.deepEqual(terms('ＲＥＦＵＮＤ'), ['refund']);
  });

  it('keeps stop words for trigger phrases', () => {
    assert.deepEqual(phraseStems('Speak to a human'), ['speak', 'to', 'a', 'human']);
  });

  it('gives a misspelt word more character n-grams in common with the right word than with another', () => {
    const shared = (a: string, b: string) => {
      const x = new Set(charGrams(a));
      return charGrams(b).filter((g) => x.has(g)).length / x.size;
    };
    assert.ok(shared('receive', 'recieve') > 0.2);
    assert.ok(shared('pincode', 'pin code') > shared('pincode', 'postcode'), 'run-together words keep their n-grams');
    assert.ok(shared('receive', 'recieve') > shared('receive', 'delivery'));
    assert.deepEqual(charGrams('a'), [' a ']);
  });

  it('measures edit distance with transpositions, stopping past the bound', () => {
    assert.equal(editDistance('recieve', 'receive', 2), 1);
    assert.equal(editDistance('refund', 'refund', 1), 0);
    assert.equal(editDistance('delivry', 'delivery', 1), 1);
    assert.equal(editDistance('refund', 'payment', 2), 3, 'past the bound it reports max + 1');
    assert.equal(editDistance('abc', 'abcdef', 1), 2);
  });
});
