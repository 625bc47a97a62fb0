import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import { DEFAULT_CONFIG, findConfig, loadConfig, type ResolvedConfig } from '../core/config/config';
import type { FileSystem } from '../core/fileSystem';
import { errorMessage, resolvePath, toPosix } from '../core/fileSystem';
import type { KnowledgeBase } from '../core/knowledgeBase';
import { normalizeLocale } from '../core/locale/codes';
import { localeLayout } from '../core/locale/scopes';
import type { OnProgress } from '../core/progress';
import { writeFileAtomic } from './output';
import type { ProgressTerminal } from './progress';

export interface MainParams {
  argv: string[];
  fs: FileSystem;
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Defaults to an atomic write on node:fs. */
  writeFile?: (file: string, text: string) => Promise<void>;
  /** A script that serves the parse worker (the CLI bundle itself): without it, audits use one thread. */
  workerScript?: string;
  /** Where standard error goes: a progress line is drawn only on a terminal (see progress.ts). */
  terminal?: ProgressTerminal;
  /** The environment: CI and TERM, and the embeddings API key (default: none set). */
  env?: Record<string, string | undefined>;
  /** Set by main() for the commands when a progress line is drawn. */
  onProgress?: OnProgress;
}

/** A mistake in how the CLI was called, or an input it cannot use: exit code 2. */
export class UsageError extends Error {}

export type OptionValues = Record<string, string | boolean | undefined>;

/** One CLI command: its options, its help text and what it does. Returns the exit code. */
export interface CliCommand {
  name: string;
  summary: string;
  help: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(params: MainParams, positionals: string[], values: OptionValues): Promise<number>;
}

export const COMMON_OPTIONS = {
  config: { type: 'string' },
  format: { type: 'string' },
  output: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  quiet: { type: 'boolean', short: 'q' },
} satisfies ParseArgsConfig['options'];

export interface DocsContext {
  /** Absolute docs folder, `/` separators. */
  docs: string;
  /** DOCS as the user gave it, for the report's `root`. */
  docsArg: string;
  config: ResolvedConfig;
}

/** `value` when it is one of `allowed`, else a usage error naming the option. */
export function choose<T extends string>(value: unknown, allowed: readonly T[], fallback: T, option: string): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${option} must be one of ${allowed.join(', ')} (got "${String(value)}")`);
}

/** `--locale`: one of the knowledge base's locales (undefined: the source's), else a usage error naming them. */
export function localeOption(kb: KnowledgeBase, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const locales = localeLayout(kb)?.locales ?? [];
  const wanted = normalizeLocale(String(value));
  if (!locales.includes(wanted)) {
    throw new UsageError(locales.length ? `--locale must be one of ${locales.join(', ')} (got "${String(value)}")` : `--locale: the knowledge base has one locale (got "${String(value)}")`);
  }
  return wanted;
}

/** Finds kb-audit.json (--config, else DOCS/, else the working folder) and the docs folder. */
export async function resolveDocs(params: MainParams, docsArg: string | undefined, configArg: unknown): Promise<DocsContext> {
  const cwd = toPosix(params.cwd);
  const givenDocs = docsArg !== undefined ? resolvePath(cwd, docsArg) : null;
  const configPath =
    typeof configArg === 'string' ? resolvePath(cwd, configArg) : await findConfig(params.fs, givenDocs ? [givenDocs, cwd] : [cwd]);
  const config = configPath ? await loadConfig(params.fs, configPath) : DEFAULT_CONFIG;
  const docs = givenDocs ?? config.docs ?? cwd;
  let isDirectory = false;
  try {
    isDirectory = (await params.fs.stat(docs)).type === 'directory';
  } catch {
    throw new UsageError(`docs folder not found: ${docsArg ?? docs}`);
  }
  if (!isDirectory) throw new UsageError(`not a folder: ${docsArg ?? docs}`);
  const shownDocs = docsArg ?? (config.docs ? toPosix(path.relative(params.cwd, config.docs)) || '.' : '.');
  return { docs, docsArg: shownDocs, config };
}

/** Path prefix that makes docs-relative paths relative to the working folder. */
export function workingPrefix(params: MainParams, docs: string): string {
  const relative = toPosix(path.relative(params.cwd, docs));
  return relative ? `${relative}/` : '';
}

/** A note on standard error that --quiet leaves out (counts, timings); warnings and errors are always written. */
export function note(params: MainParams, values: OptionValues, text: string): void {
  if (values.quiet !== true) params.stderr(text);
}

/** Writes a report to standard output, or atomically to --output. */
export async function emit(params: MainParams, text: string, output: unknown): Promise<void> {
  const body = text.endsWith('\n') || text === '' ? text : text + '\n';
  if (typeof output !== 'string') {
    params.stdout(body);
    return;
  }
  const write = params.writeFile ?? writeFileAtomic;
  try {
    await write(path.resolve(params.cwd, output), body);
  } catch (error) {
    throw new UsageError(`cannot write ${output}: ${errorMessage(error)}`);
  }
}

/** The cache folder when none is named: node_modules/.cache/kb-audit when the working folder has node_modules, else .kb-audit-cache. */
export function defaultCacheDir(params: MainParams): string {
  const nodeModules = path.join(params.cwd, 'node_modules');
  return existsSync(nodeModules) ? path.join(nodeModules, '.cache', 'kb-audit') : path.join(params.cwd, '.kb-audit-cache');
}

/** --cache-dir and --no-cache, for the commands whose cache holds only embedding vectors. */
export const EMBEDDINGS_CACHE_OPTIONS = {
  'cache-dir': { type: 'string' },
  'no-cache': { type: 'boolean' },
} satisfies ParseArgsConfig['options'];
