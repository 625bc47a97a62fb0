// The floor of any Markdown audit: read every .md file of a folder and parse it with markdown-it
// (the same options as KB Audit's parser), nothing else. One core, one process.
//
//   node test/bench/bareParse.mjs DIR
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
const dir = process.argv[2];
if (!dir) {
  console.error('Usage: node test/bench/bareParse.mjs DIR');
  process.exit(2);
}
let files = 0;
let bytes = 0;
let tokens = 0;
const started = performance.now();
const visit = (folder) => {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== '.git') visit(path);
    } else if (entry.isFile() && /\.(md|markdown)$/i.test(entry.name)) {
      const text = readFileSync(path, 'utf8');
      tokens += md.parse(text, {}).length;
      files++;
      bytes += Buffer.byteLength(text);
    }
  }
};
visit(dir);
const ms = performance.now() - started;
console.log(`${files} files, ${(bytes / 1e6).toFixed(1)} MB, ${tokens} tokens in ${ms.toFixed(0)} ms: ${(bytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s`);
