// Turns a raw match score into a confidence that means the same on every knowledge base.
//
// Raw similarities have a different scale on every knowledge base: long, clean questions
// against fine-grained topics score high even when the topic is missing; short, noisy
// messages score low even when it is there. So the knowledge base is asked how high a score
// an unanswerable question reaches on it: each example question and distinct heading is
// routed with its own article removed, as if that topic were missing from the docs. The
// confidence of a score is the share of those "topic missing" scores it beats (a smoothed
// empirical distribution). A threshold of 0.5 thus means, on any knowledge base: answer only
// when the match is better than the typical match of a question whose topic is absent.

import { normalCdf, type SearchIndex } from './searchIndex';

/** Pseudo-questions routed to estimate the scale; more gives a smoother curve, fewer a faster build. */
export const CALIBRATION_SAMPLES = 400;
/**
 * A weak prior for knowledge bases too small to tell much: this many pseudo-scores spread
 * evenly over [0, 1), so a two-article knowledge base does not treat any overlap as certain.
 */
const PRIOR_SAMPLES = 8;

export interface Calibration {
  /** Sorted scores of questions whose article was removed. */
  nullScores: Float64Array;
  /** Kernel bandwidth of the smoothed distribution. */
  bandwidth: number;
  /** Pseudo-questions routed. */
  samples: number;
}

export function buildCalibration(index: SearchIndex, maxSamples = CALIBRATION_SAMPLES): Calibration {
  const queries = index.calibrationQueries();
  const scores: number[] = [];
  // An even, deterministic spread over the knowledge base: same docs, same scale.
  const step = Math.max(1, queries.length / maxSamples);
  for (let i = 0; i < queries.length; i += step) {
    const q = queries[Math.floor(i)];
    // With embeddings, the pseudo-question brings its own vector, as a question brings its own.
    const result = index.search(q.text, { excludeArticle: q.article, limit: 1, queryVector: index.recordVector(q.record) });
    scores.push(result.matches[0]?.score ?? 0);
  }
  const samples = scores.length;
  for (let i = 0; i < PRIOR_SAMPLES; i++) scores.push((i + 0.5) / PRIOR_SAMPLES);
  scores.sort((a, b) => a - b);
  const mean = scores.reduce((s, x) => s + x, 0) / scores.length;
  const sd = Math.sqrt(scores.reduce((s, x) => s + (x - mean) ** 2, 0) / scores.length);
  // Silverman's rule of thumb, with a floor so a near-constant sample still gives a curve.
  const bandwidth = Math.max(0.02, 1.06 * sd * scores.length ** -0.2);
  return { nullScores: Float64Array.from(scores), bandwidth, samples };
}

/**
 * Confidence in [0, 1] for a raw score in [0, 1]: the smoothed share of "topic missing"
 * scores below it. Monotone: a better match never gets a lower confidence. No match is 0.
 */
export function calibrate(calibration: Calibration, score: number): number {
  if (!(score > 0)) return 0;
  const { nullScores, bandwidth } = calibration;
  // Only samples within a few bandwidths matter; the rest count as wholly below or above.
  let sum = 0;
  const lo = score - 5 * bandwidth;
  const hi = score + 5 * bandwidth;
  for (const x of nullScores) {
    if (x <= lo) sum += 1;
    else if (x < hi) sum += normalCdf((score - x) / bandwidth);
    else break;
  }
  // Reflect at 0 (scores cannot be negative), so a tiny score is not half-confident.
  let reflected = 0;
  for (const x of nullScores) {
    if (x >= hi + score) break;
    reflected += 1 - normalCdf((score + x) / bandwidth);
  }
  const value = (sum - reflected) / nullScores.length;
  return Math.min(1, Math.max(0, value));
}
