// Bring your own embeddings: an OpenAI-compatible /v1/embeddings endpoint (Ollama, LM Studio,
// llama.cpp server, vLLM, OpenAI, Azure OpenAI) whose vectors the router blends with its own
// matching. Platform-neutral: the global fetch, Web Crypto for hashing, and storage through an
// injected interface, so the CLI, the extension host, a worker thread and a Web Worker share it.
//
// Every text is looked up in a cache keyed by its hash and the model before anything is sent, so
// an unchanged knowledge base is never sent twice; what is sent goes in batches, each request
// with a timeout, retried with backoff on 429 and 5xx (Retry-After honoured), and cancellable.

import type { EmbeddingsConfig } from '../config/schema';
import type { SearchIndex } from './searchIndex';
import { TRAILING_SLASHES } from '../fileSystem';

export const DEFAULT_BATCH_SIZE = 64;
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_RETRIES = 3;
export const DEFAULT_EMBEDDINGS_WEIGHT = 0.5;
export const DEFAULT_AZURE_API_VERSION = '2024-10-21';
/** First retry waits this long, doubling each time, when the server names no time. */
const RETRY_BASE_MS = 500;
/** A Retry-After longer than this is not waited out: the request fails (and routing falls back). */
const MAX_RETRY_AFTER_MS = 60_000;
/** Longest text sent for one record, in characters: models take a few hundred to a few thousand tokens. */
export const MAX_EMBED_CHARS = 2000;

/** Why the endpoint could not be used; the message is shown to the user as is. */
export class EmbeddingsError extends Error {
  constructor(
    message: string,
    /** HTTP status, when the server answered. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'EmbeddingsError';
  }
}

/** The settings in force, defaults filled in; null when embeddings are off. */
export function embeddingsSettings(config: EmbeddingsConfig | undefined): Required<Omit<EmbeddingsConfig, 'apiKeyEnv' | 'dimensions' | 'provider'>> &
  Pick<EmbeddingsConfig, 'apiKeyEnv' | 'dimensions'> & { provider: 'openai' | 'azure' } | null {
  if (!config || config.enabled === false || !config.endpoint || !config.model) return null;
  return {
    enabled: true,
    endpoint: config.endpoint,
    model: config.model,
    apiKeyEnv: config.apiKeyEnv,
    provider: config.provider ?? (isAzureHost(config.endpoint) ? 'azure' : 'openai'),
    apiVersion: config.apiVersion ?? DEFAULT_AZURE_API_VERSION,
    dimensions: config.dimensions,
    batchSize: config.batchSize ?? DEFAULT_BATCH_SIZE,
    timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retries: config.retries ?? DEFAULT_RETRIES,
    weight: config.weight ?? DEFAULT_EMBEDDINGS_WEIGHT,
  };
}

export type EmbeddingsSettings = NonNullable<ReturnType<typeof embeddingsSettings>>;

function isAzureHost(endpoint: string): boolean {
  try {
    return /\.(openai\.azure\.com|cognitiveservices\.azure\.com|services\.ai\.azure\.com)$/i.test(new URL(endpoint).hostname);
  } catch {
    return false;
  }
}

/** Where requests go and how they authenticate. */
export interface EmbeddingsTarget {
  url: string;
  /** The header the key goes in: Azure's `api-key`, else `Authorization: Bearer`. */
  keyHeader: 'api-key' | 'authorization';
  /** Whether the body names the model (Azure deployment URLs name it in the path). */
  modelInBody: boolean;
}

/**
 * The embeddings URL for an endpoint as a user writes it: a server ("http://localhost:11434"),
 * its OpenAI base ("…/v1") or the full URL ("…/v1/embeddings"). Azure OpenAI: the resource
 * ("https://NAME.openai.azure.com"), where the model is the deployment name; a deployment URL;
 * or the v1 API ("…/openai/v1").
 */
export function embeddingsTarget(settings: Pick<EmbeddingsSettings, 'endpoint' | 'model' | 'provider' | 'apiVersion'>): EmbeddingsTarget {
  let url: URL;
  try {
    url = new URL(settings.endpoint);
  } catch {
    throw new EmbeddingsError(`routing.embeddings.endpoint is not a URL: ${settings.endpoint}`);
  }
  const path = url.pathname.replace(TRAILING_SLASHES, '');
  const withEmbeddings = (p: string) => (/\/embeddings$/.test(p) ? p : `${p}/embeddings`);
  if (settings.provider === 'azure') {
    if (/\/openai\/deployments\/[^/]+/.test(path)) {
      url.pathname = withEmbeddings(path);
      if (!url.searchParams.has('api-version')) url.searchParams.set('api-version', settings.apiVersion);
      return { url: url.toString(), keyHeader: 'api-key', modelInBody: false };
    }
    if (/\/openai\/v1(\/embeddings)?$/.test(path)) {
      url.pathname = withEmbeddings(path);
      return { url: url.toString(), keyHeader: 'api-key', modelInBody: true };
    }
    url.pathname = `${path}/openai/deployments/${encodeURIComponent(settings.model)}/embeddings`;
    url.search = '';
    url.searchParams.set('api-version', settings.apiVersion);
    return { url: url.toString(), keyHeader: 'api-key', modelInBody: false };
  }
  url.pathname = path === '' ? '/v1/embeddings' : withEmbeddings(path);
  return { url: url.toString(), keyHeader: 'authorization', modelInBody: true };
}

/** What the client needs besides the settings. */
export interface EmbeddingsClientOptions {
  apiKey?: string;
  /** Default: the global fetch. */
  fetch?: typeof fetch;
  /** First retry's wait when the server names none (doubles each time). For tests. */
  retryBaseMs?: number;
  /** Called before each retry, for logs. */
  onRetry?: (attempt: number, waitMs: number, why: string) => void;
}

/** Waits `ms`, or rejects with the signal's reason when it aborts first. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const done = () => {
      signal?.removeEventListener('abort', abort);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', abort, { once: true });
  });
}

/** Retry-After (seconds or an HTTP date) or Azure's retry-after-ms, in milliseconds; undefined when absent or unreadable. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && /^\d+(\.\d+)?$/.test(ms.trim())) return Number(ms);
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function excerpt(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 200 ? `${t.slice(0, 200)}…` : t;
}

/** One request's failure: whether another try may do better. */
class AttemptError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
    readonly waitMs?: number,
  ) {
    super(message);
  }
}

