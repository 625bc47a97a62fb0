import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addMissingFrontMatterFields,
  applyTextEdits,
  isoDate,
  setReviewDate,
  suppressFinding,
  yamlScalar,
} from '../../src/core/edits';
import type { Finding } from '../../src/core/model';
import { parseMarkdown } from '../../src/core/parse/markdown';
import { isSuppressed } from '../../src/core/suppressions';

function apply(text: string, edits: ReturnType<typeof setReviewDate>): string {
  assert.ok(edits, 'expected edits, got null');
  return applyTextEdits(text, edits);
}

function finding(file: string, line: number, ruleId: string): Finding {
  return { ruleId, severity: 'warning', message: 'm', file, line, column: 1, endLine: line, endColumn: 2 };
}

describe('setReviewDate', () => {
  it('replaces the date on its line and nothing else', () => {
    const text = '---\ntitle: Refunds\nlast_reviewed: 2023-01-05\nowner: ops\n---\n\n# Refunds\n';
    const edits = setReviewDate(text, '2026-11-20');
    assert.deepEqual(edits, [
      { range: { line: 3, column: 16, endLine: 3, endColumn: 26 }, expected: '2023-01-05', newText: '2026-11-20' },
    ]);
    const out = apply(text, edits);
    assert.equal(out, text.replace('2023-01-05', '2026-11-20'));
    assert.equal(parseMarkdown('a.md', out).frontMatter?.data.last_reviewed, '2026-11-20');
  });

  it('keeps a trailing comment and quoting style out of the replaced range', () => {
    const text = '---\nlast_reviewed:   "2023-01-05"  # by ops\n---\n';
    const out = apply(text, setReviewDate(text, '2026-11-20'));
    assert.equal(out, '---\nlast_reviewed:   2026-11-20  # by ops\n---\n');
  });

  it('adds the field before the closing fence when it is missing, with the file\'s line endings', () => {
    const text = '---\r\ntitle: Refunds\r\n---\r\n# Refunds\r\n';
    const out = apply(text, setReviewDate(text, '2026-11-20'));
    assert.equal(out, '---\r\ntitle: Refunds\r\nlast_reviewed: 2026-11-20\r\n---\r\n# Refunds\r\n');
    assert.equal(parseMarkdown('a.md', out).frontMatter?.data.title, 'Refunds');
  });

  it('creates front matter when the article has none', () => {
    const text = '# Refunds\n\nWithin 14 days.\n';
    const out = apply(text, setReviewDate(text, '2026-11-20'));
    assert.equal(out, '---\nlast_reviewed: 2026-11-20\n---\n# Refunds\n\nWithin 14 days.\n');
    const article = parseMarkdown('a.md', out);
    assert.ok(article.frontMatter);
    assert.equal(article.sections[0].heading, 'Refunds');
    assert.equal(article.sections[0].startLine, 4);
  });

  it('is a no-op when the date is already today', () => {
    assert.deepEqual(setReviewDate('---\nlast_reviewed: 2026-11-20\n---\n', '2026-11-20'), []);
  });

  it('refuses a value written as a multi-line block', () => {
    assert.equal(setReviewDate('---\nlast_reviewed: |\n  2023-01-05\n---\n', '2026-11-20'), null);
    assert.equal(setReviewDate('---\nlast_reviewed:\n  - 2023-01-05\n---\n', '2026-11-20'), null);
  });

  it('does not treat an indented or key-less line as the field', () => {
    const text = '---\nmeta:\n  last_reviewed: 2020-01-01\nlast_reviewed:2020\n---\n';
    const out = apply(text, setReviewDate(text, '2026-11-20'));
    assert.equal(out, '---\nmeta:\n  last_reviewed: 2020-01-01\nlast_reviewed:2020\nlast_reviewed: 2026-11-20\n---\n');
  });
});

describe('addMissingFrontMatterFields', () => {
  it('adds only the absent fields, quoting values YAML would misread', () => {
    const text = '---\ntitle: Refunds\n---\n\n# Refunds\n';
    const out = apply(text, addMissingFrontMatterFields(text, { title: 'Other', owner: 'yes', summary: 'a: b' }));
    assert.equal(out, '---\ntitle: Refunds\nowner: "yes"\nsummary: "a: b"\n---\n\n# Refunds\n');
    assert.deepEqual(parseMarkdown('a.md', out).frontMatter?.data, { title: 'Refunds', owner: 'yes', summary: 'a: b' });
  });

  it('a stale fix is refused when the closing fence moved', () => {
    const text = '---\ntitle: Refunds\n---\n';
    const edits = addMissingFrontMatterFields(text, { owner: 'ops' })!;
    assert.throws(() => applyTextEdits('---\ntitle: Refunds\nx: 1\n---\n', edits), /expected "---"/);
  });
});

describe('yamlScalar', () => {
  it('leaves plain strings and dates bare and quotes the rest', () => {
    assert.equal(yamlScalar('ops-team@example.com'), 'ops-team@example.com');
    assert.equal(yamlScalar('2026-01-02'), '2026-01-02');
    for (const v of ['', 'true', '12', '- x', '#x', 'a #b', ' x', 'x ', '"x"', 'a\nb']) assert.equal(yamlScalar(v), JSON.stringify(v), v);
  });

  it('isoDate uses the local calendar day', () => {
    assert.equal(isoDate(new Date(2026, 0, 9, 23, 59)), '2026-01-09');
  });
});

describe('suppressFinding', () => {
  const text = '---\ntitle: T\n---\n\n# Refunds\n\nFirst line\nsecond line\n\n```\ncode\n```\n';

  it('puts a disable-next-line comment above a heading and the parser honours it', () => {
    const out = apply(text, suppressFinding(text, 5, 'empty-section'));
    assert.match(out, /\n<!-- kb-audit-disable-next-line empty-section -->\n# Refunds\n/);
    const article = parseMarkdown('a.md', out);
    assert.equal(article.sections.find((s) => s.level === 1)?.startLine, 6);
    assert.ok(isSuppressed(article, finding('a.md', 6, 'empty-section')));
    assert.ok(!isSuppressed(article, finding('a.md', 6, 'placeholder')));
  });

  it('appends a disable-line comment inside a paragraph so the paragraph stays whole', () => {
    const out = apply(text, suppressFinding(text, 8, 'placeholder'));
    assert.match(out, /\nsecond line <!-- kb-audit-disable-line placeholder -->\n/);
    const article = parseMarkdown('a.md', out);
    assert.ok(isSuppressed(article, finding('a.md', 8, 'placeholder')));
    assert.equal(article.sections[0].blocks[0].text, 'First line\nsecond line');
  });

  it('refuses front matter, code fences, lines out of range and odd rule ids', () => {
    assert.equal(suppressFinding(text, 2, 'x'), null);
    assert.equal(suppressFinding(text, 11, 'x'), null);
    assert.equal(suppressFinding(text, 99, 'x'), null);
    assert.equal(suppressFinding(text, 5, 'x --><script>'), null);
  });
});
