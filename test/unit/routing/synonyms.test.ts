import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, parseConfig } from '../../../src/core/config/config';
import { applySynonyms, routeQuestion, routingPolicy } from '../../../src/core/routing/simulator';
import { shopIndex } from './helpers';

const CONFIG = `// customers' words for the articles' words
{
  "routing": {
    "synonyms": {
      "gift": ["present", "for a friend"],
      "refund": ["money back", "reimburse"],
      "gift wrap": ["present wrapping"],
    },
  },
}`;

describe('synonyms in kb-audit.json', () => {
  it('rewrites the customer\'s words into the articles\' words: phrases, plurals, longest first', () => {
    const { synonyms } = routingPolicy(parseConfig(CONFIG, '/kb/kb-audit.json').routing);
    assert.equal(applySynonyms('Can I get my Money Back?', synonyms), 'can i get my refund');
    assert.equal(applySynonyms('they reimbursed me twice', synonyms), 'they refund me twice', 'inflections fold');
    assert.equal(applySynonyms('presents for a friend', synonyms), 'gift gift');
    assert.equal(applySynonyms('present wrapping please', synonyms), 'gift wrap please', 'the longer phrase wins');
    assert.equal(applySynonyms('money and back', synonyms), 'money and back', 'a phrase matches only in order');
  });

  it('routes end to end from the config file: a question only a synonym connects is answered', async () => {
    const index = await shopIndex();
    const routing = parseConfig(CONFIG, '/kb/kb-audit.json').routing;
    const q = 'I need my money back, how many days';
    const without = routeQuestion(index, q, {});
    const withSynonyms = routeQuestion(index, q, routing);
    assert.equal(withSynonyms.answer?.file, 'returns/refunds.md');
    assert.equal(withSynonyms.decision, 'answer');
    assert.ok(withSynonyms.confidence > without.confidence, `${withSynonyms.confidence} > ${without.confidence}`);
    assert.match(withSynonyms.reason, /"refund"/);
    assert.equal(withSynonyms.question, q, 'the result keeps the customer\'s own words');
  });

  it('rejects a malformed synonyms setting with its position', () => {
    for (const [text, detail] of [
      ['{ "routing": { "synonyms": { "gift": "present" } } }', /\/routing\/synonyms\/gift must be array/],
      ['{ "routing": { "synonyms": { "gift": [""] } } }', /\/routing\/synonyms\/gift\/0 must NOT have fewer than 1 characters/],
      ['{ "routing": { "synonyms": ["gift"] } }', /\/routing\/synonyms must be object/],
    ] as const) {
      assert.throws(
        () => parseConfig(text, '/kb/kb-audit.json'),
        (error: unknown) => error instanceof ConfigError && error.line === 1 && error.column > 1 && detail.test(error.detail),
        text,
      );
    }
  });
});
