// The worker's half of Compare with Branch (desktop only: it runs git). The same steps as
// `kb-audit diff BASE`: the repository found and the revision read through src/cli/git.ts,
// both states audited and compared by the core's runDiff, the report written by the CLI's
// Markdown formatter. HEAD is the working tree, with the editor's unsaved texts laid over it.
// Free of the vscode module.
import { describeRevision, findRepository, GitError, listRevisions, resolveRevision, revisionFileSystem, WORKING_TREE } from '../cli/git';
import { auditHistory } from '../cli/gitHistory';
import type { ResolvedConfig } from '../core/config/config';
import { runDiff, withFile } from '../core/diff';
import type { VersionHistory } from '../core/history';
import type { FileSystem } from '../core/fileSystem';
import { formatDiffMarkdown, headline } from '../core/format/diff';
import { nodeFileSystem } from '../core/nodeFileSystem';
import type { CompareReply, CompareRequest, GitTasks, HistorySource, RevisionsReply, RevisionsRequest } from './auditEngine';

function failure(error: unknown): { ok: false; reason: GitError['reason']; message: string } {
  if (error instanceof GitError) return { ok: false, reason: error.reason, message: error.message };
  throw error;
}

/** The working tree as node:fs reads it, with each unsaved editor text served in place of the file. */
function workingTree(unsaved: CompareRequest['unsaved']): FileSystem {
  let fs = nodeFileSystem;
  for (const { path, bytes } of unsaved) fs = withFile(fs, path, bytes);
  return fs;
}

export async function compareWithRevision(request: CompareRequest): Promise<CompareReply> {
  try {
    const repo = findRepository(request.root, request.root, request.git);
    const commit = resolveRevision(repo, request.base);
    const diff = await runDiff(
      { fs: revisionFileSystem(repo, commit), root: request.root },
      { fs: workingTree(request.unsaved), root: request.root },
      { config: request.config, questionsDisplayName: request.questionsDisplayName, now: new Date(request.now) },
    );
    const names = { version: request.version, base: describeRevision(request.base, commit), head: WORKING_TREE };
    const markdown = formatDiffMarkdown(diff, { ...names, linkBase: request.linkBase });
    return { ok: true, diff, baseName: names.base, headName: names.head, markdown, headline: headline(diff) };
  } catch (error) {
    return failure(error);
  }
}

export async function revisionsOf(request: RevisionsRequest): Promise<RevisionsReply> {
  try {
    const repo = findRepository(request.root, request.root, request.git);
    return { ok: true, revisions: listRevisions(repo).map(({ name, kind }) => ({ name, kind })) };
  } catch (error) {
    return failure(error);
  }
}

/** The docs' git history for stale-translation, as `kb-audit audit` reads it (uncommitted changes as made now). */
function historyOf(source: HistorySource, config: ResolvedConfig, now: Date): VersionHistory | undefined {
  return auditHistory(config, source.docs, now, undefined, source.git);
}

export const gitTasks: GitTasks = { compare: compareWithRevision, revisions: revisionsOf, history: historyOf };
