// KB Audit against its peers and against the floor, on generated help centres of several sizes
// (and, with --corpus, on a real docs folder), in one run, printed as Markdown tables:
//   - full audit (CLI, own process): wall time and peak memory, vs markdownlint-cli2 on the same
//     folder and vs a bare markdown-it parse of the same files (read + parse, one core), with
//     markdown-it as KB Audit's build bundles it (its class fields written as assignments), the
//     floor the audit is held to, and as published;
//   - re-audit of the unchanged folder with a warm cache (--cache-dir);
//   - routing: index build time and memory, question latency, vs plain fuse.js, at 10k and 100k sections;
//   - the near-duplicate pass: time, and recall of the pairs exact all-pairs comparison finds;
//   - incremental: one changed file to updated findings (test/bench/incremental.mjs);
//   - planted duplicates and conflicts found.
//
//   npm run bench -- [--sizes 1000,10000,50000] [--runs 3] [--quick] [--corpus DIR] [--seed 1]
//
// --quick: sizes 1000 and 10000, one run each, routing at 10k sections only.
// Timings are medians of --runs runs; peak memory is the largest resident set (GNU time's %M).
// Generated KBs and the engine bundle go to test/bench/.generated/ (git-ignored).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { build, type BuildOptions } from 'esbuild';
import Fuse from 'fuse.js';
import { DEFAULT_CONFIG } from '../../src/core/config/config';
import type { KnowledgeBase } from '../../src/core/knowledgeBase';
import { loadKnowledgeBase } from '../../src/core/knowledgeBase';
import { SearchIndex } from '../../src/core/routing/searchIndex';
import { routeQuestion } from '../../src/core/routing/simulator';
import { corpusOf } from '../../src/core/similarity/corpus';
import { duplicateAnalysis, groupMembers, SIMILARITY_FLOOR } from '../../src/core/similarity/duplicates';
import { nodeFileSystem } from '../../src/core/nodeFileSystem';
import { DEFAULT_NEAR_DUPLICATE } from '../../src/core/rules/util/nearDuplicates';
// @ts-expect-error: a plain JavaScript module, shared with other benchmarks
import { ensureKb } from './generateKb.mjs';
// The build's own plugins, so the bundle measured is the one that ships.
// @ts-expect-error: a plain JavaScript module
import { markdownItFieldsPlugin } from '../../esbuild.js';
import { sectionText } from '../../src/core/model';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string' },
    runs: { type: 'string' },
    quick: { type: 'boolean', default: false },
    corpus: { type: 'string', multiple: true },
    seed: { type: 'string', default: '1' },
    'skip-routing': { type: 'boolean', default: false },
    'skip-incremental': { type: 'boolean', default: false },
  },
});
const quick = values.quick;
const sizes = (values.sizes ?? (quick ? '1000,10000' : '1000,10000,50000')).split(',').map(Number);
const runs = Number(values.runs ?? (quick ? 1 : 3));
const seed = Number(values.seed);
const HERE = __dirname;
const ROOT = join(HERE, '..', '..');
const OUT = join(HERE, '.generated');
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

