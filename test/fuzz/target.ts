// The fuzz target: one input through the whole pipeline (decode → front matter → markdown-it with
// the flavour's dialect pass → sections → rules → index → routing → reports, and for a folder the
// CLI on an in-memory file system too), and the properties every input must keep:
//   crash       no exception escapes a stage (a rule that throws, which the engine turns into a
//               "rule … failed" finding, counts too; so does the CLI's "internal error")
//   slow        every stage finishes within a bound proportional to the input's size
//   position    findings' lines and columns lie inside the file they name
//   nondeterministic  the same input audited twice gives the same JSON report and routing,
//               though the second time the file system lists each folder in the opposite order;
//               and an audit with the CLI's cache (filled, reused, or reused after an edit to
//               one article) gives the findings of an audit without it; a diff of a state
//               with itself finds no change, a diff after an edit reports only findings the
//               two audits have, and a baseline holds every finding it was written from; an
//               article handed over as the parse worker sends it (cloned, without its lines)
//               and joined to its file again is the article parsed in place
//   fix         a quick fix's edit applies to the text it was computed from, and the file
//               parsed again no longer has the finding it claims to fix (the rule's own fix and
//               the inline-suppression fix offered for every finding)
//   confidence  routing's confidence is a number in [0, 1]
//   warning     nothing is written to the console behind the caller's back (a library's
//               process warning lands in the CLI's stderr and the extension host's log)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { auditKnowledgeBase, runAudit, type AuditStats } from '../../src/core/audit';
import { baselinedFindings, createBaseline, fingerprintFindings, formatBaseline, parseBaseline } from '../../src/core/baseline';
import { AuditCache } from '../../src/core/cache/auditCache';
import { runDiff } from '../../src/core/diff';
import { ConfigError, DEFAULT_CONFIG, parseConfig, type ResolvedConfig } from '../../src/core/config/config';
import { applyTextEdits, suppressFinding } from '../../src/core/edits';
import type { FileSystem } from '../../src/core/fileSystem';
import type { FlavorId } from '../../src/core/flavor/types';
import { formatJunit } from '../../src/core/format/junit';
import { formatJson, toAuditReport } from '../../src/core/format/json';
import { formatMarkdown } from '../../src/core/format/markdown';
import { formatSarif } from '../../src/core/format/sarif';
import { formatText } from '../../src/core/format/text';
import { buildKnowledgeBase, loadKnowledgeBase, siteSyntax, type KnowledgeBase } from '../../src/core/knowledgeBase';
import type { Article, Finding, TextEdit } from '../../src/core/model';
import { decodeText } from '../../src/core/parse/decode';
import { parseArticle, withFileText } from '../../src/core/parse/markdown';
import { SearchIndex } from '../../src/core/routing/searchIndex';
import { previewQuestions, routeQuestion } from '../../src/core/routing/simulator';
import type { PreviewResult, RoutedQuestion, SampleQuestion } from '../../src/core/routing/types';
import type { AuditQuestions } from '../../src/core/rules/types';
import { memoryFileSystem } from '../helpers/memoryFileSystem';
import { caseSize, type FuzzCase } from './case';

export type ViolationKind = 'crash' | 'slow' | 'position' | 'nondeterministic' | 'fix' | 'confidence' | 'warning';

export interface Violation {
  kind: ViolationKind;
  /** The stage or rule it concerns, so a minimised input is kept only while the same thing fails. */
  where: string;
  message: string;
}

export interface CaseResult {
  violations: Violation[];
  /** Milliseconds per stage, summed over the case's runs. */
  stageMs: Record<string, number>;
}

/** The audit's clock: a fixed day, so the input alone decides the findings. */
export const FUZZ_NOW = new Date('2026-06-15T12:00:00Z');
const SITE = '/site';
const VERSION = '0.0.0-fuzz';

/** A stage may take this long plus PER_KB_MS for each KB of input before it counts as slow. */
export const BASE_MS = 3000;
export const PER_KB_MS = 150;

export function stageBound(size: number): number {
  return BASE_MS + (PER_KB_MS * size) / 1024;
}

class Recorder {
  readonly violations: Violation[] = [];
  readonly stageMs: Record<string, number> = {};
  constructor(private readonly bound: number) {}

  add(kind: ViolationKind, where: string, message: string): void {
    // One of each kind and place is enough: the rest is the same bug.
    if (this.violations.some((v) => v.kind === kind && v.where === where)) return;
    this.violations.push({ kind, where, message: message.slice(0, 2000) });
  }

