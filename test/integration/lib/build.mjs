// Builds what the integration runs load: the extension's own bundles (node esbuild.js) and the
// mocha suites, bundled one file per test so the index can hand each to mocha.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import esbuild from 'esbuild';
import { INTEGRATION_DIR, REPO_ROOT } from './paths.mjs';

/** The suites: each compiles to <outDir>/<name>/index.js plus one <file>.test.js per test file. */
export const SUITES = {
  /** the extension under development, opened on the sample knowledge base */
  extension: 'suite',
  /** the packaged .vsix, installed into the server's extensions folder */
  vsix: 'vsix',
  /** the extension under development, in an untrusted folder with Workspace Trust on */
  restricted: 'restricted',
};

export function buildExtension(extraArgs = []) {
  const result = spawnSync(process.execPath, ['esbuild.js', ...extraArgs], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`node esbuild.js ${extraArgs.join(' ')} failed (exit ${result.status})`);
}

/** @returns {Promise<Record<keyof typeof SUITES, string>>} the index.js of each suite */
export async function buildSuites(outDir) {
  const indexes = {};
  for (const [name, folder] of Object.entries(SUITES)) {
    const source = join(INTEGRATION_DIR, folder);
    // Measurements (*.measure.ts) only when asked for: they need a large folder and take minutes.
    const tests = readdirSync(source).filter((file) => file.endsWith('.test.ts') || (process.env.KB_AUDIT_MEASURE === '1' && file.endsWith('.measure.ts')));
    if (tests.length === 0) throw new Error(`no *.test.ts in ${source}`);
    await esbuild.build({
      entryPoints: [
        { in: join(INTEGRATION_DIR, 'suite', 'index.ts'), out: 'index' },
        ...tests.map((file) => ({ in: join(source, file), out: file.replace(/\.ts$/, '') })),
      ],
      outdir: join(outDir, folder),
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      // vscode comes from the extension host; mocha must be the one instance the index runs.
      external: ['vscode', 'mocha'],
      sourcemap: 'inline',
      mainFields: ['module', 'main'],
      logLevel: 'warning',
    });
    indexes[name] = join(outDir, folder, 'index.js');
  }
  return indexes;
}
