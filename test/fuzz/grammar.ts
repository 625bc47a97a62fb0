// Grammar-aware generators (fast-check arbitraries) for help-centre Markdown as the generators
// write it: headings (ATX, setext, `{#id}`), paragraphs of support sentences with facts, dates and
// placeholders, lists, tables, fences, HTML, front matter (valid and broken YAML), links of every
// kind (relative, anchors, absolute, site URLs, wikilinks, HTML, shortcodes) and each flavour's
// syntax (MDX imports and components, admonitions, callouts, content tabs, Hugo shortcodes,
// Liquid tags); then the bytes: line endings, a BOM, invalid UTF-8, NUL, and huge or tiny values.
// Every word here was written for this file.
import fc from 'fast-check';
import type { FlavorId } from '../../src/core/flavor/types';
import type { FuzzCase } from './case';

const WORDS = [
  'refund', 'refunds', 'order', 'orders', 'password', 'reset', 'invoice', 'account', 'card', 'payment', 'delivery', 'shipping',
  'return', 'exchange', 'subscription', 'plan', 'cancel', 'upgrade', 'backup', 'restore', 'sign', 'in', 'two-factor', 'app',
  'the', 'a', 'your', 'we', 'you', 'can', 'take', 'takes', 'within', 'days', 'hours', 'business', 'after', 'before', 'how',
  'do', 'I', 'what', 'is', 'to', 'of', 'and', 'or', 'not', 'only', 'every', 'month', 'free', 'fee', 'limit', 'dashboard',
  'settings', 'support', 'contact', 'team', 'email', 'phone', 'chat', 'Windows', 'macOS', 'Linux', 'iOS', 'Android',
];
const PLACEHOLDERS = ['TODO', 'TBD', 'FIXME', 'lorem ipsum dolor', '[insert link]', 'XXX', '<placeholder>', 'Coming soon', '???', '{{ product_name }}'];
const ODD_TEXT = [
  '', ' ', '\t', '\u00a0', '\u200b', '\u202e', 'é', 'e\u0301', '日本語のヘルプ', 'مرحبا', '🙂', '👩🏽‍💻', '\ufffd', '\ud800', '\udc00',
  '\\', '\\*', '&amp;', '&#0;', '&nbsp', '<', '>', '"', "'", '`', '``', '*', '_', '~~', '|', '[', ']', '(', ')', '{', '}', '#', '!', ':', '---',
];
const FILE_STEMS = ['index', 'README', '_index', 'refunds', 'billing/invoices', 'guides/install', 'guides/02-schedule', 'a b', 'Ünïcode', 'faq', 'setup/index', 'extras/forgotten', 'Home', 'Refund policy'];
const ANCHORS = ['', 'install', 'install-steps', 'how-do-i-get-a-refund', 'enable', 'missing', 'Überblick', '1', 'a-b-c', 'get-it'];
export const FLAVORS: readonly (FlavorId | 'auto')[] = ['auto', 'plain', 'github', 'docusaurus', 'mkdocs', 'hugo', 'mdbook', 'obsidian', 'docfx', 'jekyll'];
const RULE_IDS = ['thin-answer', 'placeholder', 'broken-link', 'empty-section', 'wall-of-text', 'stale-review', 'near-duplicate', 'link-only', 'unknown-rule', ''];

const word = fc.constantFrom(...WORDS);
const smallInt = fc.integer({ min: 0, max: 120 });
const hugeInt = fc.oneof(fc.constant('9'.repeat(40)), fc.constant('-0'), fc.constant('1e309'), fc.constant('NaN'), fc.constant('0.000000001'));

