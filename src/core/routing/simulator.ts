// The answer-or-escalate simulator: what a careful support bot would do with each question.

import type { RoutingConfig } from '../config/schema';
import { compareCodePoints } from '../walk';
import type { OnProgress } from '../progress';
import { calibrate } from './calibration';
import { sectionRecords } from './records';
import { answerText, openingSentences } from './reply';
import type { ArticleMatch, SearchIndex, SearchResult } from './searchIndex';
import { DEFAULT_ESCALATION_TRIGGERS, triggerMatcher, type TriggerMatcher } from './triggers';
import { ENGLISH, type Analyzer } from './language';
import type {
  Alternative,
  AnswerLocation,
  ConfusionEntry,
  PreviewResult,
  PreviewSummary,
  RoutedQuestion,
  SampleQuestion,
  SectionCount,
  SweepPoint,
} from './types';

/** Answer when the match beats half the matches a question on a missing topic would get. */
export const DEFAULT_THRESHOLD = 0.5;
/** Ask which one is meant when another article comes this close in confidence. */
export const DEFAULT_CLARIFY_MARGIN = 0.05;
export const DEFAULT_REPLY_LENGTH = 280;
/** A verbatim reply counts as a recital when the section's answer is this many times longer than a reply. */
export const RECITAL_FACTOR = 3;
const ALTERNATIVES = 3;
/** The embedding model is named in a reason when it gave at least this share of the best record's score. */
const MEANING_SHARE_SHOWN = 0.25;

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** The routing settings with defaults filled in. */
export interface RoutingPolicy {
  threshold: number;
  clarifyMargin: number;
  replyLength: number;
  recitalLength: number;
  synonyms: { from: string[]; to: string }[];
  triggers: TriggerMatcher;
  /** The language the synonyms and trigger phrases are matched in. */
  analyzer: Analyzer;
}

const policies = new WeakMap<RoutingConfig, Map<Analyzer, RoutingPolicy>>();

/**
 * The routing settings for questions read by `analyzer` (the index's): synonyms and trigger
 * phrases are folded as the questions' words are, so a German phrase meets its inflected forms.
 */
export function routingPolicy(routing: RoutingConfig = {}, analyzer: Analyzer = ENGLISH): RoutingPolicy {
  let byAnalyzer = policies.get(routing);
  if (!byAnalyzer) policies.set(routing, (byAnalyzer = new Map()));
  const cached = byAnalyzer.get(analyzer);
  if (cached) return cached;
  const { phraseStems } = analyzer;
  const replyLength = routing.replyLength ?? DEFAULT_REPLY_LENGTH;
  const synonyms: RoutingPolicy['synonyms'] = [];
  for (const [canonical, variants] of Object.entries(routing.synonyms ?? {})) {
    for (const variant of variants) {
      const from = phraseStems(variant);
      if (from.length > 0) synonyms.push({ from, to: canonical });
    }
  }
  // Longest phrases first, so "money back guarantee" wins over "money back".
  synonyms.sort((a, b) => b.from.length - a.from.length);
  const policy: RoutingPolicy = {
    threshold: routing.threshold ?? DEFAULT_THRESHOLD,
    clarifyMargin: routing.clarifyMargin ?? DEFAULT_CLARIFY_MARGIN,
    replyLength,
    recitalLength: routing.recitalLength ?? RECITAL_FACTOR * replyLength,
    synonyms,
    triggers: triggerMatcher(routing.escalate ?? DEFAULT_ESCALATION_TRIGGERS, routing.escalateArticles ?? [], analyzer),
    analyzer,
  };
  byAnalyzer.set(analyzer, policy);
  return policy;
}

/** Rewrites the customer's words into the articles' words, per the configured synonyms. */
export function applySynonyms(question: string, synonyms: RoutingPolicy['synonyms'], analyzer: Analyzer = ENGLISH): string {
  if (synonyms.length === 0) return question;
  const { words, phraseStems } = analyzer;
  const original = words(question);
  const stems = original.map((w) => phraseStems(w)[0] ?? w);
  const out: string[] = [];
  let i = 0;
  while (i < original.length) {
    const hit = synonyms.find((s) => s.from.every((stem, j) => stems[i + j] === stem));
    if (hit) {
      out.push(hit.to);
      i += hit.from.length;
    } else {
      out.push(original[i++]);
    }
  }
  return out.join(' ');
}

