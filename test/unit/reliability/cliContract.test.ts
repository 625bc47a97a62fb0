// The CLI contract: exit codes 0, 1 and 2 (usage, config, unreadable input and crash), error
// positions in kb-audit.json, byte-identical reports across runs and directory orders,
// code-point sorting whatever the locale, and --output written atomically. The real process
// (dist/cli.js) for each kind of case; main() in this process for the longer tables.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CLI, HOSTILE, ROOT, reversedFileSystem, runCli, runMain, tempFolder } from './helpers';

const CLEAN = join(ROOT, 'test', 'fixtures', 'rules', 'clean');

describe('exit codes', () => {
  const temp = tempFolder('exit');
  const kb = (name: string) => join(temp.path, name);
  before(() => {
    for (const name of ['clean', 'info', 'warning', 'error']) cpSync(CLEAN, kb(name), { recursive: true });
    // One planted problem each, of a known severity.
    copyFileSync(join(HOSTILE, 'binary', 'logo.md'), join(kb('info'), 'logo.md'));
    writeFileSync(join(kb('warning'), 'returns.md'), readFileSync(join(CLEAN, 'returns.md'), 'utf8') + '\n## Exchanges\n');
    writeFileSync(join(kb('error'), 'returns.md'), readFileSync(join(CLEAN, 'returns.md'), 'utf8').replace(/^---\n/, '---\ntitle: [unclosed\n'));
  });
  after(() => temp.remove());

  const cases: [string, string[], number, 'process' | 'main'][] = [
    ['clean', ['--fail-on', 'info'], 0, 'process'],
    ['info', ['--fail-on', 'info'], 1, 'process'],
    ['warning', ['--fail-on', 'warning'], 1, 'process'],
    ['warning', [], 0, 'main'],
    ['error', [], 1, 'main'],
    ['info', ['--fail-on', 'warning'], 0, 'main'],
    ['error', ['--fail-on', 'error'], 1, 'main'],
    ['error', ['--fail-on', 'never'], 0, 'main'],
  ];
  for (const [name, flags, code, how] of cases) {
    it(`${name} KB with ${flags.join(' ') || 'the default --fail-on'} exits ${code} (${how})`, async () => {
      const args = ['audit', kb(name), ...flags];
      const run = how === 'process' ? runCli(args) : await runMain(args);
      assert.equal(run.code, code, run.stdout + run.stderr);
      if (name === 'clean') assert.equal(run.stdout, '');
    });
  }

  it('exits 2 on usage errors and unreadable input, with one line on stderr', async () => {
    const usage = [
      ['audit', kb('clean'), '--format', 'yaml'],
      ['audit', kb('clean'), '--questions', join(temp.path, 'missing.txt')],
      ['audit', kb('clean'), kb('info')],
      ['audit', kb('clean'), '--no-such-flag'],
      ['frobnicate'],
      [],
      ['audit', join(temp.path, 'missing')],
      ['preview', join(temp.path, 'missing.jsonl'), kb('clean')],
    ];
    for (const [i, args] of usage.entries()) {
      const run = i === 1 ? runCli(args) : await runMain(args);
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, /^kb-audit/, args.join(' '));
      assert.doesNotMatch(run.stderr, /internal error|\n\s+at /, args.join(' '));
    }
  });

  it('a reader that closes the pipe early is not a crash', async () => {
    // Far more JSON than a pipe holds, with nobody reading it.
    const child = spawn(process.execPath, [CLI, 'audit', 'test/fixtures/sample-kb', '--format', 'json', '--fail-on', 'never'], { cwd: ROOT });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 0, stderr);
    assert.equal(stderr, '');
  });

  it('exits 2 when it crashes, even outside its main function', () => {
    const run = runCli(['--version'], { faults: ['crash'] });
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /^kb-audit: internal error: Error: injected failure outside main\(\)/);
  });
});

describe('malformed kb-audit.json and front matter', () => {
  const config = (name: string) => join(HOSTILE, 'config', name);
  const docs = join(HOSTILE, 'front-matter');
  const cases: [string, string, 'process' | 'main'][] = [
    ['bad-json.json', '4:1: invalid JSON: ValueExpected', 'process'],
    ['unknown-key.json', '3:3: unknown setting "exlude"', 'main'],
    ['wrong-type.json', '2:18: /maxFileSize must be integer', 'main'],
    ['trailing-value.json', '5:1: invalid JSON: EndOfFileExpected', 'main'],
    ['bad-severity.json', '3:36: /rules/empty-section/severity must be one of "error", "warning", "info", "off"', 'main'],
    ['not-an-object.json', '1:1: config must be object', 'main'],
  ];
  for (const [name, expected, how] of cases) {
    it(`${name}: exit 2 naming the file and line:column (${how})`, async () => {
      const args = ['audit', docs, '--config', config(name)];
      const run = how === 'process' ? runCli(args) : await runMain(args);
      assert.equal(run.code, 2, run.stderr);
      assert.equal(run.stderr, `kb-audit: ${config(name)}:${expected}\n`);
      assert.equal(run.stdout, '');
    });
  }

  it('a kb-audit.json found in DOCS is checked the same way', async () => {
    const temp = tempFolder('config');
    try {
      cpSync(docs, join(temp.path, 'docs'), { recursive: true });
      copyFileSync(config('unknown-key.json'), join(temp.path, 'docs', 'kb-audit.json'));
      const run = await runMain(['audit', 'docs'], { cwd: temp.path });
      assert.equal(run.code, 2);
      assert.match(run.stderr, /docs\/kb-audit\.json:3:3: unknown setting "exlude"\n$/);
    } finally {
      temp.remove();
    }
  });

  it('malformed front matter is an error finding at its file:line:column (exit 1), and the other articles are still audited', () => {
    const run = runCli(['audit', 'test/fixtures/hostile/front-matter']);
    assert.equal(run.code, 1, run.stderr);
    const lines = run.stdout.trim().split('\n');
    assert.ok(lines.includes('test/fixtures/hostile/front-matter/delivery.md:3:12 error front-matter-invalid malformed front matter: Missing closing "quote'), run.stdout);
    assert.match(run.stderr, /in 2 articles/);
  });
});

