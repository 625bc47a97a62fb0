import { parse as parseCsv } from 'csv-parse/sync';
import type { FileSystem } from '../fileSystem';
import { errorMessage } from '../fileSystem';
import type { KnowledgeBase } from '../knowledgeBase';
import { normalizeLocale } from '../locale/codes';
import { localeLayout } from '../locale/scopes';
import { SearchIndex } from './searchIndex';
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

function fromTxt(text: string, file: string): SampleQuestion[] {
  const out: SampleQuestion[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const question = raw.trim();
    if (question && !question.startsWith('#')) out.push({ question, line: i + 1, file });
  });
  return out;
}

function fromJsonl(text: string, file: string): SampleQuestion[] {
  const out: SampleQuestion[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
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
    // An empty message is a real (if useless) customer message: it is routed, and escalates.
    if (typeof record.question !== 'string') {
      throw new QuestionsError(file, line, '"question" must be a string');
    }
    const q: SampleQuestion = { question: record.question.trim(), line, file };
    if ('expected' in record) q.expected = expectedValue(record.expected, file, line);
    if (record.section !== undefined && record.section !== null) {
      if (typeof record.section !== 'string') throw new QuestionsError(file, line, '"section" must be a heading (a string)');
      q.section = record.section.trim();
    }
    if (record.locale !== undefined && record.locale !== null) {
      if (typeof record.locale !== 'string') throw new QuestionsError(file, line, '"locale" must be a language code (a string such as "de" or "pt-BR")');
      if (record.locale.trim()) q.locale = record.locale.trim();
    }
    out.push(q);
  });
  return out;
}

/** The line where a quoted CSV field that never closes was opened. */
function unclosedQuoteLine(text: string): number {
  let line = 1;
  let inQuotes = false;
  let openedAt = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    else if (c === '"') {
      if (!inQuotes) openedAt = line;
      inQuotes = !inQuotes;
    }
  }
  return inQuotes ? openedAt : line;
}

function fromCsv(text: string, file: string): SampleQuestion[] {
  let rows: { record: string[]; raw: string; info: { lines: number } }[];
  try {
    rows = parseCsv(text, { bom: true, skip_empty_lines: true, relax_column_count: true, info: true, raw: true }) as unknown as typeof rows;
  } catch (error) {
    const code = (error as { code?: string }).code;
    const line = code === 'CSV_QUOTE_NOT_CLOSED' ? unclosedQuoteLine(text) : ((error as { lines?: number }).lines ?? 1);
    throw new QuestionsError(file, line, `invalid CSV: ${errorMessage(error).split('\n')[0].replace(/ at line \d+[^]*$/, '')}`);
  }
  if (rows.length === 0) return [];
  // csv-parse reports the line a record ends on; a quoted field may span lines.
  const startLine = (row: (typeof rows)[number]) => row.info.lines - (row.raw.replace(/\r?\n$/, '').match(/\n/g) ?? []).length;
  const header = rows[0].record.map((h) => h.trim().toLowerCase());
  const qi = header.indexOf('question');
  if (qi < 0) throw new QuestionsError(file, startLine(rows[0]), 'the header row needs a "question" column');
  const ei = header.indexOf('expected');
  const si = header.indexOf('section');
  const li = header.indexOf('locale');
  const out: SampleQuestion[] = [];
  for (const row of rows.slice(1)) {
    const line = startLine(row);
    const cells = row.record;
    if (cells.every((c) => !c.trim())) continue;
    const question = (cells[qi] ?? '').trim();
    if (!question) throw new QuestionsError(file, line, `empty "question" cell (column ${qi + 1})`);
    const q: SampleQuestion = { question, line, file };
    if (ei >= 0) q.expected = expectedValue(cells[ei] ?? '', file, line);
    if (si >= 0 && cells[si]?.trim()) q.section = cells[si].trim();
    if (li >= 0 && cells[li]?.trim()) q.locale = cells[li].trim();
    out.push(q);
  }
  return out;
}

