import * as vscode from 'vscode';
import { ContextKey } from '../commandIds';
import type { FindingsGrouping } from '../views/findingsTree';
import type { Services } from './services';

/** Switches the Findings view between grouping by rule and by file. */
export function groupFindings({ findingsTree }: Services, grouping: FindingsGrouping) {
  return async (): Promise<void> => {
    findingsTree.setGrouping(grouping);
    await vscode.commands.executeCommand('setContext', ContextKey.FindingsGrouping, grouping);
  };
}
