import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { version } from '../../../package.json';
import { runAudit } from '../../core/audit';
import { BaselineError, createBaseline, fingerprintFindings, formatBaseline, matchFindings, parseBaseline, type BaselineMatch, type BaselineEntry } from '../../core/baseline';
import type { Finding } from '../../core/model';
import { loadKnowledgeBase } from '../../core/knowledgeBase';
import { AuditCache } from '../../core/cache/auditCache';
import { errorMessage, resolvePath, toPosix } from '../../core/fileSystem';
import { formatJson, toAuditReport } from '../../core/format/json';
import { formatJunit } from '../../core/format/junit';
import { formatMarkdown } from '../../core/format/markdown';
import { formatSarif, SARIF_MAX_RESULTS, type SarifBaseline } from '../../core/format/sarif';
import { formatText } from '../../core/format/text';
import { SEVERITY_RANK } from '../../core/model';
import { MIN_BYTES_FOR_WORKER } from '../../core/parseWorker';
import { writeFileAtomic } from '../output';
import { choose, COMMON_OPTIONS, defaultCacheDir, emit, note, resolveDocs, UsageError, workingPrefix, type CliCommand, type MainParams, type OptionValues } from '../context';
import { cliEmbeddings } from '../embeddings';
import { auditHistory, historyNotes } from '../gitHistory';

const FORMATS = ['text', 'json', 'sarif', 'junit', 'markdown'] as const;
const FAIL_ON = ['error', 'warning', 'info', 'never'] as const;
export const JOBS = ['1', '2'] as const;

