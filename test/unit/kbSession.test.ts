import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runAudit } from '../../src/core/audit';
import { DEFAULT_CONFIG } from '../../src/core/config/config';
import { KbSession } from '../../src/extension/kbSession';
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
});
