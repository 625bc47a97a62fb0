import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { countWords, parseArticle, parseMarkdown, slugify, withFileText } from '../../src/core/parse/markdown';
import { sectionText } from '../../src/core/model';
import { decodeText } from '../../src/core/parse/decode';

const fixtures = join(__dirname, '..', 'fixtures', 'parse');

describe('parseMarkdown', () => {
  it('builds sections with heading paths, levels, slugs and line ranges (fixture)', () => {
    const text = readFileSync(join(fixtures, 'nested-headings.md'), 'utf8');
    const expected = JSON.parse(readFileSync(join(fixtures, 'nested-headings.expected.json'), 'utf8'));
    const article = parseMarkdown('refunds.md', text);
    const actual = article.sections.map((s) => ({
      heading: s.heading,
      level: s.level,
      headingPath: s.headingPath,
      slug: s.slug,
      startLine: s.startLine,
      endLine: s.endLine,
      kinds: s.blocks.map((b) => b.kind),
    }));
    assert.deepEqual(actual, expected);
    assert.equal(article.title, 'Refunds and returns');
    assert.deepEqual(article.frontMatter?.data, { title: 'Refunds and returns', owner: 'returns-team@example.com', last_reviewed: '2026-01-10' });
    assert.equal(article.frontMatter?.endLine, 5);
  });

  it('strips markup from section text and records links with their lines', () => {
    const text = readFileSync(join(fixtures, 'nested-headings.md'), 'utf8');
    const section = parseMarkdown('refunds.md', text).sections[2];
    assert.equal(sectionText(section), 'Refunds take 5 business days after we receive the item.\nSee the returns policy.');
    assert.equal(section.wordCount, 14);
    assert.deepEqual(section.links, [{ href: 'returns.md#policy', text: 'the returns policy', line: 15 }]);
    assert.equal(section.id, 'refunds.md#how-long-do-refunds-take');
  });

  it('marks ordered list items as steps', () => {
    const article = parseMarkdown('a.md', '# Steps\n\n1. One\n2. Two\n\n- loose\n');
    assert.deepEqual(article.sections[0].blocks.map((b) => [b.kind, b.ordered, b.text]), [
      ['list_item', true, 'One'],
      ['list_item', true, 'Two'],
      ['list_item', false, 'loose'],
    ]);
  });

  it('reads the words inside inline HTML tags and leaves HTML comments out of section text', () => {
    const article = parseMarkdown('a.md', '# T\n\n<!-- internal note -->\n\n<b>bold</b> words\n');
    // Tags are markup around the words: the reader (and the bot) reads "bold words".
    assert.equal(sectionText(article.sections[0]), 'bold words');
  });

  it('titles an article from front matter, else its first H1, else its file name', () => {
    assert.equal(parseMarkdown('x/how-to-pay.md', 'no heading').title, 'How to pay');
    assert.equal(parseMarkdown('a.md', 'text\n\n# Payments\n').title, 'Payments');
    assert.equal(parseMarkdown('a.md', '---\ntitle: From FM\n---\n# H1\n').title, 'From FM');
  });

  it('reports malformed front matter with its line and keeps indexing the body', () => {
    const article = parseMarkdown('bad.md', '---\ntitle: ok\nowner: [unclosed\n---\n# Body\n\ntext\n');
    assert.equal(article.parseFindings.length, 1);
    const finding = article.parseFindings[0];
    assert.equal(finding.ruleId, 'front-matter-invalid');
    assert.equal(finding.line >= 2 && finding.line <= 4, true, `line ${finding.line} should point into the front matter`);
    assert.equal(article.sections[0].heading, 'Body');
    assert.equal(article.sections[0].startLine, 5);
  });

  it('places a front-matter error where it is, also after a blank line yaml loses count of', () => {
    const article = parseMarkdown('bad.md', '---\n * <\n\n-:\n| U\n---\n# Body\n');
    const finding = article.parseFindings[0];
    assert.equal(finding.ruleId, 'front-matter-invalid');
    assert.match(finding.message, /Not a YAML token: U/);
    assert.deepEqual([finding.line, finding.column], [5, 3]);
  });

  it('reports front matter that is never closed', () => {
    const article = parseMarkdown('bad.md', '---\ntitle: x\n# Body\n');
    assert.match(article.parseFindings[0].message, /never closed/);
  });

  it('reports front matter that is not a mapping', () => {
    const article = parseMarkdown('list.md', '---\n- a\n- b\n---\n# Body\n');
    assert.match(article.parseFindings[0].message, /mapping/);
  });

  it('reads !!binary front matter as text, the same after a trip to the parse worker', () => {
    // "aGVsbG8=" is "hello"; an alias makes the list hold itself.
    const article = parseMarkdown('bin.md', '---\ntitle: !!binary aGVsbG8=\nlist: &l [1, *l, !!binary aGk=]\n---\n# Body\n');
    assert.deepEqual(article.parseFindings, []);
    assert.equal(article.title, 'hello');
    const list = article.frontMatter!.data.list as unknown[];
    assert.equal(list[2], 'hi');
    assert.equal(list[1], list);
    assert.deepEqual(structuredClone(article.frontMatter), article.frontMatter);
    // Binary data for the whole front matter is no mapping of keys to values.
    assert.match(parseMarkdown('top.md', '---\n!!binary aGVsbG8=\n---\n').parseFindings[0].message, /mapping/);
  });

  it('rejects duplicate front-matter keys', () => {
    const article = parseMarkdown('dup.md', '---\ntitle: a\ntitle: b\n---\n');
    assert.equal(article.parseFindings[0]?.ruleId, 'front-matter-invalid');
  });

  it('keeps CRLF line numbers and records the line ending', () => {
    const article = parseMarkdown('crlf.md', '# A\r\n\r\ntext\r\n\r\n## B\r\n\r\nmore\r\n');
    assert.equal(article.eol, '\r\n');
    assert.deepEqual(article.sections.map((s) => [s.heading, s.startLine, s.endLine]), [
      ['A', 1, 3],
      ['B', 5, 7],
    ]);
  });

  it('parses inline suppression comments', () => {
    const article = parseMarkdown('s.md', '<!-- kb-audit-disable placeholder, thin-answer -->\ntext\n<!-- kb-audit-enable -->\n');
    assert.deepEqual(article.suppressions, [
      { kind: 'disable', ruleIds: ['placeholder', 'thin-answer'], line: 1 },
      { kind: 'enable', ruleIds: [], line: 3 },
    ]);
  });
});

