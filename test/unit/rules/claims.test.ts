// What the knowledge base claims: the text the fact, date and placeholder rules read (inline
// code, examples and sample addresses left out), and the tests that keep two statements from
// being called a conflict when they are about different things.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { runAudit } from '../../../src/core/audit';
import { DEFAULT_CONFIG } from '../../../src/core/config/config';
import type { Block } from '../../../src/core/model';
import { claimText, literalNumbers, maskRawLine } from '../../../src/core/rules/util/blocks';
import { collectStatements, DEFAULT_CONFLICT_KINDS, DEFAULT_QUALIFIERS, headingNames, identifiersIn, nameHeading, rarestTerms, statementAt, StatementLists } from '../../../src/core/rules/util/conflicts';
import { extractFacts, isPlaceholderAddress } from '../../../src/core/rules/util/facts';
import { buildKnowledgeBase } from '../../../src/core/knowledgeBase';
import { parseArticle } from '../../../src/core/parse/markdown';
import { corpusOf } from '../../../src/core/similarity/corpus';
import { memoryFileSystem } from '../../helpers/memoryFileSystem';

const NOW = new Date('2026-11-23T12:00:00Z');

function paragraph(text: string, extra: Partial<Block> = {}): Block {
  return { kind: 'paragraph', text, line: 1, endLine: 1 + (text.match(/\n/g)?.length ?? 0), ...extra };
}

/** The words of the claim text, blanks collapsed. */
function claims(block: Block): string {
  return claimText(block).replace(/\s+/g, ' ').trim();
}

describe('claim text', () => {
  it('keeps offsets and line breaks while blanking inline code', () => {
    const block = paragraph('Run sync --every 10 now.\nDone.', { literals: [4, 19] });
    const text = claimText(block);
    assert.equal(text.length, block.text.length);
    assert.equal(text.indexOf('\n'), block.text.indexOf('\n'));
    assert.equal(claims(block), 'Run now. Done.');
  });

  it('blanks a whole example block', () => {
    assert.equal(claims(paragraph('Delivery takes 3 days.', { example: true })), '');
  });

  it('blanks from a sentence opening an example to the end of the block', () => {
    const block = paragraph('Refunds take 5 days. For example, a card refund might show after 3 days.\nIn this case the bank took 3 days.');
    assert.equal(claims(block), 'Refunds take 5 days.');
  });

  it('blanks an example inside a sentence, up to its end or its bracket', () => {
    assert.equal(claims(paragraph('Pick a slot, e.g. 10 minutes, and save. Slots last 30 minutes.')), 'Pick a slot, Slots last 30 minutes.');
    assert.equal(claims(paragraph('Pick a slot (e.g. 10 minutes) and save.')), 'Pick a slot ( ) and save.');
  });

  it('blanks values named after "such as" but not the claim around a named thing', () => {
    assert.equal(claims(paragraph('Set a delay such as 5 minutes, then save.')), 'Set a delay , then save.');
    assert.equal(claims(paragraph('Wallets such as PayPal refund within 5 days.')), 'Wallets such as PayPal refund within 5 days.');
  });

  it('masks inline code, tags and images in a raw line, keeping offsets', () => {
    const line = 'Run `a` then ``b ` c`` and ![shot](x.png) <b>now</b> <https://shop.example>';
    const masked = maskRawLine(line);
    assert.equal(masked.length, line.length);
    assert.equal(masked.replace(/\s+/g, ' ').trim(), 'Run then and now <https://shop.example>');
  });

  it('stays linear on hostile text', () => {
    const cases: Array<() => unknown> = [
      () => maskRawLine('`'.repeat(50_000)),
      () => maskRawLine('`a``'.repeat(20_000)),
      () => maskRawLine('!['.repeat(50_000)),
      () => maskRawLine('<a'.repeat(50_000)),
      () => claimText(paragraph('a, e.g. b'.repeat(30_000))),
      () => claimText(paragraph('such as 1'.repeat(30_000))),
      () => claimText(paragraph('(e.g. x '.repeat(30_000))),
    ];
    for (const run of cases) {
      const started = performance.now();
      run();
      assert.ok(performance.now() - started < 1000, String(run));
    }
  });

  it('collects the numbers inline code holds', () => {
    const block = paragraph('rated:7:1 cards answered in the last 7 days', { literals: [0, 9] });
    assert.deepEqual([...literalNumbers(block)].sort(), ['1', '7']);
  });
});

