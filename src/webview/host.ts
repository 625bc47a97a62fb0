// The channel to the extension. Every message in is validated before anything reads it.
import { parseHostMessage, type HostMessage, type PreviewFilter, type Tab, type WebviewMessage } from '../shared/messages';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** What survives the webview being hidden and shown again. */
export interface SavedState {
  tab: Tab;
  question: string;
  filter: PreviewFilter;
  onlyWrong: boolean;
  sort: { key: SortKey; descending: boolean };
}

export type SortKey = 'question' | 'decision' | 'confidence' | 'answer';

const api = acquireVsCodeApi();

export function post(message: WebviewMessage): void {
  api.postMessage(message);
}

export function onHostMessage(handler: (message: HostMessage) => void): void {
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = parseHostMessage(event.data);
    if (message) handler(message);
    else console.warn('KB Audit: ignored a malformed message');
  });
}

function savedFilter(value: unknown): PreviewFilter {
  if (!value || typeof value !== 'object') return {};
  const f = value as Record<string, unknown>;
  const out: PreviewFilter = {};
  if (f.decision === 'answer' || f.decision === 'clarify' || f.decision === 'escalate') out.decision = f.decision;
  if (typeof f.sectionId === 'string') out.sectionId = f.sectionId.slice(0, 2000);
  if (typeof f.text === 'string') out.text = f.text.slice(0, 1000);
  return out;
}

export function loadState(fallback: SavedState): SavedState {
  const saved = api.getState();
  if (!saved || typeof saved !== 'object') return fallback;
  const s = saved as Partial<SavedState>;
  return {
    tab: typeof s.tab === 'string' && ['ask', 'questions', 'threshold', 'articles'].includes(s.tab) ? s.tab : fallback.tab,
    question: typeof s.question === 'string' ? s.question.slice(0, 1000) : fallback.question,
    filter: savedFilter(s.filter),
    onlyWrong: typeof s.onlyWrong === 'boolean' ? s.onlyWrong : fallback.onlyWrong,
    sort:
      s.sort && typeof s.sort === 'object' && ['question', 'decision', 'confidence', 'answer'].includes(s.sort.key)
        ? { key: s.sort.key, descending: Boolean(s.sort.descending) }
        : fallback.sort,
  };
}

export function saveState(state: SavedState): void {
  api.setState(state);
}
