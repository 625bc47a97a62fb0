// The reply a retrieval bot would give from a section: its opening sentences, trimmed.

import type { Block } from '../model';

/** Splits text after sentence-ending punctuation followed by a space and a capital or digit. */
function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?…])\s+(?=["'“(\p{Lu}\p{N}])/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Answer blocks as running text: steps keep their numbers, items are separate sentences. */
export function answerText(blocks: Block[]): string {
  let step = 0;
  return blocks
    .map((b) => {
      const text = b.text.replace(/\s+/g, ' ').trim();
      if (b.kind === 'list_item' && b.ordered) return `${++step}. ${text}`;
      step = 0;
      if (b.kind === 'table') return text.replace(/\n/g, '; ');
      return text;
    })
    .filter(Boolean)
    .map((t) => (/[.!?:;…]$/.test(t) ? t : `${t}.`))
    .join(' ');
}

/** Whole opening sentences up to `length` characters; a first sentence longer than that is cut at a word. */
export function openingSentences(text: string, length: number): string {
  const all = sentences(text.replace(/\s+/g, ' ').trim());
  let out = '';
  for (const s of all) {
    const next = out ? `${out} ${s}` : s;
    if (next.length > length) break;
    out = next;
  }
  if (out) return out;
  if (all.length === 0) return '';
  const cut = all[0].slice(0, Math.max(1, length - 1));
  return `${cut.replace(/\s+\S*$/, '') || cut}…`;
}
