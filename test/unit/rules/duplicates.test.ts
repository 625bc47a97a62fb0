// Near-duplicates, duplicate questions and boilerplate: what makes two alike sections one answer written twice,
// variants of one answer, or sibling entries of a reference.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runAudit } from '../../../src/core/audit';
import { DEFAULT_CONFIG, loadConfig } from '../../../src/core/config/config';
import { toPosix } from '../../../src/core/fileSystem';
import { buildKnowledgeBase } from '../../../src/core/knowledgeBase';
import { nodeFileSystem } from '../../../src/core/nodeFileSystem';
import { parseArticle } from '../../../src/core/parse/markdown';
import { corpusOf } from '../../../src/core/similarity/corpus';
import { duplicateAnalysis, groupMembers } from '../../../src/core/similarity/duplicates';
import { pathVariantOf, variantOf } from '../../../src/core/similarity/variants';
import { memoryFileSystem } from '../../helpers/memoryFileSystem';

const fixtures = toPosix(join(__dirname, '..', '..', 'fixtures', 'rules'));
const NOW = new Date('2026-11-23T12:00:00Z');

describe('variants of one answer', () => {
  it('tells platform, method and version variants from different topics', () => {
    assert.deepEqual(variantOf('Install on Windows', 'Install on macOS', false), { words: ['Windows', 'macOS'], platform: true });
    assert.equal(variantOf('POST a coupon', 'PUT a coupon', false)?.platform, true);
    assert.equal(variantOf('Post a review', 'Put a review', false), null, 'HTTP methods count only written in capitals');
    assert.equal(variantOf('Chrome (tested with 120)', 'Firefox (tested with 121)', false)?.platform, true);
    assert.equal(variantOf('Refund a gift card', 'Refund an order', false), null);
    assert.deepEqual(pathVariantOf('copier/copier-20.3-and-earlier.md', 'copier/copier-20.4.md')?.version, true);
    assert.equal(pathVariantOf('delivery/delivery-times.md', 'delivery/shipping-times.md'), null, 'a topic word is not a platform');
  });

  it('reads one word or number apart as variants only among parallel sections of a page', () => {
    assert.deepEqual(variantOf('Increase the limit', 'Decrease the limit', true)?.words, ['Increase', 'Decrease']);
    assert.equal(variantOf('Increase the limit', 'Decrease the limit', false), null);
    assert.deepEqual(variantOf('Level 1 - hide names', 'Level 2 - hide names and tills', true)?.words, ['1', '2']);
    assert.equal(variantOf('Return an order', 'Returning orders', true), null, 'the same words inflected are the same topic');
  });
});

describe('exact copies', () => {
  it('group the sections of one text in KB order, the first standing for them, and leave short ones out', () => {
    const answer = 'Send the parcel back within thirty days and keep the receipt until the refund reaches your card.';
    const other = 'Couriers collect parcels from the warehouse every weekday morning before ten and deliver them the next day.';
    const article = (file: string, body: string) => parseArticle(file, new TextEncoder().encode(body));
    const kb = buildKnowledgeBase('/kb', [
      article('a.md', `# Returns\n\n${answer}\n\n## Short\n\nToo short.\n\n## Again\n\n${answer}\n`),
      article('b.md', `# Couriers\n\n${other}\n\n## Returns\n\n${answer}\n`),
    ], []);
    const analysis = duplicateAnalysis(kb, 12);
    // Sections: a.md Returns, Short, Again; b.md Couriers, Returns.
    assert.deepEqual([...analysis.groupOf], [0, -1, 0, 1, 0]);
    assert.equal(analysis.groupCount, 2);
    assert.deepEqual([...groupMembers(analysis, 0)], [0, 2, 4]);
    assert.deepEqual([...groupMembers(analysis, 1)], [3]);
    assert.deepEqual(analysis.pairs, [], 'the two texts are not alike');
  });
});

