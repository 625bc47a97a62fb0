// Precision benchmark: audits public knowledge bases (pinned by commit, see corpora.mjs) with
// the CLI, samples each rule's findings per corpus deterministically, and prints how many findings
// each rule raises per 100 articles and how many of the sampled ones were judged TRUE, FALSE or
// DEBATABLE by a person (labels.jsonl), i.e. each rule's precision against its severity's target.
//
//   node test/bench/precision/corpora.mjs --mirrors DIR      (once: gathers the corpora)
//   npm run bench:precision -- [--corpus NAME] [--json] [--strict] [--prune] [--add-labels FILE]
//                              [--cli PATH] [--write-before] [--engine COMMIT]
//
// A finding is known by its fingerprint: rule, file, enclosing headings and the text it points at,
// never its line number, so labels survive edits elsewhere in the article. Sampled findings without
// a label are written with their context to test/bench/.generated/precision/to-label.jsonl; fill in
// "label" and "reason" there and merge them with --add-labels. Labels are only read, never guessed.
// --cli runs another CLI bundle instead of building this one; with --write-before its figures become
// the reference (before.json) the "before" column compares with.
//
// The corpora are a measuring stick: their text is never copied into tests or fixtures.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
// @ts-expect-error: a plain JavaScript module, run on its own to gather the corpora
import { CORPORA, corpusDocs, corpusRoot, extractedCommit } from './corpora.mjs';

interface Corpus {
  name: string;
  repo: string;
  commit: string;
  docs: string;
  generator: string;
  /** Only these rules' findings count on this corpus (a translated site: the translation rules). */
  rules?: string[];
}
type Severity = 'error' | 'warning' | 'info';
type Label = 'TRUE' | 'FALSE' | 'DEBATABLE';
interface Related {
  file: string;
  line: number;
  message?: string;
}
interface RawFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  related?: Related[];
}
interface Finding extends RawFinding {
  file: string;
  corpus: string;
  heading: string;
  quote: string;
  fingerprint: string;
  order: string;
}
interface LabelRecord {
  fingerprint: string;
  corpus: string;
  rule: string;
  severity: string;
  file: string;
  heading: string;
  quote: string;
  label: Label;
  reason: string;
}
interface Counts {
  findings: number;
  sampled: number;
  labelled: number;
  TRUE: number;
  FALSE: number;
  DEBATABLE: number;
}
interface BeforeCorpus {
  commit: string;
  articles: number;
  findings: number;
  bySeverity: Record<Severity, number>;
  byRule: Record<string, number>;
  errorsWarningsPer100: number;
}
interface Before {
  engine: string;
  tool: string;
  corpora: Record<string, BeforeCorpus>;
}

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', multiple: true },
    json: { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    prune: { type: 'boolean', default: false },
    'add-labels': { type: 'string' },
    cli: { type: 'string' },
    'write-before': { type: 'boolean', default: false },
    engine: { type: 'string' },
    show: { type: 'string' },
  },
});

const root = join(__dirname, '..', '..', '..');
const LABELS = join(__dirname, 'labels.jsonl');
const BEFORE = join(__dirname, 'before.json');
const OUT_DIR = join(__dirname, '..', '.generated', 'precision');
const TO_LABEL = join(OUT_DIR, 'to-label.jsonl');
const SAMPLE = 12;
const QUOTE_MAX = 120;
const SECTION_LINES = 40;
const RELATED_LINES = 15;
const SEVERITIES: Severity[] = ['error', 'warning', 'info'];
const LABELS_ALLOWED: Label[] = ['TRUE', 'FALSE', 'DEBATABLE'];
const TARGET: Record<Severity, number> = { error: 0.9, warning: 0.8, info: 0.6 };
/** Rules with fewer findings than this over all corpora are not held to their target. */
const TARGET_MIN_FINDINGS = 10;

