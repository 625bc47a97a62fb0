// routing.embeddings in the CLI, as a real process: the key from the environment variable
// apiKeyEnv names, a stderr line before anything is sent, vectors cached beside the audit cache
// (the second run sends nothing), and the built-in routing with a clear line when the endpoint fails.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startEmbeddingsServer, type EmbeddingsServer } from '../../helpers/embeddingsServer';
import { PARAPHRASE_KB } from './helpers';

const cli = join(__dirname, '..', '..', '..', 'dist', 'cli.js');
const KEY_VARIABLE = 'KB_AUDIT_TEST_EMBEDDINGS_KEY';

/** Runs the CLI without blocking this process (the server answers from this event loop). */
function run(cwd: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('kb-audit with routing.embeddings', () => {
  let server: EmbeddingsServer;
  let dir: string;
  before(async () => {
    server = await startEmbeddingsServer();
    dir = mkdtempSync(join(tmpdir(), 'kb-embeddings-cli-'));
    for (const [file, text] of Object.entries(PARAPHRASE_KB)) {
      mkdirSync(join(dir, 'docs', file, '..'), { recursive: true });
      writeFileSync(join(dir, 'docs', file), text);
    }
    writeFileSync(join(dir, 'questions.txt'), 'my lamp arrived smashed\nI want my money back\nwhat will the weather be like on mars tomorrow\n');
    writeFileSync(
      join(dir, 'kb-audit.json'),
      JSON.stringify({ docs: 'docs', routing: { embeddings: { endpoint: `${server.url}/v1`, model: 'test-model', apiKeyEnv: KEY_VARIABLE, retries: 0 } } }),
    );
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    server.requests.length = 0;
    server.script.length = 0;
  });

  it('preview sends the KB once with the key from the environment, says so on stderr, and then reads the cache', async () => {
    const first = await run(dir, ['preview', 'questions.txt', '--format', 'json'], { [KEY_VARIABLE]: 'sk-from-env' });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, new RegExp(`^kb-audit: routing.embeddings: sending \\d+ texts \\(section headings and answer text, example and sample questions\\) to ${server.url.replace(/\./g, '\\.')}/v1/embeddings for model test-model\\n$`));
    assert.ok(server.requests.length > 0);
    assert.ok(server.requests.every((r) => r.headers.authorization === 'Bearer sk-from-env'));
    const preview = JSON.parse(first.stdout);
    const lamp = preview.results.find((r: { question: string }) => r.question === 'my lamp arrived smashed');
    assert.equal(lamp.answer.file, 'returns/damaged.md');
    assert.match(lamp.reason, /by meaning via test-model/);
    assert.equal(preview.results.find((r: { question: string }) => r.question.includes('mars')).decision, 'escalate');
    assert.equal(readdirSync(join(dir, '.kb-audit-cache')).filter((f) => /^embeddings-[0-9a-f]+\.bin$/.test(f)).length, 1);

    const sent = server.requests.length;
    const second = await run(dir, ['preview', 'questions.txt', '--format', 'json'], { [KEY_VARIABLE]: 'sk-from-env' });
    assert.equal(second.code, 0, second.stderr);
    assert.equal(second.stderr, '', 'nothing sent, so no notice');
    assert.equal(server.requests.length, sent, 'an unchanged KB is never sent again');
    assert.deepEqual(JSON.parse(second.stdout), preview);
  });

  it('ask sends only the new question', async () => {
    await run(dir, ['preview', 'questions.txt'], { [KEY_VARIABLE]: 'k' });
    server.requests.length = 0;
    const asked = await run(dir, ['ask', 'how do I stop my plan'], { [KEY_VARIABLE]: 'k' });
    assert.equal(asked.code, 0, asked.stderr);
    assert.match(asked.stderr, /sending 1 text .* for model test-model; \d+ more from the cache\n$/);
    assert.deepEqual(server.requests.map((r) => r.body.input), [['how do I stop my plan']]);
    assert.match(asked.stdout, /^ANSWER .*\n {2}from: account\/cancel\.md/);
    assert.match(asked.stdout, /by meaning via test-model/);
  });

  it('warns when the key variable is not set, and falls back to the built-in routing when the endpoint fails', async () => {
    server.script.push({ status: 500, body: '{"error":{"message":"model not loaded"}}' });
    const failed = await run(dir, ['preview', 'questions.txt', '--format', 'json', '--no-cache']);
    assert.equal(failed.code, 0, failed.stderr);
    const lines = failed.stderr.trimEnd().split('\n');
    assert.equal(lines[0], `kb-audit: routing.embeddings.apiKeyEnv names ${KEY_VARIABLE}, which is not set: requests go without a key`);
    assert.match(lines[1], /^kb-audit: routing.embeddings: sending/);
    assert.match(lines[2], /^kb-audit: routing.embeddings \(test-model\) failed, so the built-in routing is used: .*\/v1\/embeddings answered HTTP 500: .*model not loaded/);
    assert.equal(lines.length, 3);
    const preview = JSON.parse(failed.stdout);
    assert.ok(preview.results.every((r: { reason: string }) => !r.reason.includes('via test-model')));
  });

  it('audit routes its coverage questions with the model too', async () => {
    const audited = await run(dir, ['audit', '--questions', 'questions.txt', '--format', 'json', '--fail-on', 'never', '--cache-dir', 'vectors'], { [KEY_VARIABLE]: 'k' });
    assert.equal(audited.code, 0, audited.stderr);
    assert.match(audited.stderr, /routing.embeddings: sending \d+ texts/);
    assert.ok(existsSync(join(dir, 'vectors')));
    const gaps = JSON.parse(audited.stdout).findings.filter((f: { ruleId: string }) => f.ruleId === 'coverage-gap');
    assert.ok(!gaps.some((f: { message: string }) => f.message.includes('lamp arrived smashed')), 'answered by meaning, so not a gap');
  });
});