describe('term statistics', () => {
  it("give a section's index whatever index the caller expected, and -1 for a section of another knowledge base", () => {
    const article = (file: string, body: string) => parseArticle(file, new TextEncoder().encode(body));
    const kb = buildKnowledgeBase('/kb', [article('b.md', '# Refunds\n\nMoney back.\n\n## Late\n\nIt is late.\n'), article('a.md', '# Orders\n\nPlace one.\n')], []);
    const corpus = corpusOf(kb);
    assert.equal(corpus.sections.length, 3);
    kb.sections.forEach((section, i) => {
      assert.equal(corpus.indexOf(section, i), i);
      for (const wrong of [-1, (i + 1) % 3, 7]) assert.equal(corpus.indexOf(section, wrong), i, `hint ${wrong}`);
      assert.equal(corpus.indexOf(section), i);
    });
    const other = article('c.md', '# Orders\n\nPlace one.\n').sections[0];
    assert.equal(corpus.indexOf(other, 0), -1);
  });

  it("keep each section's terms whole and in order, however many the sections before it have", () => {
    // Made-up words ("kelaro", "kelbro", …), none a stop word or the stem of another.
    const word = (n: number) => `kel${[...n.toString(26)].map((d) => String.fromCharCode(97 + parseInt(d, 26))).join('')}ro`;
    // Enough terms to fill the vectors' storage more than once, one section longer than any piece of it.
    const sizes = [30_000, 30_000, 70_000, 12, 40_000, 5];
    const firsts = sizes.map((_, k) => sizes.slice(0, k).reduce((a, b) => a + b, 0));
    const bodies = sizes.map((size, k) => {
      const own = Array.from({ length: size }, (_, w) => word(firsts[k] + w));
      // Each section also has the first section's first three words, and says its own first word twice.
      return [...own, word(0), word(1), word(2), own[0]].join(' ');
    });
    const text = bodies.map((body, k) => `## Part ${k}\n\n${body}\n`).join('\n');
    const kb = buildKnowledgeBase('/kb', [parseArticle('big.md', new TextEncoder().encode(`# Big\n\n${text}`))], []);
    const corpus = corpusOf(kb);
    const parts = kb.sections.filter((s) => s.heading.startsWith('Part ')).map((s) => corpus.indexOf(s));
    assert.equal(parts.length, sizes.length);
    parts.forEach((i, k) => {
      const section = corpus.sections[i];
      const expected = corpus.termSetOf(section.blocks.map((b) => b.text).join('\n'));
      assert.equal(expected.length, k === 0 ? sizes[k] : sizes[k] + 3);
      assert.deepEqual([...corpus.terms(i)], [...expected], section.heading);
      const vector = corpus.vector(i);
      assert.equal(vector.weights.length, expected.length);
      assert.ok(Math.abs(corpus.cosine(i, i) - 1) < 1e-6, `${section.heading}: cosine with itself ${corpus.cosine(i, i)}`);
      assert.ok(corpus.hasTerm(i, corpus.wordId(word(firsts[k] + sizes[k] - 1))));
      assert.ok(!corpus.hasTerm(i, corpus.wordId(word(firsts[k] + sizes[k] + 1))));
      // Its first word, said twice, weighs more than its second, said once and as rare.
      if (k > 0) {
        const ids = [...vector.ids];
        const twice = ids.indexOf(corpus.wordId(word(firsts[k])));
        const once = ids.indexOf(corpus.wordId(word(firsts[k] + 1)));
        assert.ok(vector.weights[twice] > vector.weights[once], section.heading);
      }
    });
    // Sections sharing three words of thousands are a little alike, never the same.
    assert.ok(corpus.cosine(parts[1], parts[2]) > 0 && corpus.cosine(parts[1], parts[2]) < 0.1);
  });
});

