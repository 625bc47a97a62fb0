// How a section answers: a leaf answer (not an introduction to its subsections), only a link,
// or only "contact support"; and the sections whose shape is not an answer to judge at all
// (navigation, reference entries, catalogues). Shared so that one short section is reported
// by one rule, and judged the same way by all of them.
import { sectionText, type Article, type Block, type Section } from '../../model';
import { countWords, sectionRole } from '../../parse/markdown';
import { contentTerms, hasMoreWordsThan, sentences } from '../../similarity/text';
import { isParentSection, isQuestionHeading } from './sections';

/** A section with a body that is not just the introduction to deeper subsections. */
export function isLeafAnswer(article: Article, section: Section): boolean {
  return section.level > 0 && section.blocks.length > 0 && !isParentSection(article, section);
}

/** Headings that name a list of places to go rather than a topic: "Other links", "Further sources". */
const RESOURCE_HEADING = /\b(?:links?|resources|references|sources|reading|bibliography)\s*:?$/i;

/** Headings that name where to go rather than a topic: "Also", "Tools", "Main docs article", "Official documentation". */
const POINTER_HEADING = /^(?:also|tools|(?:the |our |main |official |full |upstream )*(?:docs?|documentation|docs article|manual|guide|reference)(?: article| page| site)?)\s*:?$/i;
/** Pages and sections whose purpose is to send the reader to the right place: getting help, contributing, community. */
const HUB_HEADING = /^(?:getting help|get help|help|where to get help|support|support channels|contributing|contribute|how to contribute|community|contact|contact us)\s*:?$/i;

/** A section that sends the reader on ("See also", "Other resources", or anything under one). */
export function isNavigationSection(section: Section): boolean {
  const heading = section.heading.trim();
  if (section.role === 'navigation' || RESOURCE_HEADING.test(heading) || POINTER_HEADING.test(heading)) return true;
  return section.headingPath.slice(0, -1).some((h) => sectionRole(h) === 'navigation' || HUB_HEADING.test(h.trim()));
}

/** A task or question heading ("How to install", "Can I pay later?"): a pointer does not answer it. */
export function asksSomething(heading: string): boolean {
  return isQuestionHeading(heading) || /^how to\b/i.test(heading.trim());
}

const BARE_URL = /\bhttps?:\/\/[^\s<>()]+/g;

/** A block's text with each inline code span (shown as written, never an address to follow) as one stand-in word. */
function proseOf(block: Block): string {
  const literals = block.literals;
  if (!literals || literals.length === 0) return block.text;
  let out = '';
  let from = 0;
  for (let k = 0; k < literals.length; k += 2) {
    out += `${block.text.slice(from, literals[k])} literal `;
    from = literals[k + 1];
  }
  return out + block.text.slice(from);
}

