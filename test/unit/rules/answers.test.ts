// How sections answer (src/core/rules/util/answers.ts) and front matter read as the generators
// read it: the shapes that are complete or not answers at all, and their twins that stay reported.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Article, Section } from '../../../src/core/model';
import { parseFrontMatter } from '../../../src/core/parse/frontMatter';
import { parseMarkdown } from '../../../src/core/parse/markdown';
import {
  bareUrls,
  isLinkOnly,
  isNavigationSection,
  isReferenceEntry,
  isResourceList,
  isStepHeading,
  isWholeStatement,
} from '../../../src/core/rules/util/answers';
import { isParentSection } from '../../../src/core/rules/util/sections';

/** The article and its section under `heading`, parsed from `body` under that heading. */
function sectionOf(heading: string, body: string): { article: Article; section: Section } {
  const article = parseMarkdown('a.md', `# Page\n\nIntro text for the page.\n\n${heading}\n\n${body}\n`);
  const section = article.sections[article.sections.length - 1];
  return { article, section };
}

describe('reference entries', () => {
  for (const heading of ['### `PRINTER_HOST`', '### receipt_footer', '### --offline', '### /orders/pending', '### print()', '### till.conf', '### meta[size]']) {
    it(`${heading} names something in code`, () => {
      const { article, section } = sectionOf(heading, 'Defaults to `localhost`.');
      assert.ok(isReferenceEntry(article, section));
    });
  }

  for (const heading of ['### PayPal', '### Refunds', '### Shipping to the U.S.', '### Level 2 - everything', '### How do I set `PRINTER_HOST`?']) {
    it(`${heading} is not a reference entry`, () => {
      const { article, section } = sectionOf(heading, 'Not yet.');
      assert.equal(isReferenceEntry(article, section), false);
    });
  }

  it('reads a term-and-definition body as a reference entry', () => {
    const { article, section } = sectionOf('### Path parameters', 'order_id\n: Required. The order number.');
    assert.ok(isReferenceEntry(article, section));
  });
});

describe('step headings', () => {
  for (const heading of ['Step 4 – Click OK', '3. Restart the till', '409: Conflict', '2) Plug it in']) {
    it(`"${heading}" is the step itself`, () => assert.ok(isStepHeading(heading)));
  }
  for (const heading of ['30-day returns', '2 ways to pay', '1. Can I pay by card?', 'Delivery']) {
    it(`"${heading}" is not`, () => assert.equal(isStepHeading(heading), false));
  }
});

describe('whole statements', () => {
  for (const body of ['The reader takes Visa, Mastercard and American Express cards.', 'Set `TILL_MODE` to `offline` before the update.', 'Antivirus programs may sometimes report a false positive.']) {
    it(`"${body}" stands on its own`, () => assert.ok(isWholeStatement(sectionOf('## Cards', body).section)));
  }
  for (const body of ['Yes, we do.', 'No, sorry.', 'See below.', 'Similar to the one above.', 'Not enough information here yet.', 'Roughly two days.', 'Why would you? It works.']) {
    it(`"${body}" leans on something else`, () => assert.equal(isWholeStatement(sectionOf('## Cards', body).section), false));
  }
  it('a statement that only restates its heading is not whole', () => {
    assert.equal(isWholeStatement(sectionOf('## Enable card payments', 'This will enable the card payments feature.').section), false);
  });
});

