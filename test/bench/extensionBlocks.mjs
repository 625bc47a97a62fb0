// The longest synchronous block on the extension host's thread while a docs folder is audited,
// an article edited and the knowledge base re-checked: with the audit engine in a worker
// thread (as the extension runs it) or in-process (as it ran before). Reads yield to the event
// loop as vscode.workspace.fs does. Needs the build (dist/auditWorker.js).
//
//   node esbuild.js && node --import tsx test/bench/extensionBlocks.mjs [worker|inprocess] [--articles 1000]
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { DEFAULT_CONFIG } from '../../src/core/config/config.ts';
import { KbSession } from '../../src/extension/kbSession.ts';
import { WorkerEngine } from '../../src/extension/workerEngine.ts';
import { memoryFileSystem } from '../helpers/memoryFileSystem.ts';
import { generateKb } from './generateKb.mjs';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { articles: { type: 'string', default: '1000' } } });
const mode = positionals[0] ?? 'worker';
const { files } = generateKb({ articles: Number(values.articles), seed: 1 });
const fs = memoryFileSystem(Object.fromEntries([...files].map(([p, t]) => [`/kb/${p}`, t])));
const yieldingFs = { ...fs, readFile: async (p) => { await new Promise((r) => setImmediate(r)); return fs.readFile(p); } };
const questions = Array.from({ length: 200 }, (_, i) => ({ question: `how do I track my order ${i}`, line: i + 1 }));
const delay = monitorEventLoopDelay({ resolution: 5 });
const engine = () => (mode === 'worker' ? new WorkerEngine(new URL('../../dist/auditWorker.js', import.meta.url).pathname) : undefined);

async function phase(name, fn) {
  delay.reset();
  delay.enable();
  const started = performance.now();
  await fn();
  delay.disable();
  console.log(`${mode} ${name}: ${(performance.now() - started).toFixed(0)} ms wall, longest block ${(delay.max / 1e6).toFixed(0)} ms`);
}

let session;
await phase('full audit + preview', async () => {
  session = await KbSession.load(yieldingFs, '/kb', DEFAULT_CONFIG, { engine: engine() });
  await session.previewAll(questions);
});
console.log(`  ${session.kb.sections.length} sections`);
const file = session.kb.articles[10].file;
const text = session.kb.byFile.get(file).lines.slice().join('\n') + '\n## A new question?\n';
await phase('edit (article rules)', async () => session.updateArticle(file, text));
await phase('re-check (rules that compare articles) + preview', async () => {
  await session.recheck();
  await session.previewAll(questions);
});
session.dispose();
