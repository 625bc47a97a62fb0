// The GitHub Action's script (.github/actions/kb-audit/run.mjs) as a real process, against a
// real git repository with real commits and a local HTTP server standing in for the GitHub API
// (GITHUB_API_URL): one comment posted, then updated on the next push; the step outputs; SARIF
// with the baseline applied; fork tokens and missing bases handled. No network.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type * as Sarif from 'sarif';
import { CLI, ROOT, tempFolder } from './reliability/helpers';

const SCRIPT = join(ROOT, '.github', 'actions', 'kb-audit', 'run.mjs');

interface Comment {
  id: number;
  body: string;
  html_url: string;
}

interface Request {
  method: string;
  url: string;
  authorization: string | undefined;
  body: { body?: string } | null;
}

/** A stand-in for the three GitHub endpoints the script uses, with a switch to refuse writes as a fork's token would. */
function fakeGitHub() {
  const comments: Comment[] = [{ id: 1, body: 'Looks good to me', html_url: 'https://example.test/c/1' }];
  const requests: Request[] = [];
  const state = { refuseWrites: false };
  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString()));
      req.on('end', () => resolve(text));
    });
  const server: Server = createServer((req, res) => {
    void read(req).then((text) => {
      const body = text ? (JSON.parse(text) as { body?: string }) : null;
      requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body });
      const send = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (req.method !== 'GET' && state.refuseWrites) return send(403, { message: 'Resource not accessible by integration' });
      if (req.method === 'GET' && url.pathname === '/repos/acme/help/issues/7/comments') return send(200, comments);
      if (req.method === 'POST' && url.pathname === '/repos/acme/help/issues/7/comments') {
        const comment = { id: comments.length + 100, body: body?.body ?? '', html_url: `https://example.test/c/${comments.length + 100}` };
        comments.push(comment);
        return send(201, comment);
      }
      const patch = /^\/repos\/acme\/help\/issues\/comments\/(\d+)$/.exec(url.pathname);
      if (req.method === 'PATCH' && patch) {
        const comment = comments.find((c) => c.id === Number(patch[1]));
        if (!comment) return send(404, { message: 'Not Found' });
        comment.body = body?.body ?? '';
        return send(200, comment);
      }
      send(404, { message: 'Not Found' });
    });
  });
  return { server, comments, requests, state };
}

function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(re)) out[m[1]] = m[3];
  return out;
}

const front = (title: string) => `---\ntitle: ${title}\nowner: support\nreviewed: 2026-11-20\n---\n\n# ${title}\n\n`;

