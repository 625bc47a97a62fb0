// Multilingual knowledge bases (test/fixtures/locales/<layout>/, written in the shape of real
// sites): the locale of each article found from the generator's layout, each translation paired
// with its source, each locale audited as its own knowledge base (never an article against its
// own translation), links resolved within the locale, missing translations counted once per
// locale; and a translation's drift from its source told from a difference in wording.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runAudit } from '../../src/core/audit';
import { DEFAULT_CONFIG, parseConfig, type ResolvedConfig } from '../../src/core/config/config';
import { toPosix } from '../../src/core/fileSystem';
import { loadKnowledgeBase } from '../../src/core/knowledgeBase';
import { isLocaleCode, normalizeLocale } from '../../src/core/locale/codes';
import { codeKey, compareTranslation, linkKey } from '../../src/core/locale/drift';
import { localeKnowledgeBases, localeLayout } from '../../src/core/locale/scopes';
import { nodeFileSystem } from '../../src/core/nodeFileSystem';
import { parseQuestions, QuestionsError } from '../../src/core/routing/questions';
import { SearchIndex } from '../../src/core/routing/searchIndex';
import { KbSession } from '../../src/extension/kbSession';
import { memoryFileSystem } from '../helpers/memoryFileSystem';
import { parseArticle } from '../../src/core/parse/markdown';
import { titleLine } from '../../src/core/rules/util/sections';

function article(file: string, text: string) {
  return parseArticle(file, new TextEncoder().encode(text));
}

const fixtures = join(__dirname, '..', 'fixtures', 'locales');
const NOW = new Date('2026-11-23T12:00:00Z');

function docs(path: string): string {
  return toPosix(join(fixtures, path));
}

async function layoutOf(path: string, config: ResolvedConfig = DEFAULT_CONFIG) {
  const kb = await loadKnowledgeBase(nodeFileSystem, docs(path), config);
  return { kb, layout: localeLayout(kb) };
}

async function audit(path: string, config: ResolvedConfig = DEFAULT_CONFIG) {
  return (await runAudit(nodeFileSystem, docs(path), config, { now: NOW, questions: null })).findings;
}

/** Source file of each translation, as [translation, source] pairs. */
function pairs(layout: NonNullable<ReturnType<typeof localeLayout>>): Array<[string, string]> {
  return [...layout.sourceOf].map(([file, source]) => [file, source.file] as [string, string]).sort();
}

describe('locale layouts', () => {
  it('Hugo, page.<lang>.md: languages from hugo.yaml, each translation paired with its source', async () => {
    const { layout } = await layoutOf('hugo-suffix/content');
    assert.ok(layout);
    assert.equal(layout.source, 'en');
    assert.deepEqual(layout.locales, ['en', 'de']);
    assert.deepEqual(pairs(layout), [
      ['_index.de.md', '_index.en.md'],
      ['accounts/_index.de.md', 'accounts/_index.en.md'],
      ['accounts/password.de.md', 'accounts/password.en.md'],
    ]);
  });

  it('Hugo, content/<lang>/ (contentDir): a folder per language', async () => {
    const { layout } = await layoutOf('hugo-folders/content');
    assert.ok(layout);
    assert.deepEqual(layout.locales, ['en', 'ja']);
    assert.deepEqual(pairs(layout), [
      ['ja/_index.md', 'en/_index.md'],
      ['ja/accounts/_index.md', 'en/accounts/_index.md'],
      ['ja/accounts/password.md', 'en/accounts/password.md'],
    ]);
  });

  it('Docusaurus: i18n/<locale>/docusaurus-plugin-content-docs/current/ pairs with docs/', async () => {
    const { layout } = await layoutOf('docusaurus');
    assert.ok(layout);
    assert.deepEqual(layout.locales, ['en', 'fr']);
    assert.deepEqual(pairs(layout), [
      ['i18n/fr/docusaurus-plugin-content-docs/current/delivery.md', 'docs/delivery.md'],
      ['i18n/fr/docusaurus-plugin-content-docs/current/intro.md', 'docs/intro.md'],
    ]);
  });

  it('MkDocs i18n plugin, docs/<lang>/: the default language is the source', async () => {
    const { layout } = await layoutOf('mkdocs/docs');
    assert.ok(layout);
    assert.deepEqual(layout.locales, ['en', 'es']);
    assert.deepEqual(pairs(layout), [
      ['es/gift-cards.md', 'en/gift-cards.md'],
      ['es/index.md', 'en/index.md'],
    ]);
  });

  it('front matter lang/language, paired by translationKey', async () => {
    const { layout } = await layoutOf('front-matter');
    assert.ok(layout);
    assert.deepEqual(layout.locales, ['en', 'es', 'it']);
    assert.deepEqual(pairs(layout), [['contacto.md', 'contact.md']]);
  });

  it('no locales: a folder that only looks like a language ("it/") and pairs with nothing is a path of the source', async () => {
    const kb = await loadKnowledgeBase(nodeFileSystem, docs('../rules/near-duplicate-positive'), DEFAULT_CONFIG);
    assert.equal(localeLayout(kb), null);
    assert.equal(localeKnowledgeBases(kb).length, 1);
  });

  it('kb-audit.json locales: the source named; "layout": "none" reads one knowledge base', async () => {
    const config = parseConfig('{ "locales": { "source": "de" } }', '/x/kb-audit.json');
    const { layout } = await layoutOf('hugo-suffix/content', config);
    assert.equal(layout?.source, 'de');
    assert.deepEqual(layout?.locales, ['de', 'en']);
    const none = parseConfig('{ "locales": { "layout": "none" } }', '/x/kb-audit.json');
    assert.equal((await layoutOf('hugo-suffix/content', none)).layout, null);
    assert.throws(() => parseConfig('{ "locales": { "source": "not a locale" } }', '/x/kb-audit.json'), /locales\/source/);
  });

  it('locale codes: ISO 639-1 with a region or script, in one form', () => {
    assert.ok(isLocaleCode('de') && isLocaleCode('pt-BR') && isLocaleCode('zh_CN') && isLocaleCode('zh-Hant'));
    assert.ok(!isLocaleCode('api') && !isLocaleCode('dev') && !isLocaleCode('xx') && !isLocaleCode('v2'));
    assert.equal(normalizeLocale('pt_BR'), 'pt-br');
  });
});

