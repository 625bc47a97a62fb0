import { parse as parseCsv } from 'csv-parse/sync';
import type { FileSystem } from '../fileSystem';
import { errorMessage } from '../fileSystem';
import type { SampleQuestion } from './types';

/** A questions file that cannot be read, or a line in it that is malformed. */
export class QuestionsError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly detail: string,
  ) {
    super(`${file}:${line}: ${detail}`);
    this.name = 'QuestionsError';
  }
}

function expectedValue(value: unknown, file: string, line: number): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value !== 'string') throw new QuestionsError(file, line, '"expected" must be an article path or null');
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.toLowerCase() === 'null') return null;
  return trimmed.replace(/\\/g, '/').replace(/^\.\//, '');
}

function fromTxt(text: string): SampleQuestion[] {
  const out: SampleQuestion[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const question = raw.trim();
    if (question && !question.startsWith('#')) out.push({ question, line: i + 1 });
  });
  return out;
}

function fromJsonl(text: string, file: string): SampleQuestion[] {
  const out: SampleQuestion[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      throw new QuestionsError(file, line, `invalid JSON: ${errorMessage(error)}`);
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      throw new QuestionsError(file, line, 'each line must be an object like {"question": "..."}');
    }
    const record = value as Record<string, unknown>;
    if (typeof record.question !== 'string' || !record.question.trim()) {
      throw new QuestionsError(file, line, '"question" must be a non-empty string');
    }
    const q: SampleQuestion = { question: record.question.trim(), line };
    if ('expected' in record) q.expected = expectedValue(record.expected, file, line);
    if (typeof record.section === 'string') q.section = record.section;
    out.push(q);
  });
  return out;
}

function fromCsv(text: string, file: string): SampleQuestion[] {
  let rows: string[][];
  try {
    rows = parseCsv(text, { bom: true, skip_empty_lines: false, relax_column_count: true }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    throw new QuestionsError(file, line, `invalid CSV: ${errorMessage(error).split('\n')[0]}`);
  }
  if (rows.length === 0) return [];
  const header = rows[0].map((h) => h.trim().toLowerCase());
  const qi = header.indexOf('question');
  if (qi < 0) throw new QuestionsError(file, 1, 'the header row needs a "question" column');
  const ei = header.indexOf('expected');
  const si = header.indexOf('section');
  const out: SampleQuestion[] = [];
  // csv-parse has no per-record line numbers here; count physical lines as records go by.
  let line = 1;
  for (let r = 1; r < rows.length; r++) {
    line++;
    const row = rows[r];
    const question = (row[qi] ?? '').trim();
    if (row.length === 1 && question === '') continue;
    if (!question) throw new QuestionsError(file, line, 'empty "question" cell');
    const q: SampleQuestion = { question, line };
    if (ei >= 0) q.expected = expectedValue(row[ei] ?? '', file, line);
    if (si >= 0 && row[si]) q.section = row[si].trim();
    out.push(q);
    line += (question.match(/\n/g) ?? []).length;
  }
  return out;
}

/** Parses questions text by the file's extension: .txt, .csv or .jsonl. */
export function parseQuestions(text: string, file: string): SampleQuestion[] {
  const body = text.replace(/^\uFEFF/, '');
  const lower = file.toLowerCase();
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return fromJsonl(body, file);
  if (lower.endsWith('.csv')) return fromCsv(body, file);
  if (lower.endsWith('.txt')) return fromTxt(body);
  throw new QuestionsError(file, 1, 'questions files must be .txt, .csv or .jsonl');
}

export async function loadQuestions(fs: FileSystem, path: string, displayName = path): Promise<SampleQuestion[]> {
  let text: string;
  try {
    text = new TextDecoder().decode(await fs.readFile(path));
  } catch (error) {
    throw new QuestionsError(displayName, 1, `cannot read questions file: ${errorMessage(error)}`);
  }
  return parseQuestions(text, displayName);
}