/** Talks to the endpoint: batches, timeouts, retries, validation. Knows nothing of caching. */
export class EmbeddingsClient {
  readonly target: EmbeddingsTarget;
  /** Requests sent, tries included. */
  requests = 0;
  private dimensions: number | undefined;

  constructor(
    readonly settings: EmbeddingsSettings,
    private readonly options: EmbeddingsClientOptions = {},
  ) {
    this.target = embeddingsTarget(settings);
    this.dimensions = settings.dimensions;
  }

  /** One vector per text, in order. Throws EmbeddingsError when the endpoint cannot give them, or the signal's reason. */
  async embed(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += this.settings.batchSize) {
      out.push(...(await this.embedBatch(texts.slice(i, i + this.settings.batchSize), signal)));
    }
    return out;
  }

  private async embedBatch(texts: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    const base = this.options.retryBaseMs ?? RETRY_BASE_MS;
    for (let attempt = 0; ; attempt++) {
      signal?.throwIfAborted();
      try {
        return await this.request(texts, signal);
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        if (!(error instanceof AttemptError)) throw error;
        if (!error.retryable || attempt >= this.settings.retries) {
          const tries = attempt + 1;
          throw new EmbeddingsError(`${error.message}${error.retryable && tries > 1 ? ` (${tries} tries)` : ''}`, error.status);
        }
        if (error.waitMs !== undefined && error.waitMs > MAX_RETRY_AFTER_MS) {
          throw new EmbeddingsError(`${error.message}; the server asks to wait ${Math.round(error.waitMs / 1000)} s`, error.status);
        }
        const wait = error.waitMs ?? base * 2 ** attempt * (0.75 + Math.random() / 2);
        this.options.onRetry?.(attempt + 1, wait, error.message);
        await sleep(wait, signal);
      }
    }
  }

  private async request(texts: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    const { settings, target } = this;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const key = this.options.apiKey;
    if (key) {
      if (target.keyHeader === 'api-key') headers['api-key'] = key;
      else headers.authorization = `Bearer ${key}`;
    }
    const body: Record<string, unknown> = { input: texts };
    if (target.modelInBody) body.model = settings.model;
    if (settings.dimensions !== undefined) body.dimensions = settings.dimensions;
    // One controller for the caller's cancel and this request's timeout.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, settings.timeoutMs);
    const cancel = () => controller.abort(signal!.reason);
    signal?.addEventListener('abort', cancel, { once: true });
    const where = target.url.replace(/\?[^]*$/, '');
    this.requests++;
    let response: Response;
    let text: string;
    try {
      response = await (this.options.fetch ?? fetch)(target.url, { method: 'POST', headers, body: JSON.stringify(body), signal: controller.signal });
      text = await response.text();
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (timedOut) throw new AttemptError(`${where} did not answer within ${settings.timeoutMs} ms`, true);
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new AttemptError(`cannot reach ${where}: ${cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error))}`, true);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', cancel);
    }
    if (!response.ok) {
      const retryable = response.status === 429 || response.status >= 500;
      const hint = response.status === 401 || response.status === 403 ? ' (check the API key)' : response.status === 404 ? ' (check the endpoint and the model name)' : '';
      throw new AttemptError(`${where} answered HTTP ${response.status}${hint}: ${excerpt(text) || response.statusText}`, retryable, response.status, retryable ? retryAfterMs(response.headers) : undefined);
    }
    return this.readVectors(text, texts.length, where);
  }

  /** The vectors of an OpenAI-style answer, checked: one per text, numbers only, one length throughout. */
  private readVectors(text: string, count: number, where: string): Float32Array[] {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new AttemptError(`${where} did not answer with JSON: ${excerpt(text)}`, false);
    }
    const data = (json as { data?: unknown })?.data;
    if (!Array.isArray(data)) throw new AttemptError(`${where} answered without a "data" list of embeddings: ${excerpt(text)}`, false);
    if (data.length !== count) throw new AttemptError(`${where} answered ${data.length} embeddings for ${count} texts`, false);
    const out: Float32Array[] = new Array(count);
    data.forEach((item: unknown, i) => {
      const entry = item as { embedding?: unknown; index?: unknown };
      const at = typeof entry?.index === 'number' ? entry.index : i;
      const embedding = entry?.embedding;
      if (!Array.isArray(embedding) || embedding.length === 0 || !embedding.every((x) => typeof x === 'number' && Number.isFinite(x))) {
        throw new AttemptError(`${where} answered an embedding that is not a list of numbers${typeof embedding === 'string' ? ' (base64 is not asked for)' : ''}`, false);
      }
      if (!(at >= 0 && at < count) || out[at]) throw new AttemptError(`${where} answered embeddings with wrong or repeated indexes`, false);
      this.dimensions ??= embedding.length;
      if (embedding.length !== this.dimensions) {
        throw new AttemptError(`${where} answered a vector of ${embedding.length} dimensions where ${this.dimensions} were expected (another model, or "dimensions" not supported?)`, false);
      }
      out[at] = Float32Array.from(embedding as number[]);
    });
    return out;
  }

  /** Sets the vector length expected (from the cache), so a model changed behind the same name is caught. */
  expectDimensions(dimensions: number): void {
    this.dimensions ??= dimensions;
  }
}

