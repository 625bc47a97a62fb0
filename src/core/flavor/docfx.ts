import { PLAIN_SYNTAX } from '../parse/syntax';
import type { FileSystem } from '../fileSystem';
import { readText } from './helpers';
import { joinPath } from '../fileSystem';
import type { SiteInfo } from './types';
import { defineFlavor, emptyNavigation } from './types';

async function loadSite(fs: FileSystem, configDir: string | null, docsRoot: string): Promise<SiteInfo> {
  const site: SiteInfo = { configDir, siteUrls: [], basePath: '/', navigation: emptyNavigation() };
  // toc.yml lists the pages (`href: page.md`); without one, docfx lists none and links decide.
  const toc = await readText(fs, joinPath(docsRoot, 'toc.yml'));
  if (toc === null) site.navigation.all = true;
  else for (const m of toc.matchAll(/href:\s*["']?([^"'\s#]+)/g)) site.navigation.files.add(m[1].replace(/^\.?\//, ''));
  return site;
}

/** docfx (Microsoft Learn style): `ms.date` front matter, `toc.yml`, `:::` blocks, Liquid-like includes. */
export const docfx = defineFlavor({
  id: 'docfx',
  name: 'docfx',
  detect: (entries) => entries.has('docfx.json'),
  syntax: { ...PLAIN_SYNTAX, templateTags: true },
  loadSite,
});

/** Jekyll (GitHub Pages): Liquid tags, `permalink` front matter. */
export const jekyll = defineFlavor({
  id: 'jekyll',
  name: 'Jekyll',
  detect: (entries) => entries.has('_config.yml') && (entries.has('_layouts') || entries.has('_includes') || entries.has('_posts') || entries.has('Gemfile')),
  syntax: { ...PLAIN_SYNTAX, templateTags: true },
  loadSite: async (_fs, configDir) => ({ configDir, siteUrls: [], basePath: '/', navigation: emptyNavigation(true) }),
});
