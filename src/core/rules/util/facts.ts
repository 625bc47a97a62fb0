// Facts a support answer states, in a form that can be compared: durations, money, percentages,
// dates, email addresses, phone numbers and URLs, each with where it is written.
import { matchesOf } from '../../matches';
import { DATE_PATTERN, dateFromMatch, isoDay } from './dates';
import { TRAILING_SLASHES } from '../../fileSystem';

export const FACT_KINDS = ['duration', 'money', 'percent', 'date', 'email', 'phone', 'url'] as const;
export type FactKind = (typeof FACT_KINDS)[number];

export interface Fact {
  kind: FactKind;
  /** Facts compare only within one class: "business-day" durations, "GBP" amounts, … */
  unitClass: string;
  /** Equal facts have equal values (durations in a common unit, amounts in minor units, …). */
  value: string;
  /** The text as written, for messages: "within 10 business days". */
  text: string;
  /** Offset of the fact in the sentence it was found in, and its length. */
  index: number;
  length: number;
}

const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fourteen: 14, fifteen: 15, twenty: 20, thirty: 30, forty: 40, 'forty-five': 45, sixty: 60, ninety: 90,
};
const NUM = `(\\d+(?:[.,]\\d+)?|${Object.keys(NUMBER_WORDS).filter((w) => w.length > 2).join('|')})`;
const DURATION = new RegExp(
  `\\b(?:(within|up to|at least|at most|no more than|less than|more than|over|under)\\s+)?${NUM}(?:\\s*(?:-|–|—|to|or)\\s*${NUM})?[\\s-]*(?:extra\\s+|more\\s+|additional\\s+|full\\s+)?(business|working|calendar)?[\\s-]*(minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\\b`,
  'gi',
);
// Runs are bounded where a match may start at every word of a long run (an amount before its
// currency's name, an email's local part, at most 64 characters by RFC 5321): unbounded, each
// start read the run to its end, which was quadratic in the run's length.
export const MONEY = /(?:([$£€])\s?(\d[\d,]*(?:\.\d{1,2})?)|\b(\d[\d,]{0,40}(?:\.\d{1,2})?)\s?(usd|gbp|eur|dollars?|pounds?|euros?)\b)/gi;
const PERCENT = /\b(\d+(?:\.\d+)?)\s?(%|percent\b|per cent\b)/gi;
export const EMAIL = /\b[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+\b/g;
const URL = /\bhttps?:\/\/[^\s<>()[\]"']+/gi;
const PHONE = /(?<![\w£$€.,])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,5}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,5}){1,4}(?![\w%])/g;

const MAY_DATE = /(?:19|20)\d\d/;
const MAY_MONEY = /[$£€]|usd|gbp|eur|dollar|pound|euro/i;
const MAY_PERCENT = /%|per\s?cent/i;
const MAY_DURATION = /min|hour|hr|day|week|month|year/i;

const DAYS_PER: Record<string, number> = { minute: 1 / 1440, hour: 1 / 24, day: 1, week: 7, month: 30, year: 365 };

/**
 * Hosts that stand for "your server" in instructions and samples, never a real address:
 * reserved example domains, localhost and private or loopback addresses, and names that are
 * placeholders to fill in ("yourdomain.com", "domain.tld", "SERVER_IP", "your_local_IP_address").
 */
const PLACEHOLDER_HOST =
  /^(?:(?:[\w-]+\.)*example(?:\.(?:com|org|net))|localhost|(?:[\w-]+\.)*(?:test|invalid|localhost|local|tld)|127(?:\.\d+){3}|10(?:\.\d+){3}|192\.168(?:\.\d+){2}|172\.(?:1[6-9]|2\d|3[01])(?:\.\d+){2}|0\.0\.0\.0|\[?::1\]?)$|_|^[^.]*$|(?:^|[.-])(?:your|my|some)[\w-]*(?:domain|server|site|host|instance|company|ip)|^(?:domain|host|server|hostname|ip)\.|\bx{3,}\b/i;
/** Video players embedded in a page: what the page shows, not an address to give anyone. */
const EMBED = /^(?:www\.)?(?:youtube(?:-nocookie)?\.com\/embed\/|player\.vimeo\.com\/|youtube\.com\/watch|youtu\.be\/|vimeo\.com\/\d)/i;

