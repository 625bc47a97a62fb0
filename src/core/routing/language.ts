// The router's words in the language of a knowledge base's locale: how text is split into words,
// which words are too common to say anything (stop words), and how inflected forms are folded
// onto one term ("Rechnungen" and "Rechnung", "pedidos" and "pedido").
//
// English keeps the router's own lists and suffix rules (tokenize.ts), on which its thresholds
// were measured. Other languages take their stop words from the `stopword` package and their
// inflections from the Snowball stemmers of `@orama/stemmers`; Polish has no Snowball stemmer
// there, so its words are only stop-worded (the index's character n-grams and its reading of
// near-spellings still bring some forms together). Japanese, Chinese and Korean are written
// without spaces between words (Korean with spaces between phrases): Intl.Segmenter, which Node,
// Electron and browsers all have, splits them into words, and Korean's particles and the endings
// of its "-하다" verbs are folded here. Only the languages listed are imported, so the bundles carry
// only their lists and stemmers.
//
// A language none of this knows is matched by its words as written: no stop words, no folding,
// rather than English rules that would take its words for English ones.

import { deu, fra, ita, jpn, kor, pol, por, ron, spa, zho } from 'stopword';
import { stemmer as germanStemmer } from '@orama/stemmers/german';
import { stemmer as spanishStemmer } from '@orama/stemmers/spanish';
import { stemmer as frenchStemmer } from '@orama/stemmers/french';
import { stemmer as italianStemmer } from '@orama/stemmers/italian';
import { stemmer as portugueseStemmer } from '@orama/stemmers/portuguese';
import { stemmer as romanianStemmer } from '@orama/stemmers/romanian';
import { languageOf, normalizeLocale } from '../locale/codes';
import { charGrams, charGramsOf, isStopWord, phraseStems, stem, terms, words } from './tokenize';

/** How one language's text becomes the router's terms. */
export interface Analyzer {
  /** The language (ISO 639-1: 'en', 'de', 'ja'). */
  readonly language: string;
  /** English: the English meaning layer (WordNet, word vectors) reads its words. */
  readonly english: boolean;
  /** How inflections are folded, for messages and measurements. */
  readonly folding: 'english' | 'snowball' | 'particles' | 'none';
  /** Lower-cased words, in order. */
  words(text: string): string[];
  isStopWord(word: string): boolean;
  /** A word's term: its inflections folded. */
  stem(word: string): string;
  /** Meaningful terms of `text`, in order (repeats kept). */
  terms(text: string): string[];
  /** Every word's term, stop words kept: for matching phrases (triggers, synonyms) word by word. */
  phraseStems(text: string): string[];
  /** Character n-grams of each word (see tokenize.charGrams). */
  charGrams(text: string): string[];
}

/** The router's English: exactly tokenize.ts. */
export const ENGLISH: Analyzer = {
  language: 'en',
  english: true,
  folding: 'english',
  words,
  isStopWord,
  stem,
  terms,
  phraseStems,
  charGrams,
};

interface LanguageSpec {
  stopWords: readonly string[];
  stemmer?: (word: string) => string;
  /** Words are split by Intl.Segmenter (no spaces between words, or particles written onto them). */
  segmented?: boolean;
  /** An apostrophe separates an elided article from its word ("l'abonnement"), not two halves of one word. */
  elision?: boolean;
  /**
   * Terms compare without accents, as customers often type them ("pagina" for "página"). The
   * accents go after stemming: the Snowball rules are written for the accented word, and taking
   * them off first loses endings such as Portuguese "-ções"/"-ção". A word typed without an
   * accent its ending needs ("configuracion") is then still another term.
   */
  foldAccents?: boolean;
  /** Folding of Korean particles and verb endings. */
  particles?: boolean;
  /** Spelling variants of the same letter mapped to one ("ş" and "ș" in Romanian). */
  letters?: (text: string) => string;
}

/** Romanian is written with comma-below ș and ț, and often with the older cedilla forms: one spelling. */
function romanianLetters(text: string): string {
  return text.replace(/ş/g, 'ș').replace(/ţ/g, 'ț');
}

