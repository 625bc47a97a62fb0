import type { KnowledgeBase } from '../knowledgeBase';
import type { Block, Section } from '../model';
import type { KnowledgeBaseRule } from './types';
import { isReferenceEntry, isStepHeading } from './util/answers';
import { repeatedParagraphs, type BoilerplateOptions, type RepeatedParagraph } from './util/boilerplate';
import { DEFAULT_BOILERPLATE } from './util/nearDuplicates';
import { platformNeutralPath } from '../similarity/variants';

const MAX_RELATED = 10;

/** The same paragraph in many articles: a bot would recite it in every answer. */
export const boilerplate: KnowledgeBaseRule<BoilerplateOptions> = {
  id: 'boilerplate',
  description: 'The same paragraph repeated word for word in many articles (default: 3 or more)',
  rationale:
    'A bot quotes the paragraph that matches, and a footer or disclaimer repeated everywhere matches everything: customers get the same canned text whatever they ask. Keep it in one place (or in the site template, outside the articles), or exclude it from what the bot reads.',
  defaultSeverity: 'info',
  defaultOptions: DEFAULT_BOILERPLATE,
  optionsSchema: {
    minArticles: { type: 'integer', minimum: 2, description: 'Reported when the same paragraph appears in at least this many articles.' },
    minWords: { type: 'integer', minimum: 1, description: 'Shorter paragraphs are not compared.' },
    ignore: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      description: 'Regular expressions (any case) for paragraphs repeated on purpose.',
    },
  },
  scope: 'knowledge-base',
  check({ kb, options, report }) {
    const guides = new Map<string, string>();
    const guideOf = (file: string) => guides.get(file) ?? guides.set(file, platformNeutralPath(file)).get(file)!;
    for (const paragraph of repeatedParagraphs(kb, options).repeated) {
      if (guidesOf(paragraph, guideOf, options.minArticles) < options.minArticles || !isRecitedText(kb, paragraph)) continue;
      const [first, ...others] = paragraph.places;
      const text = kb.byFile.get(first.file)?.lines.at(first.line - 1) ?? '';
      const excerpt = paragraph.text.length > 60 ? `${paragraph.text.slice(0, 57).trimEnd()}…` : paragraph.text;
      report({
        message: `the paragraph "${excerpt.replace(/\s+/g, ' ')}" is repeated in ${paragraph.places.length} articles: a bot would recite it in answers from all of them`,
        file: first.file,
        line: first.line,
        column: 1,
        endLine: first.line,
        endColumn: text.length + 1,
        related: others.slice(0, MAX_RELATED).map((p) => ({ file: p.file, line: p.line, message: `same paragraph in "${p.section}"` })),
        data: { articles: paragraph.places.length },
      });
    }
  },
};

/** Paragraphs shorter than this are one-line facts or lead-ins, not text a bot recites. */
const MIN_RECITED_WORDS = 12;

/** The paragraph's block and section at one of its places. */
function blockAt(kb: KnowledgeBase, place: RepeatedParagraph['places'][number]): { section: Section; block: Block } | null {
  const article = kb.byFile.get(place.file);
  for (const section of article?.sections ?? []) {
    const block = section.blocks.find((b) => b.line === place.line);
    if (block) return { section, block };
  }
  return null;
}

/**
 * Text a bot would recite in every answer: a footer, a disclaimer, a sign-off. Not the
 * repetitions a reference or a set of parallel guides is written with on purpose: a field's
 * definition or a status code's text on every endpoint, a lead-in to a list, a note in an
 * admonition, a one-line fact, or the same words linking each guide to its own page.
 */
function isRecitedText(kb: KnowledgeBase, paragraph: RepeatedParagraph): boolean {
  const text = paragraph.text.trim();
  if (/:\s*$/.test(text)) return false;
  if (/^[^\n]{1,60}\n:\s/.test(text)) return false;
  const places = paragraph.places.map((p) => blockAt(kb, p));
  const first = places[0];
  if (!first) return true;
  if (first.block.aside) return false;
  if ((text.match(/[\p{L}\p{N}]+/gu) ?? []).length < MIN_RECITED_WORDS) return false;
  const article = kb.byFile.get(paragraph.places[0].file)!;
  if (isReferenceEntry(article, first.section) || isStepHeading(first.section.heading)) return false;
  // The same words that link to a different page in each article are each article's own pointer.
  const targets = places.map((p) => (p ? p.section.links.filter((l) => l.line >= p.block.line && l.line <= p.block.endLine).map((l) => l.href).sort().join(' ') : ''));
  return targets.every((t) => t === targets[0]);
}

/**
 * How many guides the paragraph is in, counting one guide's platform variants once
 * ("gpu/amd.md", "gpu/intel.md"; "linux/install.md", "mac/install.md"): a guide written per
 * platform repeats its own text in each, for readers who read only theirs. Canned text is what
 * recurs across guides.
 */
function guidesOf(paragraph: RepeatedParagraph, guideOf: (file: string) => string, enough: number): number {
  const guides = new Set<string>();
  for (const place of paragraph.places) if (guides.add(guideOf(place.file)).size >= enough) break;
  return guides.size;
}
