import * as path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { version } from '../../package.json';
import { runAudit } from '../core/audit';
import { ConfigError, DEFAULT_CONFIG, findConfig, loadConfig, type ResolvedConfig } from '../core/config/config';
import type { FileSystem } from '../core/fileSystem';
import { errorMessage, resolvePath, toPosix } from '../core/fileSystem';
import { formatJson, toAuditReport } from '../core/format/json';
import { formatText } from '../core/format/text';
import { SEVERITY_RANK, type Severity } from '../core/model';
import { loadKnowledgeBase } from '../core/knowledgeBase';
import { loadQuestions, QuestionsError } from '../core/routing/questions';
import { SearchIndex } from '../core/routing/searchIndex';
import { previewQuestions, routeQuestion, DEFAULT_THRESHOLD } from '../core/routing/simulator';
import type { PreviewResult, RoutedQuestion } from '../core/routing/types';
import { writeFileAtomic } from './output';

export interface MainParams {
  argv: string[];
  fs: FileSystem;
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  writeFile?: (file: string, text: string) => Promise<void>;
}

/** A mistake in how the CLI was called, or an input it cannot use: exit code 2. */
export class UsageError extends Error {}

const HELP: Record<string, string> = {
  main: `kb-audit ${version}: audit the Markdown knowledge base a support bot answers from

Usage:
  kb-audit audit   [DOCS] [--config F] [--questions F] [--format text|json] [--output F] [--fail-on error|warning|info|never]
  kb-audit ask     "QUESTION" [DOCS] [--config F] [--format text|json]
  kb-audit preview QUESTIONS [DOCS] [--config F] [--format text|json] [--threshold X] [--output F]

Run "kb-audit <command> --help" for a command's options.
Exit codes: 0 success, 1 findings at or above --fail-on, 2 usage error or unreadable input.
`,
  audit: `Usage: kb-audit audit [DOCS] [options]

Audits the articles under DOCS (default: kb-audit.json's "docs", else the current folder).

Options:
  --config F      kb-audit.json to use (default: DOCS/kb-audit.json, then ./kb-audit.json)
  --questions F   sample questions (.txt, .csv, .jsonl) for coverage checks
  --format X      text (default) or json
  --output F      write the report to F instead of standard output
  --fail-on X     exit 1 when a finding is at or above X: error (default), warning, info, never
`,
  ask: `Usage: kb-audit ask "QUESTION" [DOCS] [options]

Shows whether the bot would answer QUESTION, from which section and how confidently, or escalate.

Options:
  --config F      kb-audit.json to use
  --format X      text (default) or json
`,
  preview: `Usage: kb-audit preview QUESTIONS [DOCS] [options]

Routes every question in QUESTIONS (.txt, .csv or .jsonl) and scores the labelled ones.

Options:
  --config F      kb-audit.json to use
  --format X      text (default) or json
  --threshold X   confidence needed to answer, 0 to 1 (default: the config's, else ${DEFAULT_THRESHOLD})
  --output F      write the report to F instead of standard output
`,
};

const COMMON_OPTIONS = {
  config: { type: 'string' },
  format: { type: 'string' },
  output: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];

const COMMAND_OPTIONS = {
  audit: { ...COMMON_OPTIONS, questions: { type: 'string' }, 'fail-on': { type: 'string' } },
  ask: { ...COMMON_OPTIONS },
  preview: { ...COMMON_OPTIONS, threshold: { type: 'string' } },
} satisfies Record<string, ParseArgsConfig['options']>;

type Command = keyof typeof COMMAND_OPTIONS;

interface Context {
  params: MainParams;
  docs: string;
  /** DOCS as the user gave it, for the report's `root`. */
  docsArg: string;
  config: ResolvedConfig;
}

