// The text, JUnit and Markdown reports of the sample KB's audit.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { runAudit, type AuditResult } from '../../../src/core/audit';
import { loadConfig } from '../../../src/core/config/config';
import { toPosix } from '../../../src/core/fileSystem';
import { formatJunit } from '../../../src/core/format/junit';
import { formatMarkdown } from '../../../src/core/format/markdown';
import { joinDisplayPath } from '../../../src/core/format/paths';
import { formatText } from '../../../src/core/format/text';
import { nodeFileSystem } from '../../../src/core/nodeFileSystem';

const root = toPosix(join(__dirname, '..', '..', 'fixtures', 'sample-kb'));

describe('reports', () => {
  let result: AuditResult;
  before(async () => {
    const config = await loadConfig(nodeFileSystem, `${root}/kb-audit.json`);
    result = await runAudit(nodeFileSystem, root, config, { now: new Date('2026-11-23T12:00:00Z') });
  });

  it('text: paths relative to the working folder, ../ resolved', () => {
    assert.equal(joinDisplayPath('kb/', '../questions.txt'), 'questions.txt');
    assert.equal(joinDisplayPath('', 'a/./b.md'), 'a/b.md');
    assert.equal(joinDisplayPath('', '../q.txt'), '../q.txt');
    const lines = formatText(result.findings, 'docs/').split('\n');
    assert.ok(lines.includes(lines.find((l) => l.startsWith('docs/returns/return-an-item.md:46:1 warning placeholder '))!));
  });

  it('junit: one suite per article, failures at or above --fail-on, clean articles pass', () => {
    const files = result.kb.articles.map((a) => a.file);
    const xml = formatJunit(result.findings, { files, failOn: 'error', pathPrefix: '' });
    assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="kb-audit" tests="\d+" failures="4"/);
    assert.equal((xml.match(/<failure /g) ?? []).length, 4, 'four conflicting-answer errors');
    assert.equal((xml.match(/<testsuite /g) ?? []).length, new Set([...files, ...result.findings.map((f) => f.file)]).size);
    assert.match(xml, /<testcase classname="account\/delete-your-account.md" name="no findings"/);
    assert.doesNotMatch(xml, /="[^"]*[<>]/, 'attribute values are escaped');
    const none = formatJunit(result.findings, { files, failOn: null });
    assert.equal((none.match(/<failure /g) ?? []).length, 0);
  });

  it('markdown: counts by rule, worst conflicts with both sides linked, coverage, every finding linked', () => {
    const md = formatMarkdown(result.findings, { root: 'sample-kb', stats: result.stats, questions: result.questions, linkPrefix: 'sample-kb/' });
    assert.match(md, /^# KB Audit report/);
    assert.match(md, /\| \[conflicting-answer\]\([^)]+conflicting-answer\.md\) \| 4 \| 4 \| 0 \| 0 \|/);
    assert.match(md, /## Conflicting answers[\s\S]*\| within 10 business days \| \[payments\/refunds-to-card\.md:13\]\(sample-kb\/payments\/refunds-to-card\.md#L13\) \| within 5 business days \| \[returns\/refunds\.md:13\]\(sample-kb\/returns\/refunds\.md#L13\) \|/);
    assert.match(md, /## Near-duplicates[\s\S]*\| 9\d% \(whole article\) \| \[delivery\/delivery-times\.md:7\]/);
    assert.match(md, /## Coverage of the sample questions\n\n43 questions from `sample-questions\.txt`/);
    assert.match(md, /- \[returns\/return-an-item\.md:46\]\(sample-kb\/returns\/return-an-item\.md#L46\) \*\*warning\*\*: placeholder/);
  });
});
