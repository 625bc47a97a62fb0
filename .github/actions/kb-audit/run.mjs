// The KB Audit action's script: runs `kb-audit diff` against the pull request's base, posts or
// updates one comment, writes SARIF with the baseline applied, and says (as step outputs)
// whether the change fails. Plain Node 20, no dependencies. Everything it talks to comes from
// the environment GitHub Actions sets (GITHUB_API_URL, GITHUB_REPOSITORY, GITHUB_EVENT_PATH,
// GITHUB_OUTPUT, …), so it runs the same against a local server in tests.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MARKER = '<!-- kb-audit-diff -->';

function input(name, fallback = '') {
  const value = process.env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`];
  return value === undefined || value === '' ? fallback : value.trim();
}

function log(text) {
  process.stdout.write(`${text}\n`);
}

/** Sets a step output (a multi-line-safe heredoc). */
function setOutput(name, value) {
  const file = process.env.GITHUB_OUTPUT;
  const text = String(value);
  if (!file) return;
  const delimiter = `kb_audit_${Math.random().toString(36).slice(2)}`;
  appendFileSync(file, `${name}<<${delimiter}\n${text}\n${delimiter}\n`);
}

function git(args) {
  const result = spawnSync('git', args, { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** The event's pull request, if the workflow runs on one. */
function readEvent() {
  const file = process.env.GITHUB_EVENT_PATH;
  if (!file || !existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return {};
  }
}

/** The revision to compare with: the input, else the pull request's base, as the merge base with HEAD when the history has it. */
function baseRevision(event) {
  const base = input('base') || event.pull_request?.base?.sha || '';
  if (!base) return '';
  if (git(['cat-file', '-e', `${base}^{commit}`]) === null) {
    // A shallow checkout: fetch just the base commit (kb-audit says so clearly if this fails).
    log(`Fetching ${base} (not in this checkout)…`);
    spawnSync('git', ['fetch', '--no-tags', '--depth=1', 'origin', base], { stdio: 'inherit' });
  }
  // Changes on the base branch since the pull request branched off are not this change's.
  const mergeBase = git(['merge-base', base, 'HEAD']);
  return mergeBase || base;
}

/** Runs the CLI (`cli` is a command line such as "npx --yes kb-audit"), returns its exit code and stderr. */
function runCli(cli, args) {
  const [command, ...prefix] = cli.split(/\s+/).filter(Boolean);
  const result = spawnSync(command, [...prefix, ...args], { encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'], shell: process.platform === 'win32' });
  if (result.stderr) process.stderr.write(result.stderr);
  return { code: result.status ?? 2, stderr: result.stderr ?? '' };
}

async function github(method, path, token, body) {
  const api = (process.env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
  const response = await fetch(`${api}${path}`, {
    method,
    headers: {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${token}`,
      'x-github-api-version': '2022-11-28',
      'content-type': 'application/json',
      'user-agent': 'kb-audit-action',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${(await response.text()).slice(0, 200)}`);
  return response.status === 204 ? null : response.json();
}

/** Posts the comment, or updates the one an earlier run posted (found by its marker): one comment per pull request. */
async function upsertComment(repository, number, token, body) {
  let existing = null;
  for (let page = 1; page <= 50 && !existing; page++) {
    const comments = await github('GET', `/repos/${repository}/issues/${number}/comments?per_page=100&page=${page}`, token);
    existing = comments.find((c) => typeof c.body === 'string' && c.body.includes(MARKER)) ?? null;
    if (comments.length < 100) break;
  }
  if (existing) {
    const updated = await github('PATCH', `/repos/${repository}/issues/comments/${existing.id}`, token, { body });
    return { action: 'updated', url: updated?.html_url ?? existing.html_url ?? '' };
  }
  const created = await github('POST', `/repos/${repository}/issues/${number}/comments`, token, { body });
  return { action: 'posted', url: created?.html_url ?? '' };
}

async function main() {
  const event = readEvent();
  const cli = input('cli', 'npx --yes kb-audit');
  const docs = input('docs');
  const shared = [...(input('config') ? ['--config', input('config')] : []), ...(input('cache-dir') ? ['--cache-dir', input('cache-dir')] : [])];
  const work = mkdtempSync(join(tmpdir(), 'kb-audit-action-'));
  let failed = false;
  let headline = '';
  try {
    const base = baseRevision(event);
    if (!base) {
      log('::warning title=KB Audit::no base revision (not a pull request and no "base" input): only the audit runs');
    } else {
      const comment = join(work, 'comment.md');
      const server = process.env.GITHUB_SERVER_URL || 'https://github.com';
      const sha = process.env.GITHUB_SHA || git(['rev-parse', 'HEAD']) || '';
      const args = ['diff', base, ...(docs ? [docs] : []), ...shared, '--format', 'markdown', '--output', comment];
      if (input('questions')) args.push('--questions', input('questions'));
      if (process.env.GITHUB_REPOSITORY && sha) args.push('--link-base', `${server}/${process.env.GITHUB_REPOSITORY}/blob/${sha}/`);
      args.push('--fail-on', input('fail-on', 'error'), '--fail-on-regression', input('fail-on-regression', 'escalate'));
      const run = runCli(cli, args);
      if (run.code === 2 || !existsSync(comment)) {
        // A usage error (a base missing from a shallow clone, DOCS outside the repository): kb-audit said why.
        headline = run.stderr.trim().split('\n').pop() || 'kb-audit diff failed';
        failed = true;
      } else {
        failed = run.code === 1;
        const body = readFileSync(comment, 'utf8');
        headline = /^\*\*(.*)\*\*$/m.exec(body)?.[1] ?? '';
        if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, body + '\n');
        const number = event.pull_request?.number;
        const token = input('token');
        if (input('comment', 'true') === 'true' && number && token && process.env.GITHUB_REPOSITORY) {
          try {
            const posted = await upsertComment(process.env.GITHUB_REPOSITORY, number, token, body);
            log(`KB Audit: comment ${posted.action}${posted.url ? `: ${posted.url}` : ''}`);
            setOutput('comment-url', posted.url);
          } catch (error) {
            // A pull request from a fork gets a read-only token: the check still runs, the comment is skipped.
            log(`::warning title=KB Audit::could not post the comment (${error instanceof Error ? error.message : String(error)})`);
          }
        }
      }
    }
    const sarif = input('sarif-file');
    if (sarif) {
      const args = ['audit', ...(docs ? [docs] : []), ...shared, '--format', 'sarif', '--output', sarif, '--fail-on', 'never'];
      if (input('baseline')) args.push('--baseline', input('baseline'));
      if (input('questions')) args.push('--questions', input('questions'));
      const run = runCli(cli, args);
      if (run.code === 0 && existsSync(sarif)) setOutput('sarif-file', sarif);
      else log(`::warning title=KB Audit::the SARIF report was not written (exit ${run.code})`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  log(`KB Audit: ${headline}${failed ? ' (fails the check)' : ''}`);
  setOutput('headline', headline);
  setOutput('failed', failed ? 'true' : 'false');
}

main().catch((error) => {
  process.stderr.write(`kb-audit action: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  setOutput('failed', 'true');
  process.exitCode = 1;
});
