// The audit engine around the rules: a real FAQ knowledge base with planted copies, a clean one,
// suppression comments and the fix that inserts them, and order independent of the file system.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runAudit } from '../../../src/core/audit';
import { DEFAULT_CONFIG } from '../../../src/core/config/config';
import { toPosix } from '../../../src/core/fileSystem';
import type { FileSystem } from '../../../src/core/fileSystem';
import { parseMarkdown } from '../../../src/core/parse/markdown';
import { nodeFileSystem } from '../../../src/core/nodeFileSystem';
import { suppressionFix } from '../../../src/core/suppressions';
import { memoryFileSystem } from '../../helpers/memoryFileSystem';

const fixtures = toPosix(join(__dirname, '..', '..', 'fixtures', 'rules'));
const NOW = new Date('2026-11-23T12:00:00Z');

describe('audit of an FAQ knowledge base with planted copies', () => {
  it('finds the verbatim, the reworded and the conflicting copy, each with both sides linked', async () => {
    const { findings } = await runAudit(nodeFileSystem, `${fixtures}/faq-copies`, DEFAULT_CONFIG, { now: NOW });
    const pair = (rule: string, a: string, b: string) =>
      findings.some((f) => f.ruleId === rule && f.file === a && f.related?.some((r) => r.file === b)) &&
      findings.some((f) => f.ruleId === rule && f.file === b && f.related?.some((r) => r.file === a));
    const verbatim = findings.find((f) => f.ruleId === 'near-duplicate' && f.file === 'account.md');
    assert.equal(verbatim?.data?.similarity, 1, 'the contact answer is copied word for word');
    assert.ok(pair('near-duplicate', 'account.md', 'faq.md'), 'verbatim copy');
    const reworded = findings.find((f) => f.ruleId === 'near-duplicate' && f.file === 'orders.md');
    assert.ok(reworded && Number(reworded.data?.similarity) < 1 && pair('near-duplicate', 'orders.md', 'faq.md'), 'reworded copy');
    assert.match(reworded.message, /this copy was reviewed more recently \(2026-09-14; the other 2026-05-11\)/);
    assert.ok(pair('conflicting-answer', 'returns.md', 'faq.md'), 'conflicting copy');
    const conflict = findings.find((f) => f.ruleId === 'conflicting-answer' && f.file === 'faq.md')!;
    assert.match(conflict.message, /"within 60 days".*"within 30 days"/);
    assert.equal(conflict.severity, 'error');
    // The conflicting copy is one problem, reported as the conflict, not also as a duplicate.
    assert.ok(!findings.some((f) => f.ruleId === 'near-duplicate' && f.file === 'returns.md'));
  });

  it('reports nothing on a clean knowledge base', async () => {
    const { findings } = await runAudit(nodeFileSystem, `${fixtures}/clean`, DEFAULT_CONFIG, { now: NOW });
    assert.deepEqual(findings.map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.message}`), []);
  });
});

describe('suppression comments', () => {
  const article = (body: string) => `---\ntitle: T\nowner: o@x.example\nlast_reviewed: 2026-10-01\n---\n\n# T\n\nIntro text for the article about returns and refunds.\n\n${body}`;

  it('disable-next-line, disable … enable, and all rules or named ones', async () => {
    const fs = memoryFileSystem({
      '/kb/a.md': article('## One\n\nTODO first\n\n<!-- kb-audit-disable-next-line placeholder -->\nTODO second\n\n<!-- kb-audit-disable -->\nTODO third\n<!-- kb-audit-enable -->\n\nTODO fourth\n\n<!-- kb-audit-disable-next-line thin-answer -->\nTODO fifth\n'),
    });
    const { findings } = await runAudit(fs, '/kb', DEFAULT_CONFIG, { now: NOW });
    assert.deepEqual(findings.filter((f) => f.ruleId === 'placeholder').map((f) => f.line), [13, 22, 25]);
  });

  it('computes a fix that inserts the comment above the line, and the fix silences the finding', async () => {
    const text = article('## Can I return a gift?\n\n- Yes. TBD: the gift receipt rules.\n');
    const fs = memoryFileSystem({ '/kb/a.md': text });
    const before = (await runAudit(fs, '/kb', DEFAULT_CONFIG, { now: NOW })).findings.find((f) => f.ruleId === 'placeholder')!;
    const parsed = parseMarkdown('a.md', text);
    const fix = suppressionFix(parsed, before)!;
    const edit = fix.edits[0];
    assert.equal(edit.expected, parsed.lines.at(before.line - 1));
    assert.equal(edit.newText, `  <!-- kb-audit-disable-next-line placeholder -->\n${edit.expected}`);
    const lines = text.split('\n');
    lines[edit.range.line - 1] = edit.newText;
    const fixed: FileSystem = memoryFileSystem({ '/kb/a.md': lines.join('\n') });
    const after = await runAudit(fixed, '/kb', DEFAULT_CONFIG, { now: NOW });
    assert.ok(!after.findings.some((f) => f.ruleId === 'placeholder'));
    // No comment can go inside front matter.
    assert.equal(suppressionFix(parsed, { ...before, line: 2 }), undefined);
  });
});

describe('determinism', () => {
  it('orders findings by path, line, column and rule whatever the file system returns', async () => {
    const files: Record<string, string> = {};
    for (const name of ['b.md', 'a.md', 'c/z.md', 'c/a.md']) files[`/kb/${name}`] = `# ${name}\n\nTODO\n\n## Empty\n`;
    const forward = memoryFileSystem(files);
    const reversed = memoryFileSystem(Object.fromEntries(Object.entries(files).reverse()));
    const a = (await runAudit(forward, '/kb', DEFAULT_CONFIG, { now: NOW })).findings;
    const b = (await runAudit(reversed, '/kb', DEFAULT_CONFIG, { now: NOW })).findings;
    assert.deepEqual(a, b);
    assert.deepEqual([...new Set(a.map((f) => f.file))], ['a.md', 'b.md', 'c/a.md', 'c/z.md']);
  });
});
