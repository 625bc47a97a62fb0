// The audit engine off the caller's thread: the same findings as an audit in-process, after
// loads, edits and re-checks; cancelling stops the worker at once.
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runAudit } from '../../../src/core/audit';
import { DEFAULT_CONFIG } from '../../../src/core/config/config';
import { defaultSite } from '../../../src/core/flavor';
import { toPosix } from '../../../src/core/fileSystem';
import { loadKnowledgeBase } from '../../../src/core/knowledgeBase';
import { nodeFileSystem } from '../../../src/core/nodeFileSystem';
import { inProcessEngine } from '../../../src/extension/auditEngine';
import { KbSession } from '../../../src/extension/kbSession';
import { engineHeapLimitMb, WorkerEngine } from '../../../src/extension/workerEngine';
import { memoryFileSystem } from '../../helpers/memoryFileSystem';

const NOW = new Date(2026, 10, 23);
const WORKER = join(__dirname, '..', '..', '..', 'dist', 'auditWorker.js');
const FLAVORS = join(__dirname, '..', '..', 'fixtures', 'flavors');
const SAMPLE_KB = toPosix(join(__dirname, '..', '..', 'fixtures', 'sample-kb'));
const key = (f: { file: string; line: number; ruleId: string; message: string }) => `${f.file}:${f.line} ${f.ruleId} ${f.message}`;

const files: Record<string, string> = {
  '/kb/a.md': '---\ntitle: A\nowner: ops\nlast_reviewed: 2026-11-01\n---\n\n# Refunds\n\n## How long do refunds take?\n\nRefunds reach your card within 5 business days of the return arriving at our warehouse.\n',
  '/kb/b.md': '---\ntitle: B\nowner: ops\nlast_reviewed: 2026-11-01\n---\n\n# Delivery\n\n## How long does delivery take?\n\nStandard delivery takes three to five working days across the mainland.\n\nSee [refunds](a.md).\n',
  '/kb/c.md': '# Returns\n\n## How long do refunds take?\n\nRefunds reach your card within 10 business days of the return arriving at our warehouse.\n',
  '/kb/questions.txt': 'how long do refunds take\nwhat is your favourite colour\n',
};
const config = { ...DEFAULT_CONFIG, questions: '/kb/questions.txt' };

