import { availableParallelism } from 'node:os';
import { version } from '../../../package.json';
import { runDiff, type DiffResult, type DiffSide } from '../../core/diff';
import { resolvePath, toPosix } from '../../core/fileSystem';
import { formatDiffMarkdown, formatDiffText, headline, toDiffReport } from '../../core/format/diff';
import { formatJson } from '../../core/format/json';
import { SEVERITY_RANK } from '../../core/model';
import { choose, COMMON_OPTIONS, emit, note, resolveDocs, UsageError, workingPrefix, type CliCommand, type MainParams } from '../context';
import { nodeFileSystem } from '../../core/nodeFileSystem';
import { auditBaseInWorker, type StateSource } from '../diffWorker';
import { auditHistory, historyNotes } from '../gitHistory';
import { describeRevision, WORKING_TREE, findRepository, resolveRevision, revisionFileSystem } from '../git';
import { auditCache, engineId, JOBS } from './audit';

const FORMATS = ['text', 'json', 'markdown'] as const;
const FAIL_ON = ['error', 'warning', 'info', 'never'] as const;
const FAIL_ON_REGRESSION = ['escalate', 'changed', 'never'] as const;

async function isFolder(params: MainParams, p: string): Promise<boolean> {
  try {
    return (await params.fs.stat(resolvePath(toPosix(params.cwd), p))).type === 'directory';
  } catch {
    return false;
  }
}

/** Whether the change is a regression by --fail-on-regression: an answered question now escalates, or any question changed. */
function isRegression(diff: DiffResult, mode: (typeof FAIL_ON_REGRESSION)[number]): boolean {
  if (mode === 'never') return false;
  if (mode === 'changed') return diff.questions.changed.length > 0;
  return diff.questions.changed.some((c) => c.kind === 'now-escalates');
}

interface Sides {
  base: DiffSide;
  /** Where BASE's files are, for a second thread to read them itself. */
  baseSource: StateSource;
  head: DiffSide;
  /** HEAD's commit when HEAD is a git revision; null for the working tree; undefined for a folder. */
  headCommit?: string | null;
  baseName: string;
  headName: string;
  /** Docs-relative paths made relative to the repository's top (for links into a hosted repository). */
  repositoryPrefix: string;
  docs: Awaited<ReturnType<typeof resolveDocs>>;
}

/** BASE and HEAD as two folders, or as git revisions (HEAD: the working tree) of the repository holding DOCS. */
async function resolveSides(params: MainParams, positionals: string[], configArg: unknown): Promise<Sides> {
  const cwd = toPosix(params.cwd);
  const [baseArg] = positionals;
  if (await isFolder(params, baseArg)) {
    if (positionals.length !== 2) throw new UsageError('diff of two folders takes BASE_FOLDER HEAD_FOLDER (BASE is a folder, so it is not read as a git revision)');
    if (!(await isFolder(params, positionals[1]))) throw new UsageError(`not a folder: ${positionals[1]} (BASE is a folder, so HEAD must be one too)`);
    const docs = await resolveDocs(params, positionals[1], configArg);
    const baseRoot = resolvePath(cwd, baseArg);
    return {
      base: { fs: params.fs, root: baseRoot },
      baseSource: { kind: 'folder', root: baseRoot },
      head: { fs: params.fs, root: docs.docs },
      baseName: baseArg,
      headName: positionals[1],
      repositoryPrefix: workingPrefix(params, docs.docs),
      docs,
    };
  }
  let headArg: string | undefined;
  let docsArg: string | undefined;
  if (positionals.length === 3) [, headArg, docsArg] = positionals;
  else if (positionals.length === 2) {
    // One more argument: DOCS when it is a folder, else HEAD's revision.
    if (await isFolder(params, positionals[1])) docsArg = positionals[1];
    else headArg = positionals[1];
  }
  const docs = await resolveDocs(params, docsArg, configArg);
  const repo = findRepository(params.cwd, docs.docs);
  const baseCommit = resolveRevision(repo, baseArg);
  const headCommit = headArg !== undefined ? resolveRevision(repo, headArg) : undefined;
  return {
    base: { fs: revisionFileSystem(repo, baseCommit), root: docs.docs },
    baseSource: { kind: 'git', repo, commit: baseCommit, root: docs.docs },
    headCommit: headCommit ?? null,
    head: { fs: headCommit ? revisionFileSystem(repo, headCommit) : params.fs, root: docs.docs },
    baseName: describeRevision(baseArg, baseCommit),
    headName: headCommit ? describeRevision(headArg!, headCommit) : WORKING_TREE,
    repositoryPrefix: repo.docs ? `${repo.docs}/` : '',
    docs,
  };
}

