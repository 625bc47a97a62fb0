// Every audit rule, once, in the order they run. Each lives in its own file with a page of
// documentation beside it (<id>.md).
import { emptySection } from './empty-section';
import { fileSkipped } from './file-skipped';
import { frontMatterInvalid } from './front-matter-invalid';
import { invalidEncoding } from './invalid-encoding';
import type { Rule } from './types';

export const RULES: readonly Rule[] = [fileSkipped, invalidEncoding, frontMatterInvalid, emptySection];

export const RULE_DOCS_BASE = 'https://github.com/kb-audit/kb-audit/blob/main/src/core/rules/';

export function ruleDocsUrl(ruleId: string): string {
  return `${RULE_DOCS_BASE}${ruleId}.md`;
}

export function findRule(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === id);
}
