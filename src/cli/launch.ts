// The `kb-audit` command: runs the CLI bundle beside this file (cli-bundle.js) from V8's code
// cache. Compiling the 1.6 MB bundle, and then each function as a run first calls it, costs node
// about 90 ms, a tenth of a one-second audit and most of a re-audit from the cache. The compiled
// code is kept beside the bundle and read back by the next run.
//
// The cache is written when there is none, when it was made from other bytes than the bundle's
// (V8 itself only compares the source's length), or when V8 refuses it (another node, other
// flags), and again after a run that compiled noticeably more than it holds (the first audit
// after a `--version`). It goes through a temporary file and a rename, so a run never reads half
// of one. A folder that cannot be written to (a global install owned by root) costs only the time.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** Runs this long or longer compile enough to be worth a check of the cache (which takes about 7 ms). */
const CHECK_AFTER_SECONDS = 1;
/** Rewritten when the code compiled now is this share larger than what the cache holds. */
const GROWTH = 1 / 16;

/** Where the code compiled from `bundle` is kept for this node: V8's version and the machine are in the name, so two nodes keep one each. */
function codeCachePath(bundle: string): string {
  return `${bundle}.${process.versions.v8}-${process.arch}.cache`;
}

/**
 * Runs `bundle` (a CommonJS file) as node would, with its compiled code read from and kept in
 * `cache`: the SHA-256 of the bundle's bytes, then the code V8 compiled from them.
 */
function runWithCodeCache(bundle: string, cache = codeCachePath(bundle)): void {
  const bytes = readFileSync(bundle);
  const digest = createHash('sha256').update(bytes).digest();
  let cached: Buffer | undefined;
  try {
    const kept = readFileSync(cache);
    if (kept.length > digest.length && kept.subarray(0, digest.length).equals(digest)) cached = kept.subarray(digest.length);
  } catch {
    cached = undefined;
  }
  const script = new Script(Module.wrap(bytes.toString('utf8')), { filename: bundle, cachedData: cached });
  const fresh = cached === undefined || script.cachedDataRejected === true;
  process.once('exit', () => {
    if (!fresh && process.uptime() < CHECK_AFTER_SECONDS) return;
    // The cache only saves time: a run that cannot make or keep one is the same run. Where it
    // cannot be written, it is not made either (that takes about 7 ms).
    const temporary = `${cache}.${process.pid}.tmp`;
    let file: number | undefined;
    try {
      file = openSync(temporary, 'w');
      const data = script.createCachedData();
      if (fresh || data.length > cached!.length * (1 + GROWTH)) {
        writeFileSync(file, Buffer.concat([digest, data]));
        closeSync(file);
        file = undefined;
        renameSync(temporary, cache);
      }
    } catch {
      // Left as it was.
    } finally {
      if (file !== undefined) closeSync(file);
      rmSync(temporary, { force: true });
    }
  });
  const module = { exports: {} };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(module.exports, module.exports, createRequire(bundle), module, bundle, dirname(bundle));
}

runWithCodeCache(join(__dirname, 'cli-bundle.js'));
