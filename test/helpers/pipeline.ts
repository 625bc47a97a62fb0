// One article's text through everything a knowledge base goes through: parse, every rule, the
// search index and routing. The pathological-input tests time it.
import { auditKnowledgeBase } from '../../src/core/audit';
import { DEFAULT_CONFIG } from '../../src/core/config/config';
import { buildKnowledgeBase } from '../../src/core/knowledgeBase';
import { parseMarkdown } from '../../src/core/parse/markdown';
import { SearchIndex } from '../../src/core/routing/searchIndex';
import { routeQuestion } from '../../src/core/routing/simulator';

/** Milliseconds taken to parse, audit, index and route `text`, then route `question` against it. */
export async function timeWholePipeline(text: string, question: string): Promise<number> {
  const started = performance.now();
  const article = parseMarkdown('case.md', text);
  const kb = buildKnowledgeBase('/kb', [article], []);
  await auditKnowledgeBase(kb, DEFAULT_CONFIG, { now: new Date('2026-01-01') });
  const index = SearchIndex.build(kb);
  routeQuestion(index, 'how do I get a refund for my order', {});
  routeQuestion(index, question, {});
  return performance.now() - started;
}