describe('sample addresses', () => {
  it('knows placeholder hosts, private addresses and video players', () => {
    for (const address of [
      'http://localhost:8096',
      'https://example.com/path',
      'https://docs.example.org',
      'http://192.168.1.20/admin',
      'http://10.0.0.5',
      'http://SERVER_IP:8080',
      'http://your_local_IP_address:8096',
      'https://notes.yourdomain.com',
      'https://my-server.lan/app',
      'https://domain.tld',
      'https://{host}/api',
      'https://www.youtube.com/embed/abc',
      'https://player.vimeo.com/video/1',
    ]) {
      assert.ok(isPlaceholderAddress(address), address);
    }
    for (const address of ['https://shop.example/returns', 'https://help.larkspur.example', 'https://github.com/acme/app', 'mailto://help@shop.example']) {
      assert.ok(!isPlaceholderAddress(address), address);
    }
  });

  it('takes no web address or email fact at a sample host', () => {
    const kinds = (text: string) => extractFacts(text).map((f) => f.kind);
    assert.deepEqual(kinds('Open http://localhost:8080 or write to admin@example.com.'), []);
    assert.deepEqual(kinds('Open https://app.pebble.example or write to help@pebble.example.'), ['url', 'email']);
  });
});

describe('what a heading names', () => {
  const rare = () => 1;
  it('finds identifiers, however the heading is written', () => {
    assert.deepEqual(identifiersIn('REPORT_KEEP_DAYS'), ['report_keep_days']);
    assert.deepEqual(identifiersIn('usage[users][active_month]'), ['usage[users][active_month]']);
    assert.deepEqual(identifiersIn('Can I pay with e.g. a card?'), []);
  });

  it('reads capitals as names only in sentence-case headings', () => {
    assert.deepEqual(headingNames('Returns for Larkspur Plus members', rare, 3), ['larkspur', 'plus']);
    assert.deepEqual(headingNames('How Long Do Refunds Take?', rare, 3), []);
  });

  it('reads a short heading of capitalised words as a name, never a question', () => {
    assert.deepEqual(nameHeading('Larkspur Tasks', rare, 3), ['larkspur', 'tasks']);
    assert.deepEqual(nameHeading('How Do I Download It?', rare, 3), []);
  });
});

