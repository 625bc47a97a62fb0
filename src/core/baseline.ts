// Fingerprints of findings, and the baseline built from them: the findings a team has accepted
// for now, so that an audit (and a CI gate) reports only what is new.
//
// A fingerprint must not move when the finding does not change: an edit elsewhere in the file, a
// section moved up or down, a heading renamed over the same text. So it is built from what the
// finding is about (the rule, the article, the text of the section it sits in, the values it
// names) and never from line numbers. Two identical problems in one article get the same base
// fingerprint, told apart by an occurrence index in reading order.
import { createHash } from 'node:crypto';
import { sectionText, type Article, type Finding } from './model';
import { compareCodePoints } from './walk';

/** Bumped when what goes into a fingerprint changes: an older baseline then matches nothing exactly. */
export const FINGERPRINT_VERSION = 1;

/** The articles a fingerprint reads section text from, by path relative to the docs root. */
export type ArticleLookup = (file: string) => Article | undefined;

export interface FingerprintedFinding {
  finding: Finding;
  /** Rule, article, the section's text, the values named; `:n` tells identical problems apart. */
  fingerprint: string;
  /**
   * The same without the section's text but with its heading: recognises a finding whose
   * section was edited around it (`updated`, not new).
   */
  loose: string;
}

/** One accepted finding, as the baseline file stores it. */
export interface BaselineEntry {
  file: string;
  ruleId: string;
  fingerprint: string;
  loose: string;
}

export interface Baseline {
  version: number;
  findings: BaselineEntry[];
}

export type BaselineState = 'new' | 'unchanged' | 'updated' | 'absent';

export interface BaselineMatch<B> {
  /** Current findings with no counterpart in the baseline. */
  added: FingerprintedFinding[];
  /** Current findings matched exactly. */
  unchanged: Array<{ current: FingerprintedFinding; previous: B }>;
  /** Current findings matched by rule, article, values and heading, with the section's text changed. */
  updated: Array<{ current: FingerprintedFinding; previous: B }>;
  /** Baseline entries with no counterpart now: fixed, or their article is gone. */
  absent: B[];
  /** Every current finding's state, in the order given. */
  states: Map<Finding, BaselineState>;
}

function hash(...parts: string[]): string {
  return createHash('sha1').update(parts.join('\u0000')).digest('hex').slice(0, 20);
}

function normalizeText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The values a finding names (a conflicting amount, a link target, a placeholder): its
 * `data` strings. Numbers are measurements (similarity, ages in days, word counts, other
 * lines) that drift with every edit or every day, so they are left out.
 */
function namedValues(finding: Finding): string {
  const data = finding.data ?? {};
  return Object.keys(data)
    .filter((key) => typeof data[key] === 'string')
    .sort(compareCodePoints)
    .map((key) => `${key}=${normalizeText(String(data[key]))}`)
    .join('\u0001');
}

/** Rules that judge a whole article (its front matter, its place in the site), not one section. */
const ARTICLE_LEVEL_RULES = new Set(['orphan-article', 'missing-front-matter', 'missing-section', 'stale-review', 'front-matter-invalid', 'file-skipped', 'invalid-encoding']);

/** What a finding sits in, hashed: its section's text and heading path, or what stands for them. */
export interface FindingAnchor {
  section: string;
  heading: string;
}

/** What a finding sits in: the section's text and heading, the article as a whole, or (outside any article) what the message is about. */
function anchorOf(finding: Finding, article: Article | undefined): FindingAnchor {
  const hashed = (text: string, heading = '') => ({ section: hash(text), heading: hash(heading) });
  if (!article) {
    // A questions file or a skipped file: the quoted subject of the message (a coverage gap's
    // question), else the message with its numbers (confidences, sizes) left out.
    const quoted = /^"((?:[^"\\]|\\.)*)"/.exec(finding.message)?.[1];
    return hashed(`outside:${normalizeText(quoted ?? finding.message.replace(/\d+(\.\d+)?/g, '#'))}`);
  }
  if (ARTICLE_LEVEL_RULES.has(finding.ruleId)) return hashed('article');
  if (article.frontMatter && finding.line <= article.frontMatter.endLine) return hashed('front-matter');
  let section = undefined as Article['sections'][number] | undefined;
  for (const s of article.sections) {
    if (s.startLine <= finding.line) section = s;
    else break;
  }
  if (!section) return hashed('article');
  return hashed(`section:${normalizeText(sectionText(section))}`, normalizeText(section.headingPath.join(' > ')));
}

/** Adds `:n`, n counting earlier findings with the same key, in the order given. */
function numbered(keys: string[]): string[] {
  const seen = new Map<string, number>();
  return keys.map((key) => {
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return `${key}:${n}`;
  });
}

/** Each finding's anchor, read through `articles`: what a stored audit keeps to fingerprint its findings later, under any path. */
export function findingAnchors(findings: readonly Finding[], articles: ArticleLookup): FindingAnchor[] {
  return findings.map((finding) => anchorOf(finding, articles(finding.file)));
}

/** Fingerprints from findings and their anchors (`anchors[i]` is `findings[i]`'s). */
export function fingerprintsFromAnchors(findings: readonly Finding[], anchors: readonly FindingAnchor[]): FingerprintedFinding[] {
  const bases: string[] = [];
  const looses: string[] = [];
  for (const [i, finding] of findings.entries()) {
    const values = namedValues(finding);
    bases.push(hash(`v${FINGERPRINT_VERSION}`, finding.ruleId, finding.file, anchors[i].section, values));
    looses.push(hash(`v${FINGERPRINT_VERSION}`, finding.ruleId, finding.file, anchors[i].heading, values));
  }
  const fingerprints = numbered(bases);
  const loose = numbered(looses);
  return findings.map((finding, i) => ({ finding, fingerprint: fingerprints[i], loose: loose[i] }));
}

