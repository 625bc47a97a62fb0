// The edit that silences one finding with an inline comment the parser reads back
// (see parse/markdown.ts parseSuppressions and suppressions.ts).
import type { TextEdit } from '../model';
import { findFrontMatter, lineEnding } from './frontMatter';

const FENCE = /^[ \t]{0,3}(`{3,}|~{3,})/;

/** 0-based indexes of lines inside fenced code blocks (fences included). */
function fencedLines(lines: string[], from: number): Set<number> {
  const inside = new Set<number>();
  let open: string | null = null;
  for (let i = from; i < lines.length; i++) {
    const m = FENCE.exec(lines[i]);
    if (open) {
      inside.add(i);
      if (m && m[1][0] === open[0] && m[1].length >= open.length && lines[i].trim() === m[1]) open = null;
    } else if (m) {
      open = m[1];
      inside.add(i);
    }
  }
  return inside;
}

/**
 * Edits that suppress `ruleId` on 1-based `line`: a `disable-next-line` comment on its own line
 * above when the line starts a block (so rendering is unchanged), else a `disable-line`
 * comment at the end of the line. Null where a comment cannot go: inside front matter
 * (it would break the YAML) or a fenced code block (it would change the code shown).
 */
export function suppressFinding(text: string, line: number, ruleId: string): TextEdit[] | null {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(ruleId)) return null;
  const lines = text.split(/\r\n|\r|\n/);
  const eol = lineEnding(text);
  const index = line - 1;
  if (index < 0 || index >= lines.length) return null;
  const fm = findFrontMatter(lines);
  const bodyStart = fm ? fm.close + 1 : 0;
  if (index < bodyStart) return null;
  if (fencedLines(lines, bodyStart).has(index)) return null;
  // A byte order mark stays the file's first character: the edit starts after it.
  const bom = index === 0 && lines[0].startsWith('\uFEFF') ? 1 : 0;
  const current = lines[index].slice(bom);
  const startsBlock = index === bodyStart || lines[index - 1].trim() === '' || /^[ \t]{0,3}#{1,6}(\s|$)/.test(current);
  // Each edit spans the whole line and expects its text, so a stale fix is refused, not misplaced.
  const range = { line, column: 1 + bom, endLine: line, endColumn: bom + current.length + 1 };
  if (startsBlock) {
    const indent = /^[ \t]{0,3}/.exec(current)?.[0] ?? '';
    return [{ range, expected: current, newText: `${indent}<!-- kb-audit-disable-next-line ${ruleId} -->${eol}${current}` }];
  }
  return [{ range, expected: current, newText: `${current} <!-- kb-audit-disable-line ${ruleId} -->` }];
}
