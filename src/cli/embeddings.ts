// routing.embeddings in the CLI: the key from the environment variable apiKeyEnv names, vectors
// cached beside the audit cache, and a line on stderr before anything is sent (what, where) and
// when the endpoint fails (why the built-in routing is used instead).
import * as path from 'node:path';
import type { RoutingEmbeddings } from '../core/audit';
import { fileVectorStorage } from '../core/cache/embeddingCache';
import type { RoutingConfig } from '../core/config/schema';
import { cacheIdentity, Embedder, embeddingsSettings, fallbackMessage, noticeMessage } from '../core/routing/embeddings';
import type { MainParams, OptionValues } from './context';
import { defaultCacheDir } from './context';

/** The embedder routing.embeddings asks for, or undefined when it is off. `values`: --cache-dir, --no-cache. */
export function cliEmbeddings(params: MainParams, routing: RoutingConfig, values: OptionValues): RoutingEmbeddings | undefined {
  const settings = embeddingsSettings(routing.embeddings);
  if (!settings) return undefined;
  const env = params.env ?? {};
  let apiKey: string | undefined;
  if (settings.apiKeyEnv) {
    apiKey = env[settings.apiKeyEnv] || undefined;
    if (!apiKey) params.stderr(`kb-audit: routing.embeddings.apiKeyEnv names ${settings.apiKeyEnv}, which is not set: requests go without a key\n`);
  }
  const dir = values['no-cache'] === true ? undefined : typeof values['cache-dir'] === 'string' ? path.resolve(params.cwd, values['cache-dir']) : defaultCacheDir(params);
  const embedder = new Embedder(settings, {
    apiKey,
    storage: dir ? fileVectorStorage(dir, cacheIdentity(settings)) : undefined,
    onRetry: (attempt, waitMs, why) => params.stderr(`kb-audit: routing.embeddings: ${why}; retry ${attempt} in ${(waitMs / 1000).toFixed(1)} s\n`),
  });
  return {
    embedder,
    notice: (n) => params.stderr(`kb-audit: ${noticeMessage(n)}\n`),
    report: (outcome) => {
      if (!outcome.ok) params.stderr(`kb-audit: ${fallbackMessage(outcome)}\n`);
    },
  };
}
