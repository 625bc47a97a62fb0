// One docs folder held in memory between audits: the parsed knowledge base, its findings by
// file, the search index and the preview of the sample questions. An edit re-parses only the
// changed article and re-runs only the article rules on it; the rules that compare articles
// and the index catch up later (see recheck). Free of the vscode module: the incremental
// benchmark and unit tests drive it in plain Node.
import {
  auditKnowledgeBase,
  checkArticle,
  compareFindings,
  routeSampleQuestions,
  runAudit,
  type AuditOptions,
  type AuditQuestionsReport,
  type AuditStats,
} from '../core/audit';
import type { ResolvedConfig } from '../core/config/config';
import type { FileSystem } from '../core/fileSystem';
import type { KnowledgeBase } from '../core/knowledgeBase';
import type { Article, Finding, Section } from '../core/model';
import { parseArticle } from '../core/parse/markdown';
import { findRule } from '../core/rules';
import { SearchIndex } from '../core/routing/searchIndex';
import { DEFAULT_THRESHOLD, previewQuestions, routeQuestion, summarize } from '../core/routing/simulator';
import type { PreviewResult, RoutedQuestion, SampleQuestion } from '../core/routing/types';
import { compareCodePoints } from '../core/walk';
import type { RoutedView, SweepPoint } from '../shared/messages';
import { sweepThresholds } from '../shared/sweep';

/** The sample questions routed through the knowledge base. */
export interface PreviewState {
  questions: SampleQuestion[];
  /** At the configured threshold. */
  preview: PreviewResult;
  /** The same questions at threshold 0: every other threshold's decisions follow from it. */
  atZero: RoutedQuestion[];
  sweep: SweepPoint[];
  /** Per section id: how many questions the bot answers from it, and how many it asks to clarify. */
  bySection: Map<string, { answered: number; clarify: number }>;
}

/** Questions routed between two yields to the event loop. */
const PREVIEW_SLICE = 20;

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function isArticleScoped(finding: Finding): boolean {
  return findRule(finding.ruleId)?.scope === 'article';
}

function groupByFile(findings: Finding[]): Map<string, Finding[]> {
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    let list = byFile.get(f.file);
    if (!list) byFile.set(f.file, (list = []));
    list.push(f);
  }
  return byFile;
}

export class KbSession {
  /** Bumped on every change, so late results of older work can be recognised and dropped. */
  version = 0;
  /** Article rule findings, re-run per article on edit. */
  private articleFindings = new Map<string, Finding[]>();
  /** Findings of the rules that see the whole knowledge base; refreshed by recheck(). */
  private kbFindings = new Map<string, Finding[]>();
  private searchIndex: SearchIndex | undefined;
  /** Files edited since the knowledge-base rules last ran. */
  readonly staleFiles = new Set<string>();
  previewState: PreviewState | null = null;

  private constructor(
    private readonly fs: FileSystem,
    readonly root: string,
    readonly kb: KnowledgeBase,
    readonly config: ResolvedConfig,
    findings: Finding[],
    public stats: AuditStats,
    /** The questions the coverage rules saw, when the audit had a questions file. */
    public questions: AuditQuestionsReport | null,
    private readonly questionsPath: string | null,
  ) {
    this.setFindings(findings);
  }

  /** Audits `root`; `options.questions` as in runAudit (null: no questions file). */
  static async load(fs: FileSystem, root: string, config: ResolvedConfig, options: AuditOptions = {}): Promise<KbSession> {
    const result = await runAudit(fs, root, config, options);
    const questionsPath = options.questions === undefined ? config.questions : options.questions;
    return new KbSession(fs, root, result.kb, config, result.findings, result.stats, result.questions, questionsPath ?? null);
  }

  private setFindings(findings: Finding[]): void {
    this.articleFindings = groupByFile(findings.filter(isArticleScoped));
    this.kbFindings = groupByFile(findings.filter((f) => !isArticleScoped(f)));
  }

  /** Every finding, in the CLI's order. */
  get findings(): Finding[] {
    const all: Finding[] = [];
    for (const list of this.articleFindings.values()) all.push(...list);
    for (const list of this.kbFindings.values()) all.push(...list);
    return all.sort(compareFindings);
  }

  findingsFor(file: string): Finding[] {
    return [...(this.articleFindings.get(file) ?? []), ...(this.kbFindings.get(file) ?? [])].sort(compareFindings);
  }

  /** Files that have findings. */
  get filesWithFindings(): Set<string> {
    return new Set([...this.articleFindings.keys(), ...this.kbFindings.keys()]);
  }

  get index(): SearchIndex {
    this.searchIndex ??= SearchIndex.build(this.kb);
    return this.searchIndex;
  }

  /**
   * Re-parses one article from the editor's text and re-runs the article rules on it. Returns
   * that file's findings: fresh article findings plus the last knowledge-base findings.
   */
  updateArticle(file: string, text: string, now = new Date()): Finding[] {
    const article = parseArticle(file, new TextEncoder().encode(text));
    this.replaceArticle(file, article);
    const fresh = checkArticle(this.kb, article, this.config, now);
    if (fresh.length) this.articleFindings.set(file, fresh);
    else this.articleFindings.delete(file);
    this.staleFiles.add(file);
    this.version++;
    return this.findingsFor(file);
  }

