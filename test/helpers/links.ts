// The link allow-list the tests hold reports to: http, https, mailto and relative references.
// Everything else (command:, vscode:, file:, data:, javascript: and any scheme not listed) is
// refused, because a link built from workspace content must never run anything.

const ALLOWED_SCHEMES: ReadonlySet<string> = new Set(['http', 'https', 'mailto']);

/** The scheme as a browser would read it (lower case), or null for a relative reference. */
export function linkScheme(href: string): string | null {
  // Browsers drop leading and trailing C0 controls and spaces, and tabs and newlines anywhere,
  // so "java\nscript:" and " command:" are the schemes they look like.
  const cleaned = href.replace(/^[\u0000-\u0020]+/, '').replace(/[\t\n\r]/g, '');
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(cleaned);
  return m ? m[1].toLowerCase() : null;
}

/** True for http:, https: and mailto: links and for paths relative to the page or document. */
export function isAllowedLink(href: string): boolean {
  if (href.length > 8192) return false;
  const cleaned = href.replace(/^[\u0000-\u0020]+/, '').replace(/[\t\n\r]/g, '');
  // "//host/x" (and "\\host", "/\host", which browsers read the same way) leaves for another host.
  if (/^[\\/]{2}/.test(cleaned)) return false;
  const scheme = linkScheme(cleaned);
  return scheme === null || ALLOWED_SCHEMES.has(scheme);
}
