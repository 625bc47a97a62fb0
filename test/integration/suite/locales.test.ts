// A translated knowledge base in the real extension host: the Knowledge Base view groups the
// articles by locale (the source first), says per locale what is untranslated and what drifts,
// and per source article which translations it has; the Ask view answers in the locale chosen;
// and, the folder being a git repository whose English source was committed after its German
// translation, stale-translation dates them from git (read in the audit's worker).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RoutedQuestion } from '../../../src/core/routing/types';
import { CommandId } from '../../../src/extension/commandIds';
import type { KbAuditApi } from '../../../src/extension/extension';
import { auditDocsAt, auditSampleAgain } from './helpers/docsFolder';
import { auditedApi } from './helpers/extension';

/** A help centre in English with one article in German, whose refund time differs from the source's. */
const ARTICLES: Record<string, string> = {
  'en/refunds.md': '# Refunds\n\n## How long does a refund take?\n\nA refund reaches your card within 5 business days of the return arriving at our warehouse.\n',
  'en/delivery.md': '# Delivery\n\n## When will my parcel arrive?\n\nParcels arrive within 3 working days by standard courier anywhere on the mainland.\n',
  'de/refunds.md':
    '# Rückerstattung\n\n## Wie lange dauert eine Rückerstattung?\n\nDie Rückerstattung erreicht Ihre Karte innerhalb von 14 Werktagen, nachdem die Rücksendung in unserem Lager eingetroffen ist.\n',
};

describe('a translated knowledge base in the Knowledge Base view', () => {
  let api: KbAuditApi;
  let dir: string;

  before(async function () {
    this.timeout(120_000);
    ({ api } = await auditedApi());
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kb-audit-locales-')));
    const git = (args: string[], when?: string) =>
      execFileSync('git', args, { cwd: dir, env: { ...process.env, ...(when ? { GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when } : {}) } });
    git(['init', '-q', '-b', 'main']);
    git(['config', 'user.email', 'docs@example.com']);
    git(['config', 'user.name', 'Docs']);
    git(['config', 'commit.gpgsign', 'false']);
    for (const [file, text] of Object.entries(ARTICLES)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    git(['add', '-A']);
    git(['commit', '-q', '-m', 'Help in English and German'], '2025-11-20T10:00:00Z');
    // The English source gains a sentence after the German translation was last committed.
    fs.appendFileSync(path.join(dir, 'en/refunds.md'), '\nThe card you paid with is the one refunded.\n');
    git(['commit', '-q', '-am', 'Refunds: which card'], '2026-03-02T10:00:00Z');
    await auditDocsAt(api, dir);
  });

  after(async function () {
    this.timeout(120_000);
    await vscode.commands.executeCommand(CommandId.ChooseAskLocale, 'en');
    await auditSampleAgain(api);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('groups the articles by locale, the source first, with what is untranslated and what drifts', async () => {
    const locales = await api.inspect.knowledgeBaseItems();
    assert.deepEqual(
      locales.map((l) => [l.label, l.description]),
      [
        ['en', 'source · 2 articles'],
        ['de', '1 article · 1 untranslated · 1 drifting'],
      ],
    );
    assert.deepEqual(locales[1].children?.map((a) => a.label), ['Rückerstattung']);
    const refunds = locales[0].children?.find((a) => a.label === 'Refunds');
    assert.ok(refunds, JSON.stringify(locales[0].children?.map((a) => a.label)));
    assert.match(refunds.description ?? '', / · de \(drifts\)$/);
    assert.match(refunds.tooltip ?? '', /Translated into de; drifting: de/);
    const delivery = locales[0].children?.find((a) => a.label === 'Delivery');
    assert.doesNotMatch(delivery?.description ?? '', /\bde\b/, 'an untranslated article names no translation');
  });

  it('dates the translation from git: its source was committed after it', () => {
    const stale = vscode.languages
      .getDiagnostics(vscode.Uri.file(path.join(dir, 'de/refunds.md')))
      .filter((d) => typeof d.code === 'object' && d.code.value === 'stale-translation');
    assert.equal(stale.length, 1, JSON.stringify(stale.map((d) => d.message)));
    assert.match(stale[0].message, /the source \(en\) was last changed 2026-03-02 \(git\), after this translation \(2025-11-20\)/);
  });

  it('answers in the locale chosen for the Ask view, the source by default', async function () {
    this.timeout(60_000);
    const ask = (question: string) => vscode.commands.executeCommand<RoutedQuestion | undefined>(CommandId.AskQuestion, question);
    const german = 'Wie lange dauert eine Rückerstattung?';
    assert.notEqual((await ask(german))?.answer?.file, 'de/refunds.md', 'asked in the source locale, a German question finds no German article');
    assert.equal(await vscode.commands.executeCommand(CommandId.ChooseAskLocale, 'DE'), 'de');
    const routed = await ask(german);
    assert.equal(routed?.decision, 'answer', JSON.stringify(routed));
    assert.equal(routed?.answer?.file, 'de/refunds.md');
    assert.equal(await vscode.commands.executeCommand(CommandId.ChooseAskLocale, 'fr'), undefined, 'a locale the knowledge base lacks is refused');
    assert.equal((await ask(german))?.answer?.file, 'de/refunds.md', 'and the choice stands');
  });
});
