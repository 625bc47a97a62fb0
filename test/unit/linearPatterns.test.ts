// Patterns rewritten to run in linear time must still accept exactly what they accepted before.
// The earlier forms (kept here only as the reference) backtracked exponentially or cubically on
// long inputs, so the comparison runs on short strings over the characters that matter.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { EDGE_SLASHES, TRAILING_SLASHES } from '../../src/core/fileSystem';
import { parseMarkdown } from '../../src/core/parse/markdown';
import { HEADING_IDENTIFIER, identifiersIn } from '../../src/core/rules/util/conflicts';
import { EMAIL, MONEY } from '../../src/core/rules/util/facts';
import { BLOCK_SCALAR } from '../../src/core/parse/yamlDepth';
import { HTML_LINK, INLINE_TAG, TAGS_ONLY } from '../../src/core/parse/syntax';
import { headingCodeNames, IDENTIFIER } from '../../src/core/similarity/variants';

const EARLIER_IDENTIFIER =
  /^(?:[\p{L}\p{N}]+(?:[_.:/\-[\]]+[\p{L}\p{N}\]]*)+|\p{Ll}+\p{Lu}[\p{L}\p{N}]*|\p{Lu}\p{Ll}+\p{Lu}[\p{L}\p{N}]*|\p{Lu}[\p{Lu}\p{N}_]*_[\p{Lu}\p{N}_]+)(?:\(\))?$/u;
const EARLIER_TAGS_ONLY = /^\s*(?:<\/?[A-Za-z][\w.:-]*(?:\s+[^<>]*?)?\s*\/?>\s*)+$/;
const EARLIER_INLINE_TAG =
  /<\/?(?:a|abbr|b|big|br|center|cite|code|del|dfn|div|em|font|i|img|ins|kbd|mark|p|q|s|samp|small|span|strike|strong|sub|summary|details|sup|time|tt|u|var|wbr|[A-Z][\w.]*)(?:\s[^<>]*?)?\s*\/?>/g;

const EARLIER_HTML_LINK = /<a\s[^<>]*?href\s*=\s*["']([^"']*)["'][^<>]*>([\s\S]*?)<\/a\s*>/gi;

const text = (chars: string[], maxLength: number) => fc.array(fc.constantFrom(...chars), { maxLength }).map((c) => c.join(''));
const identifierChars = ['a', 'b', 'Z', 'Q', 'é', 'É', '1', '_', '.', ':', '/', '-', '[', ']', '(', ')', '?', ' '];
const tagChars = ['<', '>', '/', 'a', 'b', 'r', 'B', 'x', ' ', '\t', '=', '"', '.', ':', '-', 'i', 'p', 'n'];
const tagWords = fc.array(fc.oneof(text(tagChars, 4), fc.constantFrom('<b', '<br', '</a', '<Tabs', '<img', ' />', '/>', '>', ' x="1"', '  ')), { maxLength: 8 }).map((parts) => parts.join(''));