describe('links', () => {
  it('reads a bare address as a link, but not one in inline code', () => {
    assert.deepEqual(bareUrls(sectionOf('## Export', 'See https://help.example/export for it.').section), ['https://help.example/export']);
    const literal = sectionOf('## SOURCE_URL', 'Defaults to `https://code.example/$REPO`.').section;
    assert.deepEqual(bareUrls(literal), []);
    assert.equal(isLinkOnly(literal), false);
  });

  it('counts pointer filler as nothing said', () => {
    assert.ok(isLinkOnly(sectionOf('## Codecs', 'Please refer to these links: [one](https://a.example) and [two](https://b.example).').section));
    assert.ok(isLinkOnly(sectionOf('## Backups', 'See [this](backups.md) section of the manual.').section));
    assert.equal(isLinkOnly(sectionOf('## Backups', 'Backups run nightly; see [backups](backups.md).').section), false);
  });

  it('reads a section line by line as it would read the whole text at once', () => {
    // The whole text at once, every link's words taken out of it in turn, is the reference.
    const wholeText = (section: Section) => {
      let text = section.blocks.map((b) => b.text).join('\n');
      for (const link of section.links) if (link.text) text = text.split(link.text).join(' ');
      const words = text.replace(/\bhttps?:\/\/[^\s<>()]+/g, ' ').toLowerCase().match(/[a-z0-9]+/g) ?? [];
      return words.filter((w) => !['see', 'the', 'here', 'more', 'a', 'and'].includes(w)).length <= 1;
    };
    const piece = fc.constantFrom('see', 'the', 'here', 'more', 'a', 'and', 'refund', 'days', 'Pay', 'a refund', 'see the', 'https://x.example/a', ' ', ' ', '\n', '. ', ', ', '-');
    const text = fc.array(piece, { maxLength: 24 }).map((parts) => parts.join(''));
    const section = fc.record({ blocks: fc.array(text, { minLength: 1, maxLength: 3 }), links: fc.array(text, { maxLength: 5 }) }).map(
      ({ blocks, links }) =>
        ({
          blocks: blocks.map((t, i) => ({ kind: 'paragraph', text: t, line: i + 1, endLine: i + 1 })),
          links: links.map((t) => ({ href: 'https://x.example/b', text: t, line: 1 })),
        }) as unknown as Section,
    );
    // A link's words over several lines are taken out as a whole.
    assert.ok(isLinkOnly(sectionOf('## Refunds', '[Refund\npolicy and\nterms](https://x.example/r)').section));
    fc.assert(
      fc.property(section, (s) => isLinkOnly(s) === (s.links.length === 0 && bareUrls(s).length === 0 ? false : wholeText(s))),
      { numRuns: 2000 },
    );
  });

  it('tells a catalogue under a topic from a pointer under a question', () => {
    assert.ok(isResourceList(sectionOf('## Python', '- [tillpy](https://a.example)\n- [pytill](https://b.example)').section));
    assert.equal(isResourceList(sectionOf('## How do I connect an app?', '- [Connecting apps](connect.md)').section), false);
    assert.equal(isResourceList(sectionOf('## Python', 'See [tillpy](https://a.example).').section), false);
  });

  it('treats sections under a navigation heading as navigation', () => {
    const article = parseMarkdown('a.md', '# Page\n\nText.\n\n## See also\n\n### Apps\n\n- [Apps](apps.md)\n\n## Other resources\n\n[Forum](https://f.example)\n');
    const [, seeAlso, apps, other] = article.sections;
    assert.ok(isNavigationSection(seeAlso) && isNavigationSection(apps) && isNavigationSection(other));
    assert.equal(isNavigationSection(article.sections[0]), false);
  });
});

describe('front matter as the generators read it', () => {
  const read = (yaml: string) => parseFrontMatter(['---', ...yaml.split('\n'), '---']);

  it('reads tabs inside a multi-line flow sequence as spaces', () => {
    const fm = read('title: Areas\naliases: [\n\t"/areas",\n\t"/van",\n]');
    assert.equal(fm?.error, null);
    assert.deepEqual(fm?.data, { title: 'Areas', aliases: ['/areas', '/van'] });
  });

  it('reads a quoted value continued at the margin', () => {
    const fm = read('title: "Opening hours\n"\nowner: help@bakery.example');
    assert.equal(fm?.error, null);
    assert.deepEqual(fm?.data, { title: 'Opening hours ', owner: 'help@bakery.example' });
  });

  for (const [name, yaml] of [
    ['tabs indenting block structure', 'title: A\nmenu:\n\tparent: food'],
    ['an unclosed bracket', 'title: [Cakes\nowner: x'],
    ['an unclosed quote', 'title: "never closed\nowner: x'],
    ['a stray line', 'title: Foo\nthis line is not YAML'],
    ['a duplicate key', 'title: A\ntitle: B'],
  ]) {
    it(`still refuses ${name}`, () => assert.ok(read(yaml)?.error));
  }
});

describe('isParentSection', () => {
  it('is true of a section directly followed by a deeper heading, and of no section of another article', () => {
    // Headings of any depth, with and without text under them, and text before the first one.
    const heading = fc.record({ level: fc.integer({ min: 1, max: 4 }), text: fc.boolean() });
    fc.assert(
      fc.property(fc.boolean(), fc.array(heading, { maxLength: 12 }), (lead, headings) => {
        const body = headings.map((h, k) => `${'#'.repeat(h.level)} Heading ${k}\n\n${h.text ? `Text under heading ${k}.\n\n` : ''}`).join('');
        const article = parseMarkdown('a.md', `${lead ? 'Text before any heading.\n\n' : ''}${body}`);
        const other = parseMarkdown('b.md', body);
        article.sections.forEach((section, i) => {
          const next = article.sections[i + 1];
          assert.equal(isParentSection(article, section), next !== undefined && next.level > section.level);
        });
        for (const section of other.sections) assert.equal(isParentSection(article, section), false);
      }),
      { numRuns: 500 },
    );
  });
});
