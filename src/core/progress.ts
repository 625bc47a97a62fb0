/**
 * Where a long run is, for a progress display (the CLI's on a terminal, the editor's
 * notification): the stage, how many of its items are done and of how many. Reported
 * synchronously from the engine's loops; a caller that draws must throttle, as a folder of ten
 * thousand articles reports ten thousand times.
 */
export interface Progress {
  /** read: files read and parsed; questions: sample questions routed; rules: audit rules run. */
  stage: 'read' | 'questions' | 'rules';
  done: number;
  total: number;
  /** The rule that runs next (stage 'rules'). */
  item?: string;
}

export type OnProgress = (progress: Progress) => void;

/** One line for a person watching: `running rules: 3/24 (near-duplicate)`. */
export function describeProgress({ stage, done, total, item }: Progress): string {
  switch (stage) {
    case 'read':
      return `reading and parsing files: ${done}/${total}`;
    case 'questions':
      return `routing sample questions: ${done}/${total}`;
    case 'rules':
      return `running rules: ${done}/${total}${item ? ` (${item})` : ''}`;
  }
}
