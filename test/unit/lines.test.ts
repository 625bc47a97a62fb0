// An article's lines are its text and where each line starts; every line read from them must be
// the line the parser cut (at \r\n, \r and \n).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { Lines } from '../../src/core/model';
import { decodeText } from '../../src/core/parse/decode';
import { detached, parseArticle, splitLines, withFileText } from '../../src/core/parse/markdown';

/** The heap in use once garbage is collected (twice, with a moment for the sweeper between). */
async function heapInUse(): Promise<number> {
  setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc') as () => void;
  collect();
  await new Promise((resolve) => setTimeout(resolve, 20));
  collect();
  return process.memoryUsage().heapUsed;
}

/**
 * The heap an article parsed from `bytes` holds: parsed once first, so that the code compiled on
 * the way is not counted, then the least of three measures (anything else freed meanwhile only
 * adds to one). `check` reads the article after each measure, so that it is alive for it.
 */
async function heldByArticle(bytes: Uint8Array, check: (article: ReturnType<typeof parseArticle>) => void): Promise<number> {
  parseArticle('orders.md', bytes);
  let held = Infinity;
  for (let run = 0; run < 3; run++) {
    let article: ReturnType<typeof parseArticle> | null = parseArticle('orders.md', bytes);
    const withArticle = await heapInUse();
    check(article);
    article = null;
    held = Math.min(held, withArticle - (await heapInUse()));
  }
  return held;
}

