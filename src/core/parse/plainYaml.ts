// Front matter that is a flat list of `key: value` lines, read without the YAML reader. Most
// articles' front matter is nothing more (a title, a date, an owner, a list of tags), and the
// full reader (lexer, parser, composer, document, conversion) costs about as much as parsing the
// article's Markdown. Anything this does not read exactly as YAML 1.2's core schema does is left
// to the reader: the result is the same value either way, or null.

/** `key: value`, `key:` (a null, or the list on the lines below): a key as front matter writes them, a word with `_` and `-`. */
const ENTRY = /^([A-Za-z_][A-Za-z0-9_-]*):(?: +([^ ].*?))? *$/;
/** Keys the core schema reads as something other than their text, and the one a plain object cannot hold as data. */
const SPECIAL_KEY = /^(?:[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|__proto__)$/;
/** An item of a block list: its indentation and its value. */
const ITEM = /^( *)- +([^ ].*?) *$/;
/**
 * A plain scalar on one line in block context: it starts with a letter, a digit, `_`, `/`, `(`
 * or a currency sign (never an indicator: `-`, `?`, `:`, `[`, `{`, `#`, `&`, `*`, `!`, `|`, `>`,
 * a quote, `%`, `@`, `` ` ``), and holds no `#` (a comment after a space) and no `:` before a
 * space or at its end (a mapping), no brackets or braces, no tab.
 */
const PLAIN = /^[\p{L}\p{N}_/($£€¥](?:[\p{L}\p{M}\p{N} _.,;!?'"()/@&+=%$~^*<>\\|’‘“”–—…£€¥-]|:(?=[^ ]))*$/u;
/** An item of a one-line flow list, unquoted: the same, and no `,` or `:` at all. */
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
  return PLAIN.test(text) ? plainScalar(text) : NOT_READ;
}

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
    // A comma must be followed by another item.
    skipSpaces();
    if (at === end) return NOT_READ;
  }
}

/** A line YAML passes over: blank, or a comment from the margin. */
function isBlankOrComment(line: string): boolean {
  return line.length === 0 || line.charCodeAt(0) === 35 /* # */ || /^ +$/.test(line);
}

/**
 * The mapping that front matter's lines (between the fences) hold, when each is `key: value`
 * with a plain or quoted value, a one-line list (`[a, b]`) or a list of such values on the lines
 * below (`- a`), a comment from the margin or blank; null when any line is something else
 * (nesting, block scalars, escapes, anchors, tags, a repeated key), for the YAML reader to read.
 */
export function plainFrontMatter(lines: readonly string[]): Record<string, unknown> | null {
  const data: Record<string, unknown> = {};
  const seen = new Set<string>();
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l];
    if (isBlankOrComment(line)) continue;
    const entry = ENTRY.exec(line);
    if (!entry) return null;
    const [, key, text] = entry;
    if (seen.has(key) || SPECIAL_KEY.test(key)) return null;
    seen.add(key);
    let value: unknown;
    if (text === undefined) {
      // A list below, its items all indented alike (at the key's margin or further), or a null.
      let indent = -1;
      const items: unknown[] = [];
      for (; l + 1 < lines.length; l++) {
        const next = lines[l + 1];
        if (isBlankOrComment(next)) continue;
        const item = ITEM.exec(next);
        if (!item) break;
        if (indent >= 0 && item[1].length !== indent) return null;
        indent = item[1].length;
        const itemValue = scalar(item[2]);
        if (itemValue === NOT_READ) return null;
        items.push(itemValue);
      }
      value = indent < 0 ? null : items;
    } else if (text[0] === '[' && text[text.length - 1] === ']') value = flowList(text);
    else value = scalar(text);
    if (value === NOT_READ) return null;
    data[key] = value;
  }
  return data;
}
