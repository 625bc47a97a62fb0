import * as vscode from 'vscode';
import { normaliseSettings, type KbAuditSettings } from './settingsMerge';

export const SETTINGS_SECTION = 'kbAudit';

/** The kbAudit.* settings for `scope` (a workspace folder in multi-root workspaces). */
export function readSettings(scope?: vscode.ConfigurationScope): KbAuditSettings {
  const configuration = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
  return normaliseSettings({
    docsPath: configuration.get('docsPath'),
    include: configuration.get('include'),
    exclude: configuration.get('exclude'),
    questionsFile: configuration.get('questionsFile'),
    threshold: configuration.get('threshold'),
    clarifyMargin: configuration.get('clarifyMargin'),
    rules: configuration.get('rules'),
    liveAudit: configuration.get('liveAudit'),
    codeLens: configuration.get('codeLens'),
    embeddings: configuration.get('embeddings'),
    compareBase: configuration.get('compare.base'),
    baselineFile: configuration.get('baseline.file'),
    baselinedFindings: configuration.get('baseline.findings'),
  });
}
