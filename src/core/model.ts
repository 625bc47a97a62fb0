// Plain data shared by every layer. Lines and columns are 1-based, as in the JSON contract,
// so a finding means the same thing in the CLI output, the SARIF report and the editor.

export type Severity = 'error' | 'warning' | 'info';

export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface RelatedLocation {
  file: string;
  line: number;
  message: string;
}

/** A text edit computed by the core; the editor re-checks `expected` before applying it. */
export interface TextEdit {
  range: Range;
  /** What the range must still hold for the edit to be safe. */
  expected: string;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface Finding extends Range {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Relative to the docs root, `/` separators. */
  file: string;
  related?: RelatedLocation[];
  fix?: Fix;
  /** Machine-readable details for reports (e.g. similarity, the conflicting values). */
  data?: Record<string, string | number | boolean>;
}

export interface Link {
  href: string;
  text: string;
  line: number;
  /** How it was written, when not as a Markdown link: markup (an HTML block's `<a href>`, a shortcode) or an Obsidian `[[wikilink]]`/`![[embed]]`. */
  syntax?: 'markup' | 'wikilink';
}

export const BLOCK_KINDS = ['paragraph', 'list_item', 'code', 'table', 'blockquote', 'html'] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];

/** A leaf block of a section's body, with markup stripped. */
export interface Block {
  kind: BlockKind;
  /** Ordered list items are steps. */
  ordered?: boolean;
  /** A fenced code block (``` or ~~~): `line` is its opening fence, its text starts on the next line. */
  fenced?: boolean;
  text: string;
  line: number;
  endLine: number;
  /**
   * Offsets `[start, end, start, end, …]` in `text` of literal spans (inline code): shown to the
   * reader as written, never read as facts, dates, placeholders or counted words.
   */
  literals?: number[];
  /** Worked example, sample data or a demonstration (an example section, "For example:" lead-in): never a claim. */
  example?: boolean;
  /** Inside an admonition or callout (`:::note`, `!!! tip`, `> [!NOTE]`): its type, lower-cased. */
  aside?: string;
}

export interface Section {
  /** `<file>#<slug>`; stable while the heading text is unchanged. */
  id: string;
  file: string;
  heading: string;
  /** Ancestor headings and this one, e.g. ["Refunds", "How long do refunds take?"]. */
  headingPath: string[];
  /** 1–6 for headings; 0 for the text before an article's first heading. */
  level: number;
  slug: string;
  /**
   * What the section is for, from its heading: an answer (the default), navigation ("See also",
   * "What's next?", "Downloads") or a template's generic label ("Question", "Answer").
   */
  role?: 'navigation' | 'template';
  /** Components, embeds or HTML elements in the body (a generated card list, a video): content the parser does not read as text. */
  components?: number;
  /** Line of the heading (or of the first text for level 0). */
  startLine: number;
  /** Last line of the body, before the next heading. */
  endLine: number;
  /** The body's blocks; `sectionText` joins their text when a rule reads the body as one string. */
  blocks: Block[];
  wordCount: number;
  links: Link[];
}

/**
 * A section's body text with markup stripped, blocks separated by newlines. Made when asked for
 * rather than kept: kept, it would be a second copy of every article's text.
 */
export function sectionText(section: Pick<Section, 'blocks'>): string {
  const blocks = section.blocks;
  if (blocks.length === 1) return blocks[0].text;
  let text = '';
  for (let b = 0; b < blocks.length; b++) text += b === 0 ? blocks[b].text : `\n${blocks[b].text}`;
  return text;
}

export interface FrontMatter {
  data: Record<string, unknown>;
  /** Lines of the opening and closing `---`. */
  startLine: number;
  endLine: number;
}

export interface Article {
  /** Relative to the docs root, `/` separators. */
  file: string;
  title: string;
  frontMatter: FrontMatter | null;
  sections: Section[];
  lineCount: number;
  /** The file's text lines, for exact positions and for fixes that check what they replace. */
  lines: Lines;
  /** Content hash of the raw bytes, for caches. */
  hash: string;
  hasBom: boolean;
  eol: '\n' | '\r\n';
  /** Findings the parser itself produced (front matter errors, encoding). */
  parseFindings: Finding[];
  /** Inline suppression comments, by line. */
  suppressions: Suppression[];
  /** Anchors written as HTML or components (`<a id="x">`, `<Link id="x"/>`), beside the headings' own. */
  anchors?: string[];
}

