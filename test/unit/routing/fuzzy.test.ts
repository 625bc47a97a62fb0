import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FuzzyVocabulary } from '../../../src/core/routing/fuzzy';
import { SearchIndex } from '../../../src/core/routing/searchIndex';
import { routeQuestion } from '../../../src/core/routing/simulator';
import { buildKnowledgeBase } from '../../../src/core/knowledgeBase';
import { parseMarkdown } from '../../../src/core/parse/markdown';

describe('fuzzy reading of unknown words (fuse.js)', () => {
  const vocabulary = new FuzzyVocabulary(['warranty', 'mattress', 'orthopaedic', 'delivery', 'refund', 'cod', 'x2']);

  it('reads a wrong first letter, a dropped letter and a cut-off word', () => {
    assert.deepEqual(vocabulary.readings('arranty').map((r) => r.word), ['warranty']);
    assert.deepEqual(vocabulary.readings('matress').map((r) => r.word), ['mattress']);
    assert.deepEqual(vocabulary.readings('orthopae').map((r) => r.word), ['orthopaedic']);
  });

  it('reads nothing into unrelated or very short words', () => {
    assert.deepEqual(vocabulary.readings('pizza'), []);
    assert.deepEqual(vocabulary.readings('trainer'), []);
    assert.deepEqual(vocabulary.readings('arr'), [], 'too short to read by spelling alone');
  });

  it('weighs a reading below the word itself, a cut-off word lower still', () => {
    const [typo] = vocabulary.readings('arranty');
    const [cut] = vocabulary.readings('orthopae');
    assert.ok(typo.similarity > 0 && typo.similarity <= 0.5, `${typo.similarity}`);
    assert.ok(cut.similarity > 0 && cut.similarity < typo.similarity, `${cut.similarity} < ${typo.similarity}`);
  });

  it('lets a misspelt question reach its article, and can be turned off', () => {
    const articles = [
      parseMarkdown('warranty.md', '# Warranty\n\n## How do I claim on the warranty?\n\nFill in the claim form with your order number.\n'),
      parseMarkdown('delivery.md', '# Delivery\n\n## When will my order arrive?\n\nOrders arrive within five working days.\n'),
      parseMarkdown('payments.md', '# Payments\n\n## Can I pay by card?\n\nWe accept every major card.\n'),
    ];
    const kb = buildKnowledgeBase('/kb', articles, []);
    const fuzzy = SearchIndex.build(kb);
    const plain = SearchIndex.build(kb, { fuzzy: false });
    const q = 'arranty';
    assert.equal(routeQuestion(fuzzy, q, { escalate: [] }).answer?.file, 'warranty.md');
    assert.deepEqual(fuzzy.search(q).query.corrections, [{ word: 'arranty', readAs: ['warranty'] }]);
    assert.equal(routeQuestion(plain, q, { escalate: [] }).answer, null);
    assert.deepEqual(plain.search(q).query.unknown, ['arranty']);
  });
});
