import type { StandaloneArticleRule } from './types';
import { sectionText, type Section } from '../model';
import { isStopWord } from '../similarity/text';
import {
  asksSomething,
  DEFAULT_CONTACT_PHRASES,
  isDeadEnd,
  isLeafAnswer,
  isLinkOnly,
  isNavigationSection,
  isReferenceEntry,
  isStepHeading,
  isWholeStatement,
} from './util/answers';
import { isRuleEnabled, ruleOptions } from './util/options';
import { rangeOf } from './util/sections';

export interface ThinAnswerOptions {
  /** Sections with fewer words than this are thin. */
  minWords: number;
}

/** Answers too short to help: "Yes, we do." under a question that needs detail. */
export const thinAnswer: StandaloneArticleRule<ThinAnswerOptions> = {
  id: 'thin-answer',
  description: 'Sections whose answer is only a few words (default: under 10)',
  rationale:
    'A bot that retrieves a three-word answer has nothing to adapt to the customer\'s situation, and matches it poorly because it shares few words with real questions. Say what the customer needs to know or do, with the conditions that apply.',
  defaultSeverity: 'warning',
  defaultOptions: { minWords: 10 },
  optionsSchema: {
    minWords: { type: 'integer', minimum: 1, description: 'A section with fewer words than this is thin.' },
  },
  scope: 'article',
  standalone: true,
  check({ article, options, config, report }) {
    const linkOnlyOn = isRuleEnabled(config, 'link-only');
    const deadEndOn = isRuleEnabled(config, 'dead-end');
    const deadEnd = ruleOptions(config, 'dead-end', { phrases: DEFAULT_CONTACT_PHRASES, maxWords: 40 });
    for (const section of article.sections) {
      if (!isLeafAnswer(article, section) || section.wordCount >= options.minWords) continue;
      // Navigation ("See also") and template labels ("Summary") are not answers; a component
      // (a card list, a video) is content the parser cannot measure.
      if (section.role || isNavigationSection(section) || (section.components ?? 0) > 0) continue;
      // A worked example is not an answer either (a placeholder in one is placeholder's finding).
      const answer = section.blocks.filter((b) => !b.example);
      if (answer.length === 0) continue;
      // Rich content (a table, steps, code, a list of several items) can be short and still answer well.
      if (answer.some((b) => b.kind === 'table' || b.kind === 'code' || (b.kind === 'list_item' && b.ordered))) continue;
      if (answer.filter((b) => b.kind === 'list_item').length >= 2) continue;
      // One short section is one problem: a link-only or contact-only answer is reported as that.
      if (isLinkOnly(section)) {
        if (linkOnlyOn) continue;
      } else if (isDeadEnd(section, deadEnd.phrases, deadEnd.maxWords)) {
        if (deadEndOn) continue;
      } else if (isReferenceEntry(article, section) || isStepHeading(section.heading) || isWholeStatement(section)) {
        // The heading names a setting or is the step itself, or the text is a whole statement.
        continue;
      }
      // Under a topic heading (a survey entry, a tool in a list, a reference value) a short
      // section is usually whole; it is thin when it leans on other sections or says nothing of
      // its own. Under a question or a task, a few words are too few whatever they say.
      if (!asksSomething(section.heading) && !leansOnOthers(section)) continue;
      const first = section.blocks[0];
      report({
        ...rangeOf(article, first.line, ''),
        message: `"${section.heading}" is answered in ${section.wordCount} word${section.wordCount === 1 ? '' : 's'} (minimum ${options.minWords}): too little for a bot to answer from`,
        file: article.file,
        data: { words: section.wordCount },
      });
    }
  },
};

/** Words that only make sense beside another section, or say nothing: "Similar to above", "See below", "Not enough information". */
const LEANING = /\b(?:above|below|previous|preceding|same as|similar to|as before|not enough information|no information)\b/i;

/** A short body that leans on other sections, says next to nothing, or only restates its heading. */
function leansOnOthers(section: Section): boolean {
  const text = sectionText(section);
  if (LEANING.test(text)) return true;
  // One or two words ("Not yet.", "Slow!") say nothing without the reader's question; a value
  // ("none", "optional", "30") is a whole reference entry.
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const prose = section.blocks.every((b) => b.kind === 'paragraph');
  if (prose && words.length > 0 && words.length <= 2 && !/^(?:none|n|a|optional|required|true|false|null|default|\d.*)$/.test(words[0] ?? '')) return true;
  const heading = new Set(section.heading.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  const stems = (w: string) => w.replace(/(?:ing|ed|es|s)$/, '');
  const headingStems = new Set([...heading].map(stems));
  const own = (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !isStopWord(w) && !headingStems.has(stems(w)));
  return own.length === 0;
}
