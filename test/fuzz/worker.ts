// The campaign's worker thread: generates inputs (fresh from the grammar, or mutations of corpus
// entries that reached new code), runs the target on each, keeps the ones that add coverage,
// minimises failures, and reports to the campaign, which watches it for hangs.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import { caseSize, loadCase, saveCase, type FuzzCase, type SavedCase } from './case';
import { CoverageTracker, mergeCovered, type CoveredBytes } from './coverage';
import { articleCase, folderCase } from './grammar';
import { mutate, mutationPlan } from './mutate';
import type * as MinimizeModule from './minimize';
import type * as TargetModule from './target';

export interface WorkerInput {
  seed: number;
  /** Date.now() at which to stop. */
  deadline: number;
  /** Folders of saved cases that start the corpus (seeds and regression fixtures). */
  corpusFolders: string[];
  /** Milliseconds a failure may spend being minimised. */
  minimizeMs: number;
}

export type WorkerMessage =
  | { type: 'start'; case: FuzzCase }
  | { type: 'progress'; execs: number; corpus: number; targetMs: number; coverageMs: number }
  | { type: 'heartbeat' }
  | { type: 'failure'; saved: SavedCase; kind: string; where: string; message: string; originalSize: number; size: number }
  | { type: 'covered'; covered: CoveredBytes; functions: Array<[string, boolean]> }
  | { type: 'corpus'; saved: SavedCase[] }
  | { type: 'done'; execs: number; minimizeRuns: number; corpus: number; fresh: number; mutated: number; flaky: number; figures: unknown };

/** Inputs larger than this are not kept or mutated further: the campaign is about variety, not size. */
const MAX_CASE_BYTES = 400_000;
/** Inputs run between two takes of the coverage counts. */
const COVERAGE_BATCH = 4;

function send(message: WorkerMessage): void {
  parentPort!.postMessage(message);
}

function loadCorpus(folders: string[]): FuzzCase[] {
  const cases: FuzzCase[] = [];
  for (const folder of folders) {
    let names: string[] = [];
    try {
      names = readdirSync(folder).filter((n) => n.endsWith('.json')).sort();
    } catch {
      continue;
    }
    for (const name of names) cases.push(loadCase(JSON.parse(readFileSync(join(folder, name), 'utf8')) as SavedCase));
  }
  return cases;
}

type Choice = { kind: 'article' | 'folder' | 'mutate'; pick: number; plan: Parameters<typeof mutate>[1]; fresh: FuzzCase | null };

