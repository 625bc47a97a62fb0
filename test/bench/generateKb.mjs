// A deterministic generator of help-centre knowledge bases for benchmarks: seeded, so the same
// options always give the same files. Articles have front matter, headings, FAQ question
// headings, paragraphs, lists, steps, tables, code, links (a few broken) and a known set of
// planted problems: verbatim, reworded and conflicting copies of sections across articles.
//
//   import { generateKb, writeKb } from './generateKb.mjs';
//   const { files, planted } = generateKb({ articles: 10000, seed: 1 });
//
// CLI: node test/bench/generateKb.mjs OUT_DIR [--articles N] [--seed S] [--force]
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Bumped whenever the output changes, so cached KBs are regenerated. */
export const GENERATOR_VERSION = 8;

/** mulberry32: small, fast and good enough for test data. */
export function createRandom(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
    shuffle(list) {
      const out = [...list];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
  };
}

const TOPICS = [
  { folder: 'orders', nouns: ['order', 'basket', 'checkout', 'confirmation', 'invoice', 'receipt'] },
  { folder: 'shipping', nouns: ['parcel', 'courier', 'delivery', 'tracking number', 'dispatch', 'locker'] },
  { folder: 'returns', nouns: ['returned item', 'refund', 'exchange', 'return label', 'drop-off point', 'credit note'] },
  { folder: 'payments', nouns: ['debit card', 'payment', 'instalment', 'voucher', 'gift card', 'bank transfer'] },
  { folder: 'account', nouns: ['account', 'password', 'email address', 'profile', 'newsletter', 'login'] },
  { folder: 'products', nouns: ['cushion', 'lamp', 'rug', 'blanket', 'vase', 'shelf', 'mirror', 'throw'] },
  { folder: 'warranty', nouns: ['warranty', 'repair', 'replacement part', 'fault', 'claim', 'guarantee'] },
  { folder: 'stores', nouns: ['store', 'click and collect', 'opening hours', 'showroom', 'stock check', 'appointment'] },
];

const VERBS = ['check', 'update', 'cancel', 'change', 'track', 'confirm', 'request', 'arrange', 'book', 'review', 'download', 'register', 'reset', 'choose', 'collect', 'replace'];
const ADJECTIVES = ['standard', 'express', 'international', 'damaged', 'missing', 'late', 'partial', 'personalised', 'large', 'fragile', 'seasonal', 'new', 'existing', 'secondary', 'digital', 'printed'];
const PLACES = ['your account page', 'the Orders tab', 'the mobile app', 'the help centre', 'the confirmation email', 'the returns portal', 'the store desk', 'the tracking page'];
const UNITS = [['business days', 2, 10], ['days', 7, 60], ['hours', 12, 72], ['weeks', 1, 8], ['months', 6, 36]];

/** Invented product-line names so sections differ in vocabulary, as real catalogues do. */
function makeNames(random, count) {
  const starts = ['bel', 'cor', 'dun', 'fen', 'gal', 'har', 'ith', 'kel', 'lor', 'mar', 'nor', 'oak', 'pel', 'quin', 'ros', 'sol', 'tam', 'vel', 'wen', 'yar'];
  const middles = ['a', 'e', 'i', 'o', 'u', 'ae', 'io', 'ra', 'le', 'mi'];
  const ends = ['ton', 'ley', 'wick', 'more', 'dale', 'ford', 'by', 'well', 'worth', 'stead', 'grove', 'mere'];
  const names = new Set();
  // 20 × 10 × 12 × 11 combinations: far more than any count asked for.
  const joins = ['', 'n', 'r', 's', 'l', 'th', 'v', 'd', 'k', 'm', 'b'];
  while (names.size < Math.min(count, 20000)) {
    const name = random.pick(starts) + random.pick(middles) + random.pick(joins) + random.pick(ends);
    names.add(name.charAt(0).toUpperCase() + name.slice(1));
  }
  return [...names];
}

