import { resolvePath, toPosix } from '../../core/fileSystem';
import { formatJson } from '../../core/format/json';
import { loadKnowledgeBase } from '../../core/knowledgeBase';
import { loadQuestions, questionIndexes, questionsByIndex } from '../../core/routing/questions';
import { SearchIndex } from '../../core/routing/searchIndex';
import { DEFAULT_THRESHOLD, previewQuestions } from '../../core/routing/simulator';
import type { PreviewResult, RoutedQuestion } from '../../core/routing/types';
import { choose, COMMON_OPTIONS, EMBEDDINGS_CACHE_OPTIONS, emit, localeOption, resolveDocs, UsageError, type CliCommand } from '../context';
import { cliEmbeddings } from '../embeddings';
import { embedIndex } from '../../core/routing/embeddings';
import { confusionLines, describeRouted, publicPreview, sectionLines, summaryLines, sweepTable } from './routedText';

const FORMATS = ['text', 'json', 'markdown'] as const;

function previewText(preview: PreviewResult, showSweep: boolean): string {
  const lines = preview.results.map(describeRouted);
  lines.push('', ...summaryLines(preview));
  if (preview.confusion?.length) lines.push('', 'Which article takes whose questions:', ...confusionLines(preview.confusion, false));
  if (preview.sections?.length) lines.push('', 'Questions each section answers:', ...sectionLines(preview.sections, false));
  if (showSweep && preview.sweep) lines.push('', 'Coverage against precision at each threshold:', ...sweepTable(preview.sweep, false));
  return lines.join('\n');
}

function markdownCell(r: RoutedQuestion): string[] {
  const where = r.answer ? `${r.answer.file}:${r.answer.line} ${r.answer.heading}` : '';
  const mark = r.correct === undefined ? '' : r.correct ? '✓' : `✗ (expected ${r.expected ?? 'escalate'})`;
  return [r.question, r.decision, r.confidence.toFixed(2), r.decision === 'escalate' ? '' : where, r.reason, mark];
}

function previewMarkdown(preview: PreviewResult, showSweep: boolean): string {
  const escape = (t: string) => t.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const lines = ['# Answer-or-escalate preview', '', ...summaryLines(preview).map((l) => `- ${l}`), ''];
  const labelled = preview.results.some((r) => r.expected !== undefined);
  lines.push(`| question | decision | confidence | answer from | why |${labelled ? ' correct |' : ''}`);
  lines.push(`| --- | --- | ---: | --- | --- |${labelled ? ' --- |' : ''}`);
  for (const r of preview.results) {
    const cells = markdownCell(r);
    lines.push(`| ${cells.slice(0, labelled ? 6 : 5).map(escape).join(' | ')} |`);
  }
  if (preview.confusion?.length) lines.push('', '## Which article takes whose questions', '', ...confusionLines(preview.confusion, true));
  if (preview.sections?.length) lines.push('', '## Questions each section answers', '', ...sectionLines(preview.sections, true));
  if (showSweep && preview.sweep) lines.push('', '## Coverage against precision at each threshold', '', ...sweepTable(preview.sweep, true));
  return lines.join('\n');
}

export const previewCommand: CliCommand = {
  name: 'preview',
  summary: 'kb-audit preview QUESTIONS [DOCS] [--config F] [--format text|json|markdown] [--threshold X] [--sweep] [--output F] [--locale L]',
  help: `Usage: kb-audit preview QUESTIONS [DOCS] [options]

Routes every question in QUESTIONS (.txt, .csv or .jsonl) the way the bot would: answer (from
which section, with which reply), clarify (two articles match almost equally) or escalate to a
person. Labelled questions ("expected": an article path, or null for "should escalate") are
scored: accuracy, in-scope accuracy, out-of-scope recall and balanced accuracy, and the articles
that take each other's questions are listed.

Options:
  --config F      kb-audit.json to use
  --format X      text (default), json or markdown
  --threshold X   confidence needed to answer, 0 to 1 (default: the config's, else ${DEFAULT_THRESHOLD})
  --sweep         add coverage against precision at each threshold, to choose one
  --output F      write the report to F instead of standard output
  --cache-dir D   where routing.embeddings' vectors are kept (default node_modules/.cache/kb-audit
                  when the working folder has node_modules, else .kb-audit-cache)
  --no-cache      neither read nor write those vectors
  --locale L      in a translated knowledge base, the locale the questions are asked in (default: the source's);
                  a question's own "locale" (a CSV column or JSONL key) comes first
  -q, --quiet     no progress line on standard error (drawn only when standard error is a terminal
                  and CI is unset)
`,
  options: { ...COMMON_OPTIONS, ...EMBEDDINGS_CACHE_OPTIONS, threshold: { type: 'string' }, sweep: { type: 'boolean' }, locale: { type: 'string' } },
  async run(params, positionals, values) {
    if (positionals.length === 0) throw new UsageError('preview needs a QUESTIONS file');
    if (positionals.length > 2) throw new UsageError('preview takes a QUESTIONS file and one DOCS folder');
    const format = choose(values.format, FORMATS, 'text', 'format');
    const ctx = await resolveDocs(params, positionals[1], values.config);
    const routing = { ...ctx.config.routing };
    if (values.threshold !== undefined) {
      const threshold = Number(values.threshold);
      if (values.threshold === '' || !Number.isFinite(threshold) || threshold < 0 || threshold > 1) {
        throw new UsageError(`--threshold must be a number from 0 to 1 (got "${String(values.threshold)}")`);
      }
      routing.threshold = threshold;
    }
    const questions = await loadQuestions(params.fs, resolvePath(toPosix(params.cwd), positionals[0]), positionals[0]);
    const kb = await loadKnowledgeBase(params.fs, ctx.docs, ctx.config, { onProgress: params.onProgress });
    const showSweep = values.sweep === true;
    const index = SearchIndex.build(kb, { locale: localeOption(kb, values.locale) });
    // A question's own locale (a `locale` column or key) comes before --locale.
    const indexOf = questionIndexes(kb, index, questions);
    const embeddings = cliEmbeddings(params, ctx.config.routing, values);
    if (embeddings) for (const [own, texts] of questionsByIndex(questions, indexOf)) embeddings.report?.(await embedIndex(own, texts, embeddings.embedder, embeddings));
    const preview = previewQuestions(index, questions, routing, { sweep: showSweep, onProgress: params.onProgress, indexOf });
    const body =
      format === 'json' ? formatJson(publicPreview(preview)) : format === 'markdown' ? previewMarkdown(preview, showSweep) : previewText(preview, showSweep);
    await emit(params, body, values.output);
    return 0;
  },
};
