// The router's index. Every section contributes records (its heading, each example question
// it lists, its answer text); an inverted word index finds candidate records for a question,
// character n-grams re-rank the short ones (headings and example questions, where typos and
// run-together words hurt most), and the evidence is pooled per article.
//
// Word weights are inverse *article* frequency rather than inverse record frequency: a word
// that appears in one article's records says which article is meant, however often it
// appears there. Memory stays lean: postings are flat typed arrays, and character n-grams of
// a record are computed only when it is a candidate.

import { normalizeLocale } from '../locale/codes';
import { localeKnowledgeBases } from '../locale/scopes';
import type { KnowledgeBase } from '../knowledgeBase';
import type { Section } from '../model';
import { type Calibration, buildCalibration } from './calibration';
import { type RecordKind, sectionRecords } from './records';
import { IntList } from '../similarity/buckets';
import { FuzzyVocabulary } from './fuzzy';
import { MAX_EMBED_CHARS } from './embeddings';
import { type Lexicon, shippedLexicon, shippedVectors, type WordVectors } from './meaning';
import { analyzerFor, type Analyzer } from './language';
import { editDistance } from './tokenize';

export interface IndexOptions {
  /**
   * The locale whose articles answer (a multilingual knowledge base is routed one locale at a
   * time, never an article against its translation). Default: the source locale.
   */
  locale?: string;
  /**
   * How words are split, stop-worded and folded: by default the locale's language (language.ts);
   * for a knowledge base in one language, the one its configuration declares, else English. For measuring.
   */
  analyzer?: Analyzer;
  /** Read unknown words with fuse.js too (typos past the first letter, prefixes). Default true. */
  fuzzy?: boolean;
  /**
   * Read a question's words by their meaning too ("broken" as "damaged"): the shipped WordNet
   * lexicon (default), another lexicon, or false for words alone. The shipped lexicon and word
   * vectors are English: a locale in another language is read by its words alone.
   */
  meaning?: boolean | Lexicon;
  /** Check meaning readings against the shipped word vectors, and read words WordNet cannot relate by their nearest words in usage (default true). */
  usageCheck?: boolean;
  /** Compare the meaning of a question with each candidate record's by word vectors: the shipped ones (default), others, or false. */
  vectors?: boolean | WordVectors;
  /** Share of a candidate's score that comes from the vector similarity (0 to 1). For measuring. */
  vectorShare?: number;
  /** How much a word read by its meaning counts against the word itself, when the KB does not know / knows the word. For measuring. */
  meaningWeights?: { unknown: number; known: number };
  /** Share of an article's rank that depends on how much of the question it holds (0 to 1; see COVERAGE_SHARE). For measuring. */
  coverageShare?: number;
}

/** A word read by its meaning counts this much of the word itself: less when the KB knows the word (then the word's own matches lead). */
const MEANING_WEIGHT_UNKNOWN = 0.6;
const MEANING_WEIGHT_KNOWN = 0.3;
/** Share of a candidate record's score that comes from the similarity of its meaning (word vectors) with the question's. */
const VECTOR_SHARE = 0;
/**
 * Least cosine of two words' usage vectors (GloVe) for one to be read as the other; higher when
 * the knowledge base knows the customer's word, whose own matches then need less help.
 */
const MEANING_MIN_USAGE_UNKNOWN = 0.35;
const MEANING_MIN_USAGE_KNOWN = 0.45;
/** A word neither the knowledge base nor WordNet relates is read as at most this many of the KB's words nearest in usage, … */
const VECTOR_NEIGHBOURS = 3;
/** … each at least this close (cosine of GloVe vectors). */
const VECTOR_NEIGHBOUR_MIN = 0.6;
/** Most words of the KB one question word is read as, strongest first. */
const MAX_MEANING_READINGS = 8;

export interface SearchOptions {
  /** Pretend this article is not in the knowledge base (for calibration). */
  excludeArticle?: number;
  /** Pretend this record is not in the knowledge base. */
  excludeRecord?: number;
  /** Most articles to return. */
  limit?: number;
  /** The question's embedding (a unit vector from the attached model): blends embedding similarity in. */
  queryVector?: Float32Array;
}

/**
 * Vectors of an embedding model (routing.embeddings) for every record, attached after the index
 * is built: their similarity with a question's vector is blended into each record's score.
 */
export interface RecordEmbeddings {
  model: string;
  /** Share of a record's score from the embedding similarity (0 to 1). */
  weight: number;
  /** One unit vector per record, in record order (embeddingTexts()). */
  vectors: Float32Array[];
}

/** Records taken from the embedding ranking besides the word candidates. */
const EMBEDDING_CANDIDATES = 50;
/** Record pairs sampled for the cosine that unrelated texts have with this model. */
const EMBEDDING_BACKGROUND_PAIRS = 2000;

/** One article's evidence for a question. */
export interface ArticleMatch {
  article: number;
  file: string;
  /** Pooled similarity of the article's two best records, 0 to 1. */
  score: number;
  /** The section that answers: the best-matching record's section (one with content preferred). */
  section: Section;
  /** Similarity of the best record alone. */
  bestRecord: number;
  /** With embeddings: the best record's cosine with the question, and the share of its score that came from it. */
  meaning?: { similarity: number; share: number };
  /** Share of the question's word weight the article holds (0 to 1), when it took part in the ranking. */
  coverage?: number;
}

