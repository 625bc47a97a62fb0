import { PLAIN_SYNTAX } from '../parse/syntax';
import type { FileSystem } from '../fileSystem';
import { TRAILING_SLASHES, joinPath, relativePath } from '../fileSystem';
import { readFirst, readYaml } from './helpers';
import type { SiteInfo, SiteLanguages } from './types';
import { defineFlavor, emptyNavigation } from './types';

/** Every page path in an mkdocs `nav` tree (strings, `Title: page.md` maps, nested lists). */
function navPages(node: unknown, out: Set<string>): void {
  if (typeof node === 'string') {
    if (!/^[a-z][a-z0-9+.-]*:/i.test(node)) out.add(node.replace(/^\.?\//, ''));
  } else if (Array.isArray(node)) for (const item of node) navPages(item, out);
  else if (node && typeof node === 'object') for (const value of Object.values(node)) navPages(value, out);
}

/** mkdocs-static-i18n's `languages` (`- locale: en` with `default: true`), or Material's `theme.language`. */
function mkdocsLanguages(data: Record<string, unknown> | null): SiteLanguages | undefined {
  const plugins = Array.isArray(data?.plugins) ? data.plugins : [];
  for (const plugin of plugins) {
    const i18n = plugin && typeof plugin === 'object' ? (plugin as Record<string, unknown>).i18n : undefined;
    if (!i18n || typeof i18n !== 'object') continue;
    const languages = (i18n as Record<string, unknown>).languages;
    const codes: string[] = [];
    let source: string | null = null;
    if (Array.isArray(languages)) {
      for (const language of languages) {
        const entry = (language ?? {}) as Record<string, unknown>;
        if (typeof entry.locale !== 'string') continue;
        codes.push(entry.locale);
        if (entry.default === true) source = entry.locale;
      }
    } else if (languages && typeof languages === 'object') codes.push(...Object.keys(languages));
    const fallback = (i18n as Record<string, unknown>).default_language;
    if (!source && typeof fallback === 'string') source = fallback;
    return { source: source ?? codes[0] ?? null, codes, folders: {} };
  }
  return undefined;
}

async function loadSite(fs: FileSystem, configDir: string | null, docsRoot: string): Promise<SiteInfo> {
  const site: SiteInfo = { configDir, siteUrls: [], basePath: '/', navigation: emptyNavigation() };
  const config = configDir ? await readFirst(fs, configDir, ['mkdocs.yml', 'mkdocs.yaml']) : null;
  const data = (config ? readYaml(config.text) : null) as Record<string, unknown> | null;
  if (typeof data?.site_url === 'string') site.siteUrls.push(data.site_url);
  site.languages = mkdocsLanguages(data);
  // Pages the configuration itself uses (snippets appended to every page, abbreviations) are
  // part of the site, whether or not `nav` lists them.
  const docsFolder = typeof data?.docs_dir === 'string' ? data.docs_dir : 'docs';
  const used = new Set<string>();
  navPages(data ? { ...data, nav: undefined } : null, used);
  for (const page of used) {
    if (!/\.md$/i.test(page)) continue;
    site.navigation.files.add(page.startsWith(`${docsFolder}/`) ? page.slice(docsFolder.length + 1) : page);
  }
  if (!data?.nav) {
    // Without `nav`, MkDocs lists every page.
    site.navigation.all = true;
    return site;
  }
  const pages = new Set<string>();
  navPages(data.nav, pages);
  // nav paths are relative to docs_dir; the audited folder may be docs_dir or inside it.
  const docsDir = joinPath(configDir!, typeof data.docs_dir === 'string' ? data.docs_dir : 'docs');
  const prefix = relativePath(docsDir, docsRoot);
  for (const page of pages) {
    const file = prefix && page.startsWith(`${prefix}/`) ? page.slice(prefix.length + 1) : page;
    if (page.endsWith('/')) site.navigation.folders.push(file.replace(TRAILING_SLASHES, ''));
    else site.navigation.files.add(file);
  }
  return site;
}

/** MkDocs (Material): `!!! note` admonitions, content tabs, `nav` in mkdocs.yml, `{#id}` headings. */
export const mkdocs = defineFlavor({
  id: 'mkdocs',
  name: 'MkDocs',
  detect: (entries) => entries.has('mkdocs.yml') || entries.has('mkdocs.yaml'),
  syntax: { ...PLAIN_SYNTAX, templateTags: true },
  titlesFromFileName: true,
  loadSite,
});
