// The router's words in each language: stop words dropped, inflected forms folded onto one term,
// Japanese and Chinese split into words, Korean particles taken off; English exactly as before.
// Then a translated help centre routed in each locale's language: the same questions fail with
// English rules.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runAudit } from '../../../src/core/audit';
import { DEFAULT_CONFIG } from '../../../src/core/config/config';
import { loadKnowledgeBase } from '../../../src/core/knowledgeBase';
import { analyzerFor, ENGLISH } from '../../../src/core/routing/language';
import { SearchIndex } from '../../../src/core/routing/searchIndex';
import { routeQuestion } from '../../../src/core/routing/simulator';
import * as tokenize from '../../../src/core/routing/tokenize';
import { triggerMatcher } from '../../../src/core/routing/triggers';
import { memoryFileSystem } from '../../helpers/memoryFileSystem';

/** Whether two words give one term. */
function same(locale: string, a: string, b: string): boolean {
  const { stem } = analyzerFor(locale);
  return stem(a) === stem(b);
}

describe('language analyzers', () => {
  it('English is the router’s own English, for no locale and any English locale', () => {
    assert.equal(analyzerFor(undefined), ENGLISH);
    assert.equal(analyzerFor(null), ENGLISH);
    assert.equal(analyzerFor('en'), ENGLISH);
    assert.equal(analyzerFor('en-GB'), ENGLISH);
    assert.equal(analyzerFor('en_US'), ENGLISH);
    assert.equal(ENGLISH.terms, tokenize.terms);
    assert.equal(ENGLISH.stem, tokenize.stem);
    assert.equal(ENGLISH.words, tokenize.words);
    assert.equal(ENGLISH.phraseStems, tokenize.phraseStems);
    assert.equal(ENGLISH.charGrams, tokenize.charGrams);
    assert.ok(ENGLISH.english);
    assert.ok(!analyzerFor('de').english, 'the English meaning layer reads English only');
  });

  it('German: stop words out, plurals and inflections folded, umlauts optional', () => {
    const de = analyzerFor('de');
    const terms = de.terms('Wo finde ich meine Rechnungen?');
    assert.ok(!terms.some((t) => ['wo', 'ich', 'meine', 'mein'].includes(t)), terms.join(' '));
    assert.ok(terms.includes(de.stem('rechnung')));
    assert.ok(same('de', 'rechnungen', 'rechnung'));
    assert.ok(same('de', 'bestellungen', 'bestellung'));
    assert.ok(same('de', 'geräte', 'gerät'));
    assert.ok(same('de', 'übersicht', 'ubersicht'), 'typed without the umlaut');
    assert.ok(!same('de', 'rechnung', 'lieferung'));
  });

  it('Spanish: plurals and verb forms folded, accents optional', () => {
    const es = analyzerFor('es');
    assert.deepEqual(es.terms('¿Dónde están los pedidos?').filter((t) => ['los', 'el'].includes(t)), []);
    assert.ok(same('es', 'pedidos', 'pedido'));
    assert.ok(same('es', 'facturas', 'factura'));
    assert.ok(same('es', 'configuración', 'configuraciones'));
    assert.ok(same('es', 'página', 'pagina'), 'customers often leave the accents out');
    assert.ok(same('es', 'cancelar', 'cancelado'));
  });

  it('French: plurals and verb forms folded, elided articles split off', () => {
    const fr = analyzerFor('fr');
    assert.ok(same('fr', 'commandes', 'commande'));
    assert.ok(same('fr', 'annuler', 'annulation'));
    const terms = fr.terms("Comment annuler l'abonnement de ma commande ?");
    assert.ok(terms.includes(fr.stem('abonnement')), `"l'abonnement" is the word "abonnement": ${terms.join(' ')}`);
    assert.ok(!terms.some((t) => ['l', 'de', 'ma', 'labonnement'].includes(t)), terms.join(' '));
  });

  it('Italian and Portuguese: plurals folded, stop words out', () => {
    assert.ok(same('it', 'ordini', 'ordine'));
    assert.ok(same('it', 'fatture', 'fattura'));
    const it = analyzerFor('it');
    assert.deepEqual(it.terms("Dov'è l'ordine della mia spedizione?"), [it.stem('ordine'), it.stem('spedizione')]);
    assert.ok(same('pt', 'pedidos', 'pedido'));
    assert.ok(same('pt', 'configurações', 'configuração'));
    assert.ok(!analyzerFor('pt-BR').terms('Onde estão os meus pedidos?').some((t) => ['os', 'meus'].includes(t)));
  });

  it('Romanian: inflections folded, the cedilla and comma-below letters one letter', () => {
    assert.ok(same('ro', 'facturile', 'factura'));
    assert.ok(same('ro', 'aplicaţia', 'aplicația'), 'ţ (cedilla) and ț (comma below) are the same letter');
    assert.ok(same('ro', 'setările', 'setarile'));
    assert.ok(!analyzerFor('ro').terms('Unde sunt facturile și setările?').some((t) => ['unde', 'sunt', 'și', 'si'].includes(t)));
  });

  it('Polish: stop words out, no stemmer (words as written, accents optional)', () => {
    const pl = analyzerFor('pl');
    assert.deepEqual(pl.terms('Gdzie są moje zamówienia?'), ['zamowienia']);
    assert.equal(pl.stem('hasło'), pl.stem('haslo'));
    assert.equal(pl.folding, 'none');
  });

  it('Japanese and Chinese: a sentence is several words, particles dropped', () => {
    const ja = analyzerFor('ja');
    const terms = ja.terms('パスワードを変更する方法を教えてください');
    assert.ok(terms.length >= 3, terms.join(' | '));
    for (const word of ['パスワード', '変更', '方法']) assert.ok(terms.includes(word), `${word} in ${terms.join(' | ')}`);
    assert.ok(!terms.includes('を'));
    assert.deepEqual(ENGLISH.terms('パスワードを変更する方法を教えてください').length, 1, 'English rules read the sentence as one word');
    for (const locale of ['zh-CN', 'zh-TW']) {
      const words = analyzerFor(locale).terms(locale === 'zh-CN' ? '如何在服务器上更改密码？' : '如何在伺服器上變更密碼？');
      assert.ok(words.length >= 3, `${locale}: ${words.join(' | ')}`);
      assert.ok(words.includes(locale === 'zh-CN' ? '密码' : '密碼'), words.join(' | '));
    }
  });

  it('a long text is split as its sentences are, in pieces cut between words', () => {
    const sentence = 'パスワードを変更する方法を教えてください。';
    const ja = analyzerFor('ja');
    // 60,000 characters: handed to Intl.Segmenter whole, this took seconds.
    assert.equal(ja.words(sentence.repeat(3000)).length, ja.words(sentence).length * 3000);
    assert.ok(ja.words('設定'.repeat(5000)).length >= 2, 'a run longer than any sentence is still split');
    assert.deepEqual(ja.words('𠮷'.repeat(1500)).join(''), '𠮷'.repeat(1500), 'never between the two halves of a character');
  });

  it('Korean: particles and the endings of -하다 verbs taken off, short nouns left whole', () => {
    const ko = analyzerFor('ko');
    assert.equal(ko.stem('비밀번호를'), '비밀번호');
    assert.equal(ko.stem('서버의'), '서버');
    assert.equal(ko.stem('파일에서'), '파일');
    assert.equal(ko.stem('변경하는'), '변경');
    assert.equal(ko.stem('변경합니다'), '변경');
    assert.equal(ko.stem('설정된'), '설정');
    assert.equal(ko.stem('회의'), '회의', 'a two-syllable noun keeps a last syllable that is also a particle');
    assert.deepEqual(ko.terms('비밀번호를 변경하는 방법'), ['비밀번호', '변경', '방법']);
  });

  it('a language without an analyzer is read by its words as written', () => {
    const nl = analyzerFor('nl');
    assert.deepEqual(nl.terms('Waar zijn mijn bestellingen?'), ['waar', 'zijn', 'mijn', 'bestellingen']);
    assert.ok(!nl.english);
  });
});

