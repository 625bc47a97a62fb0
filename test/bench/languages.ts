// The router's words in each language of a translated knowledge base, measured: how often a
// sentence of an article finds its own article, in each locale of two real multilingual help
// sites, with the words read by English rules (as before the router knew languages) and by the
// locale's language (language.ts).
//
//   npm run bench:languages -- [--mirrors DIR] [--only NAME]   (node --import tsx test/bench/languages.ts …)
//
// The sites are taken at a pinned commit from bare mirrors (--mirrors, or KB_AUDIT_MIRRORS;
// without one, a blobless clone) into test/bench/.generated/corpora/<name>/, as
// test/bench/precision/corpora.mjs does for the precision benchmark.
//
// There are no customer questions in these languages, so this is a retrieval proxy. Each section
// with a heading and answer text gives one query: the first sentence of its answer text with at
// least MIN_LETTERS letters, searched for with that section's answer text left out of the index
// (else the sentence would find itself word for word). The query must then reach its article
// through the article's headings and its other sections, whose words are the same words in other
// forms and other sentences: top-1 and top-3 are the shares of queries whose article is ranked
// first, or in the first three. The queries in Latin script are searched again with their accents
// taken off, as customers often type them (in Japanese that would take the voicing marks off kana). It measures retrieval, not the answer-or-escalate decision, and
// sentences of an article are easier than customers' questions: the figures compare the ways of
// reading words, they are no accuracy to expect.
//
// Columns: "English rules" is the router before it knew languages (English stop words and
// suffixes, the English meaning layer on); "no meaning layer" the same without WordNet and the
// word vectors; "as written" the words split alone (what a language without an analyzer gets:
// no stop words, no folding, runs of CJK characters whole); "language" the locale's analyzer.
// Nothing here feeds back into the analyzers: it measures them.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_CONFIG } from '../../src/core/config/config';
import { loadKnowledgeBase, type KnowledgeBase } from '../../src/core/knowledgeBase';
import { localeKnowledgeBases } from '../../src/core/locale/scopes';
import { nodeFileSystem } from '../../src/core/nodeFileSystem';
import { analyzerFor, ENGLISH, type Analyzer } from '../../src/core/routing/language';
import { sectionRecords } from '../../src/core/routing/records';
import { SearchIndex } from '../../src/core/routing/searchIndex';
// @ts-expect-error: a plain JavaScript module, shared with the precision benchmark
import { corpusDocs, extractCorpus, extractedCommit } from './precision/corpora.mjs';

const CORPORA = [
  { name: 'rustdesk-i18n', repo: 'rustdesk/doc.rustdesk.com', commit: '4f6c2b52178ac1e7fa0ff969a753ad471f4aceeb', docs: 'content', generator: 'Hugo (page.<lang>.md)' },
  { name: 'mastodon-i18n', repo: 'mastodon/documentation', commit: '2903485da54a20f1da5e7dfb8b34712e6196e8f7', docs: 'content', generator: 'Hugo (content/<lang>/)' },
];

/** A query sentence has at least this many letters (a few words; a short clause in CJK). */
const MIN_LETTERS = 20;
/** Sentence ends: Latin punctuation before a space, CJK full stops anywhere. */
const SENTENCE_END = /(?<=[.!?])\s+|(?<=[。！？])/u;

interface Variant {
  name: string;
  analyzer: (locale: string) => Analyzer;
  meaning: boolean;
}

const VARIANTS: Variant[] = [
  { name: 'English rules', analyzer: () => ENGLISH, meaning: true },
  { name: 'no meaning layer', analyzer: () => ENGLISH, meaning: false },
  // "und" (undetermined) is a language no analyzer knows: its words as written.
  { name: 'as written', analyzer: () => analyzerFor('und'), meaning: false },
  { name: 'language', analyzer: (locale) => analyzerFor(locale), meaning: true },
];

interface Query {
  text: string;
  article: string;
  /** The section's answer-text record, left out of the search. */
  record: number;
}

function withoutAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/ł/g, 'l').replace(/Ł/g, 'L').normalize('NFC');
}

/** One query per section with a heading and answer text: its first sentence long enough. */
function queriesOf(index: SearchIndex): Query[] {
  const bodyOf = new Map<number, number>();
  for (let r = 0; r < index.recordCount; r++) {
    const { section, kind } = index.recordOf(r);
    if (kind === 'body') bodyOf.set(section, r);
  }
  const out: Query[] = [];
  index.sections.forEach((section, s) => {
    const record = bodyOf.get(s);
    if (record === undefined || !section.heading.trim()) return;
    const text = sectionRecords(section)
      .answer.map((b) => b.text)
      .join('\n');
    const sentence = text
      .split(SENTENCE_END)
      .map((x) => x.trim())
      .find((x) => (x.match(/\p{L}/gu)?.length ?? 0) >= MIN_LETTERS);
    if (sentence) out.push({ text: sentence, article: index.articles[index.articleOfSection(s)], record });
  });
  return out;
}