  /** Runs a stage, timing it; an exception becomes a crash and `undefined`. */
  async stage<T>(name: string, run: () => T | Promise<T>): Promise<T | undefined> {
    const started = performance.now();
    try {
      return await run();
    } catch (error) {
      this.add('crash', name, error instanceof Error ? (error.stack ?? error.message) : String(error));
      return undefined;
    } finally {
      const ms = performance.now() - started;
      this.stageMs[name] = (this.stageMs[name] ?? 0) + ms;
      if (ms > this.bound) this.add('slow', name, `${name} took ${Math.round(ms)} ms (bound ${Math.round(this.bound)} ms)`);
    }
  }
}

function docsRoot(c: FuzzCase): string {
  return `${SITE}/${c.docsDir ?? 'docs'}`;
}

/** The bytes of an article, by its path in the docs folder (a site file may lie inside it, as mdBook's SUMMARY.md does). */
function bytesOf(c: FuzzCase, file: string): Uint8Array {
  return c.files[file] ?? c.siteFiles?.[`${c.docsDir ?? 'docs'}/${file}`] ?? new Uint8Array();
}

/** The case's site in memory; `reversed` lists each folder backwards (the report must not change). */
function fileSystemOf(c: FuzzCase, reversed = false): FileSystem {
  const files: Record<string, Uint8Array> = {};
  for (const [path, bytes] of Object.entries(c.siteFiles ?? {})) files[`${SITE}/${path}`] = bytes;
  for (const [path, bytes] of Object.entries(c.files)) files[`${docsRoot(c)}/${path}`] = bytes;
  files[`${SITE}/questions.txt`] = new TextEncoder().encode(c.questions.join('\n'));
  // The same questions labelled, as the CLI also reads them: the first article expected, or none.
  const first = Object.keys(c.files)[0] ?? null;
  const expected = (i: number) => (i % 2 ? null : first);
  files[`${SITE}/questions.csv`] = new TextEncoder().encode(['question,expected', ...c.questions.map((q, i) => `"${q.replace(/"/g, '""')}",${expected(i) ?? ''}`)].join('\n'));
  files[`${SITE}/questions.jsonl`] = new TextEncoder().encode(c.questions.map((q, i) => JSON.stringify({ question: q, expected: expected(i) })).join('\n'));
  const fs = memoryFileSystem(files);
  if (!reversed) return fs;
  return { ...fs, readDirectory: async (path) => (await fs.readDirectory(path)).reverse() };
}

const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

const BOM = [0xef, 0xbb, 0xbf];

function hasBom(bytes: Uint8Array): boolean {
  return bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2];
}

/** The text an editor holds for the file: VS Code reads a UTF-8 BOM as the encoding, not as text. */
function editorText(bytes: Uint8Array): string {
  return lenient.decode(hasBom(bytes) ? bytes.subarray(3) : bytes);
}

/** What the editor saves: the text, after the BOM the file had. */
function savedBytes(original: Uint8Array, text: string): Uint8Array {
  const body = new TextEncoder().encode(text);
  if (!hasBom(original)) return body;
  const out = new Uint8Array(body.length + 3);
  out.set(BOM);
  out.set(body, 3);
  return out;
}

interface Run {
  kb: KnowledgeBase;
  config: ResolvedConfig;
  findings: Finding[];
  preview: PreviewResult | null;
  /** The JSON report (durations zeroed) and the routing, for the determinism check. */
  json: string;
}

