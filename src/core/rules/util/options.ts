// Reading another rule's settings: rules that defer to each other (a dead end is not also a
// thin answer) only do so while the other rule is on.
import type { ResolvedConfig } from '../../config/config';

/** True unless kb-audit.json turns the rule off. */
export function isRuleEnabled(config: ResolvedConfig, ruleId: string): boolean {
  return config.rules[ruleId]?.severity !== 'off';
}

/** A rule's options: its defaults with kb-audit.json's settings merged over them. */
export function ruleOptions<T extends object>(config: ResolvedConfig, ruleId: string, defaults: T): T {
  const setting = config.rules[ruleId] ?? {};
  const { severity: _severity, include: _include, exclude: _exclude, ...options } = setting;
  return { ...defaults, ...options } as T;
}

/** Front-matter keys that hold when an article was last reviewed: the team's own, then docfx's `ms.date` (Microsoft Learn's review date). */
export const DEFAULT_REVIEW_KEYS: readonly string[] = ['last_reviewed', 'updated', 'ms.date'];

/** The review-date keys every date-aware rule reads (the stale-review rule's `keys` option). */
export function reviewDateKeys(config: ResolvedConfig): string[] {
  const keys = config.rules['stale-review']?.keys;
  return Array.isArray(keys) && keys.every((k) => typeof k === 'string') ? (keys as string[]) : [...DEFAULT_REVIEW_KEYS];
}
