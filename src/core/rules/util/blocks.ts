// Walks the prose of an article line by line, with each line's 1-based number: the text rules
// (dates, placeholders, facts) read what the bot reads as claims, not code samples, inline code
// or worked examples.
import { matchesOf } from '../../matches';
import type { Article, Block, Section } from '../../model';

export interface ProseLine {
  section: Section;
  block: Block;
  /** Markup-stripped text of one source line, inline code and examples blanked (offsets kept). */
  text: string;
  line: number;
}

/** A sentence that opens an example: the rest of its block illustrates, it does not state. */
const EXAMPLE_LEAD = /(?:^|[.!?:]\s+|\n\s*)(for example|for instance|e\.g\.|eg\.|example:|examples:|suppose|imagine|let's say|say you)\b/iu;
/** An example given inside a sentence: from the marker to the sentence's end (or the bracket's). */
const EXAMPLE_INLINE = /(\(\s*|,\s*|\s)(?:for example|for instance|e\.g\.|eg\.)(?=[\s,:])/giu;
/** "such as 3 days or 5 days": values named right after it, up to the next punctuation ("such as PayPal" names no value). */
const SUCH_AS = /\bsuch as\s+(?=[\d$£€]|https?:|[\w.+-]+@)(?:[^,;:!?()\n.]|\.(?=\w))*/giu;
const MAY_EXAMPLE = /\be\.?g\.|\bexample|\binstance\b|\bsuppose|\bimagine|\bsay\b|\bsuch as\b/i;

/** For each offset, where the sentence running on from it ends (after its full stop), and where the next `)` is. */
function sentenceEnds(text: string): { sentence: Int32Array; bracket: Int32Array } {
  const n = text.length;
  const sentence = new Int32Array(n + 1).fill(n);
  const bracket = new Int32Array(n + 1).fill(n);
  for (let i = n - 1; i >= 0; i--) {
    const c = text[i];
    sentence[i] = sentence[i + 1];
    bracket[i] = c === ')' ? i : bracket[i + 1];
    // A full stop, question or exclamation mark before a space or the end; "e.g." and "i.e." are not sentence ends.
    if ((c === '.' || c === '!' || c === '?') && (i + 1 >= n || /\s/.test(text[i + 1])) && !/(?:\b[a-z]\.[a-z]|\beg)$/i.test(text.slice(Math.max(0, i - 3), i))) {
      sentence[i] = i + 1;
    }
  }
  return { sentence, bracket };
}

/**
 * The block's text as the claims it makes: inline code (literals), examples introduced by
 * "For example, …" (to the end of the block), examples inside a sentence ("e.g. …", "such as …")
 * and whole example blocks are blanked with spaces, so offsets and line breaks stay put.
 */
export function claimText(block: Block): string {
  const text = block.text;
  if (block.example) return text.replace(/[^\n]/g, ' ');
  const literals = block.literals ?? [];
  const mayExample = MAY_EXAMPLE.test(text);
  if (literals.length === 0 && !mayExample) return text;
  // Ranges to blank, applied once at the end: linear in the text whatever it holds.
  const ranges: number[] = [];
  for (let i = 0; i + 1 < literals.length; i += 2) ranges.push(literals[i], literals[i + 1]);
  if (mayExample) {
    const lead = EXAMPLE_LEAD.exec(text);
    if (lead) ranges.push(lead.index + lead[0].length - lead[1].length, text.length);
    let ends: ReturnType<typeof sentenceEnds> | undefined;
    for (const m of matchesOf(EXAMPLE_INLINE, text)) {
      ends ??= sentenceEnds(text);
      const from = m.index + m[0].length;
      const end = m[1].startsWith('(') ? Math.min(ends.sentence[from], ends.bracket[from]) : ends.sentence[from];
      ranges.push(m.index + m[1].length, end);
    }
    for (const m of matchesOf(SUCH_AS, text)) ranges.push(m.index, m.index + m[0].length);
  }
  // Each offset blanked once, however many ranges cover it.
  const order = Array.from({ length: ranges.length / 2 }, (_, r) => r).sort((x, y) => ranges[2 * x] - ranges[2 * y]);
  let out = '';
  let done = 0;
  for (const r of order) {
    const start = Math.max(done, ranges[2 * r]);
    const end = Math.min(ranges[2 * r + 1], text.length);
    if (start >= end) continue;
    out += text.slice(done, start) + text.slice(start, end).replace(/[^\n]/g, ' ');
    done = end;
  }
  return out + text.slice(done);
}

/** Numbers written in a block's inline code: a value that repeats one describes that code sample. */
const NO_NUMBERS: ReadonlySet<string> = new Set();

export function literalNumbers(block: Block): ReadonlySet<string> {
  const literals = block.literals ?? [];
  if (literals.length === 0) return NO_NUMBERS;
  const out = new Set<string>();
  for (let i = 0; i + 1 < literals.length; i += 2) {
    for (const m of matchesOf(/\d+(?:[.,]\d+)?/g, block.text.slice(literals[i], literals[i + 1]))) out.add(m[0]);
  }
  return out;
}

/** Offsets `[start, end, …]` of the inline code spans of a raw line: a run of backticks up to the next run of the same length. */
function codeSpans(line: string): number[] {
  const runs: Array<[number, number]> = [];
  for (let i = 0; i < line.length; ) {
    if (line[i] !== '`') {
      i++;
      continue;
    }
    let j = i;
    while (j < line.length && line[j] === '`') j++;
    runs.push([i, j - i]);
    i = j;
  }
  // The runs of each length, in order, and how far each list has been used.
  const byLength = new Map<number, number[]>();
  runs.forEach(([, length], r) => {
    let list = byLength.get(length);
    if (!list) byLength.set(length, (list = []));
    list.push(r);
  });
  const used = new Map<number, number>();
  const spans: number[] = [];
  for (let r = 0; r < runs.length; r++) {
    const [at, length] = runs[r];
    const list = byLength.get(length)!;
    let k = used.get(length) ?? 0;
    while (k < list.length && list[k] <= r) k++;
    used.set(length, k);
    if (k >= list.length) continue;
    const close = list[k];
    spans.push(at, runs[close][0] + length);
    used.set(length, k + 1);
    r = close;
  }
  return spans;
}

/** A raw source line with inline code spans, HTML tags and image syntax blanked (offsets kept). */
export function maskRawLine(line: string): string {
  let out = line;
  if (line.includes('`')) {
    const spans = codeSpans(line);
    if (spans.length) {
      const chars = line.split('');
      for (let s = 0; s < spans.length; s += 2) for (let i = spans[s]; i < spans[s + 1]; i++) chars[i] = ' ';
      out = chars.join('');
    }
  }
  // Bounded, so a line of unclosed brackets costs no more than a few passes.
  return out
    .replace(/!\[[^\][\n]{0,500}\]\([^()\s]{0,2000}\)/g, (m) => ' '.repeat(m.length))
    .replace(/<\/?[A-Za-z][^<>\n]{0,1000}>/g, (m) => (/^<https?:|^<mailto:/i.test(m) ? m : ' '.repeat(m.length)));
}

/** The source rows of a table block (header first, the `---` separator left out). */
export function tableRows(lines: { readonly length: number; at(i: number): string | undefined }, start: number): Array<{ text: string; line: number }> {
  const rows: Array<{ text: string; line: number }> = [];
  for (let i = start - 1; i < lines.length; i++) {
    const text = lines.at(i)!;
    if (!text.includes('|')) break;
    if (/^\s*\|?\s*:?-{2,}/.test(text)) continue;
    rows.push({ text, line: i + 1 });
  }
  return rows;
}

/** Each source line of the article's paragraphs, list items, quotes and table rows, as claims (see claimText); with `mayMatch`, only of the blocks it matches. */
export function* proseLines(article: Article, mayMatch?: RegExp): Generator<ProseLine> {
  for (const section of article.sections) {
    for (const block of section.blocks) {
      if (block.kind === 'code' || block.kind === 'html' || block.example) continue;
      // A caller looking for something (a year) passes over blocks without it before masking them.
      if (mayMatch && !mayMatch.test(block.text)) continue;
      if (block.kind === 'table') {
        for (const row of tableRows(article.lines, block.line)) yield { section, block, text: maskRawLine(row.text).replace(/\|/g, ' '), line: row.line };
        continue;
      }
      const parts = claimText(block).split('\n');
      for (let k = 0; k < parts.length; k++) yield { section, block, text: parts[k], line: block.line + k };
    }
  }
}
