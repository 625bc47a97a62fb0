// Waiting on the editor experience's own events (never sleeps): the extension's onDidChange,
// the webview traffic, the theme. Used by the sidebar, quick-fix and Ask webview suites.
import * as vscode from 'vscode';
import type { KbAuditApi } from '../../../src/extension/extension';
import type { HostMessage } from '../../../src/shared/messages';

/** Resolves with the first truthy `check()`, evaluated now and on each `event`; rejects after `timeoutMs`. */
export function waitOn<T>(event: vscode.Event<unknown>, check: () => T | undefined | null | false, what: string, timeoutMs = 15_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const finish = (action: () => void) => {
      if (done) return;
      done = true;
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
    const timer = setTimeout(() => finish(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`))), timeoutMs);
    evaluate();
  });
}

/** Where the traffic log stood: its newest record then (the log keeps the latest 200, so an index would stop moving once it is full). */
export interface SentMark {
  readonly last: object | undefined;
}

/** The next host→webview message to `target` of `type` sent after `since`, matching `match`. */
export function waitForSent<T extends HostMessage['type']>(
  api: KbAuditApi,
  target: 'view' | 'panel',
  type: T,
  since: SentMark,
  match: (m: Extract<HostMessage, { type: T }>) => boolean = () => true,
  timeoutMs = 20_000,
): Promise<Extract<HostMessage, { type: T }>> {
  // Records older than the mark leave the log first: a mark no longer in it means every record is newer.
  const newer = () => {
    const sent = api.inspect.webview.sent;
    return since.last === undefined ? sent : sent.slice(sent.indexOf(since.last as (typeof sent)[number]) + 1);
  };
  return waitOn(
    api.inspect.webview.onDidExchange,
    () =>
      newer().find((s) => s.target === target && s.message.type === type && match(s.message as Extract<HostMessage, { type: T }>))?.message as
        | Extract<HostMessage, { type: T }>
        | undefined,
    `a "${type}" message to the ${target} webview`,
    timeoutMs,
  );
}

/** A mark to pass as `since`: the messages sent so far. */
export function sentSoFar(api: KbAuditApi): SentMark {
  const sent = api.inspect.webview.sent;
  return { last: sent[sent.length - 1] };
}

/** Switches the colour theme and waits until the workbench has applied it. */
export async function useTheme(name: string): Promise<void> {
  const config = vscode.workspace.getConfiguration('workbench');
  if (config.get('colorTheme') === name) return;
  const changed = new Promise<void>((resolve) => {
    const subscription = vscode.window.onDidChangeActiveColorTheme(() => {
      subscription.dispose();
      resolve();
    });
  });
  await config.update('colorTheme', name, vscode.ConfigurationTarget.Global);
  await changed;
}

/** The preview as the extension holds it once any pending re-check has run. */
export async function settled(api: KbAuditApi): Promise<void> {
  await api.inspect.settle();
}
