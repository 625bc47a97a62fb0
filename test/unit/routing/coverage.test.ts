import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildKnowledgeBase } from '../../../src/core/knowledgeBase';
import { parseMarkdown } from '../../../src/core/parse/markdown';
import { SearchIndex } from '../../../src/core/routing/searchIndex';
import { routeQuestion } from '../../../src/core/routing/simulator';

// A help centre where one question word sits alone in a short heading of the wrong article, and
// the right article holds every word of the question, each in another section.
const FILES: Record<string, string> = {
  'roaming/europe.md': '# Roaming in Europe\n\nUse your phone abroad as you do at home.\n\n## Is there a limit?\n\nYou can use up to 40GB of data a month in the zone.\n',
  'billing/spend-cap.md':
    '# Set a spend cap\n\nA spend cap stops extras once they cost the amount you choose.\n\n' +
    '## Why was my bill higher than usual?\n\nCalls to premium numbers, roaming outside the zone and extra data are charged on top of your plan price.\n\n' +
    '## How does the cap work?\n\nPick an amount from 5 to 100 pounds in the app. When your extras reach that limit, we stop them until the next month starts, and text you first at 80 percent.\n',
  'sim/replace.md': '# Replace your SIM\n\nOrder a new SIM in the app; it arrives in two days.\n',
};

function build(coverageShare?: number): SearchIndex {
  const kb = buildKnowledgeBase('/kb', Object.entries(FILES).map(([file, text]) => parseMarkdown(file, text)), []);
  return SearchIndex.build(kb, coverageShare === undefined ? {} : { coverageShare });
}

const ranked = (index: SearchIndex, question: string) => index.search(question).matches.map((m) => m.file);

describe('articles are ranked by how much of the question they hold', () => {
  it('puts the article holding every word of the question above one short heading that shares a word', () => {
    assert.deepEqual(ranked(build(), 'bill limit').slice(0, 2), ['billing/spend-cap.md', 'roaming/europe.md']);
    const routed = routeQuestion(build(), 'bill limit');
    assert.equal(routed.answer?.file, 'billing/spend-cap.md');
    // The reason says why the article whose records match more closely comes second.
    assert.match(routed.reason, /ranked above "Is there a limit\?" \(roaming\/europe\.md\), whose records match more closely, because it holds more of the question \(100% against \d+%\)/);
    assert.doesNotMatch(routeQuestion(build(), 'limit').reason, /ranked above/, 'nothing to explain when the best match also matches most closely');
    // The records alone put the heading first: the share of the question held is what turns it.
    assert.equal(ranked(build(0), 'bill limit')[0], 'roaming/europe.md');
  });

  it('leaves the order to the records when both articles hold the question', () => {
    assert.equal(ranked(build(), 'limit')[0], 'roaming/europe.md');
  });

  it('changes the order only: each article keeps its records’ score, so the confidence keeps its meaning', () => {
    const scores = (index: SearchIndex) => new Map(index.search('bill limit').matches.map((m) => [m.file, m.score]));
    assert.deepEqual(scores(build()), scores(build(0)));
  });
});
