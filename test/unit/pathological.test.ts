// Inputs known to make Markdown parsers slow (the cases of the CommonMark and markdown-it
// pathological suites), each through the whole pipeline: parse, every rule, index, routing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG } from '../../src/core/config/config';
import { readYaml } from '../../src/core/flavor/helpers';
import { loadKnowledgeBase } from '../../src/core/knowledgeBase';
import { codeKey } from '../../src/core/locale/drift';
import { parseMarkdown } from '../../src/core/parse/markdown';
import { loadQuestions } from '../../src/core/routing/questions';
import { MAX_YAML_DEPTH } from '../../src/core/parse/yamlDepth';
import { memoryFileSystem } from '../helpers/memoryFileSystem';
import { timeWholePipeline } from '../helpers/pipeline';

const N = 30_000;
const CASES: Record<string, string> = {
  'nested strong emphasis': '*a **a '.repeat(N / 8) + 'b' + ' a** a*'.repeat(N / 8),
  'many emphasis closers with no openers': 'a_ '.repeat(N),
  'many emphasis openers with no closers': '_a '.repeat(N),
  'many link closers with no openers': 'a]'.repeat(N),
  'many link openers with no closers': '[a'.repeat(N),
  'mismatched openers and closers': '*a_ '.repeat(N),
  'openers and closers multiple of 3': 'a**b' + 'c* '.repeat(N),
  'link openers and emphasis closers': '[ a_'.repeat(N),
  'pattern [ (]( repeated': '[ (]('.repeat(N),
  'hard link/emphasis case': '**x [a*b**c*](d)',
  'nested brackets': '['.repeat(N / 4) + 'a' + ']'.repeat(N / 4),
  'nested block quotes': '> '.repeat(N / 4) + 'a',
  'deeply nested lists': Array.from({ length: 1000 }, (_, i) => '  '.repeat(i) + '* a').join('\n'),
  'U+0000 in input': 'abc\u0000de\u0000'.repeat(N / 4),
  'backticks': Array.from({ length: 2000 }, (_, i) => 'e' + '`'.repeat(i + 1)).join(''),
  'unclosed links A': '[a](<b'.repeat(N),
  'unclosed links B': '[a](b'.repeat(N),
  'unclosed <': '<'.repeat(N) + 'a',
  'many >': '>'.repeat(N),
  'many *': '*'.repeat(N),
  'many backticks in a row': '`'.repeat(N),
  'many tildes': '~'.repeat(N),
  'link reference definitions flood': Array.from({ length: 10_000 }, (_, i) => `[r${i}]: /u${i}`).join('\n') + '\n\n[r1] [r9999]',
  'nested inline links': '[a '.repeat(N / 10) + '](/u)'.repeat(N / 10),
  'autolink-like runs': '<a:'.repeat(N),
  'entity-like runs': '&#'.repeat(N) + '&amp'.repeat(N / 4),
  'table with many columns': '|' + 'a|'.repeat(2000) + '\n|' + '-|'.repeat(2000) + '\n|' + 'b|'.repeat(2000),
  'many headings': Array.from({ length: 20_000 }, (_, i) => `${'#'.repeat((i % 6) + 1)} H${i}`).join('\n'),
  'very long line of words': 'refund delivery order '.repeat(50_000),
  'deep emphasis nesting with underscores': '_'.repeat(N / 2) + 'a' + '_'.repeat(N / 2),
  'an address, then a run of 120,000 characters an address could start with': `Write to help@example.test or ${'ow-do-'.repeat((2 * N) / 3)}.`,
  'an amount, then 120,000 digits and commas before no currency': `It costs 5 usd, not ${'1,'.repeat(2 * N)}.`,
  // Each took from tens of seconds to hours before the patterns that read them were made linear.
  'an HTML link tag with thousands of addresses and no end': `<a ${'href="" '.repeat(20000)}<a href="x">x</a>`,
  'thousands of HTML link tags never closed': `</a>${'<a href="x.md">text '.repeat(10000)}`,
  'a tag left open before a long run of tabs': `<b\t${'\t'.repeat(4000)}<\n\n<b${' '.repeat(4000)}x`,
  'front matter nested in 5,000 flow sequences': `---\ntags: ${'['.repeat(5000)}\n---\n# Body\n`,
  'front matter nested in 5,000 block sequences': `---\n${'- '.repeat(5000)}x\n---\n# Body\n`,
  'front matter nested in 1,000 complex keys': `---\n${'? '.repeat(1000)}x\n---\n# Body\n`,
  'front matter with alias bomb': '---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n---\n# Body\n',
};

const BOUND_MS = 2000;

describe('pathological Markdown through the whole pipeline', () => {
  for (const [name, text] of Object.entries(CASES)) {
    it(`${name} finishes within ${BOUND_MS} ms`, async () => {
      const elapsed = await timeWholePipeline(text, text.slice(0, 2000));
      assert.ok(elapsed < BOUND_MS, `${name}: ${Math.round(elapsed)} ms`);
    });
  }
});

