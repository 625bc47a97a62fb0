// `kb-audit diff` on real git commits in a temporary repository, through the real CLI process:
// articles added, removed and renamed, a questions file that changed, an edit that makes a
// question escalate and one that fixes a conflict; the working tree as HEAD; two folders; the
// usage errors (a revision that does not exist, a shallow clone without BASE, DOCS outside).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { front, GIT_KB_ARTICLES, GIT_KB_QUESTIONS } from '../helpers/gitKb';
import { runCli, tempFolder } from './reliability/helpers';

interface DiffJson {
  findings: { new: Array<{ ruleId: string; file: string; line: number }>; fixed: Array<{ ruleId: string; file: string }> };
  questions: { changed: Array<{ question: string; before: { decision: string; file: string | null }; after: { decision: string; file: string | null; heading: string | null }; why: string; kind: string }> };
  articles: { added: string[]; removed: string[]; renamed: Array<{ from: string; to: string }>; changed: string[] };
  summary: { questions: { before: { escalated: number }; after: { escalated: number }; nowEscalate: number }; findings: { new: { error: number }; fixed: { error: number } } };
}

const ARTICLES = GIT_KB_ARTICLES;
const QUESTIONS = GIT_KB_QUESTIONS;

describe('kb-audit diff on git revisions', () => {
  const temp = tempFolder('diff-git');
  const repo = join(temp.path, 'repo');
  const docs = join(repo, 'help');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
  const write = (file: string, text: string) => writeFileSync(join(docs, file), text);
  const diff = (args: string[], cwd = repo) => runCli(['diff', ...args], { cwd });
  const json = (args: string[]) => {
    const run = diff([...args, '--format', 'json']);
    assert.notEqual(run.code, 2, run.stderr);
    return { run, report: JSON.parse(run.stdout) as DiffJson };
  };

  before(() => {
    mkdirSync(docs, { recursive: true });
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 'docs@example.com');
    git('config', 'user.name', 'Docs');
    git('config', 'commit.gpgsign', 'false');
    for (const [file, text] of Object.entries(ARTICLES)) write(file, text);
    writeFileSync(join(repo, 'questions.txt'), QUESTIONS);
    writeFileSync(join(repo, 'kb-audit.json'), '{ "docs": "help", "questions": "questions.txt" }\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'Help articles');
    git('tag', 'v1');

    // v2: the conflict fixed, the rug-care answer gone (its question escalates), an article
    // added and one removed, one renamed unchanged, and a question added to the questions file.
    write('exchanges.md', ARTICLES['exchanges.md'].replace('within 14 days', 'within 30 days'));
    write('rug-care.md', front('Brass lamp finishes') + 'Brass lamp bases are lacquered at the workshop and need only a dry duster.\n');
    write(
      'gift-cards.md',
      front('Gift cards') + 'Give someone a Brightwell lamp.\n\n## How do I buy a gift card?\n\nBuy a gift card from the gift page in any amount from ten to five hundred pounds; it arrives by email within the hour.\n',
    );
    rmSync(join(docs, 'opening-hours.md'));
    renameSync(join(docs, 'lampshades.md'), join(docs, 'shade-sizes.md'));
    writeFileSync(join(repo, 'questions.txt'), QUESTIONS + 'how do I buy a gift card\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'Rework help articles');
    git('tag', 'v2');
  });
  after(() => temp.remove());

  it('the first commit has the conflict and answers the rug question', () => {
    git('checkout', '-q', 'v1');
    const run = runCli(['preview', 'questions.txt', 'help', '--format', 'json'], { cwd: repo });
    git('checkout', '-q', 'main');
    const preview = JSON.parse(run.stdout) as { results: Array<{ question: string; decision: string }> };
    assert.equal(preview.results.find((r) => r.question.includes('wool rug'))?.decision, 'answer', run.stdout);
  });

  it('reports added, removed and renamed articles, the fixed conflict, and the question that now escalates', () => {
    const { run, report } = json(['v1', 'v2']);
    assert.deepEqual(report.articles.added, ['gift-cards.md']);
    assert.deepEqual(report.articles.removed, ['opening-hours.md']);
    assert.deepEqual(report.articles.renamed, [{ from: 'lampshades.md', to: 'shade-sizes.md' }]);
    assert.ok(report.articles.changed.includes('exchanges.md'));

    assert.ok(report.findings.fixed.some((f) => f.ruleId === 'conflicting-answer' && f.file === 'exchanges.md'), JSON.stringify(report.findings));
    assert.ok(!report.findings.new.some((f) => f.ruleId === 'conflicting-answer'), JSON.stringify(report.findings.new));
    assert.equal(report.summary.findings.new.error, 0);
    // The renamed article's placeholder is the same finding: neither new nor fixed.
    assert.ok(!report.findings.new.some((f) => f.ruleId === 'placeholder'), JSON.stringify(report.findings.new));
    assert.ok(!report.findings.fixed.some((f) => f.ruleId === 'placeholder'), JSON.stringify(report.findings.fixed));

    const rug = report.questions.changed.find((c) => c.question === 'how do I clean a wool rug');
    assert.ok(rug, JSON.stringify(report.questions.changed));
    assert.equal(rug.before.decision, 'answer');
    assert.equal(rug.before.file, 'rug-care.md');
    assert.equal(rug.after.decision, 'escalate');
    assert.equal(rug.kind, 'now-escalates');
    assert.match(rug.why, /now escalates/);
    assert.equal(report.summary.questions.nowEscalate >= 1, true);

    // The questions are HEAD's: the question added in v2 is asked of v1 too, and answered only in v2.
    const gift = report.questions.changed.find((c) => c.question === 'how do I buy a gift card');
    assert.ok(gift, JSON.stringify(report.questions.changed));
    assert.equal(gift.after.file, 'gift-cards.md');
    assert.equal(gift.kind, 'now-answered');

    // An answered question now escalates: exit 1 by default, 0 when regressions are not failures.
    assert.equal(run.code, 1, run.stderr);
    assert.equal(diff(['v1', 'v2', '--fail-on-regression', 'never']).code, 0);
  });

  it('the reverse change adds the conflict: exit 1 on the new error', () => {
    const { run, report } = json(['v2', 'v1', '--fail-on-regression', 'never']);
    assert.ok(report.findings.new.some((f) => f.ruleId === 'conflicting-answer'));
    assert.equal(run.code, 1);
    assert.equal(diff(['v2', 'v1', '--fail-on-regression', 'never', '--fail-on', 'never']).code, 0);
  });

  it('HEAD defaults to the working tree; DOCS may be given after BASE', () => {
    git('checkout', '-q', 'v2');
    write('returns.md', ARTICLES['returns.md'] + '\n## Can I return a lamp bought in the sale?\n\nYes, lamps bought in the sale can be returned too; TBD for clearance items.\n');
    try {
      const { report } = json(['v2', 'help']);
      assert.deepEqual(report.articles.changed, ['returns.md']);
      assert.ok(report.findings.new.some((f) => f.ruleId === 'placeholder' && f.file === 'returns.md'), JSON.stringify(report.findings.new));
      const text = diff(['v2']);
      assert.equal(text.code, 0, text.stderr);
      assert.match(text.stdout, /^kb-audit diff v2 \([0-9a-f]{10}\) → working tree: 1 new problem/);
      assert.match(text.stdout, /help\/returns\.md:\d+:\d+ warning placeholder/);
    } finally {
      git('checkout', '-q', '--', '.');
    }
  });

  it('writes a pull-request comment: headline, before/after table, linked findings', () => {
    const run = diff(['v1', 'v2', '--format', 'markdown', '--link-base', 'https://git.example.com/o/r/blob/abc/']);
    assert.equal(run.code, 1, run.stderr);
    const md = run.stdout;
    assert.match(md, /^<!-- kb-audit-diff -->/);
    assert.match(md, /\*\*2 questions now escalate · 1 question now answered · .*problems? fixed\*\*/);
    assert.match(md, /\| how do I clean a wool rug \| ✅ answer [0-9.]+ · rug-care\.md › How do I clean a wool rug\? \| ⛔ escalate/);
    assert.match(md, /\| escalated \| \d+ \| \d+ \|/);
    assert.match(md, /\(https:\/\/git\.example\.com\/o\/r\/blob\/abc\/help\/gift-cards\.md#L\d+\)/);
    assert.ok(md.length < 65_000);
  });

  it('with --cache, a state audited by an earlier diff is not audited again, and the report is the same', () => {
    const cacheDir = join(temp.path, 'cache');
    const args = ['v1', 'v2', '--format', 'json', '--cache-dir', cacheDir];
    const first = diff(args);
    assert.match(first.stderr, /0 of 2 states reused/);
    const second = diff(args);
    assert.match(second.stderr, /2 of 2 states reused/);
    assert.equal(second.stdout, first.stdout);
    assert.equal(second.code, first.code);
    // A new HEAD (an edit in the working tree): only BASE is reused.
    write('returns.md', ARTICLES['returns.md'] + '\nOne more line about lamps.\n');
    try {
      const third = diff(['v1', '--format', 'json', '--cache-dir', cacheDir]);
      assert.match(third.stderr, /1 of 2 states reused/);
      assert.deepEqual((JSON.parse(third.stdout) as DiffJson).articles.changed.includes('returns.md'), true);
    } finally {
      git('checkout', '-q', '--', '.');
    }
  });

  it('audits BASE on a second thread (--jobs 2) with the same report as one thread, with and without the cache', () => {
    // The working tree edited too, so HEAD is neither commit; the questions file is HEAD's.
    write('returns.md', ARTICLES['returns.md'].replace('within 30 days', 'within 45 days'));
    try {
      for (const base of ['v1', 'v2']) {
        const one = diff([base, '--format', 'json', '--jobs', '1']);
        const two = diff([base, '--format', 'json', '--jobs', '2']);
        assert.notEqual(two.code, 2, two.stderr);
        assert.equal(two.stdout, one.stdout);
        assert.equal(two.code, one.code);
        const cacheDir = join(temp.path, `threads-cache-${base}`);
        const cached = diff([base, '--format', 'json', '--jobs', '2', '--cache-dir', cacheDir]);
        assert.equal(cached.stdout, one.stdout);
        // Both states' articles are counted, the second thread's too: 8 or so articles each.
        const counts = /cache: (\d+) articles reused, (\d+) parsed; 0 of 2 states reused/.exec(cached.stderr);
        assert.ok(counts, cached.stderr);
        assert.ok(Number(counts[1]) + Number(counts[2]) >= 2 * Object.keys(ARTICLES).length - 2, cached.stderr);
        const again = diff([base, '--format', 'json', '--jobs', '2', '--cache-dir', cacheDir]);
        assert.match(again.stderr, /2 of 2 states reused/);
        assert.equal(again.stdout, one.stdout);
      }
    } finally {
      git('checkout', '-q', '--', '.');
    }
  });

  it('compares two folders', () => {
    const a = join(temp.path, 'a');
    const b = join(temp.path, 'b');
    cpSync(docs, a, { recursive: true });
    cpSync(docs, b, { recursive: true });
    writeFileSync(join(b, 'returns.md'), ARTICLES['returns.md'].replace('within 30 days', 'within 60 days'));
    const run = runCli(['diff', a, b, '--format', 'json', '--questions', join(repo, 'questions.txt')], { cwd: temp.path });
    assert.notEqual(run.code, 2, run.stderr);
    const oneThread = runCli(['diff', a, b, '--format', 'json', '--questions', join(repo, 'questions.txt'), '--jobs', '1'], { cwd: temp.path });
    assert.equal(oneThread.stdout, run.stdout);
    const report = JSON.parse(run.stdout) as DiffJson;
    assert.deepEqual(report.articles.changed, ['returns.md']);
    assert.ok(report.findings.new.some((f) => f.ruleId === 'conflicting-answer' && f.file === 'returns.md'), JSON.stringify(report.findings.new));
  });

  it('usage errors exit 2 with one clear line', () => {
    const missing = diff(['no-such-branch']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^kb-audit: revision "no-such-branch" does not exist/);

    const outside = diff(['v1', 'v2', temp.path]);
    assert.equal(outside.code, 2);
    assert.match(outside.stderr, /^kb-audit: DOCS .* is outside the git repository/);

    const shallow = join(temp.path, 'shallow');
    execFileSync('git', ['clone', '-q', '--depth', '1', '--branch', 'v2', `file://${repo}`, shallow]);
    const clone = diff(['v1'], shallow);
    assert.equal(clone.code, 2, clone.stderr);
    assert.match(clone.stderr, /^kb-audit: revision "v1" is not in this shallow clone: fetch it first \(git fetch .*\)/);
    assert.doesNotMatch(clone.stderr, /internal error/);
  });
});