function choose<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, option: string): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${option} must be one of ${allowed.join(', ')} (got "${value}")`);
}

async function resolveContext(params: MainParams, docsArg: string | undefined, configArg: string | undefined): Promise<Context> {
  const cwd = toPosix(params.cwd);
  const givenDocs = docsArg !== undefined ? resolvePath(cwd, docsArg) : null;
  let configPath: string | null = null;
  if (configArg !== undefined) configPath = resolvePath(cwd, configArg);
  else configPath = await findConfig(params.fs, givenDocs ? [givenDocs, cwd] : [cwd]);
  const config = configPath ? await loadConfig(params.fs, configPath) : DEFAULT_CONFIG;
  const docs = givenDocs ?? config.docs ?? cwd;
  let isDirectory = false;
  try {
    isDirectory = (await params.fs.stat(docs)).type === 'directory';
  } catch {
    throw new UsageError(`docs folder not found: ${docsArg ?? docs}`);
  }
  if (!isDirectory) throw new UsageError(`not a folder: ${docsArg ?? docs}`);
  return { params, docs, docsArg: docsArg ?? (config.docs ? path.relative(params.cwd, config.docs) || '.' : '.'), config };
}

async function emit(params: MainParams, text: string, output: string | undefined): Promise<void> {
  const body = text.endsWith('\n') || text === '' ? text : text + '\n';
  if (output === undefined) {
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

async function commandAudit(params: MainParams, positionals: string[], values: Record<string, unknown>): Promise<number> {
  if (positionals.length > 1) throw new UsageError(`audit takes one DOCS folder (got ${positionals.length})`);
  const format = choose(values.format as string | undefined, ['text', 'json'] as const, 'text', 'format');
  const failOn = choose(values['fail-on'] as string | undefined, ['error', 'warning', 'info', 'never'] as const, 'error', 'fail-on');
  const ctx = await resolveContext(params, positionals[0], values.config as string | undefined);
  const result = await runAudit(params.fs, ctx.docs, ctx.config);
  if (format === 'json') {
    await emit(params, formatJson(toAuditReport(ctx.docsArg, version, result.stats, result.findings)), values.output as string | undefined);
  } else {
    const relative = toPosix(path.relative(params.cwd, ctx.docs));
    const text = formatText(result.findings, relative ? `${relative}/` : '');
    const s = result.stats;
    params.stderr(`${result.findings.length} findings in ${s.files} articles (${s.sections} sections, ${s.skipped} skipped) in ${s.durationMs} ms\n`);
    await emit(params, text, values.output as string | undefined);
  }
  if (failOn === 'never') return 0;
  const bar = SEVERITY_RANK[failOn as Severity];
  return result.findings.some((f) => SEVERITY_RANK[f.severity] >= bar) ? 1 : 0;
}

function describe(result: RoutedQuestion): string {
  const lines = [`${result.decision.toUpperCase()} (confidence ${result.confidence.toFixed(2)}) ${result.question}`];
  if (result.answer) lines.push(`  from: ${result.answer.file}:${result.answer.line} "${result.answer.heading}"`, `  reply: ${result.answer.excerpt}`);
  lines.push(`  why: ${result.reason}`);
  return lines.join('\n');
}

async function commandAsk(params: MainParams, positionals: string[], values: Record<string, unknown>): Promise<number> {
  if (positionals.length === 0 || !positionals[0].trim()) throw new UsageError('ask needs a QUESTION');
  if (positionals.length > 2) throw new UsageError('ask takes a QUESTION and one DOCS folder; quote the question');
  const format = choose(values.format as string | undefined, ['text', 'json'] as const, 'text', 'format');
  const ctx = await resolveContext(params, positionals[1], values.config as string | undefined);
  const kb = await loadKnowledgeBase(params.fs, ctx.docs, ctx.config);
  const routed = routeQuestion(SearchIndex.build(kb), positionals[0], ctx.config.routing);
  const { sectionId: _sectionId, source: _source, ...publicResult } = routed;
  await emit(params, format === 'json' ? formatJson(publicResult) : describe(routed), values.output as string | undefined);
  return 0;
}

function previewText(preview: PreviewResult): string {
  const s = preview.summary;
  const lines = preview.results.map(describe);
  lines.push(
    '',
    `${s.questions} questions: ${s.answered} answered, ${s.clarify} clarify, ${s.escalated} escalated (threshold ${s.threshold})`,
  );
  if (s.labelled) {
    lines.push(
      `labelled ${s.labelled}: accuracy ${s.accuracy}, in-scope ${s.inScopeAccuracy}, out-of-scope recall ${s.outOfScopeRecall}, balanced ${s.balancedAccuracy}`,
    );
  }
  return lines.join('\n');
}

async function commandPreview(params: MainParams, positionals: string[], values: Record<string, unknown>): Promise<number> {
  if (positionals.length === 0) throw new UsageError('preview needs a QUESTIONS file');
  if (positionals.length > 2) throw new UsageError('preview takes a QUESTIONS file and one DOCS folder');
  const format = choose(values.format as string | undefined, ['text', 'json'] as const, 'text', 'format');
  const ctx = await resolveContext(params, positionals[1], values.config as string | undefined);
  const routing = { ...ctx.config.routing };
  if (values.threshold !== undefined) {
    const threshold = Number(values.threshold);
    if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) throw new UsageError('--threshold must be a number from 0 to 1');
    routing.threshold = threshold;
  }
  const questionsPath = resolvePath(toPosix(params.cwd), positionals[0]);
  const questions = await loadQuestions(params.fs, questionsPath, positionals[0]);
  const kb = await loadKnowledgeBase(params.fs, ctx.docs, ctx.config);
  const preview = previewQuestions(SearchIndex.build(kb), questions, routing);
  const publicPreview = {
    summary: preview.summary,
    results: preview.results.map(({ sectionId: _s, source: _src, ...r }) => r),
  };
  await emit(params, format === 'json' ? formatJson(publicPreview) : previewText(preview), values.output as string | undefined);
  return 0;
}

const COMMANDS: Record<Command, (params: MainParams, positionals: string[], values: Record<string, unknown>) => Promise<number>> = {
  audit: commandAudit,
  ask: commandAsk,
  preview: commandPreview,
};

/** The whole CLI: parses `argv`, runs a command, returns the exit code. Never throws. */
export async function main(params: MainParams): Promise<number> {
  const [command, ...rest] = params.argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? params.stderr : params.stdout)(HELP.main);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === '-v') {
    params.stdout(`${version}\n`);
    return 0;
  }
  if (!(command in COMMANDS)) {
    params.stderr(`kb-audit: unknown command "${command}" (expected audit, ask or preview; see kb-audit --help)\n`);
    return 2;
  }
  const name = command as Command;
  try {
    const { values, positionals } = parseArgs({ args: rest, options: COMMAND_OPTIONS[name], allowPositionals: true, strict: true });
    if (values.help) {
      params.stdout(HELP[name]);
      return 0;
    }
    return await COMMANDS[name](params, positionals, values);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof QuestionsError || error instanceof UsageError) {
      params.stderr(`kb-audit: ${error.message}\n`);
    } else if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      params.stderr(`kb-audit ${name}: ${errorMessage(error)}\n`);
    } else {
      params.stderr(`kb-audit: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    return 2;
  }
}
