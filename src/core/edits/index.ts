// Fixes as text → text edits: computed here, applied by the editor through a WorkspaceEdit.
export {
  REVIEW_DATE_FIELD,
  addMissingFrontMatterFields,
  applyTextEdits,
  findFrontMatter,
  isoDate,
  setFrontMatterFields,
  setReviewDate,
  yamlScalar,
} from './frontMatter';
export { suppressFinding } from './suppression';
