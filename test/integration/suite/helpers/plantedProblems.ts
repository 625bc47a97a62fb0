import * as fs from 'node:fs';
import * as path from 'node:path';

/** One row of the "Planted problems" table in the sample knowledge base's README. */
export interface PlantedProblem {
  number: number;
  rule: string;
  file: string;
  /** 1-based line of the offending text. */
  line: number;
  /** 1-based line of the heading of the section that holds it; null in front matter. */
  section: number | null;
  /** The other side of a two-sided problem, with its section's heading line when the README gives it. */
  related: { file: string; line: number; section: number | null } | null;
  what: string;
}

const code = (cell: string) => /`([^`]+)`/.exec(cell)?.[1] ?? '';

/** Reads the table, so the tests follow the fixture's own description of itself. */
export function readPlantedProblems(docsRoot: string): PlantedProblem[] {
  const readme = fs.readFileSync(path.join(docsRoot, 'README.md'), 'utf8');
  const start = readme.indexOf('## Planted problems');
  if (start < 0) throw new Error('the sample knowledge base README has no "Planted problems" section');
  const problems: PlantedProblem[] = [];
  for (const row of readme.slice(start).split('\n')) {
    const cells = row.split('|').map((cell) => cell.trim());
    // | # | rule id | file | line | section | related | what |
    if (cells.length < 9 || !/^\d+$/.test(cells[1])) continue;
    const related = /^([^:`]+):(\d+)$/.exec(code(cells[6]));
    const relatedSection = /\(section (\d+)\)/.exec(cells[6]);
    problems.push({
      number: Number(cells[1]),
      rule: code(cells[2]),
      file: code(cells[3]),
      line: Number(cells[4]),
      section: /^\d+$/.test(cells[5]) ? Number(cells[5]) : null,
      related: related ? { file: related[1], line: Number(related[2]), section: relatedSection ? Number(relatedSection[1]) : null } : null,
      what: cells[7],
    });
  }
  if (problems.length === 0) throw new Error('no rows in the "Planted problems" table');
  return problems;
}
