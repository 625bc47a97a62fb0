import { version } from '../../../package.json';
import { runAudit } from '../../core/audit';
import { formatJson, toAuditReport } from '../../core/format/json';
import { formatText } from '../../core/format/text';
import { SEVERITY_RANK } from '../../core/model';
import { choose, COMMON_OPTIONS, emit, resolveDocs, UsageError, workingPrefix, type CliCommand } from '../context';

const FORMATS = ['text', 'json'] as const;
const FAIL_ON = ['error', 'warning', 'info', 'never'] as const;

export const auditCommand: CliCommand = {
  name: 'audit',
  summary: 'kb-audit audit   [DOCS] [--config F] [--questions F] [--format text|json] [--output F] [--fail-on error|warning|info|never]',
  help: `Usage: kb-audit audit [DOCS] [options]

Audits the articles under DOCS (default: kb-audit.json's "docs", else the current folder).

Options:
  --config F      kb-audit.json to use (default: DOCS/kb-audit.json, then ./kb-audit.json)
  --questions F   sample questions (.txt, .csv, .jsonl) for coverage checks
  --format X      ${FORMATS.join(', ')} (default text)
  --output F      write the report to F instead of standard output
  --fail-on X     exit 1 when a finding is at or above X: error (default), warning, info, never
`,
  options: { ...COMMON_OPTIONS, questions: { type: 'string' }, 'fail-on': { type: 'string' } },
  async run(params, positionals, values) {
    if (positionals.length > 1) throw new UsageError(`audit takes one DOCS folder (got ${positionals.length})`);
    const format = choose(values.format, FORMATS, 'text', 'format');
    const failOn = choose(values['fail-on'], FAIL_ON, 'error', 'fail-on');
    const ctx = await resolveDocs(params, positionals[0], values.config);
    const result = await runAudit(params.fs, ctx.docs, ctx.config);
    if (format === 'json') {
      await emit(params, formatJson(toAuditReport(ctx.docsArg, version, result.stats, result.findings)), values.output);
    } else {
      const s = result.stats;
      params.stderr(`${result.findings.length} findings in ${s.files} articles (${s.sections} sections, ${s.skipped} skipped) in ${s.durationMs} ms\n`);
      await emit(params, formatText(result.findings, workingPrefix(params, ctx.docs)), values.output);
    }
    if (failOn === 'never') return 0;
    const bar = SEVERITY_RANK[failOn];
    return result.findings.some((f) => SEVERITY_RANK[f.severity] >= bar) ? 1 : 0;
  },
};
