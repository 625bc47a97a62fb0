// Mutations of corpus entries (inputs that reached new code): grammar-aware splices of generated
// blocks and lines, a few characters repeated thousands of times, line deletions and copies across
// files (the articles and the site's files), byte-level damage, another flavour,
// a question made of the article's own words. Bytes are handled as latin1 strings, so invalid
// UTF-8 survives every edit untouched.
import fc from 'fast-check';
import { FLAVORS, block, inlineLine, question } from './grammar';
import { cloneCase, type FuzzCase } from './case';

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
const fromLatin1 = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));
const utf8AsLatin1 = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

const DAMAGE = ['\xff', '\xc0\x80', '\x80', '\xe2\x82', '\xed\xa0\x80', '\xef\xbb\xbf', '\r', '\r\n', '\t', '\x00', '\x0b', '\x0c', '\u001b'];

type Op =
  | { op: 'insert-block'; at: number; text: string }
  | { op: 'replace-line'; at: number; text: string }
  | { op: 'delete-lines'; at: number; count: number }
  | { op: 'copy-lines'; at: number; count: number; to: number; toFile: number }
  | { op: 'damage'; at: number; bytes: string }
  | { op: 'repeat'; at: number; length: number; times: number }
  | { op: 'eol'; eol: string }
  | { op: 'flavor'; flavor: FuzzCase['flavor'] }
  | { op: 'question'; at: number; text: string | null }
  | { op: 'rename'; name: string };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('insert-block' as const), at: fc.nat(), text: block }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('replace-line' as const), at: fc.nat(), text: inlineLine }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete-lines' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 8 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('copy-lines' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 12 }), to: fc.nat(), toFile: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('damage' as const), at: fc.nat(), bytes: fc.constantFrom(...DAMAGE) }) },
  // A few characters repeated thousands of times: the input that makes a pattern which retries
  // from every start quadratic.
  { weight: 1, arbitrary: fc.record({ op: fc.constant('repeat' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 6 }), times: fc.integer({ min: 1000, max: 20_000 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('eol' as const), eol: fc.constantFrom('\n', '\r\n', '\r') }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('flavor' as const), flavor: fc.constantFrom(...FLAVORS) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('question' as const), at: fc.nat(), text: fc.option(question) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('rename' as const), name: fc.constantFrom('a.mdx', 'x/index.md', 'README.md', '_index.md', 'ü.md', 'SUMMARY.md') }) },
);

/** A plan: which file each op touches and the ops themselves. */
export const mutationPlan = fc.array(fc.tuple(fc.nat(), op), { minLength: 1, maxLength: 4 });

/** Marks the site's files (generator configuration, kb-audit.json) among the docs while mutating. */
const SITE = '\0site:';

export function mutate(source: FuzzCase, plan: Array<[number, Op]>): FuzzCase {
  const c = cloneCase(source);
  // The site's files are damaged as the articles are: a generator's config is text a team wrote.
  const files: Record<string, Uint8Array> = { ...c.files };
  for (const [path, bytes] of Object.entries(c.siteFiles ?? {})) files[SITE + path] = bytes;
  for (const [fileIndex, o] of plan) {
    const names = Object.keys(files);
    if (names.length === 0) break;
    const name = names[fileIndex % names.length];
    let lines = latin1(files[name]).split('\n');
    const at = (n: number, extra = 0) => n % (lines.length + extra);
    switch (o.op) {
      case 'insert-block':
        lines.splice(at(o.at, 1), 0, ...utf8AsLatin1(o.text).split('\n'));
        break;
      case 'replace-line':
        lines[at(o.at)] = utf8AsLatin1(o.text);
        break;
      case 'delete-lines':
        lines.splice(at(o.at), o.count);
        break;
      case 'copy-lines': {
        const copied = lines.slice(at(o.at), at(o.at) + o.count);
        const target = names[o.toFile % names.length];
        const targetLines = target === name ? lines : latin1(files[target]).split('\n');
        targetLines.splice(o.to % (targetLines.length + 1), 0, ...copied);
        if (target !== name) files[target] = fromLatin1(targetLines.join('\n'));
        break;
      }
      case 'damage': {
        const text = lines.join('\n');
        const i = o.at % (text.length + 1);
        lines = (text.slice(0, i) + o.bytes + text.slice(i)).split('\n');
        break;
      }
      case 'repeat': {
        const text = lines.join('\n');
        const i = o.at % (text.length + 1);
        const unit = text.slice(i, i + o.length) || '](';
        lines = (text.slice(0, i) + unit.repeat(o.times) + text.slice(i)).split('\n');
        break;
      }
      case 'eol':
        lines = lines.map((l) => l.replace(/\r$/, ''));
        lines = lines.join(o.eol).split('\n');
        break;
      case 'flavor':
        c.flavor = c.target === 'article' && o.flavor === 'auto' ? 'plain' : o.flavor;
        break;
      case 'question': {
        // A question in the article's own words routes somewhere: the paths after the threshold.
        const words = lines[at(o.at)].replace(/[^\w\s]/g, ' ').trim();
        c.questions = [...c.questions.slice(0, 5), o.text ?? (words || 'refund')];
        break;
      }
      case 'rename':
        if (!name.startsWith(SITE) && (c.target === 'article' || !files[o.name])) {
          const renamed = Object.entries(files).map(([k, v]): [string, Uint8Array] => [k === name ? o.name : k, v]);
          for (const k of Object.keys(files)) delete files[k];
          Object.assign(files, Object.fromEntries(renamed));
          continue;
        }
        break;
    }
    if (files[name]) files[name] = fromLatin1(lines.join('\n'));
  }
  c.files = Object.fromEntries(Object.entries(files).filter(([k]) => !k.startsWith(SITE)));
  if (c.siteFiles) c.siteFiles = Object.fromEntries(Object.entries(files).flatMap(([k, v]) => (k.startsWith(SITE) ? [[k.slice(SITE.length), v]] : [])));
  return c;
}