export interface QueryAnalysis {
  /** Meaningful terms of the question, after synonyms. */
  terms: string[];
  /** The question's own word for each term, for messages. */
  surface: Map<string, string>;
  /** Question words not in the knowledge base, with the words they were read as (typos, run-together words). */
  corrections: { word: string; readAs: string[] }[];
  /** Question terms read by their meaning as other terms of the knowledge base ("broken" as "damag"), strongest first. */
  meanings?: { word: string; readAs: string[] }[];
  /** Terms that matched nothing at all. */
  unknown: string[];
}

export interface SearchResult {
  query: QueryAnalysis;
  matches: ArticleMatch[];
  /** The embedding model blended in, when the question had a vector. */
  embeddingModel?: string;
}

interface PreparedQuery {
  analysis: QueryAnalysis;
  /** term id → weight in the normalised query vector (typo readings included). */
  wordWeights: Map<number, number>;
  grams: Map<string, number>;
  /** The question's meaning: unit vector, or null without word vectors. */
  vector: Float32Array | null;
  /** Each question word's weight, and the terms that stand for it (itself, its readings) with their weights. */
  words: { weight: number; terms: { id: number; weight: number }[] }[];
}

const KIND_CODE: Record<RecordKind, number> = { heading: 0, example: 1, body: 2 };
const RECORD_KINDS: readonly RecordKind[] = ['heading', 'example', 'body'];
/** Records this short (in characters) are re-ranked by character n-grams too. */
const SHORT_RECORD_CHARS = 160;
/** Longest stretch of a message that is matched, in characters. */
const MAX_QUERY_CHARS = 4000;
/** Weights of an article's best records in its pooled score. */
const POOL: readonly number[] = [0.5, 0.5];
/**
 * Share of an article's rank that depends on how much of the question the whole article holds
 * (its words, or their readings, anywhere in its records): a short heading that shares one word
 * of the question ("Is there a limit?" for "bill limit") ranks below an article that holds the
 * rest of the question too. Half, neither side leading.
 */
const COVERAGE_SHARE = 0.5;
/** Candidates re-ranked by character n-grams, best word scores first. */
const RERANK_CANDIDATES = 200;

/** The k highest-scoring ids seen, by a min-heap: linear in the candidates, whatever their number. */
class TopK {
  private readonly heapIds: number[] = [];
  private readonly heapScores: number[] = [];
  constructor(private readonly k: number) {}

  private less(i: number, j: number): boolean {
    // Lower score first; on ties the higher id is "less", so lower ids are kept: deterministic.
    const a = this.heapScores[i];
    const b = this.heapScores[j];
    return a < b || (a === b && this.heapIds[i] > this.heapIds[j]);
  }

  private swap(i: number, j: number): void {
    [this.heapIds[i], this.heapIds[j]] = [this.heapIds[j], this.heapIds[i]];
    [this.heapScores[i], this.heapScores[j]] = [this.heapScores[j], this.heapScores[i]];
  }

  offer(id: number, score: number): void {
    const n = this.heapIds.length;
    if (n < this.k) {
      this.heapIds.push(id);
      this.heapScores.push(score);
      for (let i = n; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!this.less(i, parent)) break;
        this.swap(i, parent);
        i = parent;
      }
      return;
    }
    if (score < this.heapScores[0] || (score === this.heapScores[0] && id > this.heapIds[0])) return;
    this.heapIds[0] = id;
    this.heapScores[0] = score;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.less(l, m)) m = l;
      if (r < n && this.less(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }

  ids(): number[] {
    return [...this.heapIds].sort((a, b) => a - b);
  }

  scoresById(): Map<number, number> {
    return new Map(this.heapIds.map((id, i) => [id, this.heapScores[i]]));
  }
}

function normalCdf(x: number): number {
  // Abramowitz–Stegun 7.1.26 approximation of erf; plenty for smoothing a CDF.
  const t = 1 / (1 + 0.3275911 * Math.abs(x) / Math.SQRT2);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}
export { normalCdf };

/** Records sorted into one flat list: article by article, section by section. */
export class SearchIndex {
  /** Sections that can answer, in knowledge-base order. */
  readonly sections: Section[];
  /** The locale whose articles it holds, in a translated knowledge base (null when the knowledge base has one). */
  locale: string | null = null;
  /** How the words of its articles and of the questions asked of it are read: its locale's language. */
  readonly analyzer: Analyzer;
  /** Article files, in order; records of article a are contiguous. */
  readonly articles: string[];
  private readonly sectionArticle: Int32Array;
  /** Whether a section has answer text to reply with. */
  private readonly sectionHasAnswer: Uint8Array;

  private readonly recordSection: Int32Array;
  private readonly recordKind: Uint8Array;
  /** Short records' words, space-separated and padded (" where is my refund "), for character n-grams; null for long ones. */
  private readonly recordShortText: (string | null)[];
  /** Norm of each short record's character n-gram vector, computed when first needed (0: not yet). */
  private readonly recordGramNorm: Float32Array;
  private readonly recordNorm: Float32Array;
  private readonly articleRecordStart: Int32Array;

