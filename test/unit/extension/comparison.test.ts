// What the views mark after Compare with Branch: routing changes only (not a reworded answer),
// "before → after" naming the article (and the section when only the section moved), and the
// articles added, edited, renamed and removed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChangedQuestion, DiffResult, QuestionRoute } from '../../../src/core/diff';
import { comparisonOf, describeArticleMark, describeRoute, questionMark, reportLinkBase } from '../../../src/extension/comparison';

const route = (decision: QuestionRoute['decision'], file: string | null = null, heading: string | null = null, confidence = 0.5): QuestionRoute => ({ decision, file, heading, confidence });
const change = (question: string, kind: ChangedQuestion['kind'], before: QuestionRoute, after: QuestionRoute): ChangedQuestion => ({ question, kind, before, after, why: `why ${question}` });

function diffOf(changed: ChangedQuestion[], articles: Partial<DiffResult['articles']> = {}): DiffResult {
  const zero = { error: 0, warning: 0, info: 0, total: 0 };
  return {
    findings: { new: [], fixed: [] },
    questions: { file: 'questions.txt', changed },
    articles: { added: [], removed: [], renamed: [], changed: [], ...articles },
    thresholds: { before: 0.5, after: 0.5 },
    summary: {
      questions: { total: 3, before: { answered: 0, clarify: 0, escalated: 0 }, after: { answered: 0, clarify: 0, escalated: 0 }, changed: changed.length, nowEscalate: 0, nowAnswered: 0 },
      findings: { new: zero, fixed: zero },
      articles: { added: 0, removed: 0, renamed: 0, changed: 0 },
    },
  };
}

describe('comparison marks', () => {
  it('describes a route by decision and article, the section only when asked', () => {
    assert.equal(describeRoute(route('answer', 'returns.md', 'How long?')), 'answer returns.md');
    assert.equal(describeRoute(route('clarify', 'returns.md', 'How long?'), true), 'clarify returns.md › How long?');
    assert.equal(describeRoute(route('escalate', 'returns.md', 'How long?')), 'escalate');
  });

  it('marks a question that now escalates with before → after, and says why in the tooltip', () => {
    const mark = questionMark(change('how do I clean a rug', 'now-escalates', route('answer', 'rug-care.md', 'Cleaning', 0.81), route('escalate', null, null, 0.2)), 'main (abc1234567)');
    assert.ok(mark);
    assert.equal(mark.summary, 'answer rug-care.md → escalate');
    assert.equal(
      mark.tooltip,
      'Routed differently from main (abc1234567):\nbefore: answer rug-care.md › Cleaning (confidence 0.81)\nafter: escalate (confidence 0.20)\nwhy how do I clean a rug',
    );
  });

  it('names the sections when only the section moved', () => {
    const mark = questionMark(change('q', 'other-section', route('answer', 'a.md', 'One'), route('answer', 'a.md', 'Two')), 'main');
    assert.equal(mark?.summary, 'answer a.md › One → answer a.md › Two');
  });

  it('leaves out changes that do not move the question: reworded answers, confidence', () => {
    assert.equal(questionMark(change('q', 'answer-text', route('answer', 'a.md', 'One'), route('answer', 'a.md', 'One')), 'main'), null);
    assert.equal(questionMark(change('q', 'confidence', route('answer', 'a.md', 'One', 0.6), route('answer', 'a.md', 'One', 0.4)), 'main'), null);
  });

  it('collects question and article marks from a diff', () => {
    const diff = diffOf(
      [
        change('gift card', 'now-answered', route('escalate'), route('answer', 'gift-cards.md', 'Buying')),
        change('reworded', 'answer-text', route('answer', 'a.md', 'One'), route('answer', 'a.md', 'One')),
        change('other', 'other-article', route('answer', 'a.md', 'One'), route('clarify', 'b.md', 'Two')),
      ],
      { added: ['gift-cards.md'], changed: ['exchanges.md'], renamed: [{ from: 'lampshades.md', to: 'shade-sizes.md' }], removed: ['opening-hours.md'] },
    );
    const comparison = comparisonOf({ diff, baseName: 'main (abc)', headName: 'working tree', headline: 'h', markdown: 'm' }, 'main');
    assert.deepEqual([...comparison.questions.keys()], ['gift card', 'other']);
    assert.equal(comparison.questions.get('other')?.summary, 'answer a.md → clarify b.md');
    assert.deepEqual(Object.fromEntries(comparison.articles), {
      'gift-cards.md': { change: 'added' },
      'exchanges.md': { change: 'edited' },
      'shade-sizes.md': { change: 'renamed', from: 'lampshades.md' },
    });
    assert.deepEqual(comparison.removed, ['opening-hours.md']);
    assert.equal(describeArticleMark(comparison.articles.get('shade-sizes.md')!, 'main'), 'renamed since main (was lampshades.md)');
    assert.equal(describeArticleMark(comparison.articles.get('exchanges.md')!, 'main'), 'edited since main');
  });

  it('links the report to the docs by a relative path from where it is written, else by the docs folder\'s URI', () => {
    assert.equal(reportLinkBase('/home/me/.config/Code/ws/kb-audit', '/home/me/help center/docs', 'file:///home/me/help%20center/docs'), '../../../../help%20center/docs/');
    assert.equal(reportLinkBase('/srv/docs', '/srv/docs', 'file:///srv/docs'), '');
    assert.equal(reportLinkBase('C:/Users/me/AppData/kb', 'c:/work/docs', 'file:///c%3A/work/docs'), '../../../../work/docs/');
    assert.equal(reportLinkBase('C:/Users/me/AppData/kb', 'D:/docs', 'file:///d%3A/docs/'), 'file:///d%3A/docs/');
  });
});
