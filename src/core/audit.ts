import { availableParallelism } from 'node:os';
import { activeRules, ruleFailure, toFinding } from './activeRules';
import { ArticleChecks } from './articleChecks';
import type { AuditCache } from './cache/auditCache';
import type { ResolvedConfig } from './config/config';
import type { FileSystem } from './fileSystem';
import { TRAILING_SLASHES, errorMessage, toPosix } from './fileSystem';
import type { KnowledgeBase } from './knowledgeBase';
import { loadKnowledgeBase, parseDocs, readDocs, type LoadOptions } from './knowledgeBase';
import type { Site } from './flavor';
import { historyDigest, recordingHistory, type VersionHistory } from './history';
import type { Article, Finding, SkippedFile } from './model';
import { embedIndex, type Embedder, type EmbeddingsNotice, type EmbeddingsOutcome } from './routing/embeddings';
import { localeKnowledgeBaseOf, localeKnowledgeBases } from './locale/scopes';
import { loadQuestions, questionIndexes, questionsByIndex } from './routing/questions';
import { SearchIndex } from './routing/searchIndex';
import { DEFAULT_THRESHOLD, previewQuestions } from './routing/simulator';
import type { PreviewResult } from './routing/types';
import type { AuditQuestions, ReportedFinding } from './rules/types';
import { ParseWorker, wantsSecondThread } from './parseWorker';
import { isSuppressed } from './suppressions';
import { compareCodePoints } from './walk';
import type { OnProgress } from './progress';

export interface AuditStats {
  files: number;
  sections: number;
  skipped: number;
  durationMs: number;
}

export interface AuditResult {
  kb: KnowledgeBase;
  findings: Finding[];
  stats: AuditStats;
  /** The sample questions and what the simulator does with each, when the audit had some. */
  questions: AuditQuestionsReport | null;
}

/**
 * What runAudit gives: an audit result, except that `kb` is null when the findings of an
 * identical earlier audit came from the cache (nothing was parsed); `files` and `skipped` are
 * there either way.
 */
export interface RunAuditResult extends Omit<AuditResult, 'kb'> {
  kb: KnowledgeBase | null;
  /** The articles audited, by path relative to the docs root, in code-point order. */
  files: string[];
  skipped: SkippedFile[];
  /** How many of the articles a second thread parsed. */
  parsedInWorker: number;
}

export interface AuditQuestionsReport {
  /** The questions file relative to the docs root, as findings name it. */
  file: string;
  preview: PreviewResult;
}

export interface AuditOptions {
  signal?: AbortSignal;
  now?: Date;
  /**
   * Absolute path of a sample questions file (.txt, .csv, .jsonl) for the coverage rules.
   * Undefined: kb-audit.json's `questions`; null: none.
   */
  questions?: string | null;
  /** How errors about the questions file name it (default: its path). */
  questionsDisplayName?: string;
  /** Called with each rule's running time, for benchmarks. */
  onRuleTimed?: (ruleId: string, ms: number) => void;
  /** Called as files are read and parsed, sample questions routed and rules run (the CLI's progress display). */
  onProgress?: OnProgress;
  /**
   * Parsed articles and the last findings from earlier runs (the CLI's --cache). Findings are
   * reused only for the same engine, configuration, day and article contents, and never when the
   * audit routes sample questions.
   */
  cache?: AuditCache;
  /** A script that serves a parse worker (the CLI bundle does): with it, a second thread parses some of the articles. */
  workerScript?: string;
  /**
   * Threads for parsing: 1, or 2 (a second thread whatever the folder's size). Default: 2 on a
   * machine with two cores or more, for folders of MIN_BYTES_FOR_WORKER or more.
   */
  jobs?: number;
  /** routing.embeddings in force: the sample questions are routed with the model's similarity blended in. */
  embeddings?: RoutingEmbeddings;
  /**
   * Each article's last change in version control (the CLI reads git when the docs folder is in a
   * repository): stale-translation compares these when front matter does not date both a
   * translation and its source. Read only if a rule asks, so it may load lazily: an audit of one
   * locale never asks. With the cache, findings that used it are reused only under the same
   * history (its digest).
   */
  history?: VersionHistory;
}

/** An embedding model for the routing, and who hears what is sent and how it went. */
export interface RoutingEmbeddings {
  embedder: Embedder;
  signal?: AbortSignal;
  /** Before anything is sent: what, where. */
  notice?: (n: EmbeddingsNotice) => void;
  /** After: sent and cached counts, or why the built-in routing is used instead. */
  report?: (outcome: EmbeddingsOutcome) => void;
}

/** Deterministic order: path, line, column, rule, by code point. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareCodePoints(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compareCodePoints(a.ruleId, b.ruleId) ||
    compareCodePoints(a.message, b.message)
  );
}

/** Runs the per-article rules on one article (also what an edit re-runs). */
export function checkArticle(whole: KnowledgeBase, article: Article, config: ResolvedConfig, now = new Date()): Finding[] {
  const findings: Finding[] = [];
  for (const step of articleRuleSteps(whole, article, config, now, findings)) step();
  return findings.filter((f) => !isSuppressed(article, f)).sort(compareFindings);
}