describe('parseArticle', () => {
  it('strips a UTF-8 BOM and remembers it', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('# Title\n')]);
    const article = parseArticle('bom.md', bytes);
    assert.equal(article.hasBom, true);
    assert.equal(article.title, 'Title');
    assert.deepEqual(article.parseFindings, []);
  });

  it('indexes invalid UTF-8 with replacement characters and reports the byte offset', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('# Caf'), 0xe9, ...new TextEncoder().encode(' menu\n')]);
    const article = parseArticle('latin1.md', bytes);
    assert.equal(article.sections[0].heading, 'Caf\uFFFD menu');
    assert.equal(article.parseFindings[0].ruleId, 'invalid-encoding');
    assert.match(article.parseFindings[0].message, /byte offset 5\b/);
  });

  it('hashes content so identical bytes share a key', () => {
    const a = parseArticle('a.md', new TextEncoder().encode('# Same'));
    const b = parseArticle('b.md', new TextEncoder().encode('# Same'));
    const c = parseArticle('c.md', new TextEncoder().encode('# Other'));
    assert.equal(a.hash, b.hash);
    assert.notEqual(a.hash, c.hash);
  });
});

describe('text helpers', () => {
  it('slugifies like GitHub headings', () => {
    assert.equal(slugify('How long do refunds take?'), 'how-long-do-refunds-take');
    assert.equal(slugify('Café & Co.'), 'café--co');
  });

  it('counts words with numbers, contractions and decimals as one each', () => {
    assert.equal(countWords("It's £4.99 — don't wait 3-5 days"), 6);
  });

  it('counts ASCII text as it counts any text', () => {
    // The ASCII fast path must agree with the general rule on every joining character.
    const cases = ["don't stop", "'quoted' words", 'e.g. this', 'a--b c__d', '.5 and -3', 'end.', 'x_y-z.w', 'UPPER lower 42', "it's-a_b.c'd", ''];
    for (const text of cases) {
      assert.equal(countWords(text), countWords(`${text} é`) - 1, text);
    }
    assert.equal(countWords("don't stop"), 2);
    assert.equal(countWords("'quoted' words"), 2);
    assert.equal(countWords('a--b c__d'), 2);
    assert.equal(countWords('.5 and -3'), 3);
  });
});

describe('an article parsed elsewhere, joined to its file again', () => {
  // Every Markdown fixture: headings at several depths, repeated headings, markup, tables, flavours.
  const markdownFiles = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? markdownFiles(join(dir, entry.name)) : /\.mdx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
    );

  it('is the article parsed here, lines and texts included', () => {
    const files = markdownFiles(join(__dirname, '..', 'fixtures'));
    assert.ok(files.length > 50, `fixtures found: ${files.length}`);
    for (const path of files) {
      const bytes = readFileSync(path);
      const here = parseArticle(path, bytes);
      // What the parse worker sends and the cache stores: a copy, without the lines.
      const { lines: _lines, ...sent } = structuredClone(here);
      const joined = withFileText(sent, decodeText(bytes).text);
      assert.deepEqual(joined, here, path);
    }
  });
});
