import { main } from './main';
import { nodeFileSystem } from '../core/nodeFileSystem';
import { isParseWorker, serveParseWorker } from '../core/parseWorker';
import { isDiffStateWorker, serveDiffStateWorker } from './diffWorker';

// Exit code 2 is the contract for a crash: without these, node would exit 1 on an error thrown
// outside main(), and CI would read it as "findings at or above --fail-on".
function crash(error: unknown): void {
  // On a terminal, a progress line may be drawn: the message starts on a line of its own.
  const eraseProgress = process.stderr.isTTY ? '\r\x1b[2K' : '';
  process.stderr.write(`${eraseProgress}kb-audit: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(2);
}

function runCli(): void {
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  // A reader that stops early (kb-audit audit | head) is not a crash.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    else crash(error);
  });

  void main({
    argv: process.argv.slice(2),
    fs: nodeFileSystem,
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    // This bundle also serves the audit's second thread (below).
    workerScript: __filename,
    terminal: { isTTY: process.stderr.isTTY === true, columns: process.stderr.columns },
    env: process.env,
  }).then((code) => {
    process.exitCode = code;
  });
}

// The same bundle runs as the CLI and, started by an audit, as its parse worker thread, or,
// started by a diff, as the thread that audits BASE.
if (isParseWorker()) serveParseWorker();
else if (isDiffStateWorker()) serveDiffStateWorker();
else runCli();
