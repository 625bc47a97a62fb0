import * as vscode from 'vscode';
import { errorMessage } from '../../core/fileSystem';
import { CompareError } from '../branchComparison';
import type { KbEntry } from '../auditController';
import type { RevisionChoice } from '../gitExtension';
import { readSettings } from '../settings';
import type { Services } from './services';

/** What the command hands back (tests read it): the report it opened, or why it could not compare. */
export type CompareOutcome = { ok: true; headline: string; baseName: string; document: vscode.TextDocument } | { ok: false; message: string } | undefined;

const ICONS: Record<RevisionChoice['kind'], string> = { branch: '$(git-branch)', remote: '$(cloud)', tag: '$(tag)' };

/** Picks the revision to compare with: the kbAudit.compare.base setting first, then the repository's branches and tags; any revision may be typed. */
async function pickBase({ comparisons }: Services, entry: KbEntry): Promise<string | undefined> {
  const preferred = readSettings(entry.folder.uri).compareBase;
  const revisions = await comparisons.revisions(entry);
  type Item = vscode.QuickPickItem & { revision: string };
  const listed: Item[] = [
    { label: `$(star-full) ${preferred}`, description: 'kbAudit.compare.base', revision: preferred },
    ...revisions.filter((r) => r.name !== preferred).map((r) => ({ label: `${ICONS[r.kind]} ${r.name}`, description: r.kind === 'remote' ? 'remote branch' : r.kind, revision: r.name })),
  ];
  const pick = vscode.window.createQuickPick<Item>();
  pick.title = 'KB Audit: Compare with Branch';
  pick.placeholder = 'The branch, tag or commit to compare the docs with (type any revision)';
  pick.items = listed;
  pick.onDidChangeValue((value) => {
    const typed = value.trim();
    pick.items = typed && !listed.some((item) => item.revision === typed) ? [{ label: typed, description: 'revision', revision: typed }, ...listed] : listed;
  });
  return new Promise<string | undefined>((resolve) => {
    pick.onDidAccept(() => {
      resolve(pick.selectedItems[0]?.revision);
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}

/**
 * KB Audit: Compare with Branch…: the docs at a branch against the working tree, as `kb-audit
 * diff BRANCH` compares them. `base` skips the picker (tests, keybindings with args).
 */
export function compareWithBranch(services: Services) {
  return async (base?: string): Promise<CompareOutcome> => {
    const { controller, comparisons } = services;
    const entry = controller.activeEntry();
    const fail = (message: string): CompareOutcome => {
      void vscode.window.showErrorMessage(message);
      return { ok: false, message };
    };
    if (!entry?.session) return fail('KB Audit: no docs folder has been audited yet.');
    try {
      const revision = typeof base === 'string' && base.trim() ? base.trim() : await pickBase(services, entry);
      if (!revision) return undefined;
      const comparison = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `KB Audit: comparing the docs with ${revision}`, cancellable: true },
        (_progress, token) => comparisons.compare(entry, revision, token),
      );
      // The report's file (its links are relative to it), else an untitled document.
      const report = comparison.reportUri ? vscode.Uri.parse(comparison.reportUri) : undefined;
      const document = await (report
        ? vscode.workspace.openTextDocument(report).then(undefined, () => vscode.workspace.openTextDocument({ language: 'markdown', content: comparison.markdown }))
        : vscode.workspace.openTextDocument({ language: 'markdown', content: comparison.markdown }));
      await vscode.window.showTextDocument(document, { preview: false });
      void vscode.window.showInformationMessage(`KB Audit: ${comparison.baseName} → working tree: ${comparison.headline}`);
      return { ok: true, headline: comparison.headline, baseName: comparison.baseName, document };
    } catch (error) {
      if (error instanceof vscode.CancellationError || (error as { name?: string }).name === 'AbortError') return undefined;
      return fail(error instanceof CompareError ? error.message : `KB Audit: the comparison failed: ${errorMessage(error)}`);
    }
  };
}
