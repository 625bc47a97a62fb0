// Paragraphs repeated word for word across many articles (footers, disclaimers, sign-offs).
import type { KnowledgeBase } from '../../knowledgeBase';
import { countWords } from '../../parse/markdown';
import { memoize } from '../../similarity/corpus';
import { normalizeText } from '../../similarity/text';

export interface BoilerplateOptions {
  /** Reported when the same paragraph is in at least this many articles. */
  minArticles: number;
  /** Shorter paragraphs are not compared. */
  minWords: number;
  /** Regular expressions (any case) for paragraphs that are repeated on purpose. */
  ignore: string[];
}

export interface RepeatedParagraph {
  text: string;
  /** One place per article, the first in KB order. */
  places: Array<{ file: string; line: number; section: string }>;
}

/** Paragraphs that appear in `minArticles` or more articles, most widespread first. */
export function repeatedParagraphs(kb: KnowledgeBase, options: BoilerplateOptions): { repeated: RepeatedParagraph[]; keys: Set<string> } {
  return memoize(kb, `boilerplate:${JSON.stringify(options)}`, () => {
    const ignore = options.ignore.map((p) => new RegExp(p, 'iu'));
    const seen = new Map<string, RepeatedParagraph>();
    for (const article of kb.articles) {
      for (const section of article.sections) {
        for (const block of section.blocks) {
          if (block.kind !== 'paragraph' && block.kind !== 'blockquote') continue;
          if (countWords(block.text) < options.minWords) continue;
          const key = normalizeText(block.text);
          let entry = seen.get(key);
          if (!entry) seen.set(key, (entry = { text: block.text, places: [] }));
          if (entry.places.at(-1)?.file !== article.file) entry.places.push({ file: article.file, line: block.line, section: section.heading });
        }
      }
    }
    const repeated: RepeatedParagraph[] = [];
    const keys = new Set<string>();
    for (const [key, entry] of seen) {
      if (entry.places.length < options.minArticles) continue;
      if (ignore.some((re) => re.test(entry.text))) continue;
      repeated.push(entry);
      keys.add(key);
    }
    repeated.sort((a, b) => b.places.length - a.places.length || (a.places[0].file < b.places[0].file ? -1 : a.places[0].file > b.places[0].file ? 1 : a.places[0].line - b.places[0].line));
    return { repeated, keys };
  });
}
