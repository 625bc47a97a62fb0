import { PLAIN_SYNTAX } from '../parse/syntax';
import type { FileSystem } from '../fileSystem';
import { joinPath, relativePath } from '../fileSystem';
import { decodePath, readFirst, readText, topLevelSetting } from './helpers';
import type { SiteInfo } from './types';
import { defineFlavor, emptyNavigation } from './types';

async function loadSite(fs: FileSystem, configDir: string | null, docsRoot: string): Promise<SiteInfo> {
  const site: SiteInfo = { configDir, siteUrls: [], basePath: '/', navigation: emptyNavigation() };
  const book = configDir ? await readFirst(fs, configDir, ['book.toml']) : null;
  const src = joinPath(configDir ?? docsRoot, (book && topLevelSetting(book.text.replace(/^\[(?!book)[\s\S]*/m, ''), 'src')) || 'src');
  const summary = await readText(fs, joinPath(src, 'SUMMARY.md'));
  if (summary === null) {
    site.navigation.all = true;
    return site;
  }
  // SUMMARY.md is the book's table of contents: every page it links to is in the book.
  const prefix = relativePath(src, docsRoot);
  for (const m of summary.matchAll(/\]\(<?([^)\s>]+)>?\)/g)) {
    const page = decodePath(m[1]).replace(/^\.\//, '');
    site.navigation.files.add(prefix && page.startsWith(`${prefix}/`) ? page.slice(prefix.length + 1) : page);
  }
  site.navigation.files.add('SUMMARY.md');
  return site;
}

/** mdBook: SUMMARY.md is the navigation, README.md a folder's page, `{{#include}}` tags. */
export const mdbook = defineFlavor({
  id: 'mdbook',
  name: 'mdBook',
  detect: (entries) => entries.has('book.toml'),
  syntax: { ...PLAIN_SYNTAX, templateTags: true },
  indexNames: ['README', 'index'],
  titlesFromFileName: true,
  loadSite,
});
