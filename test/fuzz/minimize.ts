// Cuts a failing input down while the same property still fails in the same place: questions,
// files and site files dropped one at a time, then each file's lines removed in halving chunks
// (delta debugging), then each remaining line shortened.
import { cloneCase, type FuzzCase } from './case';
import { runCase, type Violation } from './target';

export interface MinimizeOptions {
  /** Stop after this many milliseconds (the smallest failing input so far is kept). */
  timeMs: number;
  /** Counts each run of the target. */
  onRun?: () => void;
}

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
const fromLatin1 = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

export function sameFailure(a: Violation, b: Violation): boolean {
  return a.kind === b.kind && a.where === b.where;
}

export async function reproduces(c: FuzzCase, failure: Violation, onRun?: () => void): Promise<Violation | undefined> {
  onRun?.();
  // Every check, whatever the input's size: a smaller input must still meet the one that failed.
  const { violations } = await runCase(c, { changes: true });
  return violations.find((v) => sameFailure(v, failure));
}

export async function minimize(original: FuzzCase, failure: Violation, options: MinimizeOptions): Promise<{ case: FuzzCase; violation: Violation }> {
  const deadline = performance.now() + options.timeMs;
  let best = cloneCase(original);
  let bestViolation = failure;
  const attempt = async (candidate: FuzzCase): Promise<boolean> => {
    if (performance.now() > deadline) return false;
    const v = await reproduces(candidate, failure, options.onRun);
    if (!v) return false;
    best = candidate;
    bestViolation = v;
    return true;
  };

  // Whole questions, files and site files.
  for (let i = best.questions.length - 1; i >= 0; i--) {
    const c = cloneCase(best);
    c.questions.splice(i, 1);
    await attempt(c);
  }
  for (const group of ['files', 'siteFiles'] as const) {
    for (const name of Object.keys(best[group] ?? {})) {
      if (group === 'files' && Object.keys(best.files).length === 1) break;
      const c = cloneCase(best);
      delete c[group]![name];
      await attempt(c);
    }
  }
  // Lines of each file, in halving chunks.
  for (const group of ['files', 'siteFiles'] as const) {
    for (const name of Object.keys(best[group] ?? {})) {
      let chunk = Math.max(1, Math.floor(latin1(best[group]![name]).split('\n').length / 2));
      while (chunk >= 1 && performance.now() < deadline) {
        let lines = latin1(best[group]![name]).split('\n');
        for (let start = 0; start < lines.length && performance.now() < deadline; ) {
          const c = cloneCase(best);
          const kept = [...lines.slice(0, start), ...lines.slice(start + chunk)];
          c[group]![name] = fromLatin1(kept.join('\n'));
          if (kept.length < lines.length && (await attempt(c))) lines = kept;
          else start += chunk;
        }
        if (chunk === 1) break;
        chunk = Math.floor(chunk / 2);
      }
    }
  }
  // Each remaining line shortened: its second half, then its first, dropped while that still fails.
  for (const name of Object.keys(best.files)) {
    const lines = latin1(best.files[name]).split('\n');
    for (let i = 0; i < lines.length && performance.now() < deadline; i++) {
      let cut = Math.floor(lines[i].length / 2);
      while (cut >= 1 && performance.now() < deadline) {
        let shortened = false;
        for (const candidate of [lines[i].slice(0, lines[i].length - cut), lines[i].slice(cut)]) {
          const c = cloneCase(best);
          const next = [...lines];
          next[i] = candidate;
          c.files[name] = fromLatin1(next.join('\n'));
          if (await attempt(c)) {
            lines[i] = candidate;
            shortened = true;
            break;
          }
        }
        if (!shortened) cut = Math.floor(cut / 2);
      }
    }
  }
  return { case: best, violation: bestViolation };
}