describe('Lines', () => {
  it('holds exactly the lines the text splits into, whatever its line breaks', () => {
    const text = fc.array(fc.constantFrom('a', 'bc', ' ', '\r', '\n', '\r\n', '\n\r', 'é', '’'), { maxLength: 30 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (t) => {
        const lines = Lines.of(t);
        const expected = splitLines(t);
        assert.equal(lines.length, expected.length);
        assert.deepEqual(lines.slice(), expected);
        assert.deepEqual([...lines], expected);
        expected.forEach((line, i) => assert.equal(lines.at(i), line));
        assert.equal(lines.at(-1), undefined);
        assert.equal(lines.at(expected.length), undefined);
      }),
      { numRuns: 5_000 },
    );
  });

  it('answers the questions rules ask of them', () => {
    const lines = Lines.from(['# Refunds', '', 'Within 14 days.']);
    assert.equal(lines.text, '# Refunds\n\nWithin 14 days.');
    assert.equal(lines.some((line) => line.startsWith('Within')), true);
    assert.equal(lines.some((line) => line === 'nothing'), false);
    assert.deepEqual(lines.slice(1, 3), ['', 'Within 14 days.']);
    assert.deepEqual(lines.slice(2, 99), ['Within 14 days.']);
  });

  it('keeps an article’s text once: its lines are cut from the very text parsed', () => {
    const text = '---\r\ntitle: Refunds\r\n---\r\n# Refunds\r\n\r\nWithin 14 days.\r\n';
    const article = parseArticle('refunds.md', new TextEncoder().encode(text));
    assert.equal(article.lines.text, text);
    assert.equal(article.lineCount, article.lines.length);
    assert.equal(article.lines.at(3), '# Refunds');
    assert.equal(article.lines.at(5), 'Within 14 days.');
  });

  it('finds a text where the file holds it as written, over one line or several', () => {
    const lines = Lines.of('# Wrapped\n\nA paragraph that the writer\nwrapped over three lines\nof the file.\n\n```\nnpm install --save kb-audit\nnpm test\n```\n');
    assert.equal(lines.written('A paragraph that the writer', 3), 'A paragraph that the writer');
    assert.equal(lines.written('that the writer', 3), 'that the writer', 'anywhere in a line');
    assert.equal(lines.written('A paragraph that the writer\nwrapped over three lines\nof the file.', 3), 'A paragraph that the writer\nwrapped over three lines\nof the file.');
    assert.equal(lines.written('npm install --save kb-audit\nnpm test', 8), 'npm install --save kb-audit\nnpm test');
    assert.equal(lines.written('A paragraph that the writer\nwrapped over three lines', 4), null, 'it starts on its own line');
    assert.equal(lines.written('A paragraph that\nwrapped over three lines', 3), null, 'its first line ends where the line does');
    assert.equal(lines.written('A paragraph that the writer\nwrapped over two lines', 3), null);
    assert.equal(lines.written('# Wrapped', 1), null, 'too short to be worth a slice');
    assert.equal(lines.written('A paragraph that the writer', 99), null);
    assert.equal(Lines.of('One line of the file\r\nand the next one').written('One line of the file\nand the next one', 1), null, '\\r\\n is not \\n');
    // Whatever it is asked, it answers the very text or nothing.
    const piece = fc.constantFrom('word', 'other words', ' ', '\n', '\r\n', 'é', '**');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), fc.array(piece, { maxLength: 8 }), fc.nat(6), (file, wanted, line) => {
        const text = wanted.join('');
        const found = Lines.of(file.join('')).written(text, line);
        assert.ok(found === null || found === text);
      }),
      { numRuns: 2_000 },
    );
  });

  it('keeps wrapped paragraphs and code as part of the file’s text, not as copies of it', async () => {
    const words = ['invoice', 'refund', 'parcel', 'account', 'courier', 'voucher', 'basket', 'warehouse'];
    const line = (k: number) => Array.from({ length: 9 }, (_, w) => words[(k * 7 + w * 3) % words.length]).join(' ');
    const blocks: string[] = [];
    const lines = (k: number, count: number) => Array.from({ length: count }, (_, n) => line(k + n)).join('\n');
    for (let k = 0; k < 4000; k++) blocks.push(k % 4 === 3 ? `\`\`\`\n${lines(k, 4)}\n\`\`\`` : lines(k, 5));
    const text = `# Orders\n\n${blocks.join('\n\n')}\n`;
    const held = await heldByArticle(new TextEncoder().encode(text), (article) => assert.equal(article.sections[0].blocks.length, 4000));
    // The text itself, and the blocks' objects, slices and line starts (about a third of it here);
    // a copy of each block's text would add as much as the text again.
    assert.ok(held < 1.75 * text.length, `the article holds ${held} bytes for ${text.length} of text`);
  });

  it('keeps a list item in one object, its fields in place', async () => {
    const words = ['invoice', 'refund', 'parcel', 'account', 'courier', 'voucher', 'basket', 'warehouse'];
    const item = (k: number) => `- ${Array.from({ length: 9 }, (_, w) => words[(k * 7 + w * 3) % words.length]).join(' ')} ${k}`;
    const count = 4000;
    const text = `# Orders\n\n${Array.from({ length: count }, (_, k) => item(k)).join('\n')}\n`;
    const held = await heldByArticle(new TextEncoder().encode(text), (article) => {
      assert.equal(article.sections[0].blocks.length, count);
      assert.equal(article.sections[0].blocks[count - 1].ordered, false);
    });
    // Beyond the text: per item its object (five fields), the slice of the file that is its
    // text, its place in the section's list and its line's start, about 100 bytes; a field
    // added after the others takes an array of its own, about 30 bytes more.
    const perItem = (held - text.length) / count;
    assert.ok(perItem < 115, `${perItem.toFixed(1)} bytes an item beyond the text`);
  });

  it('holds an article parsed in another thread, joined to its file again, in about what one parsed here takes', async () => {
    const words = ['invoice', 'refund', 'parcel', 'account', 'courier', 'voucher', 'basket', 'warehouse'];
    const phrase = (k: number, n: number) => Array.from({ length: n }, (_, w) => words[(k * 7 + w * 3) % words.length]).join(' ');
    const article = (a: number) =>
      `# Orders ${a}\n\n` +
      Array.from({ length: 60 }, (_, k) => `## How do I ${phrase(a + k, 4)}?\n\n${phrase(k, 12)}.\n\n- ${phrase(k + 1, 6)}\n- ${phrase(k + 2, 6)}\n\n\`\`\`\n${phrase(k + 3, 5)}\n\`\`\`\n`).join('\n');
    const bytes = Array.from({ length: 40 }, (_, a) => new TextEncoder().encode(article(a)));
    const file = (a: number) => `orders/article-number-${a}.md`;
    // What the parse worker sends: a clone of each article without its lines.
    const sent = bytes.map((b, a) => {
      const { lines: _lines, ...rest } = parseArticle(file(a), b);
      return structuredClone(rest);
    });
    let parsedHeld = Infinity;
    let joinedHeld = Infinity;
    for (let run = 0; run < 3; run++) {
      const before = await heapInUse();
      let parsed: unknown[] | null = bytes.map((b, a) => parseArticle(file(a), b));
      parsedHeld = Math.min(parsedHeld, (await heapInUse()) - before);
      assert.equal(parsed.length, bytes.length);
      parsed = null;
      const beforeJoined = await heapInUse();
      let joined: unknown[] | null = sent.map((article, a) => withFileText(structuredClone(article), decodeText(bytes[a]).text));
      joinedHeld = Math.min(joinedHeld, (await heapInUse()) - beforeJoined);
      assert.equal(joined.length, bytes.length);
      joined = null;
    }
    // A clone's objects have room for four fields, its lists room to grow, and a string of its
    // own for every block’s kind and section’s file: kept as they come, about 45% more here.
    assert.ok(joinedHeld < 1.12 * parsedHeld, `joined ${joinedHeld} bytes, parsed ${parsedHeld}`);
  });

  it('copies a string cut from a longer one into one string of its own, its source let go', async () => {
    const count = 4000;
    const cut = (k: number) => `${'x'.repeat(20_000)} the-slug-of-heading-${String(k).padStart(6, '0')}-of-the-article`.slice(20_001);
    // Once first, so that the code compiled on the way is not counted; then the least of three.
    detached(cut(0));
    let held = Infinity;
    for (let run = 0; run < 3; run++) {
      const before = await heapInUse();
      let kept: string[] | null = Array.from({ length: count }, (_, k) => detached(cut(k)));
      const withKept = await heapInUse();
      assert.equal(kept[7], 'the-slug-of-heading-000007-of-the-article');
      assert.equal(new Set(kept).size, count);
      kept = null;
      held = Math.min(held, withKept - before);
    }
    // Each string's 41 characters, its header and its place in the array: under 90 bytes. A slice
    // of a copy costs 32 bytes more; the source kept alive, 20 KB.
    assert.ok(held / count < 90, `${(held / count).toFixed(1)} bytes a string`);
  });
});
