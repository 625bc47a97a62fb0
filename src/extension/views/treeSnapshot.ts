import * as vscode from 'vscode';

/** A tree view's items as plain data: what the integration tests read through the API. */
export interface TreeSnapshot {
  label: string;
  description?: string;
  tooltip?: string;
  contextValue?: string;
  command?: { command: string; arguments: unknown[] };
  children?: TreeSnapshot[];
}

/** Walks a provider the way the tree view does, into plain data. */
export async function snapshotTree<T>(provider: vscode.TreeDataProvider<T>, parent?: T, depth = 3): Promise<TreeSnapshot[]> {
  const nodes = (await provider.getChildren(parent)) ?? [];
  const out: TreeSnapshot[] = [];
  for (const node of nodes) {
    const item = await provider.getTreeItem(node);
    const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
    const snapshot: TreeSnapshot = { label };
    if (typeof item.description === 'string') snapshot.description = item.description;
    if (typeof item.tooltip === 'string') snapshot.tooltip = item.tooltip;
    else if (item.tooltip) snapshot.tooltip = item.tooltip.value;
    if (item.contextValue) snapshot.contextValue = item.contextValue;
    if (item.command) snapshot.command = { command: item.command.command, arguments: item.command.arguments ?? [] };
    if (depth > 1 && item.collapsibleState !== vscode.TreeItemCollapsibleState.None && item.collapsibleState !== undefined) {
      snapshot.children = await snapshotTree(provider, node, depth - 1);
    }
    out.push(snapshot);
  }
  return out;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
