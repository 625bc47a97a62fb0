import { matchesOf } from '../matches';
import type { Article } from '../model';
import type { StandaloneArticleRule } from './types';
import { maskRawLine } from './util/blocks';

export interface PlaceholderOptions {
  /** Whole words matched exactly as written (case-sensitive). */
  words: string[];
  /** Phrases matched in any case. */
  phrases: string[];
}

const COMMENT_OPEN = '<!--';
const COMMENT_CLOSE = '-->';

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface Patterns {
  wordPattern: RegExp | null;
  phrasePattern: RegExp | null;
  /** phrasePattern without the global flag, for a yes or no. */
  quickPhrase: RegExp | null;
}

/**
 * The options' patterns, compiled once per options rather than once per article. Safe to share:
 * the global ones are only used through replace and matchAll, which do not leave them mid-way.
 */
const compiled = new WeakMap<PlaceholderOptions, Patterns>();

function patternsOf(options: PlaceholderOptions): Patterns {
  let patterns = compiled.get(options);
  if (!patterns) {
    const wordPattern = options.words.length
      ? new RegExp(options.words.map((w) => `(?<![\\p{L}\\p{N}_])${escape(w)}(?![\\p{L}\\p{N}_])`).join('|'), 'gu')
      : null;
    const phrasePattern = options.phrases.length
      ? new RegExp(options.phrases.map((p) => escape(p).replace(/\s+/g, '\\s+')).join('|'), 'giu')
      : null;
    patterns = { wordPattern, phrasePattern, quickPhrase: phrasePattern ? new RegExp(phrasePattern.source, 'iu') : null };
    compiled.set(options, patterns);
  }
  return patterns;
}

/**
 * Lines of code, HTML or components, and worked examples: placeholder-looking text there is
 * sample output or a demonstration of syntax, not prose left unfinished. An example block that
 * is nothing but a placeholder ("Examples" followed by "TODO") is an unfinished example.
 */
function sampleLines(article: Article, onlyPlaceholder: (text: string) => boolean): Set<number> {
  const lines = new Set<number>();
  for (const section of article.sections) {
    for (const block of section.blocks) {
      const sample = block.kind === 'code' || block.kind === 'html' || (block.example && !onlyPlaceholder(block.text));
      if (sample) for (let l = block.line; l <= block.endLine; l++) lines.add(l);
    }
  }
  return lines;
}

/** Blanks HTML comments (possibly spanning lines): editors' notes the bot never sees. */
function withoutComments(lines: string[]): string[] {
  let inComment = false;
  return lines.map((line) => {
    let out = '';
    let i = 0;
    while (i < line.length) {
      if (inComment) {
        const close = line.indexOf(COMMENT_CLOSE, i);
        if (close < 0) {
          out += ' '.repeat(line.length - i);
          i = line.length;
        } else {
          out += ' '.repeat(close + COMMENT_CLOSE.length - i);
          i = close + COMMENT_CLOSE.length;
          inComment = false;
        }
      } else {
        const open = line.indexOf(COMMENT_OPEN, i);
        if (open < 0) {
          out += line.slice(i);
          i = line.length;
        } else {
          out += line.slice(i, open);
          i = open;
          inComment = true;
        }
      }
    }
    return out;
  });
}

/** Unfinished text a bot would read out to customers: TODO, TBD, lorem ipsum, "coming soon". */
export const placeholder: StandaloneArticleRule<PlaceholderOptions> = {
  id: 'placeholder',
  description: 'Placeholder text left in an article: TODO, TBD, FIXME, XXX, lorem ipsum, "coming soon"',
  rationale:
    'A bot answers from whatever text is there, so it will tell customers "TODO" or "coming soon". Finish the text or remove the placeholder; notes for editors belong in HTML comments, which the bot never sees.',
  defaultSeverity: 'warning',
  defaultOptions: {
    words: ['TODO', 'TBD', 'TBC', 'FIXME', 'XXX'],
    phrases: ['lorem ipsum', 'coming soon'],
  },
  optionsSchema: {
    words: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Whole words that mark unfinished text, matched case-sensitively.' },
    phrases: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Phrases that mark unfinished text, matched in any case.' },
  },
  scope: 'article',
  standalone: true,
  check({ article, options, report }) {
    const { wordPattern, phrasePattern, quickPhrase } = patternsOf(options);
    // A cheap look first: most lines hold none of the words, and most articles none at all (a
    // line that holds one is part of the whole text, so the text is looked at first).
    const mayHold = (text: string) => options.words.some((w) => text.includes(w)) || (quickPhrase !== null && quickPhrase.test(text));
    if (!mayHold(article.lines.text) || !article.lines.some(mayHold)) return;
    const onlyPlaceholder = (text: string) => {
      let rest = text;
      if (wordPattern) rest = rest.replace(wordPattern, ' ');
      if (phrasePattern) rest = rest.replace(phrasePattern, ' ');
      return rest !== text && !/[\p{L}\p{N}]/u.test(rest);
    };
    const samples = sampleLines(article, onlyPlaceholder);
    const lines = withoutComments(article.lines.slice());
    lines.forEach((raw, i) => {
      const line = i + 1;
      if (samples.has(line) || !mayHold(raw)) return;
      // Inline code shows syntax as written ("type `TODO` to …"): a literal, not a placeholder.
      const text = maskRawLine(raw);
      const hits: Array<{ index: number; text: string }> = [];
      if (wordPattern) for (const m of matchesOf(wordPattern, text)) hits.push({ index: m.index!, text: m[0] });
      if (phrasePattern) {
        for (const m of matchesOf(phrasePattern, text)) hits.push({ index: m.index!, text: m[0] });
      }
      hits.sort((a, b) => a.index - b.index);
      for (const hit of hits) {
        report({
          message: `placeholder "${hit.text}": a bot would read this to customers`,
          file: article.file,
          line,
          column: hit.index + 1,
          endLine: line,
          endColumn: hit.index + hit.text.length + 1,
          data: { placeholder: hit.text },
        });
      }
    });
  },
};
