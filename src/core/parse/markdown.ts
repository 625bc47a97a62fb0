import { createHash } from 'node:crypto';
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import type { Article, Block, BlockKind, Finding, Link, Section, Suppression } from '../model';
import { decodeText } from './decode';
import { parseFrontMatter } from './frontMatter';

// HTML off: raw HTML is text, never markup. Linkify off: bare URLs are text (and cannot slow parsing).
const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

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
}

/** Plain text of an inline token, markup stripped, and the links in it with their lines. */
function inlineText(token: Token, firstLine: number): InlineText {
  let text = '';
  const links: Link[] = [];
  let line = firstLine;
  let open: { href: string; start: number; line: number } | null = null;
  for (const child of token.children ?? []) {
    switch (child.type) {
      case 'text':
      case 'code_inline':
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
        if (open) links.push({ href: open.href, text: text.slice(open.start).trim(), line: open.line });
        open = null;
        break;
      default:
        break;
    }
  }
  return { text: text.replace(COMMENT, '').trim(), links };
}

function parseSuppressions(lines: string[]): Suppression[] {
  const out: Suppression[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line.includes('kb-audit-')) continue;
    for (const m of line.matchAll(SUPPRESSION)) {
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
export function parseArticle(file: string, bytes: Uint8Array, decoded = decodeText(bytes), hash = hashBytes(bytes)): Article {
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
  const article = parseMarkdown(file, decoded.text, hash, decoded.hasBom);
  article.parseFindings.unshift(...parseFindings);
  return article;
}

/** Parses decoded Markdown text into an article with sections, blocks and links. */
export function parseMarkdown(file: string, text: string, hash = '', hasBom = false): Article {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r\n|\r|\n/);
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

  const tokens = md.parse(body.join('\n'), {});
  const sections: Section[] = [];
  const slugCounts = new Map<string, number>();
  const headingStack: { level: number; text: string }[] = [];
  let current: Section | null = null;
  let title = typeof fm?.data.title === 'string' ? fm.data.title.trim() : '';

  const newSection = (heading: string, level: number, line: number): Section => {
    let slug = level === 0 ? '' : slugify(heading);
    if (level > 0) {
      const seen = slugCounts.get(slug) ?? 0;
      slugCounts.set(slug, seen + 1);
      if (seen > 0) slug = `${slug}-${seen}`;
    }
    while (headingStack.length > 0 && headingStack[headingStack.length - 1].level >= level) headingStack.pop();
    if (level > 0) headingStack.push({ level, text: heading });
    const section: Section = {
      id: `${file}#${slug}`,
      file,
      heading,
      headingPath: level > 0 ? headingStack.map((h) => h.text) : [heading],
      level,
      slug,
      startLine: line,
      endLine: line,
      blocks: [],
      text: '',
      wordCount: 0,
      links: [],
    };
    sections.push(section);
    return section;
  };

  const addBlock = (kind: BlockKind, text: string, line: number, endLine: number, links: Link[], ordered?: boolean) => {
    if (!current) current = newSection(title || fileTitle(file), 0, line);
    if (text) {
      const block: Block = { kind, text, line, endLine };
      if (ordered !== undefined) block.ordered = ordered;
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
        const { text, links } = inlineText(t, line);
        if (tableStart > 0) {
          if (text) tableText.push(text);
          tableLinks.push(...links);
        } else {
          const endLine = t.map ? t.map[1] : line;
          if (listStack.length > 0) addBlock('list_item', text, line, endLine, links, listStack[listStack.length - 1]);
          else addBlock(quoteDepth > 0 ? 'blockquote' : 'paragraph', text, line, endLine, links);
        }
        break;
      }
      case 'fence':
      case 'code_block': {
        const line = (t.map?.[0] ?? 0) + 1;
        addBlock('code', t.content.replace(/\n$/, ''), line, t.map ? t.map[1] : line, []);
        break;
      }
      default:
        break;
    }
  }

  // A section runs to the line before the next heading, less trailing blank lines.
  for (let s = 0; s < sections.length; s++) {
    const section = sections[s];
    let end = s + 1 < sections.length ? sections[s + 1].startLine - 1 : lines.length;
    while (end > section.startLine && lines[end - 1].trim() === '') end--;
    section.endLine = end;
    section.text = section.blocks.map((b) => b.text).join('\n');
    section.wordCount = countWords(section.text);
  }

  return {
    file,
    title: title || fileTitle(file),
    frontMatter: fm ? { data: fm.data, startLine: fm.startLine, endLine: fm.endLine } : null,
    sections,
    lineCount: lines.length,
    lines,
    hash,
    hasBom,
    eol,
    parseFindings,
    suppressions: parseSuppressions(lines),
  };
}
