// The threshold sweep: how coverage and precision move as the answer threshold moves.
// The simulator's best match and confidence do not depend on the threshold, only its decision
// does, so questions routed once at threshold 0 give every other threshold's decisions.
import type { Decision, RoutedView, SweepPoint } from './messages';

/** What the bot decides at `threshold` for a question routed at threshold 0. */
export function decisionAt(routedAtZero: Pick<RoutedView, 'decision' | 'confidence'>, threshold: number): Decision {
  // Escalated even at 0: an escalation trigger or no match at all, whatever the threshold.
  if (routedAtZero.decision === 'escalate') return 'escalate';
  return routedAtZero.confidence < threshold ? 'escalate' : routedAtZero.decision;
}

export function defaultThresholds(step = 0.05): number[] {
  const out: number[] = [];
  for (let i = 0; i * step <= 1 + 1e-9; i++) out.push(Math.round(i * step * 1000) / 1000);
  return out;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Coverage, precision and balanced accuracy at each threshold, from questions routed at threshold 0. */
export function sweepThresholds(routedAtZero: RoutedView[], thresholds: number[] = defaultThresholds()): SweepPoint[] {
  const total = routedAtZero.length;
  return thresholds.map((threshold) => {
    let taken = 0;
    let takenLabelled = 0;
    let takenRight = 0;
    let inScope = 0;
    let inScopeRight = 0;
    let outOfScope = 0;
    let outOfScopeRight = 0;
    for (const r of routedAtZero) {
      const isTaken = decisionAt(r, threshold) !== 'escalate';
      if (isTaken) taken++;
      if (r.expected === undefined) continue;
      const right = r.expected !== null && r.answer?.file === r.expected;
      if (isTaken) {
        takenLabelled++;
        if (right) takenRight++;
      }
      if (r.expected === null) {
        outOfScope++;
        if (!isTaken) outOfScopeRight++;
      } else {
        inScope++;
        if (isTaken && right) inScopeRight++;
      }
    }
    const labelled = inScope + outOfScope;
    const inRate = inScope ? inScopeRight / inScope : 0;
    const outRate = outOfScope ? outOfScopeRight / outOfScope : 0;
    const balanced = inScope && outOfScope ? (inRate + outRate) / 2 : inScope ? inRate : outRate;
    return {
      threshold,
      coverage: total ? round(taken / total) : 0,
      precision: takenLabelled ? round(takenRight / takenLabelled) : null,
      balancedAccuracy: labelled ? round(balanced) : null,
    };
  });
}
