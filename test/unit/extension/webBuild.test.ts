// The web build (dist/web): the same hashes as the desktop, no Node built-in left in its
// bundles, and its audit engine, run as the bundled Web Worker script,
// finds exactly what an audit in one thread finds.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, it } from 'node:test';
import { runInNewContext } from 'node:vm';
import { runAudit } from '../../../src/core/audit';
import { DEFAULT_CONFIG } from '../../../src/core/config/config';
import { hashBytes } from '../../../src/core/parse/markdown';
import type { EngineReply } from '../../../src/extension/auditEngine';
import { EngineClient } from '../../../src/extension/engineClient';
import { KbSession } from '../../../src/extension/kbSession';
import { createHash as webCreateHash, sha1Hex } from '../../../src/extension/web/shims/crypto';
import { EXTENSION_ROOT, SHIPPED_FILES } from '../../../src/extension/web/shims/fs';
import * as webPath from '../../../src/extension/web/shims/path';
import { memoryFileSystem } from '../../helpers/memoryFileSystem';

const DIST = join(__dirname, '..', '..', '..', 'dist', 'web');
const NOW = new Date(2026, 10, 23);
const key = (f: { file: string; line: number; ruleId: string; message: string }) => `${f.file}:${f.line} ${f.ruleId} ${f.message}`;

describe('the web build: SHA-1 without node:crypto', () => {
  it('gives node:crypto\'s hex digest at every length around the block and padding edges', () => {
    for (let length = 0; length <= 200; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 31 + length) & 0xff);
      assert.equal(sha1Hex(bytes), createHash('sha1').update(bytes).digest('hex'), `length ${length}`);
    }
  });

  it('gives the desktop parser\'s article hash, for text and for a large file', () => {
    const text = new TextEncoder().encode('# Refunds\n\nRefunds reach your card within 5 business days. Ünïcödé ✓\n');
    assert.equal(webCreateHash('sha1').update(text).digest('hex'), hashBytes(text));
    const big = Uint8Array.from({ length: 3_000_001 }, (_, i) => (i * 7919) & 0xff);
    assert.equal(sha1Hex(big), hashBytes(big));
    assert.equal(webCreateHash('sha1').update('ab').update(new Uint8Array([99])).digest('hex'), createHash('sha1').update('abc').digest('hex'));
  });
});

describe('the web build: node:path without Node', () => {
  it('joins, normalises and splits as node:path does on POSIX', () => {
    const cases = [['/extension/dist', '..', 'media', 'wordnet-lexicon.txt'], ['/a//b/', './c'], ['a', '..', '..', 'b'], ['/', '..', 'x'], ['', 'a'], ['/a/b/..']];
    for (const parts of cases) assert.equal(webPath.join(...parts), posix.join(...parts), parts.join(' '));
    for (const path of ['/a/b/c', '/a', 'a', '/a/./b/../c', '/']) {
      assert.equal(webPath.dirname(path), posix.dirname(path), path);
      assert.equal(webPath.normalize(path), posix.normalize(path), path);
    }
    assert.equal(webPath.basename('/a/b.md'), posix.basename('/a/b.md'));
  });
});