describe('each locale audited as its own knowledge base', () => {
  it('an untranslated copy of its source is no near-duplicate of it; with "layout": "none" it is', async () => {
    const findings = await audit('hugo-suffix/content');
    const between = findings.filter((f) => ['near-duplicate', 'duplicate-question', 'conflicting-answer'].includes(f.ruleId));
    assert.deepEqual(between, []);
    const none = parseConfig('{ "locales": { "layout": "none" } }', '/x/kb-audit.json');
    assert.ok((await audit('hugo-suffix/content', none)).some((f) => f.ruleId === 'near-duplicate'));
  });

  it('links resolve within the locale (translated anchors, /de/ routes), a link to the source locale is no broken link', async () => {
    const broken = (await audit('hugo-suffix/content')).filter((f) => f.ruleId === 'broken-link').map((f) => [f.file, f.line]);
    // Only the planted one: the German security page does not exist.
    assert.deepEqual(broken, [['accounts/_index.de.md', 7]]);
    const folders = (await audit('hugo-folders/content')).filter((f) => f.ruleId === 'broken-link');
    assert.deepEqual(folders, []);
    const docusaurus = (await audit('docusaurus')).filter((f) => f.ruleId === 'broken-link' || f.ruleId === 'translation-drift');
    assert.deepEqual(docusaurus, []);
  });

  it('a missing translation is counted once per locale, at its home page; none for a locale that has no articles', async () => {
    const missing = (await audit('hugo-suffix/content')).filter((f) => f.ruleId === 'missing-translation');
    assert.deepEqual(missing.map((f) => [f.file, f.message]), [['_index.de.md', '1 of 4 articles have no German (de) version']]);
    assert.deepEqual(missing[0].related?.map((r) => r.file), ['orders.en.md']);
  });

  it('a finding about a whole page sits on its title: the H1, else the front matter\'s title, else the first section', () => {
    const at = (text: string) => titleLine(parseArticle('_index.ja.md', new TextEncoder().encode(text)));
    assert.equal(at('---\ntitle: Hilfe\n---\n\n# Hilfe\n\nText.\n'), 5);
    // A site that takes the title from front matter: the first heading is some section's, not the page's.
    assert.equal(at('---\nweight: 1\ntitle: Hilfe\n---\n\n## Was ist neu?\n\nText.\n'), 3);
    assert.equal(at('Intro text.\n\n## Was ist neu?\n\nText.\n'), 1);
  });

  it('sample questions are routed against the source locale (or the one asked for)', async () => {
    const kb = await loadKnowledgeBase(nodeFileSystem, docs('hugo-folders/content'), DEFAULT_CONFIG);
    const files = (index: SearchIndex) => new Set(index.sections.map((s) => s.file.split('/')[0]));
    assert.deepEqual([...files(SearchIndex.build(kb))], ['en']);
    assert.deepEqual([...files(SearchIndex.build(kb, { locale: 'ja' }))], ['ja']);
  });
});

