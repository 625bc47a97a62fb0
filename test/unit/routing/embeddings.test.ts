// routing.embeddings against a real HTTP server on loopback (test/helpers/embeddingsServer.ts):
// the blend, the reason, calibration, the cache, batching, and every way the endpoint can fail.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { fileVectorStorage } from '../../../src/core/cache/embeddingCache';
import { ConfigError, parseConfig } from '../../../src/core/config/config';
import type { EmbeddingsConfig } from '../../../src/core/config/schema';
import {
  cacheIdentity,
  decodeVectors,
  Embedder,
  embeddingsSettings,
  embeddingsTarget,
  embedIndex,
  encodeVectors,
  retryAfterMs,
  type EmbeddingsNotice,
} from '../../../src/core/routing/embeddings';
import { previewQuestions, routeQuestion } from '../../../src/core/routing/simulator';
import { startEmbeddingsServer, type EmbeddingsServer } from '../../helpers/embeddingsServer';
import { indexOf, PARAPHRASE_KB as KB } from './helpers';


function settings(server: EmbeddingsServer, extra: Partial<EmbeddingsConfig> = {}) {
  return embeddingsSettings({ endpoint: `${server.url}/v1`, model: 'test-model', retries: 2, timeoutMs: 2000, ...extra })!;
}

