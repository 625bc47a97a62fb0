import type { RoutedQuestion } from '../../core/routing/types';

/** A routed question as the JSON contract shows it (internal fields dropped, contract key order). */
export function publicRouted(r: RoutedQuestion): RoutedQuestion {
  const out: RoutedQuestion = {
    question: r.question,
    decision: r.decision,
    confidence: r.confidence,
    reason: r.reason,
    answer: r.answer,
    alternatives: r.alternatives,
  };
  if (r.expected !== undefined) {
    out.expected = r.expected;
    out.correct = r.correct;
  }
  return out;
}

/** Three or four lines for a person: the decision, where the answer comes from, the reply, why. */
export function describeRouted(r: RoutedQuestion): string {
  const lines = [`${r.decision.toUpperCase()} (confidence ${r.confidence.toFixed(2)}) ${r.question}`];
  if (r.answer) lines.push(`  from: ${r.answer.file}:${r.answer.line} "${r.answer.heading}"`, `  reply: ${r.answer.excerpt}`);
  lines.push(`  why: ${r.reason}`);
  return lines.join('\n');
}
