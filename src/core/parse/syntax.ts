// The dialect pass: before markdown-it reads an article, the syntax that documentation generators
// add to Markdown is turned into what the one article model already understands. MDX imports and
// components, HTML blocks, Hugo shortcodes and Liquid tags become blank (they are markup, not
// text); admonitions lose their fences and keep their text, marked as asides; `{#id}` heading ids
// become the heading's anchor; HTML and wiki links become Markdown links. Every line keeps its
// number, so positions in findings stay the file's own. Code fences are never touched.
import { matchesOf } from '../matches';

/** Which dialects an article may use: set by its flavour (see ../flavor) and its file type. */
export interface SyntaxOptions {
  /** MDX: `import`/`export` lines, `{/* comments *\/}`, JSX components. */
  mdx: boolean;
  /** `{{< shortcode >}}` and `{{% shortcode %}}` (Hugo). */
  shortcodes: boolean;
  /** `{% tag %}` and `{{ value }}` (Liquid, Jinja: Jekyll, MkDocs macros, docfx). */
  templateTags: boolean;
  /** `[[note]]`, `[[note|label]]`, `![[note#heading]]` (Obsidian, wikis). */
  wikilinks: boolean;
}

export const PLAIN_SYNTAX: SyntaxOptions = Object.freeze({ mdx: false, shortcodes: false, templateTags: false, wikilinks: false });

/** The scheme a wikilink's target is given while markdown-it reads it; the parser takes it off again. */
export const WIKILINK_SCHEME = 'kb-wikilink:';

export interface PreparedLines {
  /** The lines markdown-it reads. */
  lines: string[];
  /** Explicit heading ids (`## Title {#id}`), by 1-based line. */
  headingIds: Map<number, string>;
  /** Admonition and callout types, by 1-based line of the text inside them. */
  asides: Map<number, string>;
  /** Lines that held a component, an embed or an HTML element and nothing to read. */
  componentLines: number[];
  /** `id`/`name` anchors written in HTML or components. */
  anchors: string[];
  /** Links written as markup on lines that were blanked (`<a href>` in an HTML block, `{{< page-ref page="…" >}}`). */
  markupLinks: Array<{ href: string; text: string; line: number }>;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}#{1,6}\s/;