/** Where a vector cache keeps its bytes: a file beside the CLI's cache, the editor's storage, or nowhere. */
export interface VectorStorage {
  read(): Promise<Uint8Array | null>;
  write(bytes: Uint8Array): Promise<void>;
}

const CACHE_MAGIC = 'KBEMB1\n';
/** Entries kept at most; the ones used in the latest run are kept first. */
const MAX_CACHE_ENTRIES = 500_000;

/** SHA-256 of a text, first 16 bytes in hex (Web Crypto: the same in Node and in browsers). */
export async function textKey(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  let hex = '';
  for (let i = 0; i < 16; i++) hex += digest[i].toString(16).padStart(2, '0');
  return hex;
}

/** The cache's identity: vectors of one model (and requested length) only. */
export function cacheIdentity(settings: Pick<EmbeddingsSettings, 'model' | 'dimensions'>): string {
  return `${settings.model}\u0000${settings.dimensions ?? ''}`;
}

/**
 * Vectors by text hash, for one model. The stored form: a magic line, a JSON header line
 * (identity, dimensions, keys) and the vectors as little-endian float32.
 */
export class VectorCache {
  private stored = new Map<string, Float32Array>();
  private readonly used = new Map<string, Float32Array>();
  private loaded = false;
  private changed = false;
  dimensions: number | undefined;

