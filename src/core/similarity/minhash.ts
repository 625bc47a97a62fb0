// MinHash signatures and locality-sensitive hashing: finds the pairs of sections whose term sets
// overlap, without comparing every section with every other (linear in the number of sections).
import type { Corpus } from './corpus';

/** Rows per band and bands: with 2 × 30, a pair with Jaccard 0.3 becomes a candidate 94% of the time, 0.5 over 99.9%. */
export const LSH_ROWS = 2;
export const LSH_BANDS = 30;
const HASHES = LSH_ROWS * LSH_BANDS;
/** Buckets larger than this are chained (each member paired with its next few) instead of all-pairs. */
const MAX_BUCKET = 48;
const CHAIN = 4;

/** A 32-bit integer hash (murmur3's finaliser). */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over a string's UTF-16 code units. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const SEEDS = Uint32Array.from({ length: HASHES }, (_, k) => mix32(0x9e3779b9 + k * 0x7f4a7c15));

/**
 * Candidate pairs `[a, b]` (section indexes, a < b) among `members` whose term sets are likely
 * similar. `termsOf` gives each member's term set; terms in more than `maxDf` sections are left
 * out of the signature (they say little about what a section is about) unless a section has too
 * few others.
 */
export function lshCandidates(corpus: Corpus, members: number[], termsOf: (i: number) => Int32Array, maxDf: number): Array<[number, number]> {
  const termHashes = new Map<number, Uint32Array>();
  const hashesOf = (id: number) => {
    let h = termHashes.get(id);
    if (!h) {
      const base = mix32(id + 0x632be5ab);
      h = new Uint32Array(HASHES);
      for (let k = 0; k < HASHES; k++) h[k] = mix32(base ^ SEEDS[k]);
      termHashes.set(id, h);
    }
    return h;
  };
  // One key per (member, band); sorting the keys brings each bucket's members together.
  const keys = new Float64Array(members.length * LSH_BANDS);
  const signature = new Uint32Array(HASHES);
  let count = 0;
  members.forEach((member, m) => {
    const all = termsOf(member);
    let terms: ArrayLike<number> = all.filter((id) => corpus.df[id] <= maxDf);
    if (terms.length < 5) terms = all;
    if (terms.length === 0) return;
    signature.fill(0xffffffff);
    for (let t = 0; t < terms.length; t++) {
      const h = hashesOf(terms[t]);
      for (let k = 0; k < HASHES; k++) if (h[k] < signature[k]) signature[k] = h[k];
    }
    for (let b = 0; b < LSH_BANDS; b++) {
      let key = Math.imul(b + 1, 0x27d4eb2d);
      for (let r = 0; r < LSH_ROWS; r++) key = mix32(key ^ signature[b * LSH_ROWS + r]);
      // 32-bit bucket key above, member position below: exact in a double (2^32 × 2^20 < 2^53).
      keys[count++] = key * 1048576 + m;
    }
  });
  const sorted = keys.subarray(0, count).sort();
  const seen = new Set<number>();
  const pairs: Array<[number, number]> = [];
  const add = (x: number, y: number) => {
    const a = Math.min(members[x], members[y]);
    const b = Math.max(members[x], members[y]);
    const id = a * 4194304 + b;
    if (a === b || seen.has(id)) return;
    seen.add(id);
    pairs.push([a, b]);
  };
  let start = 0;
  while (start < sorted.length) {
    const bucket = Math.floor(sorted[start] / 1048576);
    let end = start + 1;
    while (end < sorted.length && Math.floor(sorted[end] / 1048576) === bucket) end++;
    const size = end - start;
    if (size > 1) {
      for (let x = start; x < end; x++) {
        const limit = size <= MAX_BUCKET ? end : Math.min(end, x + 1 + CHAIN);
        for (let y = x + 1; y < limit; y++) add(sorted[x] % 1048576, sorted[y] % 1048576);
      }
    }
    start = end;
  }
  return pairs;
}