for (const [name, engine] of [
  ['in-process', () => inProcessEngine(undefined, nodeFileSystem)],
  ['worker thread', () => new WorkerEngine(WORKER)],
] as const) {
  describe(`KbSession with the ${name} engine`, () => {
    it('loads, re-checks edits and previews exactly as an audit in one thread', async () => {
      const session = await KbSession.load(memoryFileSystem(files), '/kb', config, { now: NOW, engine: engine() });
      try {
        const direct = await runAudit(memoryFileSystem(files), '/kb', config, { now: NOW });
        assert.deepEqual(session.findings.map(key), direct.findings.map(key));
        assert.ok(session.findings.some((f) => f.ruleId === 'conflicting-answer'), 'a rule that compares articles ran');

        const edited = files['/kb/c.md'].replace('10 business days', '5 business days') + '\n## Can I return a gift?\n';
        session.updateArticle('c.md', edited, NOW);
        session.removeArticle('b.md');
        await session.recheck({ now: NOW });
        const after: Record<string, string> = { ...files, '/kb/c.md': edited };
        delete after['/kb/b.md'];
        const full = await runAudit(memoryFileSystem(after), '/kb', config, { now: NOW });
        assert.deepEqual(session.findings.map(key), full.findings.map(key));

        const preview = await session.previewAll([{ question: 'can I return a gift', line: 1 }]);
        assert.equal(preview.preview.results[0].answer?.file, 'c.md', 'the preview sees the edit');
      } finally {
        session.dispose();
      }
    });

    it('reports where a load is: files read here, then the questions routed and each rule run by the engine', async () => {
      const seen: string[] = [];
      const session = await KbSession.load(memoryFileSystem(files), '/kb', config, { now: NOW, engine: engine(), onProgress: (p) => seen.push(`${p.stage} ${p.done}/${p.total}`) });
      try {
        const rules = seen.filter((line) => line.startsWith('rules '));
        assert.ok(rules.length > 10, seen.join('\n'));
        assert.deepEqual(seen.slice(0, 4), ['read 0/3', 'read 1/3', 'read 2/3', 'read 3/3']);
        assert.deepEqual(seen.slice(4, 6), ['questions 0/2', 'questions 1/2']);
        assert.deepEqual(rules, rules.map((_, i) => `rules ${i}/${rules.length}`));
        assert.equal(seen.length, 6 + rules.length);
      } finally {
        session.dispose();
      }
    });

    it('sends its articles back: the knowledge base this side holds is the one it would have parsed itself', async () => {
      for (const folder of [SAMPLE_KB, toPosix(join(FLAVORS, 'mkdocs/docs'))]) {
        const session = await KbSession.load(nodeFileSystem, folder, DEFAULT_CONFIG, { now: NOW, engine: engine(), questions: null });
        try {
          assert.ok(session.offThread);
          const parsedHere = await loadKnowledgeBase(nodeFileSystem, folder, DEFAULT_CONFIG);
          assert.ok(session.kb.articles.length >= 4);
          assert.deepEqual(session.kb.articles, parsedHere.articles);
          assert.deepEqual(session.kb.skipped, parsedHere.skipped);
          assert.deepEqual(session.kb.site, parsedHere.site);
        } finally {
          session.dispose();
        }
      }
    });

    it('reads a folder on disk itself, and the knowledge base and findings are those of reading it here', async () => {
      for (const folder of [SAMPLE_KB, toPosix(join(FLAVORS, 'mkdocs/docs'))]) {
        const reads: number[] = [];
        const reading = engine();
        const read = reading.read.bind(reading);
        reading.read = (request, signal) => (reads.push(request.files.length), read(request, signal));
        const session = await KbSession.load(nodeFileSystem, folder, DEFAULT_CONFIG, { now: NOW, engine: reading, questions: null, diskPath: (path) => path });
        try {
          assert.ok(session.offThread);
          const here = await runAudit(nodeFileSystem, folder, DEFAULT_CONFIG, { now: NOW, questions: null });
          assert.equal(reads.reduce((n, k) => n + k, 0), here.kb.articles.length, 'every file read by the engine');
          assert.deepEqual(session.kb.articles, here.kb.articles);
          assert.deepEqual(session.kb.skipped, here.kb.skipped);
          assert.deepEqual(session.findings.map(key), here.findings.map(key));
        } finally {
          session.dispose();
        }
      }
    });

    it('reading on disk, a file gone between the walk and the read is skipped as vanished', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'kb-audit-read-'));
      try {
        for (const name of ['a.md', 'b.md', 'c.md']) writeFileSync(join(dir, name), `# ${name}\n\n## How do I pay?\n\nPay by card or bank transfer at checkout.\n`);
        const root = toPosix(dir);
        const session = await KbSession.load(nodeFileSystem, root, DEFAULT_CONFIG, {
          now: NOW,
          engine: engine(),
          questions: null,
          diskPath: (path) => path,
          onPhase: (phase) => phase === 'walked' && rmSync(join(dir, 'b.md')),
        });
        try {
          assert.ok(session.offThread);
          assert.deepEqual(session.kb.articles.map((a) => a.file), ['a.md', 'c.md']);
          assert.deepEqual(session.kb.skipped.map((s) => [s.file, s.reason]), [['b.md', 'vanished']]);
          assert.ok(session.findings.some((f) => f.ruleId === 'file-skipped' && f.file === 'b.md'), 'the audit reports it');
        } finally {
          session.dispose();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    // The engine has no folder to read the generator's configuration from: it audits in the site this side read.
    for (const folder of ['mkdocs/docs', 'docusaurus/docs', 'hugo/content/en', 'mdbook/src']) {
      it(`audits a ${folder.split('/')[0]} site as the CLI does`, async () => {
        const root = toPosix(join(FLAVORS, folder));
        const session = await KbSession.load(nodeFileSystem, root, DEFAULT_CONFIG, { now: NOW, engine: engine(), questions: null });
        try {
          const direct = await runAudit(nodeFileSystem, root, DEFAULT_CONFIG, { now: NOW, questions: null });
          assert.notEqual(direct.kb.site.flavor, 'plain');
          assert.deepEqual(session.findings.map(key), direct.findings.map(key));
        } finally {
          session.dispose();
        }
      });
    }
  });
}

/** A help article with a few questions, some wording shared across articles, for the similarity rules. */
function article(i: number): string {
  const sections = Array.from({ length: 8 }, (_, s) =>
    `## How do I change setting ${s} of product ${i % 37}?\n\nOpen the settings page of product ${i % 37}, choose option ${(i * 7 + s) % 11} and save. Changes reach every device within ${(i + s) % 9 + 1} business days.\n`,
  );
  return `---\ntitle: Topic ${i}\nowner: team-${i % 5}\nlast_reviewed: 2026-10-01\n---\n\n# Topic ${i}\n\n${sections.join('\n')}`;
}

describe('WorkerEngine', () => {
  it('is built beside the extension bundle', () => {
    assert.ok(existsSync(WORKER), `${WORKER} (npm run build)`);
  });

  it('sizes the heap from the articles: V8\'s default for a usual knowledge base, more for a very large one, never most of the machine', () => {
    const MB = 1024 * 1024;
    // 62 MB of Markdown (10,000 generated articles) fits a 4 GB default.
    assert.equal(engineHeapLimitMb(62 * MB, 4096, 24 * 1024), undefined);
    // 310 MB (50,000 articles) needs more than that.
    const large = engineHeapLimitMb(310 * MB, 4096, 24 * 1024)!;
    assert.ok(large > 4096 && large <= 24 * 1024 * 0.75, String(large));
    assert.ok(engineHeapLimitMb(600 * MB, 4096, 24 * 1024)! > large, 'more articles, more heap');
    // On an 8 GB machine the limit stops at three quarters of it, and never below the default.
    assert.equal(engineHeapLimitMb(2000 * MB, 4096, 8 * 1024), 6144);
    assert.equal(engineHeapLimitMb(2000 * MB, 4096, 4 * 1024), 4096);
  });

  it('starts its thread with the heap limit the first load calls for', async () => {
    const asked: number[] = [];
    const engine = new WorkerEngine(WORKER, { heapLimitMb: (bytes) => (asked.push(bytes), 1536) });
    assert.equal(engine.heapLimitMb, undefined, 'no thread before the first request');
    const session = await KbSession.load(memoryFileSystem(files), '/kb', config, { now: NOW, engine });
    try {
      const bytes = Object.entries(files).filter(([p]) => p.endsWith('.md')).reduce((n, [, text]) => n + Buffer.byteLength(text), 0);
      assert.deepEqual(asked, [bytes]);
      assert.equal(engine.heapLimitMb, 1536);
      assert.ok(session.findings.length > 0);
    } finally {
      session.dispose();
    }
  });

  it('an engine that cannot read the disk leaves reading, parsing and auditing to this thread', async () => {
    const session = await KbSession.load(nodeFileSystem, SAMPLE_KB, DEFAULT_CONFIG, { now: NOW, engine: inProcessEngine(), questions: null, diskPath: (path) => path });
    try {
      assert.equal(session.offThread, false);
      const here = await runAudit(nodeFileSystem, SAMPLE_KB, DEFAULT_CONFIG, { now: NOW, questions: null });
      assert.deepEqual(session.findings.map(key), here.findings.map(key));
      assert.deepEqual(session.kb.articles, here.kb.articles);
    } finally {
      session.dispose();
    }
  });

  it('a worker that cannot start leaves the load to this thread, with the same findings', async () => {
    const session = await KbSession.load(memoryFileSystem(files), '/kb', config, { now: NOW, engine: new WorkerEngine(join(__dirname, 'no-such-worker.js')) });
    try {
      assert.equal(session.offThread, false);
      const direct = await runAudit(memoryFileSystem(files), '/kb', config, { now: NOW });
      assert.deepEqual(session.findings.map(key), direct.findings.map(key));
      assert.deepEqual(session.kb.articles, direct.kb.articles);
    } finally {
      session.dispose();
    }
  });

  it('parses the files it is sent as they are read, and its load audits those articles', async () => {
    const many = Object.fromEntries(Array.from({ length: 2400 }, (_, i) => [`/big/topic-${String(i).padStart(4, '0')}.md`, article(i)]));
    const bytes = Object.values(many).reduce((n, text) => n + Buffer.byteLength(text), 0);
    const parses: number[] = [];
    const engine = new WorkerEngine(WORKER);
    const parse = engine.parse.bind(engine);
    engine.parse = (request, signal) => {
      parses.push(request.files.reduce((n, f) => n + f.bytes.byteLength, 0));
      assert.equal(request.docsBytes, bytes);
      return parse(request, signal);
    };
    const session = await KbSession.load(memoryFileSystem(many), '/big', DEFAULT_CONFIG, { now: NOW, engine, questions: null });
    try {
      assert.ok(session.offThread);
      // About a megabyte of Markdown per request, not one request per file nor one for all.
      assert.ok(parses.length >= Math.floor(bytes / (1 << 20)) && parses.length <= Math.ceil(bytes / (1 << 20)) + 1, `${parses.length} parse requests for ${bytes} bytes`);
      assert.equal(parses.reduce((n, b) => n + b, 0), bytes);
      const direct = await runAudit(memoryFileSystem(many), '/big', DEFAULT_CONFIG, { now: NOW, questions: null });
      assert.deepEqual(session.findings.map(key), direct.findings.map(key));
      assert.deepEqual(session.kb.articles.map((a) => a.file), direct.kb.articles.map((a) => a.file));
    } finally {
      session.dispose();
    }
  });

  it('reading a folder on disk itself, starts its thread with the heap limit the folder calls for', async () => {
    const asked: number[] = [];
    const engine = new WorkerEngine(WORKER, { heapLimitMb: (bytes) => (asked.push(bytes), 1536) });
    const session = await KbSession.load(nodeFileSystem, SAMPLE_KB, DEFAULT_CONFIG, { now: NOW, engine, questions: null, diskPath: (path) => path });
    try {
      const articles = (await runAudit(nodeFileSystem, SAMPLE_KB, DEFAULT_CONFIG, { now: NOW, questions: null })).kb.articles;
      const bytes = articles.reduce((n, a) => n + statSync(join(SAMPLE_KB, a.file)).size, 0);
      assert.deepEqual(asked, [bytes]);
      assert.equal(engine.heapLimitMb, 1536);
      assert.ok(session.offThread);
    } finally {
      session.dispose();
    }
  });

  it('puts one abort listener on a signal, however many of its calls are in flight, and cancels them all', async () => {
    const site = defaultSite();
    const read = (engine: WorkerEngine, signal: AbortSignal) =>
      Array.from({ length: 40 }, () => engine.read({ kind: 'read', site, files: [{ file: 'index.md', path: join(SAMPLE_KB, 'index.md') }], docsBytes: 1 }, signal));
    const engine = new WorkerEngine(WORKER);
    try {
      const signal = new AbortController().signal;
      const calls = read(engine, signal);
      assert.equal(getEventListeners(signal, 'abort').length, 1);
      const replies = await Promise.all(calls);
      assert.ok(replies.every((reply) => reply.read.length === 1));
      assert.equal(getEventListeners(signal, 'abort').length, 0, 'the listener outlived its calls');
    } finally {
      engine.dispose();
    }
    const abort = new AbortController();
    const calls = read(new WorkerEngine(WORKER), abort.signal);
    abort.abort();
    const outcomes = await Promise.allSettled(calls);
    assert.deepEqual(new Set(outcomes.map((o) => (o.status === 'rejected' ? (o.reason as Error).name : 'fulfilled'))), new Set(['AbortError']));
    assert.equal(getEventListeners(abort.signal, 'abort').length, 0);
  });

  it('stops at once when the load is cancelled, wherever the worker is', async () => {
    const fs = memoryFileSystem(Object.fromEntries(Array.from({ length: 800 }, (_, i) => [`/big/topic-${i}.md`, article(i)])));
    const abort = new AbortController();
    let cancelledAt = 0;
    const load = KbSession.load(fs, '/big', DEFAULT_CONFIG, {
      signal: abort.signal,
      engine: new WorkerEngine(WORKER),
      // Everything is read and handed to the worker: cancel while it runs the rules.
      onPhase: (phase) => {
        if (phase !== 'read') return;
        setTimeout(() => {
          cancelledAt = performance.now();
          abort.abort();
        }, 50);
      },
    });
    await assert.rejects(load, (error: Error) => error.name === 'AbortError');
    const latency = performance.now() - cancelledAt;
    assert.ok(cancelledAt > 0, 'the load was cancelled while running');
    assert.ok(latency < 250, `settled ${latency.toFixed(1)} ms after the cancel`);
  });
});
