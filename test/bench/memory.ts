// What the audit holds in memory, stage by stage, on a generated help centre (or any folder):
// the heap after a full collection once the articles are parsed, then after each table the
// rules that compare sections build (term statistics, the conflict rule's statements, the
// near-duplicate pass), then what each part of the knowledge base holds (its blocks, their text,
// ids, headings, the files' text…), and the peak resident memory of the whole audit in its own
// process.
//
//   npm run bench:memory -- [--articles N] [--seed S] [--dir D] [--skip-cli]
//
// Heap figures are what stays reachable, so they move only when the model or a table changes
// shape; the peak of a process also depends on when the collector runs.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_CONFIG } from '../../src/core/config/config';
import { loadKnowledgeBase } from '../../src/core/knowledgeBase';
import { Lines, type Section } from '../../src/core/model';
import { nodeFileSystem } from '../../src/core/nodeFileSystem';
import { collectStatements, DEFAULT_CONFLICT_KINDS, DEFAULT_QUALIFIERS } from '../../src/core/rules/util/conflicts';
import { corpusOf } from '../../src/core/similarity/corpus';
import { duplicateAnalysis } from '../../src/core/similarity/duplicates';
// @ts-expect-error: a plain JavaScript module, shared with other benchmarks
import { ensureKb } from './generateKb.mjs';

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    dir: { type: 'string' },
    'skip-cli': { type: 'boolean', default: false },
  },
});
const dir = values.dir ?? join(__dirname, '.generated', `kb-${values.articles}-${values.seed}`);

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench:memory does)');

/** Heap and buffers reachable now, in MB (buffers are freed off the thread: a moment is left for it). */
async function reachable(): Promise<{ heap: number; buffers: number }> {
  gc!();
  await new Promise((resolve) => setTimeout(resolve, 50));
  gc!();
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed / 1e6, buffers: usage.arrayBuffers / 1e6 };
}

const mb = (x: number) => `${x.toFixed(0)} MB`;

async function main() {
  if (!values.dir) ensureKb(dir, { articles: Number(values.articles), seed: Number(values.seed) });
  console.log(`knowledge base: ${dir}`);
  const start = await reachable();
  const kb = await loadKnowledgeBase(nodeFileSystem, dir, DEFAULT_CONFIG, {});
  const loaded = await reachable();
  console.log(`parsed: ${kb.articles.length} articles, ${kb.sections.length} sections`);
  console.log(`  heap held by the knowledge base       ${mb(loaded.heap - start.heap)}`);
  const corpus = corpusOf(kb);
  const withCorpus = await reachable();
  console.log(`  term statistics                        ${mb(withCorpus.heap - loaded.heap)} heap, ${mb(withCorpus.buffers - loaded.buffers)} buffers`);
  const statements = collectStatements(kb, corpus, { minSimilarity: 0.35, qualifiers: DEFAULT_QUALIFIERS, kinds: DEFAULT_CONFLICT_KINDS });
  const withStatements = await reachable();
  console.log(
    `  conflict statements (${statements.count})`.padEnd(41) +
      `${mb(withStatements.heap - withCorpus.heap)} heap, ${mb(withStatements.buffers - withCorpus.buffers)} buffers`,
  );
  const duplicates = duplicateAnalysis(kb, 12);
  const withDuplicates = await reachable();
  console.log(
    `  near-duplicate groups and pairs (${duplicates.pairs.length})`.padEnd(41) +
      `${mb(withDuplicates.heap - withStatements.heap)} heap, ${mb(withDuplicates.buffers - withStatements.buffers)} buffers`,
  );

  // The knowledge base by part: each taken away in turn (after the tables above, which keep
  // nothing of them but indexes), and the heap that went with it. What a more compact model of
  // the knowledge base would start from; the knowledge base is of no use afterwards.
  console.log('knowledge base by part (each taken away in turn):');
  let held = withDuplicates.heap;
  const takeAway = async (what: string, take: () => void) => {
    take();
    const now = await reachable();
    console.log(`  ${what}`.padEnd(41) + mb(held - now.heap));
    held = now.heap;
  };
  const sections: Section[] = kb.sections;
  const blocks = sections.reduce((n, s) => n + s.blocks.length, 0);
  const noLinks = sections.filter((s) => s.links.length === 0).length;
  const none: never[] = [];
  await takeAway(`empty link lists (${noLinks} sections)`, () => sections.forEach((s) => s.links.length === 0 && (s.links = none)));
  await takeAway('section ids', () => sections.forEach((s) => (s.id = '')));
  await takeAway('slugs', () => sections.forEach((s) => (s.slug = '')));
  await takeAway('block texts', () => sections.forEach((s) => s.blocks.forEach((b) => (b.text = ''))));
  await takeAway(`blocks and their lists (${blocks})`, () => sections.forEach((s) => (s.blocks = none)));
  await takeAway('links', () => sections.forEach((s) => (s.links = none)));
  await takeAway('headings and heading paths', () => sections.forEach((s) => ((s.heading = ''), (s.headingPath = none))));
  await takeAway('front matter and titles', () => kb.articles.forEach((a) => Object.assign(a, { frontMatter: null, title: '' })));
  await takeAway("the files' text and line starts", () => kb.articles.forEach((a) => Object.assign(a, { lines: Lines.of('') })));
  console.log(`  left: articles, sections, tables`.padEnd(41) + mb(held - start.heap));

  if (!values['skip-cli']) {
    const cli = join(__dirname, '..', '..', 'dist', 'cli.js');
    const run = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, cli, 'audit', dir, '--format', 'json', '--fail-on', 'never'], {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    if (run.error || run.status !== 0) throw new Error(`the CLI audit failed (GNU time is needed): ${run.error?.message ?? run.stderr.slice(-500)}`);
    const [wall, kb] = run.stderr.trim().split('\n').pop()!.split(' ').map(Number);
    console.log(`CLI audit (dist/cli.js): ${wall.toFixed(2)} s, peak resident memory ${mb(kb / 1000)}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
