// The shapes of `kb-audit ask` and `kb-audit preview` results (the JSON contract).

export type Decision = 'answer' | 'clarify' | 'escalate';

export interface AnswerLocation {
  file: string;
  heading: string;
  line: number;
  excerpt: string;
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

export interface PreviewResult {
  summary: PreviewSummary;
  results: RoutedQuestion[];
}

/** A sample question read from a questions file. */
export interface SampleQuestion {
  question: string;
  /** undefined: unlabelled; null: nothing in the docs answers it. */
  expected?: string | null;
  section?: string;
  line: number;
}