async function run(input: WorkerInput): Promise<void> {
  const tracker = new CoverageTracker();
  await tracker.start();
  // The pipeline is loaded once coverage is on, so its modules' top-level code counts too.
  // (require: the worker runs under tsx's CommonJS hook only, see worker-entry.cjs.)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runCase } = require('./target') as typeof TargetModule;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { minimize, reproduces } = require('./minimize') as typeof MinimizeModule;
  const corpus = loadCorpus(input.corpusFolders);
  let execs = 0;
  let minimizeRuns = 0;
  let fresh = 0;
  let mutated = 0;
  let flaky = 0;
  const seen = new Set<string>();
  let lastProgress = Date.now();
  let targetMs = 0;
  const batch: FuzzCase[] = [];
  let coverageMs = 0;

  const runOne = async (c: FuzzCase, keep: boolean) => {
    send({ type: 'start', case: c });
    const t0 = performance.now();
    const result = await runCase(c);
    execs++;
    const t1 = performance.now();
    targetMs += t1 - t0;
    if (keep && caseSize(c) < MAX_CASE_BYTES) batch.push(c);
    // Taking V8's coverage walks the heap (tens of ms): once per batch of inputs, and a batch
    // that reached new code joins the corpus whole.
    if (batch.length >= COVERAGE_BATCH || !keep) {
      if ((await tracker.take()) > 0) {
        corpus.push(...batch);
        if (batch.length) send({ type: 'corpus', saved: batch.map((b) => saveCase(b)) });
      }
      batch.length = 0;
      coverageMs += performance.now() - t1;
    }
    for (const v of result.violations) {
      const key = `${v.kind} ${v.where}`;
      if (seen.has(key)) continue;
      // A slow stage on a loaded machine is no finding unless the input is slow again.
      if (v.kind === 'slow' && !(await reproduces(c, v, () => minimizeRuns++))) {
        flaky++;
        seen.delete(key);
        continue;
      }
      seen.add(key);
      const small = await minimize(c, v, { timeMs: input.minimizeMs, onRun: () => {
          minimizeRuns++;
          send({ type: 'heartbeat' });
        } });
      await tracker.take();
      send({
        type: 'failure',
        saved: saveCase(small.case, `${v.kind} in ${v.where}: ${small.violation.message.split('\n')[0]}`),
        kind: v.kind,
        where: v.where,
        message: small.violation.message,
        originalSize: caseSize(c),
        size: caseSize(small.case),
      });
    }
    if (Date.now() - lastProgress > 5000) {
      lastProgress = Date.now();
      send({ type: 'progress', execs, corpus: corpus.length, targetMs: targetMs / execs, coverageMs: coverageMs / execs });
    }
  };

  // The seed corpus first, as written: each is an input in its own right.
  for (const c of [...corpus]) {
    if (Date.now() > input.deadline) break;
    await runOne(c, false);
  }
  const choose = (i: number): Choice => {
    // One fast-check sample per input, from a seed derived from the campaign's: the run is reproducible.
    const arb = fc.tuple(fc.nat(99), fc.nat(), mutationPlan).chain(([roll, pick, plan]) => {
      const kind = corpus.length > 0 && roll < 45 ? 'mutate' : roll < 75 ? 'article' : 'folder';
      if (kind === 'mutate') return fc.constant<Choice>({ kind, pick, plan, fresh: null });
      return (kind === 'article' ? articleCase : folderCase).map((c): Choice => ({ kind, pick, plan, fresh: c }));
    });
    return fc.sample(arb, { seed: (input.seed * 1_000_003 + i) | 0, numRuns: 1 })[0];
  };
  for (let i = 0; Date.now() < input.deadline; i++) {
    const choice = choose(i);
    let c: FuzzCase;
    if (choice.fresh) {
      c = choice.fresh;
      fresh++;
    } else {
      c = mutate(corpus[choice.pick % corpus.length], choice.plan);
      mutated++;
    }
    if (caseSize(c) > 2 * MAX_CASE_BYTES) continue;
    await runOne(c, true);
  }

  send({ type: 'covered', covered: tracker.coveredBytes(), functions: tracker.functionStates() });
  const merged = await new Promise<{ covered: CoveredBytes; functions: Array<[string, boolean]> }>((resolve) => {
    const take = (message: { covered?: CoveredBytes; functions?: Array<[string, boolean]> }) => {
      if (!message.covered || !message.functions) return;
      parentPort!.off('message', take);
      resolve({ covered: message.covered, functions: message.functions });
    };
    parentPort!.on('message', take);
  });
  // Nothing more to hear from the campaign: the thread ends once the figures are sent.
  parentPort!.unref();
  const all: CoveredBytes = {};
  mergeCovered(all, tracker.coveredBytes());
  mergeCovered(all, merged.covered);
  tracker.mergeFunctions(merged.functions);
  const figures = await tracker.figures(all);
  await tracker.stop();
  send({ type: 'done', execs, minimizeRuns, corpus: corpus.length, fresh, mutated, flaky, figures });
}

if (parentPort) {
  const input = workerData as WorkerInput;
  // The campaign moves the deadline on when the machine was paused.
  parentPort.on('message', (message: { type?: string; deadline?: number }) => {
    if (message.type === 'deadline' && typeof message.deadline === 'number') input.deadline = message.deadline;
  });
  void run(input);
}
