// How two sections that read alike are related by their names: sibling reference entries
// (headings that differ only in a code name), variants of one answer (headings or file names
// that differ only in a platform, a method, or one word of a page's parallel sections), or the
// same topic written twice. Only the last is a duplicate to merge.
import { matchesOf } from '../matches';
import type { Article, Section } from '../model';
import { isStopWord, stem } from './text';

/**
 * Words that name a platform, an environment or an HTTP method: two answers whose names differ
 * only in these are written for different readers on purpose.
 */
const PLATFORM_WORDS = new Set(
  (
    'windows win macos mac osx linux android ios ipados iphone ipad chromeos debian ubuntu fedora centos rhel redhat arch ' +
    'alpine suse opensuse gentoo nixos freebsd openbsd raspbian raspberry docker podman kubernetes k8s helm lxc proxmox ' +
    'unraid synology truenas qnap chrome chromium firefox safari amd intel nvidia arm arm64 aarch64 x86 x64 amd64 i386 ' +
    'armhf 32bit 64bit wsl powershell bash zsh cmd npm yarn pnpm pip conda brew homebrew apt yum dnf snap flatpak winget ' +
    'chocolatey choco'
  ).split(' '),
);

/** HTTP methods count as variants only written as methods are, in capitals. */
const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

const TOKEN = /[\p{L}\p{N}]+(?:\.\d+)*/gu;

/** Words that tell versions of one thing apart ("20.3 and earlier", "v2", "legacy"). */
const VERSION_WORDS = new Set('earlier later older newer legacy latest previous current beta stable unstable nightly lts'.split(' '));

interface Token {
  text: string;
  key: string;
}

/** Names are compared pair by pair, each many times: their tokens are worked out once. */
const TOKEN_CACHE_SIZE = 50_000;
const tokenCache = new Map<string, Token[]>();

function tokens(text: string): Token[] {
  let list = tokenCache.get(text);
  if (list) return list;
  list = (text.match(TOKEN) ?? [])
    .filter((t) => !isStopWord(t.toLowerCase()))
    .map((t) => ({ text: t, key: stem(t.toLowerCase()) }));
  if (tokenCache.size >= TOKEN_CACHE_SIZE) tokenCache.clear();
  tokenCache.set(text, list);
  return list;
}

function isFigure(key: string): boolean {
  const c = key.charCodeAt(0);
  return (c >= 48 && c <= 57) || /^v\d/.test(key);
}

function isPlatformToken(t: Token): boolean {
  return PLATFORM_WORDS.has(t.text.toLowerCase()) || HTTP_METHODS.has(t.text);
}

export interface Variant {
  /** The words that tell the two apart, as written (first name's words first). */
  words: string[];
  /** Every differing word names a platform, environment or method. */
  platform: boolean;
  /** Only version numbers (and words like "earlier") differ. */
  version?: boolean;
}

/**
 * The words two names differ in, when they make the two variants of one answer: all of them
 * platform words (numbers aside, "Chrome 120" vs "Firefox 121"), only versions ("2.0" vs "3.0
 * and later"), or, when `parallel` (sections of one page), one word or number each ("Increase
 * the limit" vs "Decrease the limit", "Level 1" vs "Level 2") or one word more ("Table size" vs
 * "Table column size").
 */
export function variantOf(a: string, b: string, parallel: boolean): Variant | null {
  const ta = tokens(a);
  const tb = tokens(b);
  const keysA = new Set(ta.map((t) => t.key));
  const keysB = new Set(tb.map((t) => t.key));
  const onlyA = dedupe(ta.filter((t) => !keysB.has(t.key)));
  const onlyB = dedupe(tb.filter((t) => !keysA.has(t.key)));
  if (onlyA.length === 0 && onlyB.length === 0) return null;
  const differing = [...onlyA, ...onlyB];
  const named = differing.filter((t) => !isFigure(t.key));
  if (named.length > 0 && named.every(isPlatformToken)) return { words: named.map((t) => t.text), platform: true };
  // Versions of one page or answer: only numbers and words like "earlier" or "legacy" differ.
  if (named.length < differing.length && named.every((t) => VERSION_WORDS.has(t.key))) return { words: differing.map((t) => t.text), platform: false, version: true };
  if (!parallel) return null;
  if (onlyA.length === 1 && onlyB.length === 1 && ta.length === tb.length) return { words: differing.map((t) => t.text), platform: false };
  // One word more: "Projection size" and "Projection column size".
  if (differing.length === 1 && Math.min(ta.length, tb.length) >= 1) return { words: differing.map((t) => t.text), platform: false };
  // Numbered parallel sections: "Level 1 - …", "Level 2 - …".
  const at = ta.findIndex((t, k) => t.key !== tb[k]?.key);
  if (at >= 0 && at < tb.length && isFigure(ta[at].key) && isFigure(tb[at].key)) return { words: [ta[at].text, tb[at].text], platform: false };
  return null;
}

