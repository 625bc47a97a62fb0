// Shared by the reliability tests: the CLI as a real process, optionally with faults injected
// (see faultInjection.cjs), and temporary folders for inputs too big or too odd to commit.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import type { FileSystem } from '../../../src/core/fileSystem';
import { nodeFileSystem } from '../../../src/core/nodeFileSystem';

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

/** The CLI's main() in this process (no process start-up: for the many cheap cases). */
export async function runMain(argv: string[], options: { cwd?: string; fs?: FileSystem } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main({
    argv,
    fs: options.fs ?? nodeFileSystem,
    cwd: options.cwd ?? ROOT,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

/** nodeFileSystem listing every folder in reverse order, as another file system might. */
export const reversedFileSystem: FileSystem = {
  ...nodeFileSystem,
  async readDirectory(path) {
    return (await nodeFileSystem.readDirectory(path)).reverse();
  },
};
