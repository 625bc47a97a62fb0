// `node:crypto` in the web bundle. The parser names each article by the SHA-1 of its bytes
// (parse/markdown.ts, hashBytes); the browser has no synchronous SHA-1 (Web Crypto's digest is
// async), so this is a small one in plain TypeScript with the very same hex output, and the
// desktop and the web agree on every article's hash. Only what the bundled code calls is here.

const K = [0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xca62c1d6];

/** SHA-1 (FIPS 180-4) of `bytes`, as 40 lowercase hex digits. */
export function sha1Hex(bytes: Uint8Array): string {
  const length = bytes.length;
  // Message, a 0x80 byte, zeros, and the length in bits as a 64-bit big-endian number.
  const padded = new Uint8Array((((length + 8) >>> 6) + 1) << 6);
  padded.set(bytes);
  padded[length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(length / 0x20000000));
  view.setUint32(padded.length - 4, (length << 3) >>> 0);

  let h0 = 0x67452301;
  let h1 = 0xefcdab89;
  let h2 = 0x98badcfe;
  let h3 = 0x10325476;
  let h4 = 0xc3d2e1f0;
  const w = new Int32Array(80);
  for (let block = 0; block < padded.length; block += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getInt32(block + i * 4);
    for (let i = 16; i < 80; i++) {
      const x = w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16];
      w[i] = (x << 1) | (x >>> 31);
    }
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    for (let i = 0; i < 80; i++) {
      let f: number;
      if (i < 20) f = (b & c) | (~b & d);
      else if (i < 40) f = b ^ c ^ d;
      else if (i < 60) f = (b & c) | (b & d) | (c & d);
      else f = b ^ c ^ d;
      const t = (((a << 5) | (a >>> 27)) + f + e + K[(i / 20) | 0] + w[i]) | 0;
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = t;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
  }
  return [h0, h1, h2, h3, h4].map((h) => (h >>> 0).toString(16).padStart(8, '0')).join('');
}

/** The part of node:crypto's Hash the bundled code uses: `createHash('sha1').update(bytes).digest('hex')`. */
export function createHash(algorithm: string) {
  if (algorithm !== 'sha1') throw new Error(`the web build hashes with sha1 only, not ${algorithm}`);
  const chunks: Uint8Array[] = [];
  const hash = {
    update(data: Uint8Array | string) {
      chunks.push(typeof data === 'string' ? new TextEncoder().encode(data) : data);
      return hash;
    },
    digest(encoding: 'hex') {
      if (encoding !== 'hex') throw new Error(`the web build's sha1 digests to hex only, not ${encoding}`);
      if (chunks.length === 1) return sha1Hex(chunks[0]);
      const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      let at = 0;
      for (const chunk of chunks) {
        all.set(chunk, at);
        at += chunk.length;
      }
      return sha1Hex(all);
    },
  };
  return hash;
}
