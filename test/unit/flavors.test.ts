// Each generator's Markdown read into the one article model (test/fixtures/flavors/<flavor>/,
// folders written in the shape of real sites): the flavour is found from the site's
// configuration, links resolve the way the generator resolves them, and pages its navigation
// reaches are not orphans. Each folder also holds the real problems of its kind, which must
// still be found: a link to a page that does not exist, and a page nothing reaches.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runAudit } from '../../src/core/audit';
import { DEFAULT_CONFIG, type ResolvedConfig } from '../../src/core/config/config';
import { toPosix } from '../../src/core/fileSystem';
import { stringLiterals } from '../../src/core/flavor/helpers';
import { loadKnowledgeBase } from '../../src/core/knowledgeBase';
import { nodeFileSystem } from '../../src/core/nodeFileSystem';
import { memoryFileSystem } from '../helpers/memoryFileSystem';
import { sectionText } from '../../src/core/model';

const fixtures = join(__dirname, '..', 'fixtures', 'flavors');
const NOW = new Date('2026-11-23T12:00:00Z');

function docs(path: string): string {
  return toPosix(join(fixtures, path));
}

async function findings(path: string, ruleId: string, config: ResolvedConfig = DEFAULT_CONFIG) {
  const result = await runAudit(nodeFileSystem, docs(path), config, { now: NOW, questions: null });
  return result.findings.filter((f) => f.ruleId === ruleId).map((f) => [f.file, f.line]);
}

