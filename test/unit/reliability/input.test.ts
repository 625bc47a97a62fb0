// Hostile input on disk: symlink loops and escapes, a 50 MB one-line article, binary files named
// .md, invalid UTF-8 with a BOM, and files that vanish or change while the scan runs.
import assert from 'node:assert/strict';
import { mkdirSync, realpathSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runAudit } from '../../../src/core/audit';
import { DEFAULT_CONFIG } from '../../../src/core/config/config';
import type { FileSystem } from '../../../src/core/fileSystem';
import { isInside, toPosix } from '../../../src/core/fileSystem';
import { nodeFileSystem } from '../../../src/core/nodeFileSystem';
import { walkDocs } from '../../../src/core/walk';
import { HOSTILE, peakMemory, runCli, tempFolder } from './helpers';

interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  file: string;
  line: number;
  column: number;
}

/** nodeFileSystem that notes every path it touches, by operation. */
function recordingFileSystem(inner: FileSystem = nodeFileSystem): FileSystem & { calls: { op: string; path: string }[] } {
  const calls: { op: string; path: string }[] = [];
  return {
    calls,
    readFile: (path) => (calls.push({ op: 'readFile', path }), inner.readFile(path)),
    readDirectory: (path) => (calls.push({ op: 'readDirectory', path }), inner.readDirectory(path)),
    stat: (path) => (calls.push({ op: 'stat', path }), inner.stat(path)),
    realPath: (path) => (calls.push({ op: 'realPath', path }), inner.realPath!(path)),
  };
}

const ARTICLE = '# Orders\n\n## How do I cancel an order?\n\nOpen the order page and choose Cancel before the parcel is dispatched.\n';

describe('symlink loops and links out of the docs folder', () => {
  const temp = tempFolder('links');
  const docs = join(temp.path, 'docs');
  const outside = join(temp.path, 'outside');
  before(() => {
    mkdirSync(join(docs, 'a'), { recursive: true });
    mkdirSync(outside);
    writeFileSync(join(docs, 'a', 'one.md'), ARTICLE);
    writeFileSync(join(docs, 'top.md'), ARTICLE.replace('Orders', 'Top'));
    writeFileSync(join(outside, 'secret.md'), '# Secret\n\nNot part of the docs.\n');
    symlinkSync('..', join(docs, 'a', 'loop'));
    symlinkSync('../a', join(docs, 'a', 'self'));
    symlinkSync('top.md', join(docs, 'alias.md'));
    symlinkSync(outside, join(docs, 'escape'));
    symlinkSync(join(outside, 'secret.md'), join(docs, 'leak.md'));
    symlinkSync('missing.md', join(docs, 'dangling.md'));
  });
  after(() => temp.remove());

  it('the scan ends promptly, lists each real file once and touches nothing outside the root', { timeout: 10_000 }, async () => {
    const fs = recordingFileSystem();
    const started = performance.now();
    // The signal turns a walk that never ends into a failure instead of a hung test run.
    const signal = AbortSignal.timeout(5000);
    const result = await walkDocs(fs, toPosix(docs), { include: ['**/*.md'], exclude: [], maxFileSize: 2_000_000, signal });
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 2000, `walk took ${Math.round(elapsed)} ms`);
    assert.deepEqual(result.files.map((f) => f.file), ['a/one.md', 'top.md']);
    assert.deepEqual(
      result.skipped.map((s) => [s.file, s.reason]),
      [
        ['dangling.md', 'unreadable'],
        ['escape', 'symlink-outside-root'],
        ['leak.md', 'symlink-outside-root'],
      ],
    );
    const root = toPosix(realpathSync(docs));
    const touchedOutside = fs.calls.filter((c) => c.op !== 'realPath' && !isInside(root, toPosix(safeRealPath(c.path))));
    assert.deepEqual(touchedOutside, []);
  });

  it('the CLI counts the two real articles, reports the two escaping links and the link to nothing, and reads nothing outside', () => {
    const run = runCli(['audit', 'docs', '--format', 'json', '--fail-on', 'never'], { cwd: temp.path, faults: ['trace'], timeoutMs: 20_000 });
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as { stats: { files: number; skipped: number }; findings: JsonFinding[] };
    assert.equal(report.stats.files, 2);
    assert.equal(report.stats.skipped, 3);
    const skipped = report.findings.filter((f) => f.ruleId === 'file-skipped').map((f) => f.file);
    assert.deepEqual(skipped, ['dangling.md', 'escape', 'leak.md']);
    const outsideRoot = toPosix(realpathSync(outside));
    const reads = run.trace.filter((t) => t.op !== 'realpath' && t.op !== 'maxRSS' && isInside(outsideRoot, toPosix(safeRealPath(t.path))));
    assert.deepEqual(reads, []);
  });
});

function safeRealPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

