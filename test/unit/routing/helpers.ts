// Shared set-up for the routing tests: the fixture help centre, or a small KB from text.
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../../../src/core/config/config';
import { buildKnowledgeBase, loadKnowledgeBase } from '../../../src/core/knowledgeBase';
import { nodeFileSystem } from '../../../src/core/nodeFileSystem';
import { parseMarkdown } from '../../../src/core/parse/markdown';
import { SearchIndex } from '../../../src/core/routing/searchIndex';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'routing');
export const SHOP_KB = join(FIXTURES, 'shop-kb');

let shop: Promise<SearchIndex> | undefined;

/** The index of test/fixtures/routing/shop-kb, built once. */
export function shopIndex(): Promise<SearchIndex> {
  shop ??= loadKnowledgeBase(nodeFileSystem, SHOP_KB.replace(/\\/g, '/'), DEFAULT_CONFIG).then((kb) => SearchIndex.build(kb));
  return shop;
}

/** An index of articles given as { path: markdown }. */
export function indexOf(files: Record<string, string>): SearchIndex {
  const articles = Object.entries(files).map(([file, text]) => parseMarkdown(file, text));
  return SearchIndex.build(buildKnowledgeBase('/kb', articles, []));
}
