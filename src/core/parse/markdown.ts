import { createHash } from 'node:crypto';
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { matchesOf } from '../matches';
import { BLOCK_KINDS, Lines, type Article, type Block, type BlockKind, type Finding, type Link, type Section, type Suppression } from '../model';
import { decodeText } from './decode';
import { parseFrontMatter } from './frontMatter';
import { PLAIN_SYNTAX, prepareLines, WIKILINK_SCHEME, type SyntaxOptions } from './syntax';

// HTML off: raw HTML is text, never markup. Linkify off: bare URLs are text (and cannot slow parsing).
const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

/** markdown-it's tokens for a Markdown text, as CommonMark reads it (no flavour's syntax). */
export function markdownTokens(text: string): Token[] {
  return md.parse(text, {});
}

const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const SUPPRESSION = /<!--\s*kb-audit-(disable-next-line|disable-line|disable|enable)\b([^>]*?)-->/g;

export function slugify(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

const WORD_RUN = /[\p{L}\p{N}][\p{L}\p{N}'’._-]*/gu;
const NON_ASCII = /[^\x00-\x7f]/;

/** Words in `text`: runs that start with a letter or digit and go on through letters, digits and ' . _ - */
export function countWords(text: string): number {
  if (NON_ASCII.test(text)) {
    let n = 0;
    WORD_RUN.lastIndex = 0;
    while (WORD_RUN.exec(text)) n++;
    return n;
  }
  // ASCII: the same runs, counted without building them.
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const alnum = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
    if (alnum) {
      if (!inWord) n++;
      inWord = true;
    } else if (!(inWord && (c === 39 || c === 46 || c === 95 || c === 45))) inWord = false;
  }
  return n;
}

interface InlineText {
  text: string;
  links: Link[];
  /** Offsets of inline code in `text`, as Block.literals. */
  literals: number[];
}

function linkOf(address: string, label: string, line: number): Link {
  // Both are cut from larger strings (the parsed source, the paragraph being read), which a slice
  // would keep alive.
  const href = detached(address);
  const text = detached(label);
  if (!href.startsWith(WIKILINK_SCHEME)) return { href, text, line };
  let target = href.slice(WIKILINK_SCHEME.length);
  try {
    target = decodeURI(target);
  } catch {
    // kept as written
  }
  return { href: target, text, line, syntax: 'wikilink' };
}

/**
 * `text` as a string of its own. markdown-it's tokens hold slices of the whole source it parsed,
 * and V8 keeps a string a slice was cut from alive as long as the slice: one kept heading would
 * keep a second copy of its file in memory beside the article's lines. Short strings are always
 * copied by V8; a longer one is copied by joining two pieces of it, which writes the characters
 * into one new string (slicing a fresh concatenation kept the concatenation and a slice of it,
 * 32 bytes more, and joining one piece returns the piece itself).
 */
export function detached(text: string): string {
  return text.length < 13 ? text : [text.slice(0, 1), text.slice(1)].join('');
}

/** A file's text lines, as the parser cuts them. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** An article parsed elsewhere (in another thread, or kept by the cache), without its lines. */
export type DetachedArticle = Omit<Article, 'lines'>;

/**
 * A section as the parser makes it, every field in one object. A structured clone (the parse
 * worker's, the cache's) makes objects with room for four fields and puts the rest in an array
 * of their own; sections and blocks joined to their file again are made here anew, so that
 * they take what the parser's take, and have the same shape for the rules that read them.
 */
function sectionObject(id: string, file: string, heading: string, headingPath: string[], level: number, slug: string, startLine: number, endLine: number, blocks: Block[], wordCount: number, links: Link[]): Section {
  return { id, file, heading, headingPath, level, slug, startLine, endLine, blocks, wordCount, links };
}

/** A block as the parser makes it (see sectionObject). A list item's and a fence's own field is written with the others. */
function blockObject(kind: BlockKind, text: string, line: number, endLine: number, ordered: boolean | undefined, fenced: boolean | undefined): Block {
  return ordered !== undefined ? { kind, text, line, endLine, ordered } : fenced ? { kind, text, line, endLine, fenced } : { kind, text, line, endLine };
}

/** Each block kind's one string: a clone makes a string of its own of every block's. */
const KIND = new Map<string, BlockKind>(BLOCK_KINDS.map((kind) => [kind, kind]));

/**
 * An article parsed elsewhere, joined to its file's text again: its lines are cut from `text`,
 * and its headings and block texts, which a structured clone or the cache made strings of their
 * own, become slices of those lines again where the lines hold them as written. Lines are about
 * a third of what a clone of an article copies; this puts them back for a reference each.
 * Sections and blocks are made anew (see sectionObject); links and lists are kept.
 */
export function withFileText(article: DetachedArticle, text: string): Article {
  const lines = Lines.of(text);
  const ancestors: string[] = [];
  const sections = article.sections.map((sent) => {
    const heading = lines.written(sent.heading, sent.startLine) ?? sent.heading;
    // A cloned list has room to grow; a copy has none.
    const path = sent.headingPath.slice();
    if (sent.level > 0) {
      // Ancestors' headings are the very strings of the sections above, as the parser made them.
      ancestors.length = Math.min(ancestors.length, path.length - 1);
      for (let k = 0; k < path.length - 1; k++) if (ancestors[k] === path[k]) path[k] = ancestors[k];
      ancestors[path.length - 1] = heading;
    }
    path[path.length - 1] = heading;
    const blocks = sent.blocks.map((b) => {
      const block = blockObject(KIND.get(b.kind) ?? b.kind, lines.written(b.text, b.fenced ? b.line + 1 : b.line) ?? b.text, b.line, b.endLine, b.ordered, b.fenced);
      if (b.literals) block.literals = b.literals;
      if (b.aside) block.aside = b.aside;
      if (b.example) block.example = b.example;
      return block;
    });
    const section = sectionObject(sent.id, article.file, heading, path, sent.level, sent.slug, sent.startLine, sent.endLine, blocks, sent.wordCount, sent.links);
    if (sent.role) section.role = sent.role;
    if (sent.components !== undefined) section.components = sent.components;
    return section;
  });
  return { ...article, sections, lines };
}

/** Plain text of an inline token, markup stripped, and the links in it with their lines. */
function inlineText(token: Token, firstLine: number): InlineText {
  let text = '';
  const links: Link[] = [];
  const literals: number[] = [];
  let line = firstLine;
  let open: { href: string; start: number; line: number } | null = null;
  for (const child of token.children ?? []) {
    switch (child.type) {
      case 'text':
        text += child.content;
        break;
      case 'code_inline':
        literals.push(text.length, text.length + child.content.length);
        text += child.content;
        break;
      case 'softbreak':
      case 'hardbreak':
        text += '\n';
        line++;
        break;
      case 'image':
        text += child.content;
        break;
      case 'link_open':
        open = { href: String(child.attrGet('href') ?? ''), start: text.length, line };
        break;
      case 'link_close':
        if (open) links.push(linkOf(open.href, text.slice(open.start).trim(), open.line));
        open = null;
        break;
      default:
        break;
    }
  }
  if (!text.includes('<!--')) {
    // Trimmed, with the literal spans moved to match.
    const lead = text.length - text.trimStart().length;
    const trimmed = text.trim();
    return { text: trimmed, links, literals: lead > 0 ? literals.map((x) => Math.min(Math.max(x - lead, 0), trimmed.length)) : literals.map((x) => Math.min(x, trimmed.length)) };
  }
  // A comment is no text; literals are dropped with it rather than misplaced.
  return { text: text.replace(COMMENT, '').trim(), links, literals: [] };
}

/** Words of `text` outside its literal spans. */
function proseWords(text: string, literals: number[] | undefined): number {
  if (!literals || literals.length === 0) return countWords(text);
  let n = 0;
  let from = 0;
  for (let k = 0; k < literals.length; k += 2) {
    n += countWords(text.slice(from, literals[k]));
    from = literals[k + 1];
  }
  return n + countWords(text.slice(from));
}

/** Headings that lead elsewhere rather than answer: the reader is sent on, not told. */
const NAVIGATION_HEADING =
  /^(?:see also|related(?: (?:articles?|pages?|topics?|links?|content|resources|reading|information|guides?|docs|documentation))?|what'?s next\??|next steps?|where to go (?:from here|next)\??|further reading|more (?:information|resources|reading|help)|learn more|additional (?:references?|resources?|reading|information|links?)|references?|resources|useful links|links|external links|downloads?|read more|more articles|in this (?:section|article|guide)|contents|table of contents|on this page)\s*:?$/i;
/** Generic labels of Q&A and page templates: the heading says nothing of the topic. */
const TEMPLATE_HEADING = /^(?:question|answer|q|a|summary|overview|introduction|description|details|notes?|tl;?dr|problem|solution|steps|instructions|prerequisites|requirements|background|context|symptoms?|cause|resolution|workaround|applies to|environment|issue)\s*:?$/i;

/** What a heading says the section is for (see Section.role). */
export function sectionRole(heading: string): Section['role'] {
  const text = heading.replace(/[*_`]/g, '').trim();
  if (NAVIGATION_HEADING.test(text)) return 'navigation';
  if (TEMPLATE_HEADING.test(text)) return 'template';
  return undefined;
}

/** Headings whose sections show examples rather than state anything. */
const EXAMPLE_HEADING = /\b(?:examples?|samples?|sample (?:data|output|response|request|config(?:uration)?)|for instance|demo|demonstration|illustration|use cases?)\b/i;
/** A lead-in that makes what follows it an example: "For example:", "The output looks like this:". */
const EXAMPLE_LEAD = /(?:\b(?:for example|for instance|e\.g\.|example|examples|sample|such as|like this|like so|looks like|look like|would look|will look|output|returns?|response|the following)\b[^.!?]*:|:\s*$)/i;

function parseSuppressions(lines: string[]): Suppression[] {
  const out: Suppression[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line.includes('kb-audit-')) continue;
    for (const m of matchesOf(SUPPRESSION, line)) {
      const ruleIds = m[2].split(/[\s,]+/).filter(Boolean);
      out.push({ kind: m[1] as Suppression['kind'], ruleIds, line: i + 1 });
    }
  }
  return out;
}

function fileTitle(file: string): string {
  const base = file.slice(file.lastIndexOf('/') + 1).replace(/\.(md|markdown)$/i, '');
  const words = base.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/**
 * Parses one article's bytes. Never throws: problems become parse findings on the article.
 * `decoded` and `hash` may be passed when the caller has them already (the cache does).
 */
export function parseArticle(file: string, bytes: Uint8Array, decoded = decodeText(bytes), hash = hashBytes(bytes), syntax: SyntaxOptions = PLAIN_SYNTAX): Article {
  const parseFindings: Finding[] = [];
  if (decoded.invalidOffset !== null) {
    parseFindings.push({
      ruleId: 'invalid-encoding',
      severity: 'warning',
      message: `invalid UTF-8 at byte offset ${decoded.invalidOffset}; shown as replacement characters`,
      file,
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 1,
    });
  }
  const article = parseMarkdown(file, decoded.text, hash, decoded.hasBom, syntax);
  article.parseFindings.unshift(...parseFindings);
  return article;
}

/** Parses decoded Markdown text into an article with sections, blocks and links. */
export function parseMarkdown(file: string, text: string, hash = '', hasBom = false, syntax: SyntaxOptions = PLAIN_SYNTAX): Article {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = splitLines(text);
  const fileLines = Lines.of(text);
  const parseFindings: Finding[] = [];

  const fm = parseFrontMatter(lines);
  let body = lines;
  if (fm) {
    if (fm.error) {
      parseFindings.push({
        ruleId: 'front-matter-invalid',
        severity: 'error',
        message: fm.error.message,
        file,
        line: fm.error.line,
        column: fm.error.column,
        endLine: fm.error.line,
        endColumn: (lines[fm.error.line - 1]?.length ?? 0) + 1,
      });
    }
    // Blank the front matter so markdown-it's line numbers stay the file's own.
    body = lines.map((l, i) => (i < fm.endLine ? '' : l));
  }

  // MDX is MDX whatever the folder's generator.
  const dialect = /\.mdx$/i.test(file) && !syntax.mdx ? { ...syntax, mdx: true } : syntax;
  const prepared = prepareLines(body, dialect);
  const tokens = markdownTokens(prepared.lines.join('\n'));
  const sections: Section[] = [];
  const slugCounts = new Map<string, number>();
  const headingStack: { level: number; text: string }[] = [];
  let current: Section | null = null;
  let title = typeof fm?.data.title === 'string' ? fm.data.title.trim() : '';

  /** `text` cut from its line where the line holds it as written, else a string of its own. */
  const ownText = (text: string, line: number): string => fileLines.written(text, line) ?? detached(text);

  const newSection = (written: string, level: number, line: number): Section => {
    const heading = ownText(written, line);
    const explicitId = prepared.headingIds.get(line);
    let slug = level === 0 ? '' : (explicitId ?? slugify(heading));
    if (level > 0 && explicitId === undefined) {
      const seen = slugCounts.get(slug) ?? 0;
      slugCounts.set(slug, seen + 1);
      if (seen > 0) slug = `${slug}-${seen}`;
    }
    // Both are built by replacing and joining pieces, which V8 keeps as trees of the pieces.
    slug = detached(slug);
    while (headingStack.length > 0 && headingStack[headingStack.length - 1].level >= level) headingStack.pop();
    if (level > 0) headingStack.push({ level, text: heading });
    const section = sectionObject(detached(`${file}#${slug}`), file, heading, level > 0 ? headingStack.map((h) => h.text) : [heading], level, slug, line, line, [], 0, []);
    const role = level > 0 ? sectionRole(heading) : undefined;
    if (role) section.role = role;
    sections.push(section);
    exampleLead = false;
    return section;
  };

  /** Sections under an example heading, worked out once per section. */
  const exampleSections = new Map<Section, boolean>();
  const exampleSection = (section: Section) => {
    let is = exampleSections.get(section);
    if (is === undefined) exampleSections.set(section, (is = section.headingPath.some((h) => EXAMPLE_HEADING.test(h))));
    return is;
  };
  /** The last paragraph ended in an example lead-in: the lists, tables and code after it are examples. */
  let exampleLead = false;
  const addBlock = (kind: BlockKind, text: string, line: number, endLine: number, links: Link[], ordered?: boolean, literals?: number[], fenced?: boolean) => {
    if (!current) current = newSection(title || fileTitle(file), 0, line);
    if (text) {
      // A fenced block's text starts on the line after its fence.
      const written = ownText(text, fenced ? line + 1 : line);
      const block = blockObject(kind, written, line, endLine, ordered, fenced);
      if (literals && literals.length > 0) block.literals = literals;
      const aside = prepared.asides.get(line);
      if (aside) block.aside = aside;
      if (kind === 'paragraph') {
        // Both forms of a lead-in end in a colon: most paragraphs are passed over at once.
        exampleLead = text.includes(':') && EXAMPLE_LEAD.test(text) && /\b(?:for example|for instance|e\.g\.|examples?|sample|such as|like this|like so|look(?:s)? like|output|returns?|response)\b/i.test(text);
      }
      const exampleTable = kind === 'table' && /\bexamples?\b/i.test(text.slice(0, text.indexOf('\n') >>> 0));
      if (aside === 'example' || exampleTable || (exampleLead && kind !== 'paragraph') || exampleSection(current)) block.example = true;
      current.blocks.push(block);
    }
    current.links.push(...links);
  };

  const listStack: boolean[] = [];
  let quoteDepth = 0;
  let tableStart = -1;
  let tableText: string[] = [];
  let tableLinks: Link[] = [];

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    switch (t.type) {
      case 'heading_open': {
        const inline = tokens[i + 1];
        const line = (t.map?.[0] ?? 0) + 1;
        const { text: heading, links } = inlineText(inline, line);
        const level = Number(t.tag.slice(1));
        if (level === 1 && !title) title = heading;
        current = newSection(heading, level, line);
        current.links.push(...links);
        i += 2;
        break;
      }
      case 'bullet_list_open':
        listStack.push(false);
        break;
      case 'ordered_list_open':
        listStack.push(true);
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        listStack.pop();
        break;
      case 'blockquote_open':
        quoteDepth++;
        break;
      case 'blockquote_close':
        quoteDepth--;
        break;
      case 'table_open':
        tableStart = (t.map?.[0] ?? 0) + 1;
        tableText = [];
        tableLinks = [];
        break;
      case 'table_close':
        addBlock('table', tableText.join('\n'), tableStart, tableStart + Math.max(tableText.length - 1, 0), tableLinks);
        tableStart = -1;
        break;
      case 'inline': {
        const line = (t.map?.[0] ?? 0) + 1;
        const { text, links, literals } = inlineText(t, line);
        if (tableStart > 0) {
          if (text) tableText.push(text);
          tableLinks.push(...links);
        } else {
          const endLine = t.map ? t.map[1] : line;
          if (listStack.length > 0) addBlock('list_item', text, line, endLine, links, listStack[listStack.length - 1], literals);
          else addBlock(quoteDepth > 0 ? 'blockquote' : 'paragraph', text, line, endLine, links, undefined, literals);
        }
        break;
      }
      case 'fence':
      case 'code_block': {
        const line = (t.map?.[0] ?? 0) + 1;
        const code = t.content.replace(/\n$/, '');
        addBlock('code', code, line, t.map ? t.map[1] : line, [], undefined, undefined, t.type === 'fence');
        break;
      }
      default:
        break;
    }
  }

  // A section runs to the line before the next heading, less trailing blank lines.
  const sectionAt = (line: number) => {
    let found = sections[0];
    for (const s of sections) if (s.startLine <= line) found = s;
    return found;
  };
  for (const line of prepared.componentLines) {
    const section = sectionAt(line);
    if (section && section.startLine < line) section.components = (section.components ?? 0) + 1;
  }
  for (const link of prepared.markupLinks) sectionAt(link.line)?.links.push({ ...link, syntax: 'markup' });
  for (let s = 0; s < sections.length; s++) {
    const section = sections[s];
    let end = s + 1 < sections.length ? sections[s + 1].startLine - 1 : lines.length;
    while (end > section.startLine && lines[end - 1].trim() === '') end--;
    section.endLine = end;
    // An array grown by push has room for more; a section's lists are final here.
    section.blocks = section.blocks.slice();
    if (section.links.length > 0) section.links = section.links.slice();
    // Words a reader reads: code and inline code are shown as written, not read as the answer.
    let words = 0;
    for (const b of section.blocks) if (b.kind !== 'code' && b.kind !== 'html') words += proseWords(b.text, b.literals);
    section.wordCount = words;
  }

  return {
    file,
    title: title || fileTitle(file),
    frontMatter: fm ? { data: fm.data, startLine: fm.startLine, endLine: fm.endLine } : null,
    sections,
    lineCount: lines.length,
    lines: fileLines,
    hash,
    hasBom,
    eol,
    parseFindings,
    suppressions: parseSuppressions(lines),
    ...(prepared.anchors.length > 0 ? { anchors: [...new Set(prepared.anchors)] } : {}),
  };
}
