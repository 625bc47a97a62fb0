// The rules that read one article alone (StandaloneArticleRule), run as each article is parsed,
// in whichever thread parsed it. What they report is kept and the audit replays it where it
// would have run them, so the findings and their order are the same; the work moves into the
// stage that uses both cores, and the parse worker sends back findings instead of the audit
// walking every article again for these rules.
import { activeRules, type ActiveRule } from './activeRules';
import type { ResolvedConfig } from './config/config';
import { errorMessage } from './fileSystem';
import type { Article } from './model';
import type { ReportedFinding, StandaloneArticleRule } from './rules/types';

/** What one rule did on one article: what it reported, and the message it failed with, if it did. */
export interface RuleOutcome {
  reported: ReportedFinding[];
  error?: string;
}

/** The outcomes of the standalone rules on one article, by rule id (rules that do not apply to the file are absent). */
export type ArticleOutcomes = Record<string, RuleOutcome>;

/** What a thread needs to run the checks: plain data, sent once to the parse worker. */
export interface ArticleChecksSpec {
  config: ResolvedConfig;
  /** The audit's clock, in milliseconds since the epoch. */
  now: number;
}

/** Runs the standalone rules of a configuration on articles as they are parsed, and keeps their outcomes by file. */
export class ArticleChecks {
  private readonly rules: ActiveRule[];
  private readonly now: Date;
  /** Outcomes by article path, for the articles checked in this thread or sent back checked from another. */
  readonly outcomes = new Map<string, ArticleOutcomes>();

  constructor(readonly spec: ArticleChecksSpec) {
    this.rules = activeRules(spec.config).filter((active) => active.rule.scope === 'article' && active.rule.standalone);
    this.now = new Date(spec.now);
  }

  /** Runs the rules on one article and returns their outcomes (not kept: see `keep`). */
  run(article: Article): ArticleOutcomes {
    const outcomes: ArticleOutcomes = {};
    for (const active of this.rules) {
      if (!active.appliesTo(article.file)) continue;
      const reported: ReportedFinding[] = [];
      const outcome: RuleOutcome = { reported };
      try {
        (active.rule as StandaloneArticleRule).check({
          config: this.spec.config,
          article,
          options: active.options,
          now: this.now,
          report: (f) => reported.push(f),
        });
      } catch (error) {
        outcome.error = errorMessage(error);
      }
      outcomes[active.rule.id] = outcome;
    }
    return outcomes;
  }

  keep(file: string, outcomes: ArticleOutcomes): void {
    this.outcomes.set(file, outcomes);
  }

  /** The outcome of `ruleId` on the article at `file`, when it ran at parse time under this audit's configuration and clock. */
  outcome(file: string, ruleId: string, config: ResolvedConfig, now: Date): RuleOutcome | undefined {
    if (config !== this.spec.config || now.getTime() !== this.spec.now) return undefined;
    return this.outcomes.get(file)?.[ruleId];
  }
}
