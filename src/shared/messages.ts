// The messages between the extension and the Ask webview: one discriminated union each way,
// and validators both sides run on arrival. A validator copies only the fields it knows into
// fresh objects, so `__proto__` and other extra keys never survive; strings, arrays and numbers
// are bounded, so a misbehaving page cannot make the extension host do unbounded work.

export type Decision = 'answer' | 'clarify' | 'escalate';
export const DECISIONS: readonly Decision[] = ['answer', 'clarify', 'escalate'];

export interface AnswerView {
  file: string;
  heading: string;
  line: number;
  excerpt: string;
}

export interface AlternativeView {
  file: string;
  heading: string;
  line: number;
  confidence: number;
}

/** One routed question as the webview shows it. */
export interface RoutedView {
  question: string;
  decision: Decision;
  confidence: number;
  reason: string;
  answer: AnswerView | null;
  alternatives: AlternativeView[];
  /** Article the question should route to; null: should escalate; absent: unlabelled. */
  expected?: string | null;
  correct?: boolean;
  sectionId?: string;
}

export interface SummaryView {
  questions: number;
  answered: number;
  clarify: number;
  escalated: number;
  threshold: number;
  labelled?: number;
  accuracy?: number;
  balancedAccuracy?: number;
}

/** One threshold of the sweep: how many questions the bot would take, and how many it gets right. */
export interface SweepPoint {
  threshold: number;
  /** Share of all questions answered or clarified, 0–1. */
  coverage: number;
  /** Share of the labelled questions it takes that go to the expected article; null when none are labelled. */
  precision: number | null;
  /** Balanced accuracy over labelled questions; null when none are labelled. */
  balancedAccuracy: number | null;
}

/** An article and its sections, for the per-article view. */
export interface ArticleView {
  file: string;
  title: string;
  sections: { id: string; heading: string; line: number; level: number }[];
}

/** Which part of the page is shown. */
export type Tab = 'ask' | 'questions' | 'threshold' | 'articles';
export const TABS: readonly Tab[] = ['ask', 'questions', 'threshold', 'articles'];

export interface PreviewFilter {
  decision?: Decision;
  /** Section id (`file#slug`): only questions routed there. */
  sectionId?: string;
  /** Text the question must contain. */
  text?: string;
}

/** What the extension tells the webview. */
export type HostMessage =
  | { type: 'status'; state: 'no-docs' | 'indexing' | 'ready'; docsLabel: string; threshold: number; message?: string }
  | { type: 'answer'; requestId: number; result: RoutedView | null }
  | {
      type: 'preview';
      summary: SummaryView;
      results: RoutedView[];
      sweep: SweepPoint[];
      articles: ArticleView[];
      /** Where the questions came from, or a note that there are none. */
      source: string;
    }
  | { type: 'show'; tab: Tab; filter?: PreviewFilter; question?: string };

/** Commands the webview may ask the extension to run: an allow-list, nothing else. */
export const WEBVIEW_COMMANDS = ['runAudit', 'selectDocsFolder', 'previewQuestions', 'openReport'] as const;
export type WebviewCommand = (typeof WEBVIEW_COMMANDS)[number];

/** What the webview asks of the extension. */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'ask'; requestId: number; question: string }
  | { type: 'open'; file: string; line: number }
  | { type: 'whatIf'; threshold: number }
  | { type: 'command'; command: WebviewCommand };

export const LIMITS = {
  question: 1000,
  path: 1024,
  text: 20_000,
  results: 50_000,
  alternatives: 20,
  sweep: 201,
  articles: 50_000,
  sections: 5_000,
} as const;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown, max: number): string | undefined {
  return typeof value === 'string' && value.length <= max ? value : undefined;
}

function num(value: unknown, min = -Infinity, max = Infinity): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max ? value : undefined;
}

function int(value: unknown, min: number, max: number): number | undefined {
  const n = num(value, min, max);
  return n !== undefined && Number.isInteger(n) ? n : undefined;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** Each element through `parse`; undefined when it is not an array, too long, or any element is invalid. */
function arrayOf<T>(value: unknown, max: number, parse: (item: unknown) => T | undefined): T[] | undefined {
  if (!Array.isArray(value) || value.length > max) return undefined;
  const out: T[] = [];
  for (const item of value) {
    const parsed = parse(item);
    if (parsed === undefined) return undefined;
    out.push(parsed);
  }
  return out;
}

/** A path relative to the docs folder: no scheme, no absolute path, no climbing out. */
export function isRelativeDocPath(value: string): boolean {
  if (value === '' || value.length > LIMITS.path) return false;
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(value) || value.startsWith('/') || value.startsWith('\\')) return false;
  return !value.split(/[\\/]/).some((part) => part === '..');
}