/**
 * Invented lower-case words (feature, part and material names) so that, as in a real help centre,
 * each article has vocabulary of its own and sentences are rarely repeated word for word.
 */
function makeLexicon(random, count) {
  const onsets = ['b', 'br', 'c', 'cl', 'd', 'dr', 'f', 'fl', 'g', 'gr', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'pl', 'qu', 'r', 's', 'sk', 'sp', 't', 'tr', 'v', 'w', 'z'];
  const vowels = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'ou', 'y'];
  const codas = ['', 'n', 'r', 'l', 'm', 'x', 'st', 'nd', 'rk', 'lt', 'sh', 'ck'];
  const words = new Set();
  while (words.size < count) {
    const syllables = random.int(2, 3);
    let word = '';
    for (let k = 0; k < syllables; k++) word += random.pick(onsets) + random.pick(vowels) + (k === syllables - 1 ? random.pick(codas) : '');
    words.add(word);
  }
  return [...words];
}

/** A skewed pick: low indexes far more often, as word frequencies in real text are. */
function zipfPick(random, list) {
  return list[Math.floor(Math.pow(random.next(), 2.2) * list.length)];
}

/** A value fixed by its subject: a help centre states each fact the same way everywhere. */
function stable(key, lo, hi) {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d) >>> 0;
  return lo + (h % (hi - lo + 1));
}

const OPENERS = ['', '', '', 'Usually, ', 'In most cases ', 'For most orders, ', 'If you are unsure, ', 'Good to know: ', 'Tip: ', 'Please note that '];
const REASONS = ['so we can find your order quickly', 'because our couriers need it', 'to keep your account secure', 'so nothing gets lost on the way', 'as the warehouse checks every item', 'which helps us reply faster', 'so that the right team picks it up'];
const TIMES = ['in the morning', 'before the cut-off', 'on weekdays', 'after you sign in', 'once it has been packed', 'when the courier scans it', 'as soon as we hear back'];
const THINGS = ['photo', 'reference number', 'postcode', 'email address', 'order number', 'receipt', 'delivery note', 'product code', 'serial number'];

/** Prose without figures: most of what a help article says. */
function proseSentence(random, ctx) {
  const first = proseClause(random, ctx);
  if (!random.chance(0.12)) return withOpener(random, ctx, first + '.');
  return withOpener(random, ctx, `${first}, ${random.pick(CONNECTORS)} ${proseClause(random, ctx, true)}.`);
}

const CONNECTORS = ['and', 'but', 'so', 'while', 'although', 'because', 'unless', 'since', 'whereas', 'and then'];

