// Dependencies with known denial-of-service fixes: markdown-it at or above the release that fixed
// the ReDoS in its linkify code (GHSA-38c4-r59v-3vqw, fixed in 14.1.1; the newline ReDoS was
// fixed in 12.3.2), both as installed and as the lowest version package.json allows.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from './helpers';

const FIXED: Record<string, string> = { 'markdown-it': '14.1.1' };

function parseVersion(version: string): number[] {
  const m = /(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!m) throw new Error(`not a version: ${version}`);
  return m.slice(1).map(Number);
}

function atLeast(version: string, minimum: string): boolean {
  const a = parseVersion(version);
  const b = parseVersion(minimum);
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return true;
}

describe('dependencies with known ReDoS fixes', () => {
  // Every bundle carries its dependencies (esbuild), so package.json lists them as devDependencies.
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  for (const [name, minimum] of Object.entries(FIXED)) {
    it(`${name} is at least ${minimum}, installed and as declared`, () => {
      const installed = (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
      assert.ok(atLeast(installed, minimum), `installed ${name} ${installed}`);
      const declared = manifest.devDependencies[name];
      // "^15.0.3", "~14.1.1", ">=14.1.1", "14.1.1": the lowest version the range admits.
      assert.match(declared, /^(\^|~|>=)?\d+\.\d+\.\d+$/, `${name} range ${declared}`);
      assert.ok(atLeast(declared, minimum), `package.json allows ${name} ${declared}`);
    });
  }

  it('the version check itself tells an old release from a fixed one', () => {
    assert.equal(atLeast('14.1.0', '14.1.1'), false);
    assert.equal(atLeast('13.9.9', '14.1.1'), false);
    assert.equal(atLeast('15.0.0', '14.1.1'), true);
  });
});