const date = fc.oneof(
  fc.tuple(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(
    ([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
  ),
  fc.constantFrom('2020-02-30', '2026-06-15', '01/02/2024', '12/31/1999', 'June 3, 2025', '2024-13-01', '0000-00-00', '2026-06-15T25:61:00Z', 'yesterday', '9999-12-31'),
);

/** A sentence a help article would say: facts with numbers, prices, dates, deadlines, and plain words. */
const sentence = fc.oneof(
  { weight: 4, arbitrary: fc.array(word, { minLength: 1, maxLength: 14 }).map((w) => w.join(' ') + '.') },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('Refunds', 'Deliveries', 'Password resets', 'Exchanges', 'Card payments'), smallInt, fc.constantFrom('days', 'business days', 'hours', 'minutes', 'weeks')).map(([s, n, u]) => `${s} take ${n} ${u}.`) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('The fee is', 'The plan costs', 'The limit is'), fc.oneof(smallInt.map(String), hugeInt), fc.constantFrom('€', '$', ' USD', '%', '')).map(([s, n, c]) => `${s} ${c === '$' ? '$' + n : n + c}.`) },
  { weight: 1, arbitrary: fc.tuple(date, fc.nat(2)).map(([d, k]) => [`Valid until ${d}.`, `This offer ends on ${d}.`, `Updated ${d}.`][k]) },
  { weight: 1, arbitrary: fc.constantFrom(...PLACEHOLDERS) },
  { weight: 1, arbitrary: fc.constantFrom('For example:', 'Example:', 'Note:', 'Q: How do I reset my password?', 'A: Use the reset link.', 'Contact support.', 'See below.', 'Yes.', 'No.') },
  { weight: 1, arbitrary: fc.constantFrom(...ODD_TEXT) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
);

const linkTarget = fc.oneof(
  fc.tuple(fc.constantFrom(...FILE_STEMS), fc.constantFrom('.md', '.mdx', '', '/', '.html', '.markdown'), fc.constantFrom(...ANCHORS)).map(
    ([stem, ext, anchor]) => `${stem}${ext}${anchor ? '#' + anchor : ''}`,
  ),
  fc.tuple(fc.constantFrom('./', '../', '../../', '/', '/docs/', '/en/', '~/', '//'), fc.constantFrom(...FILE_STEMS), fc.constantFrom('.md', '', '/')).map(([a, b, c]) => a + b + c),
  fc.constantFrom(...ANCHORS).map((a) => `#${a}`),
  fc.constantFrom('https://example.test/help', 'https://help.terncloud.test/docs/extras/billing-faq', 'http://localhost:3000/docs/intro', 'mailto:help@example.test', 'tel:+100', 'javascript:alert(1)', 'ftp://x', ''),
  fc.constantFrom('a%20b.md', '%E0%A4%A.md', '%', 'a b.md', '<a b.md>', 'refunds.md?x=1#y', '..', '.', '../..', 'C:\\docs\\x.md', 'file:///etc/passwd'),
);

const inline: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: sentence },
  { weight: 3, arbitrary: fc.tuple(sentence, linkTarget).map(([t, h]) => `[${t}](${h})`) },
  { weight: 1, arbitrary: fc.tuple(sentence, linkTarget, fc.string({ maxLength: 8 })).map(([t, h, title]) => `[${t}](${h} "${title}")`) },
  { weight: 1, arbitrary: fc.tuple(sentence, linkTarget).map(([t, h]) => `![${t}](${h})`) },
  { weight: 1, arbitrary: fc.tuple(sentence, fc.constantFrom('ref', 'r1', 'Ref Name')).map(([t, r]) => `[${t}][${r}]`) },
  { weight: 1, arbitrary: linkTarget.map((h) => `<${h}>`) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...FILE_STEMS), fc.constantFrom(...ANCHORS), fc.option(sentence), fc.boolean()).map(([n, a, l, embed]) => `${embed ? '!' : ''}[[${n}${a ? '#' + a : ''}${l !== null ? '|' + l : ''}]]`) },
  { weight: 1, arbitrary: fc.tuple(linkTarget, sentence).map(([h, t]) => `<a href="${h}">${t}</a>`) },
  { weight: 1, arbitrary: fc.constantFrom('<br>', '<br/>', '<kbd>Ctrl</kbd>', '<span id="anchor">x</span>', '<a name="old-anchor"></a>', '<img src="x.png" />', '<Highlight color="red">text</Highlight>', '<b>', '</b>') },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('ref', 'relref', 'notice', 'page-ref', 'youtube'), linkTarget, fc.nat(3)).map(([n, h, k]) => [`{{< ${n} "${h}" >}}`, `{{% ${n} page="${h}" %}}`, `{{< ${n} >}}`, `{{<`][k]) },
  { weight: 1, arbitrary: fc.constantFrom('{% include note.html %}', '{{ page.title }}', '{% raw %}', '{% endraw %}', '{%', '{{', '}}', '{% link guides/install.md %}', '{{ site.baseurl }}/x') },
  { weight: 1, arbitrary: fc.constantFrom('{/* an MDX comment */}', '{/*', '<Tabs>', '</Tabs>', '<TabItem value="a">', '<DocCardList />', '{props.x}') },
  { weight: 2, arbitrary: fc.tuple(sentence, fc.nat(6)).map(([s, k]) => [`*${s}*`, `**${s}**`, `\`${s}\``, `~~${s}~~`, `_${s}_`, `***${s}`, `\`\`${s}\``][k]) },
);

