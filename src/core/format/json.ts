import type { AuditStats } from '../audit';
import type { Finding } from '../model';

export interface AuditReport {
  tool: 'kb-audit';
  version: string;
  root: string;
  stats: AuditStats;
  findings: Array<Omit<Finding, 'fix'>>;
}

/** The `audit --format json` document of the CLI contract. */
export function toAuditReport(root: string, version: string, stats: AuditStats, findings: Finding[]): AuditReport {
  return {
    tool: 'kb-audit',
    version,
    root,
    stats,
    findings: findings.map((f) => {
      const out: Omit<Finding, 'fix'> = {
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        file: f.file,
        line: f.line,
        column: f.column,
        endLine: f.endLine,
        endColumn: f.endColumn,
      };
      if (f.related?.length) out.related = f.related;
      return out;
    }),
  };
}

export function formatJson(report: unknown): string {
  return JSON.stringify(report, null, 2);
}
