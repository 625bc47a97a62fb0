// Gathers the public knowledge bases the precision benchmark audits, each pinned by commit, into
// test/bench/.generated/corpora/<name>/ (git-ignored). Only the docs folder and the site
// generator's config files are taken, at their repository-relative paths, so the docs are at
// corpora/<name>/<docs folder> with the generator's configuration in the folders above them.
//
//   node test/bench/precision/corpora.mjs [--mirrors DIR] [--only NAME] [--force] [--list]
//
// Git objects come from bare mirrors at DIR/<owner>+<name>/repo (--mirrors, or KB_AUDIT_MIRRORS);
// a repository without one is cloned without blobs into test/bench/.generated/mirrors/ and only
// the blobs needed are fetched. Blobs a mirror lacks (large images, mostly) are skipped and counted.
// A corpus already extracted at its pinned commit (the .commit stamp) is left as it is.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
export const GENERATED = resolve(here, '..', '.generated');
export const CORPORA_DIR = join(GENERATED, 'corpora');
const CLONES_DIR = join(GENERATED, 'mirrors');

/**
 * name, GitHub repository, pinned commit, docs folder inside the repository, site generator; and
 * for a translated site audited with all its locales, `rules`: the only rules counted there (the
 * ones about translations; the other rules are measured on the source locale's corpus).
 */
const TRANSLATION_RULES = ['translation-drift', 'stale-translation', 'missing-translation'];

export const CORPORA = [
  { name: 'altinity', repo: 'Altinity/altinityknowledgebase', commit: '6854cfe677bf3d4f72e2788d2a9233528de43edd', docs: 'content/en', generator: 'Hugo' },
  { name: 'pihole', repo: 'pi-hole/docs', commit: '7c96feb53ee00dabb703d3b8da20b4b7d96cad5b', docs: 'docs', generator: 'MkDocs Material' },
  { name: 'jellyfin', repo: 'jellyfin/jellyfin.org', commit: '04dc6a60fd7045474ac40b1cac962947a4a9b4a9', docs: 'docs', generator: 'Docusaurus (MDX)' },
  { name: 'mastodon', repo: 'mastodon/documentation', commit: '2903485da54a20f1da5e7dfb8b34712e6196e8f7', docs: 'content/en', generator: 'Hugo' },
  { name: 'anki', repo: 'ankitects/anki-manual', commit: '91630ddcdce42a139e6ed1c04ceb0cdf818f746b', docs: 'src', generator: 'mdBook' },
  { name: 'rustdesk-i18n', repo: 'rustdesk/doc.rustdesk.com', commit: '4f6c2b52178ac1e7fa0ff969a753ad471f4aceeb', docs: 'content', generator: 'Hugo (page.<lang>.md), 12 locales', rules: TRANSLATION_RULES },
  { name: 'mastodon-i18n', repo: 'mastodon/documentation', commit: '2903485da54a20f1da5e7dfb8b34712e6196e8f7', docs: 'content', generator: 'Hugo (content/<lang>/), 4 locales', rules: TRANSLATION_RULES },
];

/** Generator config files taken from the repository root and every folder above the docs. */
const CONFIG_FILE = /^(docusaurus\.config\.[cm]?[jt]s|sidebars\.[cm]?[jt]s|sidebars\.json|mkdocs\.ya?ml|hugo\.(toml|ya?ml|json)|config\.(toml|ya?ml|json)|book\.toml|docfx\.json)$/;
/** Hugo's config directory (config/_default/…), taken whole when present. */
const CONFIG_DIR = 'config';

