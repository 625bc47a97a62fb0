// Packages the extension with @vscode/vsce and checks what the .vsix holds. vsce wants a newer
// Node than the project's 20: on linux-x64 the provisioned Node 24 runs it.
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.mjs';
import { provisionNode, withNodeFirst } from './provision.mjs';

export const MAX_VSIX_BYTES = 5 * 1024 * 1024;

/**
 * What must be in the package, relative to its extension/ folder. vsce stores the docs as
 * readme.md, changelog.md and LICENSE.txt, hence patterns.
 */
export const REQUIRED_FILES = {
  'package.json': /^package\.json$/,
  README: /^readme\.md$/i,
  LICENSE: /^license(\.txt|\.md)?$/i,
  CHANGELOG: /^changelog\.md$/i,
  'dist/extension.js': /^dist\/extension\.js$/,
  'dist/auditWorker.js': /^dist\/auditWorker\.js$/,
  'dist/web/extension.js': /^dist\/web\/extension\.js$/,
  'dist/web/auditWorker.js': /^dist\/web\/auditWorker\.js$/,
  'dist/cli.js': /^dist\/cli\.js$/,
  'dist/cli-bundle.js': /^dist\/cli-bundle\.js$/,
  'dist/webview.js': /^dist\/webview\.js$/,
  'dist/kb-audit.schema.json': /^dist\/kb-audit\.schema\.json$/,
  'dist/THIRD-PARTY-NOTICES.txt': /^dist\/THIRD-PARTY-NOTICES\.txt$/,
  'media/icon.png': /^media\/icon\.png$/,
  media: /^media\/./,
};

/** Everything is bundled: sources, tests, dependencies and source maps have no place in it. */
export const FORBIDDEN = [/^src\//, /^test\//, /node_modules\//, /\.map$/, /^out\//, /^\.cache\//, /\.ts$/];

export function packageVersion() {
  return JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).version;
}

export function defaultVsixName() {
  return `kb-audit-${packageVersion()}.vsix`;
}

/**
 * The Node to run vsce with: this one if it is 22 or newer; on linux-x64 the provisioned Node 24
 * otherwise (vsce's dependencies move to newer Node faster than its engines field says);
 * elsewhere this one, which vsce 3 still accepts.
 */
async function vsceEnvironment(log) {
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= 22 || process.platform !== 'linux' || process.arch !== 'x64') return { node: process.execPath, env: process.env };
  const node = await provisionNode(log);
  return { node: node.node, env: withNodeFirst(node) };
}

/** What vsce needs to see; src and node_modules only so that its prepublish build can run. */
const STAGED_FILES = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', '.vscodeignore', 'esbuild.js'];
const STAGED_FOLDERS = ['media'];
const LINKED_FOLDERS = ['src', 'node_modules'];

/**
 * Runs `vsce package` on a staged copy of the extension, so that its vscode:prepublish step
 * (a production build) writes the staged dist/ and never the one the repository's development
 * host and other runs are using.
 * @returns {Promise<string>} the .vsix path
 */
export async function packageVsix(outFile, { log = console.log } = {}) {
  const { node, env } = await vsceEnvironment(log);
  const stage = mkdtempSync(join(tmpdir(), 'kb-audit-vsix-'));
  try {
    for (const file of STAGED_FILES) copyFileSync(join(REPO_ROOT, file), join(stage, file));
    for (const folder of STAGED_FOLDERS) cpSync(join(REPO_ROOT, folder), join(stage, folder), { recursive: true });
    // 'junction' makes folder links without privileges on Windows; elsewhere it is ignored.
    for (const folder of LINKED_FOLDERS) symlinkSync(join(REPO_ROOT, folder), join(stage, folder), 'junction');
    const vsce = join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
    const args = [vsce, 'package', '--no-dependencies', '--out', outFile];
    const output = [];
    const code = await new Promise((resolve, reject) => {
      const child = spawn(node, args, { cwd: stage, env, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.on('data', (chunk) => output.push(chunk));
      child.stderr.on('data', (chunk) => output.push(chunk));
      child.once('error', reject);
      child.once('close', (status) => resolve(status ?? 1));
    });
    const text = Buffer.concat(output).toString('utf8');
    if (code !== 0) throw new Error(`vsce package failed (exit ${code}):\n${text.trim()}`);
    return outFile;
  } finally {
    // Links are removed, never followed.
    rmSync(stage, { recursive: true, force: true });
  }
}

/** The problems with a .vsix: missing files, files that must not ship, size. Empty when fine. */
export function checkVsix(file) {
  const entries = listZip(file);
  const files = entries.filter((name) => name.startsWith('extension/')).map((name) => name.slice('extension/'.length));
  const problems = [];
  for (const [required, pattern] of Object.entries(REQUIRED_FILES)) {
    if (!files.some((name) => pattern.test(name))) problems.push(`missing ${required}`);
  }
  for (const name of files) {
    if (FORBIDDEN.some((pattern) => pattern.test(name))) problems.push(`should not ship ${name}`);
  }
  const size = statSync(file).size;
  if (size >= MAX_VSIX_BYTES) problems.push(`${size} bytes, over the ${MAX_VSIX_BYTES} byte limit`);
  return { files, size, problems };
}

/** Names in a zip's central directory (a .vsix is a zip). */
export function listZip(file) {
  const zip = readFileSync(file);
  const endOfCentralDirectory = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (endOfCentralDirectory < 0) throw new Error(`${file} is not a zip file`);
  const count = zip.readUInt16LE(endOfCentralDirectory + 10);
  let offset = zip.readUInt32LE(endOfCentralDirectory + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error(`${file}: bad central directory entry ${i}`);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    names.push(zip.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}