describe('flavours', () => {
  const cases: Array<{ folder: string; flavor: string; broken: Array<[string, number]>; orphans: Array<[string, number]> | null }> = [
    { folder: 'docusaurus/docs', flavor: 'docusaurus', broken: [['intro.mdx', 31]], orphans: [['extras/forgotten.md', 1], ['extras/restore-speed.md', 1]] },
    { folder: 'mkdocs/docs', flavor: 'mkdocs', broken: [['setup/install.md', 13]], orphans: [['setup/hidden.md', 1]] },
    { folder: 'hugo/content/en', flavor: 'hugo', broken: [['accounts/_index.md', 5]], orphans: [] },
    { folder: 'mdbook/src', flavor: 'mdbook', broken: [['platform/intro.md', 3]], orphans: [['platform/unlisted.md', 1]] },
    { folder: 'obsidian', flavor: 'obsidian', broken: [['Home.md', 10]], orphans: null },
    { folder: 'github', flavor: 'github', broken: [], orphans: [] },
  ];
  for (const c of cases) {
    it(`${c.flavor}: detected, links resolved as the generator does, only the real broken link and orphans reported`, async () => {
      const kb = await loadKnowledgeBase(nodeFileSystem, docs(c.folder), DEFAULT_CONFIG);
      assert.equal(kb.site.flavor, c.flavor);
      assert.deepEqual(await findings(c.folder, 'broken-link'), c.broken);
      if (c.orphans) assert.deepEqual(await findings(c.folder, 'orphan-article'), c.orphans);
    });
  }

  it('kb-audit.json "flavor" overrides detection', async () => {
    const kb = await loadKnowledgeBase(nodeFileSystem, docs('mkdocs/docs'), { ...DEFAULT_CONFIG, flavor: 'plain' });
    assert.equal(kb.site.flavor, 'plain');
    // Read as plain Markdown, the route link to the install page is a link to a missing file.
    assert.ok((await findings('mkdocs/docs', 'broken-link', { ...DEFAULT_CONFIG, flavor: 'plain' })).length > 1);
  });

  it('Docusaurus: MDX imports, components and a JSON-LD head are no text; the admonition is an aside; {#id} is the anchor', async () => {
    const kb = await loadKnowledgeBase(nodeFileSystem, docs('docusaurus/docs'), DEFAULT_CONFIG);
    const intro = kb.byFile.get('intro.mdx')!;
    const text = intro.sections.map(sectionText).join('\n');
    assert.doesNotMatch(text, /import|@theme|schema\.org|TabItem|FAQPage/);
    assert.match(text, /Open the app from the tray icon/);
    const tip = intro.sections.flatMap((s) => s.blocks).find((b) => /Sign in with the account/.test(b.text));
    assert.equal(tip?.aside, 'tip');
    const install = kb.byFile.get('guides/install.md')!;
    assert.deepEqual(install.sections.map((s) => s.slug), ['install-the-app', 'install-steps']);
    // A category page made of a component is not empty, and the site's URL reaches the KB.
    assert.equal(kb.byFile.get('guides/guides.md')!.sections[0].components, 1);
    assert.deepEqual(kb.site.siteUrls, ['https://help.terncloud.test/']);
  });

  it('MkDocs: admonition and tab contents are text, not indented code', async () => {
    const kb = await loadKnowledgeBase(nodeFileSystem, docs('mkdocs/docs'), DEFAULT_CONFIG);
    const setup = kb.byFile.get('setup/index.md')!;
    const blocks = setup.sections.flatMap((s) => s.blocks);
    assert.ok(blocks.every((b) => b.kind !== 'code'));
    assert.deepEqual(blocks.filter((b) => b.aside === 'note').map((b) => b.text), ['You need a Quillbox account before you install.', 'Family plans share one account.']);
    const install = kb.byFile.get('setup/install.md')!;
    assert.equal(install.sections[1].slug, 'get-it');
    assert.ok(install.sections[1].blocks.some((b) => b.kind === 'paragraph' && /Drag Quillbox/.test(b.text)));
  });

  it('the repository\'s own files are not articles; a folder README is', async () => {
    const kb = await loadKnowledgeBase(nodeFileSystem, docs('github'), DEFAULT_CONFIG);
    assert.deepEqual(kb.articles.map((a) => a.file), ['guides/README.md', 'guides/freeze-card.md']);
    // Named in include, a meta file is read after all.
    const named = await loadKnowledgeBase(nodeFileSystem, docs('github'), { ...DEFAULT_CONFIG, include: [...DEFAULT_CONFIG.include, 'CONTRIBUTING.md'] });
    assert.ok(named.byFile.has('CONTRIBUTING.md'));
    const book = await loadKnowledgeBase(nodeFileSystem, docs('mdbook/src'), DEFAULT_CONFIG);
    assert.ok(book.byFile.has('README.md') && !book.byFile.has('SUMMARY.md'));
  });

  it('mdBook: a malformed escape in SUMMARY.md is read as written, not a crash', async () => {
    const fs = memoryFileSystem({
      '/book/book.toml': '[book]\ntitle = "Notes"\n',
      '/book/src/SUMMARY.md': '# Summary\n\n- [Broken](bad%ZZ.md)\n- [Intro](intro.md)\n',
      '/book/src/intro.md': '# Intro\n\nWelcome to the notes. See [the other page](other.md).\n',
      '/book/src/other.md': '# Other\n\nMore notes.\n',
    });
    const kb = await loadKnowledgeBase(fs, '/book/src', DEFAULT_CONFIG);
    assert.equal(kb.site.flavor, 'mdbook');
    assert.ok(kb.site.navigation.files.has('bad%ZZ.md') && kb.site.navigation.files.has('intro.md'));
  });

  it('Docusaurus: a sidebar\'s strings are read as JavaScript reads them', () => {
    const code = [
      "module.exports = { docs: ['intro', \"billing/refunds\", `cards/limits`,",
      "  // 'retired/old-page', commented out of the sidebar",
      "  /* 'drafts/unlisted' */ 'it\\'s-escaped', 'tail'",
      "  'left open",
      "] };",
    ].join('\n');
    assert.deepEqual(stringLiterals(code), ['intro', 'billing/refunds', 'cards/limits', "it\\'s-escaped", 'tail']);
  });

  it('mdBook: SUMMARY.md is read as Markdown, as mdBook reads it', async () => {
    const fs = memoryFileSystem({
      '/book/book.toml': '[book]\ntitle = "Notes"\n',
      '/book/src/SUMMARY.md': [
        '# Summary',
        '',
        '- [Spaced](<getting started.md>)',
        '- [Encoded](card%20limits.md)',
        '- [With a heading](./fees.md#monthly "Fees")',
        '- [Draft]()',
        '- Shown as code: `[not a page](hidden.md)`',
        '',
      ].join('\n'),
    });
    const kb = await loadKnowledgeBase(fs, '/book/src', DEFAULT_CONFIG);
    assert.deepEqual([...kb.site.navigation.files].sort(), ['SUMMARY.md', 'card limits.md', 'fees.md', 'getting started.md']);
  });

  it('Obsidian: wikilinks, embeds and heading links resolve; the callout is an aside', async () => {
    const kb = await loadKnowledgeBase(nodeFileSystem, docs('obsidian'), DEFAULT_CONFIG);
    const home = kb.byFile.get('Home.md')!;
    const links = home.sections.flatMap((s) => s.links);
    assert.deepEqual(
      links.map((l) => [l.href, l.syntax]),
      [['Refund policy', 'wikilink'], ['Billing/Invoices', 'wikilink'], ['Refund policy#Card refunds', 'wikilink'], ['Billing/Invoices#Due dates', 'wikilink'], ['Shipping rates', 'wikilink']],
    );
    assert.ok(home.sections.flatMap((s) => s.blocks).some((b) => b.aside === 'note' && /weekdays/.test(b.text)));
    // Syntax shown in inline code is shown as written: no link, no stripped tag.
    assert.match(sectionText(home.sections[0]), /type \[\[Note name\]\]; press <kbd> keys/);
  });
});