function configOf(c: FuzzCase, rec: Recorder): ResolvedConfig {
  const flavor: FlavorId | 'auto' = c.flavor;
  const bytes = c.siteFiles?.['kb-audit.json'];
  let config: ResolvedConfig = DEFAULT_CONFIG;
  if (bytes) {
    try {
      config = parseConfig(lenient.decode(bytes), `${SITE}/kb-audit.json`);
    } catch (error) {
      // An invalid kb-audit.json is the user's mistake, reported as such: not a crash.
      if (!(error instanceof ConfigError)) rec.add('crash', 'config', error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
  }
  // The questions are the case's own; the docs folder is where the case put it.
  return { ...config, flavor: config.flavor === 'auto' ? flavor : config.flavor, questions: null, docs: null };
}

function sampleQuestions(c: FuzzCase): SampleQuestion[] {
  return c.questions.map((question, i) => ({ question, line: i + 1, file: '../questions.txt' }));
}

async function audit(kb: KnowledgeBase, config: ResolvedConfig, routed: PreviewResult | null, questions: SampleQuestion[]): Promise<Finding[]> {
  const auditQuestions: AuditQuestions | null = routed
    ? { file: '../questions.txt', questions, routed: routed.results, threshold: routed.summary.threshold }
    : null;
  return auditKnowledgeBase(kb, config, { now: FUZZ_NOW, auditQuestions });
}

/** Loads the case through the engine, audits it, indexes it, routes its questions and writes every report. */
async function runOnce(c: FuzzCase, rec: Recorder, reversed = false): Promise<Run | undefined> {
  const config = configOf(c, rec);
  const root = docsRoot(c);
  const kb = await rec.stage('load', () => loadKnowledgeBase(fileSystemOf(c, reversed), root, config));
  if (!kb) return undefined;
  const index = await rec.stage('index', () => SearchIndex.build(kb));
  const questions = sampleQuestions(c);
  let preview: PreviewResult | null = null;
  if (index && questions.length > 0) {
    preview = (await rec.stage('routing', () => previewQuestions(index, questions, config.routing, { sweep: true }))) ?? null;
    // A question asked on its own (kb-audit ask) goes the same way.
    await rec.stage('routing', () => routeQuestion(index, questions[0].question, config.routing));
  }
  const findings = await rec.stage('rules', () => audit(kb, config, preview, questions));
  if (!findings) return undefined;
  for (const f of findings) {
    if (/^rule \S+ failed/.test(f.message)) rec.add('crash', `rule ${f.ruleId}`, f.message);
  }
  const stats: AuditStats = { files: kb.articles.length, sections: kb.sections.length, skipped: kb.skipped.length, durationMs: 0 };
  const json = await rec.stage('report', () => {
    const report = formatJson(toAuditReport('docs', VERSION, stats, findings));
    formatSarif(findings, { version: VERSION, pathPrefix: 'docs/' });
    formatText(findings, 'docs/');
    formatJunit(findings, { files: kb.articles.map((a) => a.file), failOn: 'warning', pathPrefix: 'docs/' });
    formatMarkdown(findings, { root: 'docs', stats, questions: preview ? { file: '../questions.txt', preview } : null, showDuration: false });
    return report + '\n' + JSON.stringify(preview);
  });
  return { kb, config, findings, preview, json: json ?? '' };
}

/** Each article, cloned without its lines as the parse worker sends it and joined to its file again, is the article itself. */
function checkHandover(rec: Recorder, c: FuzzCase, kb: KnowledgeBase): void {
  for (const article of kb.articles) {
    const bytes = c.files[article.file];
    if (!bytes) continue;
    const { lines: _lines, ...sent } = structuredClone(article);
    const joined = withFileText(sent, decodeText(bytes).text);
    if (isDeepStrictEqual(joined, article)) continue;
    rec.add('nondeterministic', 'handover', `${article.file} joined to its file again differs at ${firstDifference(article, joined, 'article')}`);
  }
}

/** Where two values first differ, as a path ("article.sections[2].heading: "a" then "b""). */
function firstDifference(a: unknown, b: unknown, path: string): string {
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const key of keys) {
      const x = (a as Record<string, unknown>)[key];
      const y = (b as Record<string, unknown>)[key];
      if (!isDeepStrictEqual(x, y)) return firstDifference(x, y, Array.isArray(a) ? `${path}[${key}]` : `${path}.${key}`);
    }
  }
  return `${path}: ${JSON.stringify(a)?.slice(0, 200)} then ${JSON.stringify(b)?.slice(0, 200)}`;
}

function checkConfidence(rec: Recorder, results: RoutedQuestion[]): void {
  const ok = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x >= 0 && x <= 1;
  for (const r of results) {
    if (!ok(r.confidence)) rec.add('confidence', 'routing', `confidence ${r.confidence} for ${JSON.stringify(r.question.slice(0, 200))}`);
    for (const alt of r.alternatives) {
      if (!ok(alt.confidence)) rec.add('confidence', 'routing', `alternative's confidence ${alt.confidence} for ${JSON.stringify(r.question.slice(0, 200))}`);
    }
  }
}

function linesOf(c: FuzzCase, kb: KnowledgeBase, file: string): string[] | null {
  const article = kb.byFile.get(file);
  if (article) return article.lines.slice();
  if (file === '../questions.txt') return c.questions.join('\n').split(/\r\n|\r|\n/);
  return null;
}

