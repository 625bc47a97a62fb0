import { PLAIN_SYNTAX } from '../parse/syntax';
import type { FileSystem } from '../fileSystem';
import { TRAILING_SLASHES, joinPath, relativePath } from '../fileSystem';
import { readFirst, readYaml, topLevelSetting } from './helpers';
import type { SiteInfo, SiteLanguages } from './types';
import { defineFlavor, emptyNavigation } from './types';

const CONFIG_NAMES = ['hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json', 'config.toml', 'config.yaml', 'config.yml', 'config/_default/hugo.toml', 'config/_default/config.toml'];

async function loadSite(fs: FileSystem, configDir: string | null, docsRoot: string): Promise<SiteInfo> {
  // Hugo's themes list a section's pages on the section's page and in the menu: every page is
  // reachable from its section (the rule for unlisted pages is the theme's, not the content's).
  const site: SiteInfo = { configDir, siteUrls: [], basePath: '/', navigation: emptyNavigation(true) };
  const config = configDir ? await readFirst(fs, configDir, CONFIG_NAMES) : null;
  if (config) {
    const base = /\.ya?ml$/.test(config.name) ? ((readYaml(config.text) as Record<string, unknown> | null)?.baseURL as string | undefined) : topLevelSetting(config.text, 'baseURL');
    if (typeof base === 'string' && /^https?:/i.test(base)) {
      site.siteUrls.push(base);
      // A site published below its host's root (https://example.com/docs) serves its pages there.
      const path = /^https?:\/\/[^/]+(\/[^?#]*)?/i.exec(base)?.[1]?.replace(TRAILING_SLASHES, '');
      if (path) site.basePath = `${path}/`;
    }
    site.languages = hugoLanguages(config.name, config.text, configDir!, docsRoot);
  }
  return site;
}

/** Hugo's `languages` (each may have its own `contentDir`) and `defaultContentLanguage`. */
export function hugoLanguages(name: string, text: string, configDir: string, docsRoot: string): SiteLanguages | undefined {
  const dirs: Record<string, string | null> = {};
  let source: string | null;
  if (/\.ya?ml$/.test(name)) {
    const data = readYaml(text) as Record<string, unknown> | null;
    source = typeof data?.defaultContentLanguage === 'string' ? data.defaultContentLanguage : null;
    const languages = data?.languages;
    if (languages && typeof languages === 'object') {
      for (const [code, value] of Object.entries(languages as Record<string, unknown>)) {
        const dir = (value as Record<string, unknown> | null)?.contentDir;
        dirs[code] = typeof dir === 'string' ? dir : null;
      }
    }
  } else {
    source = topLevelSetting(text, 'defaultContentLanguage');
    // TOML: a `[languages.xx]` table (not `[languages.xx.menu]`), and `contentDir` inside it.
    let current: string | null = null;
    for (const line of text.split(/\r?\n/)) {
      const table = /^\s*\[\s*languages\.([A-Za-z0-9_-]+)\s*\]\s*$/.exec(line);
      if (table) {
        current = table[1];
        dirs[current] ??= null;
        continue;
      }
      if (/^\s*\[/.test(line)) current = null;
      const dir = current ? /^\s*contentDir\s*=\s*["']([^"']+)["']/.exec(line) : null;
      if (dir) dirs[current!] = dir[1];
    }
  }
  const codes = Object.keys(dirs);
  if (codes.length === 0 && !source) return undefined;
  const folders: Record<string, string> = {};
  for (const [code, dir] of Object.entries(dirs)) {
    if (!dir) continue;
    const folder = relativePath(docsRoot, joinPath(configDir, dir));
    // Only a folder inside the docs root holds pages the audit reads.
    if (folder && !folder.startsWith('/') && !/^[A-Za-z]:/.test(folder) && folder !== joinPath(configDir, dir)) folders[folder] = code;
  }
  return { source, codes, folders };
}

/** Detects Hugo by its config beside a `content` folder, so a stray config.toml is not enough. */
function detect(entries: ReadonlySet<string>): boolean {
  if (entries.has('hugo.toml') || entries.has('hugo.yaml') || entries.has('hugo.yml') || entries.has('hugo.json')) return true;
  return (entries.has('config.toml') || entries.has('config.yaml') || entries.has('config')) && (entries.has('content') || entries.has('archetypes') || entries.has('layouts'));
}

/** Hugo: shortcodes (`{{< ref >}}`, `{{< page-ref >}}`), `_index.md` sections, `slug`, `url` and `aliases`. */
export const hugo = defineFlavor({
  id: 'hugo',
  name: 'Hugo',
  detect,
  syntax: { ...PLAIN_SYNTAX, shortcodes: true },
  indexNames: ['_index', 'index'],
  loadSite,
});
