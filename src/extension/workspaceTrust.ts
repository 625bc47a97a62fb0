// What the extension does with a workspace it is not trusted in (Restricted Mode). kb-audit.json
// is workspace content, so in an untrusted workspace none of it may run as code: the rule
// options that are regular expressions are matched as plain text instead (a pattern written to
// hang the extension host, like `(a+)+$`, is then only a string), and the docs folder and the
// questions file it names must lie inside the workspace folder. Free of the vscode module.
import type { ResolvedConfig } from '../core/config/config';
import { isInside } from '../core/fileSystem';

/**
 * Every rule option that kb-audit.json gives as a regular expression: rule id, then the path
 * to the strings inside its options ('*' for each element of an array).
 */
export const REGEX_OPTIONS: readonly { rule: string; path: readonly string[] }[] = [
  { rule: 'missing-section', path: ['required', '*', 'headings', '*'] },
  { rule: 'boilerplate', path: ['ignore', '*'] },
];

/** `text` as a regular expression that matches exactly that text. */
export function literalPattern(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function mapStrings(value: unknown, path: readonly string[], map: (s: string) => string): unknown {
  if (path.length === 0) return typeof value === 'string' ? map(value) : value;
  const [head, ...rest] = path;
  if (head === '*') return Array.isArray(value) ? value.map((item) => mapStrings(item, rest, map)) : value;
  if (!value || typeof value !== 'object' || Array.isArray(value) || !(head in value)) return value;
  return { ...(value as Record<string, unknown>), [head]: mapStrings((value as Record<string, unknown>)[head], rest, map) };
}

export interface LimitedConfig {
  config: ResolvedConfig;
  /** What was changed, for the output channel. */
  notes: string[];
}

/** The configuration an audit may use in an untrusted workspace; `folder` is the workspace folder's path. */
export function limitForUntrustedWorkspace(config: ResolvedConfig, folder: string): LimitedConfig {
  const notes: string[] = [];
  const rules = { ...config.rules };
  for (const { rule, path } of REGEX_OPTIONS) {
    const setting = rules[rule];
    if (!setting) continue;
    const limited = mapStrings(setting, path, literalPattern) as typeof setting;
    if (JSON.stringify(limited) === JSON.stringify(setting)) continue;
    rules[rule] = limited;
    notes.push(`Restricted Mode: the regular expressions in ${rule}'s options in kb-audit.json are matched as plain text until the workspace is trusted.`);
  }
  let { docs, questions } = config;
  if (docs !== null && !isInside(folder, docs)) {
    notes.push(`Restricted Mode: kb-audit.json's docs folder ${docs} is outside the workspace folder and is ignored until the workspace is trusted.`);
    docs = null;
  }
  if (questions !== null && !isInside(folder, questions)) {
    notes.push(`Restricted Mode: kb-audit.json's questions file ${questions} is outside the workspace folder and is ignored until the workspace is trusted.`);
    questions = null;
  }
  return { config: { ...config, rules, docs, questions }, notes };
}

/**
 * The configuration without routing.embeddings: in Restricted Mode nothing goes to an embeddings
 * endpoint, whether kb-audit.json or a setting names it (a workspace must not send its text, or
 * the user's key, anywhere).
 */
export function withoutEmbeddings(config: ResolvedConfig): LimitedConfig {
  if (!config.routing.embeddings) return { config, notes: [] };
  const { embeddings: _off, ...routing } = config.routing;
  return {
    config: { ...config, routing },
    notes: ['Restricted Mode: routing.embeddings is off until the workspace is trusted; the built-in routing is used.'],
  };
}