function parseAnswer(value: unknown): AnswerView | undefined {
  if (!isObject(value)) return undefined;
  const file = str(value.file, LIMITS.path);
  const heading = str(value.heading, LIMITS.text);
  const line = int(value.line, 0, 1e9);
  const excerpt = str(value.excerpt, LIMITS.text);
  if (file === undefined || heading === undefined || line === undefined || excerpt === undefined) return undefined;
  return { file, heading, line, excerpt };
}

function parseAlternative(value: unknown): AlternativeView | undefined {
  if (!isObject(value)) return undefined;
  const file = str(value.file, LIMITS.path);
  const heading = str(value.heading, LIMITS.text);
  const line = int(value.line, 0, 1e9);
  const confidence = num(value.confidence, 0, 1);
  if (file === undefined || heading === undefined || line === undefined || confidence === undefined) return undefined;
  return { file, heading, line, confidence };
}

export function parseRouted(value: unknown): RoutedView | undefined {
  if (!isObject(value)) return undefined;
  const question = str(value.question, LIMITS.text);
  const decision = oneOf(value.decision, DECISIONS);
  const confidence = num(value.confidence, 0, 1);
  const reason = str(value.reason, LIMITS.text);
  const answer = value.answer === null ? null : parseAnswer(value.answer);
  const alternatives = arrayOf(value.alternatives, LIMITS.alternatives, parseAlternative);
  if (
    question === undefined ||
    decision === undefined ||
    confidence === undefined ||
    reason === undefined ||
    answer === undefined ||
    alternatives === undefined
  ) {
    return undefined;
  }
  const out: RoutedView = { question, decision, confidence, reason, answer, alternatives };
  if (value.expected === null) out.expected = null;
  else if (value.expected !== undefined) {
    const expected = str(value.expected, LIMITS.path);
    if (expected === undefined) return undefined;
    out.expected = expected;
  }
  if (value.correct !== undefined) {
    if (typeof value.correct !== 'boolean') return undefined;
    out.correct = value.correct;
  }
  if (value.sectionId !== undefined) {
    const sectionId = str(value.sectionId, LIMITS.path + LIMITS.text);
    if (sectionId === undefined) return undefined;
    out.sectionId = sectionId;
  }
  return out;
}

function parseSummary(value: unknown): SummaryView | undefined {
  if (!isObject(value)) return undefined;
  const count = (v: unknown) => int(v, 0, LIMITS.results);
  const questions = count(value.questions);
  const answered = count(value.answered);
  const clarify = count(value.clarify);
  const escalated = count(value.escalated);
  const threshold = num(value.threshold, 0, 1);
  if (questions === undefined || answered === undefined || clarify === undefined || escalated === undefined || threshold === undefined) {
    return undefined;
  }
  const out: SummaryView = { questions, answered, clarify, escalated, threshold };
  for (const key of ['labelled', 'accuracy', 'balancedAccuracy'] as const) {
    if (value[key] === undefined) continue;
    const n = key === 'labelled' ? count(value[key]) : num(value[key], 0, 1);
    if (n === undefined) return undefined;
    out[key] = n;
  }
  return out;
}

function parseSweepPoint(value: unknown): SweepPoint | undefined {
  if (!isObject(value)) return undefined;
  const threshold = num(value.threshold, 0, 1);
  const coverage = num(value.coverage, 0, 1);
  const precision = value.precision === null ? null : num(value.precision, 0, 1);
  const balancedAccuracy = value.balancedAccuracy === null ? null : num(value.balancedAccuracy, 0, 1);
  if (threshold === undefined || coverage === undefined || precision === undefined || balancedAccuracy === undefined) return undefined;
  return { threshold, coverage, precision, balancedAccuracy };
}

function parseArticle(value: unknown): ArticleView | undefined {
  if (!isObject(value)) return undefined;
  const file = str(value.file, LIMITS.path);
  const title = str(value.title, LIMITS.text);
  const sections = arrayOf(value.sections, LIMITS.sections, (s) => {
    if (!isObject(s)) return undefined;
    const id = str(s.id, LIMITS.path + LIMITS.text);
    const heading = str(s.heading, LIMITS.text);
    const line = int(s.line, 0, 1e9);
    const level = int(s.level, 0, 6);
    if (id === undefined || heading === undefined || line === undefined || level === undefined) return undefined;
    return { id, heading, line, level };
  });
  if (file === undefined || title === undefined || sections === undefined) return undefined;
  return { file, title, sections };
}

