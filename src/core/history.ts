// When each article last changed according to version control, for the rules that compare
// articles' ages (stale-translation). The core runs no processes (it also runs in a browser), so
// the caller reads the history and hands it in: the CLI reads git (src/cli/gitHistory.ts).

/** Each article's last change as version control records it. */
export interface VersionHistory {
  /** What the dates come from, as findings name it: `git`. */
  readonly name: string;
  /**
   * When `file` (relative to the docs root, `/` separators) was last changed; undefined when the
   * history does not know the file (ignored, or no history could be read).
   */
  lastChanged(file: string): Date | undefined;
  /** Whether `file` has changes not recorded yet (uncommitted): lastChanged then gives the audit's time. */
  uncommitted?(file: string): boolean;
  /**
   * Whether `file` now differs from what it was at `since`: false when it was changed after
   * `since` and changed back (a link added, then removed), so nothing is left to translate.
   * Absent: any change after `since` counts.
   */
  changedSince?(file: string, since: Date): boolean;
  /**
   * A digest of every answer the methods above give: findings an audit reached with the
   * history are reused from the cache only under the same digest, so a commit that changes
   * nothing but dates is audited again.
   */
  digest(): string;
}

/** What the cache records when the audit had no history to consult. */
export const NO_HISTORY = 'none';

export function historyDigest(history: VersionHistory | undefined): string {
  return history ? `${history.name}\u0000${history.digest()}` : NO_HISTORY;
}

/**
 * `history` (or no history) as the rules see it, remembering whether any rule asked: the
 * findings depend on the history only then, and the cache keys them by it only then, so an
 * audit that never needs it (one locale, dates in every front matter) never has it read.
 */
export function recordingHistory(history: VersionHistory | undefined): { history: VersionHistory; consulted(): boolean } {
  let asked = false;
  return {
    history: {
      name: history?.name ?? 'version history',
      lastChanged(file) {
        asked = true;
        return history?.lastChanged(file);
      },
      uncommitted(file) {
        asked = true;
        return history?.uncommitted?.(file) ?? false;
      },
      changedSince(file, since) {
        asked = true;
        return history?.changedSince?.(file, since) ?? true;
      },
      digest: () => historyDigest(history),
    },
    consulted: () => asked,
  };
}
