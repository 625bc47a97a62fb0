import type { ResolvedConfig } from '../config/config';
import type { KnowledgeBase } from '../knowledgeBase';
import type { VersionHistory } from '../history';
import type { Article, Finding, Severity } from '../model';
import type { RoutedQuestion, SampleQuestion } from '../routing/types';

/** A finding as a rule reports it: the engine fills in the rule id and the configured severity. */
export type ReportedFinding = Omit<Finding, 'ruleId' | 'severity'> & { severity?: Severity };

/** The sample questions of the audit, routed through the answer-or-escalate simulator. */
export interface AuditQuestions {
  /** The questions file relative to the docs root (`/` separators; may start with `../`). */
  file: string;
  questions: SampleQuestion[];
  /** `routed[i]` is what the simulator does with `questions[i]`. */
  routed: RoutedQuestion[];
  /** The confidence below which the simulator escalates. */
  threshold: number;
}

export interface RuleContext<Options> {
  kb: KnowledgeBase;
  config: ResolvedConfig;
  /** The rule's defaults with kb-audit.json's settings for it merged over them. */
  options: Options;
  /** The audit's clock, so staleness is testable. */
  now: Date;
  /** Sample questions, when the audit was given some (kb-audit.json `questions` or `--questions`). */
  questions: AuditQuestions | null;
  /**
   * When each article last changed in version control, when the caller read it (the CLI reads
   * git). Absent where nobody gives one (the editor): rules then use front-matter dates alone.
   */
  history?: VersionHistory;
  report(finding: ReportedFinding): void;
}

export interface ArticleRuleContext<Options> extends RuleContext<Options> {
  article: Article;
}

/** A JSON schema fragment describing one option, for kb-audit.json validation and completion. */
export type OptionSchema = Record<string, unknown>;

interface RuleBase<Options> {
  /** Kebab-case id: the diagnostic code, the SARIF rule id and the key in kb-audit.json. */
  id: string;
  /** One line: what the rule finds. */
  description: string;
  /** One or two sentences: why it matters for a support bot and what to do (SARIF help, reports). */
  rationale: string;
  defaultSeverity: Severity;
  defaultOptions: Options;
  /** JSON schema of each option, keyed like `defaultOptions`. */
  optionsSchema: { [K in keyof Options]: OptionSchema };
  /**
   * Sees every locale of a multilingual knowledge base at once (translations against their
   * source). Other rules run once per locale, on that locale's articles alone.
   */
  acrossLocales?: boolean;
}

/** Sees one article at a time, so an edit re-runs it for that article only. */
export interface ArticleRule<Options = Record<string, unknown>> extends RuleBase<Options> {
  scope: 'article';
  standalone?: false;
  check(context: ArticleRuleContext<Options>): void;
}

/** What a rule that reads its article alone is given: no knowledge base, version history or sample questions. */
export type StandaloneContext<Options> = Omit<ArticleRuleContext<Options>, 'kb' | 'questions' | 'history'>;

/**
 * An article rule that reads nothing but its article, the configuration and the clock. An audit
 * runs it as each article is parsed, in whichever thread parsed it, and keeps only its findings.
 */
export interface StandaloneArticleRule<Options = Record<string, unknown>> extends RuleBase<Options> {
  scope: 'article';
  standalone: true;
  check(context: StandaloneContext<Options>): void;
}

/** Sees the whole knowledge base (duplicates, conflicts, orphans, coverage). */
export interface KnowledgeBaseRule<Options = Record<string, unknown>> extends RuleBase<Options> {
  scope: 'knowledge-base';
  check(context: RuleContext<Options>): void | Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Rule = ArticleRule<any> | StandaloneArticleRule<any> | KnowledgeBaseRule<any>;