describe('patterns rewritten to run in linear time', () => {
  it('IDENTIFIER accepts the words it accepted before', () => {
    fc.assert(
      fc.property(text(identifierChars, 14), (word) => assert.equal(IDENTIFIER.test(word), EARLIER_IDENTIFIER.test(word), JSON.stringify(word))),
      { numRuns: 20_000 },
    );
  });

  it('TAGS_ONLY accepts the lines it accepted before', () => {
    fc.assert(
      fc.property(tagWords, (line) => assert.equal(TAGS_ONLY.test(line), EARLIER_TAGS_ONLY.test(line), JSON.stringify(line))),
      { numRuns: 20_000 },
    );
  });

  it('INLINE_TAG removes the same tags as before', () => {
    fc.assert(
      fc.property(tagWords, (line) => assert.equal(line.replace(INLINE_TAG, '|'), line.replace(EARLIER_INLINE_TAG, '|'), JSON.stringify(line))),
      { numRuns: 20_000 },
    );
  });

  it('reads a heading word of thirty separators that names no identifier at once (it took seconds, doubling with every one more)', () => {
    const article = parseMarkdown('form.md', `# Name:${'_'.repeat(30)}?\n\nFill in your name.\n`);
    const started = performance.now();
    assert.deepEqual(headingCodeNames(article, article.sections[0]), []);
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 1000, `${Math.round(elapsed)} ms`);
  });

  it('TRAILING_SLASHES and EDGE_SLASHES trim what /\\/+$/ and /^\\/+|\\/+$/g trimmed', () => {
    fc.assert(
      fc.property(text(['/', 'a', '.', ' ', '\\'], 12), (path) => {
        assert.equal(path.replace(TRAILING_SLASHES, ''), path.replace(/\/+$/, ''), JSON.stringify(path));
        assert.equal(path.replace(EDGE_SLASHES, ''), path.replace(/^\/+|\/+$/g, ''), JSON.stringify(path));
      }),
      { numRuns: 20_000 },
    );
  });

  it('HEADING_IDENTIFIER finds the names it found before in headings of ordinary length', () => {
    const EARLIER = /[\p{L}\p{N}]+(?:(?:_|::|\]?\[|\.)[\p{L}\p{N}]+)+\]?|\b\p{Ll}+\p{Lu}[\p{L}\p{N}]*/gu;
    const parts = ['a', 'B', 'é', 'É', '1', '_', '::', '[', ']', '.', ' ', '-', 'For'];
    const matches = (s: string, re: RegExp) => [...s.matchAll(re)].map((m) => [m.index, m[0]]);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...parts), { maxLength: 14 }).map((p) => p.join('')), (s) =>
        assert.deepEqual(matches(s, HEADING_IDENTIFIER), matches(s, EARLIER), JSON.stringify(s)),
      ),
      { numRuns: 20_000 },
    );
  });

  it('reads a heading of one 60,000-letter word at once (it took 7 s)', () => {
    const started = performance.now();
    assert.deepEqual(identifiersIn('For'.repeat(20_000)), []);
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 1000, `${Math.round(elapsed)} ms`);
  });

  it('EMAIL and MONEY find what they found before in text of ordinary length', () => {
    const EARLIER_EMAIL = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g;
    const EARLIER_MONEY = /(?:([$£€])\s?(\d[\d,]*(?:\.\d{1,2})?)|\b(\d[\d,]*(?:\.\d{1,2})?)\s?(usd|gbp|eur|dollars?|pounds?|euros?)\b)/gi;
    const parts = ['a', 'b', '1', '9', '.', ',', '-', '+', '@', ' ', '$', 'usd', ' eur', 'x.test', '_'];
    const matches = (s: string, re: RegExp) => [...s.matchAll(re)].map((m) => [m.index, ...m]);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...parts), { maxLength: 14 }).map((p) => p.join('')), (s) => {
        assert.deepEqual(matches(s, EMAIL), matches(s, EARLIER_EMAIL), JSON.stringify(s));
        assert.deepEqual(matches(s, MONEY), matches(s, EARLIER_MONEY), JSON.stringify(s));
      }),
      { numRuns: 20_000 },
    );
  });

  it('BLOCK_SCALAR accepts the lines it accepted before, where no line separator is in them', () => {
    const EARLIER_BLOCK_SCALAR = /(?:^|[:-][ \t]+)[|>][-+1-9]{0,2}[ \t]*(?:[ \t]#.*)?$/;
    fc.assert(
      fc.property(text([':', '-', ' ', '\t', '|', '>', '+', '2', '#', 'a'], 12), (line) =>
        assert.equal(BLOCK_SCALAR.test(line), EARLIER_BLOCK_SCALAR.test(line), JSON.stringify(line)),
      ),
      { numRuns: 20_000 },
    );
  });

  it('HTML_LINK finds the links it found before: the same places, addresses and texts', () => {
    const linkParts = fc.constantFrom('<a href="x.md">', "<A HREF='y'>", '<a name="n">', '<a href=z>', '<a  class="c" href="w.md" >', '</a>', '</A >', 'text', ' ', '<b>', '"', '>', '<', 'href=""', '<a ');
    const line = fc.array(linkParts, { maxLength: 12 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(line, (l) => {
        const earlier = [...l.matchAll(EARLIER_HTML_LINK)].map((m) => [m.index, m[0], m[1], m[2]]);
        const now = [...l.matchAll(HTML_LINK)].map((m) => [m.index, m[0], m[2], m[3]]);
        assert.deepEqual(now, earlier, JSON.stringify(l));
      }),
      { numRuns: 20_000 },
    );
  });
});
