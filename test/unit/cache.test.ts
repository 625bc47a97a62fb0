import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { after, describe, it } from 'node:test';
import { runAudit } from '../../src/core/audit';
import { AuditCache } from '../../src/core/cache/auditCache';
import { SharedArticleCache } from '../../src/core/diff';
import { DEFAULT_CONFIG, type ResolvedConfig } from '../../src/core/config/config';
import { toPosix, type FileSystem } from '../../src/core/fileSystem';
import { sectionText, type Article } from '../../src/core/model';
import { nodeFileSystem } from '../../src/core/nodeFileSystem';

const SAMPLE = join(__dirname, '..', 'fixtures', 'sample-kb');
const NOW = new Date('2026-06-01T12:00:00Z');
const scratch = mkdtempSync(join(tmpdir(), 'kb-audit-cache-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

let copies = 0;
/** A fresh copy of the sample KB and an empty cache folder beside it. */
function setup(): { docs: string; cacheDir: string } {
  const base = join(scratch, String(copies++));
  const docs = join(base, 'docs');
  cpSync(SAMPLE, docs, { recursive: true });
  return { docs: toPosix(docs), cacheDir: join(base, 'cache') };
}

async function audit(docs: string, cache?: AuditCache, config: ResolvedConfig = DEFAULT_CONFIG) {
  return runAudit(nodeFileSystem, docs, config, { now: NOW, questions: null, cache });
}

/** An audit without a cache: it always parses, so it always has the knowledge base. */
async function plainAudit(docs: string, config: ResolvedConfig = DEFAULT_CONFIG) {
  return runAudit(nodeFileSystem, docs, config, { now: NOW, questions: null });
}

/** The knowledge base of an audit that parsed (or took every article from the cache). */
function kbOf(result: Awaited<ReturnType<typeof audit>>) {
  assert.ok(result.kb, 'this audit had to load the articles');
  return result.kb;
}

/** What a rule can see of an article: everything the parser produced. */
function articleShape(a: Article) {
  return JSON.parse(JSON.stringify(a));
}

describe('audit cache', () => {
  it('gives the same articles and findings cold, warm and without a cache', async () => {
    const { docs, cacheDir } = setup();
    const plain = await plainAudit(docs);
    assert.ok(plain.findings.length > 0, 'the sample KB has planted problems');

    const cold = new AuditCache(cacheDir, 'engine-1');
    const first = await audit(docs, cold);
    assert.deepEqual(first.findings, plain.findings);
    assert.equal(cold.stats.hits, 0);
    assert.equal(cold.stats.misses, plain.kb.articles.length);
    assert.equal(cold.stats.findingsReused, false);

    const warm = new AuditCache(cacheDir, 'engine-1');
    const second = await audit(docs, warm);
    assert.equal(warm.stats.hits, plain.kb.articles.length);
    assert.equal(warm.stats.misses, 0);
    assert.equal(warm.stats.findingsReused, true);
    assert.deepEqual(second.findings, plain.findings);
    assert.equal(second.kb, null, 'findings reused: nothing parsed, nothing taken out of the cache');
    assert.deepEqual(second.files, plain.kb.articles.map((a) => a.file));
    assert.deepEqual(second.stats, { ...plain.stats, durationMs: second.stats.durationMs });
  });

  it('gives the same articles from the cache as from parsing', async () => {
    const { docs, cacheDir } = setup();
    const plain = await plainAudit(docs);
    await audit(docs, new AuditCache(cacheDir, 'engine-1'));
    // Another day: the findings are not reused, every article comes out of the cache.
    const cache = new AuditCache(cacheDir, 'engine-1');
    const later = await runAudit(nodeFileSystem, docs, DEFAULT_CONFIG, { now: new Date('2026-06-02T12:00:00Z'), questions: null, cache });
    assert.equal(cache.stats.findingsReused, false);
    assert.equal(cache.stats.hits, plain.kb.articles.length);
    assert.equal(cache.stats.misses, 0);
    assert.deepEqual(kbOf(later).articles.map(articleShape), plain.kb.articles.map(articleShape));
    assert.deepEqual(kbOf(later).sections.map(sectionText), plain.kb.sections.map(sectionText));
  });

  it('re-parses only a changed article and re-runs the rules', async () => {
    const { docs, cacheDir } = setup();
    await audit(docs, new AuditCache(cacheDir, 'engine-1'));
    const file = join(docs, 'returns', 'refunds.md');
    writeFileSync(file, readFileSync(file, 'utf8') + '\n## Brand new question?\n');
    const cache = new AuditCache(cacheDir, 'engine-1');
    const result = await audit(docs, cache);
    assert.equal(cache.stats.misses, 1);
    assert.equal(cache.stats.hits, kbOf(result).articles.length - 1);
    assert.equal(cache.stats.findingsReused, false);
    assert.deepEqual(result.findings, (await audit(docs)).findings);
    assert.ok(result.findings.some((f) => f.file === 'returns/refunds.md' && f.ruleId === 'empty-section'));
  });

  it('does not reuse findings under another configuration', async () => {
    const { docs, cacheDir } = setup();
    await audit(docs, new AuditCache(cacheDir, 'engine-1'));
    const config: ResolvedConfig = { ...DEFAULT_CONFIG, rules: { 'empty-section': { severity: 'off' } } };
    const cache = new AuditCache(cacheDir, 'engine-1');
    const result = await audit(docs, cache, config);
    assert.equal(cache.stats.findingsReused, false);
    assert.equal(cache.stats.hits, kbOf(result).articles.length, 'parsed articles do not depend on rule settings');
    assert.deepEqual(result.findings, (await audit(docs, undefined, config)).findings);
  });

  it('ignores the cache of another engine', async () => {
    const { docs, cacheDir } = setup();
    await audit(docs, new AuditCache(cacheDir, 'engine-1'));
    const cache = new AuditCache(cacheDir, 'engine-2');
    const result = await audit(docs, cache);
    assert.equal(cache.stats.hits, 0);
    assert.equal(cache.stats.findingsReused, false);
    assert.equal(cache.stats.ignored, 'written by another version');
    assert.deepEqual(result.findings, (await audit(docs)).findings);
  });

  it('ignores a corrupt cache and rewrites it', async () => {
    const { docs, cacheDir } = setup();
    await audit(docs, new AuditCache(cacheDir, 'engine-1'));
    writeFileSync(join(cacheDir, 'articles.v8'), 'not a cache at all');
    writeFileSync(join(cacheDir, 'findings.v8'), Buffer.from([0xff, 0x0f, 0x6f, 0x22, 0x01]));
    const cache = new AuditCache(cacheDir, 'engine-1');
    const result = await audit(docs, cache);
    assert.equal(cache.stats.ignored, 'unreadable');
    assert.equal(cache.stats.hits, 0);
    assert.equal(cache.stats.findingsReused, false);
    assert.deepEqual(result.findings, (await audit(docs)).findings);
    const again = new AuditCache(cacheDir, 'engine-1');
    await audit(docs, again);
    assert.equal(again.stats.findingsReused, true, 'the corrupt cache was replaced by a good one');
  });

  it('leaves the stored articles alone when a run used exactly them, and rewrites them when one changed', async () => {
    const { docs, cacheDir } = setup();
    await audit(docs, new AuditCache(cacheDir, 'engine-1'));
    const stored = join(cacheDir, 'articles.v8');
    const first = statSync(stored).ino;
    // Another day: the findings are re-computed and saved, the articles are the stored ones.
    await runAudit(nodeFileSystem, docs, DEFAULT_CONFIG, { now: new Date('2026-06-02T12:00:00Z'), questions: null, cache: new AuditCache(cacheDir, 'engine-1') });
    assert.equal(statSync(stored).ino, first, 'articles.v8 was not replaced');
    const file = join(docs, 'returns', 'refunds.md');
    writeFileSync(file, readFileSync(file, 'utf8') + '\nOne more sentence.\n');
    await audit(docs, new AuditCache(cacheDir, 'engine-1'));
    assert.notEqual(statSync(stored).ino, first, 'a changed article is stored');
    const warm = new AuditCache(cacheDir, 'engine-1');
    await runAudit(nodeFileSystem, docs, DEFAULT_CONFIG, { now: new Date('2026-06-03T12:00:00Z'), questions: null, cache: warm });
    assert.equal(warm.stats.misses, 0, 'the changed article was kept');
  });

  it('a diff reads the audit\'s cache only for articles its own folder lacks', async () => {
    const { docs, cacheDir } = setup();
    await audit(docs, new AuditCache(cacheDir, 'engine-1'));
    const own = (dir: string) => new AuditCache(join(dir, 'diff'), 'engine-1');
    // The diff's first run: its own folder is empty, so the audit's articles are read (and kept).
    const firstShared = new AuditCache(cacheDir, 'engine-1');
    const first = new SharedArticleCache(own(cacheDir), firstShared);
    const result = await audit(docs, first);
    assert.equal(firstShared.stats.hits, kbOf(result).articles.length);
    await first.persist();
    // The audit's cache damaged: a run whose articles are all in the diff's own folder never reads it.
    writeFileSync(join(cacheDir, 'articles.v8'), 'not a cache at all');
    const laterShared = new AuditCache(cacheDir, 'engine-1');
    const later = new SharedArticleCache(own(cacheDir), laterShared);
    const again = await audit(docs, later);
    assert.equal(laterShared.stats.ignored, null, 'the audit\'s cache was not read');
    assert.equal(later.stats.hits, kbOf(again).articles.length);
    assert.equal(later.stats.misses, 0);
    // One article the diff's folder lacks: now the audit's cache is read (and found damaged).
    const file = join(docs, 'returns', 'refunds.md');
    writeFileSync(file, readFileSync(file, 'utf8') + '\nOne more sentence.\n');
    const thirdShared = new AuditCache(cacheDir, 'engine-1');
    const third = new SharedArticleCache(own(cacheDir), thirdShared);
    await audit(docs, third);
    assert.equal(thirdShared.stats.ignored, 'unreadable');
    assert.equal(third.stats.misses, 1);
  });

  it('stores many articles in several parts and reads every one back', async () => {
    const { docs, cacheDir } = setup();
    // More articles than one part of the file holds (256), with a remainder.
    mkdirSync(join(docs, 'many'));
    for (let i = 0; i < 600; i++) {
      writeFileSync(join(docs, 'many', `note-${i}.md`), `---\nlast_reviewed: 2026-05-01\n---\n# Note ${i}\n\nHow to change setting ${i}: open the panel and pick value ${i % 7}.\n`);
    }
    const plain = await plainAudit(docs);
    await audit(docs, new AuditCache(cacheDir, 'engine-1'));
    // Loading reads the keys only; asking for one article reads its part, and no other.
    const lazy = new AuditCache(cacheDir, 'engine-1');
    await lazy.load();
    const held = () => (lazy as unknown as { entries: Map<string, unknown> }).entries.size;
    assert.equal(held(), 0);
    const one = plain.kb.articles[300];
    assert.ok(lazy.has(one.file, one.hash));
    assert.ok(held() > 0 && held() <= 256, `${held()} articles read for one`);
    const cache = new AuditCache(cacheDir, 'engine-1');
    const later = await runAudit(nodeFileSystem, docs, DEFAULT_CONFIG, { now: new Date('2026-06-02T12:00:00Z'), questions: null, cache });
    assert.equal(cache.stats.ignored, null);
    assert.equal(cache.stats.hits, plain.kb.articles.length);
    assert.equal(cache.stats.misses, 0);
    assert.deepEqual(kbOf(later).articles.map(articleShape), plain.kb.articles.map(articleShape));
  });

  it('ignores a cache cut short, and one of an earlier version', async () => {
    const { docs, cacheDir } = setup();
    await audit(docs, new AuditCache(cacheDir, 'engine-1'));
    const stored = join(cacheDir, 'articles.v8');
    const anotherDay = (cache: AuditCache) => runAudit(nodeFileSystem, docs, DEFAULT_CONFIG, { now: new Date('2026-06-02T12:00:00Z'), questions: null, cache });
    const whole = readFileSync(stored);
    for (const cut of [1, 100, Math.floor(whole.length / 2), whole.length - 20]) {
      // Each run stores its findings: without them, the next one has to read the articles.
      rmSync(join(cacheDir, 'findings.v8'), { force: true });
      writeFileSync(stored, whole);
      truncateSync(stored, cut);
      const cache = new AuditCache(cacheDir, 'engine-1');
      await anotherDay(cache);
      assert.equal(cache.stats.ignored, 'unreadable', `cut to ${cut} bytes`);
      assert.equal(cache.stats.hits, 0, `cut to ${cut} bytes`);
    }
    // An earlier version's cache was one serialized value.
    rmSync(join(cacheDir, 'findings.v8'), { force: true });
    writeFileSync(stored, serialize({ format: 4, engine: 'engine-1', entries: new Map() }));
    const older = new AuditCache(cacheDir, 'engine-1');
    const result = await anotherDay(older);
    assert.equal(older.stats.ignored, 'written by another version');
    assert.equal(older.stats.hits, 0);
    assert.deepEqual(result.findings, (await runAudit(nodeFileSystem, docs, DEFAULT_CONFIG, { now: new Date('2026-06-02T12:00:00Z'), questions: null })).findings);
    // The damaged file was replaced by one that reads back whole.
    rmSync(join(cacheDir, 'findings.v8'), { force: true });
    const again = new AuditCache(cacheDir, 'engine-1');
    await anotherDay(again);
    assert.equal(again.stats.ignored, null);
    assert.equal(again.stats.misses, 0);
  });

  it('parses what it has not read yet when the stored articles were replaced since', async () => {
    const { docs, cacheDir } = setup();
    const plain = await plainAudit(docs);
    await audit(docs, new AuditCache(cacheDir, 'engine-1'));
    const loaded = new AuditCache(cacheDir, 'engine-1');
    await loaded.load();
    // Another run stores other articles in the meantime (one file changed).
    const file = join(docs, 'returns', 'refunds.md');
    writeFileSync(file, readFileSync(file, 'utf8') + '\nOne more sentence.\n');
    await audit(docs, new AuditCache(cacheDir, 'engine-1'));
    const unchanged = plain.kb.articles.find((a) => a.file !== 'returns/refunds.md')!;
    const text = () => readFileSync(join(docs, unchanged.file), 'utf8');
    assert.equal(loaded.article(unchanged.file, unchanged.hash, text), undefined, 'read from a file that is not the one loaded');
    assert.equal(loaded.stats.misses, 1);
    // Read afresh, the new file has it.
    const fresh = new AuditCache(cacheDir, 'engine-1');
    await fresh.load();
    assert.deepEqual(articleShape(fresh.article(unchanged.file, unchanged.hash, text)!), articleShape(unchanged));
  });

  it('does not hold the files it read while the rules run', async () => {
    const { docs, cacheDir } = setup();
    // The bytes of every file read, watched without being held.
    const read: Array<WeakRef<Uint8Array>> = [];
    const watching: FileSystem = {
      ...nodeFileSystem,
      async readFile(path) {
        const bytes = await nodeFileSystem.readFile(path);
        if (path.endsWith('.md')) read.push(new WeakRef(bytes));
        return bytes;
      },
    };
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    let held = -1;
    await runAudit(watching, docs, DEFAULT_CONFIG, {
      now: NOW,
      questions: null,
      cache: new AuditCache(cacheDir, 'engine-1'),
      onProgress: (progress) => {
        if (progress.stage !== 'rules' || held >= 0) return;
        gc();
        held = read.filter((bytes) => bytes.deref() !== undefined).length;
      },
    });
    assert.ok(read.length > 10, 'the sample KB was read through the watching file system');
    assert.equal(held, 0, `${held} of ${read.length} files' bytes were still held when the rules started`);
  });

  it('ignores an entry whose content does not match its key', async () => {
    const { docs, cacheDir } = setup();
    const cache = new AuditCache(cacheDir, 'engine-1');
    await audit(docs, cache);
    const reread = new AuditCache(cacheDir, 'engine-1');
    await reread.load();
    // Each stored article is read from the file when first asked for: ask, then damage them.
    for (const article of kbOf(await plainAudit(docs)).articles) assert.ok(reread.has(article.file, article.hash));
    // A damaged entry (here: sections missing) is parsed afresh, never trusted.
    const entries = (reread as unknown as { entries: Map<string, { sections: unknown }> }).entries;
    assert.ok(entries.size > 0);
    for (const entry of entries.values()) entry.sections = null as unknown;
    // Another day, so the stored findings do not stand and the articles are taken from the cache.
    const result = await runAudit(nodeFileSystem, docs, DEFAULT_CONFIG, { now: new Date('2026-06-02T12:00:00Z'), questions: null, cache: reread });
    assert.equal(reread.stats.hits, 0);
    assert.equal(reread.stats.findingsReused, false);
    assert.deepEqual(result.findings, (await runAudit(nodeFileSystem, docs, DEFAULT_CONFIG, { now: new Date('2026-06-02T12:00:00Z'), questions: null })).findings);
  });
});

describe('kb-audit audit --cache-dir', () => {
  async function run(argv: string[], cwd: string) {
    const { main } = await import('../../src/cli/main');
    let stdout = '';
    let stderr = '';
    const code = await main({ argv, fs: nodeFileSystem, cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    return { code, stdout, stderr };
  }

  it('writes the cache on the first run and reuses it on the second, with the same report', async () => {
    const { docs, cacheDir } = setup();
    // The sample KB's kb-audit.json routes sample questions, and such audits reuse parsed articles only.
    rmSync(join(docs, 'kb-audit.json'));
    const args = ['audit', docs, '--cache-dir', cacheDir, '--fail-on', 'never'];
    const first = await run(args, scratch);
    assert.equal(first.code, 0);
    assert.match(first.stderr, /cache: 0 articles reused, \d+ parsed\)/);
    const second = await run(args, scratch);
    assert.match(second.stderr, /cache: \d+ articles reused, 0 parsed, findings reused\)/);
    assert.equal(second.stdout, first.stdout);
    const off = await run([...args, '--no-cache'], scratch);
    assert.doesNotMatch(off.stderr, /cache:/);
    assert.equal(off.stdout, first.stdout);
  });

  it('reuses parsed articles but re-runs the rules when the audit routes sample questions', async () => {
    const { docs, cacheDir } = setup();
    const args = ['audit', docs, '--cache-dir', cacheDir, '--fail-on', 'never'];
    const first = await run(args, scratch);
    const second = await run(args, scratch);
    assert.match(second.stderr, /cache: \d+ articles reused, 0 parsed\)/);
    assert.equal(second.stdout, first.stdout);
  });
});
