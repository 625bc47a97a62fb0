// SARIF 2.1.0: the format code-scanning services (GitHub, Azure DevOps) read. One run, every
// rule described with its help text and documentation link, paths relative to %SRCROOT%.
import type { BaselineState } from '../baseline';
import type { Fix, Finding, Severity } from '../model';
import { RULES, ruleDocsUrl } from '../rules';
import type { Rule } from '../rules/types';
import { joinDisplayPath } from './paths';
import type * as Sarif from 'sarif';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Code-scanning services reject runs with more results; the rest are dropped with a notification. */
export const SARIF_MAX_RESULTS = 25_000;
export const SRCROOT = '%SRCROOT%';

export interface SarifOptions {
  version: string;
  /** Makes docs-relative paths relative to %SRCROOT% (the working folder), e.g. "docs/". */
  pathPrefix?: string;
  /** The absolute folder %SRCROOT% stands for, as a file: URI ending in "/" (optional). */
  rootUri?: string;
  maxResults?: number;
  /**
   * The audit compared with a baseline: each result gets its `baselineState` and fingerprint,
   * baselined ones an external suppression, and the baseline's findings that are gone are
   * listed as `absent` (kind "pass": nothing to fix).
   */
  baseline?: SarifBaseline;
}

export interface SarifBaseline {
  states: ReadonlyMap<Finding, BaselineState>;
  fingerprints: ReadonlyMap<Finding, string>;
  absent: ReadonlyArray<{ file: string; ruleId: string; fingerprint: string }>;
}

/** The key of kb-audit's fingerprint in `partialFingerprints`. */
export const FINGERPRINT_KEY = 'kbAudit/v1';

const LEVEL: Record<Severity, Sarif.Result.level> = { error: 'error', warning: 'warning', info: 'note' };

/** "near-duplicate" → "NearDuplicate": SARIF's readable rule name. */
function ruleName(id: string): string {
  return id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}

function descriptor(rule: Rule): Sarif.ReportingDescriptor {
  const helpUri = ruleDocsUrl(rule.id);
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: rule.description },
    fullDescription: { text: `${rule.description}. ${rule.rationale}` },
    help: { text: `${rule.rationale} See ${helpUri}`, markdown: `${rule.rationale}\n\n[Documentation](${helpUri})` },
    helpUri,
    defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
    properties: { tags: ['kb-audit', rule.scope] },
  };
}

/** A relative path as a URI reference: each segment percent-encoded, `/` kept. */
function uriOf(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function region(line: number, column: number, endLine: number, endColumn: number): Sarif.Region {
  const start = { startLine: Math.max(1, line), startColumn: Math.max(1, column) };
  const endL = Math.max(start.startLine, endLine);
  const endC = endL === start.startLine ? Math.max(start.startColumn, endColumn) : Math.max(1, endColumn);
  return { ...start, endLine: endL, endColumn: endC };
}

function fixOf(fix: Fix, location: Sarif.ArtifactLocation): Sarif.Fix {
  return {
    description: { text: fix.title },
    artifactChanges: [
      {
        artifactLocation: location,
        replacements: fix.edits.map((edit) => ({
          deletedRegion: region(edit.range.line, edit.range.column, edit.range.endLine, edit.range.endColumn),
          insertedContent: { text: edit.newText },
        })),
      },
    ],
  };
}

/** Errors first, then warnings, then notes; within a level, the findings' own order. */
function byImportance(findings: Finding[]): Finding[] {
  const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  return findings.map((f, i) => [f, i] as const).sort((a, b) => rank[a[0].severity] - rank[b[0].severity] || a[1] - b[1]).map(([f]) => f);
}

/** The findings of one audit as a SARIF 2.1.0 log. */
export function toSarif(findings: Finding[], options: SarifOptions): Sarif.Log {
  const prefix = options.pathPrefix ?? '';
  const max = options.maxResults ?? SARIF_MAX_RESULTS;
  const ruleIndex = new Map(RULES.map((rule, i) => [rule.id, i]));
  const kept = findings.length > max ? byImportance(findings).slice(0, max) : findings;
  const location = (file: string): Sarif.ArtifactLocation => ({ uri: uriOf(joinDisplayPath(prefix, file)), uriBaseId: SRCROOT });
  const results = kept.map((f): Sarif.Result => {
    const artifactLocation = location(f.file);
    const result: Sarif.Result = {
      ruleId: f.ruleId,
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation, region: region(f.line, f.column, f.endLine, f.endColumn) } }],
    };
    const index = ruleIndex.get(f.ruleId);
    if (index !== undefined) result.ruleIndex = index;
    if (f.related?.length) {
      result.relatedLocations = f.related.map((r, id) => ({
        id,
        message: { text: r.message },
        physicalLocation: { artifactLocation: location(r.file), region: { startLine: Math.max(1, r.line) } },
      }));
    }
    if (f.fix) result.fixes = [fixOf(f.fix, artifactLocation)];
    if (f.data) result.properties = { ...f.data };
    const baseline = options.baseline;
    if (baseline) {
      const state = baseline.states.get(f) ?? 'new';
      result.baselineState = state;
      const fingerprint = baseline.fingerprints.get(f);
      if (fingerprint) result.partialFingerprints = { [FINGERPRINT_KEY]: fingerprint };
      if (state !== 'new') result.suppressions = [{ kind: 'external', justification: 'accepted in the kb-audit baseline' }];
    }
    return result;
  });
  for (const gone of options.baseline?.absent ?? []) {
    const index = ruleIndex.get(gone.ruleId);
    results.push({
      ruleId: gone.ruleId,
      ...(index !== undefined ? { ruleIndex: index } : {}),
      kind: 'pass',
      level: 'none',
      message: { text: `a ${gone.ruleId} finding in the baseline is no longer found` },
      locations: [{ physicalLocation: { artifactLocation: location(gone.file) } }],
      baselineState: 'absent',
      partialFingerprints: { [FINGERPRINT_KEY]: gone.fingerprint },
    });
  }
  const invocation: Sarif.Invocation = { executionSuccessful: true };
  if (kept.length < findings.length) {
    invocation.toolExecutionNotifications = [
      {
        level: 'warning',
        descriptor: { id: 'results-truncated' },
        message: {
          text: `${findings.length} findings; only the first ${max} are included (errors first, then warnings, then notes). Run kb-audit audit --format json for all of them.`,
        },
      },
    ];
  }
  const run: Sarif.Run = {
    tool: {
      driver: {
        name: 'kb-audit',
        fullName: 'KB Audit',
        version: options.version,
        semanticVersion: options.version,
        informationUri: 'https://github.com/kb-audit/kb-audit',
        rules: RULES.map(descriptor),
      },
    },
    invocations: [invocation],
    results,
    columnKind: 'utf16CodeUnits',
  };
  if (options.rootUri) run.originalUriBaseIds = { [SRCROOT]: { uri: options.rootUri } };
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
}

export function formatSarif(findings: Finding[], options: SarifOptions): string {
  return JSON.stringify(toSarif(findings, options), null, 2);
}