// A small help centre in English with a translation, a folder per language.
const ENGLISH_ARTICLES = {
  '/kb/en/invoices.md': '# Download an invoice\n\nEvery invoice for an order is in your account under Receipts, as a PDF.\n',
  '/kb/en/delivery.md': '# When will my delivery arrive?\n\nHow fast a delivery arrives depends on the shipping method: I recommend express shipping when you are in a hurry.\n',
  '/kb/en/refunds.md': '# Refunds\n\nA refund is paid to your card once the returned parcel reaches our warehouse.\n',
  '/kb/en/cancel.md': '# Cancel a subscription\n\nCancelling takes effect at the end of the current period: open Settings, then Billing.\n',
  '/kb/en/plans.md': '# Change plan\n\nYou can move your subscription to a higher plan at any time from Settings.\n',
  '/kb/en/password.md': '# Reset your password\n\nChoose Forgot password on the sign-in page and follow the link in the email.\n',
};

const GERMAN = {
  '/kb/de/invoices.md': '# Rechnung herunterladen\n\nJede Rechnung zu einer Bestellung steht im Kundenkonto unter Belege als PDF bereit.\n',
  '/kb/de/delivery.md': '# Wann kommt meine Lieferung?\n\nWie schnell die Lieferung ankommt, hängt von Ihrer Versandart ab: Ich empfehle den Expressversand, wenn Sie es eilig haben.\n',
  '/kb/de/refunds.md': '# Rückerstattung\n\nEine Rückerstattung wird auf Ihre Karte gebucht, sobald das zurückgeschickte Paket unser Lager erreicht.\n',
  '/kb/de/password.md': '# Passwort zurücksetzen\n\nWählen Sie auf Ihrer Anmeldeseite Passwort vergessen und folgen Sie dem Link in Ihrer E-Mail.\n',
};