/** One clause: a template whose slots draw on the article's own words and on a large shared vocabulary. */
function proseClause(random, ctx, lower = false) {
  const noun = random.pick(ctx.topic.nouns);
  const other = random.pick(ctx.topic.nouns);
  const name = random.pick(ctx.names);
  const adjective = random.pick(ADJECTIVES);
  const verb = random.pick(VERBS);
  const thing = random.pick(THINGS);
  const feature = random.pick(ctx.features);
  const word = zipfPick(random, ctx.lexicon);
  const part = zipfPick(random, ctx.lexicon);
  const templates = [
    () => `you can ${verb} your ${feature} ${noun} from ${random.pick(PLACES)} at any time before the ${part} is dispatched`,
    () => `our ${name} team reviews every ${feature} ${noun} and replies by email, usually within the ${word} window`,
    () => `to ${verb} a ${adjective} ${noun}, open ${random.pick(PLACES)} and select the ${name} ${feature} you need help with`,
    () => `a ${noun} for a ${adjective} ${other} cannot be combined with ${word} offers on the ${name} ${feature} collection`,
    () => `keep your ${feature} reference handy: the ${name} desk asks for it before any ${adjective} ${part} change`,
    () => `most ${adjective} ${noun} questions about the ${name} ${feature} are answered in ${random.pick(PLACES)}`,
    () => `have your ${thing} and the ${feature} ${part} label ready ${random.pick(TIMES)}, ${random.pick(REASONS)}`,
    () => `we send a short ${word} message ${random.pick(TIMES)} to confirm the ${feature} ${noun} is on its way`,
    () => `the ${name} ${feature} range is made to order with ${word} ${part} fittings, ${random.pick(REASONS)}`,
    () => `if the ${feature} ${noun} looks ${adjective}, take a ${thing === 'photo' ? 'photo' : 'picture'} of the ${part} and keep the packaging ${random.pick(TIMES)}`,
    () => `nothing changes for your ${other} or its ${part} when you ${verb} a ${feature} ${noun}`,
    () => `customers who ${verb} a ${feature} ${noun} often ask how it affects their ${word} ${other}`,
    () => `${name} ${feature} items are packed by hand with ${word} wrapping, ${random.pick(REASONS)}`,
    () => `sign in first, then choose ${random.pick(PLACES)} to see every ${feature} ${noun} linked to your ${part} account`,
    () => `we only ask for your ${thing} ${random.pick(TIMES)} when the ${feature} ${part} needs a ${word} check`,
    () => `some ${adjective} ${feature} pieces, such as the ${name} ${part}, need a little longer to ${verb}`,
    () => `there is no need to call us to ${verb} a ${feature} ${noun}; the ${word} form does it for you`,
    () => `when a ${feature} ${noun} is ${adjective}, the ${name} specialists decide whether the ${part} is replaced`,
    () => `the status of your ${feature} ${noun} changes to ${word} ${random.pick(TIMES)}`,
    () => `gift orders hide prices on the ${thing}, but the ${feature} ${part} works the same way`,
    () => `the ${part} on a ${feature} ${noun} can be swapped for a ${word} one at ${random.pick(PLACES)}`,
    () => `every ${name} ${feature} comes with a ${word} ${part} and a printed ${thing}`,
    () => `${feature} ${noun} settings sync with the ${word} ${part} after you ${verb} them`,
    () => `if the ${word} ${part} is missing from a ${feature} ${noun}, tell the ${name} desk ${random.pick(TIMES)}`,
    () => `clean the ${feature} ${part} with a dry cloth and keep it away from ${word} surfaces`,
    () => `the ${name} ${feature} guide explains how the ${part} and the ${word} ${other} fit together`,
  ];
  const text = random.pick(templates)();
  return lower || ctx.names.includes(text.split(' ')[0]) ? text : text.charAt(0).toUpperCase() + text.slice(1);
}

/** An optional opening phrase, with the sentence's first letter lowered unless it starts a name. */
function withOpener(random, ctx, text) {
  const opener = random.pick(OPENERS);
  if (!opener || ctx.names.includes(text.split(' ')[0])) return opener + text;
  return opener + text.charAt(0).toLowerCase() + text.slice(1);
}

/** A sentence stating a figure. Each figure is fixed by its subject, as in a consistent help centre. */
function factSentence(random, ctx) {
  const noun = random.pick(ctx.topic.nouns);
  const other = random.pick(ctx.topic.nouns);
  const name = random.pick(ctx.names);
  const adjective = random.pick(ADJECTIVES);
  const verb = random.pick(VERBS);
  const feature = random.pick(ctx.features);
  const [unit, lo, hi] = UNITS[stable(`${name}:unit`, 0, UNITS.length - 1)];
  const templates = [
    () => `The ${name} ${feature} ${adjective} range usually takes ${stable(`${name}:time`, lo, hi)} ${unit} to arrive, depending on your postcode.`,
    () => {
      const [u, l, h] = UNITS[stable(`${ctx.topic.folder}:unit`, 0, UNITS.length - 1)];
      return `If your ${feature} ${noun} is ${adjective}, ${verb} the ${other} within ${stable(`${ctx.topic.folder}:time`, l, h)} ${u} and keep the original packaging.`;
    },
    () => `We charge £${stable(`${ctx.topic.folder}:fee`, 2, 40)}.${['00', '50', '95', '99'][stable(`${ctx.topic.folder}:fee:p`, 0, 3)]} for ${adjective} ${noun} requests on ${name} ${feature} items.`,
    () => `Members of the ${name} club get ${stable(`${ctx.topic.folder}:club`, 5, 30)}% off their next ${feature} ${noun}.`,
    () => `${name} products are covered for ${stable(`${ctx.topic.folder}:warranty`, 1, 5)} years against ${feature} faults, excluding wear and tear.`,
    () => `Write to ${ctx.topic.folder}@larkspur.example or call 0800 ${stable(`${ctx.topic.folder}:a`, 100, 999)} ${stable(`${ctx.topic.folder}:b`, 1000, 9999)} if the ${feature} ${noun} has not arrived.`,
    () => `${name} orders over £${stable(`${ctx.topic.folder}:threshold`, 3, 20) * 10} qualify for free ${adjective} ${feature} handling.`,
    () => `Allow ${stable(`${ctx.topic.folder}:reply`, 1, 5)} working days for the ${noun} team to reply to a ${adjective} ${feature} request.`,
  ];
  return withOpener(random, ctx, random.pick(templates)());
}

