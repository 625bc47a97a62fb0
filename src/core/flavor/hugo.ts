import { PLAIN_SYNTAX } from '../parse/syntax';
import type { FileSystem } from '../fileSystem';
import { readFirst, readYaml, topLevelSetting } from './helpers';
import type { SiteInfo } from './types';
import { defineFlavor, emptyNavigation } from './types';

const CONFIG_NAMES = ['hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json', 'config.toml', 'config.yaml', 'config.yml', 'config/_default/hugo.toml', 'config/_default/config.toml'];

async function loadSite(fs: FileSystem, configDir: string | null): Promise<SiteInfo> {
  // Hugo's themes list a section's pages on the section's page and in the menu: every page is
  // reachable from its section (the rule for unlisted pages is the theme's, not the content's).
  const site: SiteInfo = { configDir, siteUrls: [], basePath: '/', navigation: emptyNavigation(true) };
  const config = configDir ? await readFirst(fs, configDir, CONFIG_NAMES) : null;
  if (config) {
    const base = /\.ya?ml$/.test(config.name) ? ((readYaml(config.text) as Record<string, unknown> | null)?.baseURL as string | undefined) : topLevelSetting(config.text, 'baseURL');
    if (typeof base === 'string' && /^https?:/i.test(base)) site.siteUrls.push(base);
  }
  return site;
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
