// Phrases and topics that always go to a person, whatever the docs say.

import picomatch from 'picomatch';
import { ENGLISH, type Analyzer } from './language';

/** Used when kb-audit.json sets no `routing.escalate`: explicit requests for a person and sensitive topics. */
export const DEFAULT_ESCALATION_TRIGGERS: readonly string[] = [
  'speak to a human',
  'talk to a human',
  'speak to a person',
  'talk to a person',
  'real person',
  'human agent',
  'fraud',
  'complaint',
  'close my account',
];

export interface TriggerMatcher {
  /** The first configured phrase found in `question`, word by word (plurals and inflections folded, in the analyzer's language). */
  phraseIn(question: string): string | undefined;
  /** The first configured glob matching an article that must always go to a person. */
  articleGlob(file: string): string | undefined;
}

function containsSequence(haystack: string[], needle: string[]): boolean {
  if (needle.length === 0 || needle.length > haystack.length) return false;
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

export function triggerMatcher(phrases: readonly string[], articleGlobs: readonly string[] = [], analyzer: Analyzer = ENGLISH): TriggerMatcher {
  const { phraseStems } = analyzer;
  const compiled = phrases.map((phrase) => ({ phrase, stems: phraseStems(phrase) })).filter((p) => p.stems.length > 0);
  const globs = articleGlobs.map((glob) => ({ glob, test: picomatch(glob, { dot: true }) }));
  return {
    phraseIn(question) {
      const stems = phraseStems(question);
      return compiled.find((p) => containsSequence(stems, p.stems))?.phrase;
    },
    articleGlob(file) {
      return globs.find((g) => g.test(file))?.glob;
    },
  };
}
