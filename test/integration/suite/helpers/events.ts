import type * as vscode from 'vscode';

/**
 * Resolves with the first truthy value of `check`, evaluated now and after every firing of
 * `event`; rejects after `timeoutMs` with `what` and `describe()` of the state then. Start
 * waiting before the action that should cause the change.
 */
export function waitFor<T>(
  event: vscode.Event<unknown>,
  what: string,
  check: () => T | undefined | false | null,
  { timeoutMs = 15_000, describe = () => '' }: { timeoutMs?: number; describe?: () => string } = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      subscription.dispose();
      action();
    };
    const evaluate = () => {
      try {
        const value = check();
        if (value) finish(() => resolve(value));
      } catch (error) {
        finish(() => reject(error));
      }
    };
    const subscription = event(evaluate);
    const timer = setTimeout(() => {
      const state = describe();
      finish(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}${state ? `; now:\n  ${state}` : ''}`)));
    }, timeoutMs);
    evaluate();
  });
}
