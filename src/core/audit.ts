import picomatch from 'picomatch';
import type { AuditCache } from './cache/auditCache';
import type { ResolvedConfig } from './config/config';
import type { FileSystem } from './fileSystem';
import { errorMessage, toPosix } from './fileSystem';
import type { KnowledgeBase } from './knowledgeBase';
import { loadKnowledgeBase } from './knowledgeBase';
import type { Article, Finding, Severity } from './model';
import { loadQuestions } from './routing/questions';
import { SearchIndex } from './routing/searchIndex';
import { DEFAULT_THRESHOLD, previewQuestions } from './routing/simulator';
import type { PreviewResult } from './routing/types';
import { RULES } from './rules';
import type { AuditQuestions, ReportedFinding, Rule } from './rules/types';
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
  /** The sample questions and what the simulator does with each, when the audit had some. */
  questions: AuditQuestionsReport | null;
}

export interface AuditQuestionsReport {
  /** The questions file relative to the docs root, as findings name it. */
  file: string;
  preview: PreviewResult;
}

export interface AuditOptions {
  signal?: AbortSignal;
  now?: Date;
  /**
   * Absolute path of a sample questions file (.txt, .csv, .jsonl) for the coverage rules.
   * Undefined: kb-audit.json's `questions`; null: none.
   */
  questions?: string | null;
  /** How errors about the questions file name it (default: its path). */
  questionsDisplayName?: string;
  /** Called with each rule's running time, for benchmarks. */
  onRuleTimed?: (ruleId: string, ms: number) => void;
  /**
   * Parsed articles and the last findings from earlier runs (the CLI's --cache). Findings are
   * reused only for the same engine, configuration, day and article contents, and never when the
   * audit routes sample questions.
   */
  cache?: AuditCache;
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

function toFinding(active: ActiveRule, reported: ReportedFinding): Finding {
  return {
    ...reported,
    ruleId: active.rule.id,
    severity: active.severityConfigured ? active.severity : (reported.severity ?? active.severity),
  };
}

/** A rule that throws must not take the audit down: its failure becomes a finding. */
function ruleFailure(active: ActiveRule, file: string, error: unknown): Finding {
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

/** Runs the per-article rules on one article (also what an edit re-runs). */
export function checkArticle(kb: KnowledgeBase, article: Article, config: ResolvedConfig, now = new Date()): Finding[] {
  const findings: Finding[] = [];
  for (const active of activeRules(config)) {
    if (active.rule.scope !== 'article' || !active.appliesTo(article.file)) continue;
    try {
      active.rule.check({
        kb,
        config,
        article,
        options: active.options,
        now,
        questions: null,
        report: (f) => findings.push(toFinding(active, f)),
      });
    } catch (error) {
      findings.push(ruleFailure(active, article.file, error));
    }
  }
  return findings.filter((f) => !isSuppressed(article, f)).sort(compareFindings);
}

/** Runs every enabled rule over a loaded knowledge base. */
export async function auditKnowledgeBase(
  kb: KnowledgeBase,
  config: ResolvedConfig,
  options: AuditOptions & { auditQuestions?: AuditQuestions | null } = {},
): Promise<Finding[]> {
  const now = options.now ?? new Date();
  const findings: Finding[] = [];
  for (const active of activeRules(config)) {
    options.signal?.throwIfAborted();
    const started = performance.now();
    const report = (f: ReportedFinding) => {
      if (active.appliesTo(f.file)) findings.push(toFinding(active, f));
    };
    const context = { kb, config, options: active.options, now, questions: options.auditQuestions ?? null, report };
    if (active.rule.scope === 'article') {
      for (const article of kb.articles) {
        if (!active.appliesTo(article.file)) continue;
        try {
          active.rule.check({ ...context, article });
        } catch (error) {
          findings.push(ruleFailure(active, article.file, error));
        }
      }
    } else {
      try {
        await active.rule.check(context);
      } catch (error) {
        findings.push({ ...ruleFailure(active, '.', error), message: `rule ${active.rule.id} failed: ${errorMessage(error)}` });
      }
    }
    options.onRuleTimed?.(active.rule.id, performance.now() - started);
  }
  return findings
    .filter((f) => {
      const article = kb.byFile.get(f.file);
      return !article || !isSuppressed(article, f);
    })
    .sort(compareFindings);
}

/** `path` relative to `root`, with `../` when it lies outside. */
export function relativeTo(root: string, path: string): string {
  const from = toPosix(root).replace(/\/+$/, '').split('/').filter(Boolean);
  const to = toPosix(path).split('/').filter(Boolean);
  let i = 0;
  while (i < from.length && i < to.length && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => '..'), ...to.slice(i)].join('/');
}

/** Reads and routes the sample questions once, for every rule that needs them. */
export async function routeSampleQuestions(
  fs: FileSystem,
  root: string,
  kb: KnowledgeBase,
  config: ResolvedConfig,
  path: string,
  displayName = path,
): Promise<AuditQuestions & { preview: PreviewResult }> {
  const questions = await loadQuestions(fs, path, displayName);
  const preview = previewQuestions(SearchIndex.build(kb), questions, config.routing);
  return {
    file: relativeTo(root, path),
    questions,
    routed: preview.results,
    threshold: config.routing.threshold ?? preview.summary.threshold ?? DEFAULT_THRESHOLD,
    preview,
  };
}

/** Loads the docs folder and audits it: the one entry point the CLI and the extension share. */
export async function runAudit(
  fs: FileSystem,
  root: string,
  config: ResolvedConfig,
  options: AuditOptions = {},
): Promise<AuditResult> {
  const started = performance.now();
  const { cache } = options;
  const kb = await loadKnowledgeBase(fs, root, config, { signal: options.signal, cache });
  const questionsPath = options.questions === undefined ? config.questions : options.questions;
  const routed = questionsPath ? await routeSampleQuestions(fs, root, kb, config, questionsPath, options.questionsDisplayName) : null;
  let findings: Finding[] | null = null;
  let findingsKey: string | undefined;
  if (cache && !routed) {
    findingsKey = cache.findingsKey({ config, day: (options.now ?? new Date()).toISOString().slice(0, 10), articles: kb.articles, skipped: kb.skipped });
    findings = await cache.findings(findingsKey);
  }
  findings ??= await auditKnowledgeBase(kb, config, { ...options, auditQuestions: routed });
  await cache?.save(findingsKey ? { key: findingsKey, findings } : undefined);
  return {
    kb,
    findings,
    stats: {
      files: kb.articles.length,
      sections: kb.sections.length,
      skipped: kb.skipped.length,
      durationMs: Math.round(performance.now() - started),
    },
    questions: routed ? { file: routed.file, preview: routed.preview } : null,
  };
}