describe('translation drift', () => {
  const en = `# Refunds

Refunds reach your card within 30 days. Call +44 20 7946 0958 or read the [form](https://shop.northwind-goods.com/form-2026).

## Steps

1. Sign in.
2. Open **Orders**.
3. Print the label.

\`\`\`sh
# start the return
shop return --order 1234 --days 30
\`\`\`
`;
  const drifts = (translation: string) => compareTranslation(article('en/a.md', en), article('de/a.md', translation), ['en', 'de']).map((d) => d.message);

  it('reports a changed figure, link, phone number, a dropped step and a changed command', () => {
    const de = `# Erstattungen

Erstattungen erreichen Ihre Karte innerhalb von 14 Tagen. Rufen Sie +44 20 7946 0000 an oder lesen Sie das [Formular](https://shop.northwind-goods.com/form-2024).

## Schritte

1. Melden Sie sich an.
2. Öffnen Sie **Bestellungen**.

\`\`\`sh
# die Rücksendung starten
shop return --order 1234 --days 14
\`\`\`
`;
    assert.deepEqual(drifts(de), [
      'says 14 Tagen where the source says 30 days',
      'links to https://shop.northwind-goods.com/form-2024 where the source links to https://shop.northwind-goods.com/form-2026',
      'gives +44 20 7946 0000 where the source gives +44 20 7946 0958',
      'has a code block that differs from the source\'s: `shop return --order 1234 --days 14` where the source has `shop return --order 1234 --days 30`',
      'lacks step 3 of the source ("Print the label."): 2 steps where the source has 3',
    ]);
  });

  it('a translation that differs in wording only is not reported: number formats, times, translated comments and placeholders, localised links', () => {
    const de = `# Erstattungen

Erstattungen erreichen Ihre Karte innerhalb von dreißig (30) Tagen. Rufen Sie +44 20 7946 0958 an oder lesen Sie das [Formular](https://shop.northwind-goods.com/form-2026#abschnitt).

## Schritte

1. Melden Sie sich an.
2. Öffnen Sie **Bestellungen**.
3. Drucken Sie das Etikett.

\`\`\`sh
# die Rücksendung starten
shop return --order 1234 --days 30
\`\`\`
`;
    assert.deepEqual(drifts(de), []);
  });

  it('link targets compare without their locale: /de/ and /en/, de.wikipedia and en.wikipedia, page.de.md and page.en.md', () => {
    const key = (href: string) => linkKey(href, ['en', 'de'], ['help.example.com']);
    assert.equal(key('/docs/de/accounts/#konto'), key('https://help.example.com/docs/en/accounts/'));
    assert.equal(key('https://de.wikipedia.org/wiki/Umsatzsteuer'), key('https://en.m.wikipedia.org/wiki/Value-added_tax'));
    assert.equal(key('../accounts/_index.de.md'), key('../accounts/_index.en.md'));
    assert.notEqual(key('/docs/en/accounts/'), key('/docs/en/orders/'));
  });

  it('a changed command sits on its own line: the line after a fence, the line itself in an indented block', () => {
    const source = (code: string) => `# Install\n\nRun these:\n\n${code}\n`;
    const at = (en: string, de: string) =>
      compareTranslation(article('en/a.md', source(en)), article('de/a.md', source(de)), ['en', 'de']).map((d) => [d.kind, d.translation.line]);
    // Lines 5 to 8: the fence, two commands, the fence.
    assert.deepEqual(at('```sh\nshop login\nshop return --days 30\n```', '```sh\nshop login\nshop return --days 14\n```'), [['code', 7]]);
    // Lines 5 and 6: the commands themselves, the last line of the file being the second.
    assert.deepEqual(at('    shop login\n    shop return --days 30', '    shop login\n    shop return --days 14'), [['code', 6]]);
    assert.deepEqual(at('    shop return --days 30\n    shop login', '    shop return --days 14\n    shop login'), [['code', 5]]);
  });

  it('code blocks compare on paths, options and figures, not on comments, messages or placeholders', () => {
    assert.equal(codeKey('# install\nsudo apt install app --yes\necho "Done, thanks"'), codeKey('# installieren\nsudo apt install app --yes\necho "Fertig, danke"'));
    assert.equal(codeKey('chown <username>:admin /usr/local'), codeKey("chown <nom d'utilisateur>:admin /usr/local"));
    assert.notEqual(codeKey('sudo rm /etc/app.service'), codeKey('sudo rm etc/app.service'));
  });

  it('figures in either convention are one value: 1,250.50 = 1.250,50; 2 pm = 14 h; 15 % = 15%', () => {
    const a = (text: string) => article('x.md', `# T\n\n${text}\n`);
    const compare = (s: string, t: string) => compareTranslation(a(s), a(t), ['en', 'de']);
    assert.deepEqual(compare('It costs $1,250.50 and saves 15%.', 'Es kostet $1.250,50 und spart 15 %.'), []);
    assert.deepEqual(compare('Order before 2 pm.', 'Bestellen Sie vor 14 Uhr.'), []);
    assert.equal(compare('Order before 2 pm.', 'Bestellen Sie vor 16 Uhr.').length, 1);
  });
});