describe('the GitHub Action script', () => {
  const temp = tempFolder('action');
  const repo = join(temp.path, 'repo');
  const github = fakeGitHub();
  let api = '';
  let baseSha = '';
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
  const write = (file: string, text: string) => writeFileSync(join(repo, file), text);

  before(async () => {
    mkdirSync(join(repo, 'docs'), { recursive: true });
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 'docs@example.com');
    git('config', 'user.name', 'Docs');
    git('config', 'commit.gpgsign', 'false');
    write('kb-audit.json', '{ "docs": "docs", "questions": "questions.txt" }\n');
    write('questions.txt', 'how long does a refund take\nhow do I reset my password\n');
    write(
      'docs/refunds.md',
      front('Refunds') + 'Money back for returned parcels.\n\n## How long does a refund take?\n\nA refund takes five working days to reach your card once the parcel is back with us.\n',
    );
    write(
      'docs/passwords.md',
      front('Passwords') + 'Signing in.\n\n## How do I reset my password?\n\nChoose Forgot password on the sign-in page and follow the link we email you within a minute.\n',
    );
    git('add', '-A');
    git('commit', '-q', '-m', 'Help centre');
    baseSha = git('rev-parse', 'HEAD');
    // The baseline of the main branch, for the SARIF upload.
    execFileSync(process.execPath, [CLI, 'audit', '--write-baseline', join(temp.path, 'baseline.json')], { cwd: repo });
    // The pull request: the password answer is cut (that question now escalates) and a placeholder added.
    git('checkout', '-q', '-b', 'feature');
    write('docs/passwords.md', front('Passwords') + 'Signing in to your account. TODO write the steps.\n');
    git('commit', '-q', '-am', 'Rework passwords');
    github.server.listen(0, '127.0.0.1');
    await new Promise((resolve) => github.server.once('listening', resolve));
    api = `http://127.0.0.1:${(github.server.address() as AddressInfo).port}`;
  });
  after(() => {
    github.server.close();
    temp.remove();
  });

  let runs = 0;
  /** Runs the script as the composite action would, with its inputs; returns its exit code, output and step outputs. */
  async function runAction(inputs: Record<string, string>, event: object = { pull_request: { number: 7, base: { sha: baseSha } } }) {
    const n = ++runs;
    const eventPath = join(temp.path, `event-${n}.json`);
    const outputPath = join(temp.path, `output-${n}.txt`);
    writeFileSync(eventPath, JSON.stringify(event));
    writeFileSync(outputPath, '');
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      GITHUB_API_URL: api,
      GITHUB_SERVER_URL: 'https://github.example',
      GITHUB_REPOSITORY: 'acme/help',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_OUTPUT: outputPath,
      GITHUB_SHA: git('rev-parse', 'HEAD'),
      INPUT_CLI: `${process.execPath} ${CLI}`,
      INPUT_TOKEN: 'test-token',
      INPUT_FAIL_ON: 'error',
      INPUT_FAIL_ON_REGRESSION: 'escalate',
      INPUT_COMMENT: 'true',
      INPUT_SARIF_FILE: '',
      ...inputs,
    };
    // Asynchronous: the fake API answers from this process while the script runs.
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [SCRIPT], { cwd: repo, env, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
    return { ...result, outputs: parseOutputs(readFileSync(outputPath, 'utf8')) };
  }

  it('posts one comment, says the change fails, and writes SARIF with the baseline applied', async () => {
    const sarifPath = join(temp.path, 'kb.sarif');
    const run = await runAction({ INPUT_SARIF_FILE: sarifPath, INPUT_BASELINE: join(temp.path, 'baseline.json') });
    assert.equal(run.code, 0, run.stderr + run.stdout);
    assert.equal(run.outputs.failed, 'true', JSON.stringify(run.outputs));
    assert.match(run.outputs.headline, /1 question now escalates/);
    const posts = github.requests.filter((r) => r.method === 'POST');
    assert.equal(posts.length, 1);
    assert.equal(posts[0].authorization, 'Bearer test-token');
    const body = posts[0].body?.body ?? '';
    assert.match(body, /^<!-- kb-audit-diff -->/);
    assert.match(body, /how do I reset my password \| ✅ answer/);
    assert.match(body, /https:\/\/github\.example\/acme\/help\/blob\/[0-9a-f]{40}\/docs\/passwords\.md#L\d+/);
    assert.equal(github.comments.length, 2);
    assert.equal(run.outputs['comment-url'], 'https://example.test/c/101');

    assert.equal(run.outputs['sarif-file'], sarifPath);
    const sarif = JSON.parse(readFileSync(sarifPath, 'utf8')) as Sarif.Log;
    const results = sarif.runs[0].results ?? [];
    const fresh = results.filter((r) => r.baselineState === 'new');
    assert.ok(fresh.some((r) => r.ruleId === 'placeholder'), JSON.stringify(fresh.map((r) => r.ruleId)));
    assert.ok(results.every((r) => r.baselineState !== undefined));
  });

  it('updates the same comment on the next push instead of posting another', async () => {
    write('docs/passwords.md', front('Passwords') + 'Signing in to your account. TODO write the steps, and the screenshots.\n');
    git('commit', '-q', '-am', 'More passwords');
    const before = github.comments.length;
    const run = await runAction({});
    assert.equal(run.code, 0, run.stderr);
    assert.equal(github.comments.length, before, 'no new comment');
    const last = github.requests[github.requests.length - 1];
    assert.equal(last.method, 'PATCH');
    assert.equal(last.url, '/repos/acme/help/issues/comments/101');
    assert.match(github.comments.find((c) => c.id === 101)?.body ?? '', /kb-audit-diff/);
    assert.equal(github.comments.find((c) => c.id === 1)?.body, 'Looks good to me', 'other comments untouched');
  });

  it('passes when the inputs do not fail on what changed; a cache folder keeps the audited states', async () => {
    const cacheDir = join(temp.path, 'kb-cache');
    const run = await runAction({ INPUT_FAIL_ON_REGRESSION: 'never', INPUT_FAIL_ON: 'never', INPUT_COMMENT: 'false', INPUT_CACHE_DIR: cacheDir });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.outputs.failed, 'false');
    assert.match(run.outputs.headline, /now escalates/);
    assert.equal(readdirSync(join(cacheDir, 'diff', 'states')).length, 2);
    const again = await runAction({ INPUT_FAIL_ON_REGRESSION: 'never', INPUT_FAIL_ON: 'never', INPUT_COMMENT: 'false', INPUT_CACHE_DIR: cacheDir });
    assert.match(again.stderr, /2 of 2 states reused/);
    assert.equal(again.outputs.headline, run.outputs.headline);
  });

  it('a token that may not comment (a fork) leaves a warning, not a broken check', async () => {
    github.state.refuseWrites = true;
    try {
      const run = await runAction({ INPUT_FAIL_ON_REGRESSION: 'never' });
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /::warning title=KB Audit::could not post the comment \(PATCH .* HTTP 403/);
      assert.equal(run.outputs.failed, 'false');
    } finally {
      github.state.refuseWrites = false;
    }
  });

  it('a base that cannot be found fails with kb-audit’s reason', async () => {
    const run = await runAction({}, { pull_request: { number: 7, base: { sha: 'f'.repeat(40) } } });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.outputs.failed, 'true');
    assert.match(run.outputs.headline, /revision "f{40}" does not exist/);
  });
});
