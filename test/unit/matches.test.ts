// matchesOf finds what String.prototype.matchAll finds, without matchAll's copy of the pattern.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { matchesOf } from '../../src/core/matches';

/** What the comparison reads of a match: its text, groups, index and named groups. */
const shape = (m: RegExpMatchArray) => ({ all: [...m], index: m.index, groups: m.groups ? { ...m.groups } : undefined });

const PATTERNS = [
  /\d+(?:[.,]\d+)?/g,
  /\b(?<word>[a-z]+)\b/gi,
  /x*/g,
  /(?:)/gu,
  /\p{L}*/gu,
  /(?<![\w.])\d{2,5}(?:[\s.-]\d{2,5}){1,4}(?![\w%])/g,
  /😀|é|$/gu,
  /^|\n/gm,
];

describe('matchesOf', () => {
  it('gives the matches matchAll gives, empty ones and surrogate pairs included', () => {
    const text = fc.array(fc.constantFrom('a', 'B', 'é', '😀', '12', '3.5', ' ', '\n', 'x', '-', '\ud83d', '%'), { maxLength: 12 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.constantFrom(...PATTERNS), text, fc.nat({ max: 4 }), (pattern, input, start) => {
        pattern.lastIndex = start;
        const expected = [...input.matchAll(pattern)].map(shape);
        assert.deepStrictEqual(matchesOf(pattern, input).map(shape), expected, `${pattern} on ${JSON.stringify(input)} from ${start}`);
        // The pattern is left as it was found, as matchAll leaves it.
        assert.equal(pattern.lastIndex, start);
      }),
      { numRuns: 5000, seed: 1207 },
    );
  });

  it('refuses a pattern that is not global, as matchAll does', () => {
    assert.throws(() => matchesOf(/a/, 'aa'), TypeError);
  });
});
