import type { Article, Finding } from './model';

/** True when an inline `<!-- kb-audit-disable… -->` comment in the article covers the finding. */
export function isSuppressed(article: Article, finding: Finding): boolean {
  if (article.suppressions.length === 0) return false;
  const covers = (ids: string[]) => ids.length === 0 || ids.includes(finding.ruleId);
  let disabled = false;
  for (const s of article.suppressions) {
    if (s.line > finding.line) break;
    switch (s.kind) {
      case 'disable':
        if (covers(s.ruleIds)) disabled = true;
        break;
      case 'enable':
        if (covers(s.ruleIds) || s.ruleIds.length === 0) disabled = false;
        break;
      case 'disable-line':
        if (s.line === finding.line && covers(s.ruleIds)) return true;
        break;
      case 'disable-next-line':
        if (s.line + 1 === finding.line && covers(s.ruleIds)) return true;
        break;
    }
  }
  return disabled;
}
