import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder: open the sample knowledge base');
  return folder;
}

export function workspaceUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder().uri, ...relativePath.split('/'));
}

/** The path of `uri` relative to the workspace folder, `/` separators. */
export function relativePath(uri: vscode.Uri): string {
  const root = workspaceFolder().uri.path.replace(/\/$/, '');
  return uri.path.startsWith(`${root}/`) ? uri.path.slice(root.length + 1) : uri.toString();
}

export async function readText(relative: string): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri(relative)));
}

/** Replaces a document's whole text in the editor and saves it, as a user would. */
export async function replaceAndSave(relative: string, text: string): Promise<void> {
  const uri = workspaceUri(relative);
  // A document no editor shows can be closed by the workbench between the edit and the save
  // ("Document has been closed"): open it again and save what it then holds, a few times at most.
  for (let attempt = 1; ; attempt++) {
    const document = await vscode.workspace.openTextDocument(uri);
    if (document.getText() !== text) {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, new vscode.Range(0, 0, document.lineCount, 0), text);
      assert.ok(await vscode.workspace.applyEdit(edit), `could not edit ${relative}`);
    }
    try {
      const current = await vscode.workspace.openTextDocument(uri);
      if (!current.isDirty && current.getText() === text) return;
      assert.ok(await current.save(), `could not save ${relative}`);
      return;
    } catch (error) {
      if (attempt >= 3 || !/closed/i.test(String((error as Error).message))) throw error;
    }
  }
}

/**
 * Edits files through the editor and puts them back afterwards: the tests share one workspace,
 * so each leaves it as it found it.
 */
export class WorkspaceEdits {
  private readonly originals = new Map<string, string | null>();

  /** Rewrites `relative` with `change(text)` and saves it. */
  async change(relative: string, change: (text: string) => string): Promise<void> {
    const text = await readText(relative);
    if (!this.originals.has(relative)) this.originals.set(relative, text);
    const changed = change(text);
    assert.notEqual(changed, text, `the change to ${relative} changed nothing`);
    await replaceAndSave(relative, changed);
  }

  /** Creates a new file through a workspace edit, fills it and saves it. */
  async create(relative: string, text: string): Promise<void> {
    const uri = workspaceUri(relative);
    if (!this.originals.has(relative)) this.originals.set(relative, null);
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(uri, { overwrite: false });
    assert.ok(await vscode.workspace.applyEdit(edit), `could not create ${relative}`);
    await replaceAndSave(relative, text);
  }

  get touched(): boolean {
    return this.originals.size > 0;
  }

  /** Puts every file back (saving, so the extension re-audits) and forgets them. */
  async restore(): Promise<void> {
    for (const [relative, original] of this.originals) {
      if (original === null) {
        const edit = new vscode.WorkspaceEdit();
        edit.deleteFile(workspaceUri(relative), { ignoreIfNotExists: true });
        await vscode.workspace.applyEdit(edit);
      } else {
        await replaceAndSave(relative, original);
      }
    }
    this.originals.clear();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  }
}

/** The article's text with `lines` inserted before 1-based line `line`. */
export function insertLines(text: string, line: number, lines: string[]): string {
  const all = text.split('\n');
  all.splice(line - 1, 0, ...lines);
  return all.join('\n');
}

/** The 1-based line of the first line equal to `content` (trailing whitespace ignored). */
export function lineOf(text: string, content: string): number {
  const index = text.split('\n').findIndex((line) => line.trimEnd() === content);
  assert.ok(index >= 0, `no line "${content}"`);
  return index + 1;
}
