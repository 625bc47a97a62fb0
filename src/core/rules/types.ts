import type { ResolvedConfig } from '../config/config';
import type { KnowledgeBase } from '../knowledgeBase';
import type { Article, Finding, Severity } from '../model';

/** A finding as a rule reports it: the engine fills in the rule id and the configured severity. */
export type ReportedFinding = Omit<Finding, 'ruleId' | 'severity'> & { severity?: Severity };

export interface RuleContext<Options> {
  kb: KnowledgeBase;
  config: ResolvedConfig;
  /** The rule's defaults with kb-audit.json's settings for it merged over them. */
  options: Options;
  /** The audit's clock, so staleness is testable. */
  now: Date;
  report(finding: ReportedFinding): void;
}

export interface ArticleRuleContext<Options> extends RuleContext<Options> {
  article: Article;
}

interface RuleBase<Options> {
  /** Kebab-case id: the diagnostic code, the SARIF rule id and the key in kb-audit.json. */
  id: string;
  /** One line: what the rule finds. */
  description: string;
  defaultSeverity: Severity;
  defaultOptions: Options;
}

/** Sees one article at a time, so an edit re-runs it for that article only. */
export interface ArticleRule<Options = Record<string, unknown>> extends RuleBase<Options> {
  scope: 'article';
  check(context: ArticleRuleContext<Options>): void;
}

/** Sees the whole knowledge base (duplicates, conflicts, orphans, coverage). */
export interface KnowledgeBaseRule<Options = Record<string, unknown>> extends RuleBase<Options> {
  scope: 'knowledge-base';
  check(context: RuleContext<Options>): void | Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Rule = ArticleRule<any> | KnowledgeBaseRule<any>;
