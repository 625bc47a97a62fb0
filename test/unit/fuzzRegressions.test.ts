// Every input the fuzzer ever failed on (test/fixtures/fuzz/regressions, minimised and saved by
// `npm run fuzz`) and every seed of its corpus, through the fuzz target again: each property
// must hold (see test/fuzz/target.ts).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadCase, type SavedCase } from '../fuzz/case';
import { runCase } from '../fuzz/target';

const FIXTURES = join(__dirname, '..', 'fixtures', 'fuzz');

for (const folder of ['regressions', 'seeds']) {
  const dir = join(FIXTURES, folder);
  const names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  describe(`fuzz ${folder}`, () => {
    for (const name of names) {
      const saved = JSON.parse(readFileSync(join(dir, name), 'utf8')) as SavedCase;
      it(`${name}${saved.note ? ` (${saved.note.slice(0, 100)})` : ''}`, async () => {
        const { violations } = await runCase(loadCase(saved), { changes: true });
        assert.deepEqual(violations, []);
      });
    }
  });
}
