// Review dates as the generators write them: the team's own keys first, then docfx's ms.date,
// which Microsoft Learn writes month first.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseMarkdown } from '../../../src/core/parse/markdown';
import { DEFAULT_REVIEW_KEYS } from '../../../src/core/rules/util/options';
import { reviewDate } from '../../../src/core/rules/util/sections';

const article = (frontMatter: string) => parseMarkdown('a.md', `---\n${frontMatter}\n---\n\n# A\n\nText.\n`);

describe('review dates', () => {
  it('reads docfx ms.date month first, after the team\'s own keys', () => {
    assert.equal(reviewDate(article('ms.date: 03/14/2025'), DEFAULT_REVIEW_KEYS)?.date?.toISOString().slice(0, 10), '2025-03-14');
    assert.equal(reviewDate(article('last_reviewed: 2026-01-02\nms.date: 03/14/2025'), DEFAULT_REVIEW_KEYS)?.key, 'last_reviewed');
  });

  it('keeps a day that does not exist, or the month-first form under another key, as no date', () => {
    assert.equal(reviewDate(article('ms.date: 02/30/2025'), DEFAULT_REVIEW_KEYS)?.date, null);
    assert.equal(reviewDate(article('updated: 03/14/2025'), DEFAULT_REVIEW_KEYS)?.date, null);
  });
});
