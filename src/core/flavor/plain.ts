import { defineFlavor } from './types';

/** Markdown with no generator around it: relative links to files, every folder a folder. */
export const plain = defineFlavor({
  id: 'plain',
  name: 'Markdown',
  detect: () => false,
  indexNames: ['index', 'README', 'readme'],
});

/** A folder of Markdown in a GitHub repository: README.md is a folder's page, as GitHub renders it. */
export const github = defineFlavor({
  ...plain,
  id: 'github',
  name: 'GitHub Markdown',
  detect: (entries) => entries.has('.github'),
});
