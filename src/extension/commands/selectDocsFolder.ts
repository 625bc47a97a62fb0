import * as vscode from 'vscode';
import { relativePath } from '../../core/fileSystem';
import type { Services } from './services';

/** Picks the docs folder and stores it in the workspace folder's kbAudit.docsPath; the audit follows. */
export function selectDocsFolder({ controller }: Services) {
  return async (picked?: vscode.Uri): Promise<vscode.Uri | undefined> => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length === 0) {
      void vscode.window.showInformationMessage('KB Audit: open a folder first.');
      return undefined;
    }
    const uri =
      picked instanceof vscode.Uri
        ? picked
        : (
            await vscode.window.showOpenDialog({
              canSelectFiles: false,
              canSelectFolders: true,
              canSelectMany: false,
              defaultUri: controller.activeEntry()?.folder.uri ?? folders[0].uri,
              openLabel: 'Use as docs folder',
              title: 'KB Audit: Select Docs Folder',
            })
          )?.[0];
    if (!uri) return undefined;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) {
      void vscode.window.showWarningMessage('KB Audit: the docs folder must be inside the workspace.');
      return undefined;
    }
    const relative = relativePath(folder.uri.path, uri.path) || '.';
    const target = folders.length > 1 ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Workspace;
    await vscode.workspace.getConfiguration('kbAudit', folder.uri).update('docsPath', relative, target);
    await controller.runAudit({ folder });
    return uri;
  };
}
