// The diff's reports without git: two in-memory states through runDiff, and a pull-request
// comment that stays under GitHub's limit however large the change.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG } from '../../src/core/config/config';
import { runDiff, type ChangedQuestion, type DiffResult } from '../../src/core/diff';
import { COMMENT_MARKER, formatDiffMarkdown, headline } from '../../src/core/format/diff';
import type { Finding } from '../../src/core/model';
import { memoryFileSystem } from '../helpers/memoryFileSystem';

const NOW = new Date('2026-06-01T12:00:00Z');
const article = (title: string, heading: string, body: string) =>
  `---\ntitle: ${title}\nowner: support\nreviewed: 2026-05-20\n---\n\n# ${title}\n\nAbout ${title.toLowerCase()}.\n\n## ${heading}\n\n${body}\n`;

describe('runDiff on two in-memory states', () => {
  it('asks both states HEAD’s questions and reports what changed', async () => {
    const base = memoryFileSystem({
      '/base/kb/kettles.md': article('Kettles', 'How do I descale a copper kettle?', 'Fill the copper kettle with equal parts water and white vinegar, boil it once and rinse it twice.'),
      '/base/kb/teapots.md': article('Teapots', 'Can a glass teapot go on the hob?', 'No: a glass teapot must never go on a hob or an open flame, only on a warmer.'),
    });
    const head = memoryFileSystem({
      '/head/kb/kettles.md': article('Kettles', 'How do I descale a copper kettle?', 'Fill the copper kettle with equal parts water and white vinegar, boil it once and rinse it twice. TODO photos.'),
      '/head/kb/teapots.md': article('Teapots', 'Which teapots suit loose tea?', 'Every teapot with a built-in strainer basket suits loose leaf tea of any grade.'),
      '/head/questions.txt': 'how do I descale a copper kettle\ncan a glass teapot go on the hob\n',
    });
    const diff = await runDiff({ fs: base, root: '/base/kb' }, { fs: head, root: '/head/kb' }, { config: DEFAULT_CONFIG, questions: '/head/questions.txt', now: NOW });
    assert.deepEqual(diff.articles.changed, ['kettles.md', 'teapots.md']);
    assert.deepEqual(
      diff.findings.new.filter((f) => f.ruleId === 'placeholder').map((f) => f.file),
      ['kettles.md'],
    );
    const hob = diff.questions.changed.find((c) => c.question.includes('hob'));
    assert.ok(hob, JSON.stringify(diff.questions.changed));
    assert.equal(hob.before.decision, 'answer');
    assert.equal(hob.before.file, 'teapots.md');
    assert.notEqual(hob.after.heading, 'Can a glass teapot go on the hob?');
    // Same section, same decision: the reply's text is what changed.
    const descale = diff.questions.changed.find((c) => c.question.includes('descale'));
    assert.equal(descale?.kind, 'answer-text', JSON.stringify(diff.questions.changed));
    assert.equal(descale?.before.file, descale?.after.file);
  });
});

describe('the pull-request comment', () => {
  const finding = (i: number): Finding => ({
    ruleId: i % 5 === 0 ? 'conflicting-answer' : 'placeholder',
    severity: i % 5 === 0 ? 'error' : 'warning',
    message: `placeholder "TODO" number ${i}: ${'a bot would read this to customers. '.repeat(3)}`,
    file: `section-${i % 40}/article-${i}.md`,
    line: i + 1,
    column: 1,
    endLine: i + 1,
    endColumn: 5,
  });
  const question = (i: number): ChangedQuestion => ({
    question: `how do I do thing number ${i} with my order`,
    before: { decision: 'answer', file: `orders/a-${i}.md`, heading: `Thing ${i}`, confidence: 0.8 },
    after: { decision: 'escalate', file: null, heading: null, confidence: 0.2 },
    why: 'now escalates (confidence 0.80 → 0.20): no section matches well enough',
    kind: 'now-escalates',
    line: i + 1,
  });
  const big = (findings: number, questions: number): DiffResult => {
    const fresh = Array.from({ length: findings }, (_, i) => finding(i));
    const changed = Array.from({ length: questions }, (_, i) => question(i));
    return {
      findings: { new: fresh, fixed: fresh.slice(0, findings / 2) },
      questions: { file: 'questions.txt', changed },
      articles: { added: fresh.map((f) => f.file), removed: [], renamed: [], changed: [] },
      thresholds: { before: 0.5, after: 0.5 },
      summary: {
        questions: { total: questions, before: { answered: questions, clarify: 0, escalated: 0 }, after: { answered: 0, clarify: 0, escalated: questions }, changed: questions, nowEscalate: questions, nowAnswered: 0 },
        findings: { new: { error: findings / 5, warning: (findings * 4) / 5, info: 0, total: findings }, fixed: { error: 0, warning: findings / 2, info: 0, total: findings / 2 } },
        articles: { added: findings, removed: 0, renamed: 0, changed: 0 },
      },
    };
  };
  const options = { version: '0.0.0', base: 'main', head: 'feature' };

  it('says what changed in one headline', () => {
    assert.equal(headline(big(10, 3)), '3 questions now escalate · 2 new conflicts · 8 new problems · 5 problems fixed');
  });

  it('stays under 65,000 characters for thousands of findings and questions, folding long lists', () => {
    for (const [findings, questions] of [
      [20, 15],
      [5000, 3000],
      [40000, 0],
    ]) {
      const md = formatDiffMarkdown(big(findings, questions), options);
      assert.ok(md.length < 65_000, `${findings}/${questions}: ${md.length}`);
      assert.ok(md.startsWith(COMMENT_MARKER));
      assert.match(md, /<details><summary>/);
      assert.match(md, questions ? /\| Question \| Before \| After \| Why \|/ : /### New findings/);
    }
    const small = formatDiffMarkdown(big(20, 15), options);
    // The first ten are visible, the rest folded.
    assert.match(small, /<details><summary>5 more questions<\/summary>/);
    assert.match(small, /<details><summary>10 more new findings<\/summary>/);
    assert.match(small, /\[section-1\/article-1\.md:2\]\(section-1\/article-1\.md#L2\)/);
  });

  it('escapes what the docs hold: no table broken by a pipe, no HTML let through', () => {
    const diff = big(1, 1);
    diff.questions.changed[0].question = 'can I pay | split <script>alert(1)</script>';
    const md = formatDiffMarkdown(diff, options);
    assert.doesNotMatch(md, /<script>/);
    assert.match(md, /can I pay \\\| split \\<script\\>/);
  });
});
