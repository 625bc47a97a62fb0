// Text → text edits on an article's YAML front matter: set the review date, add missing fields.
// Pure functions of the document text, so the editor and rules share them; the editor re-checks
// each edit's `expected` text before applying it.
import type { TextEdit } from '../model';

/** The front-matter field that records when an article was last reviewed. */
export const REVIEW_DATE_FIELD = 'last_reviewed';

const OPEN = /^---[ \t]*$/;
const CLOSE = /^(---|\.\.\.)[ \t]*$/;

interface Lines {
  lines: string[];
  eol: string;
}

/** The line ending new lines should use: the file's first one (CRLF, LF or a lone CR), else LF. */
export function lineEnding(text: string): string {
  return /\r\n|\r|\n/.exec(text)?.[0] ?? '\n';
}

function splitLines(text: string): Lines {
  return { lines: text.split(/\r\n|\r|\n/), eol: lineEnding(text) };
}

/** 0-based indexes of the opening and closing fences, or null when the text has no front matter. */
export function findFrontMatter(lines: string[]): { open: number; close: number } | null {
  const first = lines[0]?.replace(/^\uFEFF/, '');
  if (first === undefined || !OPEN.test(first)) return null;
  for (let i = 1; i < lines.length; i++) {
    if (CLOSE.test(lines[i])) return { open: 0, close: i };
  }
  return null;
}

/** The local calendar date as YYYY-MM-DD, as front matter writes dates. */
export function isoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A YAML scalar for `value`: plain when YAML reads it back as the same string or date, quoted otherwise. */
export function yamlScalar(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const plainSafe =
    value !== '' &&
    !/^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(value) &&
    !/(:\s|\s#|[\r\n])/.test(value) &&
    !/\s$/.test(value) &&
    !/^(true|false|yes|no|on|off|null|~|[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?)$/i.test(value);
  return plainSafe ? value : JSON.stringify(value);
}

// `key:` must be followed by a space or the line's end, else YAML reads the line as a plain string.
const KEY_LINE = /^([A-Za-z_][\w-]*)[ \t]*:(?=[ \t]|$)(.*)$/;

/** Top-level `key: value` lines of the front matter between `open` and `close`, by key. */
function topLevelKeys(lines: string[], open: number, close: number): Map<string, number> {
  const keys = new Map<string, number>();
  for (let i = open + 1; i < close; i++) {
    const m = KEY_LINE.exec(lines[i]);
    if (m && !keys.has(m[1])) keys.set(m[1], i);
  }
  return keys;
}

/** The edit that inserts `text` before 0-based line `index`, expecting that line unchanged. */
function insertBefore(lines: string[], index: number, text: string): TextEdit {
  const line = lines[index];
  return { range: { line: index + 1, column: 1, endLine: index + 1, endColumn: line.length + 1 }, expected: line, newText: text + line };
}

/**
 * Edits that give each field in `fields` the value given: a field already present has its value
 * replaced on its line (a value spread over several lines is left alone: null for that field),
 * a missing one is added before the closing fence, and an article without front matter gets
 * a new block at the top. Fields whose value is already exactly the one given produce no edit.
 */
export function setFrontMatterFields(text: string, fields: Record<string, string>, options: { onlyMissing?: boolean } = {}): TextEdit[] | null {
  const { lines, eol } = splitLines(text);
  const entries = Object.entries(fields);
  if (entries.length === 0) return [];
  const fm = findFrontMatter(lines);
  if (!fm) {
    const block = ['---', ...entries.map(([k, v]) => `${k}: ${yamlScalar(v)}`), '---', ''].join(eol);
    // A BOM stays first; the block goes after it.
    const bom = lines[0]?.startsWith('\uFEFF') ? 1 : 0;
    return [{ range: { line: 1, column: 1 + bom, endLine: 1, endColumn: 1 + bom }, expected: '', newText: block }];
  }
  const keys = topLevelKeys(lines, fm.open, fm.close);
  const edits: TextEdit[] = [];
  const added: string[] = [];
  for (const [key, value] of entries) {
    const index = keys.get(key);
    const scalar = yamlScalar(value);
    if (index === undefined) {
      added.push(`${key}: ${scalar}${eol}`);
      continue;
    }
    if (options.onlyMissing) continue;
    const line = lines[index];
    const m = KEY_LINE.exec(line)!;
    const rawValue = m[2];
    const valueText = rawValue.replace(/^[ \t]*/, '');
    // A block scalar (|, >) or an empty value followed by indented lines spans several lines.
    const next = lines[index + 1] ?? '';
    if (/^[|>]/.test(valueText) || (valueText.trim() === '' && /^[ \t]+\S/.test(next) && index + 1 < fm.close)) return null;
    const comment = /(?<!\s)\s+#[^]*$/.exec(valueText)?.[0] ?? '';
    const current = valueText.slice(0, valueText.length - comment.length);
    if (current === scalar) continue;
    const startColumn = line.length - valueText.length + 1;
    edits.push({
      range: { line: index + 1, column: startColumn, endLine: index + 1, endColumn: startColumn + current.length },
      expected: current,
      newText: rawValue.length === valueText.length ? ` ${scalar}` : scalar,
    });
  }
  if (added.length > 0) edits.push(insertBefore(lines, fm.close, added.join('')));
  return edits;
}

/** Edits that set the review date field to `date` (YYYY-MM-DD). */
export function setReviewDate(text: string, date: string, field = REVIEW_DATE_FIELD): TextEdit[] | null {
  return setFrontMatterFields(text, { [field]: date });
}

/** Edits that add each of `fields` the front matter lacks, leaving present ones untouched. */
export function addMissingFrontMatterFields(text: string, fields: Record<string, string>): TextEdit[] | null {
  return setFrontMatterFields(text, fields, { onlyMissing: true });
}

/** Applies 1-based, non-overlapping edits to `text` (for tests and previews of a fix). */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) continue;
    if (c === 10 || c === 13) lineStarts.push(i + 1);
  }
  const offset = (line: number, column: number) => (lineStarts[line - 1] ?? text.length) + column - 1;
  const sorted = edits
    .map((e) => ({ ...e, start: offset(e.range.line, e.range.column), end: offset(e.range.endLine, e.range.endColumn) }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of sorted) {
    const actual = out.slice(e.start, e.end);
    if (actual !== e.expected) throw new Error(`edit at ${e.range.line}:${e.range.column} expected ${JSON.stringify(e.expected)}, found ${JSON.stringify(actual)}`);
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  }
  return out;
}
