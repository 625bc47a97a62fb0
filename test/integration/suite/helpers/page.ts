// The page the workbench is drawn in, through the harness (test/integration/lib/pageBridge.mjs).
// Only the browser harness has a page: in a desktop host, tests that need one are skipped.

export interface PageBridge {
  /** A PNG of the workbench, or of the first element matching `selector`. */
  screenshot(name: string, selector?: string): Promise<string>;
  /** Waits until an element matching `selector` shows `text`; returns that element's text. */
  waitForText(selector: string, text: string, timeoutMs?: number): Promise<string>;
  /** Types `text` into the first input matching `selector`. */
  fill(selector: string, text: string): Promise<void>;
  /** Clicks the first visible element matching `selector` that shows `text`. */
  click(selector: string, text: string, timeoutMs?: number): Promise<void>;
  /** The inner text of every element matching `selector`. */
  texts(selector: string): Promise<string[]>;
  /** The body text of the first frame (a webview) showing `text`; with `name`, a PNG of it too. */
  frameText(text: string, name?: string, timeoutMs?: number): Promise<{ text: string; path?: string }>;
}

export function pageBridge(): PageBridge | undefined {
  const base = process.env.KB_AUDIT_PAGE_BRIDGE;
  if (!base) return undefined;
  const call = async <T>(action: string, body: object): Promise<T> => {
    const response = await fetch(`${base}/${action}`, { method: 'POST', body: JSON.stringify(body) });
    const json = (await response.json()) as T & { error?: string };
    if (!response.ok) throw new Error(`page ${action} failed: ${json.error ?? response.status}`);
    return json;
  };
  return {
    screenshot: async (name, selector) => (await call<{ path: string }>('screenshot', { name, selector })).path,
    waitForText: async (selector, text, timeoutMs) => (await call<{ text: string }>('waitForText', { selector, text, timeoutMs })).text,
    fill: async (selector, text) => {
      await call('fill', { selector, text });
    },
    click: async (selector, text, timeoutMs) => {
      await call('click', { selector, text, timeoutMs });
    },
    texts: async (selector) => (await call<{ texts: string[] }>('texts', { selector })).texts,
    frameText: (text, name, timeoutMs) => call('frameText', { text, name, timeoutMs }),
  };
}
