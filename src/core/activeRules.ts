// The rules an audit runs under a configuration: each with its severity, options and the files
// it applies to; and how what a rule reports becomes a finding.
import picomatch from 'picomatch';
import type { ResolvedConfig } from './config/config';
import { errorMessage } from './fileSystem';
import type { Finding, Severity } from './model';
import { RULES } from './rules';
import type { ReportedFinding, Rule } from './rules/types';

export interface ActiveRule {
  rule: Rule;
  severity: Severity;
  /** Set in kb-audit.json, so it wins over a severity the rule suggests for a case. */
  severityConfigured: boolean;
  options: Record<string, unknown>;
  appliesTo: (file: string) => boolean;
}

export function activeRules(config: ResolvedConfig): ActiveRule[] {
  const active: ActiveRule[] = [];
  for (const rule of RULES) {
    const setting = config.rules[rule.id] ?? {};
    if (setting.severity === 'off') continue;
    const { severity, include, exclude, ...options } = setting;
    const isIncluded = include?.length ? picomatch(include) : () => true;
    const isExcluded = exclude?.length ? picomatch(exclude) : () => false;
    active.push({
      rule,
      severity: severity ?? rule.defaultSeverity,
      severityConfigured: severity !== undefined,
      options: { ...(rule.defaultOptions as Record<string, unknown>), ...options },
      appliesTo: (file) => isIncluded(file) && !isExcluded(file),
    });
  }
  return active;
}

export function toFinding(active: ActiveRule, reported: ReportedFinding): Finding {
  return {
    ...reported,
    ruleId: active.rule.id,
    severity: active.severityConfigured ? active.severity : (reported.severity ?? active.severity),
  };
}

/** A rule that throws must not take the audit down: its failure becomes a finding. */
export function ruleFailure(active: ActiveRule, file: string, error: unknown): Finding {
  return {
    ruleId: active.rule.id,
    severity: 'error',
    message: `rule ${active.rule.id} failed on this file: ${errorMessage(error)}`,
    file,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
  };
}
