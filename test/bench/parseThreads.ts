// What a second thread can give the parse stage on this machine, measured without the audit
// around it (bundled and run by test/bench/threads.ts):
//   - the folder's files parsed in one thread, then split in two halves parsed at the same time
//     by this thread and a worker (bytes read beforehand, so only parsing is timed);
//   - what moving a parsed article between threads costs: a structured clone (v8's serializer,
//     as postMessage uses it) of the article without its lines, each way, against parsing it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { parseArticle } from '../../src/core/parse/markdown';

interface Input {
  dir: string;
  files: string[];
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => /\.(md|markdown)$/i.test(f))
    .sort();
}

interface Read {
  files: string[];
  bytes: Uint8Array[];
}

function read(input: Input): Read {
  return { files: input.files, bytes: input.files.map((f) => new Uint8Array(readFileSync(join(input.dir, f)))) };
}

/** Parses files already read; returns the milliseconds it took. */
function parseAll({ files, bytes }: Read): number {
  const started = performance.now();
  files.forEach((f, i) => parseArticle(f, bytes[i]));
  return performance.now() - started;
}

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}

async function main(): Promise<void> {
  const dir = process.argv[2];
  const runs = Number(process.argv[3] ?? 3);
  const files = markdownFiles(dir);
  const halves = [files.filter((_, i) => i % 2 === 0), files.filter((_, i) => i % 2 === 1)];
  // Warm the parser up once, as the audit's threads are after their first files.
  const all = read({ dir, files });
  const mine = read({ dir, files: halves[0] });
  parseAll(read({ dir, files: files.slice(0, 250) }));
  const one: number[] = [];
  const here: number[] = [];
  const there: number[] = [];
  for (let r = 0; r < runs; r++) {
    one.push(parseAll(all));
    const worker = new Worker(__filename, { workerData: { dir, files: halves[1] } satisfies Input });
    const result = await new Promise<{ here: number; there: number }>((resolve, reject) => {
      let ms = 0;
      worker.on('error', reject);
      worker.on('message', (message: { ready?: true; ms?: number }) => {
        // The worker has read its half and warmed up: both halves are parsed from here on.
        if (message.ready) ms = parseAll(mine);
        else resolve({ here: ms, there: message.ms! });
      });
    });
    await worker.terminate();
    here.push(result.here);
    there.push(result.there);
  }
  const sample = files.slice(0, 2000).map((f) => ({ file: f, bytes: new Uint8Array(readFileSync(join(dir, f))) }));
  let started = performance.now();
  const articles = sample.map(({ file, bytes }) => parseArticle(file, bytes));
  const parseMs = performance.now() - started;
  const detached = articles.map(({ lines: _lines, ...article }) => article);
  started = performance.now();
  const buffers = detached.map((a) => serialize(a));
  const serializeMs = performance.now() - started;
  started = performance.now();
  for (const b of buffers) deserialize(b);
  const deserializeMs = performance.now() - started;
  const perArticle = (ms: number) => `${((ms / sample.length) * 1000).toFixed(0)} µs`;
  const wall = median(here.map((h, i) => Math.max(h, there[i])));
  console.log(`${files.length} files, ${runs} runs (medians)\n`);
  console.log('| parse stage | ms |');
  console.log('|---|---:|');
  console.log(`| one thread, every file | ${median(one).toFixed(0)} |`);
  console.log(`| two threads at once: this thread's half | ${median(here).toFixed(0)} |`);
  console.log(`| two threads at once: the worker's half | ${median(there).toFixed(0)} |`);
  console.log(`| two threads: wall (the slower half) | ${wall.toFixed(0)} |`);
  console.log(`\nTwo threads are ${(median(one) / wall).toFixed(2)}× one; a half alone would take about ${(median(one) / 2).toFixed(0)} ms.`);
  console.log(`\nPer article (${sample.length} articles, ${(buffers.reduce((n, b) => n + b.length, 0) / sample.length / 1024).toFixed(1)} KiB cloned each): parse ${perArticle(parseMs)}, structured clone out ${perArticle(serializeMs)}, in ${perArticle(deserializeMs)}.`);
}

if (isMainThread) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  const half = read(workerData as Input);
  parseAll({ files: half.files.slice(0, 250), bytes: half.bytes.slice(0, 250) });
  parentPort!.postMessage({ ready: true });
  parentPort!.postMessage({ ms: parseAll(half) });
}
