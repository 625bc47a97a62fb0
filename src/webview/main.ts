// The Ask webview's script. It renders only what the extension posts, as text.
declare function acquireVsCodeApi(): { postMessage(message: unknown): void };

const vscodeApi = acquireVsCodeApi();
window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const root = document.getElementById('root');
  if (root) root.textContent = JSON.stringify(event.data);
});
vscodeApi.postMessage({ type: 'ready' });