  private readonly vocabulary = new Map<string, number>();
  private termWords: string[] = [];
  private termWeight = new Float32Array(0);
  private postingStart = new Int32Array(1);
  private postingRecord = new Int32Array(0);
  private postingValue = new Float32Array(0);
  /** Vocabulary by first letter, for typo look-ups. */
  private byInitial: Map<string, number[]> | undefined;
  /** fuse.js reading of unknown words; null when turned off. */
  private fuzzyVocabulary: FuzzyVocabulary | null = null;
  /** Word meanings; null when turned off. */
  private lexicon: Lexicon | null = null;
  private meaningWeights = { unknown: MEANING_WEIGHT_UNKNOWN, known: MEANING_WEIGHT_KNOWN };
  /** Word vectors that check a meaning reading against usage; null when turned off. */
  private usageVectors: WordVectors | null = null;
  /** Word vectors; null when turned off. */
  private vectors: WordVectors | null = null;
  private vectorShare = VECTOR_SHARE;
  private coverageShare = COVERAGE_SHARE;
  /** Each record's meaning: the idf-weighted sum of its words' vectors, as a unit vector in signed bytes; all zero without one. */
  private recordVectors = new Int8Array(0);
  /** The vocabulary's terms that have word vectors, and their unit vectors one after another; built on first use. */
  private vocabularyVectorCache: { ids: Int32Array; matrix: Float32Array } | undefined;
  /** Per question term: the KB's terms it can be read as, with how strongly. */
  private readonly meaningCache = new Map<string, { id: number; strength: number }[]>();

  private readonly gramWeight = new Map<string, number>();
  private gramDefaultWeight = 1;

  private scratch: Float32Array;
  private readonly touched: IntList = new IntList();
  /** Attached embeddings: record vectors one after another, the cosine unrelated records have, questions' vectors. */
  private embedding: { model: string; weight: number; dimensions: number; matrix: Float32Array; background: number; questions: Map<string, Float32Array> } | undefined;
  private calibrationCache: Calibration | undefined;

  private constructor(sections: Section[], articles: string[], sectionArticle: number[], hasContent: boolean[], recordCount: number, analyzer: Analyzer) {
    this.sections = sections;
    this.analyzer = analyzer;
    this.articles = articles;
    this.sectionArticle = Int32Array.from(sectionArticle);
    this.sectionHasAnswer = Uint8Array.from(hasContent.map((b) => (b ? 1 : 0)));
    this.recordSection = new Int32Array(recordCount);
    this.recordKind = new Uint8Array(recordCount);
    this.recordShortText = new Array<string | null>(recordCount).fill(null);
    this.recordGramNorm = new Float32Array(recordCount);
    this.recordNorm = new Float32Array(recordCount);
    this.articleRecordStart = new Int32Array(articles.length + 1);
    this.scratch = new Float32Array(recordCount);
  }

  get recordCount(): number {
    return this.recordSection.length;
  }

