import type * as vscode from 'vscode';
import type { AskWebviews } from '../askWebview';
import type { AuditController } from '../auditController';
import type { BranchComparisons } from '../branchComparison';
import type { FindingsTree } from '../views/findingsTree';

/** What command handlers work with. */
export interface Services {
  context: vscode.ExtensionContext;
  controller: AuditController;
  output: vscode.LogOutputChannel;
  webviews: AskWebviews;
  findingsTree: FindingsTree;
  comparisons: BranchComparisons;
}
