// A translation compared with its source on what does not depend on language: figures (with
// what follows them, for the message), link targets, addresses, emails and phone numbers, inline
// code and code blocks, the number of steps in each list and the section structure. A
// difference in wording is never a drift: only a value that the source states differently, a
// step or block the source has and the translation lacks, or a different outline.
import { matchesOf } from '../matches';
import type { Article, Block, Section } from '../model';
import { languageOf, normalizeLocale } from './codes';
import { TRAILING_SLASHES } from '../fileSystem';
import { replaceQuoted } from '../quotes';

export interface DriftSide {
  /** Line of what differs. */
  line: number;
  /** What it says, as written. */
  text: string;
}

export interface Drift {
  kind: 'figure' | 'link' | 'email' | 'phone' | 'code' | 'steps' | 'structure';
  /** The translation's side (absent: it lacks what the source has; the line is then its section's). */
  translation: DriftSide;
  source: DriftSide;
  /** What to tell the reader, without the source's locale: "says 14 days where the source says 30 days". */
  message: string;
}

interface Value {
  /** Compared across languages. */
  key: string;
  /** As written, for messages. */
  text: string;
  line: number;
  /** A code block's first line of code: the line after a fence, the block's own line when indented. */
  codeLine?: number;
}

/** A leaf block's text with its literal (inline code) spans cut out. */
function proseOf(block: Block): string {
  const lit = block.literals;
  if (!lit || lit.length === 0) return block.text;
  let out = '';
  let at = 0;
  for (let i = 0; i < lit.length; i += 2) {
    out += `${block.text.slice(at, lit[i])} `;
    at = lit[i + 1];
  }
  return out + block.text.slice(at);
}

function literalsOf(block: Block): string[] {
  const lit = block.literals ?? [];
  const out: string[] = [];
  for (let i = 0; i < lit.length; i += 2) out.push(block.text.slice(lit[i], lit[i + 1]));
  return out;
}

