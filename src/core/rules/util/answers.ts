// How a section answers: a leaf answer (not an introduction to its subsections), only a link,
// or only "contact support". Shared so that one short section is reported by one rule.
import type { Article, Section } from '../../model';
import { sentences, words } from '../../similarity/text';
import { isParentSection } from './sections';

/** A section with a body that is not just the introduction to deeper subsections. */
export function isLeafAnswer(article: Article, section: Section): boolean {
  return section.level > 0 && section.blocks.length > 0 && !isParentSection(article, section);
}

const LINK_FILLER = new Set(
  'see read visit check out more here for the our this that page article guide details detail information info please go to click refer learn about on in at a an and or of find follow our help'.split(' '),
);

/** A section whose text is links and filler ("See [Returns](returns.md)."): nothing to answer with. */
export function isLinkOnly(section: Section): boolean {
  if (section.links.length === 0) return false;
  let text = section.text;
  for (const link of section.links) if (link.text) text = text.split(link.text).join(' ');
  return words(text).filter((w) => !LINK_FILLER.has(w)).length <= 1;
}

export const DEFAULT_CONTACT_PHRASES = [
  'contact', 'get in touch', 'reach out', 'reach us', 'speak to', 'speak with', 'talk to', 'chat with', 'call us', 'phone us',
  'ring us', 'email us', 'e-mail us', 'write to us', 'message us', 'let us know', 'our team', 'support team', 'customer service',
  'customer care', 'customer support', 'help desk', 'helpdesk', 'an agent', 'an advisor', 'an adviser',
];

const FILLER_SENTENCE = /^(sorry|we're sorry|we are sorry|unfortunately|thank you|thanks|we can help|we'?re here to help|we'?d be happy to help)\b/i;

/**
 * A section that only tells the customer to contact support, with no steps or facts: for a
 * customer already talking to the bot, a dead end.
 */
export function isDeadEnd(section: Section, phrases: readonly string[], maxWords: number): boolean {
  if (section.wordCount === 0 || section.wordCount > maxWords) return false;
  if (section.blocks.some((b) => (b.kind === 'list_item' && b.ordered) || b.kind === 'table' || b.kind === 'code')) return false;
  const lowerPhrases = phrases.map((p) => p.toLowerCase());
  // "How do I contact you?" and "Still need help?" are answered by contact details: not dead ends.
  const heading = section.heading.toLowerCase();
  if (lowerPhrases.some((p) => heading.includes(p)) || /\b(contact|phone number|email address|call|speak|talk|help|support)\b/.test(heading)) return false;
  const all = sentences(section.text);
  const contact = all.filter((s) => lowerPhrases.some((p) => s.text.toLowerCase().includes(p)));
  if (contact.length === 0) return false;
  return all.every((s) => contact.includes(s) || FILLER_SENTENCE.test(s.text));
}
