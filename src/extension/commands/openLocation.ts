import * as vscode from 'vscode';

/**
 * Opens `uri` and reveals 1-based `line` (and the column range when given): what clicking a
 * tree item, a table row or a link in the webview does.
 */
export function openLocation() {
  return async (uri: vscode.Uri | string, line = 1, column = 1, endLine?: number, endColumn?: number): Promise<vscode.TextEditor> => {
    const target = typeof uri === 'string' ? vscode.Uri.parse(uri) : uri;
    const start = new vscode.Position(Math.max(line - 1, 0), Math.max(column - 1, 0));
    const end = endLine ? new vscode.Position(Math.max(endLine - 1, 0), Math.max((endColumn ?? 1) - 1, 0)) : start;
    const selection = new vscode.Range(start, end.isBefore(start) ? start : end);
    const editor = await vscode.window.showTextDocument(target, { selection, preview: true });
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return editor;
  };
}
