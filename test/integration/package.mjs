// npm run package: builds kb-audit-<version>.vsix in the repository root with @vscode/vsce and
// checks what it holds (the bundles, media, schema and docs; no sources, tests or node_modules;
// under 5 MB). Usage: node test/integration/package.mjs [--out FILE]
import { join, relative, resolve } from 'node:path';
import { REPO_ROOT } from './lib/paths.mjs';
import { checkVsix, defaultVsixName, packageVsix } from './lib/vsix.mjs';

const outIndex = process.argv.indexOf('--out');
const out = outIndex > 0 ? resolve(process.argv[outIndex + 1] ?? '') : join(REPO_ROOT, defaultVsixName());

try {
  await packageVsix(out);
  const { files, size, problems } = checkVsix(out);
  console.log(`${relative(process.cwd(), out) || out}: ${files.length} files, ${(size / 1024).toFixed(1)} KiB`);
  for (const file of files) console.log(`  ${file}`);
  if (problems.length) {
    for (const problem of problems) console.error(`error: ${problem}`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
