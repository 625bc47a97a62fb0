import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contentTerms, countTermsIn, hasMoreWordsThan, words } from '../../src/core/similarity/text';
import { WordScanner } from '../../src/core/similarity/wordTable';

// The reference definition: what `words` returned before it scanned in place.
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const reference = (text: string) => text.toLowerCase().match(WORD) ?? [];

describe('words', () => {
  it('splits ASCII text as the Unicode word pattern does', () => {
    assert.deepEqual(words("Don't  re-order 12 items' boxes; customer's 4'5 it's2 x'"), ["don't", 're', 'order', '12', 'items', 'boxes', "customer's", '4', '5', "it's", '2', 'x']);
    assert.deepEqual(words(''), []);
    assert.deepEqual(words('...'), []);
  });

  it('splits text in other scripts as the Unicode word pattern does', () => {
    assert.deepEqual(words('Привет, мир! Ça coûte 12 €. 東京の天気は？ l’été'), ['привет', 'мир', 'ça', 'coûte', '12', '東京の天気は', 'l’été']);
    // A letter outside the Basic Multilingual Plane (mathematical bold, which has no lower case) is one
    // character of two code units; an emoji is no letter.
    assert.deepEqual(words('𝐀𝐁c 😀x ٣٤ ½'), ['𝐀𝐁c', 'x', '٣٤', '½']);
  });

  it('agrees with the Unicode word pattern on random text, ASCII or not', () => {
    // Seeded, so a failure is reproducible.
    let seed = 7;
    const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
    // Letters of several scripts, digits of two, a fraction, apostrophes, a combining mark (not a
    // letter), surrogate pairs (a letter and an emoji) and lone surrogates.
    const alphabet = [...("abzAZ09'’-_. é\n\tÉİЖж東ー٣½\u0301\u2019"), '𝐀', '😀', '\ud835', '\udc00'];
    const scanner = new WordScanner();
    for (let k = 0; k < 20000; k++) {
      let text = '';
      const length = Math.floor(next() * 24);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)];
      assert.deepEqual(words(text), reference(text), JSON.stringify(text));
      // Unlowered text too: capitals are letters.
      const found: string[] = [];
      for (scanner.reset(text); scanner.next(); ) found.push(text.slice(scanner.start, scanner.end));
      assert.deepEqual(found, text.match(WORD) ?? [], JSON.stringify(text));
    }
  });
});

describe('countTermsIn', () => {
  it('counts what contentTerms finds of the terms, on random text', () => {
    // Words whose stems differ from them in every way stem changes a word: plurals, "ies" to
    // "y", -ing, -ed, -ly, a final e or y, possessives, figures, stop words and one letter.
    const vocabulary = (
      "deliveries delivered delivery deliver flies fly supplies supply supplying replies replied reply " +
      "refunds refunding refund customer's customers’ day days 30 2nd a I the is x boxes box " +
      'processes process quickly quick changes changed change bus buses analysis Easy easily'
    ).split(' ');
    let seed = 11;
    const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
    const pick = () => vocabulary[Math.floor(next() * vocabulary.length)];
    const separators = [' ', ', ', '. ', '\n', '-'];
    for (let k = 0; k < 5000; k++) {
      const heading = Array.from({ length: 1 + Math.floor(next() * 4) }, pick).join(' ');
      let text = '';
      for (let i = Math.floor(next() * 12); i > 0; i--) text += pick() + separators[Math.floor(next() * separators.length)];
      const terms = new Set(contentTerms(heading));
      const expected = contentTerms(text).filter((t) => terms.has(t)).length;
      assert.equal(countTermsIn(text, terms), expected, JSON.stringify({ heading, text }));
    }
  });
});

describe('hasMoreWordsThan', () => {
  it('agrees with counting the words that are not skipped, on random text', () => {
    const skip = new Set(['see', 'here', 'the', 'docs', "don't"]);
    const pieces = ['See', 'here', 'THE', 'docs', 'refund', "don't", 'Ça', '12', ' ', ', ', '\n', '](', 'https://x.example/a'];
    let seed = 5;
    const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
    for (let k = 0; k < 5000; k++) {
      let text = '';
      for (let i = Math.floor(next() * 10); i > 0; i--) text += pieces[Math.floor(next() * pieces.length)] + ' ';
      const count = Math.floor(next() * 3);
      assert.equal(hasMoreWordsThan(text, count, skip), words(text).filter((w) => !skip.has(w)).length > count, JSON.stringify({ text, count }));
    }
  });
});