function checkPositions(rec: Recorder, c: FuzzCase, kb: KnowledgeBase, findings: Finding[]): void {
  const inside = (lines: string[] | null, line: number, column: number) =>
    Number.isInteger(line) && Number.isInteger(column) && line >= 1 && column >= 1 && (!lines || (line <= lines.length && column <= lines[line - 1].length + 1));
  for (const f of findings) {
    const lines = linesOf(c, kb, f.file);
    const where = `${f.ruleId} ${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn}`;
    if (!inside(lines, f.line, f.column)) rec.add('position', f.ruleId, `start outside the file (${lines?.length ?? '?'} lines): ${where}`);
    else if (!inside(lines, f.endLine, f.endColumn)) rec.add('position', f.ruleId, `end outside the file (${lines?.length ?? '?'} lines): ${where}`);
    else if (f.endLine < f.line || (f.endLine === f.line && f.endColumn < f.column)) rec.add('position', f.ruleId, `end before start: ${where}`);
    for (const r of f.related ?? []) {
      const related = linesOf(c, kb, r.file);
      if (!inside(related, r.line, 1)) rec.add('position', f.ruleId, `related location ${r.file}:${r.line} outside the file (${related?.length ?? '?'} lines), from ${where}`);
    }
  }
}

/** The findings once `file` holds `text`: the other articles as they were. */
async function auditEdited(rec: Recorder, stage: string, run: Run, c: FuzzCase, file: string, text: string): Promise<Finding[] | undefined> {
  const old = run.kb.byFile.get(file)!;
  const article = await rec.stage(stage, () => parseArticle(file, savedBytes(bytesOf(c, file), text), undefined, undefined, siteSyntax(run.kb.site)));
  if (!article) return undefined;
  const articles: Article[] = run.kb.articles.map((a) => (a === old ? article : a));
  const kb = buildKnowledgeBase(run.kb.root, articles, run.kb.skipped, run.kb.site);
  return rec.stage(stage, () => audit(kb, run.config, run.preview, sampleQuestions(c)));
}