function sentence(random, ctx) {
  return random.chance(0.3) ? factSentence(random, ctx) : proseSentence(random, ctx);
}

function paragraph(random, ctx, min = 2, max = 4) {
  const count = random.int(min, max);
  const out = [];
  for (let i = 0; i < count; i++) out.push(sentence(random, ctx));
  return out.join(' ');
}

function questionHeading(random, ctx) {
  const noun = random.pick(ctx.topic.nouns);
  const name = random.pick(ctx.names);
  const feature = random.pick(ctx.features);
  const word = zipfPick(random, ctx.lexicon);
  return random.pick([
    `How do I ${random.pick(VERBS)} a ${random.pick(ADJECTIVES)} ${feature} ${noun}?`,
    `Can I ${random.pick(VERBS)} my ${noun} for ${name} ${feature} items?`,
    `How long does a ${random.pick(ADJECTIVES)} ${feature} ${noun} take?`,
    `What happens to my ${noun} if the ${name} ${feature} is ${random.pick(ADJECTIVES)}?`,
    `Where do I find the ${word} ${noun} for ${name} ${feature}?`,
    `Why is my ${feature} ${noun} showing ${word}?`,
    `Can I use a ${word} ${feature} with my ${noun}?`,
  ]);
}

function sectionBody(random, ctx, articlePaths) {
  const parts = [paragraph(random, ctx)];
  const roll = random.next();
  if (roll < 0.3) {
    const steps = random.int(3, 6);
    const list = [];
    for (let i = 1; i <= steps; i++) list.push(`${i}. ${sentence(random, ctx)}`);
    parts.push(list.join('\n'));
  } else if (roll < 0.55) {
    const items = random.int(2, 5);
    const list = [];
    for (let i = 0; i < items; i++) list.push(`- ${sentence(random, ctx)}`);
    parts.push(list.join('\n'));
  } else if (roll < 0.65) {
    const rows = random.int(2, 5);
    const lines = ['| Plan | Time | Cost |', '| --- | --- | --- |'];
    for (let i = 0; i < rows; i++) {
      const option = `${random.pick(ctx.names)} ${random.pick(['Bronze', 'Silver', 'Gold', 'Platinum'])} plan`;
      lines.push(`| ${option} | ${stable(`${option}:days`, 1, 10)} business days | £${stable(`${option}:cost`, 0, 15)}.${stable(`${option}:p`, 0, 1) ? '95' : '00'} |`);
    }
    parts.push(lines.join('\n'));
  } else if (roll < 0.7) {
    parts.push('```text\n' + `ORDER-${random.int(100000, 999999)}-${random.pick(ctx.names).toUpperCase()}\n` + '```');
  }
  if (random.chance(0.35)) {
    const target = random.chance(0.02) ? `missing/${random.pick(ctx.names).toLowerCase()}.md` : random.pick(articlePaths);
    parts.push(`Read more in [${random.pick(ctx.topic.nouns)} help](${relativeLink(ctx.path, target)}).`);
  }
  if (random.chance(0.4)) parts.push(paragraph(random, ctx, 1, 2));
  return parts.join('\n\n');
}

