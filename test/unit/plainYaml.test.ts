// Front matter of flat `key: value` lines is read without the YAML reader; whatever that reading
// accepts must be exactly what the reader makes of it, and the rest is left to the reader.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { parseFrontMatter } from '../../src/core/parse/frontMatter';
import { plainFrontMatter } from '../../src/core/parse/plainYaml';

/** What the YAML reader makes of the lines, as parseFrontMatter calls it; undefined when it reports an error. */
function readerValue(lines: string[]): unknown {
  const doc = parseDocument(lines.join('\n'), { uniqueKeys: true, prettyErrors: true, logLevel: 'error' });
  return doc.errors.length > 0 ? undefined : (doc.toJS({ maxAliasCount: 100 }) ?? {});
}

const tokens = [
  'refunds', 'Order', 'value', 'a', 'É', 'é', 'ü', '日本', '1', '42', '007', '2024-01-05', '1.5', '1.50', '1.', '1e3', '2E-2', '0o17', '0o8', '0x1F', '0xg',
  'true', 'True', 'TRUE', 'tRUE', 'false', 'FALSE', 'null', 'Null', 'NULL', 'nULL', '~', 'yes', 'No', 'on', '.5', '.inf', '.NaN', '-1', '+1', '-', '_x',
  ' ', '  ', '\t', ':', ': ', ' :', '#', ' #', '# ', ',', ', ', '[', ']', '{', '}', "'", '"', '|', '>', '&', '*', '!', '%', '@', '`', '?', '\\', '/', '(', ')', '$5',
  '’', '–', '…', '£', '（', '）', '。', '、', '？', 'C#', '«', '»', '\u00a0', '\u2028', '\u0085', '\ufeff', 'https://example.com/a?b=1', 'team@example.com', '<x>', '^', '=', '+', ';', '.',
];
const unquoted = fc.array(fc.constantFrom(...tokens, "''"), { maxLength: 5 }).map((parts) => parts.join(''));
const value = fc.oneof(
  { weight: 3, arbitrary: unquoted },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('"', "'"), unquoted, fc.constantFrom('"', "'", '')).map(([open, text, close]) => `${open}${text}${close}`) },
);
const key = fc.constantFrom('title', 'owner', 'last_reviewed', 'tags', 'x-y', 'True', 'null', '__proto__', 'a b', '1', '-k', 'k:', '"q"', 'title');
const line = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(key, fc.constantFrom(':', ': ', ':  ', ':\t'), value, fc.constantFrom('', ' ', '  ')).map(([k, c, v, t]) => `${k}${c}${v}${t}`) },
  { weight: 2, arbitrary: fc.tuple(key, fc.array(value, { maxLength: 4 }), fc.constantFrom(', ', ',', ' , ')).map(([k, items, sep]) => `${k}: [${items.join(sep)}]`) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('', ' ', '  ', '   '), fc.constantFrom('- ', '-  ', '-', '-\t', '- - '), value).map(([indent, dash, v]) => `${indent}${dash}${v}`) },
  { weight: 1, arbitrary: key.map((k) => `${k}:`) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\t', '# a comment', ' # indented', '  nested: 1', '- item', '...x', 'key', ': x', '? x', '%YAML 1.2') },
);

