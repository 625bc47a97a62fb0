// Small readers the flavours share: a text file beside the docs, quoted strings in a config
// written in code, and a YAML file that may use tags only its generator knows.
import { parseDocument } from 'yaml';
import type { FileSystem } from '../fileSystem';
import { EDGE_SLASHES, joinPath } from '../fileSystem';
import { closingQuote } from '../quotes';
import { tooDeep } from '../parse/yamlDepth';

/** A file's text, or null when it is not there or cannot be read (a site file is optional). */
export async function readText(fs: FileSystem, path: string): Promise<string | null> {
  try {
    return new TextDecoder().decode(await fs.readFile(path));
  } catch {
    return null;
  }
}

/** The first of `names` in `folder` that can be read, with its text. */
export async function readFirst(fs: FileSystem, folder: string, names: readonly string[]): Promise<{ name: string; text: string } | null> {
  for (const name of names) {
    const text = await readText(fs, joinPath(folder, name));
    if (text !== null) return { name, text };
  }
  return null;
}

/** YAML as plain data; generator-specific tags (`!!python/name:…`, `!ENV`) read as their text. Null when it cannot be read. */
export function readYaml(text: string): unknown {
  if (tooDeep(text.split(/\r\n|\r|\n/))) return null;
  try {
    return parseDocument(text, { logLevel: 'silent', strict: false, uniqueKeys: false }).toJS({ maxAliasCount: 1000 });
  } catch {
    return null;
  }
}

/** One `key = "value"` (TOML) or `key: value` (YAML) setting at the top level of a config's text. */
export function topLevelSetting(text: string, key: string): string | null {
  const m = new RegExp(`^${key}\\s*[=:]\\s*["']?([^"'\\s#]+)["']?`, 'im').exec(text);
  return m ? m[1] : null;
}

/**
 * Every string literal in source code (a sidebars.js, a docusaurus.config.ts), as written
 * (escapes kept), on one line each. Comments are skipped: a page commented out of a sidebar is
 * not in it. A quote left open ends at its line. One pass: each character is read once.
 */
export function stringLiterals(code: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < code.length) {
    const c = code[i];
    if (c === '/' && code[i + 1] === '/') {
      i = code.indexOf('\n', i);
      if (i < 0) break;
    } else if (c === '/' && code[i + 1] === '*') {
      const end = code.indexOf('*/', i + 2);
      i = end < 0 ? code.length : end + 2;
    } else if (c === '"' || c === "'" || c === '`') {
      const end = closingQuote(code, i);
      if (end >= 0) out.push(code.slice(i + 1, end));
      i = end >= 0 ? end + 1 : -1 - end;
    } else {
      i++;
    }
  }
  return out;
}

/** Route form of a path: no leading or trailing slash, no `.md`/`.html`, lower-cased. */
export function normalizeRoute(path: string): string {
  return path
    .replace(/[?#][^]*$/, '')
    .replace(/\/index\.html?$/i, '')
    .replace(/\.(?:md|mdx|markdown|html?)$/i, '')
    .replace(EDGE_SLASHES, '')
    .toLowerCase();
}

/** A percent-encoded path decoded, or kept as written when its escapes are malformed. */
export function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
