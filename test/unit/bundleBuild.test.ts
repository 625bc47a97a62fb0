// The build's markdown-it plugin (esbuild.js): every field of the installed release is rewritten,
// and a bundle built with it parses Markdown to exactly the tokens markdown-it itself gives.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { build } from 'esbuild';
import MarkdownIt from 'markdown-it';

const ROOT = join(__dirname, '..', '..');
const requireFromRoot = createRequire(join(ROOT, 'package.json'));
const { markdownItFieldsPlugin, withAssignedFields } = requireFromRoot('./esbuild.js') as {
  markdownItFieldsPlugin: import('esbuild').Plugin;
  withAssignedFields: (source: string, file: string) => { source: string; rewritten: number; left: number };
};

const SAMPLE = [
  '---',
  'title: Refunds',
  '---',
  '# Refunds {#refunds}',
  '',
  'Refunds take **5 business days**; see [the policy](policy.md "Policy") or <https://help.example.org/refunds>.',
  '',
  '1. Open *Orders*.',
  '2. Choose `Refund`.',
  '',
  '| Plan | Days |',
  '|---|---:|',
  '| Basic | 14 |',
  '',
  '> [!NOTE]',
  '> Card refunds may take longer.',
  '',
  '```sh',
  'kb refund --order 123',
  '```',
  '',
].join('\n');

describe('markdown-it fields plugin', () => {
  for (const file of ['markdown-it.mjs', 'markdown-it.cjs.js']) {
    it(`writes every field of the installed ${file} as an assignment`, () => {
      const path = join(dirname(requireFromRoot.resolve('markdown-it/package.json')), 'dist', file);
      const { source, rewritten, left } = withAssignedFields(readFileSync(path, 'utf8'), path);
      assert.equal(left, 0);
      assert.equal(rewritten >= 10, true, `${rewritten} fields rewritten`);
      assert.doesNotMatch(source, /_defineProperty\(\s*this\b/);
    });
  }

  it('rewrites a field call with comments and a nested value, and leaves other shapes alone', () => {
    const { source, rewritten } = withAssignedFields('_defineProperty(this, /* doc */ "rules", f(1, [2, ")"]));\n_defineProperty(Other, "x", 1);\n_defineProperty(this, "y", 1) + 2;', 'x.mjs');
    assert.equal(rewritten, 1);
    assert.equal(source, 'this.rules = (f(1, [2, ")"]));\n_defineProperty(Other, "x", 1);\n_defineProperty(this, "y", 1) + 2;');
  });

  it('fails the build, naming the file, when there is nothing to rewrite', () => {
    assert.throws(() => withAssignedFields('export class Token {}\n', '/x/markdown-it.mjs'), /\/x\/markdown-it\.mjs: no _defineProperty\(this, "name", value\) call found/);
  });

  it('bundles a markdown-it that parses to the same tokens', async () => {
    const result = await build({
      stdin: {
        contents: "import MarkdownIt from 'markdown-it'; module.exports = (text) => JSON.stringify(new MarkdownIt().parse(text, {}));",
        resolveDir: ROOT,
        loader: 'js',
      },
      bundle: true,
      write: false,
      format: 'cjs',
      platform: 'node',
      mainFields: ['module', 'main'],
      logLevel: 'silent',
      plugins: [markdownItFieldsPlugin],
    });
    const text = result.outputFiles[0].text;
    assert.doesNotMatch(text, /_defineProperty\(\s*this\b/);
    const mod = { exports: {} as unknown };
    new Function('module', 'exports', 'require', text)(mod, mod.exports, requireFromRoot);
    const parse = mod.exports as (text: string) => string;
    assert.equal(parse(SAMPLE), JSON.stringify(new MarkdownIt().parse(SAMPLE, {})));
  });
});
