// Fingerprints and baselines: a finding keeps its fingerprint through edits elsewhere in the
// file, moved sections and renamed headings; two identical problems in one file get two; the
// baseline file is sorted, one finding a line, and read back as written.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { auditKnowledgeBase } from '../../src/core/audit';
import { baselinedFindings, createBaseline, fingerprintFindings, formatBaseline, matchFindings, parseBaseline, type FingerprintedFinding } from '../../src/core/baseline';
import { DEFAULT_CONFIG } from '../../src/core/config/config';
import { buildKnowledgeBase } from '../../src/core/knowledgeBase';
import { parseMarkdown } from '../../src/core/parse/markdown';

const NOW = new Date('2026-06-01T12:00:00Z');
const FRONT = (title: string) => `---\ntitle: ${title}\nowner: support\nreviewed: 2026-05-01\n---\n`;

/** Audits articles given as text and fingerprints the findings. */
async function fingerprinted(files: Record<string, string>): Promise<FingerprintedFinding[]> {
  const articles = Object.entries(files).map(([file, text]) => parseMarkdown(file, text));
  const kb = buildKnowledgeBase('/kb', articles, []);
  const findings = await auditKnowledgeBase(kb, DEFAULT_CONFIG, { now: NOW });
  return fingerprintFindings(findings, (file) => kb.byFile.get(file));
}

const RETURNS_INTRO = 'Everything about sending a lamp, a rug or a chair back to the workshop.';
const HOW_LONG = '## How long do I have to send a lamp back?\n\nYou can send a lamp back within 30 days of delivery for a full refund to the original card.';
const PACKING = '## How should I pack a returned rug?\n\nRoll the rug tightly, wrap it in the plastic sleeve it came in and tape the ends. TODO: add photos of a rolled rug.';
const LABEL = '## Where do I get a returns label?\n\nDownload the returns label from the order page, print it and stick it on the parcel before the courier comes.';

function returnsArticle(sections: string[], intro = RETURNS_INTRO): string {
  return `${FRONT('Returning an item')}\n# Returning an item\n\n${intro}\n\n${sections.join('\n\n')}\n`;
}

const LAMP_POLICY =
  `${FRONT('Lamp care and returns')}\n# Lamp care and returns\n\nHow to look after a workshop lamp.\n\n` +
  '## How long do I have to send a lamp back?\n\nYou can send a lamp back within 14 days of delivery for a full refund to the original card.\n';

const BASE = { 'returns.md': returnsArticle([HOW_LONG, PACKING, LABEL]), 'lamps.md': LAMP_POLICY };

function byRule(items: FingerprintedFinding[], ruleId: string, file?: string): FingerprintedFinding[] {
  return items.filter((i) => i.finding.ruleId === ruleId && (file === undefined || i.finding.file === file));
}

describe('fingerprints', () => {
  it('the fixture has the problems the cases move around: a conflict and a placeholder', async () => {
    const base = await fingerprinted(BASE);
    assert.equal(byRule(base, 'conflicting-answer', 'returns.md').length, 1, JSON.stringify(base.map((b) => b.finding)));
    assert.equal(byRule(base, 'placeholder', 'returns.md').length, 1);
  });

  const edits: Array<[string, Record<string, string>]> = [
    ['an edit above shifts every line', { ...BASE, 'returns.md': returnsArticle([HOW_LONG, PACKING, LABEL], `${RETURNS_INTRO}\n\nA second paragraph.\n\nAnd a third one, much longer than the first.`) }],
    ['sections reordered', { ...BASE, 'returns.md': returnsArticle([PACKING, LABEL, HOW_LONG]) }],
    [
      'headings renamed over the same text',
      {
        ...BASE,
        'returns.md': returnsArticle([
          HOW_LONG.replace('How long do I have to send a lamp back?', 'Return window for lamps'),
          PACKING.replace('How should I pack a returned rug?', 'Packing a rug for return'),
          LABEL,
        ]),
      },
    ],
  ];
  for (const [name, files] of edits) {
    it(`survive ${name}`, async () => {
      const before = await fingerprinted(BASE);
      const after = await fingerprinted(files);
      // Lines moved: the test is only worth something if they did.
      const moved = byRule(after, 'placeholder')[0].finding.line !== byRule(before, 'placeholder')[0].finding.line;
      const renamed = name.startsWith('headings');
      assert.ok(moved || renamed, 'the edit moves the finding or renames its heading');
      for (const ruleId of ['placeholder', 'conflicting-answer']) {
        assert.deepEqual(
          byRule(after, ruleId, 'returns.md').map((i) => i.fingerprint),
          byRule(before, ruleId, 'returns.md').map((i) => i.fingerprint),
          ruleId,
        );
      }
      const match = matchFindings(byRule(after, 'placeholder').concat(byRule(after, 'conflicting-answer')), byRule(before, 'placeholder').concat(byRule(before, 'conflicting-answer')));
      assert.equal(match.added.length, 0);
      assert.equal(match.absent.length, 0);
      assert.equal(match.updated.length, 0);
    });
  }

  it('change when the value a finding names changes', async () => {
    const before = await fingerprinted(BASE);
    const after = await fingerprinted({ ...BASE, 'lamps.md': LAMP_POLICY.replace('within 14 days', 'within 21 days') });
    const [was] = byRule(before, 'conflicting-answer', 'returns.md');
    const [now] = byRule(after, 'conflicting-answer', 'returns.md');
    assert.ok(was && now);
    assert.notEqual(now.fingerprint, was.fingerprint);
    const match = matchFindings([now], [was]);
    assert.deepEqual([match.added.length, match.absent.length], [1, 1]);
  });

  it('an edit inside the section keeps the finding as updated, not new', async () => {
    const before = byRule(await fingerprinted(BASE), 'placeholder');
    const after = byRule(await fingerprinted({ ...BASE, 'returns.md': returnsArticle([HOW_LONG, PACKING.replace('Roll the rug tightly', 'Roll the rug very tightly'), LABEL]) }), 'placeholder');
    assert.equal(after.length, 1);
    assert.notEqual(after[0].fingerprint, before[0].fingerprint);
    const match = matchFindings(after, before);
    assert.deepEqual([match.added.length, match.updated.length, match.absent.length], [0, 1, 0]);
    assert.equal(match.states.get(after[0].finding), 'updated');
  });

  it('are distinct for two identical problems in one file, and a removed one is the one missing', async () => {
    const twice = { ...BASE, 'returns.md': returnsArticle([HOW_LONG, PACKING, LABEL, PACKING.replace('How should I pack a returned rug?', 'How should I pack a returned mat?')]) };
    const two = byRule(await fingerprinted(twice), 'placeholder');
    assert.equal(two.length, 2);
    assert.notEqual(two[0].fingerprint, two[1].fingerprint);
    const one = byRule(await fingerprinted(BASE), 'placeholder');
    const match = matchFindings(one, two);
    assert.deepEqual([match.added.length, match.unchanged.length, match.absent.length], [0, 1, 1]);
    // And the other way round: the second copy is new.
    const back = matchFindings(two, one);
    assert.deepEqual([back.added.length, back.unchanged.length, back.absent.length], [1, 1, 0]);
  });

  it('do not depend on line numbers alone: the same problem in another section is another finding', async () => {
    const before = byRule(await fingerprinted(BASE), 'placeholder');
    const moved = returnsArticle([HOW_LONG, PACKING.replace(' TODO: add photos of a rolled rug.', ''), LABEL.replace('before the courier comes.', 'before the courier comes. TODO: add photos of a rolled rug.')]);
    const after = byRule(await fingerprinted({ ...BASE, 'returns.md': moved }), 'placeholder');
    assert.equal(after.length, 1);
    const match = matchFindings(after, before);
    assert.deepEqual([match.added.length, match.absent.length], [1, 1]);
  });
});

