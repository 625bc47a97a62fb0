import { parseDocument } from 'yaml';

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
 * Finds YAML front matter at the top of `lines` and parses it with a real YAML parser.
 * Returns null when there is none. A malformed block is reported with its position, never thrown.
 */
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
  const yamlText = lines.slice(1, end).join('\n');
  const doc = parseDocument(yamlText, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const pos = first.linePos?.[0];
    return {
      data: {},
      startLine: 1,
      endLine: end + 1,
      error: {
        line: (pos?.line ?? 1) + 1,
        column: pos?.col ?? 1,
        message: `malformed front matter: ${first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
      },
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
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