function dedupe(list: Token[]): Token[] {
  const seen = new Set<string>();
  return list.filter((t) => !seen.has(t.key) && seen.add(t.key));
}

const withoutExtension = (path: string) => path.replace(/\.[a-z]+$/i, '');

/** Variant words of two articles' paths ("install/windows.md", "install/linux.md"): platform words or versions only. */
export function pathVariantOf(a: string, b: string): Variant | null {
  const variant = variantOf(withoutExtension(a), withoutExtension(b), false);
  return variant?.platform || variant?.version ? variant : null;
}

/**
 * An article's path with the words that name a platform taken out: the platform variants of one
 * guide ("install/windows.md", "install/linux.md") share it.
 */
export function platformNeutralPath(file: string): string {
  return tokens(withoutExtension(file))
    .filter((t) => !isPlatformToken(t))
    .map((t) => t.key)
    .join('/');
}

/** The word two sibling pages' paths differ in ("admin/domain_allows.md", "admin/domain_blocks.md"). */
export function siblingPagesVariant(a: string, b: string): Variant | null {
  return a === b ? null : variantOf(withoutExtension(a), withoutExtension(b), true);
}

/** Sibling pages: paths that differ in one word. */
export function areSiblingPages(a: string, b: string): boolean {
  return siblingPagesVariant(a, b) !== null;
}

// Each part reads a character one way only: separators nested in a repeated group
// (`(?:[_.]+[\p{L}]*)+`) took exponential time on a heading word like `Name:____…____?`.
export const IDENTIFIER =
  /^(?:[\p{L}\p{N}]+[_.:/\-[\]][_.:/\-[\]\p{L}\p{N}]*|\p{Ll}+\p{Lu}[\p{L}\p{N}]*|\p{Lu}\p{Ll}+\p{Lu}[\p{L}\p{N}]*|\p{Lu}[\p{Lu}\p{N}]*_[\p{Lu}\p{N}_]+)(?:\(\))?$/u;
const INLINE_CODE = /`+([^`]+)`+/g;

/**
 * The code names in a section's heading: its inline-code spans, or the words written as
 * identifiers (`max_retries`, `isEmpty()`, `API_KEY`, `WrappedCollection`).
 */
export function headingCodeNames(article: Article, section: Section): string[] {
  if (section.level === 0) return [];
  const line = article.lines.at(section.startLine - 1) ?? '';
  const spans = matchesOf(INLINE_CODE, line).map((m) => m[1].trim()).filter(Boolean);
  if (spans.length > 0) return spans;
  return section.heading.split(/\s+/).filter((word) => IDENTIFIER.test(word));
}

/** The heading with its code names taken out: entries of one template share it. */
function headingShape(section: Section, names: string[]): string {
  let shape = section.heading;
  for (const name of names) shape = shape.split(name).join('\u0000');
  return shape.replace(/[`\s]+/g, ' ').trim().toLowerCase();
}

/**
 * Two reference entries of one kind (`string.isEmpty()` and `number.isEmpty()`, `PUBLIC_KEY` and
 * `PRIVATE_KEY`, one field of two records): headings that differ only in their code names, or
 * the same name under a different page or parent. Their text is a template filled in; they are
 * not one answer written twice.
 */
export function areSiblingEntries(articleA: Article, a: Section, articleB: Article, b: Section): boolean {
  const namesA = headingCodeNames(articleA, a);
  if (namesA.length === 0) return false;
  const namesB = headingCodeNames(articleB, b);
  if (namesB.length === 0) return false;
  if (headingShape(a, namesA) !== headingShape(b, namesB)) return false;
  if (namesA.join('\u0000') !== namesB.join('\u0000')) return true;
  // The same name: one entry documented twice only when it sits at the same place.
  return a.file !== b.file || a.headingPath.slice(0, -1).join('\u0000') !== b.headingPath.slice(0, -1).join('\u0000');
}