function rankOf(index: SearchIndex, q: Query, text: string): number {
  const matches = index.search(text, { excludeRecord: q.record, limit: 3 }).matches;
  return matches.findIndex((m) => m.file === q.article);
}

const pct = (n: number, of: number) => (of ? `${Math.round((100 * n) / of)}` : '–');

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { mirrors: { type: 'string', multiple: true }, only: { type: 'string', multiple: true } } });
  const mirrors = [...(values.mirrors ?? []), ...(process.env.KB_AUDIT_MIRRORS ?? '').split(':').filter(Boolean)].map((dir) => resolve(dir));
  console.log('| site | locale | analyzer | articles | queries | ' + VARIANTS.map((v) => `${v.name} top-1 / top-3`).join(' | ') + ' | language vs English rules: top-1 won / lost | no accents: English rules top-1 | no accents: language top-1 |');
  console.log('|---|---|---|---:|---:|' + VARIANTS.map(() => '---:|').join('') + '---:|---:|---:|');
  const totals = new Map<string, { queries: number; hits1: number[]; hits3: number[]; plain: number[]; plainQueries: number; won: number; lost: number }>();
  for (const corpus of CORPORA) {
    if (values.only && !values.only.includes(corpus.name)) continue;
    if (extractedCommit(corpus) !== corpus.commit || !existsSync(corpusDocs(corpus))) await extractCorpus(corpus, { mirrors });
    const kb: KnowledgeBase = await loadKnowledgeBase(nodeFileSystem, (corpusDocs(corpus) as string).replace(/\\/g, '/'), DEFAULT_CONFIG);
    for (const part of localeKnowledgeBases(kb)) {
      const locale = part.site.locale?.id ?? 'en';
      // The queries come from the language-aware index: the sections and records are the same in every variant.
      const indexes = VARIANTS.map((v) => SearchIndex.build(kb, { locale, analyzer: v.analyzer(locale), ...(v.meaning ? {} : { meaning: false, vectors: false }) }));
      const queries = queriesOf(indexes[indexes.length - 1]);
      const hits1 = VARIANTS.map(() => 0);
      const hits3 = VARIANTS.map(() => 0);
      const plain = [0, 0];
      let won = 0;
      let lost = 0;
      const latin = !['ja', 'zh', 'ko'].includes(analyzerFor(locale).language);
      for (const q of queries) {
        const ranks = indexes.map((index) => rankOf(index, q, q.text));
        ranks.forEach((rank, v) => {
          if (rank === 0) hits1[v]++;
          if (rank >= 0 && rank < 3) hits3[v]++;
        });
        // Queries one reading ranks first and the other not: how much of a difference is more than chance.
        if (ranks[ranks.length - 1] === 0 && ranks[0] !== 0) won++;
        if (ranks[0] === 0 && ranks[ranks.length - 1] !== 0) lost++;
        if (!latin) continue;
        const bare = withoutAccents(q.text);
        if (rankOf(indexes[0], q, bare) === 0) plain[0]++;
        if (rankOf(indexes[indexes.length - 1], q, bare) === 0) plain[1]++;
      }
      const analyzer = analyzerFor(locale);
      console.log(
        `| ${corpus.name} | ${locale} | ${analyzer.folding} | ${indexes[0].articles.length} | ${queries.length} | ` +
          VARIANTS.map((_, v) => `${pct(hits1[v], queries.length)} / ${pct(hits3[v], queries.length)}`).join(' | ') +
          ` | ${won} / ${lost} | ${latin ? pct(plain[0], queries.length) : '–'} | ${latin ? pct(plain[1], queries.length) : '–'} |`,
      );
      const key = locale === 'en' ? 'English' : latin ? 'Latin script (de es fr it pl pt ro)' : 'Japanese, Chinese, Korean';
      let total = totals.get(key);
      if (!total) totals.set(key, (total = { queries: 0, hits1: VARIANTS.map(() => 0), hits3: VARIANTS.map(() => 0), plain: [0, 0], plainQueries: 0, won: 0, lost: 0 }));
      total.queries += queries.length;
      total.won += won;
      total.lost += lost;
      VARIANTS.forEach((_, v) => {
        total.hits1[v] += hits1[v];
        total.hits3[v] += hits3[v];
      });
      total.plain[0] += plain[0];
      total.plain[1] += plain[1];
      if (latin) total.plainQueries += queries.length;
    }
  }
  for (const [key, t] of totals) {
    console.log(
      `| all | ${key} | | | ${t.queries} | ` +
        VARIANTS.map((_, v) => `${pct(t.hits1[v], t.queries)} / ${pct(t.hits3[v], t.queries)}`).join(' | ') +
        ` | ${t.won} / ${t.lost} | ${pct(t.plain[0], t.plainQueries)} | ${pct(t.plain[1], t.plainQueries)} |`,
    );
  }
  console.log('\nPercent of queries whose own article is ranked first / in the first three (its own answer text left out of the index);');
  console.log('won / lost: queries the language analyzer ranks first and English rules do not, and the other way round;');
  console.log('no accents: the same queries typed without accents (Latin-script locales only; the totals over those).');
}

void main();
