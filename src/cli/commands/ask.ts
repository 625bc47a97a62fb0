import { loadKnowledgeBase } from '../../core/knowledgeBase';
import { SearchIndex } from '../../core/routing/searchIndex';
import { routeQuestion } from '../../core/routing/simulator';
import { formatJson } from '../../core/format/json';
import { choose, COMMON_OPTIONS, EMBEDDINGS_CACHE_OPTIONS, emit, localeOption, resolveDocs, UsageError, type CliCommand } from '../context';
import { cliEmbeddings } from '../embeddings';
import { embedIndex } from '../../core/routing/embeddings';
import { describeRouted, publicRouted } from './routedText';

export const askCommand: CliCommand = {
  name: 'ask',
  summary: 'kb-audit ask     "QUESTION" [DOCS] [--config F] [--format text|json] [--locale L]',
  help: `Usage: kb-audit ask "QUESTION" [DOCS] [options]

Shows whether the bot would answer QUESTION, from which section and how confidently, or escalate.

Options:
  --config F      kb-audit.json to use
  --format X      text (default) or json
  --cache-dir D   where routing.embeddings' vectors are kept (default node_modules/.cache/kb-audit
                  when the working folder has node_modules, else .kb-audit-cache)
  --no-cache      neither read nor write those vectors
  --locale L      in a translated knowledge base, the locale the question is asked in (default: the source's)
  -q, --quiet     no progress line on standard error (drawn only when standard error is a terminal
                  and CI is unset)
`,
  options: { ...COMMON_OPTIONS, ...EMBEDDINGS_CACHE_OPTIONS, locale: { type: 'string' } },
  async run(params, positionals, values) {
    if (positionals.length === 0 || !positionals[0].trim()) throw new UsageError('ask needs a QUESTION');
    if (positionals.length > 2) throw new UsageError('ask takes a QUESTION and one DOCS folder; quote the question');
    const format = choose(values.format, ['text', 'json'] as const, 'text', 'format');
    const ctx = await resolveDocs(params, positionals[1], values.config);
    const kb = await loadKnowledgeBase(params.fs, ctx.docs, ctx.config, { onProgress: params.onProgress });
    const index = SearchIndex.build(kb, { locale: localeOption(kb, values.locale) });
    const embeddings = cliEmbeddings(params, ctx.config.routing, values);
    if (embeddings) embeddings.report?.(await embedIndex(index, [positionals[0]], embeddings.embedder, embeddings));
    const routed = routeQuestion(index, positionals[0], ctx.config.routing);
    await emit(params, format === 'json' ? formatJson(publicRouted(routed)) : describeRouted(routed), values.output);
    return 0;
  },
};
