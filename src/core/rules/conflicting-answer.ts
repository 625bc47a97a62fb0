import type { RelatedLocation } from '../model';
import { corpusOf } from '../similarity/corpus';
import type { KnowledgeBaseRule } from './types';
import { DEFAULT_CONFLICT_KINDS, findConflicts, type ConflictOptions, type FactLocation } from './util/conflicts';
import { DEFAULT_CONFLICTS } from './util/nearDuplicates';

const MAX_RELATED = 5;

const KIND_NAMES: Record<string, string> = {
  duration: 'time', money: 'amount', percent: 'percentage', date: 'date', email: 'email address', phone: 'phone number', url: 'web address',
};

/** Sections about the same thing that state different facts: the bot would contradict itself. */
export const conflictingAnswer: KnowledgeBaseRule<ConflictOptions> = {
  id: 'conflicting-answer',
  description: 'Sections about the same thing that state different facts: times, amounts, percentages, dates, email addresses, phone numbers, URLs',
  rationale:
    'A bot answers from whichever section matches best, so one customer hears "14 days" and the next "30 days", and both hold the shop to it. Decide which value is right, correct the other section, and keep the fact in one place.',
  defaultSeverity: 'error',
  defaultOptions: DEFAULT_CONFLICTS,
  optionsSchema: {
    minSimilarity: {
      type: 'number',
      minimum: 0,
      maximum: 1,
      description: 'How alike (0–1) two statements must be, apart from their values, to be about the same thing.',
    },
    qualifiers: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      description: 'Words that name different cases ("express", "EU", "members"): statements about different ones never conflict. Capitalised names count too.',
    },
    kinds: {
      type: 'array',
      items: { enum: DEFAULT_CONFLICT_KINDS },
      uniqueItems: true,
      description: 'Which kinds of fact to compare.',
    },
  },
  scope: 'knowledge-base',
  check({ kb, options, report }) {
    const corpus = corpusOf(kb);
    // Each stated fact collects every statement it conflicts with.
    const bySide = new Map<string, { self: FactLocation; others: Array<{ other: FactLocation; similarity: number }> }>();
    const add = (self: FactLocation, other: FactLocation, similarity: number) => {
      const key = `${self.statement.section}:${self.line}:${self.column}:${self.fact.text}`;
      let entry = bySide.get(key);
      if (!entry) bySide.set(key, (entry = { self, others: [] }));
      entry.others.push({ other, similarity });
    };
    for (const conflict of findConflicts(kb, options)) {
      add(conflict.a, conflict.b, conflict.similarity);
      add(conflict.b, conflict.a, conflict.similarity);
    }
    for (const { self, others } of bySide.values()) {
      others.sort((p, q) => q.similarity - p.similarity);
      const section = corpus.sections[self.statement.section];
      const first = others[0];
      const firstSection = corpus.sections[first.other.statement.section];
      const more = others.length > 1 ? ` (and ${others.length - 1} more place${others.length > 2 ? 's' : ''})` : '';
      const related: RelatedLocation[] = others.slice(0, MAX_RELATED).map(({ other }) => {
        const s = corpus.sections[other.statement.section];
        return { file: s.file, line: other.line, message: `"${s.heading}" says "${other.fact.text}"` };
      });
      report({
        message: `says "${self.fact.text}" but "${firstSection.heading}" in ${firstSection.file}:${first.other.line} says "${first.other.fact.text}"${more}: a bot would give customers different ${KIND_NAMES[self.fact.kind] ?? 'value'}s (in "${section.heading}")`,
        file: section.file,
        line: self.line,
        column: self.column,
        endLine: self.line,
        endColumn: self.endColumn,
        related,
        data: { value: self.fact.text, otherValue: first.other.fact.text, kind: self.fact.kind, similarity: Math.round(first.similarity * 100) / 100 },
      });
    }
  },
};
