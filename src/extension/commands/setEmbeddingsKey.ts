import { setEmbeddingsApiKey } from '../embeddings';
import type { Services } from './services';

/**
 * KB Audit: Set Embeddings API Key, for the endpoint the active folder's routing.embeddings
 * names. Keeps it in VS Code's secret storage and re-audits, so the routing uses it at once.
 * An argument is taken as the key (for scripts and tests); an empty one removes it.
 */
export function setEmbeddingsKey({ context, controller }: Services) {
  return async (key?: unknown): Promise<boolean> => {
    const entry = controller.activeEntry();
    const target = entry ? await controller.resolveTarget(entry.folder) : undefined;
    const changed = await setEmbeddingsApiKey(context, target?.config.routing.embeddings?.endpoint, key);
    if (changed) await controller.runAudit();
    return changed;
  };
}
