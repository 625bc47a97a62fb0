import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AuditResult } from '../../../src/core/audit';
import { RULES, ruleDocsUrl } from '../../../src/core/rules';
import { CommandId } from '../../../src/extension/commandIds';
import { cliAudit, type CliFinding } from './helpers/cli';
import { diagnosticsOf, kbAuditDiagnostics, ruleId, SOURCE, waitForDiagnostics } from './helpers/diagnostics';
import { auditedApi } from './helpers/extension';
import { readPlantedProblems } from './helpers/plantedProblems';
import { readText, relativePath, workspaceFolder } from './helpers/workspace';

const SEVERITY: Record<CliFinding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

describe('Run Audit and the Problems panel', () => {
  before(async () => {
    await auditedApi();
  });

  it('Run Audit audits the sample knowledge base and returns the result', async () => {
    const result = await vscode.commands.executeCommand<AuditResult>(CommandId.RunAudit);
    assert.ok(result, 'the command returned nothing');
    const articles = await vscode.workspace.findFiles('**/*.md', '**/README.md');
    assert.equal(result.stats.files, articles.length);
    assert.ok(result.stats.sections > result.stats.files, 'every article has several sections');
    assert.ok(result.findings.length > 0, 'the sample knowledge base has planted problems');
  });

  it('a full audit reports where it is: every file read, the sample questions routed, each rule run', async () => {
    const { api } = await auditedApi();
    const seen: { stage: string; done: number; total: number; item?: string }[] = [];
    const subscription = api.inspect.onDidAuditProgress(({ progress }) => seen.push({ ...progress }));
    let result: AuditResult | undefined;
    try {
      result = await api.runAudit({ explicit: true });
    } finally {
      subscription.dispose();
    }
    assert.ok(result);
    const read = seen.filter((p) => p.stage === 'read');
    // From 0 to every listed file, never backwards (the worker reads a folder on disk a batch at a time).
    assert.equal(read[0]?.done, 0);
    assert.ok(read.at(-1)!.done === read.at(-1)!.total && read.at(-1)!.total >= result.stats.files, 'every listed file read');
    assert.ok(read.every((p, i) => i === 0 || p.done >= read[i - 1].done));
    const questions = seen.filter((p) => p.stage === 'questions');
    assert.ok(questions.length > 0, 'the sample questions routed (in the worker)');
    assert.deepEqual(questions.map((p) => p.done), questions.map((_, i) => i));
    const rules = seen.filter((p) => p.stage === 'rules');
    assert.deepEqual(rules.map((p) => p.done), rules.map((_, i) => i), 'each rule reported once, in order');
    assert.ok(rules.some((p) => p.item === 'conflicting-answer'), rules.map((p) => p.item).join());
    // Files first, then the questions the coverage rules need, then the rules.
    assert.deepEqual([...new Set(seen.map((p) => p.stage))], ['read', 'questions', 'rules']);
  });

  it('publishes diagnostics that carry the kb-audit source and a code linked to the rule', async () => {
    const byFile = await waitForDiagnostics('any kb-audit diagnostic', (all) => (all.size ? all : undefined));
    const ruleIds = new Set(RULES.map((rule) => rule.id));
    for (const [file, diagnostics] of byFile) {
      for (const diagnostic of diagnostics) {
        assert.equal(diagnostic.source, SOURCE);
        const code = diagnostic.code as { value: string; target: vscode.Uri };
        assert.equal(typeof code, 'object', `${file}: the code should be { value, target }`);
        assert.ok(ruleIds.has(code.value), `${file}: unknown rule ${code.value}`);
        assert.equal(code.target.toString(true), vscode.Uri.parse(ruleDocsUrl(code.value)).toString(true));
      }
    }
  });

  it('shows exactly what the CLI reports: files, rules, ranges, severities, messages, related', async () => {
    const report = await cliAudit(workspaceFolder().uri.fsPath);
    const expected = report.findings.map((f) => ({
      file: f.file,
      rule: f.ruleId,
      range: [f.line - 1, f.column - 1, f.endLine - 1, f.endColumn - 1].join(':'),
      severity: SEVERITY[f.severity],
      message: f.message,
      related: (f.related ?? []).map((r) => `${r.file}:${r.line - 1}:${r.message}`),
    }));
    const actual = [...kbAuditDiagnostics()].flatMap(([file, diagnostics]) =>
      diagnostics.map((d) => ({
        file,
        rule: ruleId(d),
        range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character].join(':'),
        severity: d.severity,
        message: d.message,
        related: (d.relatedInformation ?? []).map((r) => `${relativePath(r.location.uri)}:${r.location.range.start.line}:${r.message}`),
      })),
    );
    const order = (a: { file: string; range: string; rule?: string }, b: typeof a) =>
      `${a.file} ${a.range} ${a.rule}`.localeCompare(`${b.file} ${b.range} ${b.rule}`);
    assert.ok(expected.length > 0, 'the CLI found nothing in the sample knowledge base');
    assert.deepEqual(actual.sort(order), expected.sort(order));
  });

  it('reports the planted empty section as a warning on its heading', async () => {
    const file = 'account/update-your-details.md';
    const heading = '## How do I change my phone number?';
    const lines = (await readText(file)).split('\n');
    const line = lines.findIndex((text) => text.trimEnd() === heading);
    assert.ok(line >= 0);
    const [diagnostic, ...others] = diagnosticsOf(file, 'empty-section');
    assert.ok(diagnostic, `no empty-section diagnostic in ${file}`);
    assert.equal(others.length, 0);
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    assert.deepEqual(
      [diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.range.end.line, diagnostic.range.end.character],
      [line, 0, line, heading.length],
    );
    assert.match(diagnostic.message, /How do I change my phone number\?/);
  });

  describe('planted problems of the sample knowledge base (README), once their rule exists', () => {
    const registered = new Set(RULES.map((rule) => rule.id));
    for (const problem of readPlantedProblems(workspaceFolder().uri.fsPath)) {
      it(`#${problem.number} ${problem.rule} in ${problem.file}`, function () {
        if (!registered.has(problem.rule)) this.skip();
        const all = kbAuditDiagnostics();
        // A rule may report at the offending line or at its section's heading, and a two-sided
        // problem on either side (at any line of the other side when the README names none).
        const at = (file: string, lines: (number | null)[]) =>
          diagnosticsOf(file, problem.rule, all).filter((d) => lines.length === 0 || lines.some((line) => line === d.range.start.line + 1));
        const here = at(problem.file, [problem.line, problem.section]).map((d) => ({ d, other: problem.related?.file }));
        const there = problem.related
          ? at(problem.related.file, problem.related.line === 1 ? [] : [problem.related.line, problem.related.section]).map((d) => ({ d, other: problem.file }))
          : [];
        const found = [...here, ...there];
        assert.ok(found.length > 0, `no ${problem.rule} diagnostic at ${problem.file}:${problem.line} (${problem.what})`);
        if (problem.related) {
          assert.ok(
            found.some(({ d, other }) => (d.relatedInformation ?? []).some((r) => relativePath(r.location.uri) === other)),
            `the ${problem.rule} diagnostic should point at the other side in its related information`,
          );
        }
      });
    }
  });
});