/**
 * Throws a QuestionsError at the first question whose locale the knowledge base lacks. A
 * knowledge base with one locale answers every question from it, whatever locale it names.
 */
export function checkQuestionLocales(kb: KnowledgeBase, questions: readonly SampleQuestion[]): void {
  const locales = localeLayout(kb)?.locales;
  if (!locales) return;
  for (const q of questions) {
    if (q.locale === undefined || locales.includes(normalizeLocale(q.locale))) continue;
    throw new QuestionsError(q.file ?? 'questions', q.line, `locale "${q.locale}" is not one of the knowledge base's locales (${locales.join(', ')})`);
  }
}

/**
 * The index each question is routed against: in a translated knowledge base, the one of the
 * locale the question names (`build` makes it, once per locale), else `index`. A locale the
 * knowledge base does not have is an error at the question's line.
 */
export function questionIndexes(
  kb: KnowledgeBase,
  index: SearchIndex,
  questions: readonly SampleQuestion[],
  build = (locale: string) => SearchIndex.build(kb, { locale }),
): (q: SampleQuestion) => SearchIndex {
  checkQuestionLocales(kb, questions);
  if (!localeLayout(kb)) return () => index;
  const byLocale = new Map<string, SearchIndex>();
  if (index.locale) byLocale.set(index.locale, index);
  const indexOf = (q: SampleQuestion) => {
    if (q.locale === undefined) return index;
    const wanted = normalizeLocale(q.locale);
    let own = byLocale.get(wanted);
    if (!own) byLocale.set(wanted, (own = build(wanted)));
    return own;
  };
  // Built now, so routing the questions afterwards does no more than look them up.
  for (const q of questions) indexOf(q);
  return indexOf;
}

/** The questions each index answers, for embedding them with it. */
export function questionsByIndex(questions: readonly SampleQuestion[], indexOf: (q: SampleQuestion) => SearchIndex): Map<SearchIndex, string[]> {
  const out = new Map<SearchIndex, string[]>();
  for (const q of questions) {
    const index = indexOf(q);
    let list = out.get(index);
    if (!list) out.set(index, (list = []));
    list.push(q.question);
  }
  return out;
}

/** Parses questions text by the file's extension: .txt, .csv or .jsonl. */
export function parseQuestions(text: string, file: string): SampleQuestion[] {
  const body = text.replace(/^\uFEFF/, '');
  const lower = file.toLowerCase();
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return fromJsonl(body, file);
  if (lower.endsWith('.csv')) return fromCsv(body, file);
  if (lower.endsWith('.txt')) return fromTxt(body, file);
  throw new QuestionsError(file, 1, 'questions files must be .txt, .csv or .jsonl (one question a line, a header row with "question", or {"question": ...} objects)');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The questions file's text. Bytes that are not UTF-8 (a spreadsheet saved as Windows-1252) would
 * turn customers' words into replacement characters that match nothing: an error naming the line.
 */
export function decodeQuestions(bytes: Uint8Array, file: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    let line = 1;
    for (let start = 0; start < bytes.length; line++) {
      const end = bytes.indexOf(10, start);
      const stop = end < 0 ? bytes.length : end;
      try {
        utf8.decode(bytes.subarray(start, stop));
      } catch {
        break;
      }
      start = stop + 1;
    }
    throw new QuestionsError(file, line, 'not UTF-8 text: save the questions file as UTF-8 (in a spreadsheet, "CSV UTF-8")');
  }
}

export async function loadQuestions(fs: FileSystem, path: string, displayName = path): Promise<SampleQuestion[]> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(path);
  } catch (error) {
    throw new QuestionsError(displayName, 1, `cannot read questions file: ${errorMessage(error)}`);
  }
  return parseQuestions(decodeQuestions(bytes, displayName), displayName);
}
