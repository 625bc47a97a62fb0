import Ajv from 'ajv';
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { FileSystem } from '../fileSystem';
import { dirname, errorMessage, joinPath, resolvePath } from '../fileSystem';
import type { FlavorId } from '../flavor/types';
import { configSchema, type ConfigFile, type LocalesConfig, type RoutingConfig, type RuleSetting, type SeverityOrOff } from './schema';

export const CONFIG_FILE_NAME = 'kb-audit.json';

/** The configuration every layer reads: kb-audit.json merged over the defaults, paths resolved. */
export interface ResolvedConfig {
  /** Absolute path of kb-audit.json, or null when defaults are used. */
  configPath: string | null;
  include: string[];
  exclude: string[];
  maxFileSize: number;
  /** Absolute path of the docs folder when kb-audit.json names one. */
  docs: string | null;
  /** Absolute path of the questions file. */
  questions: string | null;
  rules: Record<string, RuleSetting>;
  routing: RoutingConfig;
  /** The generator's flavour, or 'auto' to detect it. */
  flavor: FlavorId | 'auto';
  /** Where the KB is published, when kb-audit.json says. */
  siteUrl: string | null;
  /** kb-audit.json `locales`, when set. */
  locales: LocalesConfig | null;
}

export const DEFAULT_CONFIG: ResolvedConfig = Object.freeze({
  configPath: null,
  include: ['**/*.md', '**/*.markdown', '**/*.mdx'],
  exclude: [],
  maxFileSize: 2_000_000,
  docs: null,
  questions: null,
  rules: {},
  routing: {},
  flavor: 'auto',
  siteUrl: null,
  locales: null,
});

/** A problem in kb-audit.json, with the position of the offending text. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly detail: string,
  ) {
    super(`${file}:${line}:${column}: ${detail}`);
    this.name = 'ConfigError';
  }
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

let validateConfig: ReturnType<Ajv['compile']> | undefined;

function normaliseRules(rules: ConfigFile['rules']): Record<string, RuleSetting> {
  const out: Record<string, RuleSetting> = {};
  for (const [id, value] of Object.entries(rules ?? {})) {
    out[id] = typeof value === 'string' ? { severity: value as SeverityOrOff } : { ...value };
  }
  return out;
}

/** Levels of arrays and objects read at most: a configuration nests a few; the JSON reader recurses once a level. */
export const MAX_CONFIG_DEPTH = 64;

/** The offset of the first bracket that opens a level past `max`, or -1 (strings and comments are skipped). */
function tooDeepAt(text: string, max: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      // A string ends at its closing quote, or unterminated at the end of its line (as the JSON reader reads it).
      for (i++; i < text.length && text[i] !== '"' && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === '[' || c === '{') {
      if (++depth > max) return i;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return -1;
}

/** Parses and validates kb-audit.json text; throws ConfigError naming file, line and column. */
export function parseConfig(text: string, configPath: string): ResolvedConfig {
  const deep = tooDeepAt(text, MAX_CONFIG_DEPTH);
  if (deep >= 0) {
    const at = lineColumn(text, deep);
    throw new ConfigError(configPath, at.line, at.column, `nested more than ${MAX_CONFIG_DEPTH} levels deep: not a KB Audit configuration`);
  }
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || !tree) {
    const first = errors[0];
    const at = lineColumn(text, first?.offset ?? 0);
    throw new ConfigError(configPath, at.line, at.column, first ? `invalid JSON: ${printParseErrorCode(first.error)}` : 'empty file');
  }
  const value = getNodeValue(tree) as unknown;
  validateConfig ??= new Ajv({ allErrors: true, strict: false }).compile(configSchema);
  if (!validateConfig(value)) {
    const error = validateConfig.errors![0];
    // Array items are found by number: a string index finds nothing and would point at 1:1.
    const path: (string | number)[] = [];
    for (const segment of error.instancePath.split('/').slice(1)) {
      const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
      path.push(/^\d+$/.test(key) && findNodeAtLocation(tree, path)?.type === 'array' ? Number(key) : key);
    }
    let node: Node | undefined = findNodeAtLocation(tree, path) ?? tree;
    let detail = `${error.instancePath || 'config'} ${error.message ?? 'is invalid'}`;
    if (error.keyword === 'additionalProperties') {
      const key = String((error.params as { additionalProperty: string }).additionalProperty);
      const property = node.children?.find((c) => c.type === 'property' && c.children?.[0]?.value === key);
      node = property?.children?.[0] ?? node;
      detail = `unknown setting "${key}"${error.instancePath ? ` in ${error.instancePath}` : ''}`;
      if (error.instancePath === '/routing/embeddings' && /key|token|secret|authori[sz]ation|password/i.test(key)) {
        detail = `"${key}": an API key does not belong in kb-audit.json. Name the environment variable that holds it with "apiKeyEnv" (the CLI reads it), or in VS Code run "KB Audit: Set Embeddings API Key" (kept in the editor's secret storage)`;
      }
    } else if (error.keyword === 'enum') {
      detail = `${error.instancePath} must be one of ${((error.params as { allowedValues: unknown[] }).allowedValues).map((v) => JSON.stringify(v)).join(', ')}`;
    }
    const at = lineColumn(text, node.offset);
    throw new ConfigError(configPath, at.line, at.column, detail);
  }
  const file = value as ConfigFile;
  const base = dirname(configPath);
  return {
    configPath,
    include: file.include ?? DEFAULT_CONFIG.include,
    exclude: file.exclude ?? DEFAULT_CONFIG.exclude,
    maxFileSize: file.maxFileSize ?? DEFAULT_CONFIG.maxFileSize,
    docs: file.docs !== undefined ? resolvePath(base, file.docs) : null,
    questions: file.questions !== undefined ? resolvePath(base, file.questions) : null,
    rules: normaliseRules(file.rules),
    routing: file.routing ?? {},
    flavor: file.flavor ?? 'auto',
    siteUrl: file.siteUrl ?? null,
    locales: file.locales ?? null,
  };
}

/** Reads kb-audit.json at `configPath`; throws ConfigError when it cannot be read or is invalid. */
export async function loadConfig(fs: FileSystem, configPath: string): Promise<ResolvedConfig> {
  let text: string;
  try {
    text = new TextDecoder().decode(await fs.readFile(configPath));
  } catch (error) {
    throw new ConfigError(configPath, 1, 1, `cannot read config: ${errorMessage(error)}`);
  }
  return parseConfig(text.replace(/^\uFEFF/, ''), configPath);
}

/** The first kb-audit.json among `folders` (e.g. the docs folder, then the workspace folder). */
export async function findConfig(fs: FileSystem, folders: string[]): Promise<string | null> {
  for (const folder of folders) {
    const candidate = joinPath(folder, CONFIG_FILE_NAME);
    try {
      const stat = await fs.stat(candidate);
      if (stat.type === 'file') return candidate;
    } catch {
      // not there: try the next folder
    }
  }
  return null;
}