describe('routing.embeddings', () => {
  let server: EmbeddingsServer;
  before(async () => {
    server = await startEmbeddingsServer();
  });
  after(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
    server.embedded.length = 0;
    server.script.length = 0;
    server.delayMs = 0;
  });

  it('is off unless set, and off with enabled: false', () => {
    assert.equal(embeddingsSettings(undefined), null);
    assert.equal(embeddingsSettings({ endpoint: 'http://x', model: 'm', enabled: false }), null);
    const s = embeddingsSettings({ endpoint: 'http://x', model: 'm' })!;
    assert.deepEqual([s.batchSize, s.timeoutMs, s.retries, s.weight, s.provider], [64, 30000, 3, 0.5, 'openai']);
  });

  it('finds the embeddings URL however the endpoint is written, Azure OpenAI included', () => {
    const target = (endpoint: string, extra: Partial<EmbeddingsConfig> = {}) => embeddingsTarget(embeddingsSettings({ endpoint, model: 'emb', ...extra })!);
    assert.equal(target('http://localhost:11434').url, 'http://localhost:11434/v1/embeddings');
    assert.equal(target('http://localhost:1234/v1/').url, 'http://localhost:1234/v1/embeddings');
    assert.equal(target('http://localhost:8080/v1/embeddings').url, 'http://localhost:8080/v1/embeddings');
    assert.deepEqual(target('https://api.openai.com/v1'), { url: 'https://api.openai.com/v1/embeddings', keyHeader: 'authorization', modelInBody: true });
    assert.deepEqual(target('https://acme.openai.azure.com'), {
      url: 'https://acme.openai.azure.com/openai/deployments/emb/embeddings?api-version=2024-10-21',
      keyHeader: 'api-key',
      modelInBody: false,
    });
    assert.equal(
      target('https://acme.openai.azure.com/openai/deployments/small/embeddings?api-version=2023-05-15').url,
      'https://acme.openai.azure.com/openai/deployments/small/embeddings?api-version=2023-05-15',
    );
    assert.equal(target('https://acme.cognitiveservices.azure.com/openai/deployments/small', { apiVersion: '2024-02-01' }).url, 'https://acme.cognitiveservices.azure.com/openai/deployments/small/embeddings?api-version=2024-02-01');
    assert.deepEqual(target('https://acme.openai.azure.com/openai/v1'), { url: 'https://acme.openai.azure.com/openai/v1/embeddings', keyHeader: 'api-key', modelInBody: true });
  });

  it('sends the key as a bearer token, or in Azure\'s api-key header to the deployment URL', async () => {
    await new Embedder(settings(server), { apiKey: 'sk-test' }).embed(['hello']);
    assert.equal(server.requests[0].url, '/v1/embeddings');
    assert.equal(server.requests[0].headers.authorization, 'Bearer sk-test');
    assert.equal(server.requests[0].body.model, 'test-model');
    await new Embedder(embeddingsSettings({ endpoint: server.url, model: 'my-deployment', provider: 'azure' })!, { apiKey: 'az-key' }).embed(['hello']);
    assert.equal(server.requests[1].url, '/openai/deployments/my-deployment/embeddings?api-version=2024-10-21');
    assert.equal(server.requests[1].headers['api-key'], 'az-key');
    assert.equal(server.requests[1].headers.authorization, undefined);
    await new Embedder(settings(server, { dimensions: 16 })).embed(['hello']);
    assert.equal(server.requests[2].body.dimensions, 16);
  });

  it('reads a customer\'s words by the model\'s meaning, and says so in the reason', async () => {
    const index = indexOf(KB);
    const question = 'my lamp arrived smashed';
    const notices: EmbeddingsNotice[] = [];
    const outcome = await embedIndex(index, [question], new Embedder(settings(server)), { notice: (n) => notices.push(n) });
    assert.equal(outcome.ok, true);
    assert.equal(notices.length, 1);
    assert.equal(notices[0].url, `${server.url}/v1/embeddings`);
    assert.equal(notices[0].toSend, index.recordCount + 1);
    const routed = routeQuestion(index, question);
    assert.equal(routed.decision, 'answer', routed.reason);
    assert.equal(routed.answer?.file, 'returns/damaged.md');
    assert.match(routed.reason, /by meaning via test-model \(similarity 0\.\d+\)/);
  });

  it('keeps calibration\'s meaning: a question on a missing topic still escalates', async () => {
    const index = indexOf(KB);
    const questions = ['my lamp arrived smashed', 'I want my money back', 'how do I stop my plan', 'what will the weather be like on mars tomorrow'];
    await embedIndex(index, questions, new Embedder(settings(server)));
    const preview = previewQuestions(index, questions.map((question, i) => ({ question, line: i + 1 })));
    const byQuestion = new Map(preview.results.map((r) => [r.question, r]));
    assert.equal(byQuestion.get('I want my money back')?.answer?.file, 'billing/refunds.md');
    assert.equal(byQuestion.get('how do I stop my plan')?.answer?.file, 'account/cancel.md');
    assert.notEqual(byQuestion.get('I want my money back')?.decision, 'escalate');
    const mars = byQuestion.get('what will the weather be like on mars tomorrow')!;
    assert.equal(mars.decision, 'escalate', mars.reason);
    assert.ok(mars.confidence < 0.5);
  });

  it('escalates a question that matches nothing, not even by meaning', async () => {
    // A page of headings alone (no answer text to fall back on), and a question the model puts
    // at right angles to every record: the model's nearest records score nothing and are no match.
    const index = indexOf({ 'billing/refunds.md': KB['billing/refunds.md'], 'index.md': '# Help centre\n\n## Topics\n' });
    index.attachEmbeddings({ model: 'm', weight: 0.5, vectors: Array.from({ length: index.recordCount }, () => Float32Array.of(1, 0)) });
    index.addQuestionVectors(new Map([['zzkq vvxw', Float32Array.of(0, 1)]]));
    assert.deepEqual(index.search('zzkq vvxw', { queryVector: index.questionVector('zzkq vvxw') }).matches, []);
    const routed = routeQuestion(index, 'zzkq vvxw');
    assert.equal(routed.decision, 'escalate');
    assert.equal(routed.answer, null);
  });

  it('sends in batches of batchSize', async () => {
    const texts = Array.from({ length: 10 }, (_, i) => `text number ${'x'.repeat(i + 1)}`);
    const { vectors, stats } = await new Embedder(settings(server, { batchSize: 4 })).embed(texts);
    assert.equal(vectors.length, 10);
    assert.deepEqual(server.requests.map((r) => r.body.input.length), [4, 4, 2]);
    assert.deepEqual(stats, { sent: 10, cached: 0, requests: 3 });
    // Each distinct text once.
    await new Embedder(settings(server)).embed(['same', 'same', 'same']);
    assert.deepEqual(server.requests[3].body.input, ['same']);
  });

  describe('the cache on disk', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'kb-embeddings-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('sends nothing for an unchanged knowledge base, and only the changed section after an edit', async () => {
      const s = settings(server);
      const storage = () => fileVectorStorage(dir, cacheIdentity(s));
      const questions = ['my lamp arrived smashed'];
      const first = await embedIndex(indexOf(KB), questions, new Embedder(s, { storage: storage() }));
      assert.ok(first.ok && first.stats.sent > 0);
      const sent = server.requests.length;
      assert.equal(readdirSync(dir).filter((f) => f.startsWith('embeddings-')).length, 1);

      const notices: EmbeddingsNotice[] = [];
      const again = indexOf(KB);
      const second = await embedIndex(again, questions, new Embedder(s, { storage: storage() }), { notice: (n) => notices.push(n) });
      assert.deepEqual(second.ok && second.stats, { sent: 0, cached: again.recordCount + 1, requests: 0 });
      assert.equal(server.requests.length, sent, 'the second run sent nothing');
      assert.equal(notices.length, 0, 'no notice when nothing is sent');
      assert.equal(routeQuestion(again, questions[0]).answer?.file, 'returns/damaged.md');

      const edited = { ...KB, 'gift/cards.md': '# Gift cards\n\nGift cards come in amounts from 10 to 500 and never expire.\n' };
      await embedIndex(indexOf(edited), questions, new Embedder(s, { storage: storage() }));
      assert.equal(server.requests.length, sent + 1);
      assert.deepEqual(server.requests.at(-1)!.body.input, ['Gift cards\nGift cards come in amounts from 10 to 500 and never expire.']);
    });

    it('keeps another model\'s vectors apart, and ignores a damaged file', async () => {
      const other = settings(server, { model: 'other-model' });
      await embedIndex(indexOf(KB), [], new Embedder(other, { storage: fileVectorStorage(dir, cacheIdentity(other)) }));
      assert.ok(server.requests.length > 0, 'another model is not served from the first one\'s vectors');
      const bytes = encodeVectors('m\u0000', 3, new Map([['k', Float32Array.of(1, 2, 3)]]));
      assert.deepEqual([...decodeVectors(bytes, 'm\u0000').entries.get('k')!], [1, 2, 3]);
      assert.throws(() => decodeVectors(bytes, 'other\u0000'));
      assert.throws(() => decodeVectors(bytes.subarray(0, bytes.length - 1), 'm\u0000'));
      const damaged = { read: async () => bytes.subarray(0, 20), write: async () => undefined };
      const { stats } = await new Embedder(settings(server), { storage: damaged }).embed(['a damaged cache is no cache']);
      assert.equal(stats.sent, 1);
    });
  });

  describe('when the endpoint fails', () => {
    const fast = { retryBaseMs: 10 };

    it('retries 5xx with backoff, then falls back to the built-in routing with the reason', async () => {
      server.script.push({ status: 500 }, { status: 502 }, { status: 503 });
      const index = indexOf(KB);
      const retries: number[] = [];
      const outcome = await embedIndex(index, ['my lamp arrived smashed'], new Embedder(settings(server), { ...fast, onRetry: (n) => retries.push(n) }));
      assert.equal(outcome.ok, false);
      assert.match(!outcome.ok ? outcome.message : '', /answered HTTP 503.*\(3 tries\)/);
      assert.deepEqual(retries, [1, 2]);
      assert.equal(server.requests.length, 3);
      assert.equal(index.embeddingModel, undefined);
      const routed = routeQuestion(index, 'my lamp arrived smashed');
      assert.doesNotMatch(routed.reason, /via test-model/);
    });

    it('honours Retry-After on 429 and succeeds on the next try', async () => {
      server.script.push({ status: 429, retryAfter: '1' });
      const started = Date.now();
      const { stats } = await new Embedder(settings(server), fast).embed(['rate limited']);
      assert.ok(Date.now() - started >= 950, `waited ${Date.now() - started} ms`);
      assert.equal(stats.requests, 2);
      assert.equal(retryAfterMs(new Headers({ 'retry-after': 'Wed, 21 Oct 2015 07:28:10 GMT' }), Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')), 10_000);
      assert.equal(retryAfterMs(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' })), 250);
    });

    it('does not wait out a Retry-After longer than a minute', async () => {
      server.script.push({ status: 429, retryAfter: '3600' });
      await assert.rejects(new Embedder(settings(server), fast).embed(['x']), /HTTP 429.*asks to wait 3600 s/);
      assert.equal(server.requests.length, 1);
    });

    it('does not retry 4xx, and names the key on 401', async () => {
      server.script.push({ status: 401, body: '{"error":{"message":"Incorrect API key provided"}}' });
      await assert.rejects(new Embedder(settings(server), fast).embed(['x']), /HTTP 401 \(check the API key\): .*Incorrect API key/);
      assert.equal(server.requests.length, 1);
    });

    it('rejects malformed JSON and vectors of the wrong length', async () => {
      server.script.push({ malformed: true });
      await assert.rejects(new Embedder(settings(server), fast).embed(['x']), /did not answer with JSON/);
      const embedder = new Embedder(settings(server), fast);
      await embedder.embed(['first']);
      server.script.push({ dimensions: 12 });
      await assert.rejects(embedder.embed(['second']), /vector of 12 dimensions where 256 were expected/);
      server.script.push({ dimensions: 12 });
      const outcome = await embedIndex(indexOf(KB), [], new Embedder(settings(server, { dimensions: 256 }), fast));
      assert.match(!outcome.ok ? outcome.message : '', /12 dimensions where 256/);
    });

    it('times out a slow answer, and retries it', async () => {
      server.script.push({ delayMs: 1500 });
      const { stats } = await new Embedder(settings(server, { timeoutMs: 300 }), fast).embed(['slow then fast']);
      assert.equal(stats.requests, 2);
      server.delayMs = 1500;
      await assert.rejects(new Embedder(settings(server, { timeoutMs: 300, retries: 0 }), fast).embed(['slow']), /did not answer within 300 ms/);
    });

    it('cannot reach a closed port: falls back with the reason', async () => {
      const closed = await startEmbeddingsServer();
      await closed.close();
      const outcome = await embedIndex(indexOf(KB), [], new Embedder(embeddingsSettings({ endpoint: closed.url, model: 'm', retries: 1 })!, fast));
      assert.match(!outcome.ok ? outcome.message : '', /cannot reach http:\/\/127\.0\.0\.1:\d+\/v1\/embeddings: ECONNREFUSED \(2 tries\)/);
    });

    it('cancels at once, in the middle of a request', async () => {
      server.delayMs = 5000;
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(new Error('cancelled by the user')), 100);
      await assert.rejects(embedIndex(indexOf(KB), [], new Embedder(settings(server, { timeoutMs: 10_000 })), { signal: controller.signal }), /cancelled by the user/);
      assert.ok(Date.now() - started < 2000);
    });
  });

  it('kb-audit.json takes routing.embeddings, but never a key', () => {
    const config = parseConfig('{ "routing": { "embeddings": { "endpoint": "http://localhost:11434/v1", "model": "nomic-embed-text" } } }', '/kb/kb-audit.json');
    assert.equal(config.routing.embeddings?.model, 'nomic-embed-text');
    assert.throws(
      () => parseConfig('{ "routing": { "embeddings": { "endpoint": "https://api.openai.com/v1", "model": "m",\n "apiKey": "sk-1" } } }', '/kb/kb-audit.json'),
      (error: ConfigError) => error.line === 2 && /an API key does not belong in kb-audit\.json.*apiKeyEnv/.test(error.message),
    );
    assert.throws(() => parseConfig('{ "routing": { "embeddings": { "endpoint": "ftp://x", "model": "m" } } }', '/kb/kb-audit.json'), /pattern/);
  });
});
