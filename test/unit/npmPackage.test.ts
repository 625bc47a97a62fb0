// The npm package as a user gets it: `npm pack` holds the CLI and what it reads at run time, and
// nothing else; installed from the tarball into an empty folder, offline and with an empty npm
// cache (the bundle has no runtime dependencies to fetch), `npx kb-audit audit docs` runs.
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

const ROOT = join(__dirname, '..', '..');
const SAMPLE_KB = join(ROOT, 'test', 'fixtures', 'sample-kb');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** What the tarball holds: the CLI bundle, the word data it reads, the licences and the docs. */
const SHIPPED = [
  'CHANGELOG.md',
  'LICENSE',
  'README.md',
  'dist/THIRD-PARTY-NOTICES.txt',
  'dist/cli-bundle.js',
  'dist/cli.js',
  'media/word-vectors.bin',
  'media/wordnet-lexicon.txt',
  'package.json',
];

/** npm's own settings from `npm test` (npm_config_*) stay out: the run is a user's, with its own cache. */
function cleanEnv(cache: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  return { ...env, npm_config_cache: cache, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
}

function run(command: string, args: string[], options: SpawnSyncOptions) {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 180_000, ...options });
  return { code: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

describe('the npm package', () => {
  let temp: string;
  let cache: string;
  let tarball: string;
  let files: string[];
  before(() => {
    assert.ok(existsSync(join(ROOT, 'dist', 'cli.js')), 'build first (npm test does)');
    temp = mkdtempSync(join(tmpdir(), 'kb-npm-package-'));
    cache = join(temp, 'npm-cache');
    // --ignore-scripts: prepack's production build would rewrite dist/ under the other tests.
    const packed = run(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', temp], { cwd: ROOT, env: cleanEnv(cache) });
    assert.equal(packed.code, 0, packed.stderr);
    const [info] = JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    tarball = join(temp, info.filename);
    files = info.files.map((f) => f.path).sort();
  });
  after(() => rmSync(temp, { recursive: true, force: true }));

  it('holds the CLI, the data it reads and the notices, and nothing else (no sources, tests, fixtures, maps, caches)', () => {
    assert.deepEqual(files, SHIPPED);
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    assert.equal(manifest.bin['kb-audit'], 'dist/cli.js');
    assert.equal(manifest.dependencies, undefined, 'the bundles carry their dependencies: nothing to install with the package');
  });

  it('installs from the tarball offline into an empty folder, and `npx kb-audit audit docs` audits', () => {
    const project = join(temp, 'project');
    cpSync(SAMPLE_KB, join(project, 'docs'), { recursive: true });
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'help-centre', private: true }) + '\n');
    const env = cleanEnv(cache);
    const install = run(NPM, ['install', '--offline', '--no-audit', '--no-fund', tarball], { cwd: project, env });
    assert.equal(install.code, 0, install.stdout + install.stderr);
    const installed = join(project, 'node_modules', 'kb-audit');
    assert.deepEqual(
      SHIPPED.filter((file) => !existsSync(join(installed, file))),
      [],
    );

    const version = run(NPX, ['--offline', 'kb-audit', '--version'], { cwd: project, env });
    assert.equal(version.stdout, `${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}\n`);

    const audit = run(NPX, ['--offline', 'kb-audit', 'audit', 'docs'], { cwd: project, env });
    // The sample knowledge base has planted errors: exit 1, one finding a line, paths from the working folder.
    assert.equal(audit.code, 1, audit.stderr);
    assert.match(audit.stderr, /^\d+ findings in \d+ articles \(\d+ sections, \d+ skipped\) in \d+ ms\n$/);
    const lines = audit.stdout.trimEnd().split('\n');
    assert.ok(lines.length >= 13, `${lines.length} findings`);
    for (const line of lines) assert.match(line, /^docs\/[^:]+\.(md|txt):\d+:\d+ (error|warning|info) [a-z-]+ \S/);
    assert.ok(lines.some((line) => / error conflicting-answer /.test(line)));
    // The same findings as the repository's own build.
    const local = run(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'audit', 'docs'], { cwd: project, env });
    assert.equal(audit.stdout, local.stdout);
  });

  it('carries the licences of the packages bundled into the CLI', () => {
    const notices = readFileSync(join(temp, 'project', 'node_modules', 'kb-audit', 'dist', 'THIRD-PARTY-NOTICES.txt'), 'utf8');
    const cli = [...notices.matchAll(/^(\S+) \d+\.\d+\.\d+ \(.*\)\n=+\n\n(?:Source: .*\n)?Bundled in: (.*)$/gm)].filter((m) => m[2].split(', ').includes('dist/cli-bundle.js'));
    assert.deepEqual(
      ['csv-parse', 'jsonc-parser', 'markdown-it', 'picomatch', 'yaml'].filter((name) => !cli.some((m) => m[1] === name)),
      [],
    );
    assert.match(notices, /media\/wordnet-lexicon\.txt\n=+\n\n[^]*CC BY 4\.0/);
  });
});
