// Routing benchmark: runs the answer-or-escalate preview over every labelled dataset and prints,
// per dataset, accuracy and balanced accuracy at the default threshold (one threshold for all),
// the best balanced accuracy over thresholds (for reference only: picked on the test data), and
// per-question latency. With --scale N it also builds the index for a generated help centre of
// about N sections and reports build time, memory and query latency there.
//
//   npm run bench:routing -- [--datasets DIR] [--scale N] [--runs R] [--holdout] [--only NAME] [--no-fuzzy] [--no-meaning]
//                            [--meaning-weights U,K] [--vector-share X] [--coverage-share X]
//
// A second table compares the variants of the router on each dataset, balanced accuracy and
// top-1 side by side: "lexical" (words and spelling only), "+ WordNet" (customers' words also read
// by their WordNet meanings), "+ WordNet + GloVe" (a WordNet reading kept only when the two words'
// GloVe vectors say they are used alike, and a word WordNet cannot relate read as the KB's words
// nearest to it in usage: the shipped default). --meaning-weights and
// --vector-share set the share of a meaning reading (unknown word, known word) and of the vector
// similarity of question and record in a candidate's score (0 by default), and --coverage-share
// the share of an article's rank that depends on how much of the question it holds (0.5), to
// measure them.
//
// An "embeddings" column (the shipped default with routing.embeddings blended in) is added when
// KB_AUDIT_BENCH_EMBEDDINGS_ENDPOINT and KB_AUDIT_BENCH_EMBEDDINGS_MODEL name an OpenAI-compatible
// endpoint (the key, if any, in KB_AUDIT_BENCH_EMBEDDINGS_KEY); vectors are cached in
// test/bench/.generated/embeddings. Without them the column is skipped, and the output says so.
//
// Besides the datasets, the sample KB (test/fixtures/sample-kb: real answer text) is routed too,
// and the help centres of test/bench/paraphrase: fictional articles with real answer text and
// customer messages written in other words than the articles', to measure the vocabulary gap.
// --no-fuzzy builds the index without the fuse.js reading of unknown words, --no-meaning without the
// WordNet and GloVe readings of words by their meaning, to measure what each buys.
// --holdout removes every third article from each KB and relabels its questions "should escalate":
// topics the calibration has never seen missing, to check that the default threshold still holds.
//
// The datasets are a measuring stick, never tuning data: nothing here feeds back into defaults.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_CONFIG } from '../../src/core/config/config';
import { loadConfig } from '../../src/core/config/config';
import { buildKnowledgeBase, loadKnowledgeBase } from '../../src/core/knowledgeBase';
import { nodeFileSystem } from '../../src/core/nodeFileSystem';
import { fileVectorStorage } from '../../src/core/cache/embeddingCache';
import { cacheIdentity, Embedder, embeddingsSettings, embedIndex, fallbackMessage } from '../../src/core/routing/embeddings';
import { loadQuestions } from '../../src/core/routing/questions';
import { shippedLexicon, shippedVectors } from '../../src/core/routing/meaning';
import { type IndexOptions, SearchIndex } from '../../src/core/routing/searchIndex';
import { DEFAULT_THRESHOLD, routeQuestion, summarize, sweep } from '../../src/core/routing/simulator';
import type { RoutedQuestion, SampleQuestion } from '../../src/core/routing/types';
// @ts-expect-error: a plain JavaScript module, shared with other benchmarks
import { ensureKb } from './generateKb.mjs';

const { values } = parseArgs({
  options: {
    datasets: { type: 'string', default: join(__dirname, '..', '..', '..', 'shared', 'datasets') },
    scale: { type: 'string' },
    runs: { type: 'string', default: '3' },
    only: { type: 'string' },
    holdout: { type: 'boolean', default: false },
    'no-fuzzy': { type: 'boolean', default: false },
    'no-meaning': { type: 'boolean', default: false },
    'meaning-weights': { type: 'string' },
    'vector-share': { type: 'string' },
    'coverage-share': { type: 'string' },
  },
});
const mw = values['meaning-weights']?.split(',').map(Number);
const indexOptions: IndexOptions = {
  fuzzy: !values['no-fuzzy'],
  ...(values['no-meaning'] ? { meaning: false, vectors: false } : {}), ...(mw ? { meaningWeights: { unknown: mw[0], known: mw[1] } } : {}), ...(values['vector-share'] ? { vectorShare: Number(values['vector-share']) } : {}),
  ...(values['coverage-share'] ? { coverageShare: Number(values['coverage-share']) } : {}),
};
const SAMPLE_KB = join(__dirname, '..', 'fixtures', 'sample-kb');
const PARAPHRASE = join(__dirname, 'paraphrase');

/** routing.embeddings for the "embeddings" column, from the environment; null: the column is skipped. */
const embeddingsBench = (() => {
  const endpoint = process.env.KB_AUDIT_BENCH_EMBEDDINGS_ENDPOINT;
  const model = process.env.KB_AUDIT_BENCH_EMBEDDINGS_MODEL;
  const settings = endpoint && model ? embeddingsSettings({ endpoint, model }) : null;
  if (!settings) return null;
  const storage = fileVectorStorage(join(__dirname, '.generated', 'embeddings'), cacheIdentity(settings));
  return new Embedder(settings, { apiKey: process.env.KB_AUDIT_BENCH_EMBEDDINGS_KEY, storage });
})();