function parseFilter(value: unknown): PreviewFilter | undefined {
  if (!isObject(value)) return undefined;
  const out: PreviewFilter = {};
  if (value.decision !== undefined) {
    const decision = oneOf(value.decision, DECISIONS);
    if (!decision) return undefined;
    out.decision = decision;
  }
  if (value.sectionId !== undefined) {
    const sectionId = str(value.sectionId, LIMITS.path + LIMITS.text);
    if (sectionId === undefined) return undefined;
    out.sectionId = sectionId;
  }
  if (value.text !== undefined) {
    const text = str(value.text, LIMITS.question);
    if (text === undefined) return undefined;
    out.text = text;
  }
  return out;
}

/** The webview's check of what the extension sent; null for anything malformed. */
export function parseHostMessage(data: unknown): HostMessage | null {
  if (!isObject(data)) return null;
  switch (data.type) {
    case 'status': {
      const state = oneOf(data.state, ['no-docs', 'indexing', 'ready'] as const);
      const docsLabel = str(data.docsLabel, LIMITS.path);
      const threshold = num(data.threshold, 0, 1);
      if (!state || docsLabel === undefined || threshold === undefined) return null;
      const message = data.message === undefined ? undefined : str(data.message, LIMITS.text);
      if (data.message !== undefined && message === undefined) return null;
      return message === undefined ? { type: 'status', state, docsLabel, threshold } : { type: 'status', state, docsLabel, threshold, message };
    }
    case 'answer': {
      const requestId = int(data.requestId, 0, Number.MAX_SAFE_INTEGER);
      const result = data.result === null ? null : parseRouted(data.result);
      if (requestId === undefined || result === undefined) return null;
      return { type: 'answer', requestId, result };
    }
    case 'preview': {
      const summary = parseSummary(data.summary);
      const results = arrayOf(data.results, LIMITS.results, parseRouted);
      const sweep = arrayOf(data.sweep, LIMITS.sweep, parseSweepPoint);
      const articles = arrayOf(data.articles, LIMITS.articles, parseArticle);
      const source = str(data.source, LIMITS.path + LIMITS.question);
      if (!summary || !results || !sweep || !articles || source === undefined) return null;
      return { type: 'preview', summary, results, sweep, articles, source };
    }
    case 'show': {
      const tab = oneOf(data.tab, TABS);
      if (!tab) return null;
      const out: HostMessage = { type: 'show', tab };
      if (data.filter !== undefined) {
        const filter = parseFilter(data.filter);
        if (!filter) return null;
        out.filter = filter;
      }
      if (data.question !== undefined) {
        const question = str(data.question, LIMITS.question);
        if (question === undefined) return null;
        out.question = question;
      }
      return out;
    }
    default:
      return null;
  }
}

/** A short, bounded description of a message that failed validation, for a log line. */
export function describeMessage(data: unknown): string {
  if (!isObject(data)) return Array.isArray(data) ? 'an array' : data === null ? 'null' : `a ${typeof data}`;
  const type = data.type;
  if (typeof type !== 'string') return 'an object without a type';
  const shown = type.length > 40 ? `${type.slice(0, 40)}…` : type;
  return `type ${JSON.stringify(shown)}`;
}

/** The extension's check of what the webview sent; null for anything malformed or not allowed. */
export function parseWebviewMessage(data: unknown): WebviewMessage | null {
  if (!isObject(data)) return null;
  switch (data.type) {
    case 'ready':
      return { type: 'ready' };
    case 'ask': {
      const requestId = int(data.requestId, 0, Number.MAX_SAFE_INTEGER);
      const question = str(data.question, LIMITS.question);
      if (requestId === undefined || question === undefined) return null;
      return { type: 'ask', requestId, question };
    }
    case 'open': {
      const file = str(data.file, LIMITS.path);
      const line = int(data.line, 0, 1e9);
      if (file === undefined || line === undefined || !isRelativeDocPath(file)) return null;
      return { type: 'open', file, line };
    }
    case 'whatIf': {
      const threshold = num(data.threshold, 0, 1);
      if (threshold === undefined) return null;
      return { type: 'whatIf', threshold };
    }
    case 'command': {
      const command = oneOf(data.command, WEBVIEW_COMMANDS);
      if (!command) return null;
      return { type: 'command', command };
    }
    default:
      return null;
  }
}
