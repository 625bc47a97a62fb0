// Benchmark of the full audit (loading, parsing, every rule, duplicates and conflicts included)
// on a generated help centre. Prints the median of several runs of the CLI end to end, the time
// each rule takes in process, and how many of the planted copies and conflicts were found.
//
//   npm run bench:audit -- [--articles N] [--seed S] [--runs R] [--skip-cli] [--dir D]
//
// The KB is generated once into test/bench/.generated/ (git-ignored; or --dir) and reused.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runAudit } from '../../src/core/audit';
import { DEFAULT_CONFIG } from '../../src/core/config/config';
import type { Finding } from '../../src/core/model';
import { nodeFileSystem } from '../../src/core/nodeFileSystem';
// @ts-expect-error: a plain JavaScript module, shared with other benchmarks
import { ensureKb } from './generateKb.mjs';

interface Planted {
  kind: 'verbatim' | 'reworded' | 'conflict';
  from: { file: string; heading: string };
  to: { file: string; heading: string };
}

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: '5' },
    'skip-cli': { type: 'boolean', default: false },
    dir: { type: 'string' },
  },
});
const articles = Number(values.articles);
const runs = Number(values.runs);
const root = join(__dirname, '..', '..');
const dir = values.dir ?? join(__dirname, '.generated', `kb-${articles}-${values.seed}`);

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

async function main() {
  const started = performance.now();
  const kb = ensureKb(dir, { articles, seed: Number(values.seed) }) as { planted: Planted[]; generated: boolean };
  console.log(`knowledge base: ${dir} (${kb.generated ? `generated in ${seconds(performance.now() - started)}` : 'reused'})`);

  if (!values['skip-cli']) {
    const cli = join(root, 'dist', 'cli.js');
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const result = spawnSync(process.execPath, [cli, 'audit', dir, '--format', 'json', '--output', join(dir, '..', 'audit.json'), '--fail-on', 'never'], {
        encoding: 'utf8',
      });
      if (result.status !== 0) throw new Error(`kb-audit exited ${result.status}: ${result.stderr}`);
      times.push(performance.now() - t);
    }
    const report = JSON.parse(readFileSync(join(dir, '..', 'audit.json'), 'utf8'));
    console.log(
      `CLI end to end (kb-audit audit --format json), ${runs} runs: median ${seconds(median(times))} ` +
        `(min ${seconds(Math.min(...times))}, max ${seconds(Math.max(...times))}); ` +
        `${report.stats.files} articles, ${report.stats.sections} sections, ${report.findings.length} findings`,
    );
  }

  // In process: where the time goes.
  const ruleTimes = new Map<string, number[]>();
  const totals: number[] = [];
  let findings: Finding[] = [];
  for (let i = 0; i < Math.max(1, Math.min(runs, 3)); i++) {
    const result = await runAudit(nodeFileSystem, dir, DEFAULT_CONFIG, {
      onRuleTimed: (id, ms) => ruleTimes.set(id, [...(ruleTimes.get(id) ?? []), ms]),
    });
    totals.push(result.stats.durationMs);
    findings = result.findings;
  }
  const ruleMedians = [...ruleTimes].map(([id, ms]) => [id, median(ms)] as const);
  const rulesTotal = ruleMedians.reduce((s, [, ms]) => s + ms, 0);
  console.log(`in process: median ${seconds(median(totals))}, of which loading and parsing ${seconds(median(totals) - rulesTotal)}, rules ${seconds(rulesTotal)}`);
  for (const [id, ms] of ruleMedians.sort((a, b) => b[1] - a[1])) {
    const count = findings.filter((f) => f.ruleId === id).length;
    console.log(`  ${id.padEnd(22)} ${ms.toFixed(0).padStart(6)} ms  ${String(count).padStart(6)} findings`);
  }

  // Recall of the planted copies: a finding on one side that links the other.
  const links = (ruleIds: string[], a: string, b: string) =>
    findings.some((f) => ruleIds.includes(f.ruleId) && ((f.file === a && f.related?.some((r) => r.file === b)) || (f.file === b && f.related?.some((r) => r.file === a))));
  for (const kind of ['verbatim', 'reworded', 'conflict'] as const) {
    const planted = kb.planted.filter((p) => p.kind === kind);
    const rules = kind === 'conflict' ? ['conflicting-answer'] : ['near-duplicate'];
    const found = planted.filter((p) => links(rules, p.from.file, p.to.file)).length;
    console.log(`planted ${kind} copies found by ${rules.join('/')}: ${found} of ${planted.length}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
