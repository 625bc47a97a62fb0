import { resolvePath, toPosix } from '../../core/fileSystem';
import { formatJson } from '../../core/format/json';
import { loadKnowledgeBase } from '../../core/knowledgeBase';
import { loadQuestions } from '../../core/routing/questions';
import { SearchIndex } from '../../core/routing/searchIndex';
import { DEFAULT_THRESHOLD, previewQuestions } from '../../core/routing/simulator';
import type { PreviewResult } from '../../core/routing/types';
import { choose, COMMON_OPTIONS, emit, resolveDocs, UsageError, type CliCommand } from '../context';
import { describeRouted, publicRouted } from './routedText';

function previewText(preview: PreviewResult): string {
  const s = preview.summary;
  const lines = preview.results.map(describeRouted);
  lines.push('', `${s.questions} questions: ${s.answered} answered, ${s.clarify} clarify, ${s.escalated} escalated (threshold ${s.threshold})`);
  if (s.labelled) {
    lines.push(
      `labelled ${s.labelled}: accuracy ${s.accuracy}, in-scope ${s.inScopeAccuracy}, out-of-scope recall ${s.outOfScopeRecall}, balanced ${s.balancedAccuracy}`,
    );
  }
  return lines.join('\n');
}

export const previewCommand: CliCommand = {
  name: 'preview',
  summary: 'kb-audit preview QUESTIONS [DOCS] [--config F] [--format text|json] [--threshold X] [--output F]',
  help: `Usage: kb-audit preview QUESTIONS [DOCS] [options]

Routes every question in QUESTIONS (.txt, .csv or .jsonl) and scores the labelled ones.

Options:
  --config F      kb-audit.json to use
  --format X      text (default) or json
  --threshold X   confidence needed to answer, 0 to 1 (default: the config's, else ${DEFAULT_THRESHOLD})
  --output F      write the report to F instead of standard output
`,
  options: { ...COMMON_OPTIONS, threshold: { type: 'string' } },
  async run(params, positionals, values) {
    if (positionals.length === 0) throw new UsageError('preview needs a QUESTIONS file');
    if (positionals.length > 2) throw new UsageError('preview takes a QUESTIONS file and one DOCS folder');
    const format = choose(values.format, ['text', 'json'] as const, 'text', 'format');
    const ctx = await resolveDocs(params, positionals[1], values.config);
    const routing = { ...ctx.config.routing };
    if (values.threshold !== undefined) {
      const threshold = Number(values.threshold);
      if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) throw new UsageError('--threshold must be a number from 0 to 1');
      routing.threshold = threshold;
    }
    const questions = await loadQuestions(params.fs, resolvePath(toPosix(params.cwd), positionals[0]), positionals[0]);
    const kb = await loadKnowledgeBase(params.fs, ctx.docs, ctx.config);
    const preview = previewQuestions(SearchIndex.build(kb), questions, routing);
    const body = format === 'json' ? formatJson({ summary: preview.summary, results: preview.results.map(publicRouted) }) : previewText(preview);
    await emit(params, body, values.output);
    return 0;
  },
};
