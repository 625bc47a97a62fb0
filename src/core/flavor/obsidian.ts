import type { Flavor } from './types';
import { plainSite } from './types';

/** Obsidian vaults: `[[wikilinks]]`, `![[embeds]]`, `> [!NOTE]` callouts, notes titled by file name. */
export const obsidian: Flavor = {
  id: 'obsidian',
  name: 'Obsidian',
  detect: (entries) => entries.has('.obsidian'),
  syntax: { mdx: false, shortcodes: false, templateTags: false, wikilinks: true },
  indexNames: ['index', 'README'],
  folderNamedIndex: true,
  titlesFromFileName: true,
  stripNumberPrefixes: false,
  loadSite: async (_fs, configDir) => ({ ...plainSite(), configDir }),
};