  static build(whole: KnowledgeBase, options: IndexOptions = {}): SearchIndex {
    const parts = localeKnowledgeBases(whole);
    const wanted = options.locale ? normalizeLocale(options.locale) : null;
    const kb = parts.find((part) => wanted !== null && part.site.locale?.id === wanted) ?? parts[0];
    // Pass 1: records and their terms.
    const sections: Section[] = [];
    const sectionArticle: number[] = [];
    const hasContent: boolean[] = [];
    const articles: string[] = [];
    const records: { section: number; kind: RecordKind; text: string }[] = [];
    const articleStarts: number[] = [];
    for (const article of kb.articles) {
      const articleIndex = articles.length;
      let added = false;
      for (const section of article.sections) {
        const parts = sectionRecords(section);
        const answerText = parts.answer.map((b) => b.text).join('\n');
        if (!parts.heading && parts.examples.length === 0 && !answerText.trim()) continue;
        if (!added) {
          articles.push(article.file);
          articleStarts.push(records.length);
          added = true;
        }
        const s = sections.length;
        sections.push(section);
        sectionArticle.push(articleIndex);
        hasContent.push(answerText.trim().length > 0);
        if (parts.heading) records.push({ section: s, kind: 'heading', text: parts.heading });
        for (const example of parts.examples) records.push({ section: s, kind: 'example', text: example.text });
        if (answerText.trim()) records.push({ section: s, kind: 'body', text: answerText });
      }
    }
    // A locale of a translated knowledge base is read in its language; a knowledge base with one
    // locale in the one its site configuration (or kb-audit.json `locales.source`) declares.
    const analyzer = options.analyzer ?? analyzerFor(kb.site.locale?.id ?? kb.site.languages?.source);
    const { terms, words, charGrams } = analyzer;
    const index = new SearchIndex(sections, articles, sectionArticle, hasContent, records.length, analyzer);
    index.locale = parts.length > 1 ? (kb.site.locale?.id ?? null) : null;
    articleStarts.forEach((start, a) => (index.articleRecordStart[a] = start));
    index.articleRecordStart[articles.length] = records.length;

    const termIds = new IntList();
    const recordTermStart = new Int32Array(records.length + 1);
    const articleFrequency: number[] = [];
    const lastArticle: number[] = [];
    records.forEach((record, r) => {
      index.recordSection[r] = record.section;
      index.recordKind[r] = KIND_CODE[record.kind];
      if (record.kind !== 'body' && record.text.length <= SHORT_RECORD_CHARS) index.recordShortText[r] = ` ${words(record.text).join(' ')} `;
      recordTermStart[r] = termIds.length;
      const article = sectionArticle[record.section];
      for (const term of terms(record.text)) {
        let id = index.vocabulary.get(term);
        if (id === undefined) {
          id = index.termWords.length;
          index.vocabulary.set(term, id);
          index.termWords.push(term);
          articleFrequency.push(0);
          lastArticle.push(-1);
        }
        if (lastArticle[id] !== article) {
          lastArticle[id] = article;
          articleFrequency[id]++;
        }
        termIds.push(id);
      }
    });
    recordTermStart[records.length] = termIds.length;

    // Pass 2: weights, norms and postings (compressed sparse rows: one slice per term).
    const articleCount = Math.max(articles.length, 1);
    index.termWeight = Float32Array.from(articleFrequency, (af) => inverseArticleFrequency(articleCount, af));
    const ids = termIds.data;
    const counts = new Int32Array(index.termWords.length + 1);
    // How often record r uses each of its terms: `tf` by term id, the ids in the order the record
    // first uses them in `touched` (the order sums are taken in). Cleared with clearRecord.
    const tf = new Int32Array(index.termWords.length);
    const touched = new IntList();
    const countRecord = (r: number) => {
      touched.length = 0;
      for (let k = recordTermStart[r]; k < recordTermStart[r + 1]; k++) if (tf[ids[k]]++ === 0) touched.push(ids[k]);
    };
    const clearRecord = () => {
      for (let k = 0; k < touched.length; k++) tf[touched.data[k]] = 0;
    };
    // The shipped lexicon and word vectors are English: they would read another language's words as
    // English words spelt alike, or by their nearest words in English usage (German "der" as "und").
    const english = analyzer.english;
    const vectors = options.vectors === false ? null : options.vectors === undefined || options.vectors === true ? (english ? shippedVectors() : null) : options.vectors;
    if (options.vectorShare !== undefined) index.vectorShare = options.vectorShare;
    const dims = vectors && index.vectorShare > 0 ? vectors.dimensions : 0;
    const termRow = dims ? Int32Array.from(index.termWords, (t) => vectors!.row(t)) : new Int32Array(0);
    const sum = new Float32Array(dims);
    if (dims) {
      index.vectors = vectors;
      index.recordVectors = new Int8Array(records.length * dims);
    }
    for (let r = 0; r < records.length; r++) {
      countRecord(r);
      let norm = 0;
      if (dims) sum.fill(0);
      for (let k = 0; k < touched.length; k++) {
        const id = touched.data[k];
        const w = (1 + Math.log(tf[id])) * index.termWeight[id];
        norm += w * w;
        counts[id + 1]++;
        if (dims && termRow[id] >= 0) vectors!.addTo(sum, termRow[id], w);
      }
      clearRecord();
      index.recordNorm[r] = Math.sqrt(norm);
      if (dims) storeUnit(index.recordVectors, r * dims, sum);
    }
    for (let t = 0; t < index.termWords.length; t++) counts[t + 1] += counts[t];
    index.postingStart = counts;
    const fill = counts.slice(0, index.termWords.length);
    index.postingRecord = new Int32Array(counts[index.termWords.length]);
    index.postingValue = new Float32Array(counts[index.termWords.length]);
    for (let r = 0; r < records.length; r++) {
      countRecord(r);
      const norm = index.recordNorm[r] || 1;
      for (let k = 0; k < touched.length; k++) {
        const id = touched.data[k];
        const at = fill[id]++;
        index.postingRecord[at] = r;
        index.postingValue[at] = (1 + Math.log(tf[id])) / norm;
      }
      clearRecord();
    }

    // Character n-gram weights, by article frequency over the short records.
    const gramArticleFrequency = new Map<string, number>();
    const gramLastArticle = new Map<string, number>();
    for (let r = 0; r < records.length; r++) {
      const text = index.recordShortText[r];
      if (text === null) continue;
      const article = sectionArticle[records[r].section];
      for (const gram of new Set(charGrams(text))) {
        if (gramLastArticle.get(gram) === article) continue;
        gramLastArticle.set(gram, article);
        gramArticleFrequency.set(gram, (gramArticleFrequency.get(gram) ?? 0) + 1);
      }
    }
    for (const [gram, af] of gramArticleFrequency) index.gramWeight.set(gram, inverseArticleFrequency(articleCount, af));
    index.gramDefaultWeight = inverseArticleFrequency(articleCount, 0);
    if (options.fuzzy !== false) index.fuzzyVocabulary = new FuzzyVocabulary(index.termWords);
    index.lexicon = options.meaning === false ? null : options.meaning === undefined || options.meaning === true ? (english ? shippedLexicon() : null) : options.meaning;
    if (options.meaningWeights) index.meaningWeights = options.meaningWeights;
    if (options.coverageShare !== undefined) index.coverageShare = options.coverageShare;
    if (index.lexicon && options.usageCheck !== false && english) index.usageVectors = shippedVectors();
    return index;
  }

  /**
   * The text of every record for an embedding model, in record order: a heading, an example
   * question, or a section's heading and answer text (cut to MAX_EMBED_CHARS).
   */
  embeddingTexts(): string[] {
    const out: string[] = [];
    for (const section of this.sections) {
      const parts = sectionRecords(section);
      const answerText = parts.answer.map((b) => b.text).join('\n');
      if (parts.heading) out.push(parts.heading);
      for (const example of parts.examples) out.push(example.text);
      if (answerText.trim()) out.push(`${parts.heading ? `${parts.heading}\n` : ''}${answerText}`.slice(0, MAX_EMBED_CHARS));
    }
    return out;
  }

  /** Blends an embedding model's similarity into every later search that brings a question vector. */
  attachEmbeddings(embeddings: RecordEmbeddings): void {
    if (embeddings.vectors.length !== this.recordCount) throw new Error(`embeddings: ${embeddings.vectors.length} vectors for ${this.recordCount} records`);
    const dimensions = embeddings.vectors[0]?.length ?? 0;
    const matrix = new Float32Array(this.recordCount * dimensions);
    embeddings.vectors.forEach((v, r) => {
      if (v.length !== dimensions) throw new Error('embeddings: vectors of different lengths');
      matrix.set(v, r * dimensions);
    });
    // The cosine of records of different articles: what "unrelated" scores with this model (0 to 0.5 by model).
    let sum = 0;
    let pairs = 0;
    const n = this.recordCount;
    for (let i = 0; i < EMBEDDING_BACKGROUND_PAIRS && n > 1; i++) {
      const a = (i * 7919) % n;
      const b = (i * 104729 + 1 + Math.floor(i / n)) % n;
      if (this.sectionArticle[this.recordSection[a]] === this.sectionArticle[this.recordSection[b]]) continue;
      sum += dot(matrix, a * dimensions, matrix, b * dimensions, dimensions);
      pairs++;
    }
    const background = pairs ? Math.min(0.9, Math.max(0, sum / pairs)) : 0;
    this.embedding = { model: embeddings.model, weight: embeddings.weight, dimensions, matrix, background, questions: this.embedding?.questions ?? new Map() };
    this.calibrationCache = undefined;
  }