function quoteList(items: string[], max = 4): string {
  const shown = items.slice(0, max).map((t) => `"${t}"`);
  if (items.length > max) shown.push(`${items.length - max} more`);
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

function answerFor(match: ArticleMatch, policy: RoutingPolicy): AnswerLocation {
  const section = match.section;
  const parts = sectionRecords(section);
  const full = answerText(parts.answer);
  const excerpt = openingSentences(full, policy.replyLength);
  const answer: AnswerLocation = { file: match.file, heading: section.heading, line: section.startLine, excerpt };
  if (full.length > policy.recitalLength && excerpt.length > 0) answer.recital = true;
  return answer;
}

/**
 * Which of the question's terms the article knows (by the word itself, its spelling or its
 * meaning), which words are unknown everywhere, and which words were read by their meaning.
 */
function evidence(index: SearchIndex, result: SearchResult, match: ArticleMatch | undefined) {
  const readings = new Map(result.query.corrections.map((c) => [c.word, c.readAs]));
  const meanings = new Map((result.query.meanings ?? []).map((m) => [m.word, m.readAs]));
  const matched: string[] = [];
  const missing: string[] = [];
  const readAs: { term: string; as: string }[] = [];
  for (const term of result.query.terms) {
    const forms = readings.get(term) ?? [term];
    if (match && forms.some((f) => index.articleHasTerm(match.article, f))) {
      matched.push(term);
      continue;
    }
    const meaning = match ? meanings.get(term)?.find((f) => index.articleHasTerm(match.article, f)) : undefined;
    if (meaning === undefined) {
      missing.push(term);
      continue;
    }
    matched.push(term);
    readAs.push({ term, as: meaning });
  }
  const shownTerm = (t: string) => result.query.surface.get(t) ?? t;
  const shown = (ts: string[]) => ts.map(shownTerm);
  const unknown = shown(result.query.unknown);
  const meaningText = readAs.map((r) => `"${shownTerm(r.term)}" read as "${index.surfaceOf(r.as)}"`).join(', ');
  return { matched: shown(matched), missing: shown(missing), unknown, meaningText };
}

/**
 * Why the best match comes before an article whose records match more closely (a higher
 * confidence): it holds more of the question. Empty when no other article scores higher.
 */
function outrankedText(best: ArticleMatch, rest: ArticleMatch[]): string {
  const closer = rest.find((m) => m.file !== best.file && m.score > best.score);
  if (!closer || best.coverage === undefined || closer.coverage === undefined) return '';
  const percent = (x: number) => `${Math.round(x * 100)}%`;
  return `; ranked above "${closer.section.heading}" (${closer.file}), whose records match more closely, because it holds more of the question (${percent(best.coverage)} against ${percent(closer.coverage)})`;
}

function coversAll(terms: string[], required: string[]): boolean {
  const have = new Set(terms);
  return required.every((t) => have.has(t));
}

/** Decides what the bot would do with one question. */
export function routeQuestion(index: SearchIndex, question: string, routing: RoutingConfig = {}): RoutedQuestion {
  const policy = routingPolicy(routing, index.analyzer);
  const { threshold } = policy;
  const result = index.search(applySynonyms(question, policy.synonyms, index.analyzer), { limit: ALTERNATIVES + 1, queryVector: index.questionVector(question) });
  const calibration = index.calibration;
  const [best, ...rest] = result.matches;
  const confidence = best ? round(calibrate(calibration, best.score)) : 0;
  const alternatives: Alternative[] = rest.map((m) => ({
    file: m.file,
    heading: m.section.heading,
    line: m.section.startLine,
    confidence: round(calibrate(calibration, m.score)),
  }));
  const answer = best ? answerFor(best, policy) : null;
  const routed: RoutedQuestion = { question, decision: 'escalate', confidence, reason: '', answer, alternatives };
  if (best) routed.sectionId = best.section.id;

  const phrase = policy.triggers.phraseIn(question);
  if (phrase !== undefined) {
    routed.trigger = phrase;
    routed.reason = `escalation trigger "${phrase}": always goes to a person`;
    return routed;
  }
  if (result.query.terms.length === 0) {
    routed.reason = 'no meaningful words to match: only greetings, filler or punctuation';
    return routed;
  }
  const { matched, missing, unknown, meaningText } = evidence(index, result, best);
  // With embeddings: "by meaning via <model> (similarity 0.82)" where the model carried a real part of the match, first when it carried most.
  const meaning = best?.meaning && result.embeddingModel && best.meaning.share >= MEANING_SHARE_SHOWN ? best.meaning : undefined;
  const byModel = meaning ? `by meaning via ${result.embeddingModel} (similarity ${round(meaning.similarity)})` : '';
  const sharedText = (fallback: string) => {
    const words = quoteList(matched);
    if (!byModel) return words || fallback;
    if (!words) return byModel;
    return meaning!.share >= 0.5 ? `${byModel} and ${words}` : `${words} and ${byModel}`;
  };
  if (!best) {
    routed.reason = `nothing in the docs shares a word with the question (${quoteList(unknown)} appear nowhere)`;
    return routed;
  }
  const where = `"${best.section.heading}" (${best.file})`;
  const gaps: string[] = [];
  if (unknown.length) gaps.push(`${quoteList(unknown)} appear${unknown.length === 1 ? 's' : ''} nowhere in the docs`);
  const notHere = missing.filter((t) => !unknown.includes(t));
  if (notHere.length) gaps.push(`${quoteList(notHere)} not in that article`);
  const gapText = (meaningText ? ` (${meaningText})` : '') + (gaps.length ? `; ${gaps.join('; ')}` : '') + outrankedText(best, rest);
  if (confidence < threshold) {
    routed.reason = `confidence ${confidence} is below the threshold ${threshold}: the best match, ${where}, ${byModel ? `${matched.length ? `shares only ${quoteList(matched)} and matches` : 'matches only'} ${byModel}` : `shares only ${quoteList(matched) || 'fuzzy matches'}`}${gapText}`;
    return routed;
  }
  const glob = policy.triggers.articleGlob(best.file);
  if (glob !== undefined) {
    routed.trigger = glob;
    routed.reason = `the best match, ${where}, is a topic that always goes to a person (routing.escalateArticles "${glob}")`;
    return routed;
  }
  const rivalAt = rest.findIndex((m) => m.file !== best.file);
  const rival = rivalAt < 0 ? undefined : alternatives[rivalAt];
  if (
    rival &&
    rival.confidence >= threshold &&
    confidence - rival.confidence < policy.clarifyMargin &&
    // A question that names something only the best article has is not ambiguous: "how long
    // does a refund take" against "How long will delivery take?" shares the frame, not the topic.
    coversAll(evidence(index, result, rest[rivalAt]).matched, matched)
  ) {
    routed.decision = 'clarify';
    routed.reason = `${where} and "${rival.heading}" (${rival.file}) match almost equally (${confidence} and ${rival.confidence}): ask which one is meant`;
    return routed;
  }
  routed.decision = 'answer';
  const noText = answer && !answer.excerpt ? '; the section has no answer text to reply with' : '';
  routed.reason = `${where} matches ${sharedText('by spelling')} with confidence ${confidence}${gapText}${noText}`;
  return routed;
}

function isCorrect(r: RoutedQuestion, escalated: boolean): boolean {
  if (r.expected === null) return escalated;
  return !escalated && r.answer?.file === r.expected;
}

/** Routes every sample question and scores the labelled ones; `sweep` adds the threshold table. */
export function previewQuestions(
  index: SearchIndex,
  questions: SampleQuestion[],
  routing: RoutingConfig = {},
  options: { sweep?: boolean; onProgress?: OnProgress; indexOf?: (q: SampleQuestion) => SearchIndex } = {},
): PreviewResult {
  const threshold = routingPolicy(routing).threshold;
  const { onProgress } = options;
  const used = new Set<SearchIndex>([index]);
  const results = questions.map((q, done) => {
    onProgress?.({ stage: 'questions', done, total: questions.length });
    // A question in another locale of a translated knowledge base is answered from that locale's articles.
    const own = options.indexOf?.(q) ?? index;
    used.add(own);
    const routed = routeQuestion(own, q.question, routing);
    if (q.file !== undefined) routed.source = { file: q.file, line: q.line };
    if (q.expected !== undefined) {
      routed.expected = q.expected;
      routed.correct = isCorrect(routed, routed.decision === 'escalate');
    }
    return routed;
  });
  const preview: PreviewResult = { summary: summarize(results, threshold), results };
  if (options.sweep) preview.sweep = sweep(results);
  if (results.some((r) => r.expected !== undefined)) preview.confusion = confusion(results);
  preview.sections = sectionCounts([...used], results);
  return preview;
}

function rates(results: RoutedQuestion[], escalated: (r: RoutedQuestion) => boolean) {
  const labelled = results.filter((r) => r.expected !== undefined);
  if (labelled.length === 0) return null;
  const inScope = labelled.filter((r) => r.expected !== null);
  const outOfScope = labelled.filter((r) => r.expected === null);
  const rate = (rs: RoutedQuestion[]) => (rs.length ? rs.filter((r) => isCorrect(r, escalated(r))).length / rs.length : 0);
  return {
    labelled: labelled.length,
    accuracy: round(rate(labelled)),
    inScopeAccuracy: round(rate(inScope)),
    outOfScopeRecall: round(rate(outOfScope)),
    balancedAccuracy: round(inScope.length && outOfScope.length ? (rate(inScope) + rate(outOfScope)) / 2 : rate(labelled)),
  };
}

export function summarize(results: RoutedQuestion[], threshold: number): PreviewSummary {
  const summary: PreviewSummary = {
    questions: results.length,
    answered: results.filter((r) => r.decision === 'answer').length,
    clarify: results.filter((r) => r.decision === 'clarify').length,
    escalated: results.filter((r) => r.decision === 'escalate').length,
    threshold,
  };
  const scored = rates(results, (r) => r.decision === 'escalate');
  if (scored) Object.assign(summary, scored);
  return summary;
}

/** Thresholds of the default sweep: 0, 0.05, …, 1. */
export const SWEEP_THRESHOLDS: readonly number[] = Array.from({ length: 21 }, (_, i) => round(i * 0.05));

/**
 * What the bot would do at each threshold: coverage (share not escalated) against precision
 * (share of answered labelled questions answered from the expected article). Triggers
 * escalate at every threshold; a question with nothing to match never counts as answered.
 */
export function sweep(results: RoutedQuestion[], thresholds: readonly number[] = SWEEP_THRESHOLDS): SweepPoint[] {
  return thresholds.map((t) => {
    const escalated = (r: RoutedQuestion) => r.trigger !== undefined || !r.answer || r.confidence < t;
    const kept = results.filter((r) => !escalated(r));
    const labelledKept = kept.filter((r) => r.expected !== undefined);
    const point: SweepPoint = {
      threshold: t,
      coverage: results.length ? round(kept.length / results.length) : 0,
      precision: labelledKept.length ? round(labelledKept.filter((r) => r.answer?.file === r.expected).length / labelledKept.length) : null,
    };
    const scored = rates(results, escalated);
    if (scored) {
      point.accuracy = scored.accuracy;
      point.inScopeAccuracy = scored.inScopeAccuracy;
      point.outOfScopeRecall = scored.outOfScopeRecall;
      point.balancedAccuracy = scored.balancedAccuracy;
    }
    return point;
  });
}

/** Labelled questions that went wrong, grouped by where they should have gone and where they went. */
export function confusion(results: RoutedQuestion[]): ConfusionEntry[] {
  const groups = new Map<string, ConfusionEntry>();
  for (const r of results) {
    if (r.expected === undefined || r.correct) continue;
    const got = r.decision === 'escalate' ? null : (r.answer?.file ?? null);
    const key = JSON.stringify([r.expected, got]);
    let entry = groups.get(key);
    if (!entry) groups.set(key, (entry = { expected: r.expected, got, count: 0, examples: [] }));
    entry.count++;
    if (entry.examples.length < 3) entry.examples.push(r.question);
  }
  return [...groups.values()].sort(
    (a, b) => b.count - a.count || compareCodePoints(String(a.expected), String(b.expected)) || compareCodePoints(String(a.got), String(b.got)),
  );
}

/** How many questions each section answers or is offered for: the editor's CodeLens counts. */
export function sectionCounts(indexes: readonly SearchIndex[], results: RoutedQuestion[]): SectionCount[] {
  const byId = new Map(indexes.flatMap((index) => index.sections.map((s) => [s.id, s] as const)));
  const counts = new Map<string, SectionCount>();
  for (const r of results) {
    if (r.decision === 'escalate' || !r.sectionId) continue;
    const section = byId.get(r.sectionId);
    if (!section) continue;
    let c = counts.get(r.sectionId);
    if (!c) counts.set(r.sectionId, (c = { sectionId: section.id, file: section.file, heading: section.heading, line: section.startLine, answered: 0, clarify: 0 }));
    if (r.decision === 'answer') c.answered++;
    else c.clarify++;
  }
  return [...counts.values()].sort((a, b) => b.answered + b.clarify - (a.answered + a.clarify) || compareCodePoints(a.sectionId, b.sectionId));
}