export const auditCommand: CliCommand = {
  name: 'audit',
  summary:
    'kb-audit audit   [DOCS] [--config F] [--questions F] [--format text|json|sarif|junit|markdown] [--output F] [--fail-on error|warning|info|never] [--baseline F] [--write-baseline F]',
  help: `Usage: kb-audit audit [DOCS] [options]

Audits the articles under DOCS (default: kb-audit.json's "docs", else the current folder).
In a translated knowledge base inside a git repository, stale-translation compares when each
translation and its source were last committed where front matter does not date both (one
git log over DOCS; "stale-translation": { "history": false } in kb-audit.json turns it off).

Options:
  --config F      kb-audit.json to use (default: DOCS/kb-audit.json, then ./kb-audit.json)
  --questions F   sample questions (.txt, .csv, .jsonl) for coverage checks (default: kb-audit.json's "questions")
  --format X      ${FORMATS.join(', ')} (default text)
                    sarif: SARIF 2.1.0 for code scanning; junit: JUnit XML for CI test reports;
                    markdown: a report to read, with counts, the worst conflicts and duplicates, and coverage
  --output F      write the report to F instead of standard output
  --fail-on X     exit 1 when a finding is at or above X: error (default), warning, info, never
  --baseline F    report only findings not recorded in the baseline file F (every format; SARIF
                  lists all of them with their baselineState); --fail-on judges the new ones only
  --write-baseline F
                  record the current findings in F (sorted JSON, one finding a line, to commit);
                  the run then reports only what --baseline F (if given) did not already hold
  --reproducible  leave run times out of the report (json: durationMs 0; junit: no time; markdown:
                  no "audited in"), so the same docs give a byte-identical report on every run
  --cache         keep parsed articles (by content hash) and the last findings between runs, so an
                  unchanged article is not parsed again and an unchanged folder is not re-audited
  --cache-dir D   the cache folder (implies --cache; default node_modules/.cache/kb-audit when the
                  working folder has node_modules, else .kb-audit-cache); safe to delete
  --no-cache      neither read nor write the cache (wins over --cache and --cache-dir)
                  (routing.embeddings' vectors are kept in the same folder whatever --cache says,
                  unless --no-cache)
  --jobs N        threads for parsing, 1 or 2 (default: 2 on a machine with two cores or more,
                  for folders of ${MIN_BYTES_FOR_WORKER / 1_000_000} MB of Markdown or more)
  -q, --quiet     no progress line and no counts on standard error (warnings and errors are still
                  written); progress is drawn only when standard error is a terminal and CI is unset
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
    baseline: { type: 'string' },
    'write-baseline': { type: 'string' },
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
    const previousBaseline = typeof values.baseline === 'string' ? await readBaselineFile(params, values.baseline) : undefined;
    const embeddings = cliEmbeddings(params, ctx.config.routing, values);
    // One clock for the audit and the history: changes not committed yet count as made now.
    const now = new Date();
    const history = auditHistory(ctx.config, ctx.docs, now);
    const result = await runAudit(params.fs, ctx.docs, ctx.config, {
      now,
      history,
      questions,
      questionsDisplayName,
      cache,
      jobs,
      workerScript: params.workerScript,
      onProgress: params.onProgress,
      embeddings,
    });
    const cacheNote = cacheSummary(cache);
    const { warning: historyWarning, note: historyNote } = historyNotes(history);
    if (historyWarning) params.stderr(historyWarning);
    if (historyNote) note(params, values, historyNote);
    const prefix = workingPrefix(params, ctx.docs);
    // With a baseline, the reports show only the findings it does not hold.
    let reported: Finding[] = result.findings;
    let sarifBaseline: SarifBaseline | undefined;
    let baselineReport: BaselineSummary | undefined;
    if (previousBaseline || typeof values['write-baseline'] === 'string') {
      // Fingerprints read the sections' text: an audit whose findings came from the cache loads the articles (from the cache too).
      const kb = result.kb ?? (await loadKnowledgeBase(params.fs, ctx.docs, ctx.config, { cache }));
      const printed = fingerprintFindings(result.findings, (file) => kb.byFile.get(file));
      if (previousBaseline) {
        const match = matchFindings(printed, previousBaseline.findings);
        reported = match.added.map((item) => item.finding);
        sarifBaseline = sarifBaselineOf(printed, match);
        baselineReport = summarizeBaseline(values.baseline as string, match);
        note(
          params,
          values,
          `kb-audit: baseline ${values.baseline}: ${reported.length} new findings reported; ${match.unchanged.length + match.updated.length} baselined not reported` +
            `${match.updated.length ? ` (${match.updated.length} in edited sections)` : ''}; ${match.absent.length} baselined findings are gone` +
            `${match.absent.length ? ' (--write-baseline to drop them)' : ''}\n`,
        );
      }
      const target = values['write-baseline'];
      if (typeof target === 'string') {
        const write = params.writeFile ?? writeFileAtomic;
        try {
          await write(path.resolve(params.cwd, target), formatBaseline(createBaseline(printed)));
        } catch (error) {
          throw new UsageError(`cannot write ${target}: ${errorMessage(error)}`);
        }
        if (!previousBaseline) {
          reported = [];
          sarifBaseline = sarifBaselineOf(printed, matchFindings(printed, printed));
        }
        note(params, values, `kb-audit: wrote baseline ${target}: ${printed.length} findings baselined\n`);
      }
    }
    // Run time is the one thing that differs between two runs over the same docs.
    const reproducible = values.reproducible === true;
    const s = reproducible ? { ...result.stats, durationMs: 0 } : result.stats;
    switch (format) {
      case 'json':
        await emit(params, formatJson(baselineReport ? { ...toAuditReport(ctx.docsArg, version, s, reported), baseline: baselineReport } : toAuditReport(ctx.docsArg, version, s, reported)), values.output);
        break;
      case 'sarif':
        if (result.findings.length > SARIF_MAX_RESULTS) {
          params.stderr(
            `kb-audit: warning: ${result.findings.length} findings is over SARIF's ${SARIF_MAX_RESULTS} results per run; the report keeps the first ${SARIF_MAX_RESULTS} (errors first, then warnings, then notes)\n`,
          );
        }
        // With a baseline, SARIF keeps every finding and says which are new (baselineState).
        await emit(
          params,
          formatSarif(sarifBaseline ? result.findings : reported, {
            version,
            pathPrefix: prefix,
            rootUri: `${pathToFileURL(params.cwd).href.replace(/\/?$/, '/')}`,
            baseline: sarifBaseline,
          }),
          values.output,
        );
        break;
      case 'junit':
        await emit(
          params,
          formatJunit(reported, {
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
          formatMarkdown(reported, { root: ctx.docsArg, stats: s, showDuration: !reproducible, questions: result.questions, linkPrefix: linkPrefix ? `${linkPrefix}/` : '' }),
          values.output,
        );
        break;
      }
      default:
        note(params, values, `${result.findings.length} findings in ${s.files} articles (${s.sections} sections, ${s.skipped} skipped) in ${result.stats.durationMs} ms${cacheNote}\n`);
        await emit(params, formatText(reported, prefix), values.output);
    }
    if (failOn === 'never') return 0;
    const bar = SEVERITY_RANK[failOn];
    return reported.some((f) => SEVERITY_RANK[f.severity] >= bar) ? 1 : 0;
  },
};

