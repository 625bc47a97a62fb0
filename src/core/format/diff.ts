// Reports of `kb-audit diff`: the JSON contract, a text summary for a terminal, and the
// Markdown comment a pull request gets (a headline, the questions handled differently as a
// before/after table, new findings linked to their lines, long lists folded away).
import type { ChangedQuestion, DiffResult, QuestionRoute } from '../diff';
import type { Finding } from '../model';
import { toAuditReport } from './json';
import { joinDisplayPath, relativeLinkTarget } from './paths';

/** GitHub refuses comments over 65,536 characters; stay clear of it. */
export const COMMENT_MAX_CHARS = 60_000;
/** The hidden marker the Action finds its own comment by. */
export const COMMENT_MARKER = '<!-- kb-audit-diff -->';

export interface DiffReportOptions {
  version: string;
  /** How BASE and HEAD are named in the report. */
  base: string;
  head: string;
  /** Makes docs-relative paths relative to the working folder or the repository's top. */
  pathPrefix?: string;
}

/** The `diff --format json` document. */
export function toDiffReport(diff: DiffResult, options: DiffReportOptions): object {
  const findings = (list: Finding[]) => toAuditReport('', options.version, { files: 0, sections: 0, skipped: 0, durationMs: 0 }, list).findings;
  const side = (r: QuestionRoute) => ({ decision: r.decision, file: r.file, heading: r.heading, confidence: r.confidence });
  return {
    tool: 'kb-audit',
    version: options.version,
    base: options.base,
    head: options.head,
    findings: { new: findings(diff.findings.new), fixed: findings(diff.findings.fixed) },
    questions: {
      file: diff.questions.file,
      changed: diff.questions.changed.map((c) => ({ question: c.question, before: side(c.before), after: side(c.after), why: c.why, kind: c.kind })),
    },
    articles: diff.articles,
    summary: diff.summary,
  };
}

function routeText(r: QuestionRoute): string {
  const at = r.file ? ` ${r.file} "${r.heading ?? ''}"` : '';
  return `${r.decision}${at} (${r.confidence.toFixed(2)})`;
}

function findingLine(prefix: string, f: Finding): string {
  return `${joinDisplayPath(prefix, f.file)}:${f.line}:${f.column} ${f.severity} ${f.ruleId} ${f.message.replace(/\s*\n\s*/g, ' ')}`;
}

