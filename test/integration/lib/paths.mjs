// Where the integration harness keeps things: everything it provisions lives in an ignored cache
// folder of the repository, everything a run creates lives in one temporary folder it removes.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const INTEGRATION_DIR = join(REPO_ROOT, 'test', 'integration');
export const SAMPLE_KB = join(REPO_ROOT, 'test', 'fixtures', 'sample-kb');
export const VSIX_PROBE = join(INTEGRATION_DIR, 'fixtures', 'vsix-probe');
/** The untrusted folder (workspace/) and a folder beside it that its kb-audit.json names (outside/). */
export const RESTRICTED_FIXTURE = join(INTEGRATION_DIR, 'fixtures', 'restricted');

/** Node and the VS Code server are large and linux-only: they live here, never in package.json. */
export const HOST_CACHE = process.env.KB_AUDIT_HOST_CACHE
  ? resolve(process.env.KB_AUDIT_HOST_CACHE)
  : join(REPO_ROOT, '.cache', 'vscode-host');

/** Compiled test suites; one subfolder a run, so that runs side by side never share files. */
export const OUT_DIR = join(REPO_ROOT, 'out', 'integration');

/** PNGs of the workbench for people to look at. */
export const SCREENSHOT_DIR = process.env.KB_AUDIT_SCREENSHOTS
  ? resolve(process.env.KB_AUDIT_SCREENSHOTS)
  : join(REPO_ROOT, 'test-results', 'screenshots');

export const CHROMIUM = process.env.KB_AUDIT_CHROMIUM ?? '/usr/bin/chromium';
