// Walks the prose of an article line by line, with each line's 1-based number: the text rules
// (dates, placeholders, facts) read what the bot reads as claims, not code samples, inline code
// or worked examples.
import type { Article, Block, Section } from '../../model';

export interface ProseLine {
  section: Section;
  block: Block;
  /** Markup-stripped text of one source line, inline code and examples blanked (offsets kept). */
  text: string;
  line: number;
}

/** A sentence that opens an example: the rest of its block illustrates, it does not state. */
const EXAMPLE_LEAD = /(?:^|[.!?:]\s+|\n\s*)(for example|for instance|e\.g\.|eg\.|example:|examples:|suppose|imagine|let's say|say you)\b/giu;
/** An example given inside a sentence: from the marker to the sentence's end (or the bracket's). */
const EXAMPLE_INLINE = /(\(\s*|,\s*|\s)(?:for example|for instance|e\.g\.|eg\.)(?=[\s,:])/giu;
/** "such as 3 days or 5 days": values named right after it, up to the next punctuation ("such as PayPal" names no value). */
const SUCH_AS = /\bsuch as\s+(?=[\d$£€]|https?:|[\w.+-]+@)(?:[^,;:!?()\n.]|\.(?=\w))*/giu;

function blank(text: string, start: number, end: number): string {
  return text.slice(0, start) + text.slice(start, end).replace(/[^\n]/g, ' ') + text.slice(end);
}

/** End of the sentence that runs on from `from`: a full stop, question or exclamation mark before a space, or the closing bracket. */
function sentenceEnd(text: string, from: number, bracket: boolean): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (bracket && c === ')') return i;
    if ((c === '.' || c === '!' || c === '?') && (i + 1 >= text.length || /\s/.test(text[i + 1]))) {
      // "e.g." and "i.e." are not sentence ends.
      if (/(?:\b[a-z]\.[a-z]|\beg)$/i.test(text.slice(Math.max(0, i - 3), i))) continue;
      return i + 1;
    }
  }
  return text.length;
}

/**
 * The block's text as the claims it makes: inline code (literals), examples introduced by
 * "For example, …" (to the end of the block), examples inside a sentence ("e.g. …", "such as …")
 * and whole example blocks are blanked with spaces, so offsets and line breaks stay put.
 */
export function claimText(block: Block): string {
  let text = block.text;
  if (block.example) return text.replace(/[^\n]/g, ' ');
  const literals = block.literals ?? [];
  for (let i = 0; i + 1 < literals.length; i += 2) text = blank(text, literals[i], literals[i + 1]);
  if (!/e\.?g\.|example|instance|suppose|imagine|say|such as/i.test(text)) return text;
  const lead = new RegExp(EXAMPLE_LEAD.source, EXAMPLE_LEAD.flags).exec(text);
  if (lead) text = blank(text, lead.index + lead[0].length - lead[1].length, text.length);
  for (const m of text.matchAll(EXAMPLE_INLINE)) {
    const bracket = m[1].startsWith('(');
    text = blank(text, m.index + m[1].length, sentenceEnd(text, m.index + m[0].length, bracket));
  }
  for (const m of text.matchAll(SUCH_AS)) text = blank(text, m.index, m.index + m[0].length);
  return text;
}

/** Numbers written in a block's inline code: a value that repeats one describes that code sample. */
export function literalNumbers(block: Block): Set<string> {
  const out = new Set<string>();
  const literals = block.literals ?? [];
  for (let i = 0; i + 1 < literals.length; i += 2) {
    for (const m of block.text.slice(literals[i], literals[i + 1]).matchAll(/\d+(?:[.,]\d+)?/g)) out.add(m[0]);
  }
  return out;
}

/** A raw source line with inline code spans, HTML tags and image syntax blanked (offsets kept). */
export function maskRawLine(line: string): string {
  return line
    .replace(/(`+)(?:(?!\1).)+?\1/g, (m) => ' '.repeat(m.length))
    .replace(/!\[[^\]]*\]\([^)]*\)/g, (m) => ' '.repeat(m.length))
    .replace(/<\/?[A-Za-z][^>]*>/g, (m) => (/^<https?:|^<mailto:/i.test(m) ? m : ' '.repeat(m.length)));
}

/** The source rows of a table block (header first, the `---` separator left out). */
export function tableRows(lines: string[], start: number): Array<{ text: string; line: number }> {
  const rows: Array<{ text: string; line: number }> = [];
  for (let i = start - 1; i < lines.length && lines[i].includes('|'); i++) {
    if (/^\s*\|?\s*:?-{2,}/.test(lines[i])) continue;
    rows.push({ text: lines[i], line: i + 1 });
  }
  return rows;
}

/** Each source line of the article's paragraphs, list items, quotes and table rows, as claims (see claimText). */
export function* proseLines(article: Article): Generator<ProseLine> {
  for (const section of article.sections) {
    for (const block of section.blocks) {
      if (block.kind === 'code' || block.kind === 'html' || block.example) continue;
      if (block.kind === 'table') {
        for (const row of tableRows(article.lines, block.line)) yield { section, block, text: maskRawLine(row.text).replace(/\|/g, ' '), line: row.line };
        continue;
      }
      const parts = claimText(block).split('\n');
      for (let k = 0; k < parts.length; k++) yield { section, block, text: parts[k], line: block.line + k };
    }
  }
}
