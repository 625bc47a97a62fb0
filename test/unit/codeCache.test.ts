// The `kb-audit` command (dist/cli.js) runs the CLI bundle from V8's code cache: the same output
// and exit code as the bundle run directly, a cache kept beside the bundle and read back, a cache
// V8 refuses written again, and a cache that cannot be kept costing nothing but the time.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

const DIST = join(__dirname, '..', '..', 'dist');

function run(script: string, args: string[]) {
  const result = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the code cache of the CLI', () => {
  let temp: string;
  let launcher: string;
  let bundle: string;
  /** The cache files beside the bundle (one per node). */
  const caches = () => readdirSync(temp).filter((name) => name.endsWith('.cache'));

  before(() => {
    temp = mkdtempSync(join(tmpdir(), 'kb-code-cache-'));
    launcher = join(temp, 'cli.js');
    bundle = join(temp, 'cli-bundle.js');
    copyFileSync(join(DIST, 'cli.js'), launcher);
    copyFileSync(join(DIST, 'cli-bundle.js'), bundle);
  });
  after(() => rmSync(temp, { recursive: true, force: true }));

  it('runs the bundle as node does, with its output, errors and exit codes', () => {
    for (const args of [['--version'], ['--help'], ['audit', join(temp, 'no-such-folder')], ['no-such-command']]) {
      const direct = run(bundle, args);
      const launched = run(launcher, args);
      assert.deepEqual(launched, direct, args.join(' '));
    }
  });

  it('keeps the compiled code beside the bundle and reads it back', () => {
    for (const name of caches()) rmSync(join(temp, name));
    assert.equal(run(launcher, ['--version']).code, 0);
    const [cache] = caches();
    assert.ok(cache, 'no cache written');
    const written = statSync(join(temp, cache));
    assert.ok(written.size > 10_000, `${written.size} bytes`);
    // A cache V8 accepted is not written again after a short run: the file is the same one.
    assert.equal(run(launcher, ['--version']).code, 0);
    assert.equal(statSync(join(temp, cache)).ino, written.ino);
  });

  it('never runs code compiled from another bundle, even one of the same length', () => {
    run(launcher, ['--version']);
    const version = run(bundle, ['--version']).stdout.trim();
    assert.match(version, /^\d+\.\d+\.\d+$/);
    // A rebuilt bundle that differs only in its version, written with as many characters.
    const other = version.replace(/\d/g, (d) => String((Number(d) + 1) % 10));
    const text = readFileSync(bundle, 'utf8');
    assert.ok(text.includes(`"${version}"`));
    writeFileSync(bundle, text.replaceAll(`"${version}"`, `"${other}"`));
    try {
      assert.equal(run(launcher, ['--version']).stdout.trim(), other);
      assert.equal(run(launcher, ['--version']).stdout.trim(), other);
    } finally {
      writeFileSync(bundle, text);
    }
    assert.equal(run(launcher, ['--version']).stdout.trim(), version);
  });

  it('writes again a cache V8 refuses', () => {
    run(launcher, ['--version']);
    const [cache] = caches();
    writeFileSync(join(temp, cache), 'not compiled code');
    const launched = run(launcher, ['--version']);
    assert.deepEqual(launched, run(bundle, ['--version']));
    assert.ok(statSync(join(temp, cache)).size > 10_000, 'the refused cache was kept');
  });

  it('runs as well where the cache cannot be kept, and leaves nothing behind', () => {
    for (const name of caches()) rmSync(join(temp, name));
    run(launcher, ['--version']);
    const [cache] = caches();
    rmSync(join(temp, cache));
    // A folder where the cache would go: it can be neither read nor replaced.
    mkdirSync(join(temp, cache));
    const launched = run(launcher, ['--version']);
    assert.deepEqual(launched, run(bundle, ['--version']));
    assert.ok(statSync(join(temp, cache)).isDirectory());
    assert.deepEqual(
      readdirSync(temp).filter((name) => name.endsWith('.tmp')),
      [],
    );
    assert.ok(existsSync(join(temp, cache)));
  });
});
