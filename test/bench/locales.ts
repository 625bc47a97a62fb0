// Multilingual knowledge bases, measured: findings between an article and its own translation
// with the locales read as one knowledge base ("layout": "none", as before locales were
// understood) and as one per locale; translation-drift findings by kind; and the audit's time
// for all N locales against the source locale alone (median of --runs runs, one thread; the
// configurations are run in turn in each round, so the machine's load touches them alike).
//
//   node --import tsx test/bench/locales.ts DOCS [DOCS…] [--runs 3] [--sample N]
//
// --sample prints N translation-drift findings, spread over the list, for labelling by hand.
import { parseArgs } from 'node:util';
import { runAudit } from '../../src/core/audit';
import { DEFAULT_CONFIG, type ResolvedConfig } from '../../src/core/config/config';
import { localeLayout } from '../../src/core/locale/scopes';
import type { LocaleLayout } from '../../src/core/locale/layout';
import type { Finding } from '../../src/core/model';
import { nodeFileSystem } from '../../src/core/nodeFileSystem';

const PAIR_RULES = ['near-duplicate', 'duplicate-question', 'conflicting-answer'];

/** Findings of the pair rules whose other side is the same article in another locale, by rule. */
function ownTranslationPairs(findings: Finding[], layout: LocaleLayout): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of findings) {
    if (!PAIR_RULES.includes(f.ruleId)) continue;
    const key = layout.keyOf.get(f.file);
    if ((f.related ?? []).some((r) => r.file !== f.file && layout.keyOf.get(r.file) === key)) out[f.ruleId] = (out[f.ruleId] ?? 0) + 1;
  }
  return out;
}

function crossLocale(findings: Finding[], layout: LocaleLayout): number {
  return findings.filter((f) => PAIR_RULES.includes(f.ruleId) && (f.related ?? []).some((r) => layout.localeOf.get(r.file) !== undefined && layout.localeOf.get(r.file) !== layout.localeOf.get(f.file))).length;
}

/**
 * The median audit time of each configuration, the configurations taken in turn in every round
 * (one run each, --runs rounds), so a change in the machine's load touches all of them alike.
 */
async function timed(root: string, configs: ResolvedConfig[], runs: number): Promise<number[]> {
  const times: number[][] = configs.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (const [k, config] of configs.entries()) times[k].push((await runAudit(nodeFileSystem, root, config, { questions: null, jobs: 1 })).stats.durationMs);
  }
  return times.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { runs: { type: 'string', default: '3' }, sample: { type: 'string', default: '0' } } });
  const runs = Number(values.runs);
  for (const root of positionals) {
    const none: ResolvedConfig = { ...DEFAULT_CONFIG, locales: { layout: 'none' } };
    const before = await runAudit(nodeFileSystem, root, none, { questions: null });
    const after = await runAudit(nodeFileSystem, root, DEFAULT_CONFIG, { questions: null });
    const layout = localeLayout(after.kb!);
    if (!layout) {
      console.log(`${root}: one locale`);
      continue;
    }
    const sourceFiles = layout.articles.get(layout.source)!.map((a) => a.file);
    const drift = after.findings.filter((f) => f.ruleId === 'translation-drift');
    const kinds: Record<string, number> = {};
    for (const f of drift) kinds[String(f.data?.kind)] = (kinds[String(f.data?.kind)] ?? 0) + 1;
    const count = (rule: string) => after.findings.filter((f) => f.ruleId === rule).length;
    console.log(`\n${root}`);
    console.log(`  locales: ${layout.locales.join(', ')} (source ${layout.source}); ${after.files.length} articles, ${layout.sourceOf.size} translations paired with a source`);
    console.log(`  own-translation pairs, one KB:       ${JSON.stringify(ownTranslationPairs(before.findings, layout))}; across locales: ${crossLocale(before.findings, layout)}`);
    console.log(`  own-translation pairs, per locale:   ${JSON.stringify(ownTranslationPairs(after.findings, layout))}; across locales: ${crossLocale(after.findings, layout)}`);
    console.log(`  translation-drift: ${drift.length} ${JSON.stringify(kinds)}; stale-translation: ${count('stale-translation')}; missing-translation: ${count('missing-translation')}`);
    const perLocale = layout.locales.map((locale): ResolvedConfig => ({ ...DEFAULT_CONFIG, include: layout.articles.get(locale)!.map((a) => a.file) }));
    const [all, one, oneKb, ...locales] = await timed(root, [DEFAULT_CONFIG, { ...DEFAULT_CONFIG, include: sourceFiles }, none, ...perLocale], runs);
    const each = locales.reduce((sum, ms) => sum + ms, 0);
    console.log(`  audit time (median of ${runs}, one thread): ${layout.locales.length} locales ${all} ms; source locale alone (${sourceFiles.length} articles) ${one} ms (${(all / one).toFixed(1)}× for ${(after.files.length / sourceFiles.length).toFixed(1)}× the articles); each locale audited alone, added up: ${each} ms; all read as one KB ${oneKb} ms`);
    const n = Number(values.sample);
    for (let i = 0; i < n && drift.length; i++) {
      const f = drift[Math.floor((i * drift.length) / n)];
      console.log(`  sample ${i + 1}: ${f.file}:${f.line} ${f.message} | ${f.related?.[0]?.file}:${f.related?.[0]?.line}`);
    }
  }
}

void main();
