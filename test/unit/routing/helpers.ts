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

/** A small help centre whose words differ from the customers' ("damaged" for "broken"). */
export const PARAPHRASE_KB: Record<string, string> = {
  'returns/damaged.md': '# Damaged items\n\nIf an item is damaged when it is delivered, send us a photo and we replace it free of charge.\n',
  'billing/refunds.md': '# Refunds\n\nA refund is paid to the card you paid with, within five working days of our receiving the return.\n',
  'account/cancel.md': '# Cancel a subscription\n\nOpen Settings, then Billing, and choose Cancel. The subscription ends at the close of the period.\n',
  'delivery/times.md': '# Delivery times\n\nStandard delivery takes three to five working days; express delivery arrives the next working day.\n',
  'account/password.md': '# Reset your password\n\nChoose "Forgot password" on the sign-in page and follow the link we email you.\n',
  'contact/hours.md': '# Opening hours\n\nOur support team answers chat and phone from 9 am to 6 pm, Monday to Friday.\n',
  'gift/cards.md': '# Gift cards\n\nGift cards are sold in amounts from 10 to 200 and never expire.\n',
  'store/locations.md': '# Store locations\n\nOur shops are in Leeds, York and Bristol; each has free parking.\n',
};