describe('front matter read without the YAML reader', () => {
  it('reads exactly what the YAML reader reads, whenever it reads anything', () => {
    let read = 0;
    fc.assert(
      fc.property(fc.array(line, { minLength: 0, maxLength: 7 }), (lines) => {
        const plain = plainFrontMatter(lines);
        if (plain === null) return;
        read++;
        assert.deepStrictEqual(plain, readerValue(lines), JSON.stringify(lines));
      }),
      { numRuns: 40_000, seed: 1207 },
    );
    // The comparison means something only if a fair share of the inputs is read this way.
    assert.ok(read > 4000, `only ${read} of 40,000 front matters were read without the YAML reader`);
  });

  it('reads nested mappings and folded or literal text exactly as the YAML reader does', () => {
    // Lines at a few indentations, so that nested mappings, lists under nested keys and indented
    // text under `>` or `|` come together often, and uneven ones often enough to be refused.
    const nice = fc.constantFrom('refunds', 'Order value', '42', '-99', '1.5', 'true', 'null', '2024-01-05', '/help/refunds', '"quoted: yes"', "'it''s'", 'É tè');
    const text = fc.oneof({ weight: 3, arbitrary: nice }, { weight: 1, arbitrary: value });
    const textLine = fc.oneof({ weight: 3, arbitrary: nice }, { weight: 1, arbitrary: unquoted });
    const indent = fc.constantFrom('', '', '  ', '  ', '    ', '    ', ' ', '   ', '      ');
    const name = fc.constantFrom('menu', 'docs', 'weight', 'parent', 'title', 'description', 'cascade', 'x-y', 'null', 'a b');
    const nestedLine = fc.oneof(
      { weight: 4, arbitrary: fc.tuple(indent, name, value).map(([i, k, v]) => `${i}${k}: ${v}`) },
      { weight: 3, arbitrary: fc.tuple(indent, name).map(([i, k]) => `${i}${k}:`) },
      { weight: 2, arbitrary: fc.tuple(indent, name, fc.constantFrom('>', '|', '>-', '|-', '>+', '|2', '> # note', '>-  ')).map(([i, k, h]) => `${i}${k}: ${h}`) },
      { weight: 4, arbitrary: fc.tuple(indent, unquoted).map(([i, text]) => `${i}${text}`) },
      { weight: 2, arbitrary: fc.tuple(indent, fc.constantFrom('- ', '-  '), value).map(([i, dash, v]) => `${i}${dash}${v}`) },
      { weight: 1, arbitrary: fc.tuple(indent, fc.constantFrom('-5', '-0.5', '-1e3', '-0x1F', '-a', '- 5', '-')).map(([i, v]) => `${i}weight: ${v}`) },
      { weight: 1, arbitrary: fc.constantFrom('', ' ', '   ', '# a comment', '  # indented') },
      { weight: 1, arbitrary: fc.tuple(indent, name, fc.constantFrom('[', '[a,', '[a', '[ ')).map(([i, k, open]) => `${i}${k}: ${open}`) },
      { weight: 2, arbitrary: fc.tuple(indent, text, fc.constantFrom(',', ', ', '', ']', ',]', ' #c,')).map(([i, v, end]) => `${i}${v}${end}`) },
    );
    // Well-formed front matter made from a tree of entries, then sometimes one line put in or
    // taken out, so that most inputs nest and some are broken in one place.
    type Entry = [string, string | string[] | { block: string; lines: string[] } | { flow: string[]; comma: boolean; close: string } | Entry[]];
    const entries: fc.Memo<Entry[]> = fc.memo((depth) =>
      fc.uniqueArray(
        fc.tuple(
          name,
          depth <= 1
            ? fc.oneof(text, fc.array(text, { minLength: 1, maxLength: 3 }))
            : fc.oneof(
                text,
                fc.array(text, { minLength: 1, maxLength: 3 }),
                fc.record({ block: fc.constantFrom('>', '|', '>-', '|-'), lines: fc.array(textLine, { maxLength: 3 }) }),
                fc.record({ flow: fc.array(text, { maxLength: 3 }), comma: fc.boolean(), close: fc.constantFrom(']', ' ]', '  ]', 'x]', ',]') }),
                entries(depth - 1),
              ),
        ),
        { minLength: 1, maxLength: 4, selector: ([k]) => k },
      ),
    );
    const render = (items: Entry[], margin: string, step: string, itemStep: string): string[] =>
      items.flatMap(([k, v]) => {
        if (typeof v === 'string') return [`${margin}${k}: ${v}`];
        if (Array.isArray(v) && (v.length === 0 || typeof v[0] === 'string')) return [`${margin}${k}:`, ...(v as string[]).map((item) => `${margin}${itemStep}- ${item}`)];
        if (Array.isArray(v)) return [`${margin}${k}:`, ...render(v as Entry[], margin + step, step, itemStep)];
        if ('flow' in v) return [`${margin}${k}: [`, ...v.flow.map((item, i) => `${margin}${step}${item}${i < v.flow.length - 1 || v.comma ? ',' : ''}`), `${margin}${v.close}`];
        const block = v as { block: string; lines: string[] };
        return [`${margin}${k}: ${block.block}`, ...block.lines.map((line) => `${margin}${step}${line}`)];
      });
    const frontMatter = fc
      .tuple(entries(4), fc.constantFrom(' ', '  ', '    '), fc.constantFrom('', '  '), fc.option(fc.tuple(fc.nat(), nestedLine, fc.boolean()), { freq: 3 }))
      .map(([tree, step, itemStep, edit]) => {
        const lines = render(tree, '', step, itemStep);
        if (edit) {
          const [at, line, remove] = edit;
          if (remove) lines.splice(at % lines.length, 1);
          else lines.splice(at % (lines.length + 1), 0, line);
        }
        return lines;
      });
    let read = 0;
    let structured = 0;
    fc.assert(
      fc.property(fc.oneof(frontMatter, fc.array(nestedLine, { minLength: 1, maxLength: 8 })), (lines) => {
        const plain = plainFrontMatter(lines);
        if (plain === null) return;
        read++;
        const nested = Object.values(plain).some((v) => (typeof v === 'object' && v !== null && !Array.isArray(v)) || (typeof v === 'string' && v.endsWith('\n')));
        if (nested || lines.some((l) => l.endsWith(': ['))) structured++;
        assert.deepStrictEqual(plain, readerValue(lines), JSON.stringify(lines));
      }),
      { numRuns: 40_000, seed: 1208 },
    );
    assert.ok(structured > 1000, `only ${structured} of ${read} front matters read held a nested mapping, a text block or a list over lines`);
  });

  it('reads a generator’s menu entry and a folded description itself', () => {
    const lines = [
      'title: Backing up',
      'description: >',
      '    Regular backups: what to keep, # and where.',
      '    Twice a week.',
      'notes: |-',
      '  line one',
      '  line two',
      'menu:',
      '  docs:',
      '    weight: -99',
      '    parent: admin',
      '    tags:',
      '    - a',
      '    - b',
      '  footer:',
      '',
      'redirects: [',
      '  "/a/old",',
      '  /b/old, "/c/old",',
      ']',
      'related: [',
      '  "/d"',
      ']',
      '# a comment',
      'aliases:',
      '- /old',
    ];
    const expected = {
      title: 'Backing up',
      description: 'Regular backups: what to keep, # and where. Twice a week.\n',
      notes: 'line one\nline two',
      menu: { docs: { weight: -99, parent: 'admin', tags: ['a', 'b'] }, footer: null },
      redirects: ['/a/old', '/b/old', '/c/old'],
      related: ['/d'],
      aliases: ['/old'],
    };
    assert.deepStrictEqual(plainFrontMatter(lines), expected);
    assert.deepStrictEqual(readerValue(lines), expected);
  });

  it('reads the usual shapes itself, with the core schema’s types', () => {
    const lines = [
      'title: How do refunds work?',
      'owner: returns-team@example.com',
      'last_reviewed: 2024-01-05',
      'tags: [refunds, Returns and exchanges, 2024]',
      'weight: 10',
      'ratio: 1.50',
      'big: 1e3',
      'mode: 0o17',
      'mask: 0x1F',
      'draft: False',
      'summary:',
      'parent: null',
      '# a comment',
      '',
      'url: https://example.com/help/refunds?x=1',
      'price: £4.95 (or €5)',
      "note: it's “fine” – really…",
      'quoted: "Refunds: what # to know"',
      "single: 'it''s here'",
      'keywords: ["refunds, returns", \'money\', 30 days]',
      'aliases:',
      '  - /old/refunds',
      '  - "/older/refunds"',
      'authors:',
      '- Sam',
    ];
    const expected = {
      title: 'How do refunds work?',
      owner: 'returns-team@example.com',
      last_reviewed: '2024-01-05',
      tags: ['refunds', 'Returns and exchanges', 2024],
      weight: 10,
      ratio: 1.5,
      big: 1000,
      mode: 15,
      mask: 31,
      draft: false,
      summary: null,
      parent: null,
      url: 'https://example.com/help/refunds?x=1',
      price: '£4.95 (or €5)',
      note: "it's “fine” – really…",
      quoted: 'Refunds: what # to know',
      single: "it's here",
      keywords: ['refunds, returns', 'money', '30 days'],
      aliases: ['/old/refunds', '/older/refunds'],
      authors: ['Sam'],
    };
    assert.deepStrictEqual(plainFrontMatter(lines), expected);
    assert.deepStrictEqual(readerValue(lines), expected);
  });

  it('leaves to the YAML reader what it does not read exactly', () => {
    for (const lines of [
      ['title: a # comment'],
      ['title: a: b'],
      ['title:value'],
      ['tags:', '  - a', '- b'],
      ['tags:', '  - a', '  b: c'],
      ['tags:', '  -'],
      ['tags:', '  - [a]'],
      ['title: "a\\"b"'],
      ['title: "a" # comment'],
      ["title: 'a'b'"],
      ['title: ["a"b]'],
      ['title: a', 'title: b'],
      ['__proto__: x'],
      ['true: x'],
      ['title: [a, [b]]'],
      ['title: [a, , b]'],
      ['title: [a, b:c]'],
      ['body: |+', '  text'],
      ['body: >2', '  text'],
      ['body: > # note', '  text'],
      ['body: >', '  a', '', '  b'],
      ['body: >', '  a', '    b'],
      ['body: >', '  a\tb'],
      ['body: |', '  a', '   '],
      ['body: >', ' a', '', '  '],
      ['tags: [', 'a,', ']'],
      ['tags: [a', '  b', ']'],
      ['tags: [', '  a', '  b]'],
      ['tags: [', '  a', '  b', ']'],
      ['tags: [', '  a,', '', ']'],
      ['menu:', '  tags: [', '    a,', ' ]'],
      ['body: >', ' a', '# note', '  '],
      ['menu:', '  docs:', '    weight: 1', '   parent: x'],
      ['menu:', '  docs:', '  # note', '    weight: 1'],
      ['a:', '  b:', '    c:', '      d:', '        e:', '          f: 1'],
      ['title: &anchor x'],
      ['title: !!binary aGk='],
      ['\t'],
      ['title: a\tb'],
      ['  title: indented'],
    ]) {
      assert.equal(plainFrontMatter(lines), null, JSON.stringify(lines));
    }
  });

  it('gives the same front matter, and the same errors, through parseFrontMatter', () => {
    const ok = parseFrontMatter(['---', 'title: Refunds', 'tags: [a, b]', '---', '# Refunds']);
    assert.deepStrictEqual(ok, { data: { title: 'Refunds', tags: ['a', 'b'] }, startLine: 1, endLine: 4, error: null });
    const repeated = parseFrontMatter(['---', 'title: a', 'title: b', '---']);
    assert.equal(repeated?.error?.line, 3);
    assert.match(repeated?.error?.message ?? '', /unique/i);
  });
});
