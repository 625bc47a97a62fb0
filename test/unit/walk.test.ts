import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { toPosix, type FileSystem } from '../../src/core/fileSystem';
import { nodeFileSystem } from '../../src/core/nodeFileSystem';
import { callLimit, walkDocs } from '../../src/core/walk';
import { memoryFileSystem } from '../helpers/memoryFileSystem';

const defaults = { include: ['**/*.md', '**/*.markdown'], exclude: [], maxFileSize: 2_000_000 };

describe('callLimit', () => {
  it('starts queued calls in the order they came, never more than the bound at once, also after the queue empties', async () => {
    const limited = callLimit(2);
    const started: number[] = [];
    const finish = new Map<number, () => void>();
    let running = 0;
    let most = 0;
    const call = (n: number) =>
      limited(async () => {
        started.push(n);
        most = Math.max(most, ++running);
        await new Promise<void>((resolve) => finish.set(n, resolve));
        running--;
        return n;
      });
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    const first = [1, 2, 3, 4, 5, 6].map(call);
    await settle();
    assert.deepEqual(started, [1, 2]);
    for (const n of [2, 1, 3, 4, 5, 6]) {
      finish.get(n)!();
      await settle();
    }
    assert.deepEqual(await Promise.all(first), [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(started, [1, 2, 3, 4, 5, 6]);
    // The queue emptied; calls queued afterwards still wait their turn.
    const second = [7, 8, 9].map(call);
    await settle();
    assert.deepEqual(started.slice(6), [7, 8]);
    for (const n of [7, 8, 9]) {
      finish.get(n)!();
      await settle();
    }
    assert.deepEqual(await Promise.all(second), [7, 8, 9]);
    assert.deepEqual(started.slice(6), [7, 8, 9]);
    assert.equal(most, 2);
  });
});

describe('walkDocs', () => {
  const temp = mkdtempSync(join(tmpdir(), 'kb-walk-'));
  after(() => rmSync(temp, { recursive: true, force: true }));

  it('lists matching files in code-point order and leaves out node_modules and .git', async () => {
    const fs = memoryFileSystem({
      '/kb/b.md': '# B',
      '/kb/A.md': '# A',
      '/kb/sub/c.markdown': '# C',
      '/kb/notes.txt': 'not markdown',
      '/kb/node_modules/pkg/readme.md': '# dep',
      '/kb/.git/x.md': '# git',
    });
    const result = await walkDocs(fs, '/kb', defaults);
    assert.deepEqual(result.files.map((f) => f.file), ['A.md', 'b.md', 'sub/c.markdown']);
    assert.deepEqual(result.skipped, []);
  });

  it('applies exclude globs', async () => {
    const fs = memoryFileSystem({ '/kb/a.md': '', '/kb/drafts/b.md': '', '/kb/drafts/deep/c.md': '' });
    const result = await walkDocs(fs, '/kb', { ...defaults, exclude: ['drafts/**'] });
    assert.deepEqual(result.files.map((f) => f.file), ['a.md']);
  });

  it('skips files over the size cap with a reason naming the cap', async () => {
    const fs = memoryFileSystem({ '/kb/big.md': 'x'.repeat(101), '/kb/ok.md': 'x' });
    const result = await walkDocs(fs, '/kb', { ...defaults, maxFileSize: 100 });
    assert.deepEqual(result.files.map((f) => f.file), ['ok.md']);
    assert.equal(result.skipped.length, 1);
    assert.equal(result.skipped[0].reason, 'too-large');
    assert.match(result.skipped[0].detail, /101 bytes .* 100 bytes/);
  });

  it('ends on symlink loops, counts each real file once and reads nothing outside the root', async () => {
    const root = join(temp, 'loop');
    mkdirSync(join(root, 'a'), { recursive: true });
    writeFileSync(join(root, 'a', 'one.md'), '# One');
    writeFileSync(join(root, 'top.md'), '# Top');
    symlinkSync('..', join(root, 'a', 'loop'));
    symlinkSync('../a', join(root, 'a', 'self'));
    symlinkSync('top.md', join(root, 'alias.md'));
    const outside = join(temp, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'secret.md'), '# Secret');
    symlinkSync(outside, join(root, 'escape'));
    const result = await walkDocs(nodeFileSystem, toPosix(root), defaults);
    // Real paths win over the links that reach the same files.
    assert.deepEqual(result.files.map((f) => f.file), ['a/one.md', 'top.md']);
    assert.deepEqual(
      result.skipped.map((s) => [s.file, s.reason]),
      [['escape', 'symlink-outside-root']],
    );
  });

  it('reports an article that is a symbolic link to nothing, or to itself round a loop, and no other broken link', async () => {
    const root = join(temp, 'broken-links');
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'real.md'), '# Real');
    symlinkSync('renamed-away.md', join(root, 'dangling.md'));
    symlinkSync('loop-b.md', join(root, 'loop-a.md'));
    symlinkSync('loop-a.md', join(root, 'loop-b.md'));
    // Not articles by their names: a missing assets folder is not an article lost.
    symlinkSync('missing-folder', join(root, 'assets'));
    symlinkSync('gone.png', join(root, 'logo.png'));
    const result = await walkDocs(nodeFileSystem, toPosix(root), defaults);
    assert.deepEqual(result.files.map((f) => f.file), ['real.md']);
    assert.deepEqual(
      result.skipped.map((s) => [s.file, s.reason, s.detail]),
      [
        ['dangling.md', 'unreadable', 'symbolic link points to a file that does not exist'],
        ['loop-a.md', 'unreadable', 'symbolic link goes round in a loop'],
        ['loop-b.md', 'unreadable', 'symbolic link goes round in a loop'],
      ],
    );
  });

  /**
   * The disk as an editor's file system answers it: every call after a delay (a round trip to
   * another process, `delayMs` of the path, stretched by up to as much again as `seed` says).
   * Counts the calls waiting at once.
   */
  function slowDisk(seed: number, delayMs: (path: string) => number = () => 2) {
    let state = seed;
    const random = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const calls = { waiting: 0, most: 0 };
    const later = async <T>(path: string, call: () => Promise<T>): Promise<T> => {
      calls.waiting++;
      calls.most = Math.max(calls.most, calls.waiting);
      try {
        await new Promise((resolve) => setTimeout(resolve, delayMs(path) * (1 + random())));
        return await call();
      } finally {
        calls.waiting--;
      }
    };
    const fs: FileSystem = {
      readFile: (path) => later(path, () => nodeFileSystem.readFile(path)),
      readDirectory: (path) => later(path, () => nodeFileSystem.readDirectory(path)),
      stat: (path) => later(path, () => nodeFileSystem.stat(path)),
      realPath: (path) => later(path, () => nodeFileSystem.realPath!(path)),
    };
    return { fs, calls };
  }

  it('keeps several calls in flight on a slow file system, a bounded number, and lists the same files', async () => {
    const root = join(temp, 'many');
    for (let i = 0; i < 300; i++) {
      mkdirSync(join(root, `part-${i % 3}`), { recursive: true });
      writeFileSync(join(root, `part-${i % 3}`, `article-${i}.md`), `# Article ${i}`);
    }
    const expected = await walkDocs(nodeFileSystem, toPosix(root), defaults);
    assert.equal(expected.files.length, 300);
    const { fs, calls } = slowDisk(1);
    const result = await walkDocs(fs, toPosix(root), defaults);
    assert.deepEqual(result, expected);
    assert.ok(calls.most > 8, `at most ${calls.most} calls at once`);
    assert.ok(calls.most <= 64, `${calls.most} calls at once`);
  });

  it('lists a file reached by several links under the same path, whichever call returns first', async () => {
    const root = join(temp, 'links-race');
    mkdirSync(join(root, 'real'), { recursive: true });
    mkdirSync(join(root, 'a-first'), { recursive: true });
    mkdirSync(join(root, 'z-last', 'deep'), { recursive: true });
    const outsideRoot = join(temp, 'links-race-target');
    mkdirSync(outsideRoot, { recursive: true });
    writeFileSync(join(root, 'real', 'kept.txt'), 'not an article');
    // One article only reachable through links: the first link in walk order names it.
    mkdirSync(join(root, 'hidden'), { recursive: true });
    writeFileSync(join(root, 'hidden', 'target.markdown'), '# Target');
    symlinkSync('../../hidden/target.markdown', join(root, 'z-last', 'deep', 'via-z.md'));
    symlinkSync('../hidden/target.markdown', join(root, 'a-first', 'via-a.md'));
    symlinkSync('../hidden', join(root, 'a-first', 'folder'));
    symlinkSync('hidden', join(root, 'a-first-folder'));
    // Links met only through a link: in a folder the walk leaves out, reached by a link to it.
    mkdirSync(join(root, 'vendor', 'a-first'), { recursive: true });
    mkdirSync(join(root, 'vendor', 'z-last', 'deep'), { recursive: true });
    writeFileSync(join(root, 'hidden', 'second.markdown'), '# Second');
    symlinkSync('../../hidden/second.markdown', join(root, 'vendor', 'a-first', 'via-a.md'));
    symlinkSync('../../../hidden/second.markdown', join(root, 'vendor', 'z-last', 'deep', 'via-z.md'));
    symlinkSync('vendor', join(root, 'linked'));
    const options = { ...defaults, include: ['**/*.md'], exclude: ['vendor/**'] };
    const expected = await walkDocs(nodeFileSystem, toPosix(root), options);
    assert.deepEqual(expected.files.map((f) => f.file), ['a-first/via-a.md', 'linked/a-first/via-a.md']);
    assert.deepEqual(expected.skipped, []);
    // The folder met first in walk order answers last.
    for (let seed = 1; seed <= 4; seed++) {
      const { fs } = slowDisk(seed, (path) => (path.includes('/a-first') ? 40 : 1));
      assert.deepEqual(await walkDocs(fs, toPosix(root), options), expected, `seed ${seed}`);
    }
  });
});
