import type { ConfusionEntry, PreviewResult, RoutedQuestion, SectionCount, SweepPoint } from '../../core/routing/types';

/** A routed question as the JSON contract shows it (internal fields dropped, contract key order). */
export function publicRouted(r: RoutedQuestion): RoutedQuestion {
  const out: RoutedQuestion = {
    question: r.question,
    decision: r.decision,
    confidence: r.confidence,
    reason: r.reason,
    answer: r.answer,
    alternatives: r.alternatives,
  };
  if (r.expected !== undefined) {
    out.expected = r.expected;
    out.correct = r.correct;
  }
  return out;
}

/** The preview as the JSON contract shows it: summary and results first, then the extras. */
export function publicPreview(preview: PreviewResult): object {
  const out: Record<string, unknown> = { summary: preview.summary, results: preview.results.map(publicRouted) };
  if (preview.sweep) out.sweep = preview.sweep;
  if (preview.confusion) out.confusion = preview.confusion;
  if (preview.sections) out.sections = preview.sections.map(({ file, heading, line, answered, clarify }) => ({ file, heading, line, answered, clarify }));
  return out;
}

/** Three or four lines for a person: the decision, where the answer comes from, the reply, why. */
export function describeRouted(r: RoutedQuestion): string {
  const mark = r.correct === undefined ? '' : r.correct ? ' ✓' : ` ✗ expected ${r.expected ?? 'escalate'}`;
  const lines = [`${r.decision.toUpperCase()} (confidence ${r.confidence.toFixed(2)}) ${r.question}${mark}`];
  if (r.answer && r.decision !== 'escalate') {
    lines.push(`  from: ${r.answer.file}:${r.answer.line} "${r.answer.heading}"`);
    if (r.answer.excerpt) lines.push(`  reply: ${r.answer.excerpt}${r.answer.recital ? '  [recital of a long section]' : ''}`);
  }
  lines.push(`  why: ${r.reason}`);
  return lines.join('\n');
}

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '-' : `${(x * 100).toFixed(1)}%`);

export function summaryLines(preview: PreviewResult): string[] {
  const s = preview.summary;
  const lines = [`${s.questions} questions: ${s.answered} answered, ${s.clarify} clarify, ${s.escalated} escalated (threshold ${s.threshold})`];
  if (s.labelled) {
    lines.push(
      `${s.labelled} labelled: accuracy ${s.accuracy}, in-scope accuracy ${s.inScopeAccuracy}, out-of-scope recall ${s.outOfScopeRecall}, balanced accuracy ${s.balancedAccuracy}`,
    );
  }
  return lines;
}

export function sweepTable(points: SweepPoint[], markdown: boolean): string[] {
  const labelled = points.some((p) => p.balancedAccuracy !== undefined);
  const header = ['threshold', 'coverage', 'precision', ...(labelled ? ['in-scope', 'oos recall', 'balanced'] : [])];
  const rows = points.map((p) => [
    p.threshold.toFixed(2),
    pct(p.coverage),
    pct(p.precision),
    ...(labelled ? [pct(p.inScopeAccuracy), pct(p.outOfScopeRecall), pct(p.balancedAccuracy)] : []),
  ]);
  return table(header, rows, markdown);
}

export function confusionLines(entries: ConfusionEntry[], markdown: boolean, limit = 15): string[] {
  const rows = entries
    .slice(0, limit)
    .map((e) => [e.expected ?? '(should escalate)', e.got ?? '(escalated)', String(e.count), e.examples.map((q) => `"${q}"`).join('; ')]);
  const lines = table(['expected', 'went to', 'questions', 'for example'], rows, markdown);
  if (entries.length > limit) lines.push(`… and ${entries.length - limit} more pairs (see --format json)`);
  return lines;
}

export function sectionLines(sections: SectionCount[], markdown: boolean, limit = 20): string[] {
  const rows = sections.slice(0, limit).map((s) => [`${s.file}:${s.line}`, s.heading, String(s.answered), String(s.clarify)]);
  const lines = table(['section', 'heading', 'answers', 'clarify'], rows, markdown);
  if (sections.length > limit) lines.push(`… and ${sections.length - limit} more sections (see --format json)`);
  return lines;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A Markdown table, or the same columns aligned with spaces for a terminal. */
export function table(header: string[], rows: string[][], markdown: boolean): string[] {
  if (markdown) {
    return [
      `| ${header.map(escapeCell).join(' | ')} |`,
      `| ${header.map(() => '---').join(' | ')} |`,
      ...rows.map((r) => `| ${r.map(escapeCell).join(' | ')} |`),
    ];
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => Math.min(r[i].length, 60))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}