/**
 * checkArticle in steps, to be run in order: finding the article's locale, then each rule.
 * The first check of a knowledge base builds the tables the rules read across it (its locales,
 * its front-matter conventions, its links), each a step of its own here, so a caller that must
 * not hold its thread can let it turn between them. Findings go to `findings`, unsuppressed.
 */
export function articleRuleSteps(whole: KnowledgeBase, article: Article, config: ResolvedConfig, now: Date, findings: Finding[]): Array<() => void> {
  // An article is checked within its locale: its links resolve to that locale's pages first.
  let kb = whole;
  const steps = [() => void (kb = localeKnowledgeBaseOf(whole, article.file))];
  for (const active of activeRules(config)) {
    if (active.rule.scope !== 'article' || !active.appliesTo(article.file)) continue;
    steps.push(() => {
      try {
        active.rule.check({
          kb,
          config,
          article,
          options: active.options,
          now,
          questions: null,
          report: (f) => findings.push(toFinding(active, f)),
        });
      } catch (error) {
        findings.push(ruleFailure(active, article.file, error));
      }
    });
  }
  return steps;
}

/** Runs every enabled rule over a loaded knowledge base. */
export async function auditKnowledgeBase(
  kb: KnowledgeBase,
  config: ResolvedConfig,
  options: AuditOptions & { auditQuestions?: AuditQuestions | null; checked?: ArticleChecks } = {},
): Promise<Finding[]> {
  const now = options.now ?? new Date();
  const findings: Finding[] = [];
  const rules = activeRules(config);
  for (const [done, active] of rules.entries()) {
    options.signal?.throwIfAborted();
    options.onProgress?.({ stage: 'rules', done, total: rules.length, item: active.rule.id });
    const started = performance.now();
    const report = (f: ReportedFinding) => {
      if (active.appliesTo(f.file)) findings.push(toFinding(active, f));
    };
    // Each locale is audited as its own knowledge base; the sample questions are the source's.
    const parts = active.rule.acrossLocales ? [kb] : localeKnowledgeBases(kb);
    for (const part of parts) {
      const questions = part === parts[0] ? (options.auditQuestions ?? null) : null;
      const context = { kb: part, config, options: active.options, now, questions, history: options.history, report };
      if (active.rule.scope === 'article') {
        for (const article of part.articles) {
          if (!active.appliesTo(article.file)) continue;
          // Run as the article was parsed: what it reported then is what it would report now.
          const early = options.checked?.outcome(article.file, active.rule.id, config, now);
          if (early) {
            for (const f of early.reported) report(f);
            if (early.error !== undefined) findings.push(ruleFailure(active, article.file, early.error));
            continue;
          }
          try {
            active.rule.check({ ...context, article });
          } catch (error) {
            findings.push(ruleFailure(active, article.file, error));
          }
        }
      } else {
        try {
          await active.rule.check(context);
        } catch (error) {
          findings.push({ ...ruleFailure(active, '.', error), message: `rule ${active.rule.id} failed: ${errorMessage(error)}` });
        }
      }
    }
    options.onRuleTimed?.(active.rule.id, performance.now() - started);
  }
  return findings
    .filter((f) => {
      const article = kb.byFile.get(f.file);
      return !article || !isSuppressed(article, f);
    })
    .sort(compareFindings);
}

/** `path` relative to `root`, with `../` when it lies outside. */
export function relativeTo(root: string, path: string): string {
  const from = toPosix(root).replace(TRAILING_SLASHES, '').split('/').filter(Boolean);
  const to = toPosix(path).split('/').filter(Boolean);
  let i = 0;
  while (i < from.length && i < to.length && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => '..'), ...to.slice(i)].join('/');
}

/** How routeSampleQuestions reads and routes the questions. */
export interface RouteQuestionsOptions {
  /** The file's name in messages (default: its path). */
  displayName?: string;
  embeddings?: RoutingEmbeddings;
  onProgress?: OnProgress;
  /** The search index of `kb`, when the caller already has one (it is built otherwise). */
  index?: SearchIndex;
}

/**
 * Reads and routes the sample questions once, for every rule that needs them. Returns the
 * index it routed through, so a caller that keeps the knowledge base can keep its index (and
 * the calibration cached on it) instead of building it again.
 */
export async function routeSampleQuestions(
  fs: FileSystem,
  root: string,
  kb: KnowledgeBase,
  config: ResolvedConfig,
  path: string,
  options: RouteQuestionsOptions = {},
): Promise<AuditQuestions & { preview: PreviewResult; index: SearchIndex }> {
  const { embeddings, onProgress } = options;
  const questions = await loadQuestions(fs, path, options.displayName ?? path);
  const index = options.index ?? SearchIndex.build(kb);
  const indexOf = questionIndexes(kb, index, questions);
  if (embeddings) {
    for (const [own, texts] of questionsByIndex(questions, indexOf)) {
      const outcome = await embedIndex(own, texts, embeddings.embedder, { signal: embeddings.signal, notice: embeddings.notice });
      embeddings.report?.(outcome);
    }
  }
  const preview = previewQuestions(index, questions, config.routing, { onProgress, indexOf });
  return {
    file: relativeTo(root, path),
    questions,
    routed: preview.results,
    threshold: config.routing.threshold ?? preview.summary.threshold ?? DEFAULT_THRESHOLD,
    preview,
    index,
  };
}