const FRENCH = {
  '/kb/fr/cancel.md': "# Annulation de l'abonnement\n\nL'annulation prend effet à la fin de la période en cours : ouvrez Paramètres, puis Facturation.\n",
  '/kb/fr/plans.md': '# Changer de formule\n\nVous pouvez passer votre abonnement à une formule supérieure à tout moment depuis Paramètres.\n',
  '/kb/fr/invoices.md': '# Factures\n\nChaque facture de commande est disponible dans votre compte au format PDF.\n',
};

const JAPANESE = {
  '/kb/ja/cancel.md': '# サブスクリプションの解約\n\n解約は現在の請求期間の終了時に有効になります。設定から請求を開いてください。\n',
  '/kb/ja/plans.md': '# プランの変更\n\n設定からいつでも上位のプランに変更できます。\n',
  '/kb/ja/invoices.md': '# 請求書\n\n注文ごとの請求書はアカウントからPDFでダウンロードできます。\n',
  '/kb/ja/password.md': '# パスワードの再設定\n\nサインイン画面で「パスワードをお忘れですか」を選び、メールのリンクに従ってください。\n',
};

async function knowledgeBase(files: Record<string, string>) {
  return loadKnowledgeBase(memoryFileSystem({ ...ENGLISH_ARTICLES, ...files }), '/kb', DEFAULT_CONFIG);
}

