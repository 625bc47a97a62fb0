// A local OpenAI-compatible embeddings server for tests: real HTTP on 127.0.0.1 (node:http),
// deterministic vectors (a hashed bag of words, where words listed in ALIASES land on their
// canonical word's bucket, so "broken" and "damaged" read alike), and scripted misbehaviour.
// Also runnable as a process: `node --import tsx test/helpers/embeddingsServer.ts` prints its
// URL (the VS Code integration test and the routing benchmark start it that way).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const DIMENSIONS = 256;

/** Words the "model" reads as the same meaning. */
export const ALIASES: Record<string, string> = {
  broken: 'damaged',
  smashed: 'damaged',
  cracked: 'damaged',
  money: 'refund',
  reimburse: 'refund',
  reimbursement: 'refund',
  stop: 'cancel',
  end: 'cancel',
  plan: 'subscription',
  membership: 'subscription',
  parcel: 'order',
  package: 'order',
  lamp: 'item',
  arrived: 'delivered',
};

const STOP_WORDS = new Set(['a', 'an', 'the', 'my', 'i', 'is', 'it', 'to', 'do', 'how', 'can', 'me', 'of', 'and', 'or', 'in', 'on', 'for', 'what', 'was', 'with', 'back', 'get', 'your', 'you', 'we', 'our', 'if', 'be', 'are', 'this', 'that', 'within', 'days', 'day']);

function bucket(word: string): number {
  let h = 2166136261;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 16777619);
  return (h >>> 0) % DIMENSIONS;
}

/** The vector the server gives a text (before it is sent as JSON). */
export function hashedVector(text: string, dimensions = DIMENSIONS): number[] {
  const v = new Array<number>(dimensions).fill(0);
  for (const raw of text.toLowerCase().match(/[a-z]+/g) ?? []) {
    if (STOP_WORDS.has(raw)) continue;
    const aliased = ALIASES[raw] ?? raw;
    // A crude stem, so "items" and "item", "delivered" and "deliver" meet.
    const canonical = aliased.length > 4 ? aliased.replace(/(ing|ed|es|s)$/, '') : aliased;
    if (canonical.length < 2) continue;
    v[bucket(canonical) % dimensions] += 1;
  }
  // A small shared component: unrelated texts have a cosine a little above 0, as real models' do.
  v[dimensions - 1] += 0.3;
  return v;
}

/** One scripted answer, used for the next request instead of the normal one. */
export type Misbehaviour =
  | { status: number; retryAfter?: string; body?: string }
  | { malformed: true }
  | { dimensions: number }
  | { delayMs: number };

export interface ReceivedRequest {
  url: string;
  headers: IncomingMessage['headers'];
  body: { model?: string; input: string[]; dimensions?: number };
}

export interface EmbeddingsServer {
  url: string;
  /** Every request received, in order (scripted failures included). */
  requests: ReceivedRequest[];
  /** Texts embedded successfully. */
  embedded: string[];
  /** Answers for the next requests, first first. */
  script: Misbehaviour[];
  /** Every request waits this long before answering (ms). */
  delayMs: number;
  /** When set, a request without `Authorization: Bearer <requireKey>` is refused with 401, as a hosted API refuses it. */
  requireKey?: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body);
}

export async function startEmbeddingsServer(): Promise<EmbeddingsServer> {
  const state = { requests: [] as ReceivedRequest[], embedded: [] as string[], script: [] as Misbehaviour[], delayMs: 0, requireKey: undefined as string | undefined };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: ReceivedRequest['body'];
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        send(res, 400, JSON.stringify({ error: { message: 'body is not JSON' } }));
        return;
      }
      state.requests.push({ url: req.url ?? '', headers: req.headers, body });
      if (state.requireKey !== undefined && req.headers.authorization !== `Bearer ${state.requireKey}`) {
        send(res, 401, JSON.stringify({ error: { message: 'Incorrect API key provided' } }));
        return;
      }
      const step = state.script.shift();
      const answer = () => {
        if (res.destroyed) return;
        if (step && 'status' in step) return send(res, step.status, step.body ?? JSON.stringify({ error: { message: `scripted ${step.status}` } }), step.retryAfter !== undefined ? { 'retry-after': step.retryAfter } : {});
        if (step && 'malformed' in step) return send(res, 200, '{"data": [ {"embedding": [0.1, 0.2');
        const input = Array.isArray(body.input) ? body.input : [String(body.input)];
        const dimensions = step && 'dimensions' in step ? step.dimensions : (body.dimensions ?? DIMENSIONS);
        state.embedded.push(...input);
        send(res, 200, JSON.stringify({ object: 'list', model: body.model, data: input.map((text, index) => ({ object: 'embedding', index, embedding: hashedVector(text, dimensions) })) }));
      };
      const delay = (step && 'delayMs' in step ? step.delayMs : 0) + state.delayMs;
      if (delay > 0) setTimeout(answer, delay);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  }) as EmbeddingsServer;
}

// As a process: serve until killed, printing the URL on the first line.
if (process.argv[1] && /embeddingsServer\.[cm]?[jt]s$/.test(process.argv[1])) {
  void startEmbeddingsServer().then((s) => {
    process.stdout.write(`${s.url}\n`);
    process.on('SIGTERM', () => void s.close().then(() => process.exit(0)));
  });
}
