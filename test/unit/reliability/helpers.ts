// Shared by the reliability tests: the CLI as a real process, optionally with faults injected
// (see faultInjection.cjs), and temporary folders for inputs too big or too odd to commit.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.js');
export const HOSTILE = join(ROOT, 'test', 'fixtures', 'hostile');
const PRELOAD = join(__dirname, 'faultInjection.cjs');

export interface TraceEntry {
  op: string;
  path: string;
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** File system calls the process made, when traced. */
  trace: TraceEntry[];
}

export interface CliOptions {
  cwd?: string;
  faults?: string[];
  env?: Record<string, string>;
  timeoutMs?: number;
}

let traces = 0;

export function runCli(args: string[], options: CliOptions = {}): CliRun {
  const faults = options.faults ?? [];
  const tracePath = join(tmpdir(), `kb-trace-${process.pid}-${++traces}.jsonl`);
  const result = spawnSync(process.execPath, [...(faults.length ? ['--require', PRELOAD] : []), CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...options.env, KB_FAULTS: faults.join(','), KB_TRACE: tracePath },
    maxBuffer: 256 * 1024 * 1024,
    // A hang is a failure, not a stuck test run.
    timeout: options.timeoutMs ?? 60_000,
  });
  let trace: TraceEntry[] = [];
  if (existsSync(tracePath)) {
    trace = readFileSync(tracePath, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as TraceEntry);
    rmSync(tracePath, { force: true });
  }
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, trace };
}

/** A fresh temporary folder; call the returned remove() when done. */
export function tempFolder(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `kb-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Peak resident memory of a traced run, in bytes. */
export function peakMemory(run: CliRun): number {
  const entry = run.trace.find((e) => e.op === 'maxRSS');
  if (!entry) throw new Error('the run was not traced');
  return Number(entry.path);
}