/** Addresses written out in the prose (no link markup): a bare URL is a link to the reader too. */
export function bareUrls(section: Section): string[] {
  // A sentence's closing punctuation is not part of the address it ends with.
  return section.blocks.flatMap((b) => (b.kind === 'code' || b.kind === 'html' ? [] : (proseOf(b).match(BARE_URL) ?? []).map((url) => url.replace(/[.,;:!?'"]+$/, ''))));
}

const LINK_FILLER = new Set(
  'see read visit check out more here for the our this that these those page pages article articles guide details detail information info please go to click refer referring learn about on in at a an and or of find follow help link links section sections manual docs documentation following below above'.split(' '),
);

/** A section whose text is links and filler ("See [Returns](returns.md)."): nothing to answer with. */
export function isLinkOnly(section: Section): boolean {
  if (section.links.length === 0 && (!sectionText(section).includes('://') || bareUrls(section).length === 0)) return false;
  const text = section.blocks.map((b) => (b.kind === 'code' ? b.text : proseOf(b))).join('\n');
  // The text without the links' words and the bare addresses: what is left must be filler.
  const without = (part: string) => {
    for (const link of section.links) if (link.text && part.includes(link.text)) part = part.split(link.text).join(' ');
    return part.replace(BARE_URL, ' ');
  };
  // Link text within a line takes nothing from the others, nor does a bare address, and no word
  // spans two lines: the lines are read one by one, up to the second word that is not filler. A
  // changelog of a thousand linked entries is settled on its first line, not read a thousand times.
  if (section.links.some((link) => link.text.includes('\n'))) return !hasMoreWordsThan(without(text), 1, LINK_FILLER);
  let words = 0;
  for (const line of text.split('\n')) {
    const rest = without(line);
    if (hasMoreWordsThan(rest, 1 - words, LINK_FILLER)) return false;
    if (words === 0 && hasMoreWordsThan(rest, 0, LINK_FILLER)) words = 1;
  }
  return true;
}

/**
 * A list of named resources ("Python: * [Mastodon.py](…) * [mastopy](…)") under a topic heading:
 * a catalogue the bot can relay as it stands, not a pointer standing in for an answer.
 */
export function isResourceList(section: Section): boolean {
  return section.blocks.length > 0 && section.blocks.every((b) => b.kind === 'list_item') && !asksSomething(section.heading);
}

/** The heading as written, without the `#` marks and a trailing `{#id}`: inline code keeps its backticks. */
function rawHeading(article: Article, section: Section): string {
  const line = article.lines.at(section.startLine - 1) ?? '';
  return line.replace(/^\s{0,3}#{1,6}\s+/, '').replace(/\s+#+\s*$/, '').replace(/\s*\{#[^}]*\}\s*$/, '').trim();
}

/**
 * A name in code: `code`, --flag, name(), snake_case, UPPER_CASE, a/path, dotted.name,
 * name[key]. Brand names and plain words ("PayPal", "Refunds") are not.
 */
const CODE_NAME = /`[^`]+`|(?:^|\s)--?[a-z][\w-]*|\w\(\)|[A-Za-z0-9]_[A-Za-z0-9]|(?:^|\s)[./~][\w.-]*\/?\w|[A-Za-z0-9]\.[a-z]|\w\[/;

/**
 * A reference entry: a heading that names a setting, command, field or path, or a body written
 * as a term and its definition ("email\n: String. The address to block."). A short body is its
 * whole answer ("Defaults to `localhost`.").
 */
export function isReferenceEntry(article: Article, section: Section): boolean {
  if (section.level === 0 || isQuestionHeading(section.heading)) return false;
  if (CODE_NAME.test(rawHeading(article, section))) return true;
  return section.blocks.some((b) => b.kind === 'paragraph' && /(?:^|\n)[ \t]*:[ \t]+\S/.test(b.text) && /^[^\n:]+\n/.test(b.text));
}

/**
 * A heading that is itself the instruction or the entry: "Step 4 – Click OK", "3. Restart the
 * server", "404: Not found". The body only adds to it.
 */
export function isStepHeading(heading: string): boolean {
  const text = heading.trim();
  if (isQuestionHeading(text)) return false;
  return /^(?:step\s+\d+\b|\d+(?:\.\d+)*[.):]\s+\S|\d+\s+[–—-]\s+\S)/i.test(text);
}

/** Openings that lean on the question or send the reader elsewhere: "Yes, we do.", "See below." */
const LEANING_OPENING = /^(?:yes|no|nope|yep|sure|correct|sorry|not really|see|refer|check|read|visit|go to|click|look at)\b/i;
/** Words that point at text the bot may not have retrieved with the section. */
const CONTEXT_POINTER = /\b(?:above|below|previous|preceding|aforementioned|same as|similar to|as before|as described|see)\b/i;
/** Sentences that admit there is no answer. */
const NO_ANSWER = /\b(?:no|not enough|more|further|additional|extra)\s+(?:info|information|details?|data)\b|\b(?:tbd|tba|todo|coming soon|n\/a)\b/i;

/**
 * Short text that stands on its own: a statement of five or more words (inline code counted
 * as words) that answers without the question and says more than its heading, not "Yes, we
 * do.", "No.", "See below.", "Not enough information." or "Enable backups: This enables backups."
 */
export function isWholeStatement(section: Section): boolean {
  // An address is where the answer is, not words of it.
  const text = sectionText(section).replace(BARE_URL, ' ').trim();
  const all = sentences(text);
  if (all.length === 0 || countWords(text) < 5) return false;
  if (all[0].text.endsWith('?') || LEANING_OPENING.test(all[0].text)) return false;
  if (CONTEXT_POINTER.test(text) || NO_ANSWER.test(text)) return false;
  // "Enable backups: This will enable backups." only restates its heading.
  const heading = new Set(contentTerms(section.heading));
  return new Set(contentTerms(text).filter((t) => !heading.has(t))).size >= 2;
}

export const DEFAULT_CONTACT_PHRASES = [
  'contact', 'get in touch', 'reach out', 'reach us', 'speak to', 'speak with', 'talk to', 'chat with', 'call us', 'phone us',
  'ring us', 'email us', 'e-mail us', 'write to us', 'message us', 'let us know', 'our team', 'support team', 'customer service',
  'customer care', 'customer support', 'help desk', 'helpdesk', 'an agent', 'an advisor', 'an adviser',
];

const FILLER_SENTENCE = /^(sorry|we're sorry|we are sorry|unfortunately|thank you|thanks|we can help|we'?re here to help|we'?d be happy to help)\b/i;

/** Contact phrases lower-cased once per list, not once per section. */
const lowered = new WeakMap<readonly string[], string[]>();

/**
 * A section that only tells the customer to contact support, with no steps or facts: for a
 * customer already talking to the bot, a dead end.
 */
export function isDeadEnd(section: Section, phrases: readonly string[], maxWords: number): boolean {
  if (section.wordCount === 0 || section.wordCount > maxWords) return false;
  if (section.blocks.some((b) => (b.kind === 'list_item' && b.ordered) || b.kind === 'table' || b.kind === 'code')) return false;
  let lowerPhrases = lowered.get(phrases);
  if (!lowerPhrases) lowered.set(phrases, (lowerPhrases = phrases.map((p) => p.toLowerCase())));
  // "How do I contact you?" and "Still need help?" are answered by contact details: not dead ends.
  const heading = section.heading.toLowerCase();
  if (lowerPhrases.some((p) => heading.includes(p)) || /\b(contact|phone number|email address|call|speak|talk|help|support)\b/.test(heading)) return false;
  const all = sentences(sectionText(section));
  const contact = all.filter((s) => {
    const lower = s.text.toLowerCase();
    return lowerPhrases.some((p) => lower.includes(p));
  });
  if (contact.length === 0) return false;
  return all.every((s) => contact.includes(s) || FILLER_SENTENCE.test(s.text));
}
