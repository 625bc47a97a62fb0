// Editor parity: the findings the editor publishes for each gathered corpus (see corpora.mjs)
// must be the CLI's, the ones the precision benchmark labels. The editor lists the folder on the
// extension host's side, and a worker thread (dist/auditWorker.js, the real one) reads, parses
// and audits it; the CLI runs as a process from the corpus's folder. Prints one line per corpus
// and exits 1 on any difference, listing the first findings only one side reports.
//
//   npm run bench:parity -- [--corpus NAME]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_CONFIG } from '../../../src/core/config/config';
import { toPosix } from '../../../src/core/fileSystem';
import { nodeFileSystem } from '../../../src/core/nodeFileSystem';
import { KbSession } from '../../../src/extension/kbSession';
import { WorkerEngine } from '../../../src/extension/workerEngine';
// @ts-expect-error: a plain JavaScript module, run on its own to gather the corpora
import { CORPORA, corpusDocs, corpusRoot, extractedCommit } from './corpora.mjs';

interface Corpus {
  name: string;
  commit: string;
}
interface Reported {
  ruleId: string;
  severity: string;
  message: string;
  file: string;
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  related?: { file: string; line: number; message?: string }[];
}

const root = join(__dirname, '..', '..', '..');
const { values } = parseArgs({ options: { corpus: { type: 'string', multiple: true } } });

const key = (f: Reported) =>
  `${f.file}:${f.line}:${f.column ?? ''}-${f.endLine ?? ''}:${f.endColumn ?? ''} ${f.severity} ${f.ruleId} ${f.message} ${JSON.stringify((f.related ?? []).map((r) => [r.file, r.line, r.message ?? '']))}`;

function cliFindings(corpus: Corpus): Reported[] {
  // From the corpus's folder, as the precision benchmark runs it: no kb-audit.json applies.
  const result = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'audit', corpusDocs(corpus), '--format', 'json', '--fail-on', 'never'], {
    cwd: corpusRoot(corpus) as string,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (result.status !== 0) throw new Error(`${corpus.name}: kb-audit exited ${result.status}: ${result.stderr}`);
  return (JSON.parse(result.stdout) as { findings: Reported[] }).findings;
}

async function editorFindings(corpus: Corpus): Promise<Reported[]> {
  const engine = new WorkerEngine(join(root, 'dist', 'auditWorker.js'));
  // As the desktop editor audits a folder on disk: listed on this side, read and parsed by the worker.
  const session = await KbSession.load(nodeFileSystem, toPosix(corpusDocs(corpus)), DEFAULT_CONFIG, { engine, questions: null, diskPath: (path) => path });
  try {
    if (!session.offThread) throw new Error(`${corpus.name}: the worker failed, the audit ran on the calling thread`);
    return session.findings;
  } finally {
    session.dispose();
  }
}

async function main(): Promise<number> {
  const built = spawnSync(process.execPath, ['esbuild.js'], { cwd: root, encoding: 'utf8' });
  if (built.status !== 0) {
    console.error(`build failed:\n${built.stdout}${built.stderr}`);
    return 2;
  }
  const corpora = (CORPORA as Corpus[]).filter((c) => !values.corpus || values.corpus.includes(c.name));
  const absent = corpora.filter((c) => extractedCommit(c) !== c.commit || !existsSync(corpusDocs(c)));
  if (absent.length > 0) {
    console.error(`Corpora not gathered: ${absent.map((c) => c.name).join(', ')} (node test/bench/precision/corpora.mjs --mirrors DIR)`);
    return 2;
  }
  let differing = 0;
  for (const corpus of corpora) {
    const cli = cliFindings(corpus).map(key);
    const editor = (await editorFindings(corpus)).map(key);
    const same = cli.length === editor.length && cli.every((k, i) => k === editor[i]);
    console.log(`${corpus.name}: CLI ${cli.length} findings, editor ${editor.length}: ${same ? 'identical' : 'DIFFERENT'}`);
    if (same) continue;
    differing++;
    const inEditor = new Set(editor);
    const inCli = new Set(cli);
    for (const k of cli.filter((k) => !inEditor.has(k)).slice(0, 5)) console.log(`  only the CLI:    ${k}`);
    for (const k of editor.filter((k) => !inCli.has(k)).slice(0, 5)) console.log(`  only the editor: ${k}`);
  }
  console.log(`${corpora.length - differing} of ${corpora.length} corpora identical`);
  return differing > 0 ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 2;
  },
);
