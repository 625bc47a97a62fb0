// A small knowledge base in a real git repository, for Compare with Branch (unit tests of the
// worker's half, and the editor command in the extension host): `main` has a conflicting
// answer and answers the rug question; `feature` (checked out) fixes the conflict, drops the
// rug answer (the question now escalates), adds a gift-card article (a question now answered),
// removes one article, renames another unchanged and edits the questions file.
import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** An article's front matter and title, as every article of this knowledge base starts. */
export const front = (title: string) => `---\ntitle: ${title}\nowner: support\nreviewed: 2026-11-20\n---\n\n# ${title}\n\n`;

export const GIT_KB_ARTICLES: Record<string, string> = {
  'returns.md':
    front('Returning a lamp') +
    'Lamps from the Brightwell workshop can go back to us.\n\n' +
    '## How long do I have to return a lamp?\n\nYou can return a lamp within 30 days of delivery for a full refund to the card you paid with.\n\n' +
    '## How do I book a lamp collection?\n\nOpen the order page, choose the lamp and pick a collection slot; the courier brings a padded box with them.\n',
  'exchanges.md':
    front('Exchanging a lamp') +
    'Swap a lamp for another colour or size.\n\n' +
    '## How long do I have to return a lamp instead of exchanging it?\n\nYou can return a lamp instead of exchanging it within 14 days of delivery for a full refund to the card you paid with.\n',
  'rug-care.md':
    front('Caring for wool rugs') +
    'Our wool rugs are woven by hand and last for decades with a little care.\n\n' +
    '## How do I clean a wool rug?\n\nVacuum the wool rug weekly without the beater bar, blot spills at once with a damp cloth, and have it professionally cleaned every two years.\n',
  'lampshades.md':
    front('Lampshade sizes') +
    'Shades come in three widths.\n\n' +
    '## Which lampshade fits my lamp base?\n\nMeasure the lamp base height and pick a shade whose width is two thirds of it; TODO check the chart.\n',
  'opening-hours.md':
    front('Workshop opening hours') +
    'Visit the Brightwell workshop and showroom.\n\n' +
    '## When is the workshop open?\n\nThe workshop showroom is open from nine until five, Monday to Saturday, and closed on public holidays.\n',
};

export const GIT_KB_QUESTIONS = ['how long do I have to return a lamp', 'how do I clean a wool rug', 'when is the workshop open', ''].join('\n');

export const RUG_QUESTION = 'how do I clean a wool rug';
export const GIFT_QUESTION = 'how do I buy a gift card';

/** Creates the repository in `dir` (which must exist and be empty) on branch `feature`; returns a git runner for it. */
export function createGitKb(dir: string): (...args: string[]) => string {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
  const write = (file: string, text: string) => writeFileSync(join(dir, file), text);
  mkdirSync(dir, { recursive: true });
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'docs@example.com');
  git('config', 'user.name', 'Docs');
  git('config', 'commit.gpgsign', 'false');
  for (const [file, text] of Object.entries(GIT_KB_ARTICLES)) write(file, text);
  write('questions.txt', GIT_KB_QUESTIONS);
  write('kb-audit.json', '{ "questions": "questions.txt" }\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'Help articles');

  git('checkout', '-q', '-b', 'feature');
  write('exchanges.md', GIT_KB_ARTICLES['exchanges.md'].replace('within 14 days', 'within 30 days'));
  write('rug-care.md', front('Brass lamp finishes') + 'Brass lamp bases are lacquered at the workshop and need only a dry duster.\n');
  write(
    'gift-cards.md',
    front('Gift cards') + 'Give someone a Brightwell lamp.\n\n## How do I buy a gift card?\n\nBuy a gift card from the gift page in any amount from ten to five hundred pounds; it arrives by email within the hour.\n',
  );
  rmSync(join(dir, 'opening-hours.md'));
  renameSync(join(dir, 'lampshades.md'), join(dir, 'shade-sizes.md'));
  write('questions.txt', GIT_KB_QUESTIONS + `${GIFT_QUESTION}\n`);
  git('add', '-A');
  git('commit', '-q', '-m', 'Rework help articles');
  return git;
}
