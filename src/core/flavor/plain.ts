import type { Flavor } from './types';
import { plainSite } from './types';

/** Markdown with no generator around it: relative links to files, every folder a folder. */
export const plain: Flavor = {
  id: 'plain',
  name: 'Markdown',
  detect: () => false,
  syntax: { mdx: false, shortcodes: false, templateTags: false, wikilinks: false },
  indexNames: ['index', 'README', 'readme'],
  folderNamedIndex: false,
  titlesFromFileName: false,
  stripNumberPrefixes: false,
  loadSite: async (_fs, configDir) => ({ ...plainSite(), configDir }),
};

/** A folder of Markdown in a GitHub repository: README.md is a folder's page, as GitHub renders it. */
export const github: Flavor = {
  ...plain,
  id: 'github',
  name: 'GitHub Markdown',
  detect: (entries) => entries.has('.github'),
};