describe('a generator\'s table of contents', () => {
  // Read with a pattern, an mdBook SUMMARY.md of unclosed link targets took seconds a load.
  it(`an mdBook SUMMARY.md of 60,000 unclosed link targets loads within ${BOUND_MS} ms`, async () => {
    const fs = memoryFileSystem({
      '/book/book.toml': '[book]\ntitle = "Notes"\n',
      '/book/src/SUMMARY.md': `# Summary\n\n- [Intro](intro.md)\n${']('.repeat(2 * N)}\n`,
      '/book/src/intro.md': '# Intro\n\nWelcome to the notes.\n',
    });
    const started = performance.now();
    const kb = await loadKnowledgeBase(fs, '/book/src', DEFAULT_CONFIG);
    const elapsed = performance.now() - started;
    assert.ok(kb.site.navigation.files.has('intro.md'));
    assert.ok(elapsed < BOUND_MS, `${Math.round(elapsed)} ms`);
  });
});

describe('a generator\'s configuration', () => {
  const intro = '# Intro\n\nWelcome to the notes.\n';
  const slashes = '/'.repeat(2 * N);
  // Each was read with a pattern that tried again from every start: seconds on any of them.
  const sites: Record<string, { files: Record<string, string>; docs: string; flavor: string }> = {
    'a sidebar of 30,000 escaped quotes never closed': {
      files: { '/site/docusaurus.config.js': 'module.exports = {};\n', '/site/sidebars.js': `module.exports = { docs: ['intro', ${'"\\'.repeat(N)}${"'".repeat(N)}] };\n` },
      docs: '/site/docs',
      flavor: 'docusaurus',
    },
    'a config with 60,000 i18n blocks never closed': {
      files: { '/site/docusaurus.config.js': `module.exports = { ${'i18n: {'.repeat(2 * N)}`, '/site/sidebars.js': "module.exports = { docs: ['intro'] };\n" },
      docs: '/site/docs',
      flavor: 'docusaurus',
    },
    'an i18n block with 30,000 locale lists never closed': {
      files: { '/site/docusaurus.config.js': `module.exports = { i18n: { ${"locales: ['".repeat(N)} } };\n`, '/site/sidebars.js': "module.exports = { docs: ['intro'] };\n" },
      docs: '/site/docs',
      flavor: 'docusaurus',
    },
    'a site url, a sidebar entry and a folder with 60,000 slashes inside': {
      files: {
        '/site/docusaurus.config.js': `module.exports = { url: 'https://help.example.test/a${slashes}b/', baseUrl: '/a${slashes}b/' };\n`,
        '/site/sidebars.js': `module.exports = { docs: ['intro', 'a${slashes}b', { type: 'autogenerated', dirName: 'a${slashes}b/' }] };\n`,
      },
      docs: '/site/docs',
      flavor: 'docusaurus',
    },
    'a Hugo baseURL with 60,000 slashes inside': {
      files: { '/site/hugo.toml': `baseURL = "https://help.example.test/a${slashes}b/"\n` },
      docs: '/site/content',
      flavor: 'hugo',
    },
    'an mkdocs nav entry and docs_dir with 60,000 slashes inside': {
      files: { '/site/mkdocs.yml': `docs_dir: docs\nnav:\n  - intro.md\n  - 'a${slashes}b/'\n` },
      docs: '/site/docs',
      flavor: 'mkdocs',
    },
    'an mkdocs.yml line of 30,000 block-scalar headers ending in U+2028': {
      files: { '/site/mkdocs.yml': `nav:\n  - intro.md\nk: ${': |  #'.repeat(N)}\u2028x\n` },
      docs: '/site/docs',
      flavor: 'mkdocs',
    },
    'an mdBook SUMMARY.md link of 60,000 question marks and an encoded line break': {
      files: { '/site/book.toml': '[book]\ntitle = "Notes"\n', '/site/src/SUMMARY.md': `# Summary\n\n- [Intro](intro.md)\n- [x](${'?'.repeat(2 * N)}%0A)\n` },
      docs: '/site/src',
      flavor: 'mdbook',
    },
  };
  for (const [name, { files, docs, flavor }] of Object.entries(sites)) {
    it(`${name} loads within ${BOUND_MS} ms`, async () => {
      const fs = memoryFileSystem({ ...files, [`${docs}/intro.md`]: intro });
      const started = performance.now();
      const kb = await loadKnowledgeBase(fs, docs, DEFAULT_CONFIG);
      const elapsed = performance.now() - started;
      assert.equal(kb.site.flavor, flavor);
      assert.ok(kb.byFile.has('intro.md'));
      assert.ok(elapsed < BOUND_MS, `${Math.round(elapsed)} ms`);
    });
  }

  it(`sample questions in CSV with an unclosed quote after 30,000 "at line" fail within ${BOUND_MS} ms`, async () => {
    const fs = memoryFileSystem({ '/q.csv': `question\n${"' at line 1".repeat(N)}\u2028"\n` });
    const started = performance.now();
    await assert.rejects(loadQuestions(fs, '/q.csv'), /invalid CSV/);
    const elapsed = performance.now() - started;
    assert.ok(elapsed < BOUND_MS, `${Math.round(elapsed)} ms`);
  });

  it(`a code block of 30,000 escaped quotes never closed is compared within ${BOUND_MS} ms`, () => {
    const started = performance.now();
    codeKey(`${'"\\'.repeat(N)}${"'".repeat(N)}\n${' #'.repeat(N)}\u2028x`);
    const elapsed = performance.now() - started;
    assert.ok(elapsed < BOUND_MS, `${Math.round(elapsed)} ms`);
  });
});