describe('baseline file', () => {
  it('is sorted, one finding a line, and reads back as written', async () => {
    const items = await fingerprinted(BASE);
    const baseline = createBaseline([...items].reverse());
    const text = formatBaseline(baseline);
    assert.deepEqual(formatBaseline(createBaseline(items)), text, 'the order of the findings does not matter');
    const lines = text.split('\n').filter((l) => l.includes('"fingerprint"'));
    assert.equal(lines.length, items.length);
    const files = baseline.findings.map((f) => `${f.file} ${f.ruleId}`);
    assert.deepEqual(files, [...files].sort());
    assert.deepEqual(parseBaseline(text), baseline);
    assert.doesNotMatch(text, /"line"/);
    const match = matchFindings(items, parseBaseline(text).findings);
    assert.equal(match.unchanged.length, items.length);
  });

  it('an empty baseline is valid JSON', () => {
    const text = formatBaseline(createBaseline([]));
    assert.deepEqual(parseBaseline(text).findings, []);
  });

  it('rejects what is not a baseline, saying why', () => {
    assert.throws(() => parseBaseline('{'), /not JSON/);
    assert.throws(() => parseBaseline('{"findings": []}'), /not a kb-audit baseline/);
    assert.throws(() => parseBaseline('{"kbAuditBaseline": 1, "findings": [{"file": "a.md"}]}'), /finding 1 needs/);
    assert.throws(() => parseBaseline('{"kbAuditBaseline": 99, "findings": []}'), /newer kb-audit/);
  });
});

describe('baselined findings of one article (what the editor hints or hides)', () => {
  it('are those the whole baseline matches, exactly or in an edited section; a new problem is not baselined', async () => {
    const base = await fingerprinted(BASE);
    const baseline = createBaseline(base).findings;
    const edited = { ...BASE, 'returns.md': returnsArticle([HOW_LONG.replace('full refund', 'full refund or credit'), PACKING, LABEL, '## Can I return a gift?\n\nYes. TODO: write this.']) };
    const articles = Object.entries(edited).map(([file, text]) => parseMarkdown(file, text));
    const kb = buildKnowledgeBase('/kb', articles, []);
    const findings = (await auditKnowledgeBase(kb, DEFAULT_CONFIG, { now: NOW })).filter((f) => f.file === 'returns.md');
    const own = baseline.filter((e) => e.file === 'returns.md');
    const held = baselinedFindings(findings, (file) => kb.byFile.get(file), own);
    const whole = matchFindings(fingerprintFindings(findings, (file) => kb.byFile.get(file)), baseline);
    assert.deepEqual(
      findings.filter((f) => held.has(f)),
      [...whole.unchanged, ...whole.updated].map((m) => m.current.finding).sort((a, b) => findings.indexOf(a) - findings.indexOf(b)),
    );
    const placeholders = findings.filter((f) => f.ruleId === 'placeholder');
    assert.equal(placeholders.length, 2, JSON.stringify(findings));
    assert.deepEqual(placeholders.map((f) => held.has(f)), [true, false], 'the old placeholder is baselined, the new one is not');
    assert.ok(findings.some((f) => f.ruleId === 'conflicting-answer' && held.has(f)), 'the conflict in the edited section is still baselined (updated)');
    assert.equal(baselinedFindings(findings, (file) => kb.byFile.get(file), []).size, 0);
  });
});
