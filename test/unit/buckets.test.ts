import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { groupByKey, IntList, KeyedBuckets, PairSet, sortIntegers, sortRange } from '../../src/core/similarity/buckets';

/** Seeded, so a failure is reproducible. */
function random(seed: number): () => number {
  return () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
}

describe('sortIntegers', () => {
  it('orders integers below 2^52 as a comparison sort does, whatever their size', () => {
    const next = random(3);
    // Lengths on both sides of the radix threshold; widths that stop after each pass.
    for (const length of [0, 1, 2, 255, 256, 1000, 8191, 8192, 70000]) {
      for (const bits of [1, 8, 16, 17, 32, 33, 48, 49, 52]) {
        const values = Float64Array.from({ length }, () => Math.floor(next() * 2 ** Math.min(bits, 30)) * 2 ** Math.max(0, bits - 30) + Math.floor(next() * 2 ** Math.max(0, bits - 30)));
        // Repeats too: buckets and pairs are full of them.
        for (let i = 0; i + 1 < length; i += 7) values[i + 1] = values[i];
        const expected = values.slice().sort();
        assert.deepEqual(sortIntegers(values), expected, `length ${length}, ${bits} bits`);
      }
    }
  });

  it('sorts in place and returns the array it was given', () => {
    const values = Float64Array.from({ length: 300 }, (_, i) => (i * 7919) % 300);
    assert.equal(sortIntegers(values), values);
    assert.deepEqual([...values], Array.from({ length: 300 }, (_, i) => i));
  });
});

describe('sortRange', () => {
  it('sorts one range of an Int32Array as subarray().sort() does, and leaves the rest alone', () => {
    const next = random(5);
    // Ranges on both sides of the length sorted by insertion; negative values and repeats too.
    for (const length of [0, 1, 2, 3, 31, 32, 33, 100]) {
      for (let round = 0; round < 20; round++) {
        const data = Int32Array.from({ length: length + 10 }, () => Math.floor(next() * 40) - 10);
        const from = Math.floor(next() * 5);
        const expected = data.slice();
        expected.subarray(from, from + length).sort();
        sortRange(data, from, from + length);
        assert.deepEqual(data, expected, `length ${length}, from ${from}`);
      }
    }
  });
});

describe('groupByKey', () => {
  it('groups every index with a key under it, ascending, and leaves out negative keys', () => {
    const next = random(5);
    for (const [length, count] of [[0, 0], [0, 3], [1, 1], [50, 4], [2000, 37], [3000, 1]]) {
      const keys = Int32Array.from({ length }, () => Math.floor(next() * (count + 1)) - 1);
      const { start, items } = groupByKey(keys, count);
      assert.equal(start.length, count + 1);
      for (let k = 0; k < count; k++) {
        const expected = [...keys.keys()].filter((i) => keys[i] === k);
        assert.deepEqual([...items.subarray(start[k], start[k + 1])], expected, `key ${k} of ${count}, ${length} indexes`);
      }
      assert.equal(items.length, keys.filter((key) => key >= 0).length);
    }
  });
});

describe('IntList', () => {
  it('keeps its values when trimmed, and grows again after', () => {
    const list = new IntList();
    for (let i = 0; i < 1500; i++) list.push(i * 3);
    list.trim();
    assert.equal(list.data.length, 1500);
    assert.deepEqual(list.toArray(), Int32Array.from({ length: 1500 }, (_, i) => i * 3));
    list.push(-1);
    assert.equal(list.length, 1501);
    assert.equal(list.data[1500], -1);
    assert.equal(list.data[1499], 4497);
  });
});

describe('KeyedBuckets and PairSet', () => {
  it('group items by key and de-duplicate pairs, in ascending order, at sizes the radix sort takes', () => {
    const next = random(9);
    const buckets = new KeyedBuckets();
    const expected = new Map<number, number[]>();
    for (let item = 0; item < 5000; item++) {
      const key = Math.floor(next() * 800) * 5_000_011;
      buckets.add(key, item);
      const list = expected.get(key >>> 0) ?? [];
      list.push(item);
      expected.set(key >>> 0, list);
    }
    const seen: number[][] = [];
    buckets.forEachBucket((items) => seen.push([...items]));
    const wanted = [...expected.values()].filter((l) => l.length > 1).sort((a, b) => a[0] - b[0]);
    assert.deepEqual(seen.sort((a, b) => a[0] - b[0]), wanted);

    const pairs = new PairSet(1000);
    const want = new Set<string>();
    for (let k = 0; k < 4000; k++) {
      const a = Math.floor(next() * 1000);
      const b = Math.floor(next() * 1000);
      pairs.add(a, b);
      if (a !== b) want.add(a < b ? `${a},${b}` : `${b},${a}`);
    }
    const flat = pairs.pairs();
    const got: string[] = [];
    for (let k = 0; k < flat.length; k += 2) got.push(`${flat[k]},${flat[k + 1]}`);
    const sorted = [...want].sort((x, y) => {
      const [xa, xb] = x.split(',').map(Number);
      const [ya, yb] = y.split(',').map(Number);
      return xa - ya || xb - yb;
    });
    assert.deepEqual(got, sorted);
  });
});
