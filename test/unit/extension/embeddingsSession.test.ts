// routing.embeddings in the editor's plain-Node half: settings merged under kb-audit.json, the
// key and cache folder handed to the engine (in-process and a real worker thread) as plain data,
// the preview, a re-check and Ask routed with the model, vectors kept on disk between sessions,
// and the built-in routing with the reason when the endpoint fails.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { fileVectorStorage } from '../../../src/core/cache/embeddingCache';
import { DEFAULT_CONFIG, type ResolvedConfig } from '../../../src/core/config/config';
import { inProcessEngine } from '../../../src/extension/auditEngine';
import { KbSession, useVectorStorage } from '../../../src/extension/kbSession';
import { DEFAULT_SETTINGS, mergeSettings, normaliseSettings } from '../../../src/extension/settingsMerge';
import { WorkerEngine } from '../../../src/extension/workerEngine';
import { startEmbeddingsServer, type EmbeddingsServer } from '../../helpers/embeddingsServer';
import { memoryFileSystem } from '../../helpers/memoryFileSystem';
import { PARAPHRASE_KB } from '../routing/helpers';

const WORKER = join(__dirname, '..', '..', '..', 'dist', 'auditWorker.js');
const files: Record<string, string> = {
  ...Object.fromEntries(Object.entries(PARAPHRASE_KB).map(([file, text]) => [`/kb/${file}`, text])),
  '/kb/questions.txt': 'my lamp arrived smashed\nwhat will the weather be like on mars tomorrow\n',
};

describe('kbAudit.embeddings setting', () => {
  it('is read when it names an endpoint and a model, and kb-audit.json wins', () => {
    const settings = normaliseSettings({ embeddings: { endpoint: 'http://localhost:11434/v1', model: 'nomic-embed-text', weight: 0.7, retries: 'x', apiKey: 'sk-ignored' } });
    assert.deepEqual(settings.embeddings, { endpoint: 'http://localhost:11434/v1', model: 'nomic-embed-text', weight: 0.7 });
    assert.equal(normaliseSettings({ embeddings: { endpoint: 'file:///etc', model: 'm' } }).embeddings, null);
    assert.equal(normaliseSettings({}).embeddings, null);
    const fromSettings = mergeSettings(DEFAULT_CONFIG, settings, '/ws');
    assert.equal(fromSettings.routing.embeddings?.model, 'nomic-embed-text');
    const file = { ...DEFAULT_CONFIG, routing: { embeddings: { endpoint: 'http://gpu:8000/v1', model: 'bge-m3' } } };
    assert.equal(mergeSettings(file, settings, '/ws').routing.embeddings?.model, 'bge-m3');
    assert.equal(mergeSettings(DEFAULT_CONFIG, DEFAULT_SETTINGS, '/ws').routing.embeddings, undefined);
  });
});

for (const [name, engine] of [
  ['in-process', () => inProcessEngine()],
  ['worker thread', () => new WorkerEngine(WORKER)],
] as const) {
  describe(`routing.embeddings in a session with the ${name} engine`, () => {
    let server: EmbeddingsServer;
    let cacheDir: string;
    let config: ResolvedConfig;
    before(async () => {
      server = await startEmbeddingsServer();
      cacheDir = mkdtempSync(join(tmpdir(), 'kb-embeddings-session-'));
      config = { ...DEFAULT_CONFIG, questions: '/kb/questions.txt', routing: { embeddings: { endpoint: `${server.url}/v1`, model: 'test-model', retries: 0 } } };
      useVectorStorage(fileVectorStorage);
    });
    after(async () => {
      await server.close();
      rmSync(cacheDir, { recursive: true, force: true });
    });
    beforeEach(() => {
      server.requests.length = 0;
      server.script.length = 0;
    });

    it('is off without access (Restricted Mode, or not configured): nothing is sent', async () => {
      const session = await KbSession.load(memoryFileSystem(files), '/kb', config, { engine: engine() });
      try {
        const preview = await session.previewAll([{ question: 'my lamp arrived smashed', line: 1 }]);
        assert.equal(preview.embeddings, undefined);
        assert.equal(session.usesEmbeddings, false);
        assert.equal(server.requests.length, 0);
      } finally {
        session.dispose();
      }
    });

    it('routes the audit\'s questions, the preview and Ask with the model, with the key, and keeps the vectors', async () => {
      const session = await KbSession.load(memoryFileSystem(files), '/kb', config, { engine: engine(), embeddingsAccess: { apiKey: 'secret-key', cacheDir } });
      try {
        assert.equal(session.embeddingsOutcome?.ok, true);
        assert.ok(server.requests.length > 0);
        assert.ok(server.requests.every((r) => r.headers.authorization === 'Bearer secret-key'));
        const gaps = session.findings.filter((f) => f.ruleId === 'coverage-gap');
        assert.ok(!gaps.some((f) => f.message.includes('lamp')), 'answered by meaning, so not a coverage gap');
        assert.ok(existsSync(cacheDir) && readdirSync(cacheDir).some((f) => f.startsWith('embeddings-')));

        const preview = await session.previewAll([{ question: 'my lamp arrived smashed', line: 1 }]);
        assert.equal(preview.preview.results[0].answer?.file, 'returns/damaged.md');
        assert.match(preview.preview.results[0].reason, /by meaning via test-model/);

        const sent = server.requests.length;
        const asked = await session.route('how do I stop my plan');
        assert.equal(asked.answer?.file, 'account/cancel.md');
        assert.deepEqual(server.requests.slice(sent).map((r) => r.body.input), [['how do I stop my plan']], 'only the new question is sent');

        // An edit: only the edited section's texts go out on the re-check.
        session.updateArticle('gift/cards.md', '# Gift cards\n\nGift cards come in amounts from 10 to 500 and never expire.\n');
        const before = server.requests.length;
        await session.recheck();
        assert.deepEqual(server.requests.slice(before).flatMap((r) => r.body.input), ['Gift cards\nGift cards come in amounts from 10 to 500 and never expire.']);
      } finally {
        session.dispose();
      }

      // A new session (the editor reopened): everything from the disk cache.
      const before = server.requests.length;
      const again = await KbSession.load(memoryFileSystem(files), '/kb', config, { engine: engine(), embeddingsAccess: { apiKey: 'secret-key', cacheDir } });
      again.dispose();
      assert.equal(server.requests.length, before, 'an unchanged knowledge base is not sent again');
    });

    it('falls back to the built-in routing, with the reason, when the endpoint fails', async () => {
      server.script.push({ status: 503 });
      const session = await KbSession.load(memoryFileSystem(files), '/kb', config, { engine: engine(), embeddingsAccess: {} });
      try {
        const outcome = session.embeddingsOutcome;
        assert.equal(outcome?.ok, false);
        assert.match(outcome && !outcome.ok ? outcome.message : '', /HTTP 503/);
        assert.ok(session.findings.some((f) => f.ruleId === 'coverage-gap' && f.message.includes('lamp')), 'the built-in routing decided');
      } finally {
        session.dispose();
      }
    });
  });
}
