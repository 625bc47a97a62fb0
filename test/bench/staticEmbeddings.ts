// An OpenAI-compatible /v1/embeddings endpoint on this machine that answers with static sentence
// vectors made from the shipped word vectors (media/word-vectors.bin): the mean of a text's word
// vectors, each weighted by how rare the word is (a/(a + p(w)) with p from the word's frequency
// rank, as in Arora et al. 2017's smooth inverse frequency), as a unit vector. It measures what
// static word vectors add as a sentence-level signal, through the same blend as a real model:
//
//   node --import tsx test/bench/staticEmbeddings.ts [--port 8791]
//   KB_AUDIT_BENCH_EMBEDDINGS_ENDPOINT=http://127.0.0.1:8791 KB_AUDIT_BENCH_EMBEDDINGS_MODEL=static-glove npm run bench:routing
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { shippedVectors } from '../../src/core/routing/meaning';
import { terms } from '../../src/core/routing/tokenize';

const { values } = parseArgs({ options: { port: { type: 'string', default: '8791' } } });
const vectors = shippedVectors();
if (!vectors) {
  console.error('staticEmbeddings: media/word-vectors.bin is missing');
  process.exit(2);
}
const dimensions = vectors.dimensions;
/** Words are stored most frequent first: rank r has p(w) ≈ 1/(r·H), and a = 1e-3 gives a weight of r/(r + 1/(a·H)). */
const HALF_WEIGHT_RANK = 1 / (1e-3 * (Math.log(vectors.size) + 0.5772));

function embed(text: string): number[] {
  const sum = new Float32Array(dimensions);
  for (const term of terms(text)) {
    const row = vectors!.row(term);
    if (row >= 0) vectors!.addTo(sum, row, row / (row + HALF_WEIGHT_RANK));
  }
  const norm = Math.hypot(...sum);
  // A text with no known word still needs a vector of the right length; it is alike to nothing.
  if (norm === 0) return Array.from(sum, (_, i) => (i === 0 ? 1e-3 : 0));
  return Array.from(sum, (x) => x / norm);
}

createServer((request, response) => {
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
  request.on('end', () => {
    try {
      const { input } = JSON.parse(body) as { input: string | string[] };
      const texts = Array.isArray(input) ? input : [input];
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ object: 'list', data: texts.map((text, index) => ({ object: 'embedding', index, embedding: embed(text) })) }));
    } catch (error) {
      response.statusCode = 400;
      response.end(JSON.stringify({ error: { message: String(error) } }));
    }
  });
}).listen(Number(values.port), '127.0.0.1', () => console.log(`static sentence vectors (${dimensions} dimensions) on http://127.0.0.1:${values.port}/v1/embeddings`));
