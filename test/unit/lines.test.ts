// An article's lines are its text and where each line starts; every line read from them must be
// the line the parser cut (at \r\n, \r and \n).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Lines } from '../../src/core/model';
import { parseArticle, splitLines } from '../../src/core/parse/markdown';

describe('Lines', () => {
  it('holds exactly the lines the text splits into, whatever its line breaks', () => {
    const text = fc.array(fc.constantFrom('a', 'bc', ' ', '\r', '\n', '\r\n', '\n\r', 'é', '’'), { maxLength: 30 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (t) => {
        const lines = Lines.of(t);
        const expected = splitLines(t);
        assert.equal(lines.length, expected.length);
        assert.deepEqual(lines.slice(), expected);
        assert.deepEqual([...lines], expected);
        expected.forEach((line, i) => assert.equal(lines.at(i), line));
        assert.equal(lines.at(-1), undefined);
        assert.equal(lines.at(expected.length), undefined);
      }),
      { numRuns: 5_000 },
    );
  });

  it('answers the questions rules ask of them', () => {
    const lines = Lines.from(['# Refunds', '', 'Within 14 days.']);
    assert.equal(lines.text, '# Refunds\n\nWithin 14 days.');
    assert.equal(lines.some((line) => line.startsWith('Within')), true);
    assert.equal(lines.some((line) => line === 'nothing'), false);
    assert.deepEqual(lines.slice(1, 3), ['', 'Within 14 days.']);
    assert.deepEqual(lines.slice(2, 99), ['Within 14 days.']);
  });

  it('keeps an article’s text once: its lines are cut from the very text parsed', () => {
    const text = '---\r\ntitle: Refunds\r\n---\r\n# Refunds\r\n\r\nWithin 14 days.\r\n';
    const article = parseArticle('refunds.md', new TextEncoder().encode(text));
    assert.equal(article.lines.text, text);
    assert.equal(article.lineCount, article.lines.length);
    assert.equal(article.lines.at(3), '# Refunds');
    assert.equal(article.lines.at(5), 'Within 14 days.');
  });
});