/** A line of inline content: a few inline pieces. */
export const inlineLine = fc.array(inline, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(' '));
const headingText = fc.oneof(
  { weight: 4, arbitrary: fc.array(word, { minLength: 1, maxLength: 7 }).map((w) => w.join(' ')) },
  { weight: 2, arbitrary: fc.constantFrom('How do I get a refund?', 'Refunds', 'See also', 'Related articles', "What's next?", 'Question', 'Answer', 'Example', 'Examples', 'Overview', 'Troubleshooting', 'Downloads', 'FAQ', 'Before you start', 'Prerequisites', 'Steps') },
  { weight: 1, arbitrary: inlineLine },
);

const eolLines = (lines: string[]) => lines.join('\n');

const heading = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(fc.integer({ min: 1, max: 7 }), headingText, fc.option(fc.constantFrom(...ANCHORS, 'x.y:z', '-bad'))).map(([l, t, id]) => `${'#'.repeat(l)} ${t}${id !== null ? ` {#${id}}` : ''}`) },
  { weight: 1, arbitrary: fc.tuple(headingText, fc.constantFrom('===', '---', '=', '- - -')).map(([t, u]) => `${t}\n${u}`) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 6 }), headingText, fc.nat(4)).map(([l, t, k]) => [`${'#'.repeat(l)}${t}`, `${'#'.repeat(l)} ${t} ${'#'.repeat(l)}`, `   ${'#'.repeat(l)} ${t}`, `${'#'.repeat(l)}`, `${'#'.repeat(l)} { #${t} }`][k]) },
);

const paragraph = fc.array(inlineLine, { minLength: 1, maxLength: 5 }).map(eolLines);

const list = fc.tuple(fc.constantFrom('- ', '* ', '+ ', '1. ', '1) ', '- [ ] ', '- [x] '), fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), inlineLine), { minLength: 1, maxLength: 8 }), fc.boolean()).map(
  ([marker, items, loose]) => items.map(([depth, text], i) => `${'  '.repeat(depth)}${/\d/.test(marker) ? marker.replace('1', String(i + 1)) : marker}${text}`).join(loose ? '\n\n' : '\n'),
);

const tableCell = fc.oneof(inline, fc.constant(''), fc.constant('\\|'));
const table = fc.tuple(fc.integer({ min: 1, max: 5 }), fc.array(fc.array(tableCell, { minLength: 0, maxLength: 6 }), { minLength: 0, maxLength: 6 }), fc.boolean()).map(([cols, rows, delimiter]) => {
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const header = row(Array.from({ length: cols }, (_, i) => `Column ${i}`));
  const out = [header];
  if (delimiter) out.push(row(Array.from({ length: cols }, (_, i) => [':--', '--:', ':-:', '---'][i % 4])));
  for (const r of rows) out.push(row(r));
  return eolLines(out);
});

