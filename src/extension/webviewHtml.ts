// The Ask webview's page. Kept free of the vscode module so the browser tests render the very
// same markup and Content-Security-Policy as the extension.
export interface WebviewPageOptions {
  /** `webview.cspSource`: the origin the page's assets are served from. */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  /** A fresh nonce for each render (see createNonce). */
  nonce: string;
  mode: 'view' | 'panel';
  title: string;
}

/**
 * The only folders of the extension a webview may load from (as `localResourceRoots`): the
 * stylesheet and icons, and the bundled script. Nothing from the workspace.
 */
export const WEBVIEW_RESOURCE_FOLDERS: readonly string[] = ['media', 'dist'];

/** 128 random bits, base64: the only key to running a script in the page. */
export function createNonce(): string {
  // Web Crypto: the same call in Node and in the browser, so the web build shares this page.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `img-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function renderWebviewPage(options: WebviewPageOptions): string {
  const csp = contentSecurityPolicy(options.cspSource, options.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attribute(options.styleUri)}">
<title>${attribute(options.title)}</title>
</head>
<body data-mode="${options.mode}">
<div id="root"></div>
<script nonce="${attribute(options.nonce)}" src="${attribute(options.scriptUri)}"></script>
</body>
</html>
`;
}
