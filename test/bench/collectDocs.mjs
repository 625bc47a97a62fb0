// Gathers the Markdown files under some folders into one docs folder, to benchmark on real
// documentation rather than generated articles (READMEs, CHANGELOGs and guides of installed
// packages are the largest body of real Markdown on most machines). Folder names that audit
// tools skip (node_modules, .git) are renamed on the way so every file is audited.
//
//   node test/bench/collectDocs.mjs OUT_DIR ROOT [ROOT…]
//   e.g. node test/bench/collectDocs.mjs test/bench/.generated/real-docs node_modules .cache/vscode-host
import { copyFileSync, lstatSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';

const [out, ...roots] = process.argv.slice(2);
if (!out || roots.length === 0) {
  console.error('Usage: node test/bench/collectDocs.mjs OUT_DIR ROOT [ROOT…]');
  process.exit(2);
}
const target = resolve(out);
rmSync(target, { recursive: true, force: true });
let files = 0;
let bytes = 0;
const rename = (segment) => (segment === 'node_modules' ? 'nm' : segment.startsWith('.') ? `_${segment.slice(1)}` : segment);
for (const root of roots) {
  const base = resolve(root);
  const visit = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (path === target) continue;
      if (entry.isDirectory()) visit(path);
      else if (entry.isFile() && /\.(md|markdown)$/i.test(entry.name)) {
        const size = lstatSync(path).size;
        if (size > 2_000_000) continue; // KB Audit's default size cap
        const rel = relative(base, path).split(/[\\/]/).map(rename);
        const dest = join(target, rename(basename(base)), ...rel);
        mkdirSync(join(dest, '..'), { recursive: true });
        copyFileSync(path, dest);
        files++;
        bytes += size;
      }
    }
  };
  visit(base);
}
console.log(`${files} Markdown files, ${(bytes / 1e6).toFixed(1)} MB: ${target}`);
