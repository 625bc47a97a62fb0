import { parseDocument } from 'yaml';
import { plainFrontMatter } from './plainYaml';
import { MAX_YAML_DEPTH, tooDeep } from './yamlDepth';

export interface FrontMatterResult {
  data: Record<string, unknown>;
  /** 1-based lines of the opening and closing fences. */
  startLine: number;
  endLine: number;
  error: { line: number; column: number; message: string } | null;
}

const FENCE = /^---[ \t]*$/;
const CLOSE = /^(---|\.\.\.)[ \t]*$/;

/**
 * The front matter as the generators' YAML readers (go-yaml, js-yaml) take it, where the strict
 * reader refuses it: tabs indenting the lines inside a flow sequence or mapping (`[`…`]` over
 * several lines) become spaces, and a line continuing a quoted value that starts at the margin
 * is indented. Block indentation is left as it is, so broken structure stays broken. Returns
 * null when nothing changes.
 */
function generatorYaml(lines: string[]): string | null {
  let quote = '';
  let flowDepth = 0;
  let changed = false;
  const out = lines.map((original) => {
    let line = original;
    if (quote && /^\S/.test(line)) line = `  ${line}`;
    else if (flowDepth > 0 && /^[ \t]*\t/.test(line)) line = line.replace(/^[ \t]+/, (lead) => lead.replace(/\t/g, '  '));
    changed ||= line !== original;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quote) {
        if (c === '\\' && quote === '"') i++;
        else if (c === quote && quote === "'" && line[i + 1] === "'") i++;
        else if (c === quote) quote = '';
      } else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) break;
      else if ((c === '"' || c === "'") && (i === 0 || /[\s[{,:-]/.test(line[i - 1]))) quote = c;
      else if (c === '[' || c === '{') flowDepth++;
      else if ((c === ']' || c === '}') && flowDepth > 0) flowDepth--;
    }
    return line;
  });
  return changed ? out.join('\n') : null;
}

/**
 * Finds YAML front matter at the top of `lines` and parses it with a real YAML parser.
 * Returns null when there is none. A malformed block is reported with its position, never thrown.
 */
/** The line (from 0) and column (from 1) of an offset into `lines` joined with `\n`. */
function lineAndColumn(lines: string[], offset: number): { line: number; column: number } {
  let start = 0;
  for (let line = 0; line < lines.length; line++) {
    const end = start + lines[line].length;
    if (offset <= end) return { line, column: Math.max(0, offset - start) + 1 };
    start = end + 1;
  }
  const last = Math.max(0, lines.length - 1);
  return { line: last, column: (lines[last]?.length ?? 0) + 1 };
}

export function parseFrontMatter(lines: string[]): FrontMatterResult | null {
  if (lines.length === 0 || !FENCE.test(lines[0])) return null;
  let end = -1;
  for (let i = 1; i < lines.length; i++) {
    if (CLOSE.test(lines[i])) {
      end = i;
      break;
    }
  }
  if (end < 0) {
    return {
      data: {},
      startLine: 1,
      endLine: 1,
      error: { line: 1, column: 1, message: 'front matter opened with --- is never closed' },
    };
  }
  const yamlLines = lines.slice(1, end);
  // Flat `key: value` lines, as most articles have, need no YAML reader.
  const plain = plainFrontMatter(yamlLines);
  if (plain) return { data: plain, startLine: 1, endLine: end + 1, error: null };
  const deep = tooDeep(yamlLines);
  if (deep) {
    return {
      data: {},
      startLine: 1,
      endLine: end + 1,
      error: {
        line: deep.line + 2,
        column: deep.column + 1,
        message: `malformed front matter: nested more than ${MAX_YAML_DEPTH} levels deep, so it is not read`,
      },
    };
  }
  // logLevel 'error': yaml's warnings (a mapping used as a key, stringified) would go to the
  // process's stderr, in the CLI's output and the extension host's log; errors are in doc.errors.
  const options = { uniqueKeys: true, prettyErrors: true, logLevel: 'error' } as const;
  let doc = parseDocument(yamlLines.join('\n'), options);
  if (doc.errors.length > 0) {
    // What the generators' YAML readers accept (tabs inside a flow sequence, a quoted value
    // continued at the margin) is no error to fix: read it again as they do.
    const lenient = generatorYaml(yamlLines);
    if (lenient !== null) {
      const again = parseDocument(lenient, options);
      if (again.errors.length === 0) doc = again;
    }
  }
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    // From the error's offset: yaml's own line count can lose lines while it recovers from an
    // error (a blank line, then `-:`, then `| U`, was placed two lines up).
    const pos = lineAndColumn(yamlLines, first.pos[0]);
    return {
      data: {},
      startLine: 1,
      endLine: end + 1,
      error: {
        line: pos.line + 2,
        column: pos.column,
        message: `malformed front matter: ${first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
      },
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
    // Only an explicit tag makes binary data: most front matter is passed over at once.
    if (yamlLines.some((line) => line.includes('binary'))) value = binaryAsText(value);
  } catch (error) {
    // yaml refuses alias bombs (billion laughs) here rather than expanding them.
    return {
      data: {},
      startLine: 1,
      endLine: end + 1,
      error: { line: 2, column: 1, message: `malformed front matter: ${error instanceof Error ? error.message : String(error)}` },
    };
  }
  if (value !== null && value !== undefined && (typeof value !== 'object' || Array.isArray(value))) {
    return {
      data: {},
      startLine: 1,
      endLine: end + 1,
      error: { line: 2, column: 1, message: 'front matter must be a mapping of keys to values' },
    };
  }
  return { data: (value ?? {}) as Record<string, unknown>, startLine: 1, endLine: end + 1, error: null };
}

/**
 * `value` with every `!!binary` value (a Buffer from the YAML reader) replaced by its bytes read
 * as UTF-8, as Hugo reads them, in place. A Buffer does not survive the trip from the parse
 * worker (a structured clone makes it a plain Uint8Array, which reads differently), and front
 * matter is text to the rules. Aliases can make the value share parts, or hold itself: each
 * part is visited once.
 */
function binaryAsText(value: unknown, seen = new WeakSet<object>()): unknown {
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  if (typeof value !== 'object' || value === null || value instanceof Date || seen.has(value)) return value;
  seen.add(value);
  if (value instanceof Map) {
    const entries = [...value].map(([key, item]) => [binaryAsText(key, seen), binaryAsText(item, seen)] as const);
    value.clear();
    for (const [key, item] of entries) value.set(key, item);
  } else if (value instanceof Set) {
    const items = [...value].map((item) => binaryAsText(item, seen));
    value.clear();
    for (const item of items) value.add(item);
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = binaryAsText(value[i], seen);
  } else {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = binaryAsText(record[key], seen);
  }
  return value;
}