describe('near-duplicate', () => {
  it('with "variants" on, reports platform variants once, at info, naming the platforms; a real copy stays a warning', async () => {
    const config = await loadConfig(nodeFileSystem, `${fixtures}/near-duplicate-platform-variants/kb-audit.json`);
    const { findings } = await runAudit(nodeFileSystem, `${fixtures}/near-duplicate-platform-variants`, config, { now: NOW });
    const found = findings.filter((f) => f.ruleId === 'near-duplicate');
    const articles = found.find((f) => f.file === 'install/linux.md')!;
    assert.equal(articles.severity, 'info');
    assert.match(articles.message, /are platform variants of one answer \(Linux, macOS, Windows\).*keep the shared steps in one place/);
    const sections = found.find((f) => f.file === 'printing.md')!;
    assert.equal(sections.severity, 'info');
    assert.match(sections.message, /"Print labels on Windows" and "Print labels on macOS" .* platform variants of one answer \(Windows, macOS\)/);
    assert.deepEqual(
      found.filter((f) => f.severity === 'warning').map((f) => f.file),
      ['install/windows.md', 'troubleshooting.md'],
    );
  });

  it('by default, reports no variants, and still reports the real copies among them', async () => {
    const { findings } = await runAudit(nodeFileSystem, `${fixtures}/near-duplicate-platform-variants`, DEFAULT_CONFIG, { now: NOW });
    const found = findings.filter((f) => f.ruleId === 'near-duplicate');
    assert.deepEqual(found.map((f) => [f.file, f.severity]), [['install/windows.md', 'warning'], ['troubleshooting.md', 'warning']]);
  });

  const article = (title: string, sections: Array<[string, string]>) =>
    `---\ntitle: ${title}\n---\n\n# ${title}\n\n${sections.map(([h, body]) => `## ${h}\n\n${body}\n`).join('\n')}`;
  const symptoms = 'The card reader shows a red light and the till says the payment was declined although the customer has money on the card.';
  const cause = 'The reader lost its pairing with the till after a software update and now sends every payment to the test bank.';
  const resolution = 'Hold the reader button for ten seconds until the light turns blue, then pair it again from the till settings under Payments.';

  it('does not report template sections alone, but still finds articles that copy each other through them', async () => {
    const fs = memoryFileSystem({
      '/kb/reader-declined.md': article('Card payments declined', [
        ['Symptoms', symptoms],
        ['Cause', cause],
        ['Resolution', resolution],
      ]),
      '/kb/reader-red-light.md': article('Card reader shows a red light', [
        ['Symptoms', symptoms.replace('money on the card', 'enough money on the card')],
        ['Cause', cause],
        ['Resolution', resolution],
      ]),
      '/kb/printer.md': article('Receipt printer is slow', [
        ['Symptoms', 'Receipts take half a minute to print and come out in stripes with gaps between the lines of text.'],
        ['Cause', 'The paper roll is loaded the wrong way round, so the printer heats the back of it and has to slow down.'],
        ['Resolution', resolution],
      ]),
    });
    const { findings } = await runAudit(fs, '/kb', DEFAULT_CONFIG, { now: NOW });
    const found = findings.filter((f) => f.ruleId === 'near-duplicate');
    assert.deepEqual(
      found.map((f) => `${f.file}:${f.line} ${f.data?.scope}`),
      ['reader-declined.md:5 article', 'reader-red-light.md:5 article'],
      found.map((f) => f.message).join('\n'),
    );
  });

  it('does not compare navigation sections or a section with its own parent', async () => {
    const links = '- [Card payments](payments.md): taking cards, refunds to cards and the reader lights\n- [Receipts](receipts.md): printing, emailing and reprinting receipts for customers';
    const summary = 'Gift cards are sold at every till in any amount from five to two hundred pounds and never expire once bought.';
    const fs = memoryFileSystem({
      '/kb/a.md': `# Gift cards\n\n## Selling gift cards\n\n${summary}\n\n### Amounts\n\n${summary} Ask the customer for the amount first.\n\n## See also\n\n${links}\n`,
      '/kb/b.md': `# Vouchers\n\n## Paper vouchers\n\nPaper vouchers are printed by head office for events and cannot be sold at the till or topped up.\n\n## See also\n\n${links}\n`,
    });
    const { findings } = await runAudit(fs, '/kb', DEFAULT_CONFIG, { now: NOW });
    assert.deepEqual(findings.filter((f) => f.ruleId === 'near-duplicate').map((f) => `${f.file}:${f.line} ${f.message}`), []);
  });
});