describe('the web bundles', () => {
  // Their size (under 2 MB, minified) is checked by npm run test:web, which builds them for release.
  it('hold no Node built-in', () => {
    for (const name of ['extension.js', 'auditWorker.js']) {
      const file = join(DIST, name);
      const code = readFileSync(file, 'utf8');
      const builtins = code.match(/require\(["'](node:[\w/]+|fs|os|path|crypto|worker_threads|child_process)["']\)/g);
      assert.equal(builtins, null, `${name} requires ${builtins?.join(', ')}`);
      const buffers = code.split('\n').filter((line) => /(?<![\w.])Buffer\.(from|alloc|isBuffer)\(/.test(line) && !/^\s*\/\//.test(line));
      assert.deepEqual(buffers, [], `${name} uses Node's global Buffer`);
    }
  });

  it('audit in the bundled Web Worker script exactly as in one thread', async () => {
    const files: Record<string, string> = {
      '/kb/a.md': '---\ntitle: A\nowner: ops\nlast_reviewed: 2026-11-01\n---\n\n# Refunds\n\n## How long do refunds take?\n\nRefunds reach your card within 5 business days of the return arriving at our warehouse.\n',
      '/kb/b.md': '# Delivery\n\n## How long does delivery take?\n\nStandard delivery takes three to five working days across the mainland.\n\nSee [refunds](a.md) and [gone](missing.md).\n',
      '/kb/c.md': '# Returns\n\n## How long do refunds take?\n\nRefunds reach your card within 10 business days of the return arriving at our warehouse.\n',
      '/kb/questions.txt': 'how long do refunds take\nwhat is your favourite colour\n',
    };
    const config = { ...DEFAULT_CONFIG, questions: '/kb/questions.txt' };
    const session = await KbSession.load(memoryFileSystem(files), '/kb', config, { now: NOW, engine: bundledWebEngine() });
    try {
      const direct = await runAudit(memoryFileSystem(files), '/kb', config, { now: NOW });
      assert.ok(direct.findings.length > 0);
      assert.deepEqual(session.findings.map(key), direct.findings.map(key));
      const preview = await session.previewAll([{ question: 'how long does delivery take', line: 1 }]);
      assert.equal(preview.preview.results[0].answer?.file, 'b.md');
    } finally {
      session.dispose();
    }
  });
});

describe('a docs folder at the root of its file system', () => {
  // A virtual workspace (VS Code for the Web) may open a folder whose path is '/'.
  it('is audited as any other folder', async () => {
    const files = { '/a.md': '# Refunds\n\n## How long do refunds take?\n\nFive business days.\n', '/guides/b.md': '# Delivery\n\nSee [refunds](../a.md) and [gone](missing.md).\n' };
    const session = await KbSession.load(memoryFileSystem(files), '/', DEFAULT_CONFIG, { now: NOW });
    try {
      assert.deepEqual(session.kb.articles.map((a) => a.file), ['a.md', 'guides/b.md']);
      assert.ok(session.findings.some((f) => f.ruleId === 'broken-link' && f.file === 'guides/b.md'), session.findings.map(key).join('\n'));
      assert.ok(!session.findings.some((f) => f.ruleId === 'file-skipped'), session.findings.map(key).join('\n'));
    } finally {
      session.dispose();
    }
  });
});

/** dist/web/auditWorker.js in a fresh global scope with only what a Web Worker offers it. */
function bundledWebEngine(): EngineClient {
  let deliver: (message: unknown) => void = () => undefined;
  const replies: { receive(reply: EngineReply): void }[] = [];
  const scope = {
    postMessage: (reply: EngineReply) => replies[0].receive(structuredClone(reply)),
    addEventListener: (_type: string, listener: (event: { data: unknown }) => void) => (deliver = (data) => listener({ data })),
    MessageChannel,
    TextDecoder,
    TextEncoder,
    setTimeout,
    clearTimeout,
    queueMicrotask,
    performance,
    console,
    URL,
  };
  runInNewContext(readFileSync(join(DIST, 'auditWorker.js'), 'utf8'), scope, { filename: 'auditWorker.js' });
  const client = new EngineClient({ post: (message) => deliver(structuredClone(message)), setBusy: () => undefined, terminate: () => undefined });
  replies.push(client as unknown as { receive(reply: EngineReply): void });
  // As web/platform.ts does: the files the engine reads synchronously on the desktop, first.
  const provide: Record<string, Uint8Array> = {};
  for (const file of SHIPPED_FILES) {
    const path = join(__dirname, '..', '..', '..', file);
    if (existsSync(path)) provide[`${EXTENSION_ROOT}/${file}`] = new Uint8Array(readFileSync(path));
  }
  deliver({ provide });
  return client;
}