/** The routed questions without the index they were routed through. */
export function withoutIndex<T extends { index: SearchIndex }>(routed: T): Omit<T, 'index'> {
  const { index: _index, ...rest } = routed;
  return rest;
}

/** Loads the docs folder and audits it: the one entry point the CLI and the extension share. */
export async function runAudit(
  fs: FileSystem,
  root: string,
  config: ResolvedConfig,
  options?: AuditOptions & { cache?: undefined },
): Promise<RunAuditResult & { kb: KnowledgeBase }>;
export async function runAudit(fs: FileSystem, root: string, config: ResolvedConfig, options?: AuditOptions): Promise<RunAuditResult>;
export async function runAudit(fs: FileSystem, root: string, config: ResolvedConfig, options: AuditOptions = {}): Promise<RunAuditResult> {
  const started = performance.now();
  const { cache, signal, onProgress } = options;
  const now = options.now ?? new Date();
  // The rules that read one article alone run as each article is parsed, in either thread.
  const checks = new ArticleChecks({ config, now: now.getTime() });
  const questionsPath = options.questions === undefined ? config.questions : options.questions;
  const finish = (kb: KnowledgeBase | null, files: string[], skipped: SkippedFile[], sections: number, findings: Finding[], questions: AuditQuestionsReport | null) => ({
    kb,
    files,
    skipped,
    findings,
    stats: { files: files.length, sections, skipped: skipped.length, durationMs: Math.round(performance.now() - started) },
    questions,
    parsedInWorker: worker?.parsed ?? 0,
  });
  let worker: ParseWorker | undefined;
  const startWorker = (bytes: number) => {
    if (options.workerScript && wantsSecondThread(bytes, options.jobs, availableParallelism())) worker = new ParseWorker(options.workerScript, checks.spec);
  };
  let kb: KnowledgeBase;
  let findingsKey: string | undefined;
  try {
    if (cache && !questionsPath) {
      // Read and hash every file first: if nothing changed since the last audit, its findings
      // stand, and nothing needs parsing, nor even taking out of the cache.
      // In a function of its own: the files' bytes are not kept through the rules.
      const read = async (): Promise<{ reused: RunAuditResult } | { kb: KnowledgeBase }> => {
        const docs = await readDocs(fs, root, config, { signal, onProgress });
        findingsKey = cache.findingsKey({ config: { ...config, site: siteKey(docs.site) }, day: now.toISOString().slice(0, 10), articles: docs.files, skipped: docs.skipped });
        const reused = await cache.findings(findingsKey, docs.files.length, () => historyDigest(options.history));
        if (reused) return { reused: finish(null, docs.files.map((f) => f.file), docs.skipped, reused.sections, reused.findings, null) };
        startWorker(docs.files.reduce((sum, f) => sum + f.bytes.length, 0));
        return { kb: await parseDocs(root, docs, { signal, cache, offload: worker, checks, onProgress }) };
      };
      const loaded = await read();
      if ('reused' in loaded) return loaded.reused;
      kb = loaded.kb;
    } else {
      // The worker starts once the folder is listed and its size known; files read after that are shared.
      const load: LoadOptions = { signal, cache, checks, onProgress };
      load.onWalked = (_files, bytes) => {
        startWorker(bytes);
        load.offload = worker;
      };
      kb = await loadKnowledgeBase(fs, root, config, load);
    }
  } finally {
    await worker?.close();
  }
  // The index is not kept: nothing routes after the rules, and it would stay alive through them.
  const routed = questionsPath ? withoutIndex(await routeSampleQuestions(fs, root, kb, config, questionsPath, { displayName: options.questionsDisplayName, embeddings: options.embeddings, onProgress })) : null;
  // Whether the findings depend on the history is known once the rules ran: only then are they
  // stored under its digest (and only then does reusing them need the history read).
  const history = recordingHistory(options.history);
  const findings = await auditKnowledgeBase(kb, config, { ...options, now, history: history.history, auditQuestions: routed, checked: checks });
  await cache?.save(findingsKey ? { key: findingsKey, history: history.consulted() ? historyDigest(options.history) : undefined, findings, sections: kb.sections.length } : undefined);
  return finish(
    kb,
    kb.articles.map((a) => a.file),
    kb.skipped,
    kb.sections.length,
    findings,
    routed ? { file: routed.file, preview: routed.preview } : null,
  );
}

/** What of the site the findings depend on, for the cache's key: a changed sidebar changes the orphans. */
function siteKey(site: Site): unknown {
  const nav = site.navigation;
  return { ...site, navigation: { all: nav.all, files: [...nav.files].sort(), folders: [...nav.folders].sort(), routes: [...nav.routes].sort() } };
}