const fence = fc.tuple(fc.constantFrom('```', '~~~', '````', '```js', '``` yaml', '~~~ {.python}', '```mermaid'), fc.array(fc.oneof(inlineLine, fc.constantFrom('---', '# not a heading', '```', ':::note', '{{< x >}}', 'import X from "y"')), { maxLength: 6 }), fc.constantFrom('close', 'open', 'short')).map(
  ([open, body, end]) => eolLines([open, ...body, ...(end === 'close' ? [open.replace(/[^`~].*$/, '')] : end === 'short' ? ['``'] : [])]),
);

const indentedCode = fc.array(inlineLine, { minLength: 1, maxLength: 3 }).map((lines) => lines.map((l) => '    ' + l).join('\n'));

const blockquote = fc.tuple(fc.option(fc.constantFrom('NOTE', 'TIP', 'WARNING', 'important', 'danger', 'x')), fc.array(inlineLine, { minLength: 1, maxLength: 3 }), fc.constantFrom('', '+', '-')).map(
  ([callout, lines, fold]) => eolLines([...(callout !== null ? [`> [!${callout}]${fold} ${lines[0]}`] : []), ...lines.map((l) => `> ${l}`)]),
);

const html = fc.oneof(
  fc.constantFrom(
    '<div class="note">\nRefunds take 5 days.\n</div>',
    '<details>\n<summary>More</summary>\n\nHidden text.\n\n</details>',
    '<script>\nvar x = "<!--";\n</script>',
    '<style>p { color: red }</style>',
    '<head>\n  <script type="application/ld+json">\n    {"@type": "FAQPage"}\n  </script>\n</head>',
    '<!-- a comment -->',
    '<!--\nan unclosed comment',
    '<iframe src="https://example.test/video"></iframe>',
    '<a id="legacy-anchor"></a>',
    '<p align="center">\n  <img src="logo.png">\n</p>',
    '<Component\n  prop="x"\n  other={1}\n/>',
    '<svg><path d="M0 0"/></svg>',
  ),
  fc.tuple(fc.constantFrom('kb-audit-disable-next-line', 'kb-audit-disable-line', 'kb-audit-disable', 'kb-audit-enable'), fc.array(fc.constantFrom(...RULE_IDS), { maxLength: 3 })).map(
    ([kind, ids]) => `<!-- ${kind} ${ids.join(', ')} -->`,
  ),
);

const admonition = fc.oneof(
  fc.tuple(fc.constantFrom(':::', '::::', ':::::'), fc.constantFrom('note', 'tip', 'warning', 'info', 'danger', 'details', ''), fc.option(headingText), fc.array(inlineLine, { minLength: 0, maxLength: 3 }), fc.boolean()).map(
    ([f, type, title, body, closed]) => eolLines([`${f}${type}${title !== null ? ' ' + title : ''}`, ...body, ...(closed ? [f] : [])]),
  ),
  fc.tuple(fc.constantFrom('!!!', '???', '???+'), fc.constantFrom('note', 'tip', 'warning', 'example'), fc.option(headingText), fc.array(inlineLine, { minLength: 0, maxLength: 3 }), fc.constantFrom('    ', '  ', '\t')).map(
    ([mark, type, title, body, indent]) => eolLines([`${mark} ${type}${title !== null ? ` "${title}"` : ''}`, '', ...body.map((b) => indent + b)]),
  ),
  fc.tuple(fc.array(fc.tuple(fc.constantFrom('Windows', 'macOS', 'Linux', ''), fc.array(inlineLine, { maxLength: 2 })), { minLength: 1, maxLength: 3 })).map(([tabs]) =>
    tabs.map(([name, body]) => eolLines([`=== "${name}"`, '', ...body.map((b) => '    ' + b)])).join('\n\n'),
  ),
);

const dialectLine = fc.oneof(
  fc.constantFrom("import Tabs from '@theme/Tabs';", "import TabItem from '@theme/TabItem';", 'export const meta = { a: 1 };', "import { x } from './x.mdx'", 'export default Layout'),
  fc.constantFrom('<Tabs>\n  <TabItem value="desktop" label="Desktop">\n\nOpen the app.\n\n  </TabItem>\n</Tabs>', '{/* comment\nover lines */}', '<DocCardList />'),
  fc.constantFrom('{{< notice warning >}}\nCards expire.\n{{< /notice >}}', '{{% tab "Windows" %}}\nRun it.\n{{% /tab %}}', '{{< page-ref page="accounts/two-factor" >}}', '{{< relref "billing/card-limits.md" >}}'),
  fc.constantFrom('{% include warning.md %}', '{% if site.x %}\nMaybe.\n{% endif %}', '{% comment %}\nhidden\n{% endcomment %}', '{{ include.text }}'),
  fc.constantFrom('[ref]: https://example.test "Title"', '[r1]: refunds.md', '[Ref Name]: <a b.md>', '[bad]: '),
  fc.constantFrom('***', '---', '___', '', '   ', '\\', '+++', '...', '|', '- ', '1.', '>', '#'),
);

/** One block of an article body. */
export const block: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: heading },
  { weight: 6, arbitrary: paragraph },
  { weight: 2, arbitrary: list },
  { weight: 1, arbitrary: table },
  { weight: 1, arbitrary: fence },
  { weight: 1, arbitrary: indentedCode },
  { weight: 1, arbitrary: blockquote },
  { weight: 1, arbitrary: html },
  { weight: 2, arbitrary: admonition },
  { weight: 2, arbitrary: dialectLine },
);

const yamlValue = fc.oneof(
  date,
  fc.array(word, { minLength: 1, maxLength: 5 }).map((w) => w.join(' ')),
  fc.constantFrom('true', 'null', '~', '[]', '{}', '[a, b]', '"quoted: value"', "'single'", '|', '>-', '*alias', '&anchor x', '!!binary aGk=', '0x1F', '1e3', '.inf', '-', '[unclosed', '"unclosed', '{a: [b, }', ': x', '@at', '`tick`', '%TAG'),
  sentence.map((s) => JSON.stringify(s)),
);
const yamlKey = fc.constantFrom('title', 'description', 'last_reviewed', 'reviewed', 'updated', 'date', 'ms.date', 'owner', 'tags', 'slug', 'id', 'sidebar_position', 'draft', 'aliases', 'expires', 'review_by', 'Title', 'title ', '? complex', '- item', 'x');
const yamlLine = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(yamlKey, yamlValue).map(([k, v]) => `${k}: ${v}`) },
  { weight: 1, arbitrary: fc.tuple(yamlKey, fc.array(word, { minLength: 1, maxLength: 3 })).map(([k, items]) => `${k}:\n${items.map((i) => `  - ${i}`).join('\n')}`) },
  { weight: 1, arbitrary: fc.constantFrom('\tindented: with a tab', '  bad indent: x', 'no colon here', 'a: b: c', 'key: [1, 2', '- a list item', 'title: x\ntitle: y', 'x: &a [1]\ny: *a', 'multi: |\n  line one\n  line two', '#comment', ''.padEnd(3, ' ')) },
);
/** Front matter: none, valid, broken, or never closed. */
export const frontMatter = fc.oneof(
  { weight: 3, arbitrary: fc.constant('') },
  { weight: 4, arbitrary: fc.tuple(fc.array(yamlLine, { maxLength: 7 }), fc.constantFrom('---', '...', '---  ')).map(([lines, close]) => eolLines(['---', ...lines, close]) + '\n') },
  { weight: 1, arbitrary: fc.array(yamlLine, { maxLength: 4 }).map((lines) => eolLines(['---', ...lines]) + '\n') },
  { weight: 1, arbitrary: fc.constantFrom('---\n---\n', '---\n', '--- \n\n---\n', '+++\ntitle = "toml"\n+++\n', '---\ntitle: "a\n---\n', '\n---\ntitle: late\n---\n') },
  // Nesting, up to far deeper than any reader should recurse.
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('[', '{a: ', '- ', '? ', 'indent'), fc.integer({ min: 1, max: 5000 }), fc.boolean())
      .map(([open, n, closed]) =>
        open === 'indent'
          ? `---\n${Array.from({ length: Math.min(n, 400) }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')}\n---\n`
          : `---\nkey: ${open.repeat(n)}${closed && open === '[' ? ']'.repeat(n) : 'x'}\n---\n`,
      ),
  },
);

/** Blowing one value up, or cutting it down. */
const extreme = fc.oneof(
  fc.tuple(fc.constantFrom('a', 'word ', '#', '- ', '> ', '*', '[', '](', '`', '|', ':::', '{{<', '<!--', '\\', '日本', '🙂'), fc.integer({ min: 100, max: 20_000 })).map(([s, n]) => s.repeat(n)),
  fc.integer({ min: 50, max: 600 }).map((n) => Array.from({ length: n }, (_, i) => `## Section ${i % 37}\n\nRefunds take ${i} days.`).join('\n\n')),
  fc.integer({ min: 20, max: 200 }).map((n) => Array.from({ length: n }, (_, i) => '  '.repeat(i) + '- item').join('\n')),
  fc.integer({ min: 20, max: 200 }).map((n) => '>'.repeat(n) + ' deep'),
  fc.integer({ min: 1, max: 3000 }).map((n) => '\n'.repeat(n)),
);

export const body = fc.oneof(
  { weight: 12, arbitrary: fc.array(block, { minLength: 0, maxLength: 14 }).map((blocks) => blocks.join('\n\n')) },
  { weight: 2, arbitrary: fc.array(fc.oneof(block, extreme), { minLength: 1, maxLength: 3 }).map((blocks) => blocks.join('\n\n')) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\n', '#', '---', '\r', '\r\n', 'a') },
);

export const article = fc.tuple(frontMatter, body).map(([fm, b]) => fm + b);

type ByteTransform = (bytes: Uint8Array) => Uint8Array;

const INVALID_SEQUENCES = [[0xff], [0xc0, 0x80], [0x80], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf0, 0x9f, 0x99], [0xfe, 0xfe], [0xc3]];

function insertAt(bytes: Uint8Array, at: number, extra: number[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(bytes.length + extra.length);
  out.set(bytes.subarray(0, at));
  out.set(extra, at);
  out.set(bytes.subarray(at), at + extra.length);
  return out;
}

/** What happens to the text on its way to bytes: line endings, a BOM, invalid UTF-8, a NUL. */
const byteTransform: fc.Arbitrary<ByteTransform> = fc.tuple(
  fc.constantFrom('\n', '\n', '\n', '\r\n', '\r', 'mixed'),
  fc.boolean(), // a BOM
  fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...INVALID_SEQUENCES)), { maxLength: 3 }),
  fc.constantFrom(false, false, false, false, false, false, false, false, false, true), // a NUL
).map(([eol, bom, invalid, nul]) => (bytes: Uint8Array) => {
  let text = new TextDecoder().decode(bytes);
  if (eol === 'mixed') {
    let i = 0;
    text = text.replace(/\n/g, () => ['\n', '\r\n', '\r'][i++ % 3]);
  } else if (eol !== '\n') text = text.replace(/\n/g, eol);
  let out: Uint8Array<ArrayBuffer> = new TextEncoder().encode((bom ? '\ufeff' : '') + text);
  for (const [where, seq] of invalid) out = insertAt(out, Math.floor(where * out.length), seq);
  if (nul) out = insertAt(out, Math.floor(out.length / 2), [0]);
  return out;
});

/** The bytes of one article. */
export const articleBytes = fc.tuple(article, byteTransform, fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) })).map(([text, transform, raw]) =>
  raw ? new TextEncoder().encode(text) : transform(new TextEncoder().encode(text)),
);

const fileName = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...FILE_STEMS), fc.constantFrom('.md', '.md', '.md', '.mdx', '.markdown')).map(([s, e]) => s + e) },
  { weight: 1, arbitrary: fc.constantFrom('SUMMARY.md', 'toc.md', 'node_modules/x.md', '.hidden.md', 'deep/a/b/c/d/e/f.md', 'notes.txt', 'UPPER.MD', 'CONTRIBUTING.md', 'CHANGELOG.md') },
);