describe('duplicate-question', () => {
  const faq = (title: string, questions: Array<[string, string]>) =>
    `---\ntitle: ${title}\n---\n\n# ${title}\n\n${questions.map(([q, answer]) => `## ${q}\n\n${answer}\n`).join('\n')}`;

  it('compares two questions once when they share both of their rarest words', async () => {
    const fs = memoryFileSystem({
      '/kb/lamps.md': faq('Lamps', [['How long does a lamp repair take?', 'Send the lamp to the workshop in its box; the courier collects it from your door on a weekday.']]),
      '/kb/workshop.md': faq('Workshop', [['How long does a lamp repair take?', 'Our engineers look at every shade and cable, then call you with a quote before they start.']]),
    });
    const { findings } = await runAudit(fs, '/kb', DEFAULT_CONFIG, { now: NOW });
    const found = findings.filter((f) => f.ruleId === 'duplicate-question');
    assert.deepEqual(
      found.map((f) => [f.file, f.message.includes('more)'), f.related?.length]),
      [
        ['lamps.md', false, 1],
        ['workshop.md', false, 1],
      ],
      found.map((f) => f.message).join('\n'),
    );
  });

  it('still compares two questions whose other shared word is too common to compare by', async () => {
    // Two hundred and more questions share "refund": that word's bucket is passed over, and the
    // pair is compared under the word only the two of them have.
    const items = Array.from({ length: 210 }, (_, k): [string, string] => [`Can I refund item${k}?`, 'Yes, from the orders page.']);
    const fs = memoryFileSystem({
      '/kb/a-items.md': faq('Items', items),
      '/kb/b-lamps.md': faq('Lamps', [['Can I refund lampshades?', 'Return the shade unused within a month and the money goes back to the card you paid with.']]),
      '/kb/c-shades.md': faq('Shades', [['Can I refund lampshades?', 'A shade bought in a sale is refunded as store credit, which you can spend on anything in the shop.']]),
    });
    const { findings } = await runAudit(fs, '/kb', DEFAULT_CONFIG, { now: NOW });
    assert.deepEqual(
      findings.filter((f) => f.ruleId === 'duplicate-question').map((f) => f.file),
      ['b-lamps.md', 'c-shades.md'],
    );
  });
});

describe('boilerplate', () => {
  const footer = 'Our support team answers messages every weekday from nine in the morning until six in the evening.';
  const disclaimer = 'Prices shown on this page include value added tax and may change without notice before you order.';

  it('counts the articles a paragraph is in, not how often it is written', async () => {
    const page = (title: string, paragraphs: string[]) => `# ${title}\n\n${paragraphs.map((p, k) => `## Part ${k + 1}\n\n${p}\n`).join('\n')}`;
    const fs = memoryFileSystem({
      '/kb/a.md': page('Alpha', [footer, disclaimer]),
      '/kb/b.md': page('Bravo', [disclaimer, footer, disclaimer, disclaimer, disclaimer]),
      '/kb/c.md': page('Charlie', [footer]),
    });
    const { findings } = await runAudit(fs, '/kb', DEFAULT_CONFIG, { now: NOW });
    assert.deepEqual(
      findings.filter((f) => f.ruleId === 'boilerplate').map((f) => [f.file, f.line, f.data?.articles]),
      [['a.md', 5, 3]],
    );
  });
});
