// JUnit XML for CI test reports: one test suite per article, one test case per finding (a
// failure when it is at or above --fail-on), and one passing case for an article with none.
import { SEVERITY_RANK, type Finding, type Severity } from '../model';
import { joinDisplayPath } from './paths';

export interface JunitOptions {
  /** Every audited file, so clean articles show as passing suites. */
  files: string[];
  /** Findings at or above this severity are failures; null: none are. */
  failOn: Severity | null;
  pathPrefix?: string;
  /** Seconds the audit took. */
  time?: number;
}

/** XML text: escaped, and without the control characters XML 1.0 forbids. */
function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export function formatJunit(findings: Finding[], options: JunitOptions): string {
  const prefix = options.pathPrefix ?? '';
  const byFile = new Map<string, Finding[]>();
  for (const file of options.files) byFile.set(file, []);
  for (const f of findings) {
    let list = byFile.get(f.file);
    if (!list) byFile.set(f.file, (list = []));
    list.push(f);
  }
  const isFailure = (f: Finding) => options.failOn !== null && SEVERITY_RANK[f.severity] >= SEVERITY_RANK[options.failOn];
  const files = [...byFile.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let tests = 0;
  let failures = 0;
  const suites: string[] = [];
  for (const file of files) {
    const list = byFile.get(file)!;
    const path = joinDisplayPath(prefix, file);
    const cases: string[] = [];
    let suiteFailures = 0;
    if (list.length === 0) cases.push(`    <testcase classname="${xml(path)}" name="no findings" file="${xml(path)}"/>`);
    for (const f of list) {
      const name = `${f.ruleId} at ${f.line}:${f.column}`;
      const detail = [
        `${path}:${f.line}:${f.column} ${f.severity} ${f.ruleId} ${f.message}`,
        ...(f.related ?? []).map((r) => `  related: ${joinDisplayPath(prefix, r.file)}:${r.line} ${r.message}`),
      ].join('\n');
      const open = `    <testcase classname="${xml(path)}" name="${xml(name)}" file="${xml(path)}" line="${f.line}">`;
      if (isFailure(f)) {
        suiteFailures++;
        cases.push(`${open}\n      <failure type="${xml(f.ruleId)}" message="${xml(`${f.severity}: ${f.message}`)}">${xml(detail)}</failure>\n    </testcase>`);
      } else {
        cases.push(`${open}\n      <system-out>${xml(detail)}</system-out>\n    </testcase>`);
      }
    }
    tests += cases.length;
    failures += suiteFailures;
    suites.push(
      `  <testsuite name="${xml(path)}" tests="${cases.length}" failures="${suiteFailures}" errors="0" skipped="0">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  const time = options.time !== undefined ? ` time="${options.time.toFixed(3)}"` : '';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="kb-audit" tests="${tests}" failures="${failures}" errors="0" skipped="0"${time}>`,
    ...suites,
    '</testsuites>',
  ].join('\n');
}