  /** The attached embedding model, if any. */
  get embeddingModel(): string | undefined {
    return this.embedding?.model;
  }

  /** Remembers questions' vectors, for routeQuestion to find by the question's text. */
  addQuestionVectors(questions: ReadonlyMap<string, Float32Array>): void {
    if (!this.embedding) return;
    for (const [q, v] of questions) if (v.length === this.embedding.dimensions) this.embedding.questions.set(q, v);
  }

  /** The vector of a question embedded earlier (addQuestionVectors). */
  questionVector(question: string): Float32Array | undefined {
    return this.embedding?.questions.get(question);
  }

  /** A record's own vector (calibration routes headings and example questions as questions). */
  recordVector(record: number): Float32Array | undefined {
    const e = this.embedding;
    return e ? e.matrix.subarray(record * e.dimensions, (record + 1) * e.dimensions) : undefined;
  }

  /** The confidence scale for this knowledge base, computed on first use. */
  get calibration(): Calibration {
    this.calibrationCache ??= buildCalibration(this);
    return this.calibrationCache;
  }

  /** Records that can serve as pseudo-questions for calibration: example questions and distinct headings. */
  calibrationQueries(): { record: number; article: number; text: string }[] {
    const out: { record: number; article: number; text: string }[] = [];
    const headingCount = new Map<string, number>();
    for (let r = 0; r < this.recordCount; r++) {
      if (this.recordKind[r] !== KIND_CODE.heading) continue;
      const key = this.analyzer.terms(this.recordShortText[r] ?? '').join(' ');
      headingCount.set(key, (headingCount.get(key) ?? 0) + 1);
    }
    for (let r = 0; r < this.recordCount; r++) {
      const text = this.recordShortText[r];
      if (text === null || this.recordKind[r] === KIND_CODE.body) continue;
      const key = this.analyzer.terms(text).join(' ');
      if (!key) continue;
      if (this.recordKind[r] === KIND_CODE.heading && (headingCount.get(key) ?? 0) > 1) continue;
      out.push({ record: r, article: this.sectionArticle[this.recordSection[r]], text });
    }
    return out;
  }

  /** The section a record belongs to, and its kind (measurements leave a section's own answer text out). */
  recordOf(record: number): { section: number; kind: RecordKind } {
    return { section: this.recordSection[record], kind: RECORD_KINDS[this.recordKind[record]] };
  }

  recordText(record: number): string | null {
    return this.recordShortText[record];
  }

  articleOfSection(section: number): number {
    return this.sectionArticle[section];
  }

  /** Whether `term` (already stemmed) occurs in any record of `article`. */
  articleHasTerm(article: number, term: string): boolean {
    const id = this.vocabulary.get(term);
    if (id === undefined) return false;
    const from = this.articleRecordStart[article];
    const to = this.articleRecordStart[article + 1];
    let lo = this.postingStart[id];
    let hi = this.postingStart[id + 1];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.postingRecord[mid] < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.postingStart[id + 1] && this.postingRecord[lo] < to;
  }

  /** Vocabulary words within a small edit distance of `word` (same first letter). */
  private closeWords(word: string): string[] {
    if (!this.byInitial) {
      this.byInitial = new Map();
      this.termWords.forEach((w, id) => {
        if (!/^\p{L}+$/u.test(w) || w.length < 3) return;
        const key = w[0];
        let list = this.byInitial!.get(key);
        if (!list) this.byInitial!.set(key, (list = []));
        list.push(id);
      });
    }
    const max = word.length >= 8 ? 2 : 1;
    let best = max + 1;
    let found: string[] = [];
    for (const id of this.byInitial.get(word[0]) ?? []) {
      const candidate = this.termWords[id];
      if (Math.abs(candidate.length - word.length) > max) continue;
      const d = editDistance(word, candidate, Math.min(max, best));
      if (d < best) {
        best = d;
        found = [candidate];
      } else if (d === best && d <= max) {
        found.push(candidate);
      }
    }
    return best <= max ? found : [];
  }

  /** "pincode" → "pin" + "code" when both halves are words of the knowledge base. */
  private split(word: string): string[] | null {
    for (let i = 3; i <= word.length - 3; i++) {
      const left = word.slice(0, i);
      const right = word.slice(i);
      if (this.vocabulary.has(left) && this.vocabulary.has(right)) return [left, right];
    }
    return null;
  }

  /**
   * The section that answers when the matching records have no answer text (say, a list of
   * example questions that covers the whole article): the article's first section with answer
   * text, else the matching section itself.
   */
  private answeringSection(article: number, fallback: number): number {
    const first = this.recordSection[this.articleRecordStart[article]];
    for (let s = first; s < this.sections.length && this.sectionArticle[s] === article; s++) {
      if (this.sectionHasAnswer[s]) return s;
    }
    return fallback;
  }

