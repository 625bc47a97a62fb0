// Builds media/wordnet-lexicon.txt, the word-meaning resource the router reads customers' words
// with, from Open English WordNet (https://github.com/globalwordnet/english-wordnet, CC BY 4.0,
// derived from Princeton WordNet 3.0 under the WordNet licence).
//
//   node --import tsx test/scripts/build-wordnet-lexicon.ts SOURCE [--out media/wordnet-lexicon.txt]
//
// SOURCE is a checkout of english-wordnet or its bare git directory (HEAD is read). Only what
// routing uses is kept: single lower-case words, each word's senses in WordNet's order (most
// common first), and per synset its "similar to", "also see" and hypernym links. Proper nouns,
// multi-word lemmas, and the taxonomies of plants, animals and people's names are left out.
//
// Format (UTF-8 text, one record a line):
//   # comment lines (source, licence, commit)
//   S <count>                 then <count> lines, synset i: "<related ids>|<hypernym ids>" (space-separated, either may be empty)
//   W <count>                 then <count> lines: "<word> <synset id> <synset id> …", senses in WordNet's order
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { out: { type: 'string', default: join(__dirname, '..', '..', 'media', 'wordnet-lexicon.txt') } },
});
const source = positionals[0];
if (!source) {
  console.error('usage: build-wordnet-lexicon.ts SOURCE [--out FILE]  (SOURCE: english-wordnet checkout or bare git dir)');
  process.exit(2);
}
const isCheckout = existsSync(join(source, 'src', 'yaml'));
const git = (...args: string[]) => execFileSync('git', isCheckout ? ['-C', source, ...args] : ['--git-dir', source, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
const commit = git('rev-parse', 'HEAD').trim();
const files = isCheckout
  ? git('ls-files', 'src/yaml').split('\n').filter(Boolean)
  : git('ls-tree', '-r', '--name-only', 'HEAD', 'src/yaml').split('\n').filter(Boolean);
const read = (path: string) => (isCheckout ? readFileSync(join(source, path), 'utf8') : git('show', `HEAD:${path}`));

/** Lexicographer files whose synsets routing never needs: taxonomies and names. */
const SKIPPED_LEXFILES = new Set(['noun.animal', 'noun.plant', 'noun.person', 'noun.location', 'noun.Tops', 'noun.body', 'noun.substance', 'noun.object', 'noun.shape', 'noun.motive', 'verb.weather']);
const WORD = /^[a-z][a-z]+$/;

interface SynsetData {
  members?: string[];
  similar?: string[];
  also?: string[];
  hypernym?: string[];
  instance_hypernym?: string[];
}
const synsets = new Map<string, SynsetData>();
const senses = new Map<string, string[]>();
for (const file of files) {
  const name = file.slice('src/yaml/'.length).replace(/\.yaml$/, '');
  if (name.startsWith('entries-')) {
    const entries = parse(read(file)) as Record<string, Record<string, { sense?: { synset: string }[] }>>;
    for (const [lemma, byPos] of Object.entries(entries)) {
      if (!WORD.test(lemma)) continue;
      const list = senses.get(lemma) ?? [];
      for (const pos of Object.values(byPos)) for (const sense of pos.sense ?? []) list.push(sense.synset);
      senses.set(lemma, list);
    }
  } else if (/^(noun|verb|adj|adv)\./.test(name) && !SKIPPED_LEXFILES.has(name)) {
    const data = parse(read(file)) as Record<string, SynsetData>;
    for (const [id, synset] of Object.entries(data)) if (!synset.instance_hypernym) synsets.set(id, synset);
  }
}

// Keep synsets with a kept word; number them in first-use order so related senses sit close.
const synsetIndex = new Map<string, number>();
const words: [string, number[]][] = [];
for (const lemma of [...senses.keys()].sort()) {
  const ids: number[] = [];
  for (const id of senses.get(lemma)!) {
    if (!synsets.has(id)) continue;
    let i = synsetIndex.get(id);
    if (i === undefined) synsetIndex.set(id, (i = synsetIndex.size));
    ids.push(i);
  }
  if (ids.length) words.push([lemma, ids]);
}
const byIndex = [...synsetIndex.keys()];
const link = (ids: string[] | undefined) => (ids ?? []).map((id) => synsetIndex.get(id)).filter((i): i is number => i !== undefined);
// The WordNet licence asks for its notice on every copy: it heads the file, line numbers dropped.
const notice = read('WNDB_License.txt')
  .split('\n')
  .map((l) => l.replace(/^\s*\d+ ?/, '').trimEnd())
  .filter((l, i, all) => l || (i > 0 && all[i - 1]));
const lines = [
  '# Word senses and links for routing, built by test/scripts/build-wordnet-lexicon.ts',
  `# from Open English WordNet (github.com/globalwordnet/english-wordnet) at ${commit}.`,
  '# Licence: CC BY 4.0 (creativecommons.org/licenses/by/4.0), the Open English WordNet team; derived from',
  '# Princeton WordNet under the WordNet licence below. Modified: only single lower-case words, the order',
  '# of their senses, and "similar to", "also see" and hypernym links between senses are kept.',
  '#',
  ...notice.map((l) => `# ${l}`.trimEnd()),
  `S ${byIndex.length}`,
  ...byIndex.map((id) => {
    const s = synsets.get(id)!;
    return `${[...link(s.similar), ...link(s.also)].join(' ')}|${link(s.hypernym).join(' ')}`;
  }),
  `W ${words.length}`,
  ...words.map(([w, ids]) => `${w} ${ids.join(' ')}`),
];
writeFileSync(values.out!, lines.join('\n') + '\n');
console.log(`${values.out}: ${words.length} words, ${byIndex.length} synsets, ${(lines.join('\n').length / 1e6).toFixed(2)} MB`);
