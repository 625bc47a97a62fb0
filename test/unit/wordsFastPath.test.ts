import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { words } from '../../src/core/similarity/text';

// The reference definition: what `words` returned before its ASCII fast path.
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const reference = (text: string) => text.toLowerCase().match(WORD) ?? [];

describe('words', () => {
  it('splits ASCII text as the Unicode word pattern does', () => {
    assert.deepEqual(words("Don't  re-order 12 items' boxes; customer's 4'5 it's2 x'"), ["don't", 're', 'order', '12', 'items', 'boxes', "customer's", '4', '5', "it's", '2', 'x']);
    assert.deepEqual(words(''), []);
    assert.deepEqual(words('...'), []);
  });

  it('agrees with the Unicode word pattern on random text, ASCII or not', () => {
    // Seeded, so a failure is reproducible.
    let seed = 7;
    const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
    const alphabet = "abzAZ09'’-_. é\n\tÉ";
    for (let k = 0; k < 20000; k++) {
      let text = '';
      const length = Math.floor(next() * 24);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)];
      assert.deepEqual(words(text), reference(text), JSON.stringify(text));
    }
  });
});
