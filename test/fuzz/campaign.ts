// `npm run fuzz -- --time SECONDS [--seed N] [--out DIR]`: a fuzzing campaign of the whole
// pipeline. A worker thread generates and runs inputs (see worker.ts); this thread watches it:
// an input that keeps it busy for --hang seconds of processor time is a hang, saved as such, and
// the worker starts again on the next seed. Failing inputs are minimised and saved to DIR as regression
// fixtures (test/unit/fuzzRegressions.test.ts replays them). Prints inputs executed, time,
// coverage reached and failures; exits 1 when anything failed.
//
// `--state DIR` makes the campaign one run of a longer one: the inputs that reached new code are
// kept in DIR/corpus and start the next run, and DIR/runs/ holds each run's time and inputs
// (written as the run goes, so a run that is stopped still counts what it did; runs may overlap).
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { caseSize, saveCase, type FuzzCase, type SavedCase } from './case';
import type { CoverageFigures, CoveredBytes } from './coverage';
import { mergeCovered } from './coverage';
import type { WorkerInput, WorkerMessage } from './worker';
import { watchWorkers, workerStack } from './workerStack';

const ROOT = join(__dirname, '..', '..');
const SEEDS = join(ROOT, 'test', 'fixtures', 'fuzz', 'seeds');
const REGRESSIONS = join(ROOT, 'test', 'fixtures', 'fuzz', 'regressions');

const { values } = parseArgs({
  options: {
    time: { type: 'string', default: '60' },
    seed: { type: 'string' },
    out: { type: 'string', default: REGRESSIONS },
    hang: { type: 'string', default: '30' },
    'minimize-time': { type: 'string', default: '60' },
    /** Writes the figures (and coverage per file) as JSON. */
    report: { type: 'string' },
    /** A folder that carries the corpus and the totals from one run to the next. */
    state: { type: 'string' },
  },
});
const seconds = Number(values.time);
const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);
const hangMs = Number(values.hang) * 1000;
if (!Number.isFinite(seconds) || seconds <= 0 || !Number.isInteger(seed)) {
  console.error('usage: npm run fuzz -- --time SECONDS [--seed N] [--out DIR] [--hang SECONDS] [--minimize-time SECONDS] [--report FILE] [--state DIR]');
  process.exit(2);
}
const outDir = values.out!;

/** One run of a campaign kept in --state: DIR/runs/<start>-<seed>.json, one file a run, so runs may overlap. */
interface RunRecord {
  started: string;
  commit: string | null;
  seed: number;
  seconds: number;
  execs: number;
  failures: number;
}
const stateDir = values.state;
const stateCorpus = stateDir ? join(stateDir, 'corpus') : null;
const stateRuns = stateDir ? join(stateDir, 'runs') : null;
if (stateCorpus && stateRuns) {
  mkdirSync(stateCorpus, { recursive: true });
  mkdirSync(stateRuns, { recursive: true });
}
const thisRun: RunRecord = { started: new Date().toISOString(), commit: headCommit(), seed, seconds: 0, execs: 0, failures: 0 };
const runFile = stateRuns ? join(stateRuns, `${thisRun.started.replace(/[:.]/g, '-')}-${seed}.json`) : null;

function headCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: __dirname, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** Brings this run's figures into the state file (written whole, then renamed over the old one). */
function writeState(): void {
  if (!runFile) return;
  thisRun.seconds = Math.round((Date.now() - started - pausedMs) / 1000);
  thisRun.execs = execs;
  thisRun.failures = failures.length;
  writeFileSync(`${runFile}.tmp`, JSON.stringify(thisRun, null, 2) + '\n');
  renameSync(`${runFile}.tmp`, runFile);
}

interface Failure {
  kind: string;
  where: string;
  message: string;
  file: string;
  size: number;
  originalSize: number;
}

const failures: Failure[] = [];
let execs = 0;
let minimizeRuns = 0;
let corpus = 0;
let fresh = 0;
let mutated = 0;
let restarts = 0;
let flaky = 0;
const covered: CoveredBytes = {};
const functions: Array<[string, boolean]> = [];
let figures: CoverageFigures | null = null;
const started = Date.now();
let deadline = started + seconds * 1000;

/**
 * A campaign's time is the time it ran: when the whole machine stops (a suspended laptop, a
 * paused virtual machine), this thread's once-a-second tick comes late, and the pause is left
 * out of the campaign's length, added to its deadline and not taken for a hang.
 */
