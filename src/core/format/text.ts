import type { Finding } from '../model';
import { joinDisplayPath } from './paths';

/** One finding a line: `path:line:column severity ruleId message`. `prefix` makes paths relative to the working folder. */
export function formatText(findings: Finding[], prefix = ''): string {
  return findings
    .map((f) => `${joinDisplayPath(prefix, f.file)}:${f.line}:${f.column} ${f.severity} ${f.ruleId} ${f.message.replace(/\s*\n\s*/g, ' ')}`)
    .join('\n');
}
