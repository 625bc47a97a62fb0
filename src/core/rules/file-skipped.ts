import type { KnowledgeBaseRule } from './types';

/** Files the scan could not index, so the bot would never answer from them. */
export const fileSkipped: KnowledgeBaseRule = {
  id: 'file-skipped',
  description: 'Articles left out of the index (too large, binary, unreadable, or linked from outside the docs folder)',
  defaultSeverity: 'warning',
  rationale:
    'The bot never sees a file the index leaves out, so questions it would answer escalate or land on a worse article. Make the file readable Markdown, split it, or raise maxFileSize.',
  defaultOptions: {},
  optionsSchema: {},
  scope: 'knowledge-base',
  check({ kb, report }) {
    for (const skipped of kb.skipped) {
      report({
        // A binary file is not an article someone wrote: say so once, quietly.
        severity: skipped.reason === 'binary' ? 'info' : undefined,
        message: `skipped (${skipped.reason}): ${skipped.detail}`,
        file: skipped.file,
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
      });
    }
  },
};
