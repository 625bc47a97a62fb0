import type { Services } from './services';

/** KB Audit: Clear Comparison: the views drop the marks of Compare with Branch. */
export function clearComparison({ comparisons }: Services) {
  return () => comparisons.clear();
}
