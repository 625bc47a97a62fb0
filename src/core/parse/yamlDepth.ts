// A bound on how deeply YAML text nests, checked before the YAML reader sees it.

/**
 * Levels of nesting read at most. Front matter and generators' configuration nest a few levels;
 * the YAML reader recurses once a level, and far deeper nesting makes it run out of stack (at a
 * depth that varies from one run to the next, so the same file would give different findings),
 * abort the process, or take exponential time on nested complex keys (`? ? ? x`).
 */
export const MAX_YAML_DEPTH = 64;

/** Block indicators that open a level on the line they start: a sequence entry, a complex key or its value. */
const BLOCK_INDICATOR = /^[-?:](?=[ \t]|$)[ \t]*/;
/** What may follow the `:` of a key in a flow collection. */
const FLOW_KEY_END = /[\s,[\]{}]/;
/** What a value follows (or nothing, at the start of a line): only there does a quote open a quoted value. */
const VALUE_START = ['', ':', '-', '?', '[', '{', ','];
/** A block scalar's header ending a line (`key: |`, `- >-`): the lines indented under it are text. */
export const BLOCK_SCALAR = /(?:^|[:-][ \t]+)[|>][-+1-9]{0,2}[ \t]*(?:[ \t]#[^]*)?$/;

/**
 * Where YAML text first nests deeper than `max` levels, or null: an upper bound of the
 * YAML structure's depth, counting each deeper indentation, each block indicator that starts a
 * line (`- - x`), each open `[` or `{` outside quotes and comments, and inside those each key
 * after an entry's first (`{a: b: c: d}` nests a mapping in each key).
 */
export function tooDeep(lines: readonly string[], max = MAX_YAML_DEPTH): { line: number; column: number; depth: number } | null {
  const indents: number[] = [];
  let flow = 0;
  // Keys of the flow entry being read, and the levels their chains add in the flow collections around it.
  let keys = 0;
  let enclosing = 0;
  const enclosingKeys: number[] = [];
  const chained = (count: number) => Math.max(0, count - 1);
  /** Lines indented more than this are a block scalar's text. */
  let scalarIndent = -1;
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l];
    const indent = line.length - line.trimStart().length;
    if (line.trim() === '' || (flow === 0 && line.trimStart().startsWith('#'))) continue;
    if (scalarIndent >= 0) {
      if (indent > scalarIndent) continue;
      scalarIndent = -1;
    }
    let i = indent;
    // The line's own level: its indentation's, and one more for each block indicator after the
    // first (the first is the node the indentation stands for: `- - x` is two levels).
    let level = indents.length;
    if (flow === 0) {
      while (indents.length > 0 && indents[indents.length - 1] > indent) indents.pop();
      if (indents.length === 0 || indents[indents.length - 1] < indent) indents.push(indent);
      level = indents.length;
      if (level > max) return { line: l, column: indent, depth: level };
      for (let m = BLOCK_INDICATOR.exec(line.slice(i)), first = true; m; m = BLOCK_INDICATOR.exec(line.slice(i)), first = false) {
        if (!first && ++level > max) return { line: l, column: i, depth: level };
        i += m[0].length;
      }
      if (BLOCK_SCALAR.test(line)) scalarIndent = indent;
    }
    // Quotes are taken within the line only, and only where a value starts: a bracket in a
    // quoted value written over several lines may be counted (the bound is an upper one), but
    // an apostrophe in plain text never hides the brackets after it.
    let quote = '';
    let previous = '';
    for (; i < line.length; i++) {
      const c = line[i];
      if (quote) {
        if (c === '\\' && quote === '"') i++;
        else if (c === quote && quote === "'" && line[i + 1] === "'") i++;
        else if (c === quote) quote = '';
        continue;
      }
      if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) break;
      if ((c === '"' || c === "'") && VALUE_START.includes(previous)) quote = c;
      else if (c === '[' || c === '{') {
        flow++;
        enclosingKeys.push(keys);
        enclosing += chained(keys);
        keys = 0;
        if (level + flow + enclosing > max) return { line: l, column: i, depth: level + flow + enclosing };
      } else if ((c === ']' || c === '}') && flow > 0) {
        flow--;
        keys = enclosingKeys.pop() ?? 0;
        enclosing -= chained(keys);
      } else if (flow > 0 && c === ',') keys = 0;
      else if (flow > 0 && c === ':' && (i + 1 === line.length || FLOW_KEY_END.test(line[i + 1]))) {
        keys++;
        const depth = level + flow + enclosing + chained(keys);
        if (depth > max) return { line: l, column: i, depth };
      }
      if (c !== ' ' && c !== '\t') previous = c;
    }
  }
  return null;
}