const PAUSE_MS = 10_000;
let pausedMs = 0;
const currentWorkers = new Set<Worker>();
let lastTick = Date.now();
setInterval(() => {
  const now = Date.now();
  const late = now - lastTick - 1000;
  lastTick = now;
  if (late < PAUSE_MS) return;
  pausedMs += late;
  deadline += late;
  for (const w of currentWorkers) w.postMessage({ type: 'deadline', deadline });
  log(`the machine was paused for ${(late / 1000).toFixed(0)} s: not counted, the deadline moves on as much`);
}, 1000).unref();

function save(saved: SavedCase, kind: string, where: string): string {
  mkdirSync(outDir, { recursive: true });
  const text = JSON.stringify(saved, null, 2) + '\n';
  const slug = `${kind}-${where}`.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
  const name = `${slug}-${createHash('sha1').update(text).digest('hex').slice(0, 8)}.json`;
  writeFileSync(join(outDir, name), text);
  return join(outDir, name);
}

function log(line: string): void {
  process.stdout.write(`[fuzz ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);
}

/**
 * A hang is measured in processor time, not on the clock: a campaign shares the machine (it runs
 * at a low priority beside other work), and an input that waits for the processor is not slow.
 * The process's time is the worker's, since this thread only waits for its messages. A worker
 * that stays silent without computing (blocked on a child process) is a hang after
 * WALL_FACTOR times the bound on the clock.
 */
const WALL_FACTOR = 10;

function processorMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Runs one worker until the deadline or a hang; resolves once it is gone. */
function runWorker(workerSeed: number): Promise<void> {
  return new Promise((resolve) => {
    const input: WorkerInput = { seed: workerSeed, deadline, corpusFolders: [SEEDS, REGRESSIONS, ...(stateCorpus ? [stateCorpus] : [])], minimizeMs: Number(values['minimize-time']) * 1000 };
    watchWorkers();
    const worker = new Worker(join(__dirname, 'worker-entry.cjs'), { workerData: input });
    currentWorkers.add(worker);
    let current: FuzzCase | null = null;
    let lastMessage = Date.now();
    // A pause of the machine since the last message is not the worker's silence.
    let pausedAtMessage = pausedMs;
    let baseExecs = 0;
    let finished = false;
    let cpuAtMessage = processorMs();
    const watchdog = setInterval(() => {
      // Past the deadline the worker is finishing its last input and the coverage figures.
      const limit = Date.now() > deadline ? hangMs + 120_000 : hangMs;
      const silent = Date.now() - lastMessage - (pausedMs - pausedAtMessage);
      // Busy for the bound, or silent ten times as long (a worker blocked without computing).
      if (processorMs() - cpuAtMessage < limit && silent < WALL_FACTOR * limit) return;
      clearInterval(watchdog);
      finished = true;
      const size = current ? caseSize(current) : 0;
      const what = `no answer after ${((processorMs() - cpuAtMessage) / 1000).toFixed(0)} s of processor time, ${(silent / 1000).toFixed(0)} s on the clock`;
      const hung = current;
      void workerStack(worker, ROOT).then(async (stack) => {
        const where = stack ? `; it was in:\n${stack.slice(0, 25).join('\n')}` : '; its stack could not be read';
        const file = hung ? save(saveCase(hung, `hang: ${what}${where}`), 'hang', 'pipeline') : '(no input)';
        failures.push({ kind: 'hang', where: 'pipeline', message: `the worker gave ${what}${where}`, file, size, originalSize: size });
        log(`HANG: ${what}, on an input of ${size} bytes: saved ${relative(ROOT, file)}${where.replace(/\n/g, '\n  ')}`);
        await worker.terminate();
        resolve();
      });
    }, 1000);
    worker.on('message', (message: WorkerMessage) => {
      lastMessage = Date.now();
      pausedAtMessage = pausedMs;
      handle(message);
      // What this thread does with a message is not the worker's time.
      cpuAtMessage = processorMs();
    });
    const handle = (message: WorkerMessage): void => {
      switch (message.type) {
        case 'start':
          current = message.case;
          execs++;
          baseExecs++;
          break;
        case 'progress':
          writeState();
          log(`${execs} inputs, corpus ${message.corpus}, ${failures.length} failures (per input: ${message.targetMs.toFixed(0)} ms in the target, ${message.coverageMs.toFixed(0)} ms taking coverage)`);
          break;
        case 'failure': {
          const file = save(message.saved, message.kind, message.where);
          failures.push({ kind: message.kind, where: message.where, message: message.message, file, size: message.size, originalSize: message.originalSize });
          log(`FAILURE ${message.kind} in ${message.where} (input minimised from ${message.originalSize} to ${message.size} bytes): ${relative(ROOT, file)}`);
          log(`  ${message.message.split('\n').slice(0, 4).join('\n  ')}`);
          break;
        }
        case 'corpus':
          if (stateCorpus) {
            for (const saved of message.saved) {
              const text = JSON.stringify(saved) + '\n';
              writeFileSync(join(stateCorpus, `${createHash('sha1').update(text).digest('hex').slice(0, 16)}.json`), text);
            }
          }
          break;
        case 'covered':
          mergeCovered(covered, message.covered);
          functions.push(...message.functions);
          worker.postMessage({ covered, functions });
          break;
        case 'done':
          minimizeRuns += message.minimizeRuns;
          corpus = message.corpus;
          fresh += message.fresh;
          mutated += message.mutated;
          flaky += message.flaky;
          figures = message.figures as CoverageFigures;
          break;
      }
    };
    worker.on('error', (error) => {
      if (baseExecs === 0) {
        // Not an input's fault: the harness itself did not start.
        console.error(`fuzz: the worker failed to start: ${error.stack ?? error}`);
        process.exit(2);
      }
      failures.push({ kind: 'crash', where: 'worker', message: error.stack ?? String(error), file: current ? save(saveCase(current, `worker died: ${error.message}`), 'crash', 'worker') : '', size: 0, originalSize: 0 });
      log(`the worker died: ${error.stack ?? error}`);
    });
    worker.on('exit', () => {
      currentWorkers.delete(worker);
      clearInterval(watchdog);
      if (!finished) resolve();
      finished = true;
    });
  });
}

function percent(covered: number, total: number): string {
  return total ? `${((100 * covered) / total).toFixed(1)}%` : 'n/a';
}

async function campaign(): Promise<void> {
  const seedFiles = readdirSync(SEEDS).filter((n) => n.endsWith('.json')).length;
  log(`seed ${seed}, ${seconds} s, ${seedFiles} seed inputs; failing inputs go to ${relative(ROOT, outDir) || '.'}`);
  while (Date.now() < deadline - 2000) {
    await runWorker(seed + 7919 * restarts);
    if (Date.now() < deadline - 2000) restarts++;
  }
  const elapsed = (Date.now() - started - pausedMs) / 1000;
  const paused = pausedMs ? ` (and ${(pausedMs / 1000).toFixed(0)} s paused, not counted)` : '';
  console.log('');
  console.log(`fuzz: seed ${seed}, ${elapsed.toFixed(0)} s${paused}, ${execs} inputs executed (${(execs / elapsed).toFixed(1)}/s; ${fresh} generated, ${mutated} mutated from a corpus of ${corpus}), ${minimizeRuns} more while minimising${restarts ? `, ${restarts} worker restarts (after a hang, a crash, or a pause that outlasted a worker's deadline)` : ''}${flaky ? `, ${flaky} slow stages that were not slow again (machine load)` : ''}`);
  if (figures) {
    const f: CoverageFigures = figures;
    console.log(`fuzz: coverage of src/ (V8 block coverage mapped to TypeScript lines): ${f.lines.covered}/${f.lines.total} lines (${percent(f.lines.covered, f.lines.total)}) in ${f.files} files; ${f.functions.covered}/${f.functions.total} functions (${percent(f.functions.covered, f.functions.total)})`);
    const folders = Object.entries(f.byFolder).sort(([a], [b]) => a.localeCompare(b));
    console.log(`fuzz: by folder: ${folders.map(([name, v]) => `${name} ${percent(v.covered, v.total)}`).join(', ')}`);
  }
  if (values.report) {
    writeFileSync(values.report, JSON.stringify({ seed, seconds: elapsed, pausedSeconds: pausedMs / 1000, execs, fresh, mutated, corpus, minimizeRuns, restarts, flaky, coverage: figures, failures }, null, 2) + '\n');
  }
  if (stateRuns) {
    writeState();
    const runs = readdirSync(stateRuns)
      .filter((n) => n.endsWith('.json'))
      .map((n) => JSON.parse(readFileSync(join(stateRuns, n), 'utf8')) as RunRecord);
    const total = runs.reduce((sum, r) => ({ seconds: sum.seconds + r.seconds, execs: sum.execs + r.execs, failures: sum.failures + r.failures }), { seconds: 0, execs: 0, failures: 0 });
    console.log(`fuzz: the campaign in ${stateDir} so far: ${runs.length} runs, ${(total.seconds / 3600).toFixed(2)} h, ${total.execs} inputs executed, ${total.failures} failures; its corpus holds ${readdirSync(stateCorpus!).length} inputs`);
  }
  for (const failure of failures) console.log(`fuzz: FAILED ${failure.kind} in ${failure.where}: ${relative(ROOT, failure.file)}`);
  console.log(`fuzz: ${failures.length} failures`);
  process.exitCode = failures.length ? 1 : 0;
}

void campaign();
