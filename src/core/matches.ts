// Every match of a global pattern, as `String.prototype.matchAll` gives them. matchAll copies
// the pattern (a new RegExp) on every call so that its iterator has a lastIndex of its own; on
// text read sentence by sentence that copy costs more than most of the searches. The matches are
// found with the pattern itself, all of them before the caller reads any, and the pattern's
// lastIndex is left as it was, so a caller that uses the same pattern again meanwhile is safe.

/** The matches of `pattern` (global) in `text`, in order: what `[...text.matchAll(pattern)]` gives. */
export function matchesOf(pattern: RegExp, text: string): RegExpExecArray[] {
  if (!pattern.global) throw new TypeError(`matchesOf needs a global pattern, not ${pattern}`);
  const from = pattern.lastIndex;
  const out: RegExpExecArray[] = [];
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    out.push(m);
    // An empty match: step past it, by a whole character where the pattern reads characters.
    if (m[0] === '') pattern.lastIndex = advance(text, pattern.lastIndex, pattern.unicode || pattern.flags.includes('v'));
  }
  pattern.lastIndex = from;
  return out;
}

function advance(text: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= text.length) return index + 1;
  const code = text.charCodeAt(index);
  return code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00 ? index + 2 : index + 1;
}
