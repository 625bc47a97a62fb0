import { parseArgs } from 'node:util';
import { version } from '../../package.json';
import { ConfigError } from '../core/config/config';
import { errorMessage } from '../core/fileSystem';
import { QuestionsError } from '../core/routing/questions';
import { askCommand } from './commands/ask';
import { auditCommand } from './commands/audit';
import { diffCommand } from './commands/diff';
import { previewCommand } from './commands/preview';
import { GitError } from './git';
import { UsageError, type CliCommand, type MainParams, type OptionValues } from './context';
import { createProgressDisplay, wantsProgress } from './progress';

export type { MainParams } from './context';

const COMMANDS: readonly CliCommand[] = [auditCommand, askCommand, previewCommand, diffCommand];

const HELP = `kb-audit ${version}: audit the Markdown knowledge base a support bot answers from

Usage:
${COMMANDS.map((c) => `  ${c.summary}`).join('\n')}

Run "kb-audit <command> --help" for a command's options.
Exit codes: 0 success, 1 findings at or above --fail-on (diff: or a regression), 2 usage error, unreadable input or invalid config.
`;

/** The whole CLI: parses `argv`, runs a command, returns the exit code. Never throws. */
export async function main(params: MainParams): Promise<number> {
  const [name, ...rest] = params.argv;
  if (name === undefined) {
    params.stderr(HELP);
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    params.stdout(HELP);
    return 0;
  }
  if (name === '--version' || name === '-v') {
    params.stdout(`${version}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    params.stderr(`kb-audit: unknown command "${name}" (expected ${COMMANDS.map((c) => c.name).join(', ')}; see kb-audit --help)\n`);
    return 2;
  }
  try {
    const { values, positionals } = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
    if (values.help) {
      params.stdout(command.help);
      return 0;
    }
    return await runWithProgress(command, params, positionals, values as OptionValues);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof QuestionsError || error instanceof UsageError || error instanceof GitError) {
      params.stderr(`kb-audit: ${error.message}\n`);
    } else if (String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')) {
      params.stderr(`kb-audit ${name}: ${errorMessage(error)}\n`);
    } else {
      params.stderr(`kb-audit: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    return 2;
  }
}

/**
 * Runs a command with a progress line on standard error when one may be drawn: the line is
 * erased before anything else is written to either stream (they may share one terminal), and at
 * the end, whatever the outcome.
 */
async function runWithProgress(command: CliCommand, params: MainParams, positionals: string[], values: OptionValues): Promise<number> {
  if (!wantsProgress(params.terminal, params.env ?? {}, values.quiet === true)) return command.run(params, positionals, values);
  const display = createProgressDisplay(params.stderr, params.terminal!);
  const withProgress: MainParams = {
    ...params,
    stdout: (text) => {
      display.clear();
      params.stdout(text);
    },
    stderr: (text) => {
      display.clear();
      params.stderr(text);
    },
    onProgress: (progress) => display.update(progress),
  };
  try {
    return await command.run(withProgress, positionals, values);
  } finally {
    display.clear();
  }
}
