// Starts the VS Code server from code-server's lib/vscode directly: the code-server command
// rejects --enable-smoke-test-driver, and without it a built product ignores the test payload.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { killGroupNow, stopGroup } from './processGroup.mjs';

const LISTENING = /Extension host agent listening on (\d+)/;

/**
 * @param {import('./provision.mjs').Host} host
 * @param {object} options
 * @param {string} options.stateDir  gets extensions/, user-data/ and server-data/
 * @param {Record<string, string>} [options.env]  added to the server's environment (the extension host inherits it)
 * @param {(line: string) => void} [options.onOutput]  the server's own output, line by line
 * @param {number} [options.startTimeoutMs]
 * @param {boolean} [options.workspaceTrust]  keep Workspace Trust on (default off: every folder is trusted);
 *                                            on, a folder opens in Restricted Mode until it is trusted
 */
export async function startServer(host, { stateDir, env = {}, onOutput = () => {}, startTimeoutMs = 60_000, workspaceTrust = false }) {
  const dirs = serverDirs(stateDir);
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  const args = [
    host.serverMain,
    '--host', '127.0.0.1',
    '--port', '0',
    '--without-connection-token',
    '--accept-server-license-terms',
    '--enable-smoke-test-driver',
    '--disable-telemetry',
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--extensions-dir', dirs.extensions,
    '--user-data-dir', dirs.userData,
    '--server-data-dir', dirs.serverData,
  ];
  // detached: the server leads its own process group, so stopping the group ends its children too.
  const child = spawn(host.node, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  const pgid = child.pid;
  const emergencyStop = () => killGroupNow(pgid);
  process.once('exit', emergencyStop);

  let exited = false;
  const exitPromise = new Promise((resolve) => child.once('exit', (code, signal) => {
    exited = true;
    resolve({ code, signal });
  }));

  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the VS Code server did not start listening within ${startTimeoutMs / 1000} s`)), startTimeoutMs);
    const onLine = (line) => {
      onOutput(line);
      const match = LISTENING.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    forEachLine(child.stdout, onLine);
    forEachLine(child.stderr, onLine);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`could not start the VS Code server: ${error.message}`));
    });
    exitPromise.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the VS Code server exited before listening (code ${code}, signal ${signal})`));
    });
  }).catch(async (error) => {
    await stopGroup(pgid);
    process.off('exit', emergencyStop);
    throw error;
  });

  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    /** The URI form of a local path as the browser workbench must name it for this server. */
    remoteUri: (path) => `vscode-remote://127.0.0.1:${port}${path}`,
    get exited() {
      return exited;
    },
    /** Ends the server and everything it started. @returns ids of processes that would not die */
    async stop() {
      const leftovers = await stopGroup(pgid);
      process.off('exit', emergencyStop);
      return leftovers;
    },
  };
}

export function serverDirs(stateDir) {
  return {
    extensions: join(stateDir, 'extensions'),
    userData: join(stateDir, 'user-data'),
    serverData: join(stateDir, 'server-data'),
  };
}

function forEachLine(stream, onLine) {
  let buffer = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    buffer += chunk;
    let newline;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      onLine(buffer.slice(0, newline).replace(/\r$/, ''));
      buffer = buffer.slice(newline + 1);
    }
  });
  stream.on('end', () => {
    if (buffer) onLine(buffer);
  });
}