function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}
const median = (xs: number[]) => percentile(xs, 0.5);
const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(0));
const f3 = (x: number | undefined) => (x === undefined ? '-' : x.toFixed(3));

function timeRoutes(index: SearchIndex, questions: string[], runs: number): { results: RoutedQuestion[]; latencies: number[] } {
  let results: RoutedQuestion[] = [];
  const perQuestion: number[][] = questions.map(() => []);
  for (let run = 0; run < runs; run++) {
    results = questions.map((q, i) => {
      const started = performance.now();
      const routed = routeQuestion(index, q, {});
      perQuestion[i].push(performance.now() - started);
      return routed;
    });
  }
  // Each question's median over the runs, so one GC pause does not make a question slow.
  return { results, latencies: perQuestion.map(median) };
}

interface BenchSet {
  name: string;
  kbDir: string;
  questions: string;
  config: typeof DEFAULT_CONFIG;
}

/** Each folder of `root` with a `kb/` and a `questions.jsonl`. */
function setsIn(root: string): BenchSet[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'questions.jsonl')))
    .map((d) => ({ name: d.name, kbDir: join(root, d.name, 'kb'), questions: join(root, d.name, 'questions.jsonl'), config: DEFAULT_CONFIG }));
}

async function benchSets(): Promise<BenchSet[]> {
  const sets = [...setsIn(values.datasets!), ...setsIn(PARAPHRASE)];
  // The sample KB's own kb-audit.json leaves its README out of the articles.
  const sampleConfig = await loadConfig(nodeFileSystem, join(SAMPLE_KB, 'kb-audit.json'));
  sets.push({ name: 'sample-kb', kbDir: SAMPLE_KB, questions: join(SAMPLE_KB, 'sample-questions.jsonl'), config: sampleConfig });
  return sets.filter((set) => !values.only || set.name.includes(values.only)).sort((a, b) => a.name.localeCompare(b.name));
}

const VARIANTS: { name: string; options: IndexOptions }[] = [
  { name: 'lexical', options: { ...indexOptions, meaning: false, vectors: false } },
  { name: '+ WordNet', options: { ...indexOptions, usageCheck: false } },
  { name: '+ WordNet + GloVe', options: indexOptions },
];

function score(index: SearchIndex, labelled: SampleQuestion[], runs: number) {
  const { results, latencies } = timeRoutes(index, labelled.map((q) => q.question), runs);
  results.forEach((r, i) => {
    const expected = labelled[i].expected;
    if (expected === undefined) return;
    r.expected = expected;
    r.correct = expected === null ? r.decision === 'escalate' : r.decision !== 'escalate' && r.answer?.file === expected;
  });
  // Retrieval alone: the share of in-scope questions whose best match is the expected article, at any confidence.
  const inScope = results.filter((r) => r.expected);
  const top1 = inScope.length ? inScope.filter((r) => r.answer?.file === r.expected).length / inScope.length : undefined;
  return { results, latencies, top1, summary: summarize(results, DEFAULT_THRESHOLD) };
}

