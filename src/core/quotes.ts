// Quoted strings in code (a sidebar's, a code block's), read in one pass. A pattern such as
// /(["'])(?:\\.|(?!\1)[^\\\n])*\1/ tries again from every quote of a line whose string is never
// closed, which is quadratic in the line's length.

const LINE_END = /[\n\r\u2028\u2029]/;

/**
 * The string opened by the quote at `start` (`"`, `'` or a backtick), on its own line, with
 * backslash escapes: the index of its closing quote, or `-1 - i` where `i` is the index at which
 * it cannot close (its line's end, or a backslash there). A scan goes on from `i`: no quote
 * before `i` closes a string either, as far as this line's reader is concerned.
 */
export function closingQuote(text: string, start: number): number {
  const quote = text[start];
  let i = start + 1;
  while (i < text.length && text[i] !== quote && text[i] !== '\n') {
    if (text[i] !== '\\') i++;
    else if (i + 1 < text.length && !LINE_END.test(text[i + 1])) i += 2;
    else break;
  }
  return text[i] === quote ? i : -1 - i;
}

/** `text` with every string quoted by one of `quotes` (quotes included) replaced by `replace`'s value for it. */
export function replaceQuoted(text: string, quotes: string, replace: (quoted: string) => string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; ) {
    if (!quotes.includes(text[i])) {
      i++;
      continue;
    }
    const end = closingQuote(text, i);
    if (end < 0) {
      i = -1 - end;
      continue;
    }
    out += text.slice(from, i) + replace(text.slice(i, end + 1));
    from = i = end + 1;
  }
  return out + text.slice(from);
}