const URL = /\bhttps?:\/\/[^\s<>()[\]"'`\u0080-\uffff]+/gi;
const EMAIL = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g;
// A phone number: a leading + or a parenthesised area code, then at least 7 digits in groups.
const PHONE = /(?<![\w.,/])(?:\+\d{1,3}[\s.-]?(?:\(\d{1,5}\)[\s.-]?)?|\(\d{2,5}\)[\s.-]?)\d{2,5}(?:[\s.-]\d{2,5}){1,4}(?![\w%])/g;
// A figure: digits with thousands groups and decimals in either convention, a sign or currency
// before it, a percent after it. Digits inside words, versions and identifiers are not figures.
const FIGURE = /(?<![\p{L}\p{N}_./:#@-])([$€£¥]\s?)?(\d{1,3}(?:[,.\u00a0\u202f' ]\d{3})+|\d+)(?:[.,](\d+))?(?![\p{N}]|[.,]\d|[./:-]\p{N}|\p{L}*\d|\s?[万萬億亿만억千百])(\s?%)?/gu;
// What a figure counts, as written after it: a word ("days", "Tage"), or a CJK unit character.
const UNIT_AFTER = /^\s?([\p{L}]{1,14}|[\u3000-\u9fff\uac00-\ud7af])/u;

/** A figure's value in one form whatever the language writes: "1,000" = "1.000" = "1 000"; "2.5" = "2,5". */
function figureKey(currency: string | undefined, whole: string, decimals: string | undefined, percent: string | undefined): string {
  const digits = whole.replace(/[,.\u00a0\u202f' ]/g, '');
  const number = decimals ? `${Number(digits)}.${decimals.replace(/0+$/, '') || '0'}`.replace(/\.0$/, '') : String(Number(digits));
  return `${currency ? currency.trim() : ''}${number}${percent ? '%' : ''}`;
}

function figuresOf(text: string, line: number, out: Value[]): void {
  // A cheap first look: most text has no digit (full-width digits included).
  if (!/[\d\uff10-\uff19]/.test(text)) return;
  // Addresses and emails are compared as addresses; their digits are not figures.
  let prose = text.normalize('NFKC');
  if (prose.includes('://')) prose = prose.replace(URL, ' ');
  if (prose.includes('@')) prose = prose.replace(EMAIL, ' ');
  prose = prose.replace(PHONE, ' ');
  for (const m of matchesOf(FIGURE, prose)) {
    // A year is a date's, not a count of something: the word after it is not its unit.
    const unit = /^(?:1[89]|20)\d\d$/.test(m[2]) && !m[1] && !m[4] ? undefined : UNIT_AFTER.exec(prose.slice(m.index! + m[0].length))?.[1];
    const written = `${m[0].trim()}${unit ? `${/^\s/.test(prose.slice(m.index! + m[0].length)) ? ' ' : ''}${unit}` : ''}`;
    // A time of day is compared on the 24-hour clock: "2 pm" is "14 h", "14:00", "14時".
    const meridiem = !m[1] && !m[3] && !m[4] ? /^\s?([ap])\.?m\.?(?![\p{L}])/iu.exec(prose.slice(m.index! + m[0].length)) : null;
    if (meridiem) {
      const hour = Number(m[2]) % 12 + (meridiem[1].toLowerCase() === 'p' ? 12 : 0);
      out.push({ key: String(hour), text: `${m[2]} ${meridiem[0].trim()}`, line });
      continue;
    }
    out.push({ key: figureKey(m[1], m[2], m[3], m[4]), text: written, line });
  }
}

/** Per list of locales, whether a path part or host label names one of them (each answer kept: links repeat their parts). */
const localeTests = new Map<string, (part: string) => boolean>();

function localeTest(locales: readonly string[]): (part: string) => boolean {
  const listKey = locales.join(',');
  let test = localeTests.get(listKey);
  if (test) return test;
  const codes = new Set<string>();
  for (const locale of locales) {
    const code = normalizeLocale(locale);
    codes.add(code);
    codes.add(languageOf(code));
  }
  const known = new Map<string, boolean>();
  test = (part: string) => {
    let answer = known.get(part);
    if (answer === undefined) {
      answer = codes.has(normalizeLocale(part)) || (/^[a-z]{2}[-_][a-z]{2}$/i.test(part) && codes.has(languageOf(part)));
      // Bounded: parts are path segments, host labels and file names of one knowledge base.
      if (known.size < 100_000) known.set(part, answer);
    }
    return answer;
  };
  if (localeTests.size >= 16) localeTests.clear();
  localeTests.set(listKey, test);
  return test;
}

/** A link target with the locales taken out: `/de/a/` of a German page is the source's `/en/a/`. */
export function linkKey(href: string, locales: readonly string[], siteHosts: readonly string[] = []): string {
  let target = href.trim().replace(/#[^]*$/, '').replace(/[?&](?:utm_[a-z]+|hl|lang|locale)=[^&]*/gi, '').replace(/\?$/, '');
  const isLocale = localeTest(locales);
  const scheme = /^([a-z][\w+.-]*:\/\/)([^/]*)(.*)$/i.exec(target);
  let host = '';
  if (scheme) {
    const bare = scheme[2].toLowerCase().replace(/^www\./, '');
    // A link to the site's own address is a link to its page: `https://docs.example.com/a/` is `/a/`.
    if (!siteHosts.includes(bare)) {
      const labels = bare.split('.').filter((p) => p !== 'm');
      // A host per language (de.wikipedia.org) serves that language's own page on the subject: its path is the translator's to choose.
      if (labels.some(isLocale)) return labels.map((p) => (isLocale(p) ? '{lang}' : p)).join('.');
      host = bare;
    }
    target = scheme[3];
  }
  target = target
    .split('/')
    .map((part) => (isLocale(part) ? '{lang}' : part.replace(/\.([a-z]{2}(?:[-_][a-z]{2,4})?)(\.(?:md|mdx|markdown))$/i, (all, code: string, ext: string) => (isLocale(code) ? ext : all))))
    .join('/')
    .replace(/\/(?:index|_index|README)\.(?:md|mdx|markdown)$/i, '/')
    .replace(/\.(?:md|mdx|markdown)$/i, '')
    .replace(TRAILING_SLASHES, '');
  return `${host}${target}`;
}

interface Facts {
  figures: Value[];
  links: Value[];
  emails: Value[];
  phones: Value[];
  code: Value[];
  inlineCode: Value[];
  steps: Value[];
  /** List items of any kind: a translation may write the source's steps as bullets. */
  items: number;
}

/** What link targets are read against: the two locales, and the hosts the site is published on. */
interface Context {
  locales: readonly string[];
  siteHosts: readonly string[];
}

/** Facts of each section, per context: a source is compared with each of its translations. */
const factsCache = new WeakMap<Section, { key: string; facts: Facts }>();

function factsOf(sections: readonly Section[], ctx: Context): Facts {
  if (sections.length === 1) return sectionFacts(sections[0], ctx);
  const facts: Facts = { figures: [], links: [], emails: [], phones: [], code: [], inlineCode: [], steps: [], items: 0 };
  for (const section of sections) {
    const own = sectionFacts(section, ctx);
    for (const kind of ['figures', 'links', 'emails', 'phones', 'code', 'inlineCode', 'steps'] as const) facts[kind].push(...own[kind]);
    facts.items += own.items;
  }
  return facts;
}

function sectionFacts(section: Section, ctx: Context): Facts {
  const key = `${ctx.locales.join(',')}\u0000${ctx.siteHosts.join(',')}`;
  const cached = factsCache.get(section);
  if (cached?.key === key) return cached.facts;
  const facts = readFacts(section, ctx);
  factsCache.set(section, { key, facts });
  return facts;
}

function readFacts(section: Section, ctx: Context): Facts {
  const facts: Facts = { figures: [], links: [], emails: [], phones: [], code: [], inlineCode: [], steps: [], items: 0 };
  {
    for (const link of section.links) facts.links.push({ key: linkKey(link.href, ctx.locales, ctx.siteHosts), text: link.href, line: link.line });
    for (const block of section.blocks) {
      if (block.kind === 'code') {
        facts.code.push({ key: codeKey(block.text), text: block.text, line: block.line, codeLine: block.fenced ? block.line + 1 : block.line });
        continue;
      }
      if (block.kind === 'html') continue;
      const prose = proseOf(block);
      figuresOf(prose, block.line, facts.figures);
      if (prose.includes('@')) for (const m of matchesOf(EMAIL, prose)) facts.emails.push({ key: m[0].toLowerCase(), text: m[0], line: block.line });
      if (/\d/.test(prose)) for (const m of matchesOf(PHONE, prose)) facts.phones.push({ key: m[0].replace(/\D/g, ''), text: m[0].trim(), line: block.line });
      // Addresses written out in the text count as links (a Markdown link's own is in section.links).
      if (prose.includes('://')) for (const m of matchesOf(URL, prose)) {
        const href = m[0].replace(/[.,;:!?)]+$/, '');
        if (!section.links.some((l) => l.href === href)) facts.links.push({ key: linkKey(href, ctx.locales, ctx.siteHosts), text: href, line: block.line });
      }
      for (const literal of literalsOf(block)) {
        const code = literal.trim();
        // Only code with a figure in it is compared: a translator may translate a label, a
        // placeholder (`<path>`, `yourdomain.com`) or a sample value, never a port or a version.
        if (/^[\x20-\x7e]+$/.test(code) && /\d/.test(code)) facts.inlineCode.push({ key: code, text: code, line: block.line });
      }
      if (block.kind === 'list_item') {
        facts.items++;
        if (block.ordered) facts.steps.push({ key: stepKey(block, ctx), text: block.text, line: block.line });
      }
    }
  }
  return facts;
}

/** What of a step a translation keeps: its figures, links and code. */
function stepKey(block: Block, ctx: Context): string {
  const figures: Value[] = [];
  figuresOf(proseOf(block), block.line, figures);
  const code = literalsOf(block).filter((l) => /^[\x20-\x7e]+$/.test(l) && /\d/.test(l));
  const links = matchesOf(URL, block.text).map((m) => linkKey(m[0], ctx.locales, ctx.siteHosts));
  return [...figures.map((f) => f.key), ...code, ...links].sort().join('\u0000');
}

/**
 * A code block as a translation must keep it: its paths, options, numbers and addresses, in
 * order. Comments, placeholders (`<username>`, `{brand}`), quoted messages and other words are
 * left out: a translator may translate them, and rightly.
 */
export function codeKey(code: string): string {
  const uncommented = code
    .split('\n')
    .map((line) => line.replace(/(^|\s)(?:#|\/\/|--\s|;|REM\s)[^]*$/i, '$1'))
    .join('\n')
    .replace(/<[^<>\n]*>|\{[^{}\n]*\}|\[[^[\]\n]*\]|\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/g, ' ');
  const tokens = replaceQuoted(uncommented, `"'`, (quoted) => (/[^\x00-\x7f]|\s/.test(quoted) ? ' ' : quoted)).split(/\s+/);
  return tokens
    .filter((t) => /^[\x21-\x7e]+$/.test(t) && (/\d|\//.test(t) || /^--?[a-z]/i.test(t)))
    // A host with a port (`hbbs.example.com:21116`) is compared on its port: the host may be a sample a translator localised.
    .map((t) => (/\d/.test(t) && !t.includes('/') && /[a-z]\.[a-z]/i.test(t) ? t.replace(/[\p{L}_-]+/gu, '') : t))
    .join(' ');
}

/** Values on one side and not the other (as multisets), each side in its order. */
function unmatched(source: readonly Value[], translation: readonly Value[]): { source: Value[]; translation: Value[] } {
  const take = (from: readonly Value[], against: readonly Value[]) => {
    const counts = new Map<string, number>();
    for (const v of against) counts.set(v.key, (counts.get(v.key) ?? 0) + 1);
    return from.filter((v) => {
      const n = counts.get(v.key) ?? 0;
      if (n > 0) counts.set(v.key, n - 1);
      return n === 0;
    });
  };
  return { source: take(source, translation), translation: take(translation, source) };
}

/** The sections an outline is compared on: the headed ones (the text before the first heading has no outline). */
function outline(article: Article): Section[] {
  return article.sections.filter((s) => s.level > 0);
}

/** What of a section a translation keeps: its level, and its figures, links and code. */
function sectionKey(section: Section, ctx: Context): string {
  const f = factsOf([section], ctx);
  const keys = [...f.figures, ...f.links, ...f.code, ...f.inlineCode].map((v) => v.key).sort();
  return `${section.level}\u0001${keys.join('\u0000')}`;
}

interface Alignment {
  pairs: Array<[Section[], Section[]]>;
  /** Source sections the translation lacks, and translation sections the source lacks, when they could be told. */
  lacking: Section[];
  extra: Section[];
  /** False when the outlines differ in a way that could not be aligned: facts are compared article against article. */
  aligned: boolean;
}

/**
 * Pairs the sections of a translation with the source's: by position when the outlines have the
 * same length; else the run of sections that match from the start and from the end (by level and
 * language-free content) is aligned, and what lies between is what one side lacks.
 */
function alignSections(source: Article, translation: Article, ctx: Context): Alignment {
  const s = outline(source);
  const t = outline(translation);
  const pairs: Array<[Section[], Section[]]> = [];
  const s0 = source.sections.filter((x) => x.level === 0);
  const t0 = translation.sections.filter((x) => x.level === 0);
  if (s0.length || t0.length) pairs.push([s0, t0]);
  // Heading ids written in the file (`## Titel {#invites}`) name a section in every language.
  const explicit = (a: Article, x: Section) => (a.lines.at(x.startLine - 1) ?? '').includes(`#${x.slug}`);
  const sSlugs = new Map(s.map((x) => [x.slug, x]));
  const tSlugs = new Map(t.map((x) => [x.slug, x]));
  const shared = t.filter((x) => sSlugs.has(x.slug) && explicit(translation, x) && explicit(source, sSlugs.get(x.slug)!));
  if (sSlugs.size === s.length && tSlugs.size === t.length && shared.length >= 2 && shared.length * 2 >= Math.max(s.length, t.length)) {
    for (const x of shared) pairs.push([[sSlugs.get(x.slug)!], [x]]);
    return { pairs, lacking: s.filter((x) => !tSlugs.has(x.slug)), extra: t.filter((x) => !sSlugs.has(x.slug)), aligned: true };
  }
  if (s.length === t.length) {
    for (let i = 0; i < s.length; i++) pairs.push([[s[i]], [t[i]]]);
    return { pairs, lacking: [], extra: [], aligned: true };
  }
  const sk = s.map((x) => sectionKey(x, ctx));
  const tk = t.map((x) => sectionKey(x, ctx));
  const shorter = Math.min(s.length, t.length);
  let head = 0;
  while (head < shorter && sk[head] === tk[head]) head++;
  let tail = 0;
  while (tail < shorter - head && sk[s.length - 1 - tail] === tk[t.length - 1 - tail]) tail++;
  // Only a gap on one side, bounded by sections that say something language-free, is sure.
  const gapS = s.slice(head, s.length - tail);
  const gapT = t.slice(head, t.length - tail);
  // Sections with nothing language-free in them all look alike: the gap is sure only when it and
  // the sections either side of it say something of their own.
  const says = (k: string | undefined) => k === undefined || !k.endsWith('\u0001');
  const gapKeys = gapS.length ? sk.slice(head, s.length - tail) : tk.slice(head, t.length - tail);
  const sure = head + tail === shorter && (gapS.length === 0 || gapT.length === 0) && gapKeys.every(says) && says(sk[head - 1]) && says(sk[s.length - tail]);
  if (!sure) return { pairs: [[source.sections, translation.sections]], lacking: [], extra: [], aligned: false };
  for (let i = 0; i < head; i++) pairs.push([[s[i]], [t[i]]]);
  for (let i = 0; i < tail; i++) pairs.push([[s[s.length - tail + i]], [t[t.length - tail + i]]]);
  return { pairs, lacking: gapS, extra: gapT, aligned: true };
}

const SAMPLE_ADDRESS = /(?:^|[@./])(?:example\.(?:com|org|net)|[\w-]+\.(?:test|example|invalid|localhost))(?![\w-])|\blocalhost\b/i;

/** Most values that differ between two aligned parts before the difference is read as a rewrite, not a drift. */
const MAX_CHANGED = 3;

/** Can `a` be the same figure as `b` changed: the same kind (currency, percent, decimals) and within ten times. */
function comparableFigures(a: Value, b: Value): boolean {
  const shape = (v: Value) => v.key.replace(/[\d.]/g, '') + (v.key.includes('.') ? '.' : '');
  if (shape(a) !== shape(b)) return false;
  const x = Number(a.key.replace(/[^\d.]/g, ''));
  const y = Number(b.key.replace(/[^\d.]/g, ''));
  return x > 0 && y > 0 && Math.max(x, y) / Math.min(x, y) <= 10;
}

/**
 * Replacements: values the source states that the translation states differently. Only where
 * both sides have a value the other lacks (an added or dropped figure is wording as often as
 * not: "two" written out, a date spelled with its month's number), and the translation's value
 * appears nowhere in the source.
 */
function replacements(
  kind: Drift['kind'],
  source: readonly Value[],
  translation: readonly Value[],
  sourceAll: ReadonlySet<string>,
  what: (text: string) => string,
  out: Drift[],
  comparable: (a: Value, b: Value) => boolean = () => true,
): void {
  // Sample addresses (alice@example.com, https://example.com/@alice) are examples a translator may localise.
  const real = (v: Value) => !SAMPLE_ADDRESS.test(v.text);
  const diff = unmatched(source.filter(real), translation.filter(real));
  const fresh = diff.translation.filter((v) => !sourceAll.has(v.key));
  if (fresh.length === 0 || diff.source.length === 0) return;
  if (fresh.length > MAX_CHANGED || diff.source.length > MAX_CHANGED) return;
  const left = [...diff.source];
  for (const t of fresh) {
    const at = left.findIndex((s) => comparable(t, s));
    if (at < 0) continue;
    const [s] = left.splice(at, 1);
    out.push({ kind, translation: { line: t.line, text: t.text }, source: { line: s.line, text: s.text }, message: `${what(t.text)} where the source ${what(s.text)}` });
  }
}

function says(verb: string) {
  return (text: string) => `${verb} ${text.includes('\n') ? text.split('\n')[0] : text}`;
}

/** Does the inline code differ from the other only in its figures (a port, a version, a size)? */
function sameButFigures(a: Value, b: Value): boolean {
  // The same figures in another order (`05-08-2024`, `2024-08-05`) is a date written the reader's way.
  const figures = (v: Value) => (v.key.match(/\d+/g) ?? []).map(Number).sort((x, y) => x - y).join(',');
  return a.key.replace(/\d+/g, '0') === b.key.replace(/\d+/g, '0') && figures(a) !== figures(b);
}

/**
 * Every drift of `translation` from `source`. `locales` are the two locales and `siteUrls` the
 * site's published addresses, so that links to the same page in either locale compare equal.
 */
export function compareTranslation(source: Article, translation: Article, locales: readonly string[], siteUrls: readonly string[] = []): Drift[] {
  const ctx: Context = { locales, siteHosts: siteUrls.map((u) => u.replace(/^[a-z]+:\/\//i, '').split('/')[0].toLowerCase().replace(/^www\./, '')) };
  const drifts: Drift[] = [];
  const alignment = alignSections(source, translation, ctx);
  const s = outline(source);
  const t = outline(translation);
  const titleLine = (a: Article) => outline(a)[0]?.startLine ?? 1;
  if (alignment.lacking.length > 0) {
    const first = alignment.lacking[0];
    const more = alignment.lacking.length > 1 ? ` and ${alignment.lacking.length - 1} more` : '';
    const before = t[s.indexOf(first) - 1];
    drifts.push({
      kind: 'structure',
      translation: { line: before?.startLine ?? titleLine(translation), text: '' },
      source: { line: first.startLine, text: first.heading },
      message: `lacks the section "${first.heading}"${more} of the source: ${t.length} sections where the source has ${s.length}`,
    });
  }
  if (alignment.extra.length > 0 && alignment.lacking.length + alignment.extra.length < Math.max(s.length, t.length)) {
    const first = alignment.extra[0];
    const more = alignment.extra.length > 1 ? ` and ${alignment.extra.length - 1} more` : '';
    drifts.push({
      kind: 'structure',
      translation: { line: first.startLine, text: first.heading },
      source: { line: titleLine(source), text: `${s.length} sections` },
      message: `has the section "${first.heading}"${more}, which the source no longer has: ${t.length} sections where the source has ${s.length}`,
    });
  } else if (alignment.lacking.length === 0 && (alignment.extra.length > 0 || !alignment.aligned)) {
    drifts.push({
      kind: 'structure',
      translation: { line: alignment.extra[0]?.startLine ?? titleLine(translation), text: `${t.length} sections` },
      source: { line: titleLine(source), text: `${s.length} sections` },
      message: `has ${t.length} section${t.length === 1 ? '' : 's'} where the source has ${s.length}: the outline differs (a section added, dropped or moved)`,
    });
  }
  const sAll = factsOf(source.sections, ctx);
  // Code the translation has anywhere: a block found elsewhere is a misaligned section, not a drift.
  const tCode = new Set(factsOf(translation.sections, ctx).code.map((c) => c.key));
  const keys = (values: Value[]) => new Set(values.map((v) => v.key));
  for (const [sSections, tSections] of alignment.pairs) {
    const sf = factsOf(sSections, ctx);
    const tf = factsOf(tSections, ctx);
    // Figures are many and alike: compared only between sections known to say the same thing.
    if (alignment.aligned) replacements('figure', sf.figures, tf.figures, keys(sAll.figures), says('says'), drifts, comparableFigures);
    replacements('link', sf.links, tf.links, keys(sAll.links), says('links to'), drifts);
    replacements('email', sf.emails, tf.emails, keys(sAll.emails), says('gives'), drifts);
    replacements('phone', sf.phones, tf.phones, keys(sAll.phones), says('gives'), drifts);
    replacements('code', sf.inlineCode, tf.inlineCode, keys(sAll.inlineCode), (x) => `writes \`${x}\``, drifts, sameButFigures);
    if (!alignment.aligned) continue;
    const tLine = tSections[0]?.startLine ?? titleLine(translation);
    // Code blocks, in order: one the source has and the translation lacks, or one that differs.
    if (sf.code.length === tf.code.length) {
      for (let i = 0; i < sf.code.length; i++) {
        if (sf.code[i].key === tf.code[i].key || tCode.has(sf.code[i].key)) continue;
        const line = firstDifferentLine(sf.code[i].text, tf.code[i].text);
        drifts.push({
          kind: 'code',
          translation: { line: line.offset > 0 ? tf.code[i].codeLine! + line.offset - 1 : tf.code[i].line, text: line.translation },
          source: { line: sf.code[i].line, text: line.source },
          message: `has a code block that differs from the source's: \`${clip(line.translation)}\` where the source has \`${clip(line.source)}\``,
        });
      }
    } else if (sf.code.length > tf.code.length) {
      const missing = sf.code.find((c) => !tCode.has(c.key));
      if (missing && missing.key !== '') {
        drifts.push({
          kind: 'code',
          translation: { line: tLine, text: '' },
          source: { line: missing.line, text: missing.text },
          message: `lacks a code block the source has (\`${clip(missing.text.split('\n')[0])}\`)`,
        });
      }
    }
    // Steps: an ordered list shorter than the source's, and no bullets written instead, lacks a step.
    if (sf.steps.length > tf.steps.length && tf.items < sf.steps.length && tf.steps.length > 0) {
      const missing = missingSteps(sf.steps, tf.steps);
      const count = `${tf.steps.length} step${tf.steps.length === 1 ? '' : 's'} where the source has ${sf.steps.length}`;
      const at = missing.length === 1 ? sf.steps[missing[0]] : sf.steps[tf.steps.length];
      drifts.push({
        kind: 'steps',
        translation: { line: tf.steps[Math.min(missing[0] ?? tf.steps.length, tf.steps.length) - 1]?.line ?? tLine, text: '' },
        source: { line: at.line, text: at.text },
        message: missing.length === 1 ? `lacks step ${missing[0] + 1} of the source ("${clip(at.text)}"): ${count}` : `has ${count}: a step is missing`,
      });
    }
  }
  return drifts;
}

/** Which of the source's steps the translation lacks, by what each keeps (figures, code, links); empty when it cannot tell. */
function missingSteps(source: readonly Value[], translation: readonly Value[]): number[] {
  if (source.length - translation.length !== 1) return [];
  let head = 0;
  while (head < translation.length && source[head].key === translation[head].key) head++;
  let tail = 0;
  while (tail < translation.length - head && source[source.length - 1 - tail].key === translation[translation.length - 1 - tail].key) tail++;
  if (head + tail !== translation.length) return [];
  // Steps with nothing language-free in them all look alike: the gap is sure only when the
  // step found missing says something of its own, or it is the last one.
  return source[head].key !== '' || head === translation.length ? [head] : [];
}

function firstDifferentLine(source: string, translation: string): { source: string; translation: string; offset: number } {
  const s = source.split('\n');
  const t = translation.split('\n');
  let i = 0;
  let j = 0;
  while (i < s.length || j < t.length) {
    while (i < s.length && codeKey(s[i]) === '') i++;
    while (j < t.length && codeKey(t[j]) === '') j++;
    if (codeKey(s[i] ?? '') !== codeKey(t[j] ?? '')) {
      // A side with nothing comparable left shows its first line as written.
      const shown = (lines: string[], at: number) => (lines[at] ?? lines.find((l) => l.trim() !== '') ?? '').trim();
      return { source: shown(s, i), translation: shown(t, j), offset: j < t.length ? j + 1 : 0 };
    }
    i++;
    j++;
  }
  return { source: s[0] ?? '', translation: t[0] ?? '', offset: 0 };
}

function clip(text: string, max = 60): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