  /**
   * What an unknown word stands for: two known words run together, else known words one or two
   * edits away with the same first letter, else what fuse.js reads it as.
   */
  private readUnknown(term: string): { word: string; share: number; similarity: number }[] {
    const parts = this.split(term);
    if (parts) return parts.map((word) => ({ word, share: 1, similarity: 1 - 1 / term.length }));
    const close = this.closeWords(term);
    if (close.length) return close.map((word) => ({ word, share: 1 / close.length, similarity: 1 - 1 / term.length }));
    const fuzzy = this.fuzzyVocabulary?.readings(term) ?? [];
    return fuzzy.map((r) => ({ word: r.word, share: 1 / fuzzy.length, similarity: r.similarity }));
  }

  /** A readable word for a term of the knowledge base (a stem): "damag" → "damage". */
  surfaceOf(term: string): string {
    return this.lexicon?.surface(term) ?? term;
  }

  private vocabularyVectors(): { ids: Int32Array; matrix: Float32Array } {
    if (this.vocabularyVectorCache) return this.vocabularyVectorCache;
    const vectors = this.usageVectors!;
    const ids: number[] = [];
    const rows: number[] = [];
    this.termWords.forEach((t, id) => {
      const row = vectors.row(t);
      if (row >= 0) {
        ids.push(id);
        rows.push(row);
      }
    });
    const matrix = new Float32Array(rows.length * vectors.dimensions);
    rows.forEach((row, k) => vectors.copyRow(row, matrix, k * vectors.dimensions));
    this.vocabularyVectorCache = { ids: Int32Array.from(ids), matrix };
    return this.vocabularyVectorCache;
  }

  /** The knowledge base's terms `term` can be read as by meaning, strongest first. */
  private meaningReadings(term: string): { id: number; strength: number }[] {
    let readings = this.meaningCache.get(term);
    if (readings) return readings;
    readings = [];
    const known = this.vocabulary.has(term);
    for (const r of this.lexicon?.related(term) ?? []) {
      const id = this.vocabulary.get(r.term);
      if (id === undefined) continue;
      // A sense the two words share is not enough when they are never used alike ("cancel" is also a sign in music, "natural").
      if (this.usageVectors) {
        const usage = this.usageVectors.similarity(term, r.term);
        if (known ? !(usage! >= MEANING_MIN_USAGE_KNOWN) : usage !== undefined && usage < MEANING_MIN_USAGE_UNKNOWN) continue;
      }
      readings.push({ id, strength: r.strength });
      if (readings.length === MAX_MEANING_READINGS) break;
    }
    const row = known || !this.usageVectors ? -1 : this.usageVectors.row(term);
    if (row >= 0 && readings.length < MAX_MEANING_READINGS) {
      // A word the knowledge base does not know and WordNet cannot relate: its nearest words by usage ("lucknow" → "delhi").
      const { ids, matrix } = this.vocabularyVectors();
      const d = this.usageVectors!.dimensions;
      const query = new Float32Array(d);
      this.usageVectors!.copyRow(row, query, 0);
      const near: { id: number; strength: number }[] = [];
      for (let k = 0, at = 0; k < ids.length; k++, at += d) {
        let cos = 0;
        for (let i = 0; i < d; i++) cos += query[i] * matrix[at + i];
        if (cos >= VECTOR_NEIGHBOUR_MIN) near.push({ id: ids[k], strength: cos });
      }
      near.sort((a, b) => b.strength - a.strength || a.id - b.id);
      for (const n of near.slice(0, VECTOR_NEIGHBOURS)) {
        if (readings.length === MAX_MEANING_READINGS) break;
        if (!readings.some((x) => x.id === n.id)) readings.push(n);
      }
    }
    this.meaningCache.set(term, readings);
    return readings;
  }

