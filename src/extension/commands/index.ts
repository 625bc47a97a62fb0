// Registers every command; each handler lives in its own file.
import * as vscode from 'vscode';
import { CommandId } from '../commandIds';
import { applyFix } from '../fixes';
import { addSampleQuestion } from './addSampleQuestion';
import { askQuestion } from './askQuestion';
import { chooseAskLocale } from './chooseAskLocale';
import { clearComparison } from './clearComparison';
import { compareWithBranch } from './compareWithBranch';
import { exportReport } from './exportReport';
import { groupFindings } from './findingsGrouping';
import { markReviewed } from './markReviewed';
import { openLocation } from './openLocation';
import { openReport } from './openReport';
import { previewQuestions } from './previewQuestions';
import { runAudit } from './runAudit';
import { selectDocsFolder } from './selectDocsFolder';
import type { Services } from './services';
import { showDuplicate } from './showDuplicate';
import { setEmbeddingsKey } from './setEmbeddingsKey';
import { showSectionQuestions } from './showSectionQuestions';
import { writeBaseline } from './writeBaseline';

export function registerCommands(services: Services): vscode.Disposable[] {
  const handlers: Record<CommandId, (...args: never[]) => unknown> = {
    [CommandId.RunAudit]: runAudit(services),
    [CommandId.AskQuestion]: askQuestion(services),
    [CommandId.ChooseAskLocale]: chooseAskLocale(services),
    [CommandId.PreviewQuestions]: previewQuestions(services),
    [CommandId.OpenReport]: openReport(services),
    [CommandId.ExportSarif]: exportReport(services, 'sarif'),
    [CommandId.ExportJson]: exportReport(services, 'json'),
    [CommandId.SelectDocsFolder]: selectDocsFolder(services),
    [CommandId.AddSampleQuestion]: addSampleQuestion(services),
    [CommandId.ShowDuplicate]: showDuplicate(services),
    [CommandId.MarkReviewed]: markReviewed(services),
    [CommandId.GroupFindingsByRule]: groupFindings(services, 'rule'),
    [CommandId.GroupFindingsByFile]: groupFindings(services, 'file'),
    [CommandId.RefreshViews]: () => services.controller.runAudit(),
    [CommandId.SetEmbeddingsApiKey]: setEmbeddingsKey(services),
    [CommandId.CompareWithBranch]: compareWithBranch(services),
    [CommandId.ClearComparison]: clearComparison(services),
    [CommandId.WriteBaseline]: writeBaseline(services),
    [CommandId.OpenLocation]: openLocation(),
    [CommandId.ShowSectionQuestions]: showSectionQuestions(services),
    [CommandId.ApplyFix]: applyFix,
  };
  return Object.entries(handlers).map(([id, handler]) => vscode.commands.registerCommand(id, handler as (...args: unknown[]) => unknown));
}
