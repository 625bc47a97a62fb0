// The shapes of `kb-audit ask` and `kb-audit preview` results (the JSON contract).

export type Decision = 'answer' | 'clarify' | 'escalate';

export interface AnswerLocation {
  file: string;
  heading: string;
  line: number;
  /** The reply the bot would give: the section's opening sentences, trimmed to the reply length. */
  excerpt: string;
  /** The reply is a verbatim recital of a section much longer than a reply. */
  recital?: boolean;
}

export interface Alternative {
  file: string;
  heading: string;
  line: number;
  confidence: number;
}

export interface RoutedQuestion {
  question: string;
  decision: Decision;
  confidence: number;
  reason: string;
  answer: AnswerLocation | null;
  alternatives: Alternative[];
  /** Present for labelled questions: the expected article, or null for "should escalate". */
  expected?: string | null;
  correct?: boolean;
  /** Section id of the answer, for per-section counts. */
  sectionId?: string;
  /** Where the question came from (questions file line), for gap findings. */
  source?: { file: string; line: number };
  /** The escalation trigger that matched, if any. */
  trigger?: string;
}

export interface PreviewSummary {
  questions: number;
  answered: number;
  clarify: number;
  escalated: number;
  threshold: number;
  labelled?: number;
  accuracy?: number;
  inScopeAccuracy?: number;
  outOfScopeRecall?: number;
  balancedAccuracy?: number;
}

/** One row of the threshold sweep: what the bot would do at this threshold. */
export interface SweepPoint {
  threshold: number;
  /** Share of questions answered or clarified rather than escalated. */
  coverage: number;
  /** Of the labelled questions it would answer, the share answered from the expected article. */
  precision: number | null;
  accuracy?: number;
  inScopeAccuracy?: number;
  outOfScopeRecall?: number;
  balancedAccuracy?: number;
}

/** Labelled questions that went to the wrong place: `expected` (null: should escalate) taken by `got`. */
export interface ConfusionEntry {
  expected: string | null;
  /** The article that took them, or null when they were escalated. */
  got: string | null;
  count: number;
  examples: string[];
}

/** How many sample questions a section answers: CodeLens counts in the editor. */
export interface SectionCount {
  sectionId: string;
  file: string;
  heading: string;
  line: number;
  answered: number;
  clarify: number;
}

export interface PreviewResult {
  summary: PreviewSummary;
  results: RoutedQuestion[];
  /** Present when asked for: coverage against precision at each threshold. */
  sweep?: SweepPoint[];
  /** Present when questions are labelled: which article takes whose questions. */
  confusion?: ConfusionEntry[];
  /** Sections that answer at least one question, most first. */
  sections?: SectionCount[];
}

/** A sample question read from a questions file. */
export interface SampleQuestion {
  question: string;
  /** undefined: unlabelled; null: nothing in the docs answers it. */
  expected?: string | null;
  section?: string;
  /** In a translated knowledge base, the locale the question is asked in (a `locale` column or key): it is routed against that locale's articles. */
  locale?: string;
  line: number;
  /** The questions file, for findings that point back at the question. */
  file?: string;
}