/** Progress and notes: to stderr when stdout carries JSON. */
const note = (line: string) => (values.json ? console.error(line) : console.log(line));
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();
const per100 = (n: number, articles: number) => (articles > 0 ? (100 * n) / articles : 0);
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
const emptyCounts = (): Counts => ({ findings: 0, sampled: 0, labelled: 0, TRUE: 0, FALSE: 0, DEBATABLE: 0 });
const precisionOf = (c: Counts) => (c.TRUE + c.FALSE > 0 ? c.TRUE / (c.TRUE + c.FALSE) : undefined);
const labelKey = (corpus: string, fingerprint: string) => `${corpus}:${fingerprint}`;

// ---------------------------------------------------------------------------------------------
// Articles: lines, ATX headings outside front matter and fenced code, and the path at each line.

interface Heading {
  line: number; // 1-based
  path: string;
}
interface Article {
  lines: string[];
  headings: Heading[];
}

const articleCache = new Map<string, Article | undefined>();

function readArticle(path: string): Article | undefined {
  if (articleCache.has(path)) return articleCache.get(path);
  let article: Article | undefined;
  try {
    const lines = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
    article = { lines, headings: scanHeadings(lines) };
  } catch {
    article = undefined;
  }
  articleCache.set(path, article);
  return article;
}

function frontMatterEnd(lines: string[]): number {
  const first = lines[0]?.trimEnd();
  if (first !== '---' && first !== '+++') return 0;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i].trimEnd();
    if (line === first || (first === '---' && line === '...')) return i + 1;
  }
  return 0; // never closed: not front matter
}

function scanHeadings(lines: string[]): Heading[] {
  const headings: Heading[] = [];
  const stack: { level: number; text: string }[] = [];
  let fence: { char: string; length: number } | undefined;
  for (let i = frontMatterEnd(lines); i < lines.length; i++) {
    const line = lines[i];
    const marker = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (marker && marker[1][0] === fence.char && marker[1].length >= fence.length && line.trim() === marker[1]) fence = undefined;
      continue;
    }
    if (marker) {
      fence = { char: marker[1][0], length: marker[1].length };
      continue;
    }
    const atx = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$/.exec(line);
    if (!atx) continue;
    const level = atx[1].length;
    const text = collapse((atx[2] ?? '').replace(/(^|[ \t]+)#+$/, ''));
    while (stack.length > 0 && stack[stack.length - 1].level >= level) stack.pop();
    stack.push({ level, text });
    headings.push({ line: i + 1, path: stack.map((h) => h.text).join(' > ') });
  }
  return headings;
}

/** Index of the last heading at or before a line, or -1. */
function headingIndexAt(article: Article, line: number): number {
  let lo = 0;
  let hi = article.headings.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (article.headings[mid].line <= line) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function numbered(lines: string[], from: number, to: number, marked: (line: number) => boolean): string {
  const width = String(to).length;
  const out: string[] = [];
  for (let n = from; n <= to; n++) out.push(`${marked(n) ? '>' : ' '}${String(n).padStart(width)}| ${lines[n - 1] ?? ''}`);
  return out.join('\n');
}

/** The enclosing section's text (a window of it when long), with line numbers, the finding's lines marked. */
function sectionExcerpt(article: Article, line: number, endLine: number): string {
  const index = headingIndexAt(article, line);
  const start = index >= 0 ? article.headings[index].line : 1;
  const next = article.headings[index + 1];
  const end = next ? next.line - 1 : article.lines.length;
  let from = start;
  let to = end;
  if (to - from + 1 > SECTION_LINES) {
    from = Math.max(start, line - Math.floor(SECTION_LINES / 3));
    to = Math.min(end, from + SECTION_LINES - 1);
  }
  return numbered(article.lines, from, to, (n) => n >= line && n <= endLine);
}

function windowExcerpt(article: Article, line: number): string {
  const half = Math.floor(RELATED_LINES / 2);
  const from = Math.max(1, line - half);
  const to = Math.min(article.lines.length, from + RELATED_LINES - 1);
  return numbered(article.lines, from, to, (n) => n === line);
}

// ---------------------------------------------------------------------------------------------
// Findings: fingerprints and the deterministic sample.

function fingerprintOf(corpus: string, docs: string, raw: RawFinding): Finding {
  const file = raw.file ?? '';
  const line = raw.line ?? 0;
  const article = file && line > 0 ? readArticle(join(docs, file)) : undefined;
  let heading = '';
  let quote = '';
  if (article) {
    const index = headingIndexAt(article, line);
    heading = index >= 0 ? article.headings[index].path : '';
    const text = article.lines[line - 1] ?? '';
    const column = Math.max(1, raw.column ?? 1);
    const endLine = raw.endLine ?? line;
    quote = endLine === line && raw.endColumn !== undefined ? text.slice(column - 1, raw.endColumn - 1) : text.slice(column - 1);
    if (!quote.trim()) quote = text; // an empty range (or one past the line's end): the line itself
    quote = collapse(quote).slice(0, QUOTE_MAX).trim();
  }
  const fingerprint = sha1([raw.ruleId, file, heading, quote].join(' | ')).slice(0, 16);
  return { ...raw, file, corpus, heading, quote, fingerprint, order: sha1(fingerprint) };
}

/** All findings when few, else the SAMPLE distinct fingerprints with the lowest sha1: stable under reordering. */
function sampleOf(findings: Finding[]): Finding[] {
  const distinct = new Map<string, Finding>();
  for (const f of findings) if (!distinct.has(f.fingerprint)) distinct.set(f.fingerprint, f);
  return [...distinct.values()].sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0)).slice(0, SAMPLE);
}

