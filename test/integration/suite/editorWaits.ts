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

/** The next host→webview message to `target` of `type` sent after `since` messages, matching `match`. */
export function waitForSent<T extends HostMessage['type']>(
  api: KbAuditApi,
  target: 'view' | 'panel',
  type: T,
  since: number,
  match: (m: Extract<HostMessage, { type: T }>) => boolean = () => true,
  timeoutMs = 20_000,
): Promise<Extract<HostMessage, { type: T }>> {
  return waitOn(
    api.inspect.webview.onDidExchange,
    () =>
      api.inspect.webview.sent
        .slice(since)
        .find((s) => s.target === target && s.message.type === type && match(s.message as Extract<HostMessage, { type: T }>))?.message as
        | Extract<HostMessage, { type: T }>
        | undefined,
    `a "${type}" message to the ${target} webview`,
    timeoutMs,
  );
}

/** Index to pass as `since`: messages sent so far (the traffic log keeps the latest 200). */
export function sentSoFar(api: KbAuditApi): number {
  return api.inspect.webview.sent.length;
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