/** What `audit --format json` adds with --baseline. */
interface BaselineSummary {
  file: string;
  new: number;
  unchanged: number;
  updated: number;
  absent: number;
}

function summarizeBaseline(file: string, match: BaselineMatch<BaselineEntry>): BaselineSummary {
  return { file, new: match.added.length, unchanged: match.unchanged.length, updated: match.updated.length, absent: match.absent.length };
}

function sarifBaselineOf(printed: ReturnType<typeof fingerprintFindings>, match: BaselineMatch<{ fingerprint: string; loose: string }>): SarifBaseline {
  return {
    states: match.states,
    fingerprints: new Map(printed.map((item) => [item.finding, item.fingerprint])),
    absent: (match.absent as Array<Partial<BaselineEntry>>).map((entry) => ({ file: entry.file ?? '.', ruleId: entry.ruleId ?? '', fingerprint: entry.fingerprint ?? '' })),
  };
}

/** The baseline file named by --baseline: a missing or malformed one is a usage error (exit 2). */
async function readBaselineFile(params: MainParams, file: string) {
  let text: string;
  try {
    text = new TextDecoder().decode(await params.fs.readFile(resolvePath(toPosix(params.cwd), file)));
  } catch (error) {
    throw new UsageError(`cannot read baseline ${file}: ${errorMessage(error)} (create it with --write-baseline ${file})`);
  }
  try {
    return parseBaseline(text);
  } catch (error) {
    if (error instanceof BaselineError) throw new UsageError(`baseline ${file}: ${error.message}`);
    throw error;
  }
}

/** The version and a hash of the running engine: a rebuilt engine never trusts an older one's cache. */
export function engineId(): string {
  let build = '';
  try {
    build = createHash('sha1').update(readFileSync(__filename)).digest('hex').slice(0, 16);
  } catch {
    // Bundled somewhere unreadable: the version alone.
  }
  return `${version}+${build}`;
}

export function auditCache(params: MainParams, values: OptionValues): AuditCache | undefined {
  if (values['no-cache'] === true) return undefined;
  const dir = values['cache-dir'];
  if (typeof dir === 'string') return new AuditCache(path.resolve(params.cwd, dir), engineId());
  if (values.cache !== true) return undefined;
  return new AuditCache(defaultCacheDir(params), engineId());
}

export function cacheSummary(cache: AuditCache | undefined): string {
  if (!cache) return '';
  const { hits, misses, findingsReused, ignored } = cache.stats;
  const reuse = findingsReused ? ', findings reused' : '';
  return ` (cache: ${hits} articles reused, ${misses} parsed${reuse}${ignored ? `; old cache ignored: ${ignored}` : ''})`;
}
