// More of the inputs markdown-it's and cmark's pathological suites use (test/unit/pathological.test.ts
// has the rest), each through the whole pipeline: parse, every rule, index and routing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { timeWholePipeline } from '../../helpers/pipeline';

const N = 30_000;
const CASES: Record<string, string> = {
  'linkify ReDoS: a URL followed by a run of *': 'https://example.com/' + '*'.repeat(N) + 'x',
  'www. followed by a run of *': 'www.example.com' + '*'.repeat(N) + 'x',
  'unclosed HTML comments': '<!--'.repeat(N / 4),
  'HTML comment of dashes': '<!--' + '-'.repeat(N),
  'unclosed CDATA': 'a <![CDATA['.repeat(N / 10),
  'unclosed processing instructions': 'a <?'.repeat(N / 4),
  'unclosed declarations': 'a <!A '.repeat(N / 4),
  'strikethrough openers': '~~a '.repeat(N / 4),
  'image openers': '![a'.repeat(N / 3),
  'link destinations with nested parentheses': '[a](' + '('.repeat(N) + 'b',
  'link titles never closed': '[a](b "'.repeat(N / 7),
  'reference definitions with unclosed titles': Array.from({ length: 5000 }, (_, i) => `[r${i}]: /u "title`).join('\n'),
  'empty lines in deeply nested lists': Array.from({ length: 500 }, (_, i) => '  '.repeat(i) + '- a\n').join('\n'),
  'deeply nested lists in a blockquote': Array.from({ length: 500 }, (_, i) => '> ' + '  '.repeat(i) + '- a').join('\n'),
  'tabs after list markers': '-\t'.repeat(N / 4) + 'a',
  'setext underline runs': ('a\n' + '='.repeat(100) + '\n').repeat(2000),
  'escaped characters': '\\*'.repeat(N),
  'entities without semicolons': '&amp'.repeat(N / 2),
  'long fenced code block never closed': '```\n' + 'code line\n'.repeat(N),
  'a table row of pipes': '|' + ' |'.repeat(N / 2) + '\n|' + '-|'.repeat(100),
};

const BOUND_MS = 2000;

describe('more pathological Markdown through the whole pipeline', () => {
  for (const [name, text] of Object.entries(CASES)) {
    it(`${name} finishes within ${BOUND_MS} ms`, async () => {
      const elapsed = await timeWholePipeline(text, text);
      assert.ok(elapsed < BOUND_MS, `${name}: ${Math.round(elapsed)} ms`);
    });
  }
});
