import { PLAIN_SYNTAX } from '../parse/syntax';
import { defineFlavor } from './types';

/** Obsidian vaults: `[[wikilinks]]`, `![[embeds]]`, `> [!NOTE]` callouts, notes titled by file name. */
export const obsidian = defineFlavor({
  id: 'obsidian',
  name: 'Obsidian',
  detect: (entries) => entries.has('.obsidian'),
  syntax: { ...PLAIN_SYNTAX, wikilinks: true },
  folderNamedIndex: true,
  titlesFromFileName: true,
});