export const diffCommand: CliCommand = {
  name: 'diff',
  summary:
    'kb-audit diff    BASE [HEAD] [DOCS] [--questions F] [--config F] [--format text|json|markdown] [--output F] [--fail-on error|warning|info|never] [--fail-on-regression escalate|changed|never]',
  help: `Usage: kb-audit diff BASE [HEAD] [DOCS] [options]
       kb-audit diff BASE_FOLDER HEAD_FOLDER [options]

What a change does to the knowledge base: audits BASE and HEAD with the same configuration and
the same sample questions, and reports the findings the change adds and fixes, and each sample
question the bot now handles differently (decision, article, section, answer, or confidence
across the threshold), with before and after.

BASE and HEAD are git revisions (a branch, tag or commit) of the repository of the working
folder, which must hold DOCS; HEAD defaults to the working tree. With two arguments, the second
is DOCS when it is a folder, else HEAD. Or BASE and HEAD are two folders. The configuration is
the working tree's (or HEAD folder's); the questions file is read from HEAD.

Options:
  --questions F   sample questions (.txt, .csv, .jsonl) (default: kb-audit.json's "questions")
  --config F      kb-audit.json to use
  --format X      text (default), json, or markdown (a pull-request comment, under 65,000 characters)
  --output F      write the report to F instead of standard output
  --fail-on X     exit 1 when the change adds a finding at or above X: error (default), warning, info, never
  --fail-on-regression X
                  exit 1 when: escalate (default) a question answered before now escalates;
                  changed: any question is handled differently; never
  --link-base URL markdown: link new findings to URL + path from the repository's top + #Lline
                  (e.g. https://github.com/OWNER/REPO/blob/SHA/)
  --cache, --cache-dir D, --no-cache
                  as for audit: parsed articles are kept between runs (an article the same in
                  BASE and HEAD is parsed once either way), and so are the audited states of
                  the last few diffs: a BASE (or HEAD) seen before is not audited again
  --jobs N        threads, 1 or 2 (default: 2 on a machine with two cores or more): with 2, BASE
                  is audited on a second thread while HEAD is audited, and parsing is shared out
  -q, --quiet     no progress line and no counts on standard error (warnings and errors are still
                  written); progress is drawn only when standard error is a terminal and CI is unset
Exit codes: 0 no regression, 1 regression (above), 2 usage error (a revision that does not
exist or is missing from a shallow clone, DOCS outside the repository, unreadable input).
`,
  options: {
    ...COMMON_OPTIONS,
    questions: { type: 'string' },
    'fail-on': { type: 'string' },
    'fail-on-regression': { type: 'string' },
    'link-base': { type: 'string' },
    cache: { type: 'boolean' },
    'cache-dir': { type: 'string' },
    'no-cache': { type: 'boolean' },
    jobs: { type: 'string' },
  },
  async run(params, positionals, values) {
    if (positionals.length === 0) throw new UsageError('diff needs BASE: a git revision (e.g. main) or a folder');
    if (positionals.length > 3) throw new UsageError(`diff takes BASE [HEAD] [DOCS] (got ${positionals.length} arguments)`);
    const format = choose(values.format, FORMATS, 'text', 'format');
    const failOn = choose(values['fail-on'], FAIL_ON, 'error', 'fail-on');
    const failOnRegression = choose(values['fail-on-regression'], FAIL_ON_REGRESSION, 'escalate', 'fail-on-regression');
    const started = performance.now();
    const sides = await resolveSides(params, positionals, values.config);
    const cwd = toPosix(params.cwd);
    const questions = typeof values.questions === 'string' ? resolvePath(cwd, values.questions) : undefined;
    const cache = auditCache(params, values);
    const engine = cache ? engineId() : undefined;
    const questionsDisplayName = typeof values.questions === 'string' ? values.questions : undefined;
    const now = new Date();
    const jobs = values.jobs === undefined ? undefined : Number(choose(values.jobs, JOBS, '1', 'jobs'));
    // With two threads, BASE is audited on the second while this one audits HEAD. It reads the
    // disk itself, so only when this run's files are the disk's (not a test's file system).
    const twoThreads = params.workerScript !== undefined && params.fs === nodeFileSystem && (jobs ?? availableParallelism()) > 1;
    // stale-translation compares when files last changed: each side's history as of its own state.
    const docsFolder = sides.docs.docs;
    const baseHistory = sides.baseSource.kind === 'git' ? auditHistory(sides.docs.config, docsFolder, now, sides.baseSource.commit) : undefined;
    const headHistory = sides.headCommit === undefined ? undefined : auditHistory(sides.docs.config, docsFolder, now, sides.headCommit ?? undefined);
    const diff = await runDiff(sides.base, sides.head, {
      config: sides.docs.config,
      questions,
      questionsDisplayName,
      cache,
      engine,
      now,
      workerScript: params.workerScript,
      jobs,
      onProgress: params.onProgress,
      history: { base: baseHistory, head: headHistory },
      auditBaseElsewhere: twoThreads
        ? auditBaseInWorker(params.workerScript!, sides.baseSource, { config: sides.docs.config, now, questionsDisplayName, cacheDir: cache?.dir, engine })
        : undefined,
    });
    const { warning: historyWarning, note: historyNote } = historyNotes(headHistory?.state ? headHistory : baseHistory);
    if (historyWarning) params.stderr(historyWarning);
    if (historyNote) note(params, values, historyNote);
    const prefix = workingPrefix(params, sides.docs.docs);
    const names = { version, base: sides.baseName, head: sides.headName };
    let body: string;
    if (format === 'json') body = formatJson(toDiffReport(diff, { ...names, pathPrefix: prefix }));
    else if (format === 'markdown') {
      const linkBase = typeof values['link-base'] === 'string' ? values['link-base'].replace(/\/?$/, '/') : undefined;
      body = formatDiffMarkdown(diff, { ...names, pathPrefix: linkBase ? sides.repositoryPrefix : prefix, linkBase });
    } else body = formatDiffText(diff, { ...names, pathPrefix: prefix });
    const ignored = cache?.stats.ignored ? `; old cache ignored: ${cache.stats.ignored}` : '';
    const reused = cache ? ` (cache: ${diff.articleCache.reused} articles reused, ${diff.articleCache.parsed} parsed${ignored}; ${diff.reused} of 2 states reused from an earlier diff)` : '';
    note(params, values, `kb-audit diff: ${headline(diff)} (${Math.round(performance.now() - started)} ms${reused})\n`);
    await emit(params, body, values.output);
    const bar = failOn === 'never' ? Infinity : SEVERITY_RANK[failOn];
    const failed = diff.findings.new.some((f) => SEVERITY_RANK[f.severity] >= bar) || isRegression(diff, failOnRegression);
    return failed ? 1 : 0;
  },
};
