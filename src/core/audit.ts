import picomatch from 'picomatch';
import type { ResolvedConfig } from './config/config';
import type { FileSystem } from './fileSystem';
import type { KnowledgeBase } from './knowledgeBase';
import { loadKnowledgeBase } from './knowledgeBase';
import type { Article, Finding, Severity } from './model';
import { RULES } from './rules';
import type { ReportedFinding, Rule } from './rules/types';
import { isSuppressed } from './suppressions';
import { compareCodePoints } from './walk';

export interface AuditStats {
  files: number;
  sections: number;
  skipped: number;
  durationMs: number;
}

export interface AuditResult {
  kb: KnowledgeBase;
  findings: Finding[];
  stats: AuditStats;
}

export interface AuditOptions {
  signal?: AbortSignal;
  now?: Date;
}

/** Deterministic order: path, line, column, rule, by code point. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareCodePoints(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compareCodePoints(a.ruleId, b.ruleId) ||
    compareCodePoints(a.message, b.message)
  );
}

interface ActiveRule {
  rule: Rule;
  severity: Severity;
  /** Set in kb-audit.json, so it wins over a severity the rule suggests for a case. */
  severityConfigured: boolean;
  options: Record<string, unknown>;
  appliesTo: (file: string) => boolean;
}

function activeRules(config: ResolvedConfig): ActiveRule[] {
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

/** Runs the per-article rules on one article (also what an edit re-runs). */
export function checkArticle(kb: KnowledgeBase, article: Article, config: ResolvedConfig, now = new Date()): Finding[] {
  const findings: Finding[] = [];
  for (const active of activeRules(config)) {
    if (active.rule.scope !== 'article' || !active.appliesTo(article.file)) continue;
    active.rule.check({
      kb,
      config,
      article,
      options: active.options,
      now,
      report: (f) => findings.push(toFinding(active, f)),
    });
  }
  return findings.filter((f) => !isSuppressed(article, f));
}

function toFinding(active: ActiveRule, reported: ReportedFinding): Finding {
  return {
    ...reported,
    ruleId: active.rule.id,
    severity: active.severityConfigured ? active.severity : (reported.severity ?? active.severity),
  };
}

/** Runs every enabled rule over a loaded knowledge base. */
export async function auditKnowledgeBase(
  kb: KnowledgeBase,
  config: ResolvedConfig,
  options: AuditOptions = {},
): Promise<Finding[]> {
  const now = options.now ?? new Date();
  const findings: Finding[] = [];
  for (const active of activeRules(config)) {
    options.signal?.throwIfAborted();
    const report = (f: ReportedFinding) => {
      if (active.appliesTo(f.file)) findings.push(toFinding(active, f));
    };
    const context = { kb, config, options: active.options, now, report };
    if (active.rule.scope === 'article') {
      for (const article of kb.articles) active.rule.check({ ...context, article });
    } else {
      await active.rule.check(context);
    }
  }
  return findings
    .filter((f) => {
      const article = kb.byFile.get(f.file);
      return !article || !isSuppressed(article, f);
    })
    .sort(compareFindings);
}

/** Loads the docs folder and audits it: the one entry point the CLI and the extension share. */
export async function runAudit(
  fs: FileSystem,
  root: string,
  config: ResolvedConfig,
  options: AuditOptions = {},
): Promise<AuditResult> {
  const started = performance.now();
  const kb = await loadKnowledgeBase(fs, root, config, { signal: options.signal });
  const findings = await auditKnowledgeBase(kb, config, options);
  return {
    kb,
    findings,
    stats: {
      files: kb.articles.length,
      sections: kb.sections.length,
      skipped: kb.skipped.length,
      durationMs: Math.round(performance.now() - started),
    },
  };
}