describe('byte-identical output', () => {
  const temp = tempFolder('order');
  before(() => {
    // Names whose code-point order differs from every locale's: upper case before lower case,
    // accented letters after z, "-" before "/".
    for (const name of ['é.md', 'B.md', 'z.md', 'a.md', 'Z.md', 'ä.md', 'sub-a.md', 'sub/x.md']) {
      mkdirSync(join(temp.path, 'kb', name.includes('/') ? 'sub' : ''), { recursive: true });
      writeFileSync(join(temp.path, 'kb', name), `# ${name}\n\n## Nothing here yet\n`);
    }
  });
  after(() => temp.remove());

  it('sorts findings by code point, not by the locale', () => {
    const run = runCli(['audit', 'kb', '--fail-on', 'never'], { cwd: temp.path, env: { LC_ALL: 'de_DE.UTF-8', LANG: 'de_DE.UTF-8' } });
    assert.equal(run.code, 0, run.stderr);
    const files = [...new Set(run.stdout.trim().split('\n').map((line) => line.slice(0, line.indexOf(':'))))];
    assert.deepEqual(files, ['kb/B.md', 'kb/Z.md', 'kb/a.md', 'kb/sub-a.md', 'kb/sub/x.md', 'kb/z.md', 'kb/ä.md', 'kb/é.md']);
  });

  const SAMPLE = 'test/fixtures/sample-kb';

  it('audit --format json --reproducible is the same bytes run after run, in any directory order (process)', () => {
    const args = ['audit', SAMPLE, '--format', 'json', '--reproducible', '--fail-on', 'never'];
    const first = runCli(args);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(JSON.parse(first.stdout).stats.durationMs, 0);
    assert.ok(JSON.parse(first.stdout).findings.length > 20);
    const reversed = runCli(args, { faults: ['reverse'] });
    assert.ok(reversed.trace.some((t) => t.op === 'readdir'), 'the directory listings were reversed');
    assert.equal(reversed.stdout, first.stdout);
  });

  // Text and SARIF carry no run time, so they need no flag; the other three need --reproducible.
  for (const [format, flags] of [
    ['text', []],
    ['sarif', []],
    ['json', ['--reproducible']],
    ['junit', ['--reproducible']],
    ['markdown', ['--reproducible']],
  ] as const) {
    it(`audit --format ${[format, ...flags].join(' ')} is the same bytes in any directory order (main)`, async () => {
      const args = ['audit', SAMPLE, '--format', format, ...flags, '--fail-on', 'never'];
      const first = await runMain(args);
      assert.equal(first.code, 0, first.stderr);
      assert.ok(first.stdout.length > 1000);
      assert.equal((await runMain(args, { fs: reversedFileSystem })).stdout, first.stdout);
    });
  }
});

describe('--output', () => {
  const temp = tempFolder('output');
  const target = join(temp.path, 'report.json');
  after(() => temp.remove());

  it('writes a temporary file in the same folder and renames it over the report', () => {
    writeFileSync(target, 'previous report\n');
    const run = runCli(['audit', CLEAN, '--format', 'json', '--output', target, '--fail-on', 'never'], { faults: ['trace'] });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '');
    assert.equal(JSON.parse(readFileSync(target, 'utf8')).tool, 'kb-audit');
    const writes = run.trace.filter((t) => t.op === 'open' || t.op === 'writeFile' || t.op === 'rename');
    assert.equal(writes.length, 2, JSON.stringify(writes));
    const [open, rename] = writes;
    assert.equal(open.op, 'open');
    assert.notEqual(open.path, target);
    assert.equal(join(open.path, '..'), temp.path);
    assert.deepEqual(rename, { op: 'rename', path: open.path });
    assert.deepEqual(readdirSync(temp.path), ['report.json']);
  });

  it('leaves the previous report whole when the write fails, and exits 2', () => {
    writeFileSync(target, 'previous report\n');
    const run = runCli(['audit', CLEAN, '--format', 'json', '--output', target, '--fail-on', 'never'], { faults: ['write-fails'] });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^kb-audit: cannot write .*report\.json: ENOSPC/);
    assert.equal(readFileSync(target, 'utf8'), 'previous report\n');
    assert.deepEqual(readdirSync(temp.path), ['report.json']);
  });
});
