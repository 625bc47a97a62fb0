// `node:fs` in the web bundles. The browser has no synchronous file system, so the engine's few
// synchronous reads of files shipped with the extension (the routing's word lexicon in media/)
// are served from a table that the web extension fills before the engine needs them (see
// web/webWorkerEngine.ts). A file not in the table does not exist, as on a disk without it.
// Articles are never read here: the extension reads them through vscode.workspace.fs.

/** Where the web bundles believe they are (`__dirname` is defined as this folder's dist). */
export const EXTENSION_ROOT = '/extension';

/**
 * The files shipped with the extension that the engine reads synchronously on the desktop
 * (the routing's word lexicon and word vectors), relative to the extension's folder. One that
 * is not shipped stays missing, as it would be on the desktop.
 */
export const SHIPPED_FILES: readonly string[] = ['media/wordnet-lexicon.txt', 'media/word-vectors.bin'];

const files = new Map<string, Uint8Array>();

/** Makes `path` (under EXTENSION_ROOT) readable by existsSync and readFileSync. */
export function provideFile(path: string, bytes: Uint8Array): void {
  files.set(path, bytes);
}

export function existsSync(path: string): boolean {
  return files.has(path);
}

export function readFileSync(path: string, encoding?: string | { encoding?: string }): Uint8Array | string {
  const bytes = files.get(path);
  if (!bytes) throw Object.assign(new Error(`ENOENT: no such file in the web extension: '${path}'`), { code: 'ENOENT' });
  const decode = typeof encoding === 'string' ? encoding : encoding?.encoding;
  return decode ? new TextDecoder().decode(bytes) : bytes;
}