export const question = fc.oneof(
  { weight: 4, arbitrary: fc.array(word, { minLength: 1, maxLength: 12 }).map((w) => w.join(' ') + '?') },
  { weight: 2, arbitrary: headingText },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '?', 'how do I get a refund for my order', 'can i cancel', 'hi', 'ok thanks', 'qwertyuiop asdfghjkl', '🙂', 'refund'.repeat(200), 'a b c d e f g h i j k l m n o p q r s t u v w x y z') },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
);

const mkdocsNav = (names: string[]) =>
  fc.oneof(
    fc.constant(eolLines(['site_name: Help', 'site_url: https://help.example.test/', 'nav:', ...names.map((n, i) => `  - ${i % 2 ? `'Page ${i}': ` : ''}${n}`)]) + '\n'),
    fc.constantFrom('site_name: [unclosed\n', 'nav: 3\n', 'docs_dir: elsewhere\n', 'nav:\n  - Section:\n    - a.md\n    - {x: y}\n', 'site_url: not a url\nplugins:\n  - macros\n'),
  );
const summary = (names: string[]) =>
  fc.oneof(
    fc.constant(eolLines(['# Summary', '', ...names.map((n, i) => `${i % 3 === 2 ? '    ' : ''}- [Chapter ${i}](${n.replace(/ /g, '%20')})`), '', '---', '', '[Draft]()']) + '\n'),
    fc.constantFrom('# Summary\n\n- [Bad](%E0%A4%A.md)\n- [](\n', '- [a](<a b.md>)\n', ''),
  );

