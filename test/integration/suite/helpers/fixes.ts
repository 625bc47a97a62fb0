import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { workspaceUri } from './workspace';

/** The quick fixes offered for `diagnostic` in `file`, as the lightbulb would list them. */
export async function fixesAt(file: string, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  // The provider command needs the document loaded in the editor's model.
  await vscode.workspace.openTextDocument(workspaceUri(file));
  return (
    (await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      workspaceUri(file),
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    )) ?? []
  );
}

/** Runs a quick fix as the lightbulb does: its edit goes through the extension's command. */
export async function runFix(action: vscode.CodeAction): Promise<boolean> {
  assert.ok(action.command, `${action.title} carries no command`);
  assert.equal(action.edit, undefined, 'the edit is applied by the command, which checks the text first');
  return vscode.commands.executeCommand<boolean>(action.command.command, ...(action.command.arguments ?? []));
}
