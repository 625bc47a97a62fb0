// Walks the prose of an article line by line, with each line's 1-based number: the text rules
// (dates, placeholders, facts) read what the bot reads, not code samples.
import type { Article, Block, Section } from '../../model';

export interface ProseLine {
  section: Section;
  block: Block;
  /** Markup-stripped text of one source line. */
  text: string;
  line: number;
}

/** Each source line of the article's paragraphs, list items, quotes and table rows. */
export function* proseLines(article: Article): Generator<ProseLine> {
  for (const section of article.sections) {
    for (const block of section.blocks) {
      if (block.kind === 'code' || block.kind === 'html') continue;
      if (block.kind === 'table') {
        for (let i = block.line - 1; i < article.lines.length && article.lines[i].includes('|'); i++) {
          if (/^\s*\|?\s*:?-{2,}/.test(article.lines[i])) continue;
          yield { section, block, text: article.lines[i].replace(/\|/g, ' '), line: i + 1 };
        }
        continue;
      }
      const parts = block.text.split('\n');
      for (let k = 0; k < parts.length; k++) yield { section, block, text: parts[k], line: block.line + k };
    }
  }
}