describe('front matter alias bomb', () => {
  it('is reported as malformed front matter, not expanded', () => {
    const article = parseMarkdown('bomb.md', CASES['front matter with alias bomb']);
    assert.equal(article.parseFindings[0]?.ruleId, 'front-matter-invalid');
    assert.match(article.parseFindings[0].message, /alias/i);
    assert.equal(article.sections[0].heading, 'Body');
  });
});

describe('deeply nested YAML', () => {
  // The YAML reader recurses once a level: thousands of levels ran it out of stack at a depth
  // that changed between runs (two audits of one file disagreed), aborted the process while
  // compiling a regular expression, or took exponential time on nested complex keys.
  const shapes: Record<string, { yaml: string; line: number; column: number }> = {
    'flow sequences': { yaml: `tags: ${'['.repeat(3000)}`, line: 2, column: 6 + MAX_YAML_DEPTH },
    'flow sequences after an apostrophe in plain text': { yaml: `note: it isn't 'quoted\ntags: ${'['.repeat(3000)}`, line: 3, column: 6 + MAX_YAML_DEPTH },
    'flow mappings': { yaml: `a: ${'{b: '.repeat(3000)}`, line: 2, column: 4 + 4 * (MAX_YAML_DEPTH - 1) },
    'keys chained in a flow mapping': { yaml: `a: {${'b: '.repeat(3000)}c}`, line: 2, column: 6 + 3 * (MAX_YAML_DEPTH - 1) },
    'keys chained in a flow sequence': { yaml: `a: [${'b: '.repeat(3000)}c]`, line: 2, column: 6 + 3 * (MAX_YAML_DEPTH - 1) },
    'keys chained after a complex key': { yaml: `? {${'plan: '.repeat(3000)}yearly}`, line: 2, column: 8 + 6 * (MAX_YAML_DEPTH - 1) },
    'block sequences on one line': { yaml: `${'- '.repeat(3000)}x`, line: 2, column: 1 + 2 * MAX_YAML_DEPTH },
    'complex keys': { yaml: `${'? '.repeat(3000)}x`, line: 2, column: 1 + 2 * MAX_YAML_DEPTH },
    'indentation': { yaml: Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n'), line: 2 + MAX_YAML_DEPTH, column: 1 + MAX_YAML_DEPTH },
  };
  for (const [name, { yaml, line, column }] of Object.entries(shapes)) {
    it(`front matter nested in thousands of ${name} is reported where it passes ${MAX_YAML_DEPTH} levels, the same every time`, () => {
      const text = `---\n${yaml}\n---\n# Body\n`;
      const first = parseMarkdown('deep.md', text).parseFindings;
      assert.equal(first.length, 1);
      assert.equal(first[0].ruleId, 'front-matter-invalid');
      assert.match(first[0].message, new RegExp(`nested more than ${MAX_YAML_DEPTH} levels`));
      assert.deepEqual([first[0].line, first[0].column], [line, column]);
      for (let run = 0; run < 3; run++) assert.deepEqual(parseMarkdown('deep.md', text).parseFindings, first);
    });
  }

  it('reads front matter that nests as deep as the bound, and text a block scalar indents deeper', () => {
    const flow = `${'['.repeat(MAX_YAML_DEPTH - 2)}x${']'.repeat(MAX_YAML_DEPTH - 2)}`;
    const indented = Array.from({ length: 200 }, (_, i) => `  ${' '.repeat(i)}step ${i}`).join('\n');
    const quoted = `"${'['.repeat(500)}"`;
    const article = parseMarkdown('ok.md', `---\ntags: ${flow}\ntitle: ${quoted}\nexample: |\n${indented}\nafter: 1\n---\n# Body\n`);
    assert.deepEqual(article.parseFindings, []);
    assert.equal(article.frontMatter?.data.after, 1);
    assert.equal(article.frontMatter?.data.title, '['.repeat(500));
    let depth = 0;
    for (let v: unknown = article.frontMatter?.data.tags; Array.isArray(v); v = v[0]) depth++;
    assert.equal(depth, MAX_YAML_DEPTH - 2);
  });

  it("a generator's configuration nested thousands of levels deep is not read", () => {
    assert.equal(readYaml(`nav:\n${'  - '.repeat(1)}${'['.repeat(5000)}`), null);
    assert.deepEqual(readYaml('nav:\n  - Home: index.md\n  - Guide:\n      - Start: guide/start.md\n'), { nav: [{ Home: 'index.md' }, { Guide: [{ Start: 'guide/start.md' }] }] });
  });
});
