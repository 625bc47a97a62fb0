import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { version } from '../../../package.json';
import { runAudit } from '../../core/audit';
import { AuditCache } from '../../core/cache/auditCache';
import { resolvePath, toPosix } from '../../core/fileSystem';
import { formatJson, toAuditReport } from '../../core/format/json';
import { formatJunit } from '../../core/format/junit';
import { formatMarkdown } from '../../core/format/markdown';
import { formatSarif, SARIF_MAX_RESULTS } from '../../core/format/sarif';
import { formatText } from '../../core/format/text';
import { SEVERITY_RANK } from '../../core/model';
import { MIN_FILES_FOR_WORKER } from '../../core/parseWorker';
import { choose, COMMON_OPTIONS, emit, resolveDocs, UsageError, workingPrefix, type CliCommand, type MainParams, type OptionValues } from '../context';

const FORMATS = ['text', 'json', 'sarif', 'junit', 'markdown'] as const;
const FAIL_ON = ['error', 'warning', 'info', 'never'] as const;
const JOBS = ['1', '2'] as const;

export const auditCommand: CliCommand = {
  name: 'audit',
  summary: 'kb-audit audit   [DOCS] [--config F] [--questions F] [--format text|json|sarif|junit|markdown] [--output F] [--fail-on error|warning|info|never]',
  help: `Usage: kb-audit audit [DOCS] [options]

Audits the articles under DOCS (default: kb-audit.json's "docs", else the current folder).

Options:
  --config F      kb-audit.json to use (default: DOCS/kb-audit.json, then ./kb-audit.json)
  --questions F   sample questions (.txt, .csv, .jsonl) for coverage checks (default: kb-audit.json's "questions")
  --format X      ${FORMATS.join(', ')} (default text)
                    sarif: SARIF 2.1.0 for code scanning; junit: JUnit XML for CI test reports;
                    markdown: a report to read, with counts, the worst conflicts and duplicates, and coverage
  --output F      write the report to F instead of standard output
  --fail-on X     exit 1 when a finding is at or above X: error (default), warning, info, never
  --reproducible  leave run times out of the report (json: durationMs 0; junit: no time; markdown:
                  no "audited in"), so the same docs give a byte-identical report on every run
  --cache         keep parsed articles (by content hash) and the last findings between runs, so an
                  unchanged article is not parsed again and an unchanged folder is not re-audited
  --cache-dir D   the cache folder (implies --cache; default node_modules/.cache/kb-audit when the
                  working folder has node_modules, else .kb-audit-cache); safe to delete
  --no-cache      neither read nor write the cache (wins over --cache and --cache-dir)
  --jobs N        threads for parsing, 1 or 2 (default: 2 on a machine with two cores or more,
                  for folders of ${MIN_FILES_FOR_WORKER} files or more)
`,
  options: {
    ...COMMON_OPTIONS,
    questions: { type: 'string' },
    'fail-on': { type: 'string' },
    reproducible: { type: 'boolean' },
    cache: { type: 'boolean' },
    'cache-dir': { type: 'string' },
    'no-cache': { type: 'boolean' },
    jobs: { type: 'string' },
  },
  async run(params, positionals, values) {
    if (positionals.length > 1) throw new UsageError(`audit takes one DOCS folder (got ${positionals.length})`);
    const format = choose(values.format, FORMATS, 'text', 'format');
    const failOn = choose(values['fail-on'], FAIL_ON, 'error', 'fail-on');
    const ctx = await resolveDocs(params, positionals[0], values.config);
    const cwd = toPosix(params.cwd);
    let questions: string | undefined;
    let questionsDisplayName: string | undefined;
    if (typeof values.questions === 'string') {
      questions = resolvePath(cwd, values.questions);
      questionsDisplayName = values.questions;
    } else if (ctx.config.questions) {
      questionsDisplayName = toPosix(path.relative(params.cwd, ctx.config.questions)) || ctx.config.questions;
    }
    const cache = auditCache(params, values);
    const jobs = values.jobs === undefined ? undefined : Number(choose(values.jobs, JOBS, '1', 'jobs'));
    const result = await runAudit(params.fs, ctx.docs, ctx.config, { questions, questionsDisplayName, cache, jobs, workerScript: params.workerScript });
    const prefix = workingPrefix(params, ctx.docs);
    // Run time is the one thing that differs between two runs over the same docs.
    const reproducible = values.reproducible === true;
    const s = reproducible ? { ...result.stats, durationMs: 0 } : result.stats;
    switch (format) {
      case 'json':
        await emit(params, formatJson(toAuditReport(ctx.docsArg, version, s, result.findings)), values.output);
        break;
      case 'sarif':
        if (result.findings.length > SARIF_MAX_RESULTS) {
          params.stderr(
            `kb-audit: warning: ${result.findings.length} findings is over SARIF's ${SARIF_MAX_RESULTS} results per run; the report keeps the first ${SARIF_MAX_RESULTS} (errors first, then warnings, then notes)\n`,
          );
        }
        await emit(params, formatSarif(result.findings, { version, pathPrefix: prefix, rootUri: `${pathToFileURL(params.cwd).href.replace(/\/?$/, '/')}` }), values.output);
        break;
      case 'junit':
        await emit(
          params,
          formatJunit(result.findings, {
            files: [...result.files, ...result.skipped.map((k) => k.file)],
            failOn: failOn === 'never' ? null : failOn,
            pathPrefix: prefix,
            time: reproducible ? undefined : s.durationMs / 1000,
          }),
          values.output,
        );
        break;
      case 'markdown': {
        // Links in the report are relative to the folder it is written to.
        const reportFolder = typeof values.output === 'string' ? path.dirname(path.resolve(params.cwd, values.output)) : params.cwd;
        const linkPrefix = toPosix(path.relative(reportFolder, ctx.docs));
        await emit(
          params,
          formatMarkdown(result.findings, { root: ctx.docsArg, stats: s, showDuration: !reproducible, questions: result.questions, linkPrefix: linkPrefix ? `${linkPrefix}/` : '' }),
          values.output,
        );
        break;
      }
      default:
        params.stderr(`${result.findings.length} findings in ${s.files} articles (${s.sections} sections, ${s.skipped} skipped) in ${result.stats.durationMs} ms${cacheSummary(cache)}\n`);
        await emit(params, formatText(result.findings, prefix), values.output);
    }
    if (failOn === 'never') return 0;
    const bar = SEVERITY_RANK[failOn];
    return result.findings.some((f) => SEVERITY_RANK[f.severity] >= bar) ? 1 : 0;
  },
};