// ---------------------------------------------------------------- helpers

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const msf = (ms: number) => (ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(0)} ms`);
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
const ratio = (x: number) => `${x.toFixed(2)}×`;

function printTable(title: string, header: string[], rows: string[][]): void {
  console.log(`\n${title}\n`);
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

interface Measured {
  wallMs: number;
  cpuMs: number;
  /** Peak resident set in KB, or NaN without GNU time. */
  peakKb: number;
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command as its own process, measuring wall time, CPU time and peak memory. */
function measure(command: string, args: string[], cwd = ROOT): Measured {
  const report = join(OUT, `time-${process.pid}.txt`);
  const argv = GNU_TIME ? [GNU_TIME, '-f', '%e %U %S %M', '-o', report, command, ...args] : [command, ...args];
  const started = performance.now();
  const result = spawnSync(argv[0], argv.slice(1), { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const wallMs = performance.now() - started;
  let cpuMs = NaN;
  let peakKb = NaN;
  if (GNU_TIME && existsSync(report)) {
    const last = readFileSync(report, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    cpuMs = (last[1] + last[2]) * 1000;
    peakKb = last[3];
    rmSync(report, { force: true });
  }
  return { wallMs, cpuMs, peakKb, status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

interface Summary {
  wallMs: number;
  cpuMs: number;
  peakKb: number;
  last: Measured;
}

function repeat(n: number, run: () => Measured, check: (m: Measured) => void): Summary {
  const all: Measured[] = [];
  for (let i = 0; i < n; i++) {
    const m = run();
    check(m);
    all.push(m);
  }
  return { wallMs: median(all.map((m) => m.wallMs)), cpuMs: median(all.map((m) => m.cpuMs)), peakKb: Math.max(...all.map((m) => m.peakKb)), last: all[all.length - 1] };
}

function folderSize(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  const visit = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.isFile() && /\.(md|markdown)$/i.test(e.name)) {
        files++;
        bytes += statSync(p).size;
      }
    }
  };
  visit(dir);
  return { files, bytes };
}

/**
 * The CLI bundled once for the bench, so a rebuild of dist/ during a run cannot change what is
 * measured: the bundle and the launcher that runs it from V8's code cache, as dist/ has them.
 * Beside it, the bare parse bundled the same way: markdown-it as the CLI runs it.
 */
async function bundleCli(): Promise<{ cli: string; builtParse: string }> {
  const outfile = join(OUT, 'kb-audit-cli.js');
  const options: BuildOptions = { bundle: true, format: 'cjs', platform: 'node', target: 'node20', mainFields: ['module', 'main'], logLevel: 'silent', plugins: [markdownItFieldsPlugin] };
  await build({ ...options, entryPoints: [join(ROOT, 'src', 'cli', 'cli.ts')], outfile: join(OUT, 'cli-bundle.js') });
  await build({ ...options, entryPoints: [join(ROOT, 'src', 'cli', 'launch.ts')], outfile });
  const builtParse = join(OUT, 'bare-parse-built.mjs');
  await build({ ...options, format: 'esm', entryPoints: [BARE_PARSE], outfile: builtParse });
  return { cli: outfile, builtParse };
}

// ---------------------------------------------------------------- the audit against its peers

interface Planted {
  kind: 'verbatim' | 'reworded' | 'conflict';
  from: { file: string };
  to: { file: string };
}

interface AuditReport {
  stats: { files: number; sections: number };
  findings: Array<{ ruleId: string; file: string; related?: Array<{ file: string }> }>;
}

interface FolderResult {
  name: string;
  files: number;
  bytes: number;
  sections: number;
  audit: Summary | null;
  warm: Summary | null;
  lint: Summary;
  /** The bare parse with markdown-it as published. */
  parse: Summary;
  /** The bare parse with markdown-it as the CLI's build bundles it: the floor. */
  builtParse: Summary;
  report: AuditReport | null;
  failure: string | null;
}

const MARKDOWNLINT = join(ROOT, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
const BARE_PARSE = join(HERE, 'bareParse.mjs');

function benchFolder(name: string, dir: string, { cli, builtParse: builtParseScript }: { cli: string; builtParse: string }): FolderResult {
  const { files, bytes } = folderSize(dir);
  console.error(`[bench] ${name}: ${files} files, ${(bytes / 1e6).toFixed(1)} MB`);
  const output = join(OUT, `report-${process.pid}.json`);
  const cacheDir = join(OUT, `cache-${process.pid}`);
  const ok = (what: string) => (m: Measured) => {
    if (m.status !== 0) throw new Error(`${what} exited ${m.status}: ${m.stderr.slice(0, 2000)}`);
  };
  const auditArgs = [cli, 'audit', dir, '--format', 'json', '--output', output, '--fail-on', 'never'];
  const parse = repeat(runs, () => measure(process.execPath, [BARE_PARSE, dir]), ok('bare parse'));
  const builtParse = repeat(runs, () => measure(process.execPath, [builtParseScript, dir]), ok('bare parse as built'));
  console.error(`[bench]   bare parse ${sec(parse.wallMs)}, as built ${sec(builtParse.wallMs)}`);
  // A failed audit (out of memory at a size too large for the machine) is reported, not fatal.
  let audit: Summary | null = null;
  let report: AuditReport | null = null;
  let failure: string | null = null;
  try {
    audit = repeat(runs, () => measure(process.execPath, auditArgs), ok('kb-audit'));
    report = JSON.parse(readFileSync(output, 'utf8')) as AuditReport;
    console.error(`[bench]   kb-audit ${sec(audit.wallMs)}`);
  } catch (error) {
    const text = String(error instanceof Error ? error.message : error);
    failure = /heap out of memory|Allocation failed/i.test(text) ? 'out of memory' : text.split('\n')[0].slice(0, 120);
    console.error(`[bench]   kb-audit failed: ${failure}`);
  }
  // markdownlint-cli2 exits 1 when it finds problems: only a crash (2 and up) is a failure.
  const lint = repeat(
    runs,
    () => measure(process.execPath, [MARKDOWNLINT, '**/*.{md,markdown}', '#**/node_modules/**'], dir),
    (m) => {
      if (m.status === null || m.status > 1) throw new Error(`markdownlint-cli2 exited ${m.status}: ${m.stderr.slice(-2000)}`);
    },
  );
  console.error(`[bench]   markdownlint-cli2 ${sec(lint.wallMs)}`);
  let warm: Summary | null = null;
  if (report) {
    rmSync(cacheDir, { recursive: true, force: true });
    // Findings count days ("last reviewed … 400 days ago"): the warm runs are compared with the
    // audit that wrote the cache, just before them, and only when no midnight came in between.
    const day = () => `${new Date().toDateString()} ${new Date().toISOString().slice(0, 10)}`;
    const coldDay = day();
    ok('kb-audit --cache-dir (cold)')(measure(process.execPath, [...auditArgs, '--cache-dir', cacheDir]));
    const coldFindings = JSON.stringify((JSON.parse(readFileSync(output, 'utf8')) as AuditReport).findings);
    warm = repeat(runs, () => measure(process.execPath, [...auditArgs, '--cache-dir', cacheDir]), ok('kb-audit --cache-dir (warm)'));
    const warmReport = JSON.parse(readFileSync(output, 'utf8')) as AuditReport;
    if (day() !== coldDay) console.error('[bench]   the day changed during the warm runs: their findings are not compared');
    else if (JSON.stringify(warmReport.findings) !== coldFindings) throw new Error('warm-cache findings differ from the cold audit that wrote the cache');
    console.error(`[bench]   warm ${sec(warm.wallMs)}`);
  }
  rmSync(cacheDir, { recursive: true, force: true });
  rmSync(output, { force: true });
  return { name, files, bytes, sections: report?.stats.sections ?? NaN, audit, warm, lint, parse, builtParse, report, failure };
}

function plantedFound(report: AuditReport, planted: Planted[]): string {
  const links = (ruleIds: string[], a: string, b: string) =>
    report.findings.some(
      (f) => ruleIds.includes(f.ruleId) && ((f.file === a && f.related?.some((r) => r.file === b)) || (f.file === b && f.related?.some((r) => r.file === a))),
    );
  const parts: string[] = [];
  for (const kind of ['verbatim', 'reworded', 'conflict'] as const) {
    const list = planted.filter((p) => p.kind === kind);
    const rules = kind === 'conflict' ? ['conflicting-answer'] : ['near-duplicate'];
    parts.push(`${kind} ${list.filter((p) => links(rules, p.from.file, p.to.file)).length}/${list.length}`);
  }
  return parts.join(', ');
}

/** Findings of the duplicate and conflict rules that link a planted pair, out of all of them. */
function plantedShare(report: AuditReport, planted: Planted[]): string {
  const key = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
  const pairs = new Set(planted.map((p) => key(p.from.file, p.to.file)));
  const relevant = report.findings.filter((f) => f.ruleId === 'near-duplicate' || f.ruleId === 'conflicting-answer');
  const onPlanted = relevant.filter((f) => f.related?.some((r) => pairs.has(key(f.file, r.file)))).length;
  return `${onPlanted} of ${relevant.length}`;
}

// ---------------------------------------------------------------- near-duplicates: time and recall

interface NearDupResult {
  sections: number;
  compared: number;
  passMs: number;
  exactMs: number;
  recallAt: Array<{ threshold: number; exact: number; found: number }>;
}

/** The pass as the audit runs it, timed on a fresh KB, and its recall against exact all-pairs cosine. */
function benchNearDuplicates(kb: KnowledgeBase): NearDupResult {
  const started = performance.now();
  const corpus = corpusOf(kb);
  const analysis = duplicateAnalysis(kb, DEFAULT_NEAR_DUPLICATE.minWords);
  const passMs = performance.now() - started;
  // Exact: every pair of the same distinct texts LSH looks at, compared on the same vectors.
  const members = Array.from({ length: analysis.groupCount }, (_, g) => groupMembers(analysis, g)[0]);
  const found = new Map<string, number>();
  for (const p of analysis.pairs) found.set(`${Math.min(p.a, p.b)}:${Math.max(p.a, p.b)}`, p.similarity);
  const thresholds = [SIMILARITY_FLOOR, DEFAULT_NEAR_DUPLICATE.threshold, 0.8, 0.9];
  const exact = thresholds.map(() => 0);
  const hit = thresholds.map(() => 0);
  const exactStarted = performance.now();
  // Every pair's exact dot product, accumulated term by term (a pair that shares no term has cosine 0).
  const postings = new Map<number, Array<{ member: number; weight: number }>>();
  members.forEach((section, m) => {
    const v = corpus.vector(section);
    for (let k = 0; k < v.ids.length; k++) {
      let list = postings.get(v.ids[k]);
      if (!list) postings.set(v.ids[k], (list = []));
      list.push({ member: m, weight: v.weights[k] / v.norm });
    }
  });
  const dot = new Float64Array(members.length);
  const touched: number[] = [];
  for (let x = 0; x < members.length; x++) {
    const v = corpus.vector(members[x]);
    for (let k = 0; k < v.ids.length; k++) {
      const wx = v.weights[k] / v.norm;
      for (const { member: y, weight } of postings.get(v.ids[k])!) {
        if (y <= x) continue;
        if (dot[y] === 0) touched.push(y);
        dot[y] += wx * weight;
      }
    }
    for (const y of touched) {
      const approx = dot[y];
      dot[y] = 0;
      if (approx < SIMILARITY_FLOOR - 1e-6) continue;
      // The same arithmetic as the pass, so rounding cannot put a pair on the other side of a threshold.
      const s = corpus.cosine(members[x], members[y]);
      if (s < SIMILARITY_FLOOR) continue;
      const a = Math.min(members[x], members[y]);
      const b = Math.max(members[x], members[y]);
      const isFound = found.has(`${a}:${b}`);
      thresholds.forEach((t, k) => {
        if (s >= t) {
          exact[k]++;
          if (isFound) hit[k]++;
        }
      });
    }
    touched.length = 0;
  }
  const exactMs = performance.now() - exactStarted;
  return {
    sections: kb.sections.length,
    compared: members.length,
    passMs,
    exactMs,
    recallAt: thresholds.map((threshold, k) => ({ threshold, exact: exact[k], found: hit[k] })),
  };
}

// ---------------------------------------------------------------- routing vs fuse.js

interface RoutingResult {
  sections: number;
  buildMs: number;
  memoryMb: number;
  p50: number;
  p95: number;
  fuseBuildMs: number;
  fuseMemoryMb: number;
  fuseP50: number;
  fuseP95: number;
  fuseQuestions: number;
  questions: number;
}

function heapNow(): number {
  global.gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.external + m.arrayBuffers;
}

function questionsFor(kb: KnowledgeBase, count: number): string[] {
  const out: string[] = [];
  const step = Math.max(1, Math.floor(kb.sections.length / count));
  for (let i = 0; i < kb.sections.length && out.length < count; i += step) {
    const heading = kb.sections[i].heading.toLowerCase();
    out.push(i % 3 === 0 ? heading.replace(/([aeiou])([a-z])/, '$2$1') : heading);
  }
  return out;
}

function benchRouting(kb: KnowledgeBase): RoutingResult {
  const questions = questionsFor(kb, 200);
  let before = heapNow();
  let started = performance.now();
  const index = SearchIndex.build(kb);
  void index.calibration;
  const buildMs = performance.now() - started;
  const memoryMb = (heapNow() - before) / 1e6;
  const latencies = questions.map((q) => {
    const t = performance.now();
    routeQuestion(index, q, {});
    return performance.now() - t;
  });
  // Plain fuse.js over the same sections: heading and text, its default options.
  const records = kb.sections.map((s) => ({ heading: s.heading, text: sectionText(s) }));
  before = heapNow();
  started = performance.now();
  const fuse = new Fuse(records, { keys: ['heading', 'text'] });
  const fuseBuildMs = performance.now() - started;
  const fuseMemoryMb = (heapNow() - before) / 1e6;
  // fuse.js scans every record per question: a sample of the questions is enough to time it.
  const fuseQuestions = questions.filter((_, i) => i % Math.max(1, Math.round(kb.sections.length / 10000) * 4) === 0).slice(0, 50);
  const fuseLatencies = fuseQuestions.map((q) => {
    const t = performance.now();
    fuse.search(q, { limit: 5 });
    return performance.now() - t;
  });
  return {
    sections: kb.sections.length,
    buildMs,
    memoryMb,
    p50: median(latencies),
    p95: percentile(latencies, 0.95),
    fuseBuildMs,
    fuseMemoryMb,
    fuseP50: median(fuseLatencies),
    fuseP95: percentile(fuseLatencies, 0.95),
    fuseQuestions: fuseQuestions.length,
    questions: questions.length,
  };
}

// ---------------------------------------------------------------- incremental

function benchIncremental(): string {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(HERE, 'incremental.mjs'), '--sections', '10000'], { cwd: ROOT, encoding: 'utf8' });
  const line = result.stdout.split('\n').find((l) => l.startsWith('edit → refreshed findings'));
  const m = line && /median ([\d.]+) ms, p95 ([\d.]+) ms/.exec(line);
  if (!m) return `failed (exit ${result.status}): ${(result.stderr || result.stdout).trim().split('\n').slice(-3).join(' ')}`;
  return `median ${m[1]} ms, p95 ${m[2]} ms`;
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const bundles = await bundleCli();
  const cpu = cpus();
  console.log(`# KB Audit benchmark`);
  console.log(
    `\n${new Date().toISOString().slice(0, 10)}; ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB; Node ${process.version}; ` +
      `${runs} run${runs > 1 ? 's' : ''} each (medians); command: npm run bench -- ${process.argv.slice(2).join(' ')}`.trimEnd(),
  );
  const folders: FolderResult[] = [];
  const planted = new Map<string, Planted[]>();
  const dirs = new Map<number, string>();
  for (const size of sizes) {
    const dir = join(OUT, `kb-${size}-${seed}`);
    const kb = ensureKb(dir, { articles: size, seed }) as { planted: Planted[] };
    dirs.set(size, dir);
    const result = benchFolder(`generated ${size.toLocaleString('en')}`, dir, bundles);
    planted.set(result.name, kb.planted);
    folders.push(result);
  }
  for (const corpus of values.corpus ?? []) folders.push(benchFolder(`${relative(process.cwd(), corpus) || corpus}`, corpus, bundles));

  const failed = (f: FolderResult) => `failed: ${f.failure}`;
  printTable(
    'Full audit vs markdownlint-cli2 and vs a bare markdown-it parse, as KB Audit builds it and as published (each its own process; wall time, peak resident memory)',
    ['folder', 'articles', 'MB', 'sections', 'kb-audit', 'peak', 'markdownlint-cli2', 'peak', 'kb-audit ÷ markdownlint', 'bare parse', 'kb-audit ÷ parse', 'bare parse, published', 'kb-audit ÷ published parse', 'warm re-audit', 'warm ÷ cold'],
    folders.map((f) => [
      f.name,
      f.files.toLocaleString('en'),
      (f.bytes / 1e6).toFixed(1),
      Number.isNaN(f.sections) ? '-' : f.sections.toLocaleString('en'),
      f.audit ? sec(f.audit.wallMs) : failed(f),
      f.audit ? mb(f.audit.peakKb) : '-',
      sec(f.lint.wallMs),
      mb(f.lint.peakKb),
      f.audit ? ratio(f.audit.wallMs / f.lint.wallMs) : '-',
      sec(f.builtParse.wallMs),
      f.audit ? ratio(f.audit.wallMs / f.builtParse.wallMs) : '-',
      sec(f.parse.wallMs),
      f.audit ? ratio(f.audit.wallMs / f.parse.wallMs) : '-',
      f.warm ? sec(f.warm.wallMs) : '-',
      f.warm && f.audit ? `${((100 * f.warm.wallMs) / f.audit.wallMs).toFixed(0)}%` : '-',
    ]),
  );
  printTable(
    'The same runs in CPU time (user + system), which a loaded machine distorts less than wall time',
    ['folder', 'kb-audit', 'markdownlint-cli2', 'bare parse', 'bare parse, published', 'kb-audit ÷ markdownlint', 'kb-audit ÷ parse', 'kb-audit ÷ published parse', 'warm re-audit'],
    folders.map((f) => [
      f.name,
      f.audit ? sec(f.audit.cpuMs) : failed(f),
      sec(f.lint.cpuMs),
      sec(f.builtParse.cpuMs),
      sec(f.parse.cpuMs),
      f.audit ? ratio(f.audit.cpuMs / f.lint.cpuMs) : '-',
      f.audit ? ratio(f.audit.cpuMs / f.builtParse.cpuMs) : '-',
      f.audit ? ratio(f.audit.cpuMs / f.parse.cpuMs) : '-',
      f.warm ? sec(f.warm.cpuMs) : '-',
    ]),
  );
  printTable(
    'Findings',
    ['folder', 'findings', 'planted found (near-duplicate / conflicting-answer)', 'duplicate and conflict findings on planted pairs'],
    folders.map((f) => {
      const p = planted.get(f.name);
      if (!f.report) return [f.name, failed(f), '-', '-'];
      return [f.name, f.report.findings.length.toLocaleString('en'), p ? plantedFound(f.report, p) : '-', p ? plantedShare(f.report, p) : '-'];
    }),
  );

  // Near-duplicates: a sample of about 10k sections (the 1k-article KB), compared exactly.
  const sampleDir = join(OUT, `kb-1000-${seed}`);
  ensureKb(sampleDir, { articles: 1000, seed });
  const nearDup = benchNearDuplicates(await loadKnowledgeBase(nodeFileSystem, sampleDir, DEFAULT_CONFIG));
  printTable(
    `Near-duplicate pass on ${nearDup.sections.toLocaleString('en')} sections (${nearDup.compared.toLocaleString('en')} distinct texts of ${DEFAULT_NEAR_DUPLICATE.minWords}+ words): MinHash LSH + cosine in ${msf(nearDup.passMs)} (term statistics included); exact all-pairs cosine on the same vectors in ${sec(nearDup.exactMs)}`,
    ['cosine ≥', 'exact pairs', 'found by the pass', 'recall'],
    nearDup.recallAt.map((r) => [r.threshold.toFixed(2), String(r.exact), String(r.found), r.exact ? `${((100 * r.found) / r.exact).toFixed(1)}%` : '-']),
  );

  if (!values['skip-routing']) {
    const rows: RoutingResult[] = [];
    for (const articles of quick ? [1000] : [1000, 10000]) {
      const dir = join(OUT, `kb-${articles}-${seed}`);
      ensureKb(dir, { articles, seed });
      rows.push(benchRouting(await loadKnowledgeBase(nodeFileSystem, dir, DEFAULT_CONFIG)));
    }
    printTable(
      `Routing vs plain fuse.js over the same sections (heading and text; fuse.js timed on a sample of the questions)${global.gc ? '' : ' — run with --expose-gc for exact memory'}`,
      ['sections', 'index build', 'index memory', 'question p50', 'p95', 'fuse.js build', 'fuse.js memory', 'fuse.js p50', 'fuse.js p95'],
      rows.map((r) => [
        r.sections.toLocaleString('en'),
        msf(r.buildMs),
        `${r.memoryMb.toFixed(0)} MB`,
        msf(r.p50),
        msf(r.p95),
        msf(r.fuseBuildMs),
        `${r.fuseMemoryMb.toFixed(0)} MB`,
        msf(r.fuseP50),
        `${msf(r.fuseP95)} (${r.fuseQuestions} q.)`,
      ]),
    );
  }

  if (!values['skip-incremental']) console.log(`\nIncremental, one edited article to refreshed findings at 10,000 sections: ${benchIncremental()}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