function apply(rec: Recorder, stage: string, text: string, edits: TextEdit[], what: string): string | undefined {
  try {
    return applyTextEdits(text, edits);
  } catch (error) {
    rec.add('fix', stage, `${what} does not apply: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/** Each rule's own quick fix (at most a few per case), and the suppression fix for a few findings. */
async function checkFixes(rec: Recorder, c: FuzzCase, run: Run): Promise<void> {
  const withFix = run.findings.filter((f) => f.fix && run.kb.byFile.has(f.file)).slice(0, 3);
  for (const f of withFix) {
    const stage = `fix ${f.ruleId}`;
    const text = editorText(bytesOf(c, f.file));
    const fixed = apply(rec, stage, text, f.fix!.edits, `the fix "${f.fix!.title}" for ${f.ruleId} at ${f.file}:${f.line}`);
    if (fixed === undefined) continue;
    const after = await auditEdited(rec, stage, run, c, f.file, fixed);
    // The same finding: its rule, file and message (the rule may report something else about the file).
    const still = after?.find((g) => g.ruleId === f.ruleId && g.file === f.file && g.message === f.message);
    if (still) rec.add('fix', stage, `after "${f.fix!.title}", ${f.file} still has ${f.ruleId}: ${still.message}`);
  }
  // The suppression offered for any finding: the first and the last of the articles' findings.
  const inArticles = run.findings.filter((f) => run.kb.byFile.has(f.file));
  const picked = inArticles.length > 1 ? [inArticles[0], inArticles[inArticles.length - 1]] : inArticles;
  for (const f of picked) {
    const stage = `suppress ${f.ruleId}`;
    const text = editorText(bytesOf(c, f.file));
    const edits = suppressFinding(text, f.line, f.ruleId);
    if (!edits) continue;
    const fixed = apply(rec, stage, text, edits, `the suppression of ${f.ruleId} at ${f.file}:${f.line}`);
    if (fixed === undefined) continue;
    const inserted = edits[0].newText.includes('kb-audit-disable-next-line');
    const line = f.line + (inserted ? 1 : 0);
    const after = await auditEdited(rec, stage, run, c, f.file, fixed);
    const still = after?.find((g) => g.ruleId === f.ruleId && g.file === f.file && g.line === line && g.message === f.message);
    if (still) rec.add('fix', stage, `suppressing ${f.ruleId} at ${f.file}:${f.line} left it at line ${line}: ${still.message}`);
  }
}

/** The CLI on the same in-memory folder: exit code 0, 1 or 2, never an internal error. */
async function checkCli(rec: Recorder, c: FuzzCase): Promise<void> {
  const formats = ['json', 'sarif', 'text', 'markdown', 'junit'];
  const format = formats[caseSize(c) % formats.length];
  const questions = `${SITE}/questions.${['txt', 'csv', 'jsonl'][caseSize(c) % 3]}`;
  const runs: string[][] = [['audit', docsRoot(c), '--format', format, '--fail-on', 'never', '--questions', questions]];
  if (c.questions.length > 0) {
    runs.push(['preview', questions, docsRoot(c), '--format', format === 'markdown' ? 'markdown' : 'json']);
    runs.push(['ask', c.questions[c.questions.length - 1], docsRoot(c), '--format', format === 'text' ? 'text' : 'json']);
  }
  for (const argv of runs) {
    let stdout = '';
    let stderr = '';
    const code = await rec.stage(`cli ${argv[0]}`, () =>
      main({ argv, fs: fileSystemOf(c), cwd: SITE, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), writeFile: async () => {} }),
    );
    if (code === undefined) continue;
    if (stderr.includes('internal error')) rec.add('crash', `cli ${argv[0]}`, stderr);
    else if (![0, 1, 2].includes(code)) rec.add('crash', `cli ${argv[0]}`, `exit code ${code}: ${stderr}`);
    else if (code !== 2 && argv.includes('json')) {
      try {
        JSON.parse(stdout);
      } catch (error) {
        rec.add('crash', `cli ${argv[0]}`, `--format json printed no JSON: ${String(error)}`);
      }
    }
  }
}

/** The case with one article edited: a paragraph linking to a page that is not there added at its end. */
function editedCase(c: FuzzCase): { c: FuzzCase; file: string } | null {
  const file = Object.keys(c.files).sort()[0];
  if (file === undefined) return null;
  const text = `${editorText(bytesOf(c, file))}\n\nSee [the setup guide](kb-audit-fuzz-missing-page.md).\n`;
  return { c: { ...c, files: { ...c.files, [file]: savedBytes(bytesOf(c, file), text) } }, file };
}

/** What identifies a finding in a report, for comparing one audit's findings with another's. */
const findingKey = (f: Finding) => JSON.stringify([f.ruleId, f.file, f.line, f.column, f.endLine, f.endColumn, f.message]);

/**
 * Change-aware audits agree with plain ones: a diff of a state with itself has no new or fixed
 * findings and no changed article; a diff after an edit reports as new only findings the edited
 * state has, and as fixed only findings the first state had; a baseline written from an audit
 * (and read back) holds every one of that audit's findings.
 */
async function checkChanges(rec: Recorder, c: FuzzCase): Promise<void> {
  const config = configOf(c, rec);
  const side = (k: FuzzCase) => ({ fs: fileSystemOf(k), root: docsRoot(k) });
  const options = { config, questions: null, now: FUZZ_NOW, jobs: 1 };
  const same = await rec.stage('diff', () => runDiff(side(c), side(c), options));
  if (same) {
    const changed = [...same.findings.new, ...same.findings.fixed].slice(0, 3).map(findingKey);
    if (changed.length) rec.add('nondeterministic', 'diff', `a state compared with itself has new or fixed findings: ${changed.join('; ')}`);
    const { added, removed, renamed, changed: edited } = same.articles;
    if (added.length + removed.length + renamed.length + edited.length > 0) rec.add('nondeterministic', 'diff', `a state compared with itself has changed articles: ${JSON.stringify(same.articles).slice(0, 300)}`);
  }
  const edited = editedCase(c);
  if (!edited) return;
  const before = await rec.stage('diff', () => runAudit(fileSystemOf(c), docsRoot(c), config, { questions: null, now: FUZZ_NOW, jobs: 1 }));
  const after = await rec.stage('diff', () => runAudit(fileSystemOf(edited.c), docsRoot(edited.c), config, { questions: null, now: FUZZ_NOW, jobs: 1 }));
  const diff = await rec.stage('diff', () => runDiff(side(c), side(edited.c), options));
  if (!before || !after || !diff) return;
  const had = new Set(before.findings.map(findingKey));
  const has = new Set(after.findings.map(findingKey));
  const strayNew = diff.findings.new.filter((f) => !has.has(findingKey(f)));
  const strayFixed = diff.findings.fixed.filter((f) => !had.has(findingKey(f)));
  if (strayNew.length) rec.add('nondeterministic', 'diff', `after an edit to ${edited.file}, a new finding the edited state's audit lacks: ${findingKey(strayNew[0])}`);
  if (strayFixed.length) rec.add('nondeterministic', 'diff', `after an edit to ${edited.file}, a fixed finding the first state's audit lacks: ${findingKey(strayFixed[0])}`);
  // The baseline, through its file format and back.
  const articles = (file: string) => before.kb.byFile.get(file);
  const baseline = await rec.stage('baseline', () => parseBaseline(formatBaseline(createBaseline(fingerprintFindings(before.findings, articles)))));
  if (!baseline) return;
  const held = baselinedFindings(before.findings, articles, baseline.findings);
  const missing = before.findings.filter((f) => !held.has(f));
  if (missing.length) rec.add('nondeterministic', 'baseline', `${missing.length} of ${before.findings.length} findings are not in the baseline written from them: ${findingKey(missing[0])}`);
}

/**
 * The CLI's cache gives the findings a fresh audit gives: a second audit of the same folder (the
 * stored findings reused), and one after an edit to one article (the others' parsed articles
 * reused, the findings worked out again).
 */
async function checkCache(rec: Recorder, c: FuzzCase): Promise<void> {
  const config = configOf(c, rec);
  const dir = await mkdtemp(join(tmpdir(), 'kb-audit-fuzz-cache-'));
  try {
    const audit = (fs: FileSystem, cache: AuditCache | undefined) =>
      rec.stage('cache', async () => JSON.stringify((await runAudit(fs, docsRoot(c), config, { cache, questions: null, now: FUZZ_NOW, jobs: 1 })).findings, null, 1));
    const fresh = await audit(fileSystemOf(c), undefined);
    const cold = await audit(fileSystemOf(c), new AuditCache(dir, 'fuzz'));
    const warm = await audit(fileSystemOf(c), new AuditCache(dir, 'fuzz'));
    const differs = (a: string | undefined, b: string | undefined, what: string) => {
      if (a === undefined || b === undefined || a === b) return;
      const x = a.split('\n');
      const y = b.split('\n');
      const i = x.findIndex((line, k) => line !== y[k]);
      rec.add('nondeterministic', 'cache', `${what} differs at line ${i + 1} of the findings: ${JSON.stringify(x[i])} then ${JSON.stringify(y[i])}`);
    };
    differs(fresh, cold, 'an audit that fills the cache');
    differs(fresh, warm, 'an audit that reuses the stored findings');
    const edited = editedCase(c);
    if (!edited) return;
    const { file } = edited;
    const after = await audit(fileSystemOf(edited.c), undefined);
    differs(after, await audit(fileSystemOf(edited.c), new AuditCache(dir, 'fuzz')), `after an edit to ${file}, an audit that reuses the other articles`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs every property on one input; never throws. */
export async function runCase(c: FuzzCase, options: { cli?: boolean; fixes?: boolean; changes?: boolean } = {}): Promise<CaseResult> {
  const rec = new Recorder(stageBound(caseSize(c)));
  const onWarning = (warning: Error) => rec.add('warning', warning.name, warning.message);
  process.on('warning', onWarning);
  try {
    const first = await runOnce(c, rec);
    if (first) {
      checkPositions(rec, c, first.kb, first.findings);
      checkHandover(rec, c, first.kb);
      if (first.preview) checkConfidence(rec, first.preview.results);
      // The second time, the file system lists every folder in the opposite order.
      const second = await runOnce(c, rec, true);
      if (second && second.json !== first.json) {
        const a = first.json.split('\n');
        const b = second.json.split('\n');
        const i = a.findIndex((line, k) => line !== b[k]);
        rec.add('nondeterministic', 'report', `the second audit differs at report line ${i + 1}: ${JSON.stringify(a[i])} then ${JSON.stringify(b[i])}`);
      }
      if (options.fixes !== false) await checkFixes(rec, c, first);
    }
    if (options.cli !== false && c.target === 'folder') {
      await checkCli(rec, c);
      // A dozen more audits each: on one folder in three, so the campaign still tries many inputs.
      if (options.changes ?? caseSize(c) % 3 === 0) {
        await checkCache(rec, c);
        await checkChanges(rec, c);
      }
    }
  } catch (error) {
    rec.add('crash', 'harness', error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
  // Warnings are emitted on the next tick.
  await new Promise((resolve) => setImmediate(resolve));
  process.off('warning', onWarning);
  return { violations: rec.violations, stageMs: rec.stageMs };
}
