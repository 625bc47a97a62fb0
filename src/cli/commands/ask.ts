import { loadKnowledgeBase } from '../../core/knowledgeBase';
import { SearchIndex } from '../../core/routing/searchIndex';
import { routeQuestion } from '../../core/routing/simulator';
import { formatJson } from '../../core/format/json';
import { choose, COMMON_OPTIONS, emit, resolveDocs, UsageError, type CliCommand } from '../context';
import { describeRouted, publicRouted } from './routedText';

export const askCommand: CliCommand = {
  name: 'ask',
  summary: 'kb-audit ask     "QUESTION" [DOCS] [--config F] [--format text|json]',
  help: `Usage: kb-audit ask "QUESTION" [DOCS] [options]

Shows whether the bot would answer QUESTION, from which section and how confidently, or escalate.

Options:
  --config F      kb-audit.json to use
  --format X      text (default) or json
  -q, --quiet     no progress line on standard error (drawn only when standard error is a terminal
                  and CI is unset)
`,
  options: { ...COMMON_OPTIONS },
  async run(params, positionals, values) {
    if (positionals.length === 0 || !positionals[0].trim()) throw new UsageError('ask needs a QUESTION');
    if (positionals.length > 2) throw new UsageError('ask takes a QUESTION and one DOCS folder; quote the question');
    const format = choose(values.format, ['text', 'json'] as const, 'text', 'format');
    const ctx = await resolveDocs(params, positionals[1], values.config);
    const kb = await loadKnowledgeBase(params.fs, ctx.docs, ctx.config, { onProgress: params.onProgress });
    const routed = routeQuestion(SearchIndex.build(kb), positionals[0], ctx.config.routing);
    await emit(params, format === 'json' ? formatJson(publicRouted(routed)) : describeRouted(routed), values.output);
    return 0;
  },
};
