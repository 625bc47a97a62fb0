import type { RoutingConfig } from '../config/schema';
import type { Section } from '../model';
import type { SearchIndex } from './searchIndex';
import type { PreviewResult, PreviewSummary, RoutedQuestion, SampleQuestion } from './types';

export const DEFAULT_THRESHOLD = 0.35;
export const DEFAULT_CLARIFY_MARGIN = 0.05;
export const DEFAULT_REPLY_LENGTH = 280;

function excerpt(section: Section, length: number): string {
  const text = section.text.replace(/\s+/g, ' ').trim();
  if (text.length <= length) return text;
  const cut = text.slice(0, length);
  const sentenceEnd = cut.lastIndexOf('. ');
  return sentenceEnd > length / 2 ? cut.slice(0, sentenceEnd + 1) : cut.replace(/\s+\S*$/, '') + '…';
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Decides what the bot would do with one question. */
export function routeQuestion(index: SearchIndex, question: string, routing: RoutingConfig = {}): RoutedQuestion {
  const threshold = routing.threshold ?? DEFAULT_THRESHOLD;
  const margin = routing.clarifyMargin ?? DEFAULT_CLARIFY_MARGIN;
  const replyLength = routing.replyLength ?? DEFAULT_REPLY_LENGTH;
  const lower = question.toLowerCase();
  const trigger = (routing.escalate ?? []).find((phrase) => lower.includes(phrase.toLowerCase()));
  const hits = index.search(question, 5);
  const max = index.maxScore(question);
  const confidenceOf = (score: number) => (max > 0 ? Math.min(1, score / max) : 0);
  const best = hits[0];
  const answer = best
    ? { file: best.section.file, heading: best.section.heading, line: best.section.startLine, excerpt: excerpt(best.section, replyLength) }
    : null;
  const alternatives = hits.slice(1).map((h) => ({
    file: h.section.file,
    heading: h.section.heading,
    line: h.section.startLine,
    confidence: round(confidenceOf(h.score)),
  }));
  const confidence = best ? round(confidenceOf(best.score)) : 0;
  const base = { question, confidence, answer, alternatives, sectionId: best?.section.id };
  if (trigger) return { ...base, decision: 'escalate', reason: `escalation trigger "${trigger}": always goes to a person` };
  if (!best) return { ...base, decision: 'escalate', reason: 'no section shares a meaningful word with the question' };
  if (confidence < threshold) {
    return { ...base, decision: 'escalate', reason: `confidence ${confidence} is below the threshold ${threshold}` };
  }
  const rival = alternatives.find((a) => a.file !== best.section.file);
  if (rival && confidence - rival.confidence < margin) {
    return {
      ...base,
      decision: 'clarify',
      reason: `"${best.section.heading}" and "${rival.heading}" (${rival.file}) match almost equally: ask which one is meant`,
    };
  }
  return { ...base, decision: 'answer', reason: `best match "${best.section.heading}" with confidence ${confidence}` };
}

/** Routes every sample question and scores the labelled ones. */
export function previewQuestions(index: SearchIndex, questions: SampleQuestion[], routing: RoutingConfig = {}): PreviewResult {
  const results = questions.map((q) => {
    const routed = routeQuestion(index, q.question, routing);
    if (q.expected !== undefined) {
      routed.expected = q.expected;
      routed.correct =
        q.expected === null
          ? routed.decision === 'escalate'
          : routed.decision !== 'escalate' && routed.answer?.file === q.expected;
    }
    return routed;
  });
  return { summary: summarize(results, routing.threshold ?? DEFAULT_THRESHOLD), results };
}

export function summarize(results: RoutedQuestion[], threshold: number): PreviewSummary {
  const summary: PreviewSummary = {
    questions: results.length,
    answered: results.filter((r) => r.decision === 'answer').length,
    clarify: results.filter((r) => r.decision === 'clarify').length,
    escalated: results.filter((r) => r.decision === 'escalate').length,
    threshold,
  };
  const labelled = results.filter((r) => r.expected !== undefined);
  if (labelled.length > 0) {
    const inScope = labelled.filter((r) => r.expected !== null);
    const outOfScope = labelled.filter((r) => r.expected === null);
    const rate = (rs: RoutedQuestion[]) => (rs.length ? rs.filter((r) => r.correct).length / rs.length : 0);
    summary.labelled = labelled.length;
    summary.accuracy = round(rate(labelled));
    summary.inScopeAccuracy = round(rate(inScope));
    summary.outOfScopeRecall = round(rate(outOfScope));
    summary.balancedAccuracy = round(
      inScope.length && outOfScope.length ? (rate(inScope) + rate(outOfScope)) / 2 : rate(labelled),
    );
  }
  return summary;
}
