import { isStopWord, stem, words } from '../similarity/text';
import type { KnowledgeBaseRule } from './types';

export interface CoverageGapOptions {
  /** Escalated questions sharing a word form a topic when there are at least this many. */
  minTopicSize: number;
}

interface Gap {
  index: number;
  terms: string[];
}

/** Sample questions the bot would escalate for lack of a confident match, grouped into topics. */
export const coverageGap: KnowledgeBaseRule<CoverageGapOptions> = {
  id: 'coverage-gap',
  description: 'Sample customer questions the bot would escalate because no section matches confidently, grouped into topics',
  rationale:
    'Every escalated question is a customer waiting for a person. Topics with several escalated questions are the articles to write next; single ones may need a synonym in kb-audit.json or a clearer heading.',
  defaultSeverity: 'info',
  defaultOptions: { minTopicSize: 2 },
  optionsSchema: {
    minTopicSize: { type: 'integer', minimum: 2, description: 'Escalated questions sharing a word form a topic when there are at least this many.' },
  },
  scope: 'knowledge-base',
  check({ questions, options, report }) {
    if (!questions) return;
    const gaps: Gap[] = [];
    const surface = new Map<string, string>();
    questions.routed.forEach((routed, index) => {
      const asked = questions.questions[index];
      // Labelled "nothing answers this": escalating is right, not a gap.
      if (asked?.expected === null) return;
      if (routed.decision !== 'escalate' || routed.confidence >= questions.threshold) return;
      const terms: string[] = [];
      for (const word of words(routed.question)) {
        if (isStopWord(word) || word.length < 3 || /^\d+$/.test(word)) continue;
        const term = stem(word);
        if (!surface.has(term)) surface.set(term, word);
        if (!terms.includes(term)) terms.push(term);
      }
      gaps.push({ index, terms });
    });
    if (gaps.length === 0) return;
    // Topics: each question joins the most widely shared of its words (ties: alphabetical).
    const df = new Map<string, number>();
    for (const gap of gaps) for (const t of gap.terms) df.set(t, (df.get(t) ?? 0) + 1);
    const topics = new Map<string, Gap[]>();
    for (const gap of gaps) {
      const best = [...gap.terms].sort((a, b) => df.get(b)! - df.get(a)! || (a < b ? -1 : 1))[0];
      const key = best && df.get(best)! >= options.minTopicSize ? best : '';
      let list = topics.get(key);
      if (!list) topics.set(key, (list = []));
      list.push(gap);
    }
    for (const [topic, members] of topics) {
      for (const gap of members) {
        const routed = questions.routed[gap.index];
        const asked = questions.questions[gap.index];
        const line = asked?.line ?? gap.index + 1;
        const lines = members.filter((m) => m !== gap).map((m) => questions.questions[m.index]?.line ?? m.index + 1);
        const topicText = topic
          ? `; topic "${surface.get(topic)}": ${members.length} escalated question${members.length > 1 ? 's' : ''}${lines.length ? ` (also line${lines.length > 1 ? 's' : ''} ${lines.slice(0, 8).join(', ')}${lines.length > 8 ? ', …' : ''})` : ''}`
          : '';
        const closest = routed.answer ? `; closest: "${routed.answer.heading}" in ${routed.answer.file}` : '; no section shares a word with it';
        report({
          message: `"${routed.question}" would be escalated (confidence ${routed.confidence} < ${questions.threshold})${topicText}${closest}`,
          file: questions.file,
          line,
          column: 1,
          endLine: line,
          endColumn: 1,
          related: routed.answer ? [{ file: routed.answer.file, line: routed.answer.line, message: `closest section "${routed.answer.heading}" (confidence ${routed.confidence})` }] : undefined,
          data: { confidence: routed.confidence, topic: topic ? (surface.get(topic) ?? topic) : '', topicSize: members.length },
        });
      }
    }
  },
};
