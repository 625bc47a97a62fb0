// Every audit rule, once, in the order they run. Each lives in its own file with a page of
// documentation beside it (<id>.md).
import { boilerplate } from './boilerplate';
import { brokenLink } from './broken-link';
import { buriedAnswer } from './buried-answer';
import { conflictingAnswer } from './conflicting-answer';
import { coverageGap } from './coverage-gap';
import { deadEnd } from './dead-end';
import { duplicateQuestion } from './duplicate-question';
import { emptySection } from './empty-section';
import { expiredDate } from './expired-date';
import { fileSkipped } from './file-skipped';
import { frontMatterInvalid } from './front-matter-invalid';
import { invalidEncoding } from './invalid-encoding';
import { linkOnly } from './link-only';
import { missingFrontMatter } from './missing-front-matter';
import { missingSection } from './missing-section';
import { missingTranslation } from './missing-translation';
import { nearDuplicate } from './near-duplicate';
import { orphanArticle } from './orphan-article';
import { placeholder } from './placeholder';
import { staleReview } from './stale-review';
import { staleTranslation } from './stale-translation';
import { thinAnswer } from './thin-answer';
import { translationDrift } from './translation-drift';
import type { Rule } from './types';
import { wallOfText } from './wall-of-text';

export const RULES: readonly Rule[] = [
  // Files and front matter
  fileSkipped,
  invalidEncoding,
  frontMatterInvalid,
  missingFrontMatter,
  staleReview,
  // Gaps in the text
  placeholder,
  expiredDate,
  emptySection,
  thinAnswer,
  linkOnly,
  deadEnd,
  missingSection,
  brokenLink,
  // Recital risks
  wallOfText,
  buriedAnswer,
  // Across the knowledge base
  orphanArticle,
  nearDuplicate,
  conflictingAnswer,
  duplicateQuestion,
  boilerplate,
  coverageGap,
  // Translations against their source
  translationDrift,
  staleTranslation,
  missingTranslation,
];

export const RULE_DOCS_BASE = 'https://github.com/kb-audit/kb-audit/blob/main/src/core/rules/';

export function ruleDocsUrl(ruleId: string): string {
  return `${RULE_DOCS_BASE}${ruleId}.md`;
}

export function findRule(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === id);
}