export interface Suppression {
  kind: 'disable' | 'enable' | 'disable-next-line' | 'disable-line';
  /** Empty means every rule. */
  ruleIds: string[];
  line: number;
}

export interface SkippedFile {
  file: string;
  reason: 'too-large' | 'binary' | 'unreadable' | 'symlink-outside-root' | 'vanished';
  detail: string;
}

/**
 * A file's text lines (cut at `\r\n`, `\r` and `\n`), without a string kept for each: the
 * text once, and where each line starts. A knowledge base has a line object per 50 bytes of
 * Markdown otherwise; `at` cuts a line out when it is asked for.
 */
export class Lines {
  private constructor(
    /** The whole text, line breaks included. */
    readonly text: string,
    private readonly starts: Int32Array,
  ) {}

  /** The lines of a file's text. */
  static of(text: string): Lines {
    // Most files break lines with \n alone: indexOf finds those far faster than a loop over
    // every character.
    if (!text.includes('\r')) {
      let count = 1;
      for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
      const starts = new Int32Array(count);
      let line = 1;
      for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts[line++] = at + 1;
      return new Lines(text, starts);
    }
    let count = 1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) count++;
    }
    const starts = new Int32Array(count);
    let line = 1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts[line++] = i + 1;
    }
    return new Lines(text, starts);
  }

  /** Lines given one by one, joined with `\n`. */
  static from(lines: readonly string[]): Lines {
    return Lines.of(lines.join('\n'));
  }

  get length(): number {
    return this.starts.length;
  }

  /** Line i (from 0) without its line break, or undefined past either end. */
  at(i: number): string | undefined {
    if (i < 0 || i >= this.starts.length) return undefined;
    return this.text.slice(this.starts[i], this.end(i));
  }

  /**
   * `text` cut from this text where it is written as is from line `line` (from 1) on: within that
   * line, or, for text of several lines (a paragraph wrapped over lines, a code block), from the
   * end of its first line on. A block kept as such a slice costs a reference to the file's text,
   * which is kept anyway, not a second copy. Null where the file has it otherwise (markup,
   * indentation, \r\n breaks), and for text under 13 characters, which V8 copies anyway.
   */
  written(text: string, line: number): string | null {
    const i = line - 1;
    if (text.length < 13 || i < 0 || i >= this.starts.length) return null;
    const start = this.starts[i];
    const end = this.end(i);
    const firstBreak = text.indexOf('\n');
    if (firstBreak < 0) {
      const at = this.text.slice(start, end).indexOf(text);
      return at < 0 ? null : this.text.slice(start + at, start + at + text.length);
    }
    // The text's first line ends where the file's line does; the rest follows it as written.
    const at = end - firstBreak;
    return at >= start && this.text.startsWith(text, at) ? this.text.slice(at, at + text.length) : null;
  }

  /** Where line i ends: before the break that starts the next line, or at the end of the text. */
  private end(i: number): number {
    if (i + 1 >= this.starts.length) return this.text.length;
    const next = this.starts[i + 1];
    // A break is \n, \r or \r\n; a \r before a \n always belongs to the break.
    return this.text.charCodeAt(next - 1) === 10 && next - 2 >= this.starts[i] && this.text.charCodeAt(next - 2) === 13 ? next - 2 : next - 1;
  }

  /** Does any line pass the test? */
  some(test: (line: string, index: number) => boolean): boolean {
    for (let i = 0; i < this.starts.length; i++) if (test(this.at(i)!, i)) return true;
    return false;
  }

  /** Lines `start` … `end - 1` (from 0), as strings. */
  slice(start = 0, end = this.starts.length): string[] {
    const out: string[] = [];
    for (let i = Math.max(0, start); i < Math.min(end, this.starts.length); i++) out.push(this.at(i)!);
    return out;
  }

  *[Symbol.iterator](): IterableIterator<string> {
    for (let i = 0; i < this.starts.length; i++) yield this.at(i)!;
  }
}
