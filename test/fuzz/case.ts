// One fuzz input: a single article, or a small docs folder with its generator's files, a
// kb-audit.json and sample questions. Saved as JSON (text where the bytes are valid UTF-8,
// base64 where they are not), so a failing input can be committed as a regression fixture.
import type { FlavorId } from '../../src/core/flavor/types';

export interface FuzzCase {
  target: 'article' | 'folder';
  /** The flavour the folder is audited as ('auto' detects it from the generator's files). */
  flavor: FlavorId | 'auto';
  /** Paths relative to the docs folder; an article case has exactly one. */
  files: Record<string, Uint8Array>;
  /** The docs folder, relative to the site folder `/site` (default `docs`). */
  docsDir?: string;
  /** Files of the site around the docs folder (generator configuration, kb-audit.json), relative to `/site`. */
  siteFiles?: Record<string, Uint8Array>;
  /** Sample questions routed against the knowledge base. */
  questions: string[];
}

interface SavedFile {
  text?: string;
  base64?: string;
}

export interface SavedCase {
  /** Why it was saved: the property that failed, and how. */
  note?: string;
  target: FuzzCase['target'];
  flavor: FuzzCase['flavor'];
  files: Record<string, SavedFile>;
  docsDir?: string;
  siteFiles?: Record<string, SavedFile>;
  questions: string[];
}

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function saveBytes(bytes: Uint8Array): SavedFile {
  try {
    const text = strict.decode(bytes);
    // A lone surrogate cannot survive JSON and back; such text never comes from valid UTF-8 anyway.
    return { text };
  } catch {
    return { base64: Buffer.from(bytes).toString('base64') };
  }
}

function loadBytes(file: SavedFile): Uint8Array {
  if (file.base64 !== undefined) return new Uint8Array(Buffer.from(file.base64, 'base64'));
  return new TextEncoder().encode(file.text ?? '');
}

function mapValues<A, B>(record: Record<string, A>, f: (a: A) => B): Record<string, B> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, f(v)]));
}

export function saveCase(c: FuzzCase, note?: string): SavedCase {
  return {
    ...(note ? { note } : {}),
    target: c.target,
    flavor: c.flavor,
    files: mapValues(c.files, saveBytes),
    ...(c.docsDir ? { docsDir: c.docsDir } : {}),
    ...(c.siteFiles && Object.keys(c.siteFiles).length ? { siteFiles: mapValues(c.siteFiles, saveBytes) } : {}),
    questions: c.questions,
  };
}

export function loadCase(saved: SavedCase): FuzzCase {
  return {
    target: saved.target,
    flavor: saved.flavor,
    files: mapValues(saved.files, loadBytes),
    docsDir: saved.docsDir,
    siteFiles: saved.siteFiles ? mapValues(saved.siteFiles, loadBytes) : undefined,
    questions: saved.questions ?? [],
  };
}

/** Bytes in the case, for time bounds proportional to the input. */
export function caseSize(c: FuzzCase): number {
  let n = 0;
  for (const bytes of Object.values(c.files)) n += bytes.length;
  for (const bytes of Object.values(c.siteFiles ?? {})) n += bytes.length;
  for (const q of c.questions) n += q.length;
  return n;
}

export function cloneCase(c: FuzzCase): FuzzCase {
  return {
    target: c.target,
    flavor: c.flavor,
    files: mapValues(c.files, (b) => b.slice()),
    docsDir: c.docsDir,
    siteFiles: c.siteFiles ? mapValues(c.siteFiles, (b) => b.slice()) : undefined,
    questions: [...c.questions],
  };
}
