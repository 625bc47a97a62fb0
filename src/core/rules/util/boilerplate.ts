// Paragraphs repeated word for word across many articles (footers, disclaimers, sign-offs).
import type { KnowledgeBase } from '../../knowledgeBase';
import type { Block, Section } from '../../model';
import { sortIntegers } from '../../similarity/buckets';
import { corpusOf, memoize } from '../../similarity/corpus';

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
  /** The paragraph's hash (Corpus.blockKeys). */
  key: number;
  /** One place per article, the first in KB order. */
  places: Array<{ file: string; line: number; section: string }>;
}

/** Paragraphs that appear in `minArticles` or more articles, most widespread first. */
export function repeatedParagraphs(kb: KnowledgeBase, options: BoilerplateOptions): { repeated: RepeatedParagraph[]; keys: Set<number> } {
  return memoize(kb, `boilerplate:${JSON.stringify(options)}`, () => {
    const corpus = corpusOf(kb);
    const ignore = options.ignore.map((p) => new RegExp(p, 'iu'));
    /** Calls `visit` with the key of every paragraph long enough to compare, in KB order. */
    const forEachParagraph = (visit: (key: number, section: Section, block: Block) => void) => {
      corpus.sections.forEach((section, i) => {
        section.blocks.forEach((block, b) => {
          if (block.kind !== 'paragraph' && block.kind !== 'blockquote') return;
          const at = corpus.blockStart[i] + b;
          if (corpus.blockWords[at] >= options.minWords) visit(corpus.blockKeys[at], section, block);
        });
      });
    };
    // Most paragraphs are written once: only those that come minArticles times or more get an
    // entry, rather than one for every paragraph of the KB.
    const written = new Float64Array(corpus.blockKeys.length);
    let n = 0;
    forEachParagraph((key) => (written[n++] = key));
    const sorted = sortIntegers(written.subarray(0, n));
    const frequent = new Set<number>();
    for (let start = 0, end = 0; start < n; start = end) {
      while (end < n && sorted[end] === sorted[start]) end++;
      if (end - start >= options.minArticles) frequent.add(sorted[start]);
    }
    const seen = new Map<number, RepeatedParagraph>();
    forEachParagraph((key, section, block) => {
      if (!frequent.has(key)) return;
      let entry = seen.get(key);
      if (!entry) seen.set(key, (entry = { text: block.text, key, places: [] }));
      if (entry.places.at(-1)?.file !== section.file) entry.places.push({ file: section.file, line: block.line, section: section.heading });
    });
    const repeated: RepeatedParagraph[] = [];
    const keys = new Set<number>();
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
