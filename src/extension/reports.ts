// The reports the editor opens or exports, from the in-memory audit. They use the core's
// formatters where the core has them (JSON), so the editor's files match the CLI's.
import * as vscode from 'vscode';
import { formatJson, toAuditReport } from '../core/format/json';
import type { Finding } from '../core/model';
import { findRule, ruleDocsUrl } from '../core/rules';
import type { KbEntry } from './auditController';

function rootLabel(entry: KbEntry): string {
  return entry.target ? vscode.workspace.asRelativePath(entry.target.docsRoot, false) || '.' : '.';
}

export function jsonReport(entry: KbEntry, version: string): string {
  const session = entry.session!;
  return formatJson(toAuditReport(rootLabel(entry), version, session.stats, session.findings)) + '\n';
}

/** Markdown cell text: pipes and line breaks would break the table. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ').replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'));
}

export function markdownReport(entry: KbEntry): string {
  const session = entry.session!;
  const findings = session.findings;
  const lines = [`# KB Audit report: ${cell(rootLabel(entry))}`, ''];
  const bySeverity = (s: Finding['severity']) => findings.filter((f) => f.severity === s).length;
  lines.push(
    `${session.stats.files} articles, ${session.stats.sections} sections, ${session.stats.skipped} skipped. ` +
      `${findings.length} findings: ${bySeverity('error')} errors, ${bySeverity('warning')} warnings, ${bySeverity('info')} info.`,
    '',
  );
  const preview = entry.preview?.preview;
  if (preview) {
    const s = preview.summary;
    lines.push('## Sample questions', '', `${s.questions} questions: ${s.answered} answered, ${s.clarify} clarify, ${s.escalated} escalated (threshold ${s.threshold}).`);
    if (s.labelled) lines.push('', `Labelled ${s.labelled}: accuracy ${s.accuracy}, balanced accuracy ${s.balancedAccuracy}.`);
    const escalated = preview.results.filter((r) => r.decision === 'escalate');
    if (escalated.length) {
      lines.push('', '| Escalated question | Confidence | Why |', '|---|---|---|');
      for (const r of escalated) lines.push(`| ${cell(r.question)} | ${r.confidence.toFixed(2)} | ${cell(r.reason)} |`);
    }
    lines.push('');
  }
  const rules = [...new Set(findings.map((f) => f.ruleId))].sort();
  lines.push('## Findings', '');
  if (rules.length === 0) lines.push('No findings.', '');
  for (const ruleId of rules) {
    const ofRule = findings.filter((f) => f.ruleId === ruleId);
    lines.push(`### [${ruleId}](${ruleDocsUrl(ruleId)}) (${ofRule.length})`, '');
    const description = findRule(ruleId)?.description;
    if (description) lines.push(cell(description), '');
    lines.push('| Where | Severity | Message |', '|---|---|---|');
    for (const f of ofRule) lines.push(`| ${cell(`${f.file}:${f.line}`)} | ${f.severity} | ${cell(f.message)} |`);
    lines.push('');
  }
  return lines.join('\n');
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** SARIF 2.1.0, with artifact locations relative to the docs folder (uriBaseId DOCS). */
export function sarifReport(entry: KbEntry, version: string): string {
  const session = entry.session!;
  const ruleIds = [...new Set(session.findings.map((f) => f.ruleId))].sort();
  const region = (f: { line: number; column?: number; endLine?: number; endColumn?: number }) => {
    const r: Record<string, number> = { startLine: f.line };
    if (f.column) r.startColumn = f.column;
    if (f.endLine) r.endLine = f.endLine;
    if (f.endColumn) r.endColumn = f.endColumn;
    return r;
  };
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kb-audit',
            version,
            informationUri: 'https://github.com/kb-audit/kb-audit',
            rules: ruleIds.map((id) => ({
              id,
              shortDescription: { text: findRule(id)?.description ?? id },
              helpUri: ruleDocsUrl(id),
              defaultConfiguration: { level: SARIF_LEVEL[findRule(id)?.defaultSeverity ?? 'warning'] },
            })),
          },
        },
        originalUriBaseIds: { DOCS: { uri: entry.target!.docsRoot.toString().replace(/\/?$/, '/') } },
        results: session.findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: ruleIds.indexOf(f.ruleId),
          level: SARIF_LEVEL[f.severity],
          message: { text: f.message },
          locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(f.file), uriBaseId: 'DOCS' }, region: region(f) } }],
          ...(f.related?.length
            ? {
                relatedLocations: f.related.map((r, i) => ({
                  id: i,
                  message: { text: r.message },
                  physicalLocation: { artifactLocation: { uri: encodeURI(r.file), uriBaseId: 'DOCS' }, region: region(r) },
                })),
              }
            : {}),
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
