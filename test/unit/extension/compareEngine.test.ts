// The worker's half of Compare with Branch on a real git repository: the same comparison and
// the very Markdown of `kb-audit diff BRANCH --format markdown`, unsaved editor text counted as
// the working tree, clear failures for a folder outside git and a branch that does not exist,
// and the branch list; in-process and in the bundled worker thread.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../../src/core/config/config';
import { nodeFileSystem } from '../../../src/core/nodeFileSystem';
import { toPosix } from '../../../src/core/fileSystem';
import { inProcessEngine, type AuditEngine, type CompareRequest } from '../../../src/extension/auditEngine';
import { gitTasks } from '../../../src/extension/compareEngine';
import { WorkerEngine } from '../../../src/extension/workerEngine';
import { createGitKb, GIFT_QUESTION, RUG_QUESTION } from '../../helpers/gitKb';
import { runCli, tempFolder } from '../reliability/helpers';
import { version } from '../../../package.json';

const WORKER = join(__dirname, '..', '..', '..', 'dist', 'auditWorker.js');

describe('Compare with Branch in the audit worker', () => {
  const temp = tempFolder('compare-engine');
  const repo = toPosix(join(temp.path, 'repo'));
  const outside = toPosix(join(temp.path, 'not-a-repo'));
  let request: CompareRequest;

  before(async () => {
    createGitKb(repo);
    mkdirSync(outside);
    const config = await loadConfig(nodeFileSystem, `${repo}/kb-audit.json`);
    request = { kind: 'compare', base: 'main', root: repo, config, questionsDisplayName: 'questions.txt', unsaved: [], now: Date.now(), version, linkBase: `file://${repo}/` };
  });
  after(() => temp.remove());

  for (const [name, start] of [
    ['in-process', () => inProcessEngine(gitTasks)],
    ['worker thread', () => new WorkerEngine(WORKER)],
  ] as const) {
    describe(name, () => {
      let engine: AuditEngine;
      before(() => (engine = start()));
      after(() => engine.dispose());

      it('compares the branch with the working tree as kb-audit diff does, to the byte of its Markdown', async () => {
        const reply = await engine.compare(request);
        assert.ok(reply.ok, JSON.stringify(reply));
        const rug = reply.diff.questions.changed.find((c) => c.question === RUG_QUESTION);
        assert.equal(rug?.kind, 'now-escalates');
        assert.equal(reply.diff.questions.changed.find((c) => c.question === GIFT_QUESTION)?.kind, 'now-answered');
        assert.deepEqual(reply.diff.articles.added, ['gift-cards.md']);
        assert.deepEqual(reply.diff.articles.removed, ['opening-hours.md']);
        assert.deepEqual(reply.diff.articles.renamed, [{ from: 'lampshades.md', to: 'shade-sizes.md' }]);
        assert.ok(reply.diff.findings.fixed.some((f) => f.ruleId === 'conflicting-answer'));
        assert.match(reply.baseName, /^main \([0-9a-f]{10}\)$/);
        assert.equal(reply.headName, 'working tree');

        const cli = runCli(['diff', 'main', '--format', 'markdown', '--link-base', request.linkBase!, '--fail-on-regression', 'never'], { cwd: repo });
        assert.equal(cli.code, 0, cli.stderr);
        assert.equal(reply.markdown, cli.stdout.replace(/\n$/, ''));
        assert.equal(reply.headline, /\*\*(.*)\*\*/.exec(reply.markdown)?.[1]);
      });

      it('counts unsaved editor text as the working tree', async () => {
        const path = `${repo}/gift-cards.md`;
        const reply = await engine.compare({ ...request, unsaved: [{ path, bytes: new TextEncoder().encode('# Gift cards\n\nAsk in the shop.\n') }] });
        assert.ok(reply.ok);
        assert.notEqual(reply.diff.questions.changed.find((c) => c.question === GIFT_QUESTION)?.after.file, 'gift-cards.md');
      });

      it('says so when the docs are not in a git repository, or the branch does not exist', async () => {
        const outsideReply = await engine.compare({ ...request, root: outside });
        assert.equal(outsideReply.ok, false);
        assert.equal(!outsideReply.ok && outsideReply.reason, 'not-a-repository');
        const missing = await engine.compare({ ...request, base: 'no-such-branch' });
        assert.equal(!missing.ok && missing.reason, 'unknown-revision');
        assert.match(!missing.ok ? missing.message : '', /revision "no-such-branch" does not exist/);
      });

      it('lists branches and tags to pick from', async () => {
        const reply = await engine.revisions({ kind: 'revisions', root: repo });
        assert.ok(reply.ok);
        assert.deepEqual(
          reply.revisions.map((r) => `${r.kind} ${r.name}`),
          ['branch feature', 'branch main'],
        );
        const none = await engine.revisions({ kind: 'revisions', root: outside });
        assert.equal(!none.ok && none.reason, 'not-a-repository');
      });
    });
  }

  it('without git (the web worker), answers that comparing needs git', async () => {
    const engine = inProcessEngine();
    const reply = await engine.compare(request);
    assert.equal(!reply.ok && reply.reason, 'unavailable');
  });
});