describe('a 50 MB single-line article', () => {
  const temp = tempFolder('huge');
  const small = tempFolder('small');
  before(() => {
    writeFileSync(join(temp.path, 'huge.md'), Buffer.alloc(50 * 1024 * 1024, 'refund '));
    writeFileSync(join(temp.path, 'orders.md'), ARTICLE);
    writeFileSync(join(small.path, 'orders.md'), ARTICLE);
  });
  after(() => {
    temp.remove();
    small.remove();
  });

  it('is skipped unread within 2 s, with a reason naming the size cap', async () => {
    const fs = recordingFileSystem();
    const started = performance.now();
    const result = await runAudit(fs, toPosix(temp.path), DEFAULT_CONFIG, { questions: null });
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 2000, `audit took ${Math.round(elapsed)} ms`);
    assert.deepEqual(result.kb.articles.map((a) => a.file), ['orders.md']);
    assert.deepEqual(fs.calls.filter((c) => c.op === 'readFile' && c.path.endsWith('huge.md')), []);
    const warning = result.findings.filter((f) => f.file === 'huge.md');
    assert.equal(warning.length, 1);
    assert.equal(warning[0].ruleId, 'file-skipped');
    assert.equal(warning[0].severity, 'warning');
    assert.match(warning[0].message, /52428800 bytes is over the size cap of 2000000 bytes \(maxFileSize\)/);
  });

  it('the CLI warns about it and its memory stays flat', () => {
    const big = runCli(['audit', '.', '--fail-on', 'never'], { cwd: temp.path, faults: ['trace'] });
    assert.equal(big.code, 0, big.stderr);
    assert.match(big.stdout, /^huge\.md:1:1 warning file-skipped skipped \(too-large\): 52428800 bytes is over the size cap of 2000000 bytes \(maxFileSize\)$/m);
    assert.deepEqual(big.trace.filter((t) => t.op !== 'stat' && t.path.endsWith('huge.md')), []);
    const baseline = runCli(['audit', '.', '--fail-on', 'never'], { cwd: small.path, faults: ['trace'] });
    const growth = peakMemory(big) - peakMemory(baseline);
    assert.ok(growth < 20 * 1024 * 1024, `peak memory grew by ${Math.round(growth / 1024 / 1024)} MB`);
  });
});

describe('a binary file named .md', () => {
  it('is skipped with one info finding and nothing else about it', () => {
    const run = runCli(['audit', join(HOSTILE, 'binary'), '--format', 'json', '--fail-on', 'never']);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as { stats: { files: number; skipped: number }; findings: JsonFinding[] };
    assert.equal(report.stats.files, 1);
    assert.equal(report.stats.skipped, 1);
    const about = report.findings.filter((f) => f.file === 'logo.md');
    assert.deepEqual(
      about.map((f) => [f.ruleId, f.severity, f.message]),
      [['file-skipped', 'info', 'skipped (binary): binary content (NUL bytes), not Markdown']],
    );
  });
});

describe('invalid UTF-8 after a BOM, with CRLF line endings', () => {
  const fixture = join(HOSTILE, 'encoding');

  it('gives one warning naming the first bad byte offset, and the article is still indexed', () => {
    const run = runCli(['audit', fixture, '--format', 'json', '--fail-on', 'never']);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as { stats: { files: number }; findings: JsonFinding[] };
    assert.equal(report.stats.files, 1);
    const encoding = report.findings.filter((f) => f.ruleId === 'invalid-encoding');
    assert.equal(encoding.length, 1);
    assert.equal(encoding[0].severity, 'warning');
    // The BOM is 3 bytes and the first bad byte is the 61st of the text after it.
    assert.match(encoding[0].message, /byte offset 63\b/);
  });

  it('answers from the article, with replacement characters where the bad bytes were', () => {
    const run = runCli(['ask', 'can I use a gift card twice', fixture, '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const answer = JSON.parse(run.stdout) as { answer: { file: string; heading: string; excerpt: string } };
    assert.equal(answer.answer.file, 'gift-cards.md');
    assert.match(answer.answer.excerpt, /\uFFFD/);
    assert.doesNotMatch(answer.answer.heading, /^\uFEFF/);
  });
});

describe('files that vanish or change during the scan', () => {
  const temp = tempFolder('vanish');
  before(() => {
    for (const name of ['gone-before-stat.md', 'gone-before-read.md', 'changed.md', 'stays.md']) writeFileSync(join(temp.path, name), ARTICLE);
  });
  after(() => temp.remove());

  it('counts a file deleted between listing and reading as skipped with a reason, and reads the final text of a changed one', async () => {
    const root = toPosix(temp.path);
    const changed = '# Changed\n\n## Later\n';
    // Real deletions and writes on disk, timed by the scan's own calls.
    const fs: FileSystem = {
      ...nodeFileSystem,
      async readDirectory(path) {
        const entries = await nodeFileSystem.readDirectory(path);
        if (path === root) unlinkSync(join(temp.path, 'gone-before-stat.md'));
        return entries;
      },
      async stat(path) {
        const stat = await nodeFileSystem.stat(path);
        if (path.endsWith('/gone-before-read.md')) unlinkSync(join(temp.path, 'gone-before-read.md'));
        if (path.endsWith('/changed.md')) writeFileSync(join(temp.path, 'changed.md'), changed);
        return stat;
      },
    };
    const result = await runAudit(fs, root, DEFAULT_CONFIG, { questions: null });
    assert.equal(result.stats.files, 2);
    assert.equal(result.stats.skipped, 2);
    assert.deepEqual(
      result.kb.skipped.map((s) => [s.file, s.reason]),
      [
        ['gone-before-read.md', 'vanished'],
        ['gone-before-stat.md', 'vanished'],
      ],
    );
    for (const s of result.kb.skipped) assert.match(s.detail, /ENOENT/);
    // What is reported about the changed file is what a fresh audit of its final text reports.
    const fresh = await runAudit(nodeFileSystem, root, DEFAULT_CONFIG, { questions: null });
    const about = (findings: typeof fresh.findings) => findings.filter((f) => f.file === 'changed.md').map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.message}`);
    assert.ok(about(fresh.findings).some((f) => f.startsWith('3:1 empty-section')));
    assert.deepEqual(about(result.findings), about(fresh.findings));
  });
});