  /** Terms, typo readings and the query vectors for `text`. */
  private prepare(text: string): PreparedQuery {
    const { terms, words, stem, charGrams } = this.analyzer;
    const queryTerms = terms(text);
    const surface = new Map<string, string>();
    for (const w of words(text)) {
      const t = stem(w);
      if (!surface.has(t)) surface.set(t, w);
    }
    const tf = new Map<string, number>();
    for (const t of queryTerms) tf.set(t, (tf.get(t) ?? 0) + 1);
    const maxWeight = inverseArticleFrequency(Math.max(this.articles.length, 1), 0);
    const raw: { id: number; weight: number }[] = [];
    const corrections: QueryAnalysis['corrections'] = [];
    const unknown: string[] = [];
    const meanings: NonNullable<QueryAnalysis['meanings']> = [];
    let norm = 0;
    const questionWords: PreparedQuery['words'] = [];
    for (const [term, count] of tf) {
      const id = this.vocabulary.get(term);
      const logTf = 1 + Math.log(count);
      const from = raw.length;
      // Meaning: the KB's words this one can stand for, counted less than the word itself.
      const share = id === undefined ? this.meaningWeights.unknown : this.meaningWeights.known;
      if (this.lexicon && share > 0 && /^\p{L}{3,}$/u.test(term)) {
        const w = logTf * (id === undefined ? maxWeight : this.termWeight[id]);
        const readAs: string[] = [];
        for (const r of this.meaningReadings(term)) {
          if (tf.has(this.termWords[r.id])) continue;
          raw.push({ id: r.id, weight: w * share * r.strength });
          readAs.push(this.termWords[r.id]);
        }
        if (readAs.length) meanings.push({ word: term, readAs });
      }
      if (id !== undefined) {
        const w = logTf * this.termWeight[id];
        raw.push({ id, weight: w });
        norm += w * w;
        questionWords.push({ weight: w, terms: raw.slice(from) });
        continue;
      }
      // Unknown words weigh as much as the rarest word: they count against the match.
      const w = logTf * maxWeight;
      norm += w * w;
      const readings = /^\p{L}{4,}$/u.test(term) ? this.readUnknown(term) : [];
      for (const r of readings) raw.push({ id: this.vocabulary.get(r.word)!, weight: w * r.share * r.similarity });
      questionWords.push({ weight: w, terms: raw.slice(from) });
      if (readings.length === 0) {
        if (!meanings.some((m) => m.word === term)) unknown.push(term);
        continue;
      }
      corrections.push({ word: term, readAs: readings.map((r) => r.word) });
    }
    let vector: Float32Array | null = null;
    if (this.vectors) {
      vector = new Float32Array(this.vectors.dimensions);
      let any = false;
      for (const [term, count] of tf) {
        const row = this.vectors.row(term);
        if (row < 0) continue;
        const id = this.vocabulary.get(term);
        this.vectors.addTo(vector, row, (1 + Math.log(count)) * (id === undefined ? maxWeight : this.termWeight[id]));
        any = true;
      }
      vector = any ? unit(vector) : null;
    }
    norm = Math.sqrt(norm) || 1;
    const wordWeights = new Map<number, number>();
    for (const { id, weight } of raw) wordWeights.set(id, (wordWeights.get(id) ?? 0) + (weight / norm) * this.termWeight[id]);

    // Character n-grams count once each (short texts rarely repeat one): weight = n-gram rarity.
    const grams = new Map<string, number>();
    let gramNorm = 0;
    for (const g of new Set(charGrams(text))) {
      const w = this.gramWeight.get(g) ?? this.gramDefaultWeight;
      grams.set(g, w);
      gramNorm += w * w;
    }
    gramNorm = Math.sqrt(gramNorm) || 1;
    for (const [g, w] of grams) grams.set(g, w / gramNorm);
    const analysis: QueryAnalysis = { terms: [...tf.keys()], surface, corrections, unknown };
    if (meanings.length) analysis.meanings = meanings;
    return { analysis, wordWeights, grams, vector, words: questionWords };
  }

  /**
   * Per article among `articles`: the share of the question's word weight that the article's
   * records hold, each word by itself or by its best reading there (at the reading's weight).
   */
  private coverage(query: PreparedQuery, articles: ReadonlyMap<number, unknown>): Map<number, number> {
    const held = new Map<number, number[]>();
    let total = 0;
    query.words.forEach((word, w) => {
      total += word.weight;
      for (const term of word.terms) {
        for (let k = this.postingStart[term.id]; k < this.postingStart[term.id + 1]; k++) {
          const article = this.sectionArticle[this.recordSection[this.postingRecord[k]]];
          if (!articles.has(article)) continue;
          let list = held.get(article);
          if (!list) held.set(article, (list = new Array<number>(query.words.length).fill(0)));
          list[w] = Math.max(list[w], Math.min(word.weight, term.weight));
        }
      }
    });
    const shares = new Map<number, number>();
    for (const [article, list] of held) shares.set(article, total > 0 ? list.reduce((a, b) => a + b, 0) / total : 0);
    return shares;
  }

  /**
   * Cosine similarity of a short record's character n-grams with the question's. The question's
   * n-grams are looked up in the record's padded text, so nothing is built per candidate; the
   * record's own norm is computed once and kept.
   */
  private gramSimilarity(record: number, text: string, grams: Map<string, number>): number {
    let norm = this.recordGramNorm[record];
    if (norm === 0) {
      let sum = 0;
      for (const g of new Set(this.analyzer.charGrams(text))) sum += (this.gramWeight.get(g) ?? this.gramDefaultWeight) ** 2;
      norm = this.recordGramNorm[record] = Math.sqrt(sum) || 1;
    }
    let dot = 0;
    for (const [g, q] of grams) {
      if (text.includes(g)) dot += q * (this.gramWeight.get(g) ?? this.gramDefaultWeight);
    }
    return dot / norm;
  }

  /** Cosine of a record's meaning with the question's, 0 when opposed or unknown. */
  private vectorSimilarity(record: number, vector: Float32Array): number {
    const d = vector.length;
    const data = this.recordVectors;
    let dot = 0;
    for (let i = 0, at = record * d; i < d; i++, at++) dot += vector[i] * data[at];
    return Math.max(0, dot / 127);
  }

