// The editor's audit of a very large workspace, as the desktop extension runs it: a KbSession
// whose engine is the audit worker thread (dist/auditWorker.js through WorkerEngine), the
// worker reading the folder from disk while this thread lists it. Prints how long the audit
// took, the heap limit the worker was started with, the process's peak resident memory (both
// threads), the longest this thread (the extension host's, in the editor) was held, the
// progress reported, and whether the audit stayed in the worker (a worker that runs out of
// memory hands the audit back to the host's thread). The findings are compared with the CLI's
// on the same folder. Then a second load is cancelled part-way: how soon it settles.
//
//   npm run bench:editor -- [--articles N] [--seed S] [--dir D] [--cancel-after SECONDS] [--skip-cli]
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { DEFAULT_CONFIG } from '../../src/core/config/config';
import { toPosix } from '../../src/core/fileSystem';
import type { Finding } from '../../src/core/model';
import { nodeFileSystem } from '../../src/core/nodeFileSystem';
import { KbSession } from '../../src/extension/kbSession';
import { WorkerEngine } from '../../src/extension/workerEngine';
// @ts-expect-error: a plain JavaScript module, shared with other benchmarks
import { ensureKb } from './generateKb.mjs';

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '50000' },
    seed: { type: 'string', default: '1' },
    dir: { type: 'string' },
    'cancel-after': { type: 'string', default: '10' },
    'skip-cli': { type: 'boolean', default: false },
  },
});
const ROOT = join(__dirname, '..', '..');
const WORKER = join(ROOT, 'dist', 'auditWorker.js');
const CLI = join(ROOT, 'dist', 'cli.js');
const dir = toPosix(values.dir ?? join(__dirname, '.generated', `kb-${values.articles}-${values.seed}`));
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const key = (f: Pick<Finding, 'file' | 'line' | 'column' | 'ruleId' | 'message'>) => `${f.file}:${f.line}:${f.column} ${f.ruleId} ${f.message}`;

/** Starts a load of the folder through a worker engine of its own: the session to come, the engine, and the progress reports counted by stage. */
function load(signal?: AbortSignal, onRead?: () => void) {
  const progress = new Map<string, number>();
  const engine = new WorkerEngine(WORKER);
  const session = KbSession.load(nodeFileSystem, dir, DEFAULT_CONFIG, {
    engine,
    signal,
    questions: null,
    diskPath: (path) => path,
    onProgress: (p) => {
      progress.set(p.stage, (progress.get(p.stage) ?? 0) + 1);
      if (p.stage === 'read') onRead?.();
    },
  });
  return { session, engine, progress };
}

async function main() {
  if (!values.dir) ensureKb(dir, { articles: Number(values.articles), seed: Number(values.seed) });
  console.log(`knowledge base: ${dir}`);

  const held = monitorEventLoopDelay({ resolution: 10 });
  held.enable();
  const started = performance.now();
  const { session: loading, engine, progress } = load();
  const session = await loading;
  const took = performance.now() - started;
  held.disable();
  const offThread = session.offThread;
  const findings = session.findings.map(key).sort();
  const sections = session.kb.sections.length;
  session.dispose();
  console.log(`audited ${session.kb.articles.length} articles, ${sections} sections in ${sec(took)}: ${findings.length} findings`);
  console.log(`  in the worker throughout: ${offThread ? 'yes' : 'NO (it handed the audit back to this thread)'}`);
  console.log(`  the worker's old-generation heap limit: ${engine.heapLimitMb ?? '?'} MB`);
  console.log(`  peak resident memory of the process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  console.log(`  longest hold of this thread: ${(held.max / 1e6).toFixed(0)} ms (99th percentile ${(held.percentile(99) / 1e6).toFixed(0)} ms)`);
  console.log(`  progress reports: ${[...progress].map(([stage, n]) => `${stage} ${n}`).join(', ')}`);

  if (!values['skip-cli']) {
    const cli = spawnSync(process.execPath, [CLI, 'audit', dir, '--format', 'json', '--fail-on', 'never', '-q'], { encoding: 'utf8', maxBuffer: 1 << 30 });
    if (cli.status !== 0) throw new Error(`the CLI audit failed: ${cli.stderr.slice(-500)}`);
    const cliFindings = (JSON.parse(cli.stdout) as { findings: Finding[] }).findings.map(key).sort();
    const same = cliFindings.length === findings.length && cliFindings.every((k, i) => k === findings[i]);
    console.log(`  the same findings as the CLI's: ${same ? 'yes' : `NO (${cliFindings.length} from the CLI)`}`);
  }

  // Cancelled once the worker has been reading for a while.
  const after = Number(values['cancel-after']) * 1000;
  const abort = new AbortController();
  let cancelledAt = 0;
  let timer: NodeJS.Timeout | undefined;
  const cancelled = load(abort.signal, () => {
    timer ??= setTimeout(() => {
      cancelledAt = performance.now();
      abort.abort();
    }, after);
  });
  const outcome = await cancelled.session.then(
    (s) => (s.dispose(), 'finished before the cancel'),
    (error: Error) => (error.name === 'AbortError' ? 'cancelled' : `failed: ${error.message}`),
  );
  clearTimeout(timer);
  console.log(`cancelled ${sec(after)} into the read: ${outcome}, settled ${cancelledAt ? `${(performance.now() - cancelledAt).toFixed(0)} ms` : '-'} after the cancel`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