/** The generator's files for a folder of articles `names`, and where the articles go. */
type SiteFiles = Record<string, string>;

function siteFor(flavor: FlavorId | 'auto', names: string[]): fc.Arbitrary<{ docsDir: string; siteFiles: SiteFiles }> {
  switch (flavor) {
    case 'mkdocs':
      return mkdocsNav(names).map((yml) => ({ docsDir: 'docs', siteFiles: { 'mkdocs.yml': yml } }));
    case 'mdbook':
      return summary(names).map((s) => ({ docsDir: 'src', siteFiles: { 'book.toml': '[book]\ntitle = "Help"\nsrc = "src"\n', 'src/SUMMARY.md': s } }));
    case 'docusaurus':
      return fc.constantFrom<SiteFiles>(
        { 'docusaurus.config.js': "module.exports = { url: 'https://help.example.test', baseUrl: '/' };\n", 'sidebars.js': `module.exports = { docs: [${names.map((n) => `'${n.replace(/\.mdx?$/, '')}'`).join(', ')}] };\n` },
        { 'docusaurus.config.js': 'export default {', 'sidebars.js': "module.exports = { docs: [{ type: 'autogenerated', dirName: '.' }] };\n" },
        { 'docusaurus.config.ts': '' },
      ).map((siteFiles) => ({ docsDir: 'docs', siteFiles }));
    case 'hugo':
      return fc.constantFrom<SiteFiles>({ 'hugo.toml': 'baseURL = "https://help.example.test/"\ndefaultContentLanguage = "en"\n' }, { 'hugo.toml': 'baseURL = [\n' }, { 'config.toml': '' }).map((siteFiles) => ({
        docsDir: 'content',
        siteFiles,
      }));
    case 'docfx':
      return fc.constantFrom<SiteFiles>({ 'docfx.json': '{"build": {"content": [{"files": ["**/*.md"]}]}}' }, { 'docfx.json': '{', 'docs/toc.yml': '- name: A\n  href: refunds.md\n- name: [\n' }).map((siteFiles) => ({ docsDir: 'docs', siteFiles }));
    case 'jekyll':
      return fc.constantFrom<SiteFiles>({ '_config.yml': 'url: https://help.example.test\nbaseurl: /help\n' }, { '_config.yml': ': : :\n' }).map((siteFiles) => ({ docsDir: 'docs', siteFiles }));
    case 'obsidian':
      return fc.constant({ docsDir: 'docs', siteFiles: { 'docs/.obsidian/app.json': '{}' } });
    case 'github':
      return fc.constant({ docsDir: 'docs', siteFiles: { '.github/CODEOWNERS': '* @team\n' } });
    default:
      return fc.constant({ docsDir: 'docs', siteFiles: {} });
  }
}