function relativeLink(from, to) {
  const fromParts = from.split('/').slice(0, -1);
  const toParts = to.split('/');
  let i = 0;
  while (i < fromParts.length && i < toParts.length - 1 && fromParts[i] === toParts[i]) i++;
  return [...fromParts.slice(i).map(() => '..'), ...toParts.slice(i)].join('/');
}

const REWORDINGS = [
  [/\bYou can\b/g, 'It is possible to'],
  [/\busually\b/g, 'normally'],
  [/\bopen\b/g, 'go to'],
  [/\bselect\b/g, 'choose'],
  [/\bkeep\b/g, 'hold on to'],
  [/\barrive\b/g, 'reach you'],
  [/\bevery\b/g, 'each'],
  [/\bget\b/g, 'receive'],
];

/** Rewords a section the way an editor copying it would: swapped words, sentences reordered. */
function reword(random, body) {
  return body
    .split('\n\n')
    .map((block) => {
      if (/^(\d+\.|-|\||```)/.test(block)) return block;
      let text = block;
      for (const [from, to] of REWORDINGS) if (random.chance(0.7)) text = text.replace(from, to);
      const sentences = text.split(/(?<=\.) /);
      return (sentences.length > 2 ? random.shuffle(sentences) : sentences).join(' ');
    })
    .join('\n\n');
}

/** Changes the first quantity with a unit, as a conflicting copy would. */
function conflict(body) {
  const match = /(\d+) (business days|days|hours|weeks|months)/.exec(body);
  if (!match) return null;
  const changed = `${Number(match[1]) * 2 + 1} ${match[2]}`;
  return { body: body.slice(0, match.index) + changed + body.slice(match.index + match[0].length), from: match[0], to: changed };
}

function isoDate(random) {
  const year = random.int(2021, 2025);
  return `${year}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
}

/**
 * Generates a knowledge base in memory.
 * @param {{ articles?: number, seed?: number, sectionsPerArticle?: [number, number], plantEvery?: number }} options
 * @returns {{ files: Map<string, string>, planted: Array<{ kind: 'verbatim'|'reworded'|'conflict', from: { file: string, heading: string }, to: { file: string, heading: string }, values?: [string, string] }>, bytes: number }}
 */
export function generateKb(options = {}) {
  const articleCount = options.articles ?? 10000;
  const random = createRandom(options.seed ?? 1);
  const [minSections, maxSections] = options.sectionsPerArticle ?? [5, 8];
  const plantEvery = options.plantEvery ?? 25;
  const names = makeNames(random, 20000);
  const lexicon = makeLexicon(random, 30000);
  const paths = [];
  for (let i = 0; i < articleCount; i++) {
    const topic = TOPICS[i % TOPICS.length];
    paths.push(`${topic.folder}/${random.pick(names).toLowerCase()}-${random.pick(topic.nouns).replace(/ /g, '-')}-${i}.md`);
  }
  const files = new Map();
  const planted = [];
  /** Sections written so far that a later article may copy: { file, heading, body }. */
  const copyable = [];
  let bytes = 0;

  for (let i = 0; i < articleCount; i++) {
    const topic = TOPICS[i % TOPICS.length];
    const path = paths[i];
    const ctx = {
      topic,
      names: Array.from({ length: 6 }, () => random.pick(names)),
      features: Array.from({ length: 8 }, () => random.pick(lexicon)),
      lexicon,
      path,
    };
    const productName = ctx.names[0];
    const title = `${productName} ${random.pick(topic.nouns)} help`;
    const lines = [
      '---',
      `title: ${title}`,
      `owner: ${topic.folder}-team@larkspur.example`,
      `last_reviewed: ${isoDate(random)}`,
      `tags: [${topic.folder}, ${random.pick(topic.nouns).replace(/ /g, '-')}]`,
      '---',
      '',
      `# ${title}`,
      '',
      paragraph(random, ctx, 2, 3),
      '',
    ];
    const sectionCount = random.int(minSections, maxSections);
    const headings = new Set();
    for (let s = 0; s < sectionCount; s++) {
      let heading = s >= sectionCount - 3 ? questionHeading(random, ctx) : `${random.pick(ADJECTIVES)} ${random.pick(ctx.features)} ${random.pick(topic.nouns)} with ${random.pick(ctx.names)}`;
      heading = heading.charAt(0).toUpperCase() + heading.slice(1);
      if (headings.has(heading)) heading += ` (${s + 1})`;
      headings.add(heading);
      let body = sectionBody(random, ctx, paths);
      if (s === 1 && i % plantEvery === plantEvery - 1 && copyable.length > 0) {
        const source = copyable[random.int(0, copyable.length - 1)];
        const kind = ['verbatim', 'reworded', 'conflict'][Math.floor(i / plantEvery) % 3];
        if (kind === 'verbatim') body = source.body;
        else if (kind === 'reworded') body = reword(random, source.body);
        else {
          const changed = conflict(source.body);
          if (changed) body = changed.body;
          if (changed) planted.push({ kind, from: { file: source.file, heading: source.heading }, to: { file: path, heading }, values: [changed.from, changed.to] });
        }
        if (kind !== 'conflict') planted.push({ kind, from: { file: source.file, heading: source.heading }, to: { file: path, heading } });
      } else if (s === 0 && random.chance(0.2)) {
        copyable.push({ file: path, heading, body });
      }
      lines.push(`## ${heading}`, '', body, '');
      if (random.chance(0.25)) lines.push(`### ${random.pick(ADJECTIVES)} ${random.pick(ctx.features)} ${random.pick(topic.nouns)} details`, '', paragraph(random, ctx, 2, 3), '');
    }
    lines.push('## Still need help?', '', 'Our customer care team is here every day from 8am to 8pm. Chat with us from the help centre or call 0800 123 4567.', '');
    const text = lines.join('\n');
    bytes += Buffer.byteLength(text);
    files.set(path, text);
  }
  return { files, planted, bytes };
}

/** Writes a generated KB under `dir` (replacing it), plus planted.json describing what was planted. */
export function writeKb(dir, options = {}) {
  const kb = generateKb(options);
  rmSync(dir, { recursive: true, force: true });
  for (const [file, text] of kb.files) {
    const path = join(dir, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  writeFileSync(join(dir, '..', `${dir.split(/[\\/]/).pop()}.planted.json`), JSON.stringify({ version: GENERATOR_VERSION, options, planted: kb.planted }, null, 1));
  return kb;
}

/** Generates into `dir` unless it already holds a KB generated with the same options. */
export function ensureKb(dir, options = {}) {
  const stamp = join(dir, '..', `${dir.split(/[\\/]/).pop()}.planted.json`);
  if (existsSync(stamp)) {
    const saved = JSON.parse(readFileSync(stamp, 'utf8'));
    if (saved.version === GENERATOR_VERSION && JSON.stringify(saved.options) === JSON.stringify(options)) return { planted: saved.planted, generated: false };
  }
  const kb = writeKb(dir, options);
  return { planted: kb.planted, generated: true, bytes: kb.bytes };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const out = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  const value = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  if (!out) {
    console.error('Usage: node test/bench/generateKb.mjs OUT_DIR [--articles N] [--seed S]');
    process.exit(2);
  }
  const started = performance.now();
  const kb = writeKb(out, { articles: value('articles', 10000), seed: value('seed', 1) });
  console.log(
    `${kb.files.size} articles, ${(kb.bytes / 1e6).toFixed(1)} MB, ${kb.planted.length} planted copies, in ${Math.round(performance.now() - started)} ms: ${out}`,
  );
}
