// Where a link leads: from its own article, in the knowledge base it is asked about (the editor
// makes a new one after each edit, with the same article objects).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG } from '../../src/core/config/config';
import { buildKnowledgeBase, loadKnowledgeBase } from '../../src/core/knowledgeBase';
import { resolveLink } from '../../src/core/rules/util/links';
import { memoryFileSystem } from '../helpers/memoryFileSystem';

describe('link targets', () => {
  it('are resolved against the knowledge base they are asked in', async () => {
    const before = await loadKnowledgeBase(memoryFileSystem({ '/kb/index.md': '# Index\n\nSee [refunds](refunds.md).\n' }), '/kb', DEFAULT_CONFIG, {});
    const index = before.byFile.get('index.md')!;
    const link = index.sections[0].links[0];
    assert.equal(resolveLink(before, index, link).kind, 'missing');
    // The same article, and so the same link object, in a knowledge base that has the page now.
    const added = await loadKnowledgeBase(memoryFileSystem({ '/kb/refunds.md': '# Refunds\n\nWithin 30 days.\n' }), '/kb', DEFAULT_CONFIG, {});
    const after = buildKnowledgeBase('/kb', [index, added.byFile.get('refunds.md')!], [], before.site);
    const target = resolveLink(after, index, link);
    assert.equal(target.kind === 'article' && target.article.file, 'refunds.md');
    assert.equal(resolveLink(before, index, link).kind, 'missing');
  });

  it('are resolved from each link’s own article, whatever other links read alike', async () => {
    const kb = await loadKnowledgeBase(
      memoryFileSystem({
        '/kb/a/page.md': '# A\n\nSee [other](other.md).\n',
        '/kb/a/other.md': '# Other\n\nText.\n',
        '/kb/c/d/page.md': '# D\n\nSee [other](other.md).\n',
      }),
      '/kb',
      DEFAULT_CONFIG,
      {},
    );
    const targets = ['a/page.md', 'c/d/page.md', 'a/page.md'].map((file) => {
      const article = kb.byFile.get(file)!;
      return resolveLink(kb, article, article.sections[0].links[0]);
    });
    assert.deepEqual(
      targets.map((t) => (t.kind === 'article' ? t.article.file : t.kind)),
      ['a/other.md', 'missing', 'a/other.md'],
    );
  });
});