  constructor(
    readonly identity: string,
    private readonly storage?: VectorStorage,
  ) {}

  async load(): Promise<void> {
    if (this.loaded) return;
    this.loaded = true;
    let bytes: Uint8Array | null = null;
    try {
      bytes = (await this.storage?.read()) ?? null;
    } catch {
      return;
    }
    if (!bytes) return;
    try {
      const { dimensions, entries } = decodeVectors(bytes, this.identity);
      this.dimensions = dimensions;
      this.stored = entries;
    } catch {
      // Damaged or another model's: start afresh (it only ever saves requests).
    }
  }

  get(key: string): Float32Array | undefined {
    const v = this.used.get(key) ?? this.stored.get(key);
    if (v) this.used.set(key, v);
    return v;
  }

  set(key: string, vector: Float32Array): void {
    if (this.dimensions !== undefined && vector.length !== this.dimensions) {
      // The model now gives another length: the old vectors cannot be compared with the new.
      this.stored.clear();
      for (const [k, v] of this.used) if (v.length !== vector.length) this.used.delete(k);
    }
    this.dimensions = vector.length;
    this.used.set(key, vector);
    this.changed = true;
  }

  get size(): number {
    return new Set([...this.stored.keys(), ...this.used.keys()]).size;
  }

  /** Writes the vectors when any are new; a storage that cannot be written is skipped (the cache only saves requests). */
  async save(): Promise<void> {
    if (!this.changed || !this.storage || this.dimensions === undefined) return;
    const entries = new Map(this.used);
    for (const [k, v] of this.stored) {
      if (entries.size >= MAX_CACHE_ENTRIES) break;
      if (!entries.has(k) && v.length === this.dimensions) entries.set(k, v);
    }
    try {
      await this.storage.write(encodeVectors(this.identity, this.dimensions, entries));
      this.changed = false;
    } catch {
      // Read-only folder, disk full: routing does not depend on the cache.
    }
  }
}

export function encodeVectors(identity: string, dimensions: number, entries: Map<string, Float32Array>): Uint8Array {
  const header = new TextEncoder().encode(`${CACHE_MAGIC}${JSON.stringify({ identity, dimensions, keys: [...entries.keys()] })}\n`);
  // Vectors start at a multiple of 4 bytes, so they can be read in place.
  const start = Math.ceil(header.length / 4) * 4;
  const bytes = new Uint8Array(start + entries.size * dimensions * 4);
  bytes.fill(32, header.length - 1, start);
  bytes.set(header.subarray(0, header.length - 1));
  bytes[start - 1] = 10;
  const view = new DataView(bytes.buffer);
  let at = start;
  for (const v of entries.values()) for (let i = 0; i < dimensions; i++, at += 4) view.setFloat32(at, v[i], true);
  return bytes;
}

export function decodeVectors(bytes: Uint8Array, identity: string): { dimensions: number; entries: Map<string, Float32Array> } {
  const magic = new TextDecoder().decode(bytes.subarray(0, CACHE_MAGIC.length));
  const end = bytes.indexOf(10, CACHE_MAGIC.length);
  if (magic !== CACHE_MAGIC || end < 0) throw new Error('not a vector cache');
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(CACHE_MAGIC.length, end))) as { identity: string; dimensions: number; keys: string[] };
  if (header.identity !== identity || !(header.dimensions > 0) || !Array.isArray(header.keys)) throw new Error('another model');
  const start = end + 1;
  if (bytes.length !== start + header.keys.length * header.dimensions * 4) throw new Error('truncated');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = new Map<string, Float32Array>();
  header.keys.forEach((key, k) => {
    const v = new Float32Array(header.dimensions);
    for (let i = 0, at = start + k * header.dimensions * 4; i < header.dimensions; i++, at += 4) v[i] = view.getFloat32(at, true);
    entries.set(key, v);
  });
  return { dimensions: header.dimensions, entries };
}

/** What is about to be sent, for the notice shown before the first request. */
export interface EmbeddingsNotice {
  url: string;
  model: string;
  /** Texts to send (not in the cache). */
  toSend: number;
  /** Texts taken from the cache. */
  cached: number;
}