// ---------------------------------------------------------------------------------------------
// Labels.

function readLabels(path: string): { labels: LabelRecord[]; invalid: number } {
  if (!existsSync(path)) return { labels: [], invalid: 0 };
  const labels: LabelRecord[] = [];
  let invalid = 0;
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      try {
        const record = JSON.parse(line) as LabelRecord;
        if (typeof record.fingerprint !== 'string' || typeof record.corpus !== 'string' || !LABELS_ALLOWED.includes(record.label)) throw new Error('fingerprint, corpus and label (TRUE, FALSE or DEBATABLE) are required');
        labels.push(record);
      } catch (err) {
        invalid++;
        console.error(`${path}:${i + 1}: ignored: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
  return { labels, invalid };
}

function compareKeys(a: string[], b: string[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

/** Writes labels.jsonl sorted by corpus, rule, file and fingerprint, so that diffs stay small. */
function writeLabels(labels: LabelRecord[]): void {
  const key = (l: LabelRecord) => [l.corpus, l.rule, l.file, l.fingerprint];
  const sorted = [...labels].sort((a, b) => compareKeys(key(a), key(b)));
  const fields = (l: LabelRecord): LabelRecord => ({
    fingerprint: l.fingerprint,
    corpus: l.corpus,
    rule: l.rule,
    severity: l.severity,
    file: l.file,
    heading: l.heading,
    quote: l.quote,
    label: l.label,
    reason: l.reason,
  });
  writeFileSync(LABELS, sorted.map((l) => JSON.stringify(fields(l)) + '\n').join(''));
}

/** Merges judged lines (to-label.jsonl with "label" and "reason" filled in) into labels.jsonl. */
function addLabels(path: string, labels: LabelRecord[]): LabelRecord[] {
  const byKey = new Map(labels.map((l) => [labelKey(l.corpus, l.fingerprint), l]));
  let added = 0;
  let replaced = 0;
  let skipped = 0;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const record = JSON.parse(line) as Partial<LabelRecord>;
    if (!record.fingerprint || !record.corpus || !LABELS_ALLOWED.includes(record.label as Label) || !record.reason?.trim()) {
      skipped++;
      continue;
    }
    const key = labelKey(record.corpus, record.fingerprint);
    if (byKey.has(key)) replaced++;
    else added++;
    byKey.set(key, record as LabelRecord);
  }
  note(`labels: ${added} added, ${replaced} replaced, ${skipped} lines without a label and a reason left out`);
  return [...byKey.values()];
}

// ---------------------------------------------------------------------------------------------
// Running the audits.

interface CorpusRun {
  corpus: Corpus;
  tool: string;
  articles: number;
  wallMs: number;
  findings: Finding[];
}

function runCorpus(cli: string, corpus: Corpus): CorpusRun {
  const docs = corpusDocs(corpus) as string;
  const started = performance.now();
  // Run from the corpus's folder, so that no kb-audit.json of the working folder applies.
  const result = spawnSync(process.execPath, [cli, 'audit', docs, '--format', 'json', '--fail-on', 'never'], {
    cwd: corpusRoot(corpus) as string,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const wallMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`${corpus.name}: kb-audit exited ${result.status}: ${result.stderr}`);
  const report = JSON.parse(result.stdout) as { tool?: string; version?: string; stats: { files: number }; findings: RawFinding[] };
  return {
    corpus,
    tool: `${report.tool ?? 'kb-audit'} ${report.version ?? ''}`.trim(),
    articles: report.stats.files,
    wallMs,
    findings: report.findings.filter((f) => !corpus.rules || corpus.rules.includes(f.ruleId)).map((f) => fingerprintOf(corpus.name, docs, f)),
  };
}

function beforeOf(run: CorpusRun): BeforeCorpus {
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const byRule: Record<string, number> = {};
  for (const f of run.findings) {
    bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
    byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
  }
  const sortedRules = Object.fromEntries(Object.entries(byRule).sort(([a], [b]) => (a < b ? -1 : 1)));
  return {
    commit: run.corpus.commit,
    articles: run.articles,
    findings: run.findings.length,
    bySeverity,
    byRule: sortedRules,
    errorsWarningsPer100: round(per100(bySeverity.error + bySeverity.warning, run.articles)),
  };
}

function gitHead(): string {
  const result = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : 'unknown';
}

// ---------------------------------------------------------------------------------------------
// Output.

const pct = (x: number | undefined) => (x === undefined ? '' : `${Math.round(100 * x)}%`);
const fixed = (x: number) => x.toFixed(1);

function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number' || /^[\d.%-]*$/.test(String(r[i]))));
  const line = (r: string[]) => `| ${r.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (numeric[i] ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(cells[0]), rule, ...cells.slice(1).map(line)].join('\n');
}

function main(): number {
  const all = CORPORA as Corpus[];
  const wanted = values.corpus ?? [];
  const unknown = wanted.filter((name) => !all.some((c) => c.name === name));
  if (unknown.length > 0) {
    console.error(`Unknown corpus: ${unknown.join(', ')} (known: ${all.map((c) => c.name).join(', ')})`);
    return 2;
  }
  const corpora = all.filter((c) => wanted.length === 0 || wanted.includes(c.name));
  const absent = corpora.filter((c) => extractedCommit(c) !== c.commit || !existsSync(corpusDocs(c)));
  if (absent.length > 0) {
    console.error(`Corpora not gathered (or at another commit): ${absent.map((c) => c.name).join(', ')}. Gather them first:`);
    console.error('  node test/bench/precision/corpora.mjs --mirrors DIR   (bare mirrors at DIR/<owner>+<name>/repo; without one, each repository is cloned)');
    return 2;
  }

  let cli = join(root, 'dist', 'cli.js');
  if (values.cli) cli = resolve(values.cli);
  else {
    const built = spawnSync(process.execPath, ['esbuild.js'], { cwd: root, encoding: 'utf8' });
    if (built.status !== 0) {
      console.error(`build failed:\n${built.stdout}${built.stderr}`);
      return 2;
    }
  }

  const runs = corpora.map((c) => runCorpus(cli, c));
  note(`audited with ${cli}: ${runs.map((r) => `${r.corpus.name} ${(r.wallMs / 1000).toFixed(2)} s`).join(', ')}`);

  if (values['write-before']) {
    const before: Before = {
      engine: values.engine ?? gitHead(),
      tool: runs[0]?.tool ?? '',
      corpora: Object.fromEntries(runs.map((r) => [r.corpus.name, beforeOf(r)])),
    };
    if (wanted.length > 0 && existsSync(BEFORE)) {
      const old = JSON.parse(readFileSync(BEFORE, 'utf8')) as Before;
      before.corpora = { ...old.corpora, ...before.corpora };
    }
    writeFileSync(BEFORE, JSON.stringify(before, null, 2) + '\n');
    note(`wrote ${BEFORE} (engine ${before.engine})`);
  }
  const before = existsSync(BEFORE) ? (JSON.parse(readFileSync(BEFORE, 'utf8')) as Before) : undefined;

  // Labels: read, merge new ones, find stale ones.
  let { labels } = readLabels(LABELS);
  if (values['add-labels']) {
    labels = addLabels(values['add-labels'], labels);
    writeLabels(labels);
  }
  const current = new Set(runs.flatMap((r) => r.findings.map((f) => labelKey(f.corpus, f.fingerprint))));
  const audited = new Set(runs.map((r) => r.corpus.name));
  const isStale = (l: LabelRecord) => audited.has(l.corpus) && !current.has(labelKey(l.corpus, l.fingerprint));
  const stale = labels.filter(isStale);
  if (values.prune && stale.length > 0) {
    labels = labels.filter((l) => !isStale(l));
    writeLabels(labels);
    note(`pruned ${stale.length} stale labels`);
  }
  const labelOf = new Map(labels.map((l) => [labelKey(l.corpus, l.fingerprint), l.label]));
  if (values.show) showFindings(values.show, runs.flatMap((r) => r.findings), labels);

  // Counting: findings per (corpus, rule); labels per distinct fingerprint.
  const perCorpusRule: { corpus: string; rule: string; severity: Severity; articles: number; counts: Counts }[] = [];
  const perRule = new Map<string, { severities: Map<Severity, number>; counts: Counts; weighted: { findings: number; estimate: number } }>();
  const perSeverity = new Map<Severity, Counts>(SEVERITIES.map((s) => [s, emptyCounts()]));
  const unlabelled: Finding[] = [];
  const add = (into: Counts, c: Counts) => {
    for (const k of Object.keys(into) as (keyof Counts)[]) into[k] += c[k];
  };
  for (const run of runs) {
    const byRule = new Map<string, Finding[]>();
    for (const f of run.findings) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
    for (const [rule, findings] of [...byRule].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const sample = sampleOf(findings);
      const counts = emptyCounts();
      counts.findings = findings.length;
      counts.sampled = sample.length;
      const seen = new Set<string>();
      for (const f of findings) {
        if (seen.has(f.fingerprint)) continue;
        seen.add(f.fingerprint);
        const label = labelOf.get(labelKey(f.corpus, f.fingerprint));
        if (!label) continue;
        counts.labelled++;
        counts[label]++;
      }
      for (const f of sample) if (!labelOf.has(labelKey(f.corpus, f.fingerprint))) unlabelled.push(f);
      const severity = findings[0].severity;
      perCorpusRule.push({ corpus: run.corpus.name, rule, severity, articles: run.articles, counts });
      const overall = perRule.get(rule) ?? { severities: new Map(), counts: emptyCounts(), weighted: { findings: 0, estimate: 0 } };
      for (const f of findings) overall.severities.set(f.severity, (overall.severities.get(f.severity) ?? 0) + 1);
      add(overall.counts, counts);
      const p = precisionOf(counts);
      if (p !== undefined) {
        overall.weighted.findings += counts.findings;
        overall.weighted.estimate += p * counts.findings;
      }
      perRule.set(rule, overall);
      const bySeverity = perSeverity.get(severity);
      if (bySeverity) add(bySeverity, counts);
    }
  }
  const totalArticles = runs.reduce((s, r) => s + r.articles, 0);

  const corpusSummary = runs.map((r) => {
    const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    for (const f of r.findings) bySeverity[f.severity]++;
    const b = before?.corpora[r.corpus.name];
    return {
      corpus: r.corpus.name,
      generator: r.corpus.generator,
      commit: r.corpus.commit,
      articles: r.articles,
      findings: r.findings.length,
      bySeverity,
      errorsWarningsPer100: round(per100(bySeverity.error + bySeverity.warning, r.articles)),
      before: b && b.commit === r.corpus.commit ? b.errorsWarningsPer100 : null,
      wallMs: Math.round(r.wallMs),
    };
  });
  const ruleRows = [...perRule]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([rule, r]) => {
      const severity = [...r.severities].sort((a, b) => b[1] - a[1])[0][0];
      const precision = precisionOf(r.counts);
      const weighted = r.weighted.findings > 0 ? r.weighted.estimate / r.weighted.findings : undefined;
      const held = r.counts.findings >= TARGET_MIN_FINDINGS;
      const status = !held ? 'few' : precision === undefined ? 'unjudged' : precision >= TARGET[severity] ? 'ok' : 'miss';
      return { rule, severity, ...r.counts, per100: round(per100(r.counts.findings, totalArticles)), precision, weighted, target: TARGET[severity], status };
    });
  const severityRows = SEVERITIES.map((severity) => {
    const c = perSeverity.get(severity)!;
    return { severity, ...c, per100: round(per100(c.findings, totalArticles)), precision: precisionOf(c), target: TARGET[severity] };
  });

  // The sampled findings still to judge, with what a judge needs to see.
  mkdirSync(OUT_DIR, { recursive: true });
  const docsOf = new Map(runs.map((r) => [r.corpus.name, corpusDocs(r.corpus) as string]));
  const toLabel = unlabelled
    .sort((a, b) => compareKeys([a.corpus, a.ruleId, a.file, a.fingerprint], [b.corpus, b.ruleId, b.file, b.fingerprint]))
    .map((f) => {
      const docs = docsOf.get(f.corpus)!;
      const article = f.file ? readArticle(join(docs, f.file)) : undefined;
      const line = f.line ?? 0;
      return {
        fingerprint: f.fingerprint,
        corpus: f.corpus,
        rule: f.ruleId,
        severity: f.severity,
        file: f.file,
        heading: f.heading,
        quote: f.quote,
        label: '',
        reason: '',
        message: f.message,
        line,
        related: (f.related ?? []).map((r) => {
          const other = readArticle(join(docs, r.file));
          return { file: r.file, line: r.line, message: r.message ?? '', excerpt: other && r.line > 0 ? windowExcerpt(other, r.line) : '' };
        }),
        excerpt: article && line > 0 ? sectionExcerpt(article, line, f.endLine ?? line) : '',
      };
    });
  writeFileSync(TO_LABEL, toLabel.map((r) => JSON.stringify(r) + '\n').join(''));

  if (values.json) {
    const figures = {
      cli,
      tool: runs[0]?.tool ?? '',
      before: before ? { engine: before.engine, tool: before.tool } : null,
      targets: TARGET,
      corpora: corpusSummary,
      corpusRules: perCorpusRule.map((r) => ({
        corpus: r.corpus,
        rule: r.rule,
        severity: r.severity,
        articles: r.articles,
        ...r.counts,
        per100: round(per100(r.counts.findings, r.articles)),
        precision: precisionOf(r.counts) ?? null,
      })),
      severities: severityRows.map((r) => ({ ...r, precision: r.precision ?? null })),
      rules: ruleRows.map((r) => ({ ...r, precision: r.precision ?? null, weighted: r.weighted ?? null })),
      unlabelled: toLabel.length,
      stale: values.prune ? 0 : stale.length,
      toLabel: TO_LABEL,
    };
    console.log(JSON.stringify(figures, null, 2));
  } else {
    const out: string[] = [];
    out.push(`## Corpora (${runs[0]?.tool ?? ''}; before: ${before ? `${before.tool} at ${before.engine.slice(0, 12)}` : 'no before.json'})`, '');
    out.push(
      table(
        ['corpus', 'generator', 'articles', 'findings', 'errors', 'warnings', 'infos', 'err+warn /100', 'before', 'audit s'],
        corpusSummary.map((c) => [c.corpus, c.generator, c.articles, c.findings, c.bySeverity.error, c.bySeverity.warning, c.bySeverity.info, fixed(c.errorsWarningsPer100), c.before === null ? '' : fixed(c.before), (c.wallMs / 1000).toFixed(2)]),
      ),
    );
    out.push('', '## Per corpus and rule', '');
    out.push(
      table(
        ['corpus', 'rule', 'severity', 'articles', 'findings', '/100 art.', 'sampled', 'labelled', 'TRUE', 'FALSE', 'DEBAT.', 'precision'],
        perCorpusRule.map((r) => [r.corpus, r.rule, r.severity, r.articles, r.counts.findings, fixed(per100(r.counts.findings, r.articles)), r.counts.sampled, r.counts.labelled, r.counts.TRUE, r.counts.FALSE, r.counts.DEBATABLE, pct(precisionOf(r.counts))]),
      ),
    );
    out.push('', `## Per severity (${totalArticles} articles)`, '');
    out.push(
      table(
        ['severity', 'findings', '/100 art.', 'sampled', 'labelled', 'TRUE', 'FALSE', 'DEBAT.', 'precision', 'target'],
        severityRows.map((r) => [r.severity, r.findings, fixed(r.per100), r.sampled, r.labelled, r.TRUE, r.FALSE, r.DEBATABLE, pct(r.precision), pct(r.target)]),
      ),
    );
    out.push('', '## Per rule, all corpora', '');
    const mark = { ok: 'ok', miss: 'MISSES TARGET', unjudged: 'not judged yet', few: `< ${TARGET_MIN_FINDINGS} findings` };
    out.push(
      table(
        ['rule', 'severity', 'findings', '/100 art.', 'sampled', 'labelled', 'TRUE', 'FALSE', 'DEBAT.', 'precision', 'weighted', 'target', ''],
        ruleRows.map((r) => [r.rule, r.severity, r.findings, fixed(r.per100), r.sampled, r.labelled, r.TRUE, r.FALSE, r.DEBATABLE, pct(r.precision), pct(r.weighted), pct(r.target), mark[r.status as keyof typeof mark]]),
      ),
    );
    out.push('', 'precision: TRUE / (TRUE + FALSE) over the labelled findings, all corpora pooled; weighted: each corpus\'s precision weighted by its findings.');
    const misses = ruleRows.filter((r) => r.status === 'miss');
    out.push(misses.length > 0 ? `Below target: ${misses.map((r) => `${r.rule} (${pct(r.precision)} < ${pct(r.target)})`).join(', ')}.` : 'No judged rule with 10 findings or more is below its target.');
    out.push('');
    if (toLabel.length > 0) out.push(`${toLabel.length} sampled findings need a label: ${TO_LABEL}`);
    else out.push('Every sampled finding is labelled.');
    if (stale.length > 0) out.push(values.prune ? `${stale.length} stale labels pruned.` : `${stale.length} stale labels (their finding no longer occurs; --prune removes them).`);
    console.log(out.join('\n'));
  }
  return values.strict && toLabel.length > 0 ? 1 : 0;
}

process.exitCode = main();

/** --show RULE: each current finding of the rule with its label and reason, for reviewing a rule. */
function showFindings(rule: string, findings: Finding[], labels: LabelRecord[]): void {
  const byKey = new Map(labels.map((l) => [labelKey(l.corpus, l.fingerprint), l]));
  for (const f of findings.filter((finding) => finding.ruleId === rule)) {
    const label = byKey.get(labelKey(f.corpus, f.fingerprint));
    note(`${label?.label ?? 'UNLABELLED'}  ${f.corpus}/${f.file}:${f.line} [${f.heading}] ${f.message}`);
    if (label?.reason) note(`    ${label.reason}`);
  }
}