/** The folder a corpus is extracted into, and its docs folder. */
export function corpusRoot(corpus) {
  return join(CORPORA_DIR, corpus.name);
}
export function corpusDocs(corpus) {
  return join(CORPORA_DIR, corpus.name, ...corpus.docs.split('/'));
}
/** The commit a corpus was extracted at, or undefined when it is missing or incomplete. */
export function extractedCommit(corpus) {
  try {
    return readFileSync(join(corpusRoot(corpus), '.commit'), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

function git(gitDir, args, options = {}) {
  const result = spawnSync('git', ['--git-dir', gitDir, ...args], { encoding: 'buffer', maxBuffer: 1 << 30, ...options });
  if (result.status !== 0) {
    const err = result.stderr ? result.stderr.toString().trim() : String(result.error);
    throw new Error(`git ${args.join(' ')} failed in ${gitDir}: ${err}`);
  }
  return result.stdout;
}

function hasCommit(gitDir, commit) {
  return spawnSync('git', ['--git-dir', gitDir, 'cat-file', '-e', `${commit}^{commit}`], { stdio: 'ignore' }).status === 0;
}

/** The git directory holding the corpus's commit: a local mirror, else a blobless clone. */
function gitDirFor(corpus, mirrors, remoteBase) {
  const folder = corpus.repo.replace('/', '+');
  for (const base of mirrors) {
    for (const candidate of [join(base, folder, 'repo'), join(base, folder, 'repo', '.git'), join(base, folder)]) {
      if (existsSync(join(candidate, 'objects')) && hasCommit(candidate, corpus.commit)) return { gitDir: candidate, clone: false };
    }
  }
  const gitDir = join(CLONES_DIR, folder, 'repo');
  if (!existsSync(join(gitDir, 'objects'))) {
    mkdirSync(dirname(gitDir), { recursive: true });
    const url = `${remoteBase.replace(/\/$/, '')}/${corpus.repo}.git`;
    console.log(`  cloning ${url} (no blobs) into ${gitDir}`);
    const cloned = spawnSync('git', ['clone', '--bare', '--filter=blob:none', '--no-checkout', url, gitDir], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (cloned.status !== 0) throw new Error(`could not clone ${url}`);
  }
  if (!hasCommit(gitDir, corpus.commit)) {
    console.log(`  fetching ${corpus.commit.slice(0, 12)}`);
    git(gitDir, ['fetch', '--filter=blob:none', '--no-tags', 'origin', corpus.commit], { stdio: ['ignore', 'inherit', 'inherit'] });
  }
  return { gitDir, clone: true };
}

/** The files to take at the commit: [mode, type, oid, path] of the docs folder and generator configs. */
function listFiles(gitDir, corpus) {
  const parents = [''];
  const parts = corpus.docs.split('/');
  for (let i = 1; i < parts.length; i++) parents.push(parts.slice(0, i).join('/') + '/');
  const entries = [];
  const parse = (out) =>
    out
      .toString('utf8')
      .split('\0')
      .filter(Boolean)
      .map((line) => {
        const tab = line.indexOf('\t');
        const [mode, type, oid] = line.slice(0, tab).split(' ');
        return { mode, type, oid, path: line.slice(tab + 1) };
      });
  entries.push(...parse(git(gitDir, ['ls-tree', '-r', '-z', '--full-tree', corpus.commit, '--', corpus.docs])));
  for (const parent of parents) {
    for (const entry of parse(git(gitDir, ['ls-tree', '-z', '--full-tree', corpus.commit, '--', parent || '.']))) {
      const name = entry.path.slice(parent.length);
      if (entry.type === 'blob' && CONFIG_FILE.test(name)) entries.push(entry);
      else if (entry.type === 'tree' && name === CONFIG_DIR) entries.push(...parse(git(gitDir, ['ls-tree', '-r', '-z', '--full-tree', corpus.commit, '--', entry.path])));
    }
  }
  return entries;
}

/** The blobs of the commit a blobless clone lacks (asking for one would otherwise fetch it alone). */
function missingBlobs(gitDir, commit) {
  const out = git(gitDir, ['rev-list', '--objects', '--no-walk', '--missing=print', commit], { env: { ...process.env, GIT_NO_LAZY_FETCH: '1' } });
  return new Set(
    out
      .toString('utf8')
      .split('\n')
      .filter((line) => line.startsWith('?'))
      .map((line) => line.slice(1).trim()),
  );
}

/** Fetches, in one request, the wanted blobs a blobless clone does not have yet; returns those still missing. */
function prefetch(gitDir, commit, oids) {
  let missing = oids.filter((oid) => missingBlobs(gitDir, commit).has(oid));
  if (missing.length === 0) return new Set();
  console.log(`  fetching ${missing.length} blobs`);
  const fetched = spawnSync(
    'git',
    ['--git-dir', gitDir, '-c', 'fetch.negotiationAlgorithm=noop', 'fetch', 'origin', '--no-tags', '--no-write-fetch-head', '--recurse-submodules=no', '--filter=blob:none', '--stdin'],
    { input: missing.join('\n') + '\n', stdio: ['pipe', 'inherit', 'inherit'] },
  );
  if (fetched.status !== 0) console.log('  (some blobs could not be fetched: they are skipped)');
  const still = missingBlobs(gitDir, commit);
  missing = missing.filter((oid) => still.has(oid));
  return new Set(missing);
}

/** Reads blobs through one `git cat-file --batch`; resolves to a map oid → Buffer (missing ones left out). */
function readBlobs(gitDir, oids) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('git', ['--git-dir', gitDir, 'cat-file', '--batch'], { env: { ...process.env, GIT_NO_LAZY_FETCH: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks = [];
    let stderr = '';
    child.stdout.on('data', (chunk) => chunks.push(chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`git cat-file --batch exited with ${code}: ${stderr.trim()}`));
      const out = Buffer.concat(chunks);
      const blobs = new Map();
      let at = 0;
      while (at < out.length) {
        const eol = out.indexOf(10, at);
        const header = out.toString('utf8', at, eol).split(' ');
        at = eol + 1;
        if (header.length === 3) {
          const size = Number(header[2]);
          if (header[1] === 'blob') blobs.set(header[0], out.subarray(at, at + size));
          at += size + 1;
        }
        // "<oid> missing": nothing follows
      }
      resolvePromise(blobs);
    });
    child.stdin.end(oids.join('\n') + '\n');
  });
}

/** Extracts one corpus unless it is already there at its commit. Returns what was done. */
export async function extractCorpus(corpus, { mirrors = [], remoteBase = 'https://github.com', force = false } = {}) {
  const root = corpusRoot(corpus);
  if (!force && extractedCommit(corpus) === corpus.commit && existsSync(corpusDocs(corpus))) {
    return { name: corpus.name, skipped: true };
  }
  const started = performance.now();
  const { gitDir, clone } = gitDirFor(corpus, mirrors, remoteBase);
  const entries = listFiles(gitDir, corpus);
  const blobs = entries.filter((e) => e.type === 'blob' && e.mode !== '120000');
  const other = entries.length - blobs.length; // symlinks and submodules
  const oids = [...new Set(blobs.map((e) => e.oid))];
  // A blobless clone cannot say "missing" to cat-file --batch: it would fail instead.
  const unavailable = clone ? prefetch(gitDir, corpus.commit, oids) : new Set();
  const contents = await readBlobs(gitDir, oids.filter((oid) => !unavailable.has(oid)));
  rmSync(root, { recursive: true, force: true });
  let files = 0;
  let bytes = 0;
  let markdown = 0;
  let missing = 0;
  for (const entry of blobs) {
    const content = contents.get(entry.oid);
    if (!content) {
      missing++;
      continue;
    }
    const dest = join(root, ...entry.path.split('/'));
    mkdirSync(dirname(dest), { recursive: true });
    writeFileSync(dest, content);
    files++;
    bytes += content.length;
    if (/\.(md|markdown|mdx)$/i.test(entry.path)) markdown++;
  }
  writeFileSync(join(root, '.commit'), corpus.commit + '\n');
  return { name: corpus.name, skipped: false, gitDir, files, markdown, bytes, missing, other, ms: performance.now() - started };
}

function printTable() {
  console.log('| name | repository | commit | docs | generator |');
  console.log('|---|---|---|---|---|');
  for (const c of CORPORA) console.log(`| ${c.name} | ${c.repo} | ${c.commit} | ${c.docs} | ${c.generator} |`);
}

async function main() {
  const { values } = parseArgs({
    options: {
      mirrors: { type: 'string', multiple: true },
      only: { type: 'string', multiple: true },
      force: { type: 'boolean', default: false },
      list: { type: 'boolean', default: false },
      'remote-base': { type: 'string', default: 'https://github.com' },
    },
  });
  if (values.list) {
    printTable();
    return;
  }
  const mirrors = [...(values.mirrors ?? []), ...(process.env.KB_AUDIT_MIRRORS ?? '').split(':').filter(Boolean)].map((dir) => resolve(dir));
  const only = values.only ?? [];
  const unknown = only.filter((name) => !CORPORA.some((c) => c.name === name));
  if (unknown.length > 0) {
    console.error(`Unknown corpus: ${unknown.join(', ')} (known: ${CORPORA.map((c) => c.name).join(', ')})`);
    process.exit(2);
  }
  let failed = 0;
  for (const corpus of CORPORA) {
    if (only.length > 0 && !only.includes(corpus.name)) continue;
    try {
      const done = await extractCorpus(corpus, { mirrors, remoteBase: values['remote-base'], force: values.force });
      if (done.skipped) {
        console.log(`${corpus.name}: already at ${corpus.commit.slice(0, 12)}, kept`);
      } else {
        const notes = [done.missing > 0 ? `${done.missing} blobs missing, skipped` : '', done.other > 0 ? `${done.other} symlinks/submodules skipped` : ''].filter(Boolean);
        console.log(
          `${corpus.name}: ${done.files} files (${done.markdown} Markdown, ${(done.bytes / 1e6).toFixed(1)} MB) at ${corpus.commit.slice(0, 12)} from ${done.gitDir}` +
            `${notes.length ? `; ${notes.join('; ')}` : ''} in ${(done.ms / 1000).toFixed(1)} s → ${corpusDocs(corpus)}`,
        );
      }
    } catch (err) {
      failed++;
      console.error(`${corpus.name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (failed > 0) process.exit(1);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