  /** Articles ranked by how well their records match `text`, best first. */
  search(text: string, options: SearchOptions = {}): SearchResult {
    // A rambling message states its business early; the cap bounds the work on a pasted essay.
    const query = this.prepare(text.length > MAX_QUERY_CHARS ? text.slice(0, MAX_QUERY_CHARS) : text);
    const scores = this.scratch;
    const touched = this.touched;
    touched.length = 0;
    const excludeFrom = options.excludeArticle !== undefined ? this.articleRecordStart[options.excludeArticle] : -1;
    const excludeTo = options.excludeArticle !== undefined ? this.articleRecordStart[options.excludeArticle + 1] : -1;
    for (const [id, weight] of query.wordWeights) {
      for (let k = this.postingStart[id]; k < this.postingStart[id + 1]; k++) {
        const r = this.postingRecord[k];
        if (r >= excludeFrom && r < excludeTo) continue;
        if (scores[r] === 0) touched.push(r);
        scores[r] += weight * this.postingValue[k];
      }
    }
    // The best-scoring candidates by words alone go on to the character n-gram re-ranking.
    const selected = new TopK(RERANK_CANDIDATES);
    for (let k = 0; k < touched.length; k++) {
      const r = touched.data[k];
      if (r !== options.excludeRecord) selected.offer(r, scores[r]);
      scores[r] = 0;
    }
    const wordScore = selected.scoresById();
    const embedding = options.queryVector && this.embedding?.dimensions === options.queryVector.length ? this.embedding : undefined;
    let cosines: Float32Array | undefined;
    if (embedding) {
      // Every record's cosine with the question; the nearest join the word candidates, so a question
      // that shares no word with its answer can still find it.
      const d = embedding.dimensions;
      const q = options.queryVector!;
      cosines = new Float32Array(this.recordCount);
      const nearest = new TopK(EMBEDDING_CANDIDATES);
      for (let r = 0; r < this.recordCount; r++) {
        const c = dot(embedding.matrix, r * d, q, 0, d);
        cosines[r] = c;
        if ((r >= excludeFrom && r < excludeTo) || r === options.excludeRecord) continue;
        nearest.offer(r, c);
      }
      for (const r of nearest.ids()) if (!wordScore.has(r)) wordScore.set(r, 0);
    }
    const candidates = embedding ? [...wordScore.keys()].sort((a, b) => a - b) : selected.ids();

    // Pool each article's two best records: one lucky record is weaker evidence than two.
    const perArticle = new Map<number, { top: number[]; best: number; bestContent: number; bestContentScore: number; meaning?: { similarity: number; share: number } }>();
    for (const r of candidates) {
      const short = this.recordShortText[r];
      const word = Math.min(1, wordScore.get(r)!);
      const lexical = short !== null ? (word + Math.min(1, this.gramSimilarity(r, short, query.grams))) / 2 : word;
      let score = query.vector && short !== null ? (1 - this.vectorShare) * lexical + this.vectorShare * this.vectorSimilarity(r, query.vector) : lexical;
      let meaningPart = 0;
      if (embedding) {
        // Cosine above what unrelated texts get with this model, on the scale 0 to 1.
        const similarity = Math.max(0, (cosines![r] - embedding.background) / (1 - embedding.background));
        meaningPart = embedding.weight * similarity;
        score = (1 - embedding.weight) * score + meaningPart;
      }
      // A record the model found that matches nothing, not even by meaning, is no evidence.
      if (!(score > 0)) continue;
      const section = this.recordSection[r];
      const article = this.sectionArticle[section];
      let entry = perArticle.get(article);
      if (!entry) perArticle.set(article, (entry = { top: POOL.map(() => 0), best: -1, bestContent: -1, bestContentScore: -1 }));
      if (entry.best < 0 || score > entry.top[0] || (score === entry.top[0] && entry.best > r)) {
        entry.best = r;
        if (embedding) entry.meaning = { similarity: cosines![r], share: score > 0 ? meaningPart / score : 0 };
      }
      for (let i = 0; i < entry.top.length; i++) {
        if (score > entry.top[i]) {
          entry.top.splice(i, 0, score);
          entry.top.length = POOL.length;
          break;
        }
      }
      if (this.sectionHasAnswer[section] && (score > entry.bestContentScore || (score === entry.bestContentScore && r < entry.bestContent))) {
        entry.bestContent = r;
        entry.bestContentScore = score;
      }
    }
    // Which article comes first also depends on how much of the question it holds; its score
    // (and so the confidence) stays its records' evidence. A model's similarity reads the whole
    // question already: with embeddings, the records' scores decide alone.
    const coverage = this.coverageShare > 0 && !embedding ? this.coverage(query, perArticle) : null;
    const share = this.coverageShare;
    const rank = (m: ArticleMatch) => (m.coverage === undefined ? m.score : m.score * (1 - share + share * m.coverage));
    const matches: ArticleMatch[] = [];
    for (const [article, e] of perArticle) {
      const match: ArticleMatch = {
        article,
        file: this.articles[article],
        score: e.top.reduce((sum, x, i) => sum + POOL[i] * x, 0),
        section: this.sections[e.bestContent >= 0 ? this.recordSection[e.bestContent] : this.answeringSection(article, this.recordSection[e.best])],
        bestRecord: e.top[0],
      };
      if (e.meaning) match.meaning = e.meaning;
      if (coverage) match.coverage = coverage.get(article) ?? 0;
      matches.push(match);
    }
    matches.sort((a, b) => rank(b) - rank(a) || a.article - b.article);
    if (options.limit !== undefined) matches.length = Math.min(matches.length, options.limit);
    const result: SearchResult = { query: query.analysis, matches };
    if (embedding) result.embeddingModel = embedding.model;
    return result;
  }
}

/** Dot product of `d` numbers of `a` from `at` with `d` of `b` from `bt`. */
function dot(a: Float32Array, at: number, b: Float32Array, bt: number, d: number): number {
  let sum = 0;
  for (let i = 0; i < d; i++) sum += a[at + i] * b[bt + i];
  return sum;
}

function unit(v: Float32Array): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < v.length; i++) v[i] /= norm;
  return v;
}

/** Stores `v` as a unit vector in signed bytes at `into[at…]` (all zero when `v` is). */
function storeUnit(into: Int8Array, at: number, v: Float32Array): void {
  let norm = 0;
  for (const x of v) norm += x * x;
  if (norm === 0) return;
  const scale = 127 / Math.sqrt(norm);
  for (let i = 0; i < v.length; i++) into[at + i] = Math.round(v[i] * scale);
}

/** log((1 + A) / (1 + af)) + 1: 1 for a word in every article, highest for an unknown word. */
function inverseArticleFrequency(articles: number, articleFrequency: number): number {
  return Math.log((1 + articles) / (1 + articleFrequency)) + 1;
}
