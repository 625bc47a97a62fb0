// What `kb-audit diff` costs against a warm `kb-audit audit --cache` of the same knowledge base:
// a generated KB committed to a git repository, one article then edited in the working tree,
// each command its own process (the built CLI, dist/cli.js), timed with GNU time.
//   - audit --cache after the edit: articles from the cache, rules run (the yardstick);
//   - a first diff against HEAD: neither state audited before (the diff's folder in the cache
//     removed), articles from the audit's cache; with two threads (the default on two cores)
//     and with --jobs 1;
//   - the next diff after another edit: BASE's state kept from the first, HEAD audited.
// Each run edits the article anew, so no audit's findings are reused. Prints medians.
//
//   npm run build && node test/bench/diff.mjs [--articles 10000] [--runs 3] [--seed 1]
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureKb } from './generateKb.mjs';

const { values } = parseArgs({
  options: { articles: { type: 'string', default: '10000' }, runs: { type: 'string', default: '3' }, seed: { type: 'string', default: '1' } },
});
const articles = Number(values.articles);
const runs = Number(values.runs);
const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const GNU_TIME = '/usr/bin/time';
if (!existsSync(CLI)) throw new Error('build first: npm run build');
if (!existsSync(GNU_TIME)) throw new Error('needs GNU time at /usr/bin/time (Debian: apt-get install time)');

const generated = join(ROOT, 'test', 'bench', '.generated', `kb-${articles}-${values.seed}`);
ensureKb(generated, { articles, seed: Number(values.seed) });
const scratch = mkdtempSync(join(tmpdir(), 'kb-audit-diff-bench-'));
const repo = join(scratch, 'kb');
const cache = join(scratch, 'cache');
cpSync(generated, repo, { recursive: true });
const git = (...args) => execFileSync('git', args, { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 30 }).trim();
git('init', '-q', '-b', 'main');
git('add', '-A');
git('-c', 'user.email=bench@example.com', '-c', 'user.name=Bench', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'Knowledge base');
const edited = join(repo, git('ls-files', '*.md').split('\n')[Math.floor(articles / 2)]);

function measure(args) {
  const report = join(scratch, 'time.txt');
  const result = spawnSync(GNU_TIME, ['-f', '%e %U %S %M', '-o', report, process.execPath, CLI, ...args], { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (result.status !== 0 && result.status !== 1) throw new Error(`kb-audit ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  const [wall, user, sys, peakKb] = readFileSync(report, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  return { wall, cpu: user + sys, peakMb: peakKb / 1024, stderr: result.stderr.trim() };
}

const audit = () => measure(['audit', '.', '--cache-dir', cache, '--format', 'json', '--output', join(scratch, 'audit.json'), '--fail-on', 'never']);
const diff = (...extra) => measure(['diff', 'HEAD', '--cache-dir', cache, '--format', 'json', '--output', join(scratch, 'diff.json'), ...extra]);
let edits = 0;
const edit = () => appendFileSync(edited, `\nAn edited sentence, number ${++edits}, about the delivery window.\n`);

console.log(`${articles} articles in git; ${availableParallelism()} cores; ${runs} runs; edited: ${edited.slice(repo.length + 1)}`);
// Fills the audit's cache with the articles.
audit();
const rows = { audit: [], first: [], firstOne: [], next: [] };
for (let r = 0; r < runs; r++) {
  edit();
  rows.audit.push(audit());
  rmSync(join(cache, 'diff'), { recursive: true, force: true });
  rows.first.push(diff());
  rmSync(join(cache, 'diff'), { recursive: true, force: true });
  rows.firstOne.push(diff('--jobs', '1'));
  edit();
  rows.next.push(diff());
  if (!/1 of 2 states reused/.test(rows.next.at(-1).stderr)) throw new Error(`the next diff did not reuse BASE: ${rows.next.at(-1).stderr}`);
}
rmSync(scratch, { recursive: true, force: true });

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const yardstick = median(rows.audit.map((m) => m.wall));
const names = {
  audit: '`audit --cache` after the edit (articles reused, rules run)',
  first: 'first `diff` (two states audited; BASE on a second thread)',
  firstOne: 'first `diff --jobs 1` (two states audited one after the other)',
  next: 'next `diff` after another edit (BASE\'s state reused)',
};
console.log('\n| run | wall (median) | × audit | CPU (median) | peak |');
console.log('|---|---:|---:|---:|---:|');
for (const [key, list] of Object.entries(rows)) {
  const wall = median(list.map((m) => m.wall));
  console.log(`| ${names[key]} | ${wall.toFixed(1)} s | ${(wall / yardstick).toFixed(2)}× | ${median(list.map((m) => m.cpu)).toFixed(1)} s | ${Math.max(...list.map((m) => m.peakMb)).toFixed(0)} MB |`);
}
