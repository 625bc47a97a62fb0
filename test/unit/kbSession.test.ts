import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runAudit } from '../../src/core/audit';
import { DEFAULT_CONFIG } from '../../src/core/config/config';
import { createEngineHost } from '../../src/extension/auditEngine';
import { KbSession } from '../../src/extension/kbSession';
import { SearchIndex } from '../../src/core/routing/searchIndex';
import { defaultSite } from '../../src/core/flavor';
import { memoryFileSystem } from '../helpers/memoryFileSystem';

const NOW = new Date(2026, 10, 23);
const files = {
  '/kb/a.md': '---\ntitle: A\nowner: ops\nlast_reviewed: 2026-11-01\n---\n\n# Refunds\n\n## How long do refunds take?\n\nRefunds reach your card within 5 business days of the return arriving at our warehouse.\n',
  '/kb/b.md': '---\ntitle: B\nowner: ops\nlast_reviewed: 2026-11-01\n---\n\n# Delivery\n\n## How long does delivery take?\n\nStandard delivery takes three to five working days across the mainland.\n\nSee [refunds](a.md).\n',
};

const key = (f: { file: string; line: number; ruleId: string; message: string }) => `${f.file}:${f.line} ${f.ruleId} ${f.message}`;

describe('KbSession', () => {
  it('an edit re-checks one article, and after the re-check the findings equal a full audit of the new text', async () => {
    const fs = memoryFileSystem(files);
    const session = await KbSession.load(fs, '/kb', DEFAULT_CONFIG, { now: NOW });
    const edited = files['/kb/b.md'] + '\n## Can I pick a delivery day?\n';
    const forFile = session.updateArticle('b.md', edited, NOW);
    assert.ok(forFile.some((f) => f.ruleId === 'empty-section' && f.line === 15), forFile.map(key).join('\n'));
    assert.ok(session.staleFiles.has('b.md'));
    await session.recheck({ now: NOW });
    assert.equal(session.staleFiles.size, 0);

    const full = await runAudit(memoryFileSystem({ ...files, '/kb/b.md': edited }), '/kb', DEFAULT_CONFIG, { now: NOW });
    assert.deepEqual(session.findings.map(key), full.findings.map(key));
    assert.equal(session.kb.sections.length, full.kb.sections.length);
  });

  it('adds and removes articles, keeping the knowledge base sorted and the index fresh', async () => {
    const session = await KbSession.load(memoryFileSystem(files), '/kb', DEFAULT_CONFIG, { now: NOW });
    session.updateArticle('0-new.md', '# Gift cards\n\n## Do gift cards expire?\n\nGift cards are valid for 24 months from purchase.\n', NOW);
    assert.deepEqual(session.kb.articles.map((a) => a.file), ['0-new.md', 'a.md', 'b.md']);
    assert.equal(session.ask('do gift cards expire').answer?.file, '0-new.md');
    session.removeArticle('0-new.md');
    assert.deepEqual(session.kb.articles.map((a) => a.file), ['a.md', 'b.md']);
    assert.notEqual(session.ask('do gift cards expire').answer?.file, '0-new.md');
  });

  it('previews questions with the sweep and per-section counts, the configured threshold on the curve', async () => {
    const session = await KbSession.load(memoryFileSystem(files), '/kb', { ...DEFAULT_CONFIG, routing: { threshold: 0.33 } }, { now: NOW });
    const questions = ['how long do refunds take', 'how long does delivery take', 'what is your favourite colour'].map((question, i) => ({ question, line: i + 1 }));
    const state = await session.previewAll(questions);
    assert.equal(state.preview.results.length, 3);
    assert.equal(state.preview.summary.threshold, 0.33);
    assert.ok(state.sweep.some((p) => p.threshold === 0.33));
    assert.equal(state.sweep[0].coverage >= state.sweep[state.sweep.length - 1].coverage, true);
    assert.equal(state.bySection.get('a.md#how-long-do-refunds-take')?.answered, 1);
    const at = await session.previewAll(questions, 0.99);
    assert.equal(at.preview.summary.threshold, 0.99);
    assert.ok(at.preview.summary.answered <= state.preview.summary.answered);
  });

  it('routes the coverage rules, the preview and a question through one index per knowledge base', async (t) => {
    const questions = 'how long do refunds take\nhow long does delivery take\nwhat is your favourite colour\n';
    const fs = memoryFileSystem({ ...files, '/kb/questions.txt': questions });
    const config = { ...DEFAULT_CONFIG, questions: '/kb/questions.txt' };
    const builds = t.mock.method(SearchIndex, 'build');
    const session = await KbSession.load(fs, '/kb', config, { now: NOW });
    assert.equal(builds.mock.callCount(), 1);
    const asked = session.questions!.preview.results.map((r) => [r.question, r.decision, r.sectionId]);
    const state = await session.previewAll(questions.trim().split('\n').map((question, i) => ({ question, line: i + 1 })));
    assert.deepEqual(state.preview.results.map((r) => [r.question, r.decision, r.sectionId]), asked);
    assert.equal(session.ask('how long do refunds take').answer?.file, 'a.md');
    assert.equal(builds.mock.callCount(), 1);

    // An edit drops the index; the re-check builds the new one, and the preview reuses it.
    session.updateArticle('b.md', files['/kb/b.md'] + '\n## Can I pick a delivery day?\n\nPick a day at checkout.\n', NOW);
    await session.recheck({ now: NOW });
    await session.previewAll([{ question: 'can I pick a delivery day', line: 1 }]);
    assert.equal(builds.mock.callCount(), 2);
  });

  it('the engine keeps the index its load routed the questions through', async (t) => {
    const encode = (text: string) => new TextEncoder().encode(text);
    const builds = t.mock.method(SearchIndex, 'build');
    const host = createEngineHost();
    await host.handle({
      kind: 'load',
      root: '/kb',
      config: { ...DEFAULT_CONFIG, questions: '/kb/questions.txt' },
      files: Object.entries(files).map(([path, text]) => ({ file: path.slice('/kb/'.length), bytes: encode(text) })),
      skipped: [],
      site: defaultSite(),
      questions: { path: '/kb/questions.txt', displayName: 'questions.txt', bytes: encode('how long do refunds take\n') },
      now: NOW.getTime(),
    });
    await host.handle({ kind: 'preview', changes: [], questions: [{ question: 'how long does delivery take', line: 1 }] });
    await host.handle({ kind: 'ask', changes: [], question: 'how long do refunds take' });
    assert.equal(builds.mock.callCount(), 1);
  });
});
