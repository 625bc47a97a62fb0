// The embedding vectors of routing.embeddings on disk, beside the CLI's audit cache (one file per
// model, named by a hash of it), so an unchanged knowledge base is never sent to the endpoint
// again. Node only: the CLI and the desktop extension's worker use it; the web build keeps its
// vectors in memory.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { VectorStorage } from '../routing/embeddings';

/** The file of one model's vectors in `dir`. */
export function embeddingCacheFile(dir: string, identity: string): string {
  return join(dir, `embeddings-${createHash('sha1').update(identity).digest('hex').slice(0, 16)}.bin`);
}

/** A VectorStorage on a file: a missing or unreadable file reads as none; writes are atomic. */
export function fileVectorStorage(dir: string, identity: string): VectorStorage {
  const file = embeddingCacheFile(dir, identity);
  return {
    async read() {
      try {
        return new Uint8Array(await readFile(file));
      } catch {
        return null;
      }
    },
    async write(bytes) {
      await mkdir(dir, { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      try {
        await writeFile(temporary, bytes);
        await rename(temporary, file);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },
  };
}
