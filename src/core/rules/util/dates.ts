// Dates as help articles write them: "31 March 2025", "March 31, 2025", "31 Mar 2025",
// "2025-03-31", "March 2025" (the end of that month), in front matter or in text.
import { matchesOf } from '../../matches';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '((?:19|20)\\d{2})';

/** Every date form, as one regex with named alternatives; `g` so it can scan text. */
export const DATE_PATTERN = new RegExp(
  [
    `\\b${YEAR}-(\\d{2})-(\\d{2})\\b`,
    `\\b${DAY}\\s+(?:of\\s+)?${MONTH}\\.?,?\\s+${YEAR}\\b`,
    `\\b${MONTH}\\.?\\s+${DAY},?\\s+${YEAR}\\b`,
    `\\b${MONTH}\\.?\\s+${YEAR}\\b`,
  ].join('|'),
  'gi',
);

function monthIndex(name: string): number {
  const lower = name.toLowerCase().slice(0, 3);
  return MONTHS.findIndex((m) => m.startsWith(lower));
}

function valid(year: number, month: number, day: number): Date | null {
  const date = new Date(Date.UTC(year, month, day));
  return date.getUTCMonth() === month && date.getUTCDate() === day ? date : null;
}

export interface DateMatch {
  date: Date;
  text: string;
  index: number;
  /** True for "March 2025": the date is the last day of that month. */
  monthOnly: boolean;
}

/** Turns one DATE_PATTERN match into a UTC date, or null when the day does not exist. */
export function dateFromMatch(m: RegExpExecArray): DateMatch | null {
  let date: Date | null = null;
  let monthOnly = false;
  if (m[1]) date = valid(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  else if (m[4]) date = valid(Number(m[6]), monthIndex(m[5]), Number(m[4]));
  else if (m[7]) date = valid(Number(m[9]), monthIndex(m[7]), Number(m[8]));
  else if (m[10]) {
    const month = monthIndex(m[10]);
    date = new Date(Date.UTC(Number(m[11]), month + 1, 0));
    monthOnly = true;
  }
  return date ? { date, text: m[0], index: m.index, monthOnly } : null;
}

/** Every date written in `text`, in order. */
export function findDates(text: string): DateMatch[] {
  const out: DateMatch[] = [];
  for (const m of matchesOf(DATE_PATTERN, text)) {
    const found = dateFromMatch(m);
    if (found) out.push(found);
  }
  return out;
}

/** A front-matter value as a date: a YAML date, or a string in one of the forms above. */
export function parseDateValue(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === 'number' && value > 1900 && value < 2200) return new Date(Date.UTC(value, 11, 31));
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  if (iso) return valid(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3]));
  const slashIso = /^(\d{4})\/(\d{2})\/(\d{2})$/.exec(text);
  if (slashIso) return valid(Number(slashIso[1]), Number(slashIso[2]) - 1, Number(slashIso[3]));
  const found = findDates(text);
  return found.length === 1 && found[0].text.length === text.length ? found[0].date : null;
}

/** yyyy-mm-dd of a date, in UTC. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function daysBetween(earlier: Date, later: Date): number {
  return Math.floor((later.getTime() - earlier.getTime()) / 86_400_000);
}
