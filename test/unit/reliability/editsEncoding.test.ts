// Fixes keep what the file already is: a UTF-8 byte order mark stays its first character, and
// new lines use the file's own line ending (CRLF, LF or a lone CR).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addMissingFrontMatterFields, applyTextEdits, setReviewDate, suppressFinding } from '../../../src/core/edits';
import type { TextEdit } from '../../../src/core/model';
import { parseArticle } from '../../../src/core/parse/markdown';

const BOM = '\uFEFF';

const WITH_FRONT_MATTER = ['---', 'title: Refunds', 'last_reviewed: 2025-01-02', '---', '# Refunds', '', 'Refunds take 5 days.', 'Card refunds can take longer.', ''];
const WITHOUT_FIELD = ['---', 'title: Refunds', '---', '# Refunds', '', 'Refunds take 5 days.', ''];
const NO_FRONT_MATTER = ['# Refunds', '', 'Refunds take 5 days.', 'Card refunds can take longer.', '', '## Exchanges', ''];

type Fix = (text: string) => TextEdit[] | null;
const FIXES: [string, string[], Fix][] = [
  ['a review date replaced', WITH_FRONT_MATTER, (t) => setReviewDate(t, '2026-12-01')],
  ['a review date added before the closing fence', WITHOUT_FIELD, (t) => setReviewDate(t, '2026-12-01')],
  ['front matter created', NO_FRONT_MATTER, (t) => setReviewDate(t, '2026-12-01')],
  ['missing fields added', WITHOUT_FIELD, (t) => addMissingFrontMatterFields(t, { owner: 'support', updated: '2026-12-01' })],
  ['a suppression above the first line', NO_FRONT_MATTER, (t) => suppressFinding(t, 1, 'thin-answer')],
  ['a suppression at the end of a paragraph line', NO_FRONT_MATTER, (t) => suppressFinding(t, 4, 'placeholder')],
  ['a suppression above a later heading', NO_FRONT_MATTER, (t) => suppressFinding(t, 6, 'empty-section')],
  ['a suppression in the body after front matter', WITH_FRONT_MATTER, (t) => suppressFinding(t, 5, 'thin-answer')],
];

/** The line endings `text` uses, each counted once. */
function lineEndings(text: string): string[] {
  return [...new Set(text.match(/\r\n|\r|\n/g) ?? [])];
}

describe('fixes keep the byte order mark and the line endings', () => {
  for (const [name, lines, fix] of FIXES) {
    for (const [eolName, eol] of [
      ['CRLF', '\r\n'],
      ['LF', '\n'],
      ['CR', '\r'],
    ] as const) {
      it(`${name}, BOM and ${eolName}`, () => {
        const before = BOM + lines.join(eol);
        const edits = fix(before);
        assert.ok(edits && edits.length > 0, 'the fix applies');
        const after = applyTextEdits(before, edits);
        assert.notEqual(after, before);
        assert.ok(after.startsWith(BOM), 'the BOM is still first');
        assert.equal(after.indexOf(BOM, 1), -1, 'and not repeated');
        assert.deepEqual(lineEndings(after), [eol]);
        // The fixed file still reads as the same article: the BOM is not part of its first line.
        const article = parseArticle('refunds.md', new TextEncoder().encode(after));
        assert.equal(article.sections.find((s) => s.level === 1)?.heading, 'Refunds');
        assert.deepEqual(article.parseFindings, []);
      });
    }
  }

  it('a suppression on line 1 of a BOM file goes after the BOM, on a line of its own', () => {
    const before = BOM + NO_FRONT_MATTER.join('\r\n');
    const after = applyTextEdits(before, suppressFinding(before, 1, 'thin-answer')!);
    assert.ok(after.startsWith(`${BOM}<!-- kb-audit-disable-next-line thin-answer -->\r\n# Refunds\r\n`));
  });
});
