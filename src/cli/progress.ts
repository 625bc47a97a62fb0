// The progress line of a long audit or preview: on standard error, redrawn in place and erased
// before anything else is written and at the end. Only where a person watches a terminal: never
// when standard error is a pipe or a file, in CI logs (CI set), on a dumb terminal, or with
// --quiet. Reports, whatever their format, go to standard output or --output and never hold it.
import { describeProgress, type Progress } from '../core/progress';

/** What the CLI knows of where standard error goes. */
export interface ProgressTerminal {
  /** Standard error is a terminal. */
  isTTY: boolean;
  /** Its width, when known: a longer line would wrap, and a wrapped line cannot be redrawn in place. */
  columns?: number;
}

/** Runs shorter than this draw nothing: no flicker for a small folder. */
export const PROGRESS_DELAY_MS = 250;
/** At most ten redraws a second. */
export const PROGRESS_INTERVAL_MS = 100;

/** Back to the line's start and erase it (ANSI: carriage return, erase line). */
const ERASE_LINE = '\r\x1b[2K';

export interface ProgressDisplay {
  update(progress: Progress): void;
  /** Erases the line if one is drawn; the next update draws it again. */
  clear(): void;
}

/** Whether a progress line may be drawn: a terminal, not CI, not TERM=dumb, not --quiet. */
export function wantsProgress(terminal: ProgressTerminal | undefined, env: Record<string, string | undefined>, quiet: boolean): boolean {
  if (quiet || !terminal?.isTTY) return false;
  const ci = env.CI;
  if (ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false') return false;
  return env.TERM !== 'dumb';
}

export function createProgressDisplay(
  write: (text: string) => void,
  terminal: ProgressTerminal,
  now: () => number = () => performance.now(),
): ProgressDisplay {
  const started = now();
  let lastDraw = -Infinity;
  let drawn = false;
  const width = terminal.columns && terminal.columns > 1 ? terminal.columns - 1 : 79;
  return {
    update(progress) {
      const time = now();
      if (time - started < PROGRESS_DELAY_MS || time - lastDraw < PROGRESS_INTERVAL_MS) return;
      lastDraw = time;
      drawn = true;
      write(ERASE_LINE + `kb-audit: ${describeProgress(progress)}`.slice(0, width));
    },
    clear() {
      if (!drawn) return;
      drawn = false;
      write(ERASE_LINE);
    },
  };
}