const configFile = fc.oneof(
  { weight: 6, arbitrary: fc.constant(null) },
  {
    weight: 2,
    arbitrary: fc
      .record({
        rules: fc.dictionary(
          fc.constantFrom(...RULE_IDS.filter(Boolean), 'missing-section', 'dead-end', 'boilerplate', 'missing-front-matter', 'coverage-gap', 'duplicate-question'),
          fc.constantFrom<unknown>(
            'off',
            'error',
            'info',
            { severity: 'warning', minWords: 3 },
            { required: [{ files: ['**'], headings: ['^how long', 'cost', '(unclosed', '.*'] }] },
            { phrases: ['contact support', 'see below'], maxWords: 5 },
            { minArticles: 2, minWords: 1 },
            { fields: ['owner', 'last_reviewed', 'title'] },
            { include: ['guides/**'], exclude: ['**/index.md'] },
            { ignore: ['^Contact'] },
          ),
        ),
        routing: fc.constantFrom({}, { threshold: 0 }, { threshold: 1 }, { clarifyMargin: 0.5 }, { synonyms: { refund: ['money back'] } }),
        siteUrl: fc.constantFrom(undefined, 'https://help.example.test/', 'not a url'),
      })
      .map((c) => JSON.stringify(c, null, 2)),
  },
  { weight: 1, arbitrary: fc.constantFrom('{', '// comment only', '{"rules": {"thin-answer": "loud"}}', '[]', '{"include": ["**/*.md"], "exclude": ["extras/**"]} trailing', '{"routing": {"threshold": 2}}') },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 100_000 }).map((n) => `{"rules": {"placeholder": ${'['.repeat(n)}${']'.repeat(n)}}}`) },
);