describe('claims across articles', () => {
  const article = (title: string, body: string) => `---\ntitle: ${title}\nowner: help@shop.example\nlast_reviewed: 2026-10-01\n---\n\n# ${title}\n\n${body}`;

  it('never pairs sibling sections of one article, nor a rule with its exception', async () => {
    const fs = memoryFileSystem({
      '/kb/limits.md': article(
        'Limits',
        'How many requests the service takes.\n\n## Per key\n\nEvery endpoint can be called 300 times within 5 minutes with one key.\n\n### Exports\n\nThe export endpoint can be called 300 times within 30 minutes with one key.\n\n## Per address\n\nEvery endpoint can be called 300 times within 15 minutes from one address.\n',
      ),
    });
    const { findings } = await runAudit(fs, '/kb', DEFAULT_CONFIG, { now: NOW });
    assert.deepEqual(findings.filter((f) => f.ruleId === 'conflicting-answer').map((f) => `${f.file}:${f.line}`), []);
  });

  it('reads a link target as a fact labelled by its words, and a generic label as none', async () => {
    const fs = memoryFileSystem({
      '/kb/a.md': article('Contact', 'How to reach us.\n\n## How do I reach support?\n\nEmail support: [write to us](mailto:help@shop.example) any weekday.\n\nFor more, see [this page](https://help.shop.example/a).\n'),
      '/kb/b.md': article('Support', 'How to reach us.\n\n## How do I reach support?\n\nEmail support: [write to us](mailto:care@shop.example) any weekday.\n\nFor more, see [this page](https://help.shop.example/b).\n'),
    });
    const { findings } = await runAudit(fs, '/kb', DEFAULT_CONFIG, { now: NOW });
    const conflicts = findings.filter((f) => f.ruleId === 'conflicting-answer');
    assert.deepEqual(conflicts.map((f) => `${f.file}:${f.line} ${f.data?.kind}`), ['a.md:13 email', 'b.md:13 email']);
  });

  it('takes a bound and the bare value as one promise, and other values as a conflict', async () => {
    const answer = (value: string) => article('Refunds', `When your money comes back.\n\n## How long does a refund take?\n\nA refund reaches your card ${value} business days after we receive the parcel.\n`);
    const fs = memoryFileSystem({ '/kb/a.md': answer('within 5'), '/kb/b.md': answer('in 5'), '/kb/c.md': answer('in 9') });
    const { findings } = await runAudit(fs, '/kb', DEFAULT_CONFIG, { now: NOW });
    const conflicts = findings.filter((f) => f.ruleId === 'conflicting-answer');
    // "within 5" and "in 5" agree; "in 9" contradicts both.
    assert.deepEqual(conflicts.map((f) => `${f.file} ${f.related?.map((r) => r.file).join(',')}`), ['a.md c.md', 'b.md c.md', 'c.md a.md,b.md']);
  });

  it('takes a setting a heading names as mentioned by the other section in any case, as lower-casing both would', async () => {
    const conflictsWith = async (mention: string) => {
      const fs = memoryFileSystem({
        '/kb/a.md': article('Reports', 'What we keep.\n\n## How long does reports.keep_days keep reports?\n\nThe reports.keep_days setting keeps your reports for 30 days after the export.\n'),
        '/kb/b.md': article('Retention', `What we keep.\n\n## How long are reports kept?\n\nThe ${mention} setting keeps your reports for 90 days after the export.\n`),
      });
      const { findings } = await runAudit(fs, '/kb', DEFAULT_CONFIG, { now: NOW });
      return findings.filter((f) => f.ruleId === 'conflicting-answer').map((f) => f.file);
    };
    assert.deepEqual(await conflictsWith('Reports.Keep_Days'), ['a.md', 'b.md']);
    // The Kelvin sign lower-cases to "k".
    assert.deepEqual(await conflictsWith('REPORTS.\u212aEEP_DAYS'), ['a.md', 'b.md']);
    // A section that never names the setting is about something else; a dot is a dot.
    assert.deepEqual(await conflictsWith('report'), []);
    assert.deepEqual(await conflictsWith('reports keep_days'), []);
  });
});

describe('expired promises', () => {
  const article = (body: string) => `---\ntitle: Offers\nowner: help@shop.example\nlast_reviewed: 2026-10-01\n---\n\n# Offers\n\n${body}`;
  const expired = async (body: string) => {
    const { findings } = await runAudit(memoryFileSystem({ '/kb/a.md': article(body) }), '/kb', DEFAULT_CONFIG, { now: NOW });
    return findings.filter((f) => f.ruleId === 'expired-date').map((f) => f.data?.date);
  };

  it('reports a promise whose cue is right before the date', async () => {
    assert.deepEqual(await expired('Free gift wrap until 31 March 2025.\n\nThe coupon expires on 2 May 2026.\n'), ['2025-03-31', '2026-05-02']);
    assert.deepEqual(await expired('Our sale runs until the end of March 2025.\n'), ['2025-03-31']);
    assert.deepEqual(await expired('The deadline for Christmas orders is 18 December 2025.\n'), ['2025-12-18']);
  });

  it('leaves history, ranges and far-off cues alone', async () => {
    assert.deepEqual(await expired('The offer ran until 31 March 2025.\n'), []);
    assert.deepEqual(await expired('Figures cover the time between 2024-01-01 and 2024-12-31.\n'), []);
    assert.deepEqual(await expired('Until March 2021, orders shipped from one warehouse.\n'), []);
    assert.deepEqual(await expired('Our end of season report was published on 3 March 2025.\n'), []);
    assert.deepEqual(await expired('## Release notes\n\nReminders are sent until 1 February 2025 for old bookings.\n'), []);
  });
});