/**
 * Fingerprints of `findings` (expected in the audit's order: path, line, column, rule, so
 * occurrence indexes follow reading order), reading section text through `articles`.
 */
export function fingerprintFindings(findings: readonly Finding[], articles: ArticleLookup): FingerprintedFinding[] {
  return fingerprintsFromAnchors(findings, findingAnchors(findings, articles));
}

/** The loose key without its occurrence index: loose matching pairs up equal keys in order. */
function looseKey(loose: string): string {
  return loose.replace(/:\d+$/, '');
}

/**
 * Matches current findings against earlier ones: exact fingerprints first, then what is left by
 * the loose key (the same problem in an edited section), in order; the rest is new or absent.
 */
export function matchFindings<B extends { fingerprint: string; loose: string }>(current: readonly FingerprintedFinding[], previous: readonly B[]): BaselineMatch<B> {
  const byFingerprint = new Map<string, B>();
  for (const entry of previous) byFingerprint.set(entry.fingerprint, entry);
  const used = new Set<B>();
  const states = new Map<Finding, BaselineState>();
  const unchanged: BaselineMatch<B>['unchanged'] = [];
  const rest: FingerprintedFinding[] = [];
  for (const item of current) {
    const entry = byFingerprint.get(item.fingerprint);
    if (entry && !used.has(entry)) {
      used.add(entry);
      unchanged.push({ current: item, previous: entry });
      states.set(item.finding, 'unchanged');
    } else rest.push(item);
  }
  const byLoose = new Map<string, B[]>();
  for (const entry of previous) {
    if (used.has(entry)) continue;
    const key = looseKey(entry.loose);
    let list = byLoose.get(key);
    if (!list) byLoose.set(key, (list = []));
    list.push(entry);
  }
  const updated: BaselineMatch<B>['updated'] = [];
  const added: FingerprintedFinding[] = [];
  for (const item of rest) {
    const entry = byLoose.get(looseKey(item.loose))?.shift();
    if (entry) {
      used.add(entry);
      updated.push({ current: item, previous: entry });
      states.set(item.finding, 'updated');
    } else {
      added.push(item);
      states.set(item.finding, 'new');
    }
  }
  return { added, unchanged, updated, absent: previous.filter((entry) => !used.has(entry)), states };
}

/** A baseline recording `findings`: sorted by file, rule and fingerprint, so it diffs well under version control. */
export function createBaseline(findings: readonly FingerprintedFinding[]): Baseline {
  const entries = findings.map(({ finding, fingerprint, loose }) => ({ file: finding.file, ruleId: finding.ruleId, fingerprint, loose }));
  entries.sort((a, b) => compareCodePoints(a.file, b.file) || compareCodePoints(a.ruleId, b.ruleId) || compareCodePoints(a.fingerprint, b.fingerprint));
  return { version: FINGERPRINT_VERSION, findings: entries };
}

/** The baseline file's text: one finding a line, so a change to the baseline reads as a short diff. */
export function formatBaseline(baseline: Baseline): string {
  const lines = baseline.findings.map((entry, i) => `    ${JSON.stringify(entry)}${i < baseline.findings.length - 1 ? ',' : ''}`);
  return [
    '{',
    `  "kbAuditBaseline": ${baseline.version},`,
    '  "description": "Findings kb-audit audit --baseline does not report. Regenerate with kb-audit audit --write-baseline.",',
    `  "findings": [${lines.length ? '\n' + lines.join('\n') + '\n  ' : ''}]`,
    '}',
    '',
  ].join('\n');
}

export class BaselineError extends Error {}

/** Reads a baseline file's text; throws BaselineError saying what is wrong with it. */
export function parseBaseline(text: string): Baseline {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new BaselineError(`not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const record = value as { kbAuditBaseline?: unknown; findings?: unknown };
  if (typeof value !== 'object' || value === null || typeof record.kbAuditBaseline !== 'number' || !Array.isArray(record.findings)) {
    throw new BaselineError('not a kb-audit baseline (expected "kbAuditBaseline" and "findings"; write one with --write-baseline)');
  }
  if (record.kbAuditBaseline > FINGERPRINT_VERSION) {
    throw new BaselineError(`written by a newer kb-audit (baseline version ${record.kbAuditBaseline}); update kb-audit or rewrite the baseline`);
  }
  const findings: BaselineEntry[] = [];
  for (const [i, entry] of (record.findings as unknown[]).entries()) {
    const e = entry as Partial<BaselineEntry> | null;
    if (typeof e !== 'object' || e === null || typeof e.file !== 'string' || typeof e.ruleId !== 'string' || typeof e.fingerprint !== 'string') {
      throw new BaselineError(`finding ${i + 1} needs "file", "ruleId" and "fingerprint"`);
    }
    findings.push({ file: e.file, ruleId: e.ruleId, fingerprint: e.fingerprint, loose: typeof e.loose === 'string' ? e.loose : '' });
  }
  return { version: record.kbAuditBaseline, findings };
}

/**
 * Which of `findings` the baseline holds (matched exactly or in an edited section): what the
 * editor shows as hints or hides. `findings` in the audit's order, as for fingerprintFindings;
 * one article's findings and its baseline entries give the same answer as the whole audit's.
 */
export function baselinedFindings(findings: readonly Finding[], articles: ArticleLookup, entries: readonly BaselineEntry[]): Set<Finding> {
  if (entries.length === 0 || findings.length === 0) return new Set();
  const match = matchFindings(fingerprintFindings(findings, articles), entries);
  return new Set([...match.unchanged, ...match.updated].map(({ current }) => current.finding));
}
