import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { toPosix } from '../../src/core/fileSystem';
import { nodeFileSystem } from '../../src/core/nodeFileSystem';
import { walkDocs } from '../../src/core/walk';
import { memoryFileSystem } from '../helpers/memoryFileSystem';

const defaults = { include: ['**/*.md', '**/*.markdown'], exclude: [], maxFileSize: 2_000_000 };

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
});
