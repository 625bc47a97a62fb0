/** Every command the extension contributes; package.json lists the same ids. */
export enum CommandId {
  RunAudit = 'kbAudit.runAudit',
  AskQuestion = 'kbAudit.askQuestion',
  ChooseAskLocale = 'kbAudit.chooseAskLocale',
  PreviewQuestions = 'kbAudit.previewQuestions',
  OpenReport = 'kbAudit.openReport',
  ExportSarif = 'kbAudit.exportSarif',
  ExportJson = 'kbAudit.exportJson',
  SelectDocsFolder = 'kbAudit.selectDocsFolder',
  AddSampleQuestion = 'kbAudit.addSampleQuestion',
  ShowDuplicate = 'kbAudit.showDuplicate',
  MarkReviewed = 'kbAudit.markReviewed',
  GroupFindingsByRule = 'kbAudit.groupFindingsByRule',
  GroupFindingsByFile = 'kbAudit.groupFindingsByFile',
  RefreshViews = 'kbAudit.refreshViews',
  SetEmbeddingsApiKey = 'kbAudit.setEmbeddingsApiKey',
  CompareWithBranch = 'kbAudit.compareWithBranch',
  ClearComparison = 'kbAudit.clearComparison',
  WriteBaseline = 'kbAudit.writeBaseline',
  /** Internal: what clicking a tree item, a CodeLens or a webview link runs. */
  OpenLocation = 'kbAudit.openLocation',
  ShowSectionQuestions = 'kbAudit.showSectionQuestions',
  /** Internal: what a quick fix runs, so it can refuse when the article changed since it was offered. */
  ApplyFix = 'kbAudit.applyFix',
}

/** Ids of the views in the KB Audit activity-bar container. */
export enum ViewId {
  Container = 'kbAudit',
  KnowledgeBase = 'kbAudit.knowledgeBase',
  Findings = 'kbAudit.findings',
  Questions = 'kbAudit.questions',
  Ask = 'kbAudit.ask',
}

/** Context keys package.json's `when` clauses read. */
export enum ContextKey {
  /** 'loading' | 'noDocs' | 'ready' | 'error' */
  State = 'kbAudit.state',
  FindingsGrouping = 'kbAudit.findingsGrouping',
  /** True while some folder shows a comparison with a branch. */
  Comparing = 'kbAudit.comparing',
}