/** What one round of embedding did. */
export interface EmbeddingsStats {
  sent: number;
  cached: number;
  requests: number;
}

/** The client behind a cache: only texts the cache lacks are sent. */
export class Embedder {
  readonly client: EmbeddingsClient;
  readonly cache: VectorCache;

  constructor(
    readonly settings: EmbeddingsSettings,
    options: EmbeddingsClientOptions & { storage?: VectorStorage } = {},
  ) {
    this.client = new EmbeddingsClient(settings, options);
    this.cache = new VectorCache(cacheIdentity(settings), options.storage);
  }

  get model(): string {
    return this.settings.model;
  }

  /**
   * Unit vectors for `texts` (each distinct text sent once, and only when not cached).
   * `notice` is called before anything is sent.
   */
  async embed(texts: readonly string[], options: { signal?: AbortSignal; notice?: (n: EmbeddingsNotice) => void } = {}): Promise<{ vectors: Float32Array[]; stats: EmbeddingsStats }> {
    await this.cache.load();
    if (this.cache.dimensions !== undefined) this.client.expectDimensions(this.cache.dimensions);
    const keys = await Promise.all(texts.map(textKey));
    const missing = new Map<string, string>();
    let cached = 0;
    keys.forEach((key, i) => {
      if (this.cache.get(key)) cached++;
      else if (!missing.has(key)) missing.set(key, texts[i]);
    });
    const requestsBefore = this.client.requests;
    if (missing.size) {
      options.notice?.({ url: this.client.target.url, model: this.settings.model, toSend: missing.size, cached });
      const fresh = await this.client.embed([...missing.values()], options.signal);
      [...missing.keys()].forEach((key, i) => this.cache.set(key, unitVector(fresh[i])));
      await this.cache.save();
    }
    const vectors = keys.map((key) => this.cache.get(key)!);
    return { vectors, stats: { sent: missing.size, cached, requests: this.client.requests - requestsBefore } };
  }
}

/** `v` scaled to length 1 (a zero vector stays zero). */
export function unitVector(v: Float32Array): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  const out = new Float32Array(v.length);
  if (norm === 0) return out;
  const scale = 1 / Math.sqrt(norm);
  for (let i = 0; i < v.length; i++) out[i] = v[i] * scale;
  return out;
}

/** What the caller learns of one attempt to blend embeddings into an index. */
export type EmbeddingsOutcome =
  | { ok: true; model: string; stats: EmbeddingsStats }
  | { ok: false; model: string; message: string };

/**
 * Embeds the index's records and `questions` (only what the cache lacks is sent) and attaches
 * them, so routeQuestion blends the model's similarity in. When the endpoint fails, the index is
 * left as it was, with the built-in routing, and the outcome says why; cancelling rejects.
 */
export async function embedIndex(
  index: SearchIndex,
  questions: readonly string[],
  embedder: Embedder,
  options: { signal?: AbortSignal; notice?: (n: EmbeddingsNotice) => void } = {},
): Promise<EmbeddingsOutcome> {
  const model = embedder.model;
  try {
    const records = index.embeddingModel === model ? [] : index.embeddingTexts();
    const asked = [...new Set(questions)].filter((q) => index.questionVector(q) === undefined);
    const { vectors, stats } = await embedder.embed([...records, ...asked], options);
    if (records.length) index.attachEmbeddings({ model, weight: embedder.settings.weight, vectors: vectors.slice(0, records.length) });
    index.addQuestionVectors(new Map(asked.map((q, i) => [q, vectors[records.length + i]])));
    return { ok: true, model, stats };
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    if (error instanceof EmbeddingsError) return { ok: false, model, message: error.message };
    throw error;
  }
}

/** The one line that says why the built-in routing is used instead. */
export function fallbackMessage(outcome: Extract<EmbeddingsOutcome, { ok: false }>): string {
  return `routing.embeddings (${outcome.model}) failed, so the built-in routing is used: ${outcome.message}`;
}

/** The notice of what is sent where, before anything is. */
export function noticeMessage(n: EmbeddingsNotice): string {
  return `routing.embeddings: sending ${n.toSend} text${n.toSend === 1 ? '' : 's'} (section headings and answer text, example and sample questions) to ${n.url.replace(/\?[^]*$/, '')} for model ${n.model}${n.cached ? `; ${n.cached} more from the cache` : ''}`;
}
