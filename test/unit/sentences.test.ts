// Sentences are found by looking for the characters that may end one; the reference below reads
// every character in turn, as the splitter did before.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { sentences } from '../../src/core/similarity/text';

const ABBREVIATION = /(?:^|\s)(?:e\.g|i\.e|etc|vs|approx|no|nr|incl|st|mr|mrs|ms|dr)\.$/i;

function characterByCharacter(text: string): Array<{ text: string; start: number }> {
  const out: Array<{ text: string; start: number }> = [];
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const trimmed = raw.trim();
    if (trimmed) out.push({ text: trimmed, start: start + (raw.length - raw.trimStart().length) });
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      push(i);
      start = i + 1;
    } else if (c === 46 || c === 33 || c === 63) {
      const next = text.charCodeAt(i + 1);
      if (!(i + 1 >= text.length || next === 32 || next === 10 || next === 9)) continue;
      if (c === 46 && ABBREVIATION.test(text.slice(Math.max(start, i - 6), i + 1))) continue;
      push(i + 1);
      start = i + 1;
    }
  }
  push(text.length);
  return out;
}

describe('sentences', () => {
  it('are split where reading every character splits them', () => {
    const token = fc.constantFrom('Refunds', 'take', '14', 'days', '£4.95', 'example.com', 'e.g.', 'etc.', 'Dr.', 'No.', 'vs.', '.', '!', '?', '?!', '...', ' ', '  ', '\t', '\n', '\r\n', 'é', '日本語。', '😀', 'x.y', '.\n', '!\t');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 30 }).map((parts) => parts.join('')), (text) => {
        assert.deepStrictEqual(sentences(text), characterByCharacter(text), JSON.stringify(text));
      }),
      { numRuns: 20_000, seed: 1207 },
    );
  });

  it('keep abbreviations, figures and addresses inside a sentence', () => {
    assert.deepStrictEqual(
      sentences('Call Dr. Lee, e.g. on 0800 123.\nPay £4.95 at example.com! Done?'),
      [
        { text: 'Call Dr. Lee, e.g. on 0800 123.', start: 0 },
        { text: 'Pay £4.95 at example.com!', start: 32 },
        { text: 'Done?', start: 58 },
      ],
    );
  });
});