/** A few lines for a terminal: the headline, then each list. */
export function formatDiffText(diff: DiffResult, options: DiffReportOptions): string {
  const prefix = options.pathPrefix ?? '';
  const out = [`kb-audit diff ${options.base} → ${options.head}: ${headline(diff)}`];
  const q = diff.summary.questions;
  if (q.total > 0) {
    out.push(
      `questions: answered ${q.before.answered} → ${q.after.answered}, clarify ${q.before.clarify} → ${q.after.clarify}, escalated ${q.before.escalated} → ${q.after.escalated}`,
    );
  }
  if (diff.questions.changed.length) {
    out.push('', 'Questions handled differently:');
    for (const c of diff.questions.changed) out.push(`  "${c.question}": ${routeText(c.before)} → ${routeText(c.after)}`, `    ${c.why}`);
  }
  if (diff.findings.new.length) out.push('', 'New findings:', ...diff.findings.new.map((f) => `  ${findingLine(prefix, f)}`));
  if (diff.findings.fixed.length) out.push('', `Fixed (lines in ${options.base}):`, ...diff.findings.fixed.map((f) => `  ${findingLine(prefix, f)}`));
  return out.join('\n');
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "3 questions now escalate · 1 new conflict · 2 problems fixed". */
export function headline(diff: DiffResult): string {
  const parts: string[] = [];
  const q = diff.summary.questions;
  if (q.nowEscalate) parts.push(`${plural(q.nowEscalate, 'question')} now escalate${q.nowEscalate === 1 ? 's' : ''}`);
  if (q.nowAnswered) parts.push(`${plural(q.nowAnswered, 'question')} now answered`);
  const otherChanges = q.changed - q.nowEscalate - q.nowAnswered;
  if (otherChanges) parts.push(`${plural(otherChanges, 'question')} answered differently`);
  const conflicts = diff.findings.new.filter((f) => f.ruleId === 'conflicting-answer').length;
  if (conflicts) parts.push(`${conflicts} new conflict${conflicts === 1 ? '' : 's'}`);
  const others = diff.findings.new.length - conflicts;
  if (others) parts.push(`${others} new problem${others === 1 ? '' : 's'}`);
  if (diff.findings.fixed.length) parts.push(`${plural(diff.findings.fixed.length, 'problem')} fixed`);
  return parts.length ? parts.join(' · ') : 'no change to how questions are answered, no new or fixed problems';
}

/** Text safe inside a Markdown table cell or list item. */
function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/[|\\`*_[\]<>]/g, (c) => `\\${c}`);
}

export interface DiffMarkdownOptions extends DiffReportOptions {
  /**
   * Where links to HEAD's files point: a URL prefix such as
   * "https://github.com/o/r/blob/<sha>/" (then paths are relative to the repository's top), or
   * undefined for links relative to where the report is read.
   */
  linkBase?: string;
  /** Rows shown before the rest is folded into <details>. */
  visible?: number;
  maxChars?: number;
}

const DECISION_ICON: Record<QuestionRoute['decision'], string> = { answer: '✅ answer', clarify: '❓ clarify', escalate: '⛔ escalate' };

/** The pull-request comment: under `maxChars` whatever the size of the change. */
export function formatDiffMarkdown(diff: DiffResult, options: DiffMarkdownOptions): string {
  const maxChars = options.maxChars ?? COMMENT_MAX_CHARS;
  // Fewer visible rows and shorter lists until it fits.
  for (const limit of [500, 200, 80, 30, 10, 3, 0]) {
    const text = renderMarkdown(diff, options, limit);
    if (text.length <= maxChars) return text;
  }
  return renderMarkdown(diff, options, 0).slice(0, maxChars - 200) + '\n\n…(cut to fit a comment; run `kb-audit diff` for the whole report)\n';
}

function renderMarkdown(diff: DiffResult, options: DiffMarkdownOptions, listLimit: number): string {
  const prefix = options.pathPrefix ?? '';
  const visible = Math.min(options.visible ?? 10, listLimit);
  const link = (file: string, line: number, label = `${file}:${line}`) => {
    const target = joinDisplayPath(prefix, file);
    const href = options.linkBase ? `${options.linkBase}${relativeLinkTarget(target)}#L${line}` : `${relativeLinkTarget(target)}#L${line}`;
    return `[${cell(label)}](${href})`;
  };
  const out: string[] = [COMMENT_MARKER, '## KB Audit: what this change does to the bot', '', `**${cell(headline(diff))}**`, ''];
  out.push(`<sub>${cell(options.base)} → ${cell(options.head)}</sub>`, '');
  const s = diff.summary;
  if (s.questions.total > 0) {
    out.push('| Sample questions | before | after |', '| --- | ---: | ---: |');
    out.push(`| answered | ${s.questions.before.answered} | ${s.questions.after.answered} |`);
    out.push(`| clarify | ${s.questions.before.clarify} | ${s.questions.after.clarify} |`);
    out.push(`| escalated | ${s.questions.before.escalated} | ${s.questions.after.escalated} |`, '');
  }

  const changed = diff.questions.changed;
  if (changed.length) {
    out.push(`### Questions answered differently (${changed.length})`, '');
    const row = (c: ChangedQuestion) => {
      const side = (r: QuestionRoute, line?: number) => {
        const where = r.file ? ` · ${line && r === c.after ? link(r.file, line, `${r.file} › ${r.heading ?? ''}`) : cell(`${r.file} › ${r.heading ?? ''}`)}` : '';
        return `${DECISION_ICON[r.decision]} ${r.confidence.toFixed(2)}${where}`;
      };
      return `| ${cell(c.question)} | ${side(c.before)} | ${side(c.after, c.afterLine)} | ${cell(c.why)} |`;
    };
    const header = ['| Question | Before | After | Why |', '| --- | --- | --- | --- |'];
    out.push(...header, ...changed.slice(0, visible).map(row), '');
    const rest = changed.slice(visible, listLimit);
    if (rest.length) out.push(`<details><summary>${rest.length} more questions</summary>`, '', ...header, ...rest.map(row), '', '</details>', '');
    if (changed.length > Math.max(visible, listLimit)) out.push(`…and ${changed.length - Math.max(visible, listLimit)} more (run \`kb-audit diff\` for all of them).`, '');
  }

  const fresh = diff.findings.new;
  if (fresh.length) {
    out.push(`### New findings (${fresh.length})`, '');
    const item = (f: Finding) => `- ${link(f.file, f.line)} **${f.severity}** \`${f.ruleId}\`: ${cell(f.message)}`;
    out.push(...fresh.slice(0, visible).map(item), '');
    const rest = fresh.slice(visible, listLimit);
    if (rest.length) out.push(`<details><summary>${rest.length} more new findings</summary>`, '', ...rest.map(item), '', '</details>', '');
    if (fresh.length > Math.max(visible, listLimit)) out.push(`…and ${fresh.length - Math.max(visible, listLimit)} more (run \`kb-audit diff\` for all of them).`, '');
  }

  const fixed = diff.findings.fixed;
  if (fixed.length) {
    const shown = fixed.slice(0, listLimit);
    out.push(`<details><summary>${plural(fixed.length, 'problem')} fixed</summary>`, '');
    out.push(...shown.map((f) => `- ${cell(joinDisplayPath(prefix, f.file))}:${f.line} **${f.severity}** \`${f.ruleId}\`: ${cell(f.message)}`));
    if (fixed.length > shown.length) out.push(`- …and ${fixed.length - shown.length} more`);
    out.push('', '</details>', '');
  }

  const a = diff.articles;
  const articleCount = a.added.length + a.removed.length + a.renamed.length + a.changed.length;
  if (articleCount) {
    const lines = [
      ...a.added.map((f) => `- added ${cell(f)}`),
      ...a.removed.map((f) => `- removed ${cell(f)}`),
      ...a.renamed.map((r) => `- renamed ${cell(r.from)} → ${cell(r.to)}`),
      ...a.changed.map((f) => `- edited ${cell(f)}`),
    ];
    out.push(`<details><summary>${plural(articleCount, 'article')} changed</summary>`, '', ...lines.slice(0, Math.max(listLimit, 3)));
    if (lines.length > Math.max(listLimit, 3)) out.push(`- …and ${lines.length - Math.max(listLimit, 3)} more`);
    out.push('', '</details>', '');
  }
  out.push(`<sub>kb-audit ${cell(options.version)}</sub>`);
  return out.join('\n');
}
