import type { Article, Finding, Fix } from './model';

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

/**
 * "Ignore this here": inserts `<!-- kb-audit-disable-next-line <rule> -->` above the finding's
 * line, indented like it. The edit replaces the whole line and expects it unchanged.
 */
export function suppressionFix(article: Article, finding: Finding): Fix | undefined {
  const line = finding.line;
  const target = article.lines.at(line - 1);
  // Inside front matter a comment would be YAML text: there, exclude the file in kb-audit.json.
  const fm = article.frontMatter;
  if (target === undefined || (fm && line <= fm.endLine)) return undefined;
  const indent = /^\s*(?:[-*+]\s+|\d+[.)]\s+|>\s*)?/.exec(target)![0].replace(/[^\s]/g, ' ');
  const comment = `<!-- kb-audit-disable-next-line ${finding.ruleId} -->`;
  return {
    title: `Ignore ${finding.ruleId} here`,
    edits: [
      {
        range: { line, column: 1, endLine: line, endColumn: target.length + 1 },
        expected: target,
        newText: `${indent}${comment}${article.eol}${target}`,
      },
    ],
  };
}
