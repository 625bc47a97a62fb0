// A report a team lead reads: how many problems of each kind, the worst contradictions and
// copies, how well the sample questions are covered, and every finding linked to its line.
import type { AuditQuestionsReport, AuditStats } from '../audit';
import type { Finding, Severity } from '../model';
import { RULES, ruleDocsUrl } from '../rules';
import { joinDisplayPath, relativeLinkTarget } from './paths';

export interface MarkdownOptions {
  /** The docs folder as the user named it. */
  root: string;
  stats: AuditStats;
  questions?: AuditQuestionsReport | null;
  /** Makes docs-relative paths relative to the report's folder, for links. */
  linkPrefix?: string;
  /** Say how long the audit took (default true); off for reports that must be byte-identical across runs. */
  showDuration?: boolean;
  /** Findings listed per rule before "and N more". */
  perRule?: number;
  /** Rows in the worst-conflicts and worst-duplicates tables. */
  top?: number;
}

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

/** `text` as inline code: a fence longer than any run of backticks inside (escapes do not work in code). */
function codeSpan(text: string): string {
  const flat = text.replace(/\s*\n\s*/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Text safe inside a Markdown table cell or list item. */
function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/[|\\`*_[\]<>]/g, (c) => `\\${c}`);
}

export function formatMarkdown(findings: Finding[], options: MarkdownOptions): string {
  const prefix = options.linkPrefix ?? '';
  const perRule = options.perRule ?? 50;
  const top = options.top ?? 10;
  const link = (file: string, line: number) => {
    const path = joinDisplayPath(prefix, file);
    return `[${cell(file)}:${line}](${relativeLinkTarget(path)}#L${line})`;
  };
  const out: string[] = [];
  const s = options.stats;
  out.push('# KB Audit report', '');
  out.push(
    `${codeSpan(options.root)}: ${s.files} articles, ${s.sections} sections${s.skipped ? `, ${s.skipped} files skipped` : ''}${
      options.showDuration === false ? '.' : `; audited in ${(s.durationMs / 1000).toFixed(1)} s.`
    }`,
    '',
  );
  const counts = SEVERITIES.map((sev) => findings.filter((f) => f.severity === sev).length);
  out.push(`**${counts[0]} errors, ${counts[1]} warnings, ${counts[2]} notes.**`, '');

  // Counts by rule, in the order rules run.
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) {
    let list = byRule.get(f.ruleId);
    if (!list) byRule.set(f.ruleId, (list = []));
    list.push(f);
  }
  out.push('## Findings by rule', '', '| Rule | Findings | Errors | Warnings | Notes | What it finds |', '| --- | ---: | ---: | ---: | ---: | --- |');
  for (const rule of RULES) {
    const list = byRule.get(rule.id);
    if (!list) continue;
    const n = (sev: Severity) => list.filter((f) => f.severity === sev).length;
    out.push(`| [${rule.id}](${ruleDocsUrl(rule.id)}) | ${list.length} | ${n('error')} | ${n('warning')} | ${n('info')} | ${cell(rule.description)} |`);
  }
  if (byRule.size === 0) out.push('| (none) | 0 | 0 | 0 | 0 | |');
  out.push('');

  // The worst conflicts: both sides, their values, most alike first; each pair once.
  const conflicts = pairsOnce(byRule.get('conflicting-answer') ?? []);
  if (conflicts.length > 0) {
    out.push('## Conflicting answers', '', 'The same thing stated with different values: a bot would tell customers both.', '');
    out.push('| This says | Where | The other says | Where |', '| --- | --- | --- | --- |');
    for (const f of conflicts.slice(0, top)) {
      const other = f.related?.[0];
      out.push(
        `| ${cell(String(f.data?.value ?? ''))} | ${link(f.file, f.line)} | ${cell(String(f.data?.otherValue ?? ''))} | ${other ? link(other.file, other.line) : ''} |`,
      );
    }
    if (conflicts.length > top) out.push('', `…and ${conflicts.length - top} more conflicting pairs below.`);
    out.push('');
  }

  const duplicates = pairsOnce(byRule.get('near-duplicate') ?? []);
  if (duplicates.length > 0) {
    out.push('## Near-duplicates', '', 'The same answer written twice: one copy will go stale. Most similar first.', '');
    out.push('| Similarity | Copy | Other copy |', '| ---: | --- | --- |');
    for (const f of duplicates.slice(0, top)) {
      const other = f.related?.[0];
      const scope = f.data?.scope === 'article' ? ' (whole article)' : '';
      out.push(`| ${Math.round(Number(f.data?.similarity ?? 0) * 100)}%${scope} | ${link(f.file, f.line)} | ${other ? link(other.file, other.line) : ''} |`);
    }
    if (duplicates.length > top) out.push('', `…and ${duplicates.length - top} more pairs below.`);
    out.push('');
  }

  if (options.questions) {
    const { summary, results } = options.questions.preview;
    out.push('## Coverage of the sample questions', '');
    const share = (n: number) => (summary.questions ? ` (${Math.round((n / summary.questions) * 100)}%)` : '');
    out.push(
      `${summary.questions} questions from \`${cell(options.questions.file)}\`: ${summary.answered} answered${share(summary.answered)}, ` +
        `${summary.clarify} needing a clarifying question${share(summary.clarify)}, ${summary.escalated} escalated${share(summary.escalated)} ` +
        `(confidence threshold ${summary.threshold}).`,
      '',
    );
    if (summary.balancedAccuracy !== undefined) {
      out.push(`Of ${summary.labelled} labelled questions, ${Math.round((summary.accuracy ?? 0) * 100)}% are handled as expected (balanced accuracy ${summary.balancedAccuracy}).`, '');
    }
    const gaps = byRule.get('coverage-gap') ?? [];
    if (gaps.length > 0) {
      const topics = new Map<string, Finding[]>();
      for (const f of gaps) {
        const topic = String(f.data?.topic ?? '') || '(no shared topic)';
        let list = topics.get(topic);
        if (!list) topics.set(topic, (list = []));
        list.push(f);
      }
      out.push('| Topic | Escalated questions | Example |', '| --- | ---: | --- |');
      const sorted = [...topics].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
      for (const [topic, list] of sorted) {
        const example = /^"([^"]*)"/.exec(list[0].message)?.[1] ?? '';
        out.push(`| ${cell(topic)} | ${list.length} | ${link(list[0].file, list[0].line)} ${cell(example)} |`);
      }
      out.push('');
    } else if (results.length > 0) {
      out.push('No sample question is escalated for lack of a confident match.', '');
    }
  }

  out.push('## All findings', '');
  if (findings.length === 0) out.push('No findings.', '');
  for (const rule of RULES) {
    const list = byRule.get(rule.id);
    if (!list) continue;
    out.push(`### ${rule.id} (${list.length})`, '', `${cell(rule.rationale)} [How to fix](${ruleDocsUrl(rule.id)})`, '');
    for (const f of list.slice(0, perRule)) {
      const related = f.related?.length ? ` (see ${f.related.slice(0, 3).map((r) => link(r.file, r.line)).join(', ')})` : '';
      out.push(`- ${link(f.file, f.line)} **${f.severity}**: ${cell(f.message)}${related}`);
    }
    if (list.length > perRule) out.push(`- …and ${list.length - perRule} more (all of them: \`kb-audit audit --format text\`)`);
    out.push('');
  }
  return out.join('\n');
}

/** Findings reported on both sides of a pair, kept once (the side that sorts first), most similar first. */
function pairsOnce(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const f of findings) {
    const other = f.related?.[0];
    const self = `${f.file}:${f.line}`;
    const key = other ? [self, `${other.file}:${other.line}`].sort().join('|') : self;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out.sort((a, b) => Number(b.data?.similarity ?? 0) - Number(a.data?.similarity ?? 0));
}
