// The flavours, and which one a docs folder is written in: named in kb-audit.json, or found from
// the generator's configuration in the docs folder or the folders above it.
import type { FileSystem } from '../fileSystem';
import { dirname, joinPath } from '../fileSystem';
import { docfx, jekyll } from './docfx';
import { docusaurus } from './docusaurus';
import { hugo } from './hugo';
import { mdbook } from './mdbook';
import { mkdocs } from './mkdocs';
import { obsidian } from './obsidian';
import { github, plain } from './plain';
import type { LocalesConfig } from '../config/schema';
import type { Flavor, FlavorId, Site } from './types';

export type { Flavor, FlavorId, Navigation, Site } from './types';
export { FLAVOR_IDS } from './types';

/** In the order they are tried in each folder: the more specific configuration first. */
export const FLAVORS: readonly Flavor[] = [docusaurus, mkdocs, mdbook, hugo, docfx, jekyll, obsidian, github, plain];

export function flavorById(id: FlavorId): Flavor {
  return FLAVORS.find((f) => f.id === id) ?? plain;
}

/** Folders above the docs folder that are searched for a generator's configuration. */
const MAX_PARENTS = 6;

/** Every name a flavour looks for in a folder, and `.git`, where the search stops. */
const MARKERS = [
  'docusaurus.config.ts', 'docusaurus.config.js', 'docusaurus.config.mjs', 'docusaurus.config.cjs', 'mkdocs.yml', 'mkdocs.yaml', 'book.toml',
  'hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json', 'config.toml', 'config.yaml', 'config', 'content', 'archetypes', 'layouts', 'docfx.json',
  '_config.yml', '_layouts', '_includes', '_posts', 'Gemfile', '.obsidian', '.github', '.git',
];

/**
 * Which of the marker names a folder holds. Each is asked for by name rather than by listing the
 * folder: the docs folder's own listing belongs to the walk, and a large parent is not read whole.
 */
async function entriesOf(fs: FileSystem, folder: string): Promise<Set<string> | null> {
  const present = await Promise.all(
    MARKERS.map(async (name) => {
      try {
        await fs.stat(joinPath(folder, name));
        return name;
      } catch {
        return null;
      }
    }),
  );
  return new Set(present.filter((name): name is string => name !== null));
}

/** The nearest folder, from the docs folder up to its repository's root, that holds a generator's configuration. */
export async function detectFlavor(fs: FileSystem, docsRoot: string): Promise<{ flavor: Flavor; configDir: string | null }> {
  let folder = docsRoot;
  for (let depth = 0; depth <= MAX_PARENTS; depth++) {
    const entries = await entriesOf(fs, folder);
    if (entries) {
      const found = FLAVORS.find((f) => f.detect(entries));
      if (found) return { flavor: found, configDir: folder };
      // A repository's root is as far as a docs folder's site goes.
      if (entries.has('.git')) break;
    }
    const parent = dirname(folder);
    if (parent === folder || parent === '.' || parent === '') break;
    folder = parent;
  }
  return { flavor: plain, configDir: null };
}

export interface SiteSettings {
  /** kb-audit.json `flavor`: 'auto' (the default) detects it. */
  flavor?: FlavorId | 'auto';
  /** kb-audit.json `siteUrl`: where the KB is published, beside any the generator's config names. */
  siteUrl?: string | null;
  /** kb-audit.json `locales`: the source locale and translations, over what the generator's config says. */
  locales?: LocalesConfig | null;
}

/** Reads the site around `docsRoot`: its flavour, published addresses and navigation. */
export async function loadSite(fs: FileSystem, docsRoot: string, settings: SiteSettings = {}): Promise<Site> {
  const configured = settings.flavor !== undefined && settings.flavor !== 'auto';
  let flavor: Flavor;
  let configDir: string | null;
  if (configured) {
    flavor = flavorById(settings.flavor as FlavorId);
    // The configuration is still looked for, for the navigation and the site's address.
    const found = await detectFlavor(fs, docsRoot);
    configDir = found.flavor.id === flavor.id ? found.configDir : null;
    if (!configDir) {
      for (let folder = docsRoot, depth = 0; depth <= MAX_PARENTS; depth++) {
        const entries = await entriesOf(fs, folder);
        if (entries && flavor.detect(entries)) {
          configDir = folder;
          break;
        }
        const parent = dirname(folder);
        if (parent === folder || parent === '.' || parent === '') break;
        folder = parent;
      }
    }
  } else {
    ({ flavor, configDir } = await detectFlavor(fs, docsRoot));
  }
  const info = await flavor.loadSite(fs, configDir, docsRoot);
  if (settings.siteUrl) info.siteUrls.unshift(settings.siteUrl);
  const locales = settings.locales;
  if (locales) {
    const found = info.languages ?? { source: null, codes: [], folders: {} };
    const source = locales.source ?? found.source;
    const codes = locales.translations ? [...(source ? [source] : []), ...locales.translations] : found.codes;
    info.languages = { ...found, source, codes, layout: locales.layout ?? 'auto' };
  }
  return { ...info, flavor: flavor.id, configured };
}

/** A site for articles read without a folder around them (tests, a single document). */
export function defaultSite(flavor: FlavorId = 'plain'): Site {
  return { flavor, configured: false, configDir: null, siteUrls: [], basePath: flavor === 'docusaurus' ? '/docs/' : '/', navigation: { all: false, files: new Set(), folders: [], routes: new Set() } };
}