describe('questions in several locales', () => {
  // A small help centre in English and German, a folder per language.
  const fs = memoryFileSystem({
    '/kb/en/refunds.md': '# Refunds\n\n## How long does a refund take?\n\nA refund reaches your card within 5 business days of the return arriving at our warehouse.\n',
    '/kb/en/delivery.md': '# Delivery\n\n## When will my parcel arrive?\n\nParcels arrive within 3 working days by standard courier anywhere on the mainland.\n',
    '/kb/de/refunds.md': '# Rückerstattung\n\n## Wie lange dauert eine Rückerstattung?\n\nDie Rückerstattung erreicht Ihre Karte innerhalb von 5 Werktagen, nachdem die Rücksendung in unserem Lager eingetroffen ist.\n',
    '/kb/de/delivery.md': '# Lieferung\n\n## Wann kommt mein Paket an?\n\nPakete kommen mit dem Standardkurier innerhalb von 3 Werktagen überall auf dem Festland an.\n',
  });

  it('reads a locale column (CSV) and a locale key (JSONL)', () => {
    const csv = parseQuestions('question,locale,expected\nWie lange dauert eine Rückerstattung?,de,de/refunds.md\nHow long does a refund take?,,en/refunds.md\n', 'q.csv');
    assert.deepEqual(csv.map((q) => q.locale), ['de', undefined]);
    const jsonl = parseQuestions('{"question": "Wann kommt mein Paket an?", "locale": "de"}\n{"question": "When will my parcel arrive?"}\n', 'q.jsonl');
    assert.deepEqual(jsonl.map((q) => q.locale), ['de', undefined]);
    assert.throws(() => parseQuestions('{"question": "Hallo", "locale": 7}\n', 'q.jsonl'), (e: unknown) => e instanceof QuestionsError && e.line === 1 && /"locale" must be a language code/.test(e.message));
  });

  it('routes each question against the articles of its own locale', async () => {
    const questions = '{"question": "Wie lange dauert eine Rückerstattung?", "locale": "de"}\n{"question": "How long does a refund take?"}\n{"question": "Wann kommt mein Paket an?", "locale": "DE"}\n';
    fs.files.set('/kb/questions.jsonl', new TextEncoder().encode(questions));
    const result = await runAudit(fs, '/kb', DEFAULT_CONFIG, { now: NOW, questions: '/kb/questions.jsonl' });
    const answered = result.questions!.preview.results.map((r) => [r.answer?.file ?? null, r.source?.line]);
    assert.deepEqual(answered, [
      ['de/refunds.md', 1],
      ['en/refunds.md', 2],
      ['de/delivery.md', 3],
    ]);
    assert.ok(result.questions!.preview.sections!.some((s) => s.file === 'de/refunds.md'), 'the German section is counted for the CodeLens');
  });

  it('the editor session routes each question in its locale, and asks in the locale chosen', async () => {
    const session = await KbSession.load(fs, '/kb', DEFAULT_CONFIG, { now: NOW, questions: null });
    const state = await session.previewAll(parseQuestions('question,locale\nWie lange dauert eine Rückerstattung?,de\nWhen will my parcel arrive?,\n', 'q.csv'));
    assert.deepEqual(
      state.preview.results.map((r) => r.answer?.file ?? null),
      ['de/refunds.md', 'en/delivery.md'],
    );
    assert.equal(session.ask('Wann kommt mein Paket an?', 'de').answer?.file, 'de/delivery.md');
    assert.notEqual(session.ask('Wann kommt mein Paket an?').answer?.file, 'de/delivery.md');
    session.dispose();
  });

  it('a locale the knowledge base does not have is an error at its line', async () => {
    fs.files.set('/kb/questions.csv', new TextEncoder().encode('question,locale\nHow long does a refund take?,en\nCombien de temps dure un remboursement ?,fr\n'));
    await assert.rejects(runAudit(fs, '/kb', DEFAULT_CONFIG, { now: NOW, questions: '/kb/questions.csv' }), (e: unknown) => {
      assert.ok(e instanceof QuestionsError, String(e));
      assert.equal(e.line, 3);
      assert.match(e.message, /locale "fr" is not one of the knowledge base's locales \(en, de\)/);
      return true;
    });
  });
});
