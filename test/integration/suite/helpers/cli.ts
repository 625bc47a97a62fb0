import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { kbAuditExtension } from './extension';

export interface CliFinding {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  related?: { file: string; line: number; message: string }[];
}

export interface CliReport {
  tool: string;
  stats: { files: number; sections: number; skipped: number };
  findings: CliFinding[];
}

/**
 * `kb-audit audit DOCS --format json`, run as a separate process with the CLI the extension
 * ships: the editor and CI must never disagree. In a desktop host process.execPath is
 * Electron, which runs as plain Node with ELECTRON_RUN_AS_NODE.
 */
export function cliAudit(docs: string): Promise<CliReport> {
  const cli = path.join(kbAuditExtension().extensionPath, 'dist', 'cli.js');
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [cli, 'audit', docs, '--format', 'json', '--fail-on', 'never'],
      { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`kb-audit audit failed: ${error.message}\n${stderr}`));
        else resolve(JSON.parse(stdout) as CliReport);
      },
    );
  });
}

/** Runs the shipped CLI with `args` in `cwd`; resolves with its exit code and output. */
export function runCliIn(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const cli = path.join(kbAuditExtension().extensionPath, 'dist', 'cli.js');
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { cwd, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}