const LANGUAGES: Record<string, LanguageSpec> = {
  de: { stopWords: deu, stemmer: germanStemmer, foldAccents: true },
  es: { stopWords: spa, stemmer: spanishStemmer, foldAccents: true },
  fr: { stopWords: fra, stemmer: frenchStemmer, elision: true, foldAccents: true },
  it: { stopWords: ita, stemmer: italianStemmer, elision: true, foldAccents: true },
  pt: { stopWords: por, stemmer: portugueseStemmer, foldAccents: true },
  ro: { stopWords: ron, stemmer: romanianStemmer, foldAccents: true, letters: romanianLetters },
  pl: { stopWords: pol, foldAccents: true },
  ja: { stopWords: jpn, segmented: true },
  zh: { stopWords: zho, segmented: true },
  ko: { stopWords: kor, segmented: true, particles: true },
};

/** Scripts written without spaces between words: split by Intl.Segmenter even without a word list. */
const SEGMENTED_SCRIPTS = new Set(['th', 'lo', 'km', 'my']);

/** Accents off ("configuración" → "configuracion"); "ł", which has no decomposition, as "l". */
function withoutAccents(word: string): string {
  if (!/[\u0080-\uffff]/.test(word)) return word;
  return word.normalize('NFD').replace(/\p{M}/gu, '').replace(/ł/g, 'l').normalize('NFC');
}

/**
 * Korean particles (josa) written onto the noun before them, longest first: "서버의" (of the
 * server), "파일에서" (in the file), "비밀번호를" (password, as object). A one-syllable particle is
 * taken off only when two syllables are left, since many nouns end in a syllable that is also a
 * particle ("회의", meeting; "아이", child).
 */
const KOREAN_PARTICLES = [
  '에서는', '에게서', '으로는', '으로서', '으로써', '입니다', '입니까',
  '에서', '에게', '한테', '께서', '으로', '까지', '부터', '처럼', '보다', '마다', '이나', '이랑', '에는', '에도', '에만', '로는', '와는', '과는', '이라', '라는',
  '은', '는', '이', '가', '을', '를', '의', '에', '도', '만', '로', '와', '과', '랑',
];
/**
 * First syllables of the endings of "-하다" and "-되다" verbs and adjectives, the common way to make
 * a verb of a noun: "변경하는", "변경합니다", "변경했습니다", "변경된" are all "변경" (change). Cut
 * from the first of them at the third syllable or later, so a two-syllable noun is never cut.
 */
const KOREAN_VERB_SYLLABLES = new Set([...'하합한할했해함되된됩될됐돼됨']);
const HANGUL_WORD = /^[\uac00-\ud7a3]+$/;

function foldKorean(word: string): string {
  if (!HANGUL_WORD.test(word)) return word;
  for (let i = 2; i < word.length; i++) if (KOREAN_VERB_SYLLABLES.has(word[i])) return word.slice(0, i);
  for (const particle of KOREAN_PARTICLES) {
    if (!word.endsWith(particle)) continue;
    const rest = word.length - particle.length;
    if (rest >= (particle.length === 1 ? 2 : 1)) return word.slice(0, rest);
  }
  return word;
}

/** Stems kept per analyzer before the cache starts over: a knowledge base's vocabulary fits many times. */
const STEM_CACHE_LIMIT = 200_000;

function segmenterFor(locale: string): Intl.Segmenter | null {
  if (typeof Intl === 'undefined' || typeof Intl.Segmenter !== 'function') return null;
  try {
    return new Intl.Segmenter(locale, { granularity: 'word' });
  } catch {
    // A locale ICU cannot read (a private code): its language alone.
    return new Intl.Segmenter(languageOf(locale), { granularity: 'word' });
  }
}

const LETTERS = /[\p{L}\p{N}]+/gu;
/** Within a segmented word, marks count as letters (Thai and Khmer vowels are combining marks). */
const SEGMENT_LETTERS = /[\p{L}\p{M}\p{N}]+/gu;
/**
 * Longest stretch handed to Intl.Segmenter at once. V8's segmenter slows down more than linearly
 * on long texts (76,000 characters of Japanese take seconds, a hundredth of that a few
 * milliseconds), so a text is segmented in pieces cut after a character that is no letter, where
 * no word is cut; a run of letters longer than a piece, which no real sentence is, is cut anyway.
 */
const SEGMENT_CHUNK = 1000;

