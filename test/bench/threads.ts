// Two threads against one for the parse stage, and the cost of moving an article between
// threads: bundles test/bench/parseThreads.ts (the engine as it ships, built with the same
// plugins) and runs it on a folder.
//
//   npm run bench:threads -- [DIR] [--runs 3]
//
// Without DIR it uses the generated 10,000-article help centre (test/bench/generateKb.mjs).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
// @ts-expect-error: a plain JavaScript module, shared with other benchmarks
import { ensureKb } from './generateKb.mjs';
// @ts-expect-error: a plain JavaScript module
import { markdownItFieldsPlugin } from '../../esbuild.js';

const { values, positionals } = parseArgs({ options: { runs: { type: 'string', default: '3' } }, allowPositionals: true });
const OUT = join(__dirname, '.generated');

async function main(): Promise<void> {
  let dir = positionals[0];
  if (!dir) {
    dir = join(OUT, 'kb-10000-1');
    ensureKb(dir, { articles: 10000, seed: 1 });
  }
  const bundle = join(OUT, 'parse-threads.js');
  await build({
    entryPoints: [join(__dirname, 'parseThreads.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    mainFields: ['module', 'main'],
    outfile: bundle,
    plugins: [markdownItFieldsPlugin],
    logLevel: 'error',
  });
  const run = spawnSync(process.execPath, [bundle, dir, values.runs], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