describe('rarest context terms', () => {
  it('are the first terms when sorted by section count, then id', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 63 }), { maxLength: 40 }), fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 64, maxLength: 64 }), fc.integer({ min: 1, max: 6 }), (ids, counts, k) => {
        const terms = Int32Array.from(ids).sort();
        const df = Int32Array.from(counts);
        const expected = [...terms].sort((x, y) => df[x] - df[y] || x - y).slice(0, k);
        assert.deepEqual(rarestTerms(terms, df, k), expected);
      }),
      { seed: 7, numRuns: 500 },
    );
  });
});

describe('statement word lists', () => {
  it('hold each statement its own list, in order, distinct or sorted as written', () => {
    // Enough statements and values for the shared arrays to grow several times.
    // Lists both shorter and longer than the sort by insertion takes.
    const lists = fc.array(fc.array(fc.integer({ min: -1, max: 40 }), { maxLength: 45 }), { maxLength: 120 });
    fc.assert(
      fc.property(lists, (written) => {
        const plain = new StatementLists();
        const distinct = new StatementLists();
        const ascending = new StatementLists();
        for (const values of written) {
          for (const v of values) {
            plain.push(v);
            distinct.pushDistinct(v);
            ascending.push(v);
          }
          ascending.distinctAscending();
          for (const list of [plain, distinct, ascending]) list.end();
        }
        const check = () =>
          written.forEach((values, s) => {
            assert.deepEqual([...plain.of(s)], values);
            assert.deepEqual([...distinct.of(s)], [...new Set(values)]);
            assert.deepEqual([...ascending.of(s)], [...new Set(values)].sort((x, y) => x - y));
            for (const probe of [-1, 0, 7, 40]) assert.equal(plain.some(s, (v) => v === probe), values.includes(probe));
          });
        check();
        // Done, the lists give back their spare room and read the same.
        for (const list of [plain, distinct, ascending]) list.done();
        check();
      }),
      { seed: 11, numRuns: 300 },
    );
  });
});

describe('statements', () => {
  it('give back each fact as the sentence states it, its class, value and text numbered once', () => {
    const sentences = [
      'Refunds reach your card within 5 business days.',
      'Express delivery costs £4.99 and takes 2 days.',
      'Write to help@shop.example or call 020 7946 0958 for a refund of 20%.',
      'Refunds reach your card in 5 business days.',
      'Gift cards expire on 1 March 2027, or within 5 business days of a refund.',
    ];
    const body = sentences.map((text, k) => `## Question ${k + 1}\n\n${text}\n`).join('\n');
    const kb = buildKnowledgeBase('/kb', [parseArticle('a.md', new TextEncoder().encode(`# Shop\n\nAnswers.\n\n${body}`))], []);
    const statements = collectStatements(kb, corpusOf(kb), { minSimilarity: 0.35, qualifiers: DEFAULT_QUALIFIERS, kinds: DEFAULT_CONFLICT_KINDS });
    assert.equal(statements.count, sentences.length);
    sentences.forEach((text, s) => {
      const statement = statementAt(statements, s);
      assert.equal(statement.line, 7 + 4 * s);
      assert.deepEqual(statement.facts, extractFacts(text));
    });
    // "5 business days" thrice (two of them "≤"), once each otherwise.
    const all = Array.from({ length: statements.count }, (_, s) => statementAt(statements, s).facts).flat();
    assert.equal(statements.values.length, new Set(all.map((f) => `${f.unitClass}\u0000${f.value}`)).size);
    assert.equal(statements.texts.length, new Set(all.map((f) => f.text)).size);
    assert.ok(statements.values.length < all.length);
  });
});

