import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runAudit } from '../../src/core/audit';
import { DEFAULT_CONFIG } from '../../src/core/config/config';
import { loadKnowledgeBase } from '../../src/core/knowledgeBase';
import type { Finding } from '../../src/core/model';
import { memoryFileSystem } from '../helpers/memoryFileSystem';

describe('loadKnowledgeBase', () => {
  it('skips a binary file named .md with one reason and parses the rest', async () => {
    const fs = memoryFileSystem({
      '/kb/image.md': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]),
      '/kb/real.md': '# Real\n\ntext\n',
    });
    const kb = await loadKnowledgeBase(fs, '/kb', DEFAULT_CONFIG);
    assert.deepEqual(kb.articles.map((a) => a.file), ['real.md']);
    assert.deepEqual(kb.skipped.map((s) => [s.file, s.reason]), [['image.md', 'binary']]);
  });

  it('lists sections of all articles in file order', async () => {
    const fs = memoryFileSystem({ '/kb/b.md': '# B1\n\nx\n\n# B2\n\ny\n', '/kb/a.md': '# A\n\nz\n' });
    const kb = await loadKnowledgeBase(fs, '/kb', DEFAULT_CONFIG);
    assert.deepEqual(kb.sections.map((s) => s.id), ['a.md#a', 'b.md#b1', 'b.md#b2']);
    assert.equal(kb.byFile.get('b.md')?.title, 'B1');
  });
});

describe('runAudit', () => {
  it('reports skipped files, bad front matter and empty sections with stats', async () => {
    const fs = memoryFileSystem({
      '/kb/bin.md': new Uint8Array([0, 1, 2]),
      '/kb/big.md': '# Big\n\n' + 'word '.repeat(50),
      '/kb/doc.md': '---\ntitle: [x\n---\n# Doc\n\n## Empty\n\n## Full\n\ntext\n',
    });
    const result = await runAudit(fs, '/kb', { ...DEFAULT_CONFIG, maxFileSize: 100 });
    // Content rules (thin answers, missing front matter) report on this KB too; these are the ones under test.
    const underTest = new Set(['file-skipped', 'front-matter-invalid', 'empty-section']);
    assert.deepEqual(
      result.findings.filter((f) => underTest.has(f.ruleId)).map((f) => [f.file, f.line, f.ruleId, f.severity]),
      [
        ['big.md', 1, 'file-skipped', 'warning'],
        ['bin.md', 1, 'file-skipped', 'info'],
        ['doc.md', 2, 'front-matter-invalid', 'error'],
        ['doc.md', 6, 'empty-section', 'warning'],
      ],
    );
    assert.deepEqual({ ...result.stats, durationMs: 0 }, { files: 1, sections: 3, skipped: 2, durationMs: 0 });
  });

  it('honours rule settings: off, severity and suppression comments', async () => {
    const fs = memoryFileSystem({
      '/kb/a.md': '# A\n\n## Empty one\n\n<!-- kb-audit-disable-next-line empty-section -->\n## Empty two\n\n## Empty three\n',
    });
    const emptySections = (findings: Finding[]) => findings.filter((f) => f.ruleId === 'empty-section');
    const base = await runAudit(fs, '/kb', DEFAULT_CONFIG);
    assert.deepEqual(emptySections(base.findings).map((f) => f.line), [3, 8]);
    const info = await runAudit(fs, '/kb', { ...DEFAULT_CONFIG, rules: { 'empty-section': { severity: 'info' } } });
    assert.deepEqual(emptySections(info.findings).map((f) => f.severity), ['info', 'info']);
    const off = await runAudit(fs, '/kb', { ...DEFAULT_CONFIG, rules: { 'empty-section': { severity: 'off' } } });
    assert.deepEqual(emptySections(off.findings), []);
  });
});
