// Links to a heading of another article: which anchors an article has, by its headings' slugs,
// hyphens loosely, and the anchors written as HTML.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_CONFIG } from '../../src/core/config/config';
import { loadKnowledgeBase } from '../../src/core/knowledgeBase';
import { resolveLink } from '../../src/core/rules/util/links';
import { memoryFileSystem } from '../helpers/memoryFileSystem';

async function knowledgeBase(page: string) {
  const fs = memoryFileSystem({ '/kb/page.md': page, '/kb/index.md': '# Index\n\nStart here.\n' });
  return loadKnowledgeBase(fs, '/kb', DEFAULT_CONFIG, {});
}

async function found(page: string, anchors: string[]): Promise<boolean[]> {
  const kb = await knowledgeBase(page);
  const from = kb.byFile.get('index.md')!;
  return anchors.map((anchor) => {
    const target = resolveLink(kb, from, { href: `page.md#${anchor}`, text: 'there', line: 3 });
    assert.equal(target.kind, 'article');
    return target.kind === 'article' && target.anchorFound;
  });
}

describe('anchors of a linked article', () => {
  it('are its headings in any case, hyphens loosely, and its HTML anchors', async () => {
    const page = '# Page\n\nIntro.\n\n## Returns -- and refunds\n\nText.\n\n## How Do I Pay?\n\nText.\n\n<a id="Gift-Cards"></a>\n\nMore text.\n';
    assert.deepEqual(
      await found(page, ['page', 'returns----and-refunds', 'returns-and-refunds', 'HOW-DO-I-PAY', 'how%2Ddo-i-pay', 'gift-cards', 'gift--cards', 'refunds']),
      [true, true, true, true, true, true, false, false],
    );
  });

  it('are found in a long page exactly as by looking through every heading', async () => {
    // The earlier lookup, heading by heading, is the reference.
    const loose = (x: string) => x.replace(/-+/g, '-');
    const word = fc.stringMatching(/^[A-Za-z]{1,6}$/);
    const heading = fc.array(word, { minLength: 1, maxLength: 3 }).map((words) => words.join(fc.sample(fc.constantFrom(' ', ' - ', ' -- '), 1)[0]));
    await fc.assert(
      fc.asyncProperty(fc.array(heading, { minLength: 1, maxLength: 40 }), fc.array(fc.stringMatching(/^[A-Za-z-]{1,14}$/), { maxLength: 20 }), async (headings, extra) => {
        const page = `# Page\n\n${headings.map((h) => `## ${h}\n\nText.\n`).join('\n')}`;
        const kb = await knowledgeBase(page);
        const slugs = kb.byFile.get('page.md')!.sections.map((s) => s.slug);
        const wanted = [...slugs.map((s) => s.toUpperCase()), ...slugs.map((s) => s.replace(/-/g, '--')), ...extra];
        const expected = wanted.map((w) => {
          const lower = w.toLowerCase();
          return slugs.some((s) => s.toLowerCase() === lower || loose(s) === loose(lower));
        });
        assert.deepEqual(await found(page, wanted), expected);
      }),
      { numRuns: 60 },
    );
  });
});