/** The host of an address without its scheme, user and port; upper case kept (SERVER_IP is a placeholder). */
function hostOf(address: string): string {
  const rest = address.replace(/^[a-z][\w+.-]*:\/\//i, '');
  const host = rest.split(/[/?#]/)[0].replace(/^[^@]*@/, '');
  return host.startsWith('[') ? host.replace(/\]:\d+$/, ']') : host.replace(/:\d+$/, '');
}

/** An address in an instruction or a sample ("http://localhost:8096", "https://yourdomain.com"), or an embedded video: not a fact. */
export function isPlaceholderAddress(address: string): boolean {
  const host = hostOf(address);
  if (/[<>{}]|%7b|\$\{|\[[a-z]/i.test(address) || /^[A-Z0-9_]*[A-Z]_[A-Z0-9_]*$/.test(host)) return true;
  return PLACEHOLDER_HOST.test(host) || EMBED.test(address.replace(/^https?:\/\//i, ''));
}

function number(text: string): number {
  const lower = text.toLowerCase();
  if (lower in NUMBER_WORDS) return NUMBER_WORDS[lower];
  return Number(lower.replace(',', '.'));
}

function unitName(unit: string): string {
  const u = unit.toLowerCase();
  if (u.startsWith('min')) return 'minute';
  if (u.startsWith('h')) return 'hour';
  if (u.startsWith('d')) return 'day';
  if (u.startsWith('w')) return 'week';
  if (u.startsWith('mo')) return 'month';
  return 'year';
}

const CURRENCY: Record<string, string> = { $: 'USD', '£': 'GBP', '€': 'EUR', usd: 'USD', gbp: 'GBP', eur: 'EUR', dollar: 'USD', dollars: 'USD', pound: 'GBP', pounds: 'GBP', euro: 'EUR', euros: 'EUR' };

function round(x: number): string {
  return String(Math.round(x * 1000) / 1000);
}

/** Every fact in one sentence (or one table row), in order of appearance. */
export function extractFacts(sentence: string): Fact[] {
  const facts: Fact[] = [];
  const taken: Array<[number, number]> = [];
  const free = (start: number, end: number) => taken.every(([s, e]) => end <= s || start >= e);
  const add = (fact: Fact) => {
    if (!free(fact.index, fact.index + fact.length)) return;
    taken.push([fact.index, fact.index + fact.length]);
    facts.push(fact);
  };
  // Each pattern only where a cheap look says it may match.
  const hasDigit = /\d/.test(sentence);
  if (sentence.includes('@')) for (const m of matchesOf(EMAIL, sentence)) {
    if (isPlaceholderAddress(`mailto://${m[0]}`)) continue;
    add({ kind: 'email', unitClass: 'email', value: m[0].toLowerCase(), text: m[0], index: m.index!, length: m[0].length });
  }
  if (/https?:/i.test(sentence)) for (const m of matchesOf(URL, sentence)) {
    const text = m[0].replace(/[.,;:!?]+$/, '');
    if (isPlaceholderAddress(text)) {
      taken.push([m.index!, m.index! + text.length]);
      continue;
    }
    const value = text.toLowerCase().replace(/^https?:\/\/(www\.)?/, '').replace(TRAILING_SLASHES, '');
    add({ kind: 'url', unitClass: 'url', value, text, index: m.index!, length: text.length });
  }
  if (hasDigit && MAY_DATE.test(sentence)) for (const m of matchesOf(DATE_PATTERN, sentence)) {
    const found = dateFromMatch(m);
    if (found) add({ kind: 'date', unitClass: 'date', value: isoDay(found.date), text: m[0], index: m.index!, length: m[0].length });
  }
  if (hasDigit && MAY_MONEY.test(sentence)) for (const m of matchesOf(MONEY, sentence)) {
    const symbol = (m[1] ?? m[4]).toLowerCase();
    const amount = Number((m[2] ?? m[3]).replace(/,/g, ''));
    add({ kind: 'money', unitClass: CURRENCY[symbol] ?? symbol, value: round(amount), text: m[0], index: m.index!, length: m[0].length });
  }
  if (hasDigit && MAY_PERCENT.test(sentence)) for (const m of matchesOf(PERCENT, sentence)) {
    add({ kind: 'percent', unitClass: 'percent', value: round(Number(m[1])), text: m[0], index: m.index!, length: m[0].length });
  }
  if (MAY_DURATION.test(sentence)) for (const m of matchesOf(DURATION, sentence)) {
    const low = number(m[2]);
    const high = m[3] !== undefined ? number(m[3]) : low;
    if (!Number.isFinite(low) || !Number.isFinite(high)) continue;
    const unit = unitName(m[5]);
    const business = m[4] && /business|working/i.test(m[4]);
    const scale = business ? 1 : DAYS_PER[unit];
    const unitClass = business ? 'business-day' : unit === 'minute' || unit === 'hour' ? 'hour' : 'day';
    const factor = unitClass === 'hour' ? scale * 24 : scale;
    const bound = m[1] ? `${m[1].toLowerCase().replace(/^(within|up to|at most|no more than|less than|under)$/, '≤').replace(/^(at least|more than|over)$/, '≥')}` : '';
    const value = `${bound}${round(low * factor)}${high !== low ? `-${round(high * factor)}` : ''}`;
    add({ kind: 'duration', unitClass, value, text: m[0].trim(), index: m.index!, length: m[0].trimEnd().length });
  }
  if (hasDigit) for (const m of matchesOf(PHONE, sentence)) {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length < 7 || digits.length > 15) continue;
    // An IP address or a version ("192.168.10.200", "v4.12.1080") is no phone number.
    if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(m[0]) || /v$/i.test(sentence.slice(0, m.index))) continue;
    add({ kind: 'phone', unitClass: 'phone', value: digits.replace(/^(?:44|0)/, ''), text: m[0], index: m.index!, length: m[0].length });
  }
  return facts.sort((a, b) => a.index - b.index);
}

/**
 * A fact's value as compared with another of its class: without a leading "≤" or "≥", as "≤5"
 * and "5" are the same promise. Two facts of one class say different things when these differ.
 */
export function comparableValue(value: string): string {
  const first = value.charCodeAt(0);
  return first === 0x2264 || first === 0x2265 ? value.slice(1) : value;
}