describe('routing in the language of the locale', () => {
  it('German: inflected words meet the article’s own forms, German function words count for nothing', async () => {
    const kb = await knowledgeBase(GERMAN);
    const index = SearchIndex.build(kb, { locale: 'de' });
    assert.equal(index.analyzer.language, 'de');
    const question = 'Wo finde ich die Rechnungen zu meinen Bestellungen?';
    const routed = routeQuestion(index, question);
    assert.equal(routed.decision, 'answer', routed.reason);
    assert.equal(routed.answer?.file, 'de/invoices.md');
    assert.deepEqual(index.search(question).query.corrections, [], '"Rechnungen" is "Rechnung", no spelling guess');
    // English rules need spelling guesses for the plurals and count "ich", "die", "zu" as words: not sure enough to answer.
    const english = SearchIndex.build(kb, { locale: 'de', analyzer: ENGLISH });
    assert.notEqual(routeQuestion(english, question).decision, 'answer');
    assert.ok(english.search(question).query.corrections.length > 0);
  });

  it('French: "annuler" finds "annulation", and "l’abonnement" is the word "abonnement"', async () => {
    const kb = await knowledgeBase(FRENCH);
    const question = 'Comment annuler mon abonnement ?';
    const routed = routeQuestion(SearchIndex.build(kb, { locale: 'fr' }), question);
    assert.equal(routed.decision, 'answer', routed.reason);
    assert.equal(routed.answer?.file, 'fr/cancel.md');
    const english = routeQuestion(SearchIndex.build(kb, { locale: 'fr', analyzer: ENGLISH }), question);
    assert.notEqual(english.answer?.file, 'fr/cancel.md', 'English rules see "labonnement" and an unknown "annuler"');
  });

  it('Japanese: a question written without spaces is split into words and reaches its article', async () => {
    const kb = await knowledgeBase(JAPANESE);
    const index = SearchIndex.build(kb, { locale: 'ja' });
    for (const [question, file] of [
      ['パスワードを忘れたので再設定したいです', 'ja/password.md'],
      ['サブスクリプションを解約する方法は？', 'ja/cancel.md'],
      ['請求書をダウンロードしたい', 'ja/invoices.md'],
    ]) {
      const routed = routeQuestion(index, question);
      assert.equal(routed.decision, 'answer', `${question}: ${routed.reason}`);
      assert.equal(routed.answer?.file, file);
      // English rules read the whole question as one word that appears nowhere.
      assert.equal(routeQuestion(SearchIndex.build(kb, { locale: 'ja', analyzer: ENGLISH }), question).decision, 'escalate');
    }
  });

  it('questions in a locale column are routed with their locale’s words', async () => {
    const fs = memoryFileSystem({ ...ENGLISH_ARTICLES, ...GERMAN, ...JAPANESE });
    const questions = [
      'question,locale',
      'Wo finde ich die Rechnungen zu meinen Bestellungen?,de',
      'パスワードを忘れたので再設定したいです,ja',
      'Where can I download my invoices?,',
    ].join('\n');
    fs.files.set('/kb/questions.csv', new TextEncoder().encode(questions + '\n'));
    const result = await runAudit(fs, '/kb', DEFAULT_CONFIG, { questions: '/kb/questions.csv' });
    assert.deepEqual(
      result.questions!.preview.results.map((r) => [r.decision, r.answer?.file]),
      [
        ['answer', 'de/invoices.md'],
        ['answer', 'ja/password.md'],
        ['answer', 'en/invoices.md'],
      ],
    );
  });

  it('English stays English: the source locale and a knowledge base in one language, meaning layer included', async () => {
    const kb = await knowledgeBase(GERMAN);
    const source = SearchIndex.build(kb);
    assert.equal(source.locale, 'en');
    assert.equal(source.analyzer, ENGLISH);
    const alone = await loadKnowledgeBase(memoryFileSystem(ENGLISH_ARTICLES), '/kb', DEFAULT_CONFIG);
    const single = SearchIndex.build(alone);
    assert.equal(single.locale, null);
    assert.equal(single.analyzer, ENGLISH);
    for (const question of ['Where can I download my invoices?', 'my parcel came back, when is the money returned?', 'How do I cancel?']) {
      assert.deepEqual(routeQuestion(source, question), routeQuestion(single, question), question);
    }
  });

  it('a knowledge base in one language other than English is read in the language its configuration declares', async () => {
    const german = Object.fromEntries(Object.entries(GERMAN).map(([path, text]) => [path.replace('/kb/de/', '/kb/'), text]));
    const question = 'Wo finde ich die Rechnungen zu meinen Bestellungen?';
    const declared = await loadKnowledgeBase(memoryFileSystem(german), '/kb', { ...DEFAULT_CONFIG, locales: { source: 'de' } });
    const index = SearchIndex.build(declared);
    assert.equal(index.analyzer.language, 'de');
    const routed = routeQuestion(index, question);
    assert.equal(routed.decision, 'answer', routed.reason);
    assert.equal(routed.answer?.file, 'invoices.md');
    // Undeclared, the same articles are read by English rules, as before.
    const undeclared = SearchIndex.build(await loadKnowledgeBase(memoryFileSystem(german), '/kb', DEFAULT_CONFIG));
    assert.equal(undeclared.analyzer, ENGLISH);
    assert.notEqual(routeQuestion(undeclared, question).decision, 'answer');
  });

  it('the English meaning layer reads no other language', async () => {
    const kb = await knowledgeBase(GERMAN);
    // "der" is no word of these articles: English rules read it by its English word vectors as the
    // nearest word of the articles in English usage, the German "und" (both are in the vectors' vocabulary).
    const question = 'Der Computer antwortet nicht';
    assert.ok(SearchIndex.build(kb, { locale: 'de', analyzer: ENGLISH }).search(question).query.meanings);
    assert.equal(SearchIndex.build(kb, { locale: 'de' }).search(question).query.meanings, undefined);
  });

  it('trigger phrases and synonyms are matched in the locale’s words', () => {
    assert.equal(triggerMatcher(['Beschwerde'], [], analyzerFor('de')).phraseIn('Ich habe mehrere Beschwerden'), 'Beschwerde');
    assert.equal(triggerMatcher(['Beschwerde'], [], ENGLISH).phraseIn('Ich habe mehrere Beschwerden'), undefined);
    assert.equal(triggerMatcher(['返金'], [], analyzerFor('ja')).phraseIn('返金してほしいです'), '返金');
    assert.equal(triggerMatcher(['返金'], [], ENGLISH).phraseIn('返金してほしいです'), undefined);
  });

  it('a configured trigger phrase escalates an inflected German question', async () => {
    const kb = await knowledgeBase(GERMAN);
    const routed = routeQuestion(SearchIndex.build(kb, { locale: 'de' }), 'Ich habe Beschwerden über die Lieferung', { escalate: ['Beschwerde'] });
    assert.equal(routed.decision, 'escalate');
    assert.equal(routed.trigger, 'Beschwerde');
  });
});
