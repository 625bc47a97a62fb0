// Parsing in a second thread: the same knowledge base and the same findings as one thread, and a
// worker that cannot start or dies on the way costs time, never an article.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runAudit } from '../../src/core/audit';
import { DEFAULT_CONFIG } from '../../src/core/config/config';
import { toPosix } from '../../src/core/fileSystem';
import type { Article } from '../../src/core/model';
import { nodeFileSystem } from '../../src/core/nodeFileSystem';
import { MIN_BYTES_FOR_WORKER, wantsSecondThread } from '../../src/core/parseWorker';
// @ts-expect-error: a plain JavaScript module, shared with the benchmarks
import { writeKb } from '../bench/generateKb.mjs';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const NOW = new Date('2026-06-01T12:00:00Z');

/** Everything the parser produced, as the rules see it. */
const shape = (articles: Article[]) => JSON.parse(JSON.stringify(articles));

describe('parsing in a second thread', () => {
  let temp: string;
  let docs: string;
  before(() => {
    temp = mkdtempSync(join(tmpdir(), 'kb-parse-worker-'));
    docs = toPosix(join(temp, 'docs'));
    // Enough files for both threads to parse some, varied enough to exercise the parser.
    writeKb(docs, { articles: 250, seed: 7 });
  });
  after(() => rmSync(temp, { recursive: true, force: true }));

  const audit = (options: { workerScript?: string; jobs?: number }) => runAudit(nodeFileSystem, docs, DEFAULT_CONFIG, { now: NOW, questions: null, ...options });

  it('gives the same articles and findings as one thread', async () => {
    const one = await audit({ jobs: 1 });
    const two = await audit({ workerScript: CLI, jobs: 2 });
    assert.equal(one.parsedInWorker, 0);
    assert.ok(two.parsedInWorker > 0, 'the second thread parsed some of the articles');
    assert.ok(two.parsedInWorker < two.kb.articles.length, 'and this thread the others');
    assert.deepEqual(shape(two.kb.articles), shape(one.kb.articles));
    assert.deepEqual(two.findings, one.findings);
  });

  it('by default, starts a second thread for a large folder on a machine with two cores', () => {
    assert.equal(wantsSecondThread(MIN_BYTES_FOR_WORKER, undefined, 2), true);
    assert.equal(wantsSecondThread(MIN_BYTES_FOR_WORKER - 1, undefined, 2), false, 'less to parse than the thread costs');
    assert.equal(wantsSecondThread(MIN_BYTES_FOR_WORKER * 10, undefined, 1), false, 'one core');
    assert.equal(wantsSecondThread(100, 2, 1), true, '--jobs 2 always does');
    assert.equal(wantsSecondThread(MIN_BYTES_FOR_WORKER * 10, 1, 8), false, '--jobs 1 never does');
  });

  it('parses everything itself when the worker cannot start', async () => {
    const one = await audit({ jobs: 1 });
    const broken = await audit({ workerScript: join(temp, 'no-such-worker.js'), jobs: 2 });
    assert.equal(broken.parsedInWorker, 0);
    assert.deepEqual(shape(broken.kb.articles), shape(one.kb.articles));
    assert.deepEqual(broken.findings, one.findings);
  });

  it('parses the rest itself when the worker dies on the way', async () => {
    // A worker that takes a few files and then stops without answering.
    const dying = join(temp, 'dying-worker.js');
    writeFileSync(dying, "let n = 0;\nrequire('node:worker_threads').parentPort.on('message', () => { if (++n === 3) process.exit(1); });\n");
    const one = await audit({ jobs: 1 });
    const died = await audit({ workerScript: dying, jobs: 2 });
    assert.equal(died.parsedInWorker, 0);
    assert.deepEqual(shape(died.kb.articles), shape(one.kb.articles));
    assert.deepEqual(died.findings, one.findings);
  });

  it('kb-audit audit --jobs 2 prints the same report as --jobs 1', () => {
    const run = (jobs: string) => spawnSync(process.execPath, [CLI, 'audit', docs, '--format', 'json', '--reproducible', '--fail-on', 'never', '--jobs', jobs], { encoding: 'utf8' });
    const one = run('1');
    const two = run('2');
    assert.equal(one.status, 0, one.stderr);
    assert.equal(two.status, 0, two.stderr);
    assert.ok(JSON.parse(one.stdout).findings.length > 0);
    assert.equal(two.stdout, one.stdout);
  });

  it('kb-audit audit refuses a --jobs it cannot use', () => {
    const run = spawnSync(process.execPath, [CLI, 'audit', docs, '--jobs', '3'], { encoding: 'utf8' });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--jobs must be one of 1, 2 \(got "3"\)/);
  });
});