/** Whether the UTF-16 unit at `i` is part of a letter, a mark or a digit (half of a pair counts). */
function inWord(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return (c >= 0xd800 && c <= 0xdfff) || /[\p{L}\p{M}\p{N}]/u.test(text[i]);
}

/** `text` in pieces of at most SEGMENT_CHUNK units, cut between words. */
function pieces(text: string): string[] {
  if (text.length <= SEGMENT_CHUNK) return [text];
  const out: string[] = [];
  let at = 0;
  while (text.length - at > SEGMENT_CHUNK) {
    let cut = at + SEGMENT_CHUNK;
    while (cut > at && inWord(text, cut - 1)) cut--;
    if (cut === at) {
      cut = at + SEGMENT_CHUNK;
      if (text.charCodeAt(cut - 1) >= 0xd800 && text.charCodeAt(cut - 1) <= 0xdbff) cut--;
    }
    out.push(text.slice(at, cut));
    at = cut;
  }
  out.push(text.slice(at));
  return out;
}

function makeAnalyzer(language: string, locale: string, spec: LanguageSpec): Analyzer {
  const letters = spec.letters ?? ((text: string) => text);
  const fold = spec.foldAccents ? withoutAccents : (word: string) => word;
  const stopWords = new Set<string>();
  for (const word of spec.stopWords) {
    const w = letters(word.normalize('NFKC').toLowerCase());
    stopWords.add(w);
    stopWords.add(fold(w));
  }
  const segmenter = spec.segmented || SEGMENTED_SCRIPTS.has(language) ? segmenterFor(locale) : null;
  const apostrophe = /(\p{L})['’](\p{L})/gu;

  const splitWords = (text: string): string[] => {
    const normal = letters(text.normalize('NFKC').toLowerCase()).replace(apostrophe, spec.elision ? '$1 $2' : '$1$2');
    if (!segmenter) return normal.match(LETTERS) ?? [];
    const out: string[] = [];
    for (const piece of pieces(normal)) {
      for (const { segment, isWordLike } of segmenter.segment(piece)) {
        if (!isWordLike) continue;
        for (const part of segment.match(SEGMENT_LETTERS) ?? []) out.push(part);
      }
    }
    return out;
  };

  const isStop = (word: string) => stopWords.has(word) || stopWords.has(fold(word));

  const cache = new Map<string, string>();
  const stemWord = (word: string): string => {
    let s = cache.get(word);
    if (s !== undefined) return s;
    if (/\d/.test(word)) s = word;
    else if (spec.particles) s = foldKorean(word);
    else s = fold(spec.stemmer ? spec.stemmer(letters(word)) : letters(word));
    if (cache.size >= STEM_CACHE_LIMIT) cache.clear();
    cache.set(word, s);
    return s;
  };

  return {
    language,
    english: false,
    folding: spec.stemmer ? 'snowball' : spec.particles ? 'particles' : 'none',
    words: splitWords,
    isStopWord: isStop,
    stem: stemWord,
    terms(text) {
      const out: string[] = [];
      for (const w of splitWords(text)) if (!isStop(w)) out.push(stemWord(w));
      return out;
    },
    phraseStems: (text) => splitWords(text).map(stemWord),
    charGrams: (text) => charGramsOf(splitWords(text)),
  };
}

const analyzers = new Map<string, Analyzer>();

/**
 * The analyzer of a locale ('de', 'pt-br', 'zh-tw'): English for English and when there is no
 * locale (a knowledge base in one language says none), the language's own for the languages
 * above, words as written for any other.
 */
export function analyzerFor(locale: string | null | undefined): Analyzer {
  if (!locale) return ENGLISH;
  const normal = normalizeLocale(locale);
  const language = languageOf(normal);
  if (language === 'en') return ENGLISH;
  const spec = LANGUAGES[language];
  // Segmentation can depend on the region (Chinese as written in China or Taiwan); the lists do not.
  const key = spec?.segmented || SEGMENTED_SCRIPTS.has(language) ? normal : language;
  let analyzer = analyzers.get(key);
  if (!analyzer) analyzers.set(key, (analyzer = makeAnalyzer(language, normal, spec ?? { stopWords: [] })));
  return analyzer;
}

/** The languages with their own stop words and folding, for messages and measurements. */
export const ANALYZED_LANGUAGES: readonly string[] = ['en', ...Object.keys(LANGUAGES)];