  /** Forgets a deleted article. */
  removeArticle(file: string): void {
    this.replaceArticle(file, null);
    this.articleFindings.delete(file);
    this.kbFindings.delete(file);
    this.staleFiles.add(file);
    this.version++;
  }

  private replaceArticle(file: string, article: Article | null): void {
    const kb = this.kb;
    const at = kb.articles.findIndex((a) => a.file === file);
    if (article) {
      if (at >= 0) kb.articles[at] = article;
      else {
        let i = 0;
        while (i < kb.articles.length && compareCodePoints(kb.articles[i].file, file) < 0) i++;
        kb.articles.splice(i, 0, article);
      }
      kb.byFile.set(file, article);
    } else if (at >= 0) {
      kb.articles.splice(at, 1);
      kb.byFile.delete(file);
    }
    kb.skipped = kb.skipped.filter((s) => s.file !== file);
    // Sections are shared objects: re-listing them is a copy of references, not a re-parse.
    kb.sections = kb.articles.flatMap((a) => a.sections);
    this.searchIndex = undefined;
    this.stats = { ...this.stats, files: kb.articles.length, sections: kb.sections.length, skipped: kb.skipped.length };
  }

  /** Re-runs every rule over the knowledge base as it now stands (after edits). */
  async recheck(options: AuditOptions = {}): Promise<void> {
    const version = this.version;
    // The coverage rules route the sample questions through the index as it now stands.
    let auditQuestions: Awaited<ReturnType<typeof routeSampleQuestions>> | null = null;
    try {
      auditQuestions = this.questionsPath ? await routeSampleQuestions(this.fs, this.root, this.kb, this.config, this.questionsPath) : null;
    } catch {
      // A questions file broken since the audit costs the coverage rules this round, not the re-check.
    }
    const findings = await auditKnowledgeBase(this.kb, this.config, { ...options, auditQuestions });
    if (auditQuestions) this.questions = { file: auditQuestions.file, preview: auditQuestions.preview };
    // An edit that landed meanwhile has newer article findings for its file: keep those.
    const edited = version === this.version ? new Set<string>() : new Set(this.staleFiles);
    const keep = new Map([...edited].map((file) => [file, this.articleFindings.get(file)]));
    this.setFindings(findings);
    for (const [file, list] of keep) {
      if (list) this.articleFindings.set(file, list);
      else this.articleFindings.delete(file);
    }
    if (version === this.version) this.staleFiles.clear();
    this.version++;
  }

  /** What the bot would do with one question. */
  ask(question: string): RoutedQuestion {
    return routeQuestion(this.index, question, this.config.routing);
  }

  /**
   * Routes the sample questions and works out the sweep and per-section counts. Questions go
   * in slices with a yield between them, so a large set never holds the extension host long.
   */
  async previewAll(questions: SampleQuestion[], threshold?: number, signal?: AbortSignal): Promise<PreviewState> {
    const routing = threshold === undefined ? this.config.routing : { ...this.config.routing, threshold };
    const index = this.index;
    const results: RoutedQuestion[] = [];
    const atZero: RoutedQuestion[] = [];
    for (let i = 0; i < questions.length; i += PREVIEW_SLICE) {
      if (i > 0) await yieldToEventLoop();
      signal?.throwIfAborted();
      const slice = questions.slice(i, i + PREVIEW_SLICE);
      results.push(...previewQuestions(index, slice, routing).results);
      atZero.push(...previewQuestions(index, slice, { ...routing, threshold: 0 }).results);
    }
    const configured = routing.threshold ?? DEFAULT_THRESHOLD;
    const preview: PreviewResult = { summary: summarize(results, configured), results };
    const thresholds = new Set<number>();
    for (let i = 0; i <= 20; i++) thresholds.add(i / 20);
    thresholds.add(configured);
    const sweep = sweepThresholds(atZero as RoutedView[], [...thresholds].sort((a, b) => a - b));
    const bySection = new Map<string, { answered: number; clarify: number }>();
    for (const r of results) {
      if (!r.sectionId || r.decision === 'escalate') continue;
      let counts = bySection.get(r.sectionId);
      if (!counts) bySection.set(r.sectionId, (counts = { answered: 0, clarify: 0 }));
      if (r.decision === 'answer') counts.answered++;
      else counts.clarify++;
    }
    return { questions, preview, atZero, sweep, bySection };
  }

  /** The section of `file` holding 1-based `line`. */
  sectionAt(file: string, line: number): Section | undefined {
    const article = this.kb.byFile.get(file);
    if (!article) return undefined;
    let found: Section | undefined;
    for (const s of article.sections) {
      if (s.startLine <= line) found = s;
      else break;
    }
    return found;
  }
}
