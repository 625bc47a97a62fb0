// The router's words in each language: stop words dropped, inflected forms folded onto one term,
// Japanese and Chinese split into words, Korean particles taken off; English exactly as before.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzerFor, ENGLISH } from '../../../src/core/routing/language';
import * as tokenize from '../../../src/core/routing/tokenize';

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
