import type { Token } from 'markdown-it';
import { markdownTokens } from '../parse/markdown';
import { PLAIN_SYNTAX } from '../parse/syntax';
import type { FileSystem } from '../fileSystem';
import { joinPath, relativePath } from '../fileSystem';
import { decodePath, readFirst, readText, topLevelSetting } from './helpers';
import type { SiteInfo } from './types';
import { defineFlavor, emptyNavigation } from './types';

/** The page every link in a Markdown text points at, decoded, without its `#fragment` or `?query`. */
function linkedPages(markdown: string): string[] {
  const pages: string[] = [];
  const walk = (tokens: Token[]): void => {
    for (const token of tokens) {
      const page = token.type === 'link_open' ? decodePath(String(token.attrGet('href') ?? '')).replace(/[?#][^]*$/, '') : '';
      if (page) pages.push(page);
      if (token.children) walk(token.children);
    }
  };
  walk(markdownTokens(markdown));
  return pages;
}

async function loadSite(fs: FileSystem, configDir: string | null, docsRoot: string): Promise<SiteInfo> {
  const site: SiteInfo = { configDir, siteUrls: [], basePath: '/', navigation: emptyNavigation() };
  const book = configDir ? await readFirst(fs, configDir, ['book.toml']) : null;
  const src = joinPath(configDir ?? docsRoot, (book && topLevelSetting(book.text.replace(/^\[(?!book)[\s\S]*/m, ''), 'src')) || 'src');
  const summary = await readText(fs, joinPath(src, 'SUMMARY.md'));
  if (summary === null) {
    site.navigation.all = true;
    return site;
  }
  // SUMMARY.md is the book's table of contents: every page it links to is in the book. It is read
  // as Markdown, as mdBook reads it: `<a b.md>` is a link, a link shown in code is not.
  const prefix = relativePath(src, docsRoot);
  for (const linked of linkedPages(summary)) {
    const page = linked.replace(/^\.\//, '');
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