const HEADING_ID = /\s*\{\s*:?\s*#([\w][\w.:-]*)(?:\s+[^}]*)?\}\s*$/;

/** Elements whose content is never text for a reader of the answer. */
const HIDDEN_ELEMENTS = /^<(script|style|head|svg|iframe|video|audio|object|noscript|template)\b/i;
/** A line that is only tags: `<Tabs>`, `</TabItem>`, `<img src="…" />`, `<br>`, `<DocCardList />`. */
// Attributes are one run of anything but angle brackets: spaces split between two quantifiers
// (`\s+[^<>]*?\s*`) made a tag left open on a long line take cubic time.
export const TAGS_ONLY = /^\s*(?:<\/?[A-Za-z][\w.:-]*(?:\s[^<>]*)?\/?>\s*)+$/;
/** The start of a tag that goes on over more lines: `<Component` then props. */
const OPEN_TAG_START = /^\s*<[A-Za-z][\w.:-]*(?:\s[^<>]*)?$/;
const ANCHOR_ATTRIBUTE = /\b(?:id|name)\s*=\s*["']([^"']+)["']/g;
/**
 * `<a … href="…">text</a>`: the tag's rest, the address and the text. The tag is read inside
 * lookaheads, which never backtrack, once a `>` is known to close it: a tag with thousands of
 * `href=""` and no `>` took quadratic time. Search only up to the end of the last `</a>` (see
 * htmlLinkSpan), where every start either ends at a closing tag or fails within its own tag.
 */
export const HTML_LINK = /<a\s(?=[^<>]*>)(?=([^<>]*?href\s*=\s*["']([^"']*)["'][^<>]*>))\1([\s\S]*?)<\/a\s*>/gi;
const CLOSING_A = /<\/a\s*>/gi;

/** How much of `text` an HTML link can lie in: up to the end of its last `</a>`. */
function htmlLinkSpan(text: string): number {
  let end = 0;
  for (const m of matchesOf(CLOSING_A, text)) end = m.index + m[0].length;
  return end;
}
/** Inline tags of known HTML elements and of components (capitalised): markup around text. */
export const INLINE_TAG =
  /<\/?(?:a|abbr|b|big|br|center|cite|code|del|dfn|div|em|font|i|img|ins|kbd|mark|p|q|s|samp|small|span|strike|strong|sub|summary|details|sup|time|tt|u|var|wbr|[A-Z][\w.]*)(?:\s[^<>]*)?\/?>/g;

const COLON_ADMONITION = /^ {0,3}(:{3,})\s*([A-Za-z][\w-]*)?(.*)$/;
const BANG_ADMONITION = /^(\s*)(?:!!!|\?\?\?\+?)\s*([A-Za-z][\w-]*)(?:\s+"([^"]*)")?\s*$/;
const CONTENT_TAB = /^(\s*)===\+?\s+"[^"]*"\s*$/;
const CALLOUT = /^(\s*>\s*)\[!([A-Za-z]+)\][+-]?\s*(.*)$/;
const SHORTCODE_REF = /\{\{[<%]\s*(?:rel)?ref\s+"?([^"\s>%]*)"?\s*[>%]\}\}/g;
const SHORTCODE_TARGET = /\b(?:page|ref|link|href|url)\s*=\s*"([^"]+)"/;
const SHORTCODE = /\{\{[<%][\s\S]*?[>%]\}\}/g;
const TEMPLATE_TAG = /\{%[\s\S]*?%\}|\{\{[\s\S]*?\}\}/g;
const WIKILINK = /(!?)\[\[([^\]|#\n]*)(#[^\]|\n]*)?(?:\|([^\]\n]*))?\]\]/g;
const MDX_COMMENT = /\{\/\*[\s\S]*?\*\/\}/g;
const MDX_STATEMENT = /^(import|export)\s/;

function blank(line: string): string {
  return line.replace(/\S/g, ' ');
}

const CODE_SPAN = /(`+)[^`]*?\1/g;

/** Applies `rewrite` to the parts of a line outside inline code: a code span shows syntax as written. */
function outsideCode(line: string, rewrite: (part: string) => string): string {
  if (!line.includes('`')) return rewrite(line);
  let out = '';
  let from = 0;
  for (const m of matchesOf(CODE_SPAN, line)) {
    out += rewrite(line.slice(from, m.index)) + m[0];
    from = m.index! + m[0].length;
  }
  return out + rewrite(line.slice(from));
}

function collectAnchors(text: string, anchors: string[]): void {
  for (const m of matchesOf(ANCHOR_ATTRIBUTE, text)) anchors.push(m[1]);
}

function stripTags(text: string): string {
  return text.replace(INLINE_TAG, (tag) => (/^<br\b/i.test(tag) ? ' ' : ''));
}

/** Rewrites the dialects of one article's lines (front matter already blanked) for markdown-it. */
export function prepareLines(source: string[], syntax: SyntaxOptions): PreparedLines {
  const lines = [...source];
  const out: PreparedLines = { lines, headingIds: new Map(), asides: new Map(), componentLines: [], anchors: [], markupLinks: [] };
  let fence: string | null = null;
  /** `:::` admonitions open, innermost last: their fence length and type. */
  const colonStack: Array<{ fence: number; type: string }> = [];
  /** An indented admonition or content tab: its indent, and its type ('' for a tab). */
  let indented: { indent: number; type: string } | null = null;
  let callout: string | null = null;
  let hidden: RegExp | null = null;
  let openTag = false;
  let mdxComment = false;

  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    const n = i + 1;

    // An indented block (MkDocs `!!! note`, `=== "Tab"`) ends at the first line indented less.
    if (indented && line.trim() !== '') {
      const indent = line.length - line.trimStart().length;
      if (indent < indented.indent) indented = null;
      else {
        line = line.slice(indented.indent);
        if (indented.type) out.asides.set(n, indented.type);
      }
    }

    if (fence !== null) {
      if (line.trimStart().startsWith(fence) && line.trim().replace(/[`~]/g, '') === '') fence = null;
      lines[i] = line;
      continue;
    }
    const opening = FENCE_OPEN.exec(line);
    if (opening) {
      fence = opening[1];
      lines[i] = line;
      continue;
    }

    if (hidden) {
      collectAnchors(line, out.anchors);
      if (hidden.test(line)) hidden = null;
      lines[i] = blank(line);
      continue;
    }
    if (mdxComment) {
      if (line.includes('*/}')) {
        mdxComment = false;
        line = line.slice(line.indexOf('*/}') + 3);
      } else {
        lines[i] = '';
        continue;
      }
    }
    if (openTag) {
      collectAnchors(line, out.anchors);
      if (/>\s*$/.test(line)) openTag = false;
      lines[i] = blank(line);
      continue;
    }

    const trimmed = line.trim();
    if (syntax.mdx) {
      if (MDX_STATEMENT.test(line)) {
        // An import or export can go on over several lines, up to its closing quote or brace.
        let j = i;
        while (j + 1 < lines.length && !/(['";]|\)|\})\s*;?\s*$/.test(lines[j]) && lines[j + 1].trim() !== '') j++;
        for (let k = i; k <= j; k++) lines[k] = blank(lines[k]);
        i = j;
        continue;
      }
      line = line.replace(MDX_COMMENT, (c) => blank(c));
      if (line.includes('{/*')) {
        mdxComment = true;
        lines[i] = blank(line);
        continue;
      }
    }

    // Admonitions, tabs, callouts and headings all start with one of a few characters: other
    // lines (most of them) skip those patterns.
    const lead = trimmed.charCodeAt(0);
    const marked = lead === 58 || lead === 33 || lead === 63 || lead === 61 || lead === 62 || lead === 35; // : ! ? = > #

    // Admonitions: the fences go, the text stays and is marked as an aside.
    const colon = marked ? COLON_ADMONITION.exec(line) : null;
    if (colon && (colon[2] || colonStack.length > 0)) {
      if (colon[2]) colonStack.push({ fence: colon[1].length, type: colon[2].toLowerCase() });
      else colonStack.pop();
      // The fence and its title ("::::tip Good to know") are the box's label, not its text.
      lines[i] = blank(line);
      continue;
    }
    if (colonStack.length > 0) out.asides.set(n, colonStack[colonStack.length - 1].type);
    const bang = marked ? BANG_ADMONITION.exec(line) : null;
    if (bang) {
      indented = { indent: bang[1].length + 4, type: bang[2].toLowerCase() };
      lines[i] = '';
      continue;
    }
    const tab = marked ? CONTENT_TAB.exec(line) : null;
    if (tab) {
      indented = { indent: tab[1].length + 4, type: '' };
      lines[i] = '';
      continue;
    }
    const calloutLine = marked ? CALLOUT.exec(line) : null;
    if (calloutLine) {
      callout = calloutLine[2].toLowerCase();
      out.asides.set(n, callout);
      lines[i] = calloutLine[3] ? `${calloutLine[1]}${calloutLine[3]}` : calloutLine[1];
      continue;
    }
    if (callout) {
      if (/^\s*>/.test(line)) out.asides.set(n, callout);
      else callout = null;
    }

    // Heading ids: `## Title {#id}` is served as #id, and the id is no part of the title.
    if (lead === 35 && HEADING.test(line) && line.includes('{')) {
      const id = HEADING_ID.exec(line);
      if (id) {
        out.headingIds.set(n, id[1]);
        line = line.slice(0, id.index);
      }
    }

    if (syntax.shortcodes && line.includes('{{')) {
      line = outsideCode(line, (part) =>
        part.replace(SHORTCODE_REF, (_, target: string) => target).replace(SHORTCODE, (c) => {
          // A shortcode that names a page (`page-ref page="…"`, `link href="…"`) links to it.
          const target = SHORTCODE_TARGET.exec(c);
          if (target) out.markupLinks.push({ href: target[1], text: '', line: n });
          return blank(c);
        }),
      );
    }
    if (syntax.templateTags && (line.includes('{%') || line.includes('{{'))) line = outsideCode(line, (part) => part.replace(TEMPLATE_TAG, (c) => blank(c)));
    if (syntax.wikilinks && line.includes('[[')) {
      line = outsideCode(line, (part) =>
        part.replace(WIKILINK, (_, _embed: string, target: string, heading: string | undefined, label: string | undefined) => {
          const href = `${WIKILINK_SCHEME}${encodeURI(target.trim())}${heading ? `#${encodeURI(heading.slice(1).trim())}` : ''}`;
          const text = (label ?? `${target}${heading ? ` > ${heading.slice(1)}` : ''}`).trim() || target;
          return `[${text.replace(/[[\]]/g, '')}](<${href}>)`;
        }),
      );
    }

    if (trimmed.startsWith('<')) {
      if (HIDDEN_ELEMENTS.test(trimmed)) {
        const name = HIDDEN_ELEMENTS.exec(trimmed)![1];
        const close = new RegExp(`</${name}\\s*>|^\\s*<${name}\\b[^>]*/>\\s*$`, 'i');
        collectAnchors(line, out.anchors);
        out.componentLines.push(n);
        if (!close.test(line)) hidden = new RegExp(`</${name}\\s*>`, 'i');
        lines[i] = blank(line);
        continue;
      }
      if (TAGS_ONLY.test(line)) {
        collectAnchors(line, out.anchors);
        for (const m of matchesOf(HTML_LINK, line.slice(0, htmlLinkSpan(line)))) if (/^(?:https?:|[^:]*$)/i.test(m[2])) out.markupLinks.push({ href: m[2], text: stripTags(m[3]).trim(), line: n });
        out.componentLines.push(n);
        lines[i] = blank(line);
        continue;
      }
      if (OPEN_TAG_START.test(line) && !line.includes('>')) {
        collectAnchors(line, out.anchors);
        out.componentLines.push(n);
        openTag = true;
        lines[i] = blank(line);
        continue;
      }
    }
    if (line.includes('<')) {
      collectAnchors(line, out.anchors);
      // `<a href="…">label</a>` is a link like any other; other tags are markup around text.
      // Only web and relative addresses: a link in any other scheme stays markup, never a link.
      line = outsideCode(line, (part) => {
        const span = htmlLinkSpan(part);
        const links = part
          .slice(0, span)
          .replace(HTML_LINK, (tag: string, _rest: string, href: string, text: string) => (/^(?:https?:|[^:]*$)/i.test(href) ? `[${stripTags(text).replace(/[[\]]/g, '')}](<${href}>)` : stripTags(tag)));
        return stripTags(links + part.slice(span));
      });
    }
    lines[i] = line;
  }
  return out;
}