async function benchDatasets(): Promise<void> {
  const runs = Number(values.runs);
  const fine = Array.from({ length: 101 }, (_, i) => i / 100);
  const rows: string[][] = [];
  const variantRows: string[][] = [];
  // The shipped resources load once, on first use: timed here, not in the first dataset's build.
  let started = performance.now();
  const lexicon = shippedLexicon();
  const lexiconMs = performance.now() - started;
  started = performance.now();
  const vectors = shippedVectors();
  const vectorsMs = performance.now() - started;
  for (const set of await benchSets()) {
    let kb = await loadKnowledgeBase(nodeFileSystem, set.kbDir, set.config);
    let labelled = await loadQuestions(nodeFileSystem, set.questions);
    if (values.holdout) {
      // Held-out topics: every third article leaves the KB and its questions become "should escalate".
      const dropped = new Set(kb.articles.filter((_, i) => i % 3 === 1).map((a) => a.file));
      kb = buildKnowledgeBase(kb.root, kb.articles.filter((a) => !dropped.has(a.file)), kb.skipped);
      labelled = labelled.map((q) => (q.expected && dropped.has(q.expected) ? { ...q, expected: null } : q));
    }
    const started = performance.now();
    const index = SearchIndex.build(kb, indexOptions);
    void index.calibration;
    const buildMs = performance.now() - started;
    const { results, latencies, top1, summary } = score(index, labelled, runs);
    const best = sweep(results, fine).reduce((a, b) => ((b.balancedAccuracy ?? 0) > (a.balancedAccuracy ?? 0) ? b : a));
    const variantRow = [set.name];
    for (const variant of VARIANTS) {
      const scored = variant.options === indexOptions ? { summary, top1 } : score(SearchIndex.build(kb, variant.options), labelled, 1);
      variantRow.push(f3(scored.summary.balancedAccuracy), f3(scored.top1));
    }
    if (embeddingsBench) {
      const embedded = SearchIndex.build(kb, indexOptions);
      const outcome = await embedIndex(embedded, labelled.map((q) => q.question), embeddingsBench);
      if (outcome.ok) {
        const scored = score(embedded, labelled, 1);
        variantRow.push(f3(scored.summary.balancedAccuracy), f3(scored.top1));
      } else {
        console.error(`${set.name}: ${fallbackMessage(outcome)}`);
        variantRow.push('-', '-');
      }
    }
    variantRows.push(variantRow);
    rows.push([
      set.name,
      String(results.length),
      f3(summary.accuracy),
      f3(summary.inScopeAccuracy),
      f3(summary.outOfScopeRecall),
      f3(summary.balancedAccuracy),
      `${f3(best.balancedAccuracy)} @ ${best.threshold.toFixed(2)}`,
      f3(top1),
      String(summary.clarify),
      ms(median(latencies)),
      ms(percentile(latencies, 0.95)),
      ms(buildMs),
    ]);
  }
  const header = ['dataset', 'questions', 'accuracy', 'in-scope', 'oos recall', 'balanced', 'best balanced @ t', 'top-1 in-scope', 'clarify', 'p50 ms', 'p95 ms', 'build ms'];
  const variant =
    (values.holdout ? ', every third article removed from the KB and its questions relabelled "should escalate"' : '') +
    (values['no-fuzzy'] ? ', without the fuse.js reading of unknown words' : '') +
    (values['no-meaning'] ? ', without the meaning readings' : '');
  console.log(`Routing at the default threshold ${DEFAULT_THRESHOLD} (one threshold for every dataset; "best" is picked on the test data, for reference)${variant}\n`);
  printTable(header, rows);
  console.log(`\nVariants: balanced accuracy at ${DEFAULT_THRESHOLD} and top-1 in scope${variant}\n`);
  const columns = [...VARIANTS.map((v) => v.name), ...(embeddingsBench ? [`embeddings (${embeddingsBench.model})`] : [])];
  printTable(['dataset', ...columns.flatMap((name) => [`${name} balanced`, `${name} top-1`])], variantRows);
  if (!embeddingsBench) console.log('\nEmbeddings: skipped (set KB_AUDIT_BENCH_EMBEDDINGS_ENDPOINT and KB_AUDIT_BENCH_EMBEDDINGS_MODEL, and KB_AUDIT_BENCH_EMBEDDINGS_KEY if the endpoint needs one, to add a column)');
  console.log(
    `\nShipped resources: WordNet lexicon ${lexicon ? `${lexicon.size} words, loaded in ${ms(lexiconMs)} ms` : 'missing'}; ` +
      `word vectors ${vectors ? `${vectors.size} terms, loaded in ${ms(vectorsMs)} ms` : 'missing'}`,
  );
}

function printTable(header: string[], rows: string[][]): void {
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

async function benchScale(sections: number): Promise<void> {
  // The generator writes about 10 sections an article; ask for enough articles.
  const articles = Math.ceil(sections / 10);
  const dir = join(__dirname, '.generated', `kb-${articles}-1`);
  ensureKb(dir, { articles, seed: 1 });
  const kb = await loadKnowledgeBase(nodeFileSystem, dir, DEFAULT_CONFIG);
  global.gc?.();
  const memory = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.external + m.arrayBuffers;
  };
  const heapBefore = memory();
  const started = performance.now();
  const index = SearchIndex.build(kb, indexOptions);
  const buildMs = performance.now() - started;
  const calStarted = performance.now();
  void index.calibration;
  const calibrationMs = performance.now() - calStarted;
  global.gc?.();
  const heapMb = (memory() - heapBefore) / 1e6;
  // Questions: headings as customers would type them, some misspelt, some about nothing here.
  const questions: string[] = [];
  const step = Math.max(1, Math.floor(index.sections.length / 300));
  for (let i = 0; i < index.sections.length && questions.length < 300; i += step) {
    const heading = index.sections[i].heading.toLowerCase();
    questions.push(i % 3 === 0 ? heading.replace(/([aeiou])([a-z])/, '$2$1') : heading);
  }
  questions.push('how do i get my money back', 'refund', 'COD', 'what is the weather in paris tomorrow', 'i want to speak to a human');
  const { latencies } = timeRoutes(index, questions, Number(values.runs));
  console.log(
    `\nScale: ${kb.articles.length} articles, ${kb.sections.length} sections, ${index.recordCount} records: ` +
      `index build ${ms(buildMs)} ms + calibration ${ms(calibrationMs)} ms, index memory ${heapMb.toFixed(0)} MB${global.gc ? '' : ' (run node with --expose-gc for an exact figure)'}; ` +
      `query latency p50 ${ms(median(latencies))} ms, p95 ${ms(percentile(latencies, 0.95))} ms over ${questions.length} questions`,
  );
}

async function main(): Promise<void> {
  await benchDatasets();
  if (values.scale) await benchScale(Number(values.scale));
}

void main();
