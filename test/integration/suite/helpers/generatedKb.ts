// A large knowledge base written at test time: `count` articles of ten questions each, every
// article with one empty section whose line depends on `variant`, so two variants of the same
// files have different diagnostics.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const SECTIONS_PER_ARTICLE = 10;

export function generatedArticle(i: number, variant: number): string {
  const lines = ['---', `title: Product ${i} help`, `owner: team-${i % 7}@example.com`, 'last_reviewed: 2026-10-01', '---', '', `# Product ${i} help`, ''];
  const empty = 1 + ((i + variant) % (SECTIONS_PER_ARTICLE - 1));
  for (let s = 0; s < SECTIONS_PER_ARTICLE; s++) {
    lines.push(`## How do I set up feature ${s} of product ${i}?`, '');
    if (s === empty) continue;
    lines.push(
      `Open product ${i} settings, choose feature ${s} and follow the ${(s % 4) + 2} steps on screen. The change reaches all your devices within ${((i + s) % 9) + 1} minutes; variant ${variant}.`,
      '',
    );
  }
  return lines.join('\n');
}

export function articleName(i: number): string {
  return `product-${String(i).padStart(4, '0')}.md`;
}

/** Writes (or rewrites) the articles into `dir`, straight to disk. */
export function writeGeneratedKb(dir: string, count: number, variant: number): void {
  fs.mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) fs.writeFileSync(path.join(dir, articleName(i)), generatedArticle(i, variant));
}