/** The version and a hash of the running engine: a rebuilt engine never trusts an older one's cache. */
function engineId(): string {
  let build = '';
  try {
    build = createHash('sha1').update(readFileSync(__filename)).digest('hex').slice(0, 16);
  } catch {
    // Bundled somewhere unreadable: the version alone.
  }
  return `${version}+${build}`;
}

function auditCache(params: MainParams, values: OptionValues): AuditCache | undefined {
  if (values['no-cache'] === true) return undefined;
  const dir = values['cache-dir'];
  if (typeof dir === 'string') return new AuditCache(path.resolve(params.cwd, dir), engineId());
  if (values.cache !== true) return undefined;
  const nodeModules = path.join(params.cwd, 'node_modules');
  const fallback = existsSync(nodeModules) ? path.join(nodeModules, '.cache', 'kb-audit') : path.join(params.cwd, '.kb-audit-cache');
  return new AuditCache(fallback, engineId());
}

function cacheSummary(cache: AuditCache | undefined): string {
  if (!cache) return '';
  const { hits, misses, findingsReused, ignored } = cache.stats;
  const reuse = findingsReused ? ', findings reused' : '';
  return ` (cache: ${hits} articles reused, ${misses} parsed${reuse}${ignored ? `; old cache ignored: ${ignored}` : ''})`;
}
