// Front matter of `key: value` lines, read without the YAML reader. Most articles' front matter
// is nothing more (a title, a date, an owner, a list of tags, a generator's menu entry nested
// under a key or two, a description folded over a few lines), and the full reader (lexer, parser,
// composer, document, conversion) costs about as much as parsing the article's Markdown. Anything
// this does not read exactly as YAML 1.2's core schema does is left to the reader: the result is
// the same value either way, or null.

/** `key: value`, `key:` (a null, or the list on the lines below): a key as front matter writes them, a word with `_` and `-`. */
const ENTRY = /^([A-Za-z_][A-Za-z0-9_-]*):(?: +([^ ].*?))? *$/;
/** Keys the core schema reads as something other than their text, and the one a plain object cannot hold as data. */
const SPECIAL_KEY = /^(?:[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|__proto__)$/;
/** An item of a block list: its indentation and its value. */
const ITEM = /^( *)- +([^ ].*?) *$/;
/**
 * A plain scalar on one line in block context: it starts with a letter or a digit in any script,
 * `_`, `/`, `(` or a currency sign (never an indicator: `-`, `?`, `:`, `[`, `{`, `#`, `&`, `*`,
 * `!`, `|`, `>`, a quote, `%`, `@`, `` ` ``, nor `.` or `+`, which start values of the core
 * schema not read here), then holds any printable character but a tab, with no `#` after a
 * space (a comment) and no `:` before a space or at its end (a mapping). Brackets, braces and
 * backquotes within it are text: they open something only at its start.
 */
const PLAIN = /^[\p{L}\p{N}_/($£€¥](?:[^\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff#:]|:(?=[^ ])|(?<! )#)*$/u;
/** An item of a one-line flow list, unquoted: the same, with no `,` or `:` at all, and no brackets, braces or backquotes. */
const FLOW_ITEM = /^[\p{L}\p{N}_/($£€¥][\p{L}\p{M}\p{N} _.;!?'"()/@&+=%$~^*<>\\|’‘“”–—…£€¥-]*$/u;
/** What a quoted scalar may hold here: printable characters, no escapes, no line breaks. */
const QUOTABLE = /^[^\x00-\x1f\x7f-\x9f\\\u2028\u2029\ufeff]*$/;

// The core schema's scalars (yaml's own tests, in the order it tries them).
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** A plain scalar's value under the core schema, converted as the YAML reader converts it. */
function plainScalar(text: string): unknown {
  if (NULL.test(text)) return null;
  if (BOOL.test(text)) return text[0] === 't' || text[0] === 'T';
  if (INT_OCT.test(text)) return parseInt(text.substring(2), 8);
  if (INT.test(text)) return parseInt(text, 10);
  if (INT_HEX.test(text)) return parseInt(text.substring(2), 16);
  if (FLOAT_EXP.test(text) || FLOAT.test(text)) return parseFloat(text);
  return text;
}

/** Unset: the text is not a scalar read here. */
const NOT_READ = Symbol('not read');

/** A one-line `"…"` or `'…'` (`''` for a quote) as its text. */
function quoted(text: string): string | typeof NOT_READ {
  const quote = text[0];
  if (text.length < 2 || text[text.length - 1] !== quote) return NOT_READ;
  const inner = text.slice(1, -1);
  if (!QUOTABLE.test(inner)) return NOT_READ;
  if (quote === '"') return inner.includes('"') ? NOT_READ : inner;
  // In single quotes, a quote is written twice; one alone would close the scalar.
  if (inner.replace(/''/g, '').includes("'")) return NOT_READ;
  return inner.replace(/''/g, "'");
}

/** A value on one line: plain or quoted. */
function scalar(text: string): unknown {
  const first = text[0];
  if (first === '"' || first === "'") return quoted(text);
  // A `-` not followed by a space starts a plain scalar (`-99`, a menu weight): the rest is read as any.
  const rest = first === '-' && isDigit(text.charCodeAt(1)) ? text.slice(1) : text;
  return PLAIN.test(rest) ? plainScalar(text) : NOT_READ;
}

const isDigit = (code: number) => code >= 48 && code <= 57;

/** `[a, "b, c", 3]` as an array. */
function flowList(text: string): unknown[] | typeof NOT_READ {
  const items: unknown[] = [];
  let at = 1;
  const end = text.length - 1;
  const skipSpaces = () => {
    while (at < end && text.charCodeAt(at) === 32) at++;
  };
  skipSpaces();
  if (at === end) return items;
  for (;;) {
    skipSpaces();
    let itemEnd: number;
    const first = text[at];
    if (first === '"' || first === "'") {
      // To the closing quote (a doubled single quote stays inside).
      itemEnd = at + 1;
      for (; itemEnd < end; itemEnd++) {
        if (text[itemEnd] !== first) continue;
        if (first === "'" && text[itemEnd + 1] === "'") itemEnd++;
        else break;
      }
      if (itemEnd >= end) return NOT_READ;
      itemEnd++;
    } else {
      itemEnd = text.indexOf(',', at);
      if (itemEnd < 0 || itemEnd > end) itemEnd = end;
    }
    const item = text.slice(at, itemEnd).replace(/ +$/, '');
    const value = item[0] === '"' || item[0] === "'" ? quoted(item) : FLOW_ITEM.test(item) ? plainScalar(item) : NOT_READ;
    if (value === NOT_READ) return NOT_READ;
    items.push(value);
    at = itemEnd;
    skipSpaces();
    if (at === end) return items;
    if (text[at] !== ',') return NOT_READ;
    at++;
    // A comma may end the list (`[a, b,]`).
    skipSpaces();
    if (at === end) return items;
  }
}

/** A line YAML passes over: blank, or a comment from the margin. */
function isBlankOrComment(line: string): boolean {
  return line.length === 0 || line.charCodeAt(0) === 35 /* # */ || /^ +$/.test(line);
}

/** Levels of mappings nested under keys read here; deeper front matter is left to the reader (and its depth check). */
const MAX_DEPTH = 4;
/** A block scalar's header: folded or literal, its final line break kept or stripped. */
const BLOCK_HEADER = /^([>|])(-?)$/;
/** What a block scalar's line may hold here: printable characters, no tab, not ending in a space. */
const BLOCK_LINE = /^[^\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]*[^\x00-\x20\x7f-\x9f\u2028\u2029\ufeff]$/;

/** How many spaces a line starts with. */
function indentOf(line: string): number {
  let n = 0;
  while (line.charCodeAt(n) === 32) n++;
  return n;
}

/** Reads front matter's lines one after another. */
class Reader {
  at = 0;
  constructor(readonly lines: readonly string[]) {}

  /** The next line that is not blank or a comment (`at` moved to it), or undefined at the end. */
  peek(): string | undefined {
    while (this.at < this.lines.length && isBlankOrComment(this.lines[this.at])) this.at++;
    return this.lines[this.at];
  }

  /**
   * The mapping whose keys start at column `indent`, up to the first line indented less; NOT_READ
   * when a line is anything else (a key indented otherwise, a repeated key, a value not read here).
   */
  mapping(indent: number, depth: number): Record<string, unknown> | typeof NOT_READ {
    const data: Record<string, unknown> = {};
    const seen = new Set<string>();
    for (let line = this.peek(); line !== undefined; line = this.peek()) {
      const lead = indentOf(line);
      if (lead < indent) break;
      const entry = lead === indent ? ENTRY.exec(indent === 0 ? line : line.slice(indent)) : null;
      if (!entry) return NOT_READ;
      this.at++;
      const [, key, text] = entry;
      if (seen.has(key) || SPECIAL_KEY.test(key)) return NOT_READ;
      seen.add(key);
      let value: unknown;
      if (text === undefined) value = this.below(indent, depth);
      else if (text[0] === '[') {
        const list = text[text.length - 1] === ']' ? text : this.flowLines(text, indent);
        value = list === NOT_READ ? NOT_READ : flowList(list);
      } else if (text[0] === '>' || text[0] === '|') value = this.blockScalar(text, indent);
      else value = scalar(text);
      if (value === NOT_READ) return NOT_READ;
      data[key] = value;
    }
    return data;
  }

  /**
   * The value of a key with nothing after its colon: a list of one-line values below it (`- a`,
   * at the key's column or further, all at one column), a mapping indented under it, or null.
   */
  private below(indent: number, depth: number): unknown {
    const next = this.peek();
    if (next === undefined) return null;
    if (ITEM.test(next)) {
      let column = -1;
      const items: unknown[] = [];
      for (let line: string | undefined = next; line !== undefined; line = this.peek()) {
        const item = ITEM.exec(line);
        if (!item) break;
        if (item[1].length < indent || (column >= 0 && item[1].length !== column)) return NOT_READ;
        column = item[1].length;
        const value = scalar(item[2]);
        if (value === NOT_READ) return NOT_READ;
        items.push(value);
        this.at++;
      }
      return items;
    }
    const lead = indentOf(next);
    if (lead <= indent) return null;
    return depth < MAX_DEPTH ? this.mapping(lead, depth + 1) : NOT_READ;
  }

  /**
   * A list in brackets continued on the lines below (`aliases: [` … `]`) as one line, when each
   * line ends between two items (after a comma, or before a closing bracket alone on the next
   * line) and is indented under the key, the closing bracket alone at the key's column or
   * further; NOT_READ otherwise.
   */
  private flowLines(first: string, indent: number): string | typeof NOT_READ {
    let text = first;
    for (; this.at < this.lines.length; this.at++) {
      const line = this.lines[this.at].replace(/ +$/, '');
      const lead = indentOf(line);
      const closing = line.length === lead + 1 && line[lead] === ']';
      const last = text[text.length - 1];
      if (!closing && last !== ',' && last !== '[') return NOT_READ;
      if (lead === line.length || (lead <= indent && !(lead === indent && closing))) return NOT_READ;
      text += ` ${line.slice(lead)}`;
      if (line[line.length - 1] === ']') {
        this.at++;
        return text;
      }
    }
    return NOT_READ;
  }

  /** `>` or `|` (`-` after it: no final line break) and the lines indented under it, each at one column, none blank. */
  private blockScalar(header: string, indent: number): string | typeof NOT_READ {
    const form = BLOCK_HEADER.exec(header);
    if (!form) return NOT_READ;
    const parts: string[] = [];
    let column = -1;
    for (; this.at < this.lines.length; this.at++) {
      const line = this.lines[this.at];
      const lead = indentOf(line);
      // An empty line or a comment ends the text (and is no part of it) only where the text ends
      // anyway: where no line indented under the key follows, not even one of spaces.
      if (line.length === 0 || (lead === 0 && line.charCodeAt(0) === 35)) {
        let after = this.at + 1;
        while (after < this.lines.length && this.lines[after].length === 0) after++;
        if (after < this.lines.length && indentOf(this.lines[after]) > indent) return NOT_READ;
        break;
      }
      if (lead <= indent) break;
      if ((column >= 0 && lead !== column) || !BLOCK_LINE.test(line.slice(lead))) return NOT_READ;
      column = lead;
      parts.push(line.slice(lead));
    }
    if (parts.length === 0) return '';
    return parts.join(form[1] === '>' ? ' ' : '\n') + (form[2] === '-' ? '' : '\n');
  }
}

/**
 * The mapping that front matter's lines (between the fences) hold, when each is `key: value`
 * with a plain or quoted value, a one-line list (`[a, b]`), a list of such values on the lines
 * below (`- a`), a mapping of such entries indented below (a few levels deep), a folded or
 * literal text indented below (`>`, `|`, `>-`, `|-`), a comment from the margin or blank; null
 * when any line is something else (block scalars with blank lines or other indicators,
 * escapes, anchors, tags, a repeated key, uneven indentation), for the YAML reader to read.
 */
export function plainFrontMatter(lines: readonly string[]): Record<string, unknown> | null {
  const reader = new Reader(lines);
  const data = reader.mapping(0, 0);
  return data === NOT_READ || reader.peek() !== undefined ? null : data;
}