const encode = (text: string) => new TextEncoder().encode(text);

/** How a site keeps its translations (see src/core/locale/layout.ts), and which language. */
const translationLayout = fc.tuple(fc.constantFrom('folder', 'suffix', 'docusaurus', 'front-matter'), fc.constantFrom('fr', 'de', 'ja', 'pt-br', 'zh-Hans', 'xx', 'EN'));
/** What a translation does to its source: a faithful copy, figures changed, a line lost, emptied, or missing. */
const translationEdit = fc.constantFrom('same', 'figures', 'drop-line', 'empty', 'missing');

function translatedPath(layout: string, locale: string, name: string): string {
  switch (layout) {
    case 'folder':
      return `${locale}/${name}`;
    case 'suffix':
      return name.replace(/(\.[a-z]+)$/i, `.${locale}$1`);
    case 'docusaurus':
      return `i18n/${locale}/docusaurus-plugin-content-docs/current/${name}`;
    default:
      return `translated/${name}`;
  }
}

function translate(bytes: Uint8Array, edit: string, layout: string, locale: string): Uint8Array {
  let text = new TextDecoder().decode(bytes);
  if (edit === 'figures') text = text.replace(/\d/g, (d) => String((Number(d) + 3) % 10));
  else if (edit === 'drop-line') text = text.split('\n').filter((_, i) => i % 4 !== 1).join('\n');
  else if (edit === 'empty') text = '';
  if (layout === 'front-matter') text = text.startsWith('---\n') ? `---\nlang: ${locale}\n${text.slice(4)}` : `---\nlang: ${locale}\n---\n${text}`;
  return encode(text);
}

/** A docs folder of a few articles, links among them likely, blocks shared between them sometimes. */
export const folderCase: fc.Arbitrary<FuzzCase> = fc
  .tuple(fc.constantFrom(...FLAVORS), fc.uniqueArray(fileName, { minLength: 1, maxLength: 6 }), fc.array(block, { minLength: 1, maxLength: 6 }))
  .chain(([flavor, names, shared]) =>
    fc
      .tuple(
        fc.array(articleBytes, { minLength: names.length, maxLength: names.length }),
        fc.array(fc.subarray(shared), { minLength: names.length, maxLength: names.length }),
        siteFor(flavor, names),
        configFile,
        fc.array(question, { maxLength: 5 }),
        fc.option(fc.tuple(translationLayout, fc.array(translationEdit, { minLength: names.length, maxLength: names.length })), { freq: 3 }),
      )
      .map(([bytes, sharedBlocks, site, config, questions, translations]) => {
        const files: Record<string, Uint8Array> = {};
        names.forEach((name, i) => {
          // Blocks shared between articles make duplicates and conflicts.
          const extra = sharedBlocks[i].length ? encode('\n\n' + sharedBlocks[i].join('\n\n') + '\n') : new Uint8Array();
          const merged = new Uint8Array(bytes[i].length + extra.length);
          merged.set(bytes[i]);
          merged.set(extra, bytes[i].length);
          files[name] = merged;
        });
        // Translated copies, in one of the layouts the locale layer reads.
        if (translations) {
          const [[layout, locale], edits] = translations;
          names.forEach((name, i) => {
            if (edits[i] !== 'missing') files[translatedPath(layout, locale, name)] = translate(files[name], edits[i], layout, locale);
          });
        }
        const siteFiles: Record<string, Uint8Array> = {};
        for (const [path, text] of Object.entries(site.siteFiles)) siteFiles[path] = encode(text);
        if (config !== null) siteFiles['kb-audit.json'] = encode(config);
        return { target: 'folder', flavor, files, docsDir: site.docsDir, siteFiles, questions } satisfies FuzzCase;
      }),
  );

/** One article, audited as one of the flavours. */
export const articleCase: fc.Arbitrary<FuzzCase> = fc
  .tuple(fc.constantFrom(...FLAVORS.filter((f) => f !== 'auto')), fc.constantFrom('article.md', 'article.mdx', 'index.md', '_index.md', 'README.md'), articleBytes, fc.array(question, { maxLength: 3 }))
  .map(([flavor, name, bytes, questions]) => ({ target: 'article', flavor, files: { [name]: bytes }, questions }) satisfies FuzzCase);
