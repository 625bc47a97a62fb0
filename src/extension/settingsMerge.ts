// How the editor settings and kb-audit.json combine: kb-audit.json wins wherever both set a
// value, so the editor and CI (which reads only the file) agree whenever the file speaks.
// Free of the vscode module, so it is unit-tested in plain Node.
import { DEFAULT_CONFIG, type ResolvedConfig } from '../core/config/config';
import type { EmbeddingsConfig, RuleSetting, SeverityOrOff } from '../core/config/schema';
import { resolvePath } from '../core/fileSystem';

export type LiveAudit = 'onType' | 'onSave' | 'off';
/** How the editor shows findings that the baseline file holds. */
export type BaselinedFindings = 'hint' | 'hide' | 'show';

/** Where Write Baseline writes, relative to the workspace folder: the CLI's and the Action's examples use this name. */
export const DEFAULT_BASELINE_FILE = 'kb-audit-baseline.json';

/** The `kbAudit.*` settings as one typed, read-only object (mirrors contributes.configuration). */
export interface KbAuditSettings {
  /** Docs folder relative to the workspace folder; empty: kb-audit.json's `docs`, else found. */
  readonly docsPath: string;
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  /** Questions file relative to the workspace folder; empty: kb-audit.json's `questions`. */
  readonly questionsFile: string;
  readonly threshold: number | null;
  readonly clarifyMargin: number | null;
  readonly rules: Readonly<Record<string, SeverityOrOff>>;
  readonly liveAudit: LiveAudit;
  readonly codeLens: boolean;
  /** routing.embeddings from the editor settings (kb-audit.json's wins), or null. Never holds a key. */
  readonly embeddings: Readonly<EmbeddingsConfig> | null;
  /** The revision Compare with Branch offers first. */
  readonly compareBase: string;
  /** The baseline file, relative to the workspace folder. */
  readonly baselineFile: string;
  readonly baselinedFindings: BaselinedFindings;
}

export const DEFAULT_SETTINGS: KbAuditSettings = Object.freeze({
  docsPath: '',
  include: [],
  exclude: [],
  questionsFile: '',
  threshold: null,
  clarifyMargin: null,
  rules: {},
  liveAudit: 'onType',
  codeLens: true,
  embeddings: null,
  compareBase: 'main',
  baselineFile: DEFAULT_BASELINE_FILE,
  baselinedFindings: 'hint',
});

/** The kbAudit.embeddings setting, if it names an endpoint and a model; fields of the wrong type are dropped. */
function normaliseEmbeddings(raw: unknown): EmbeddingsConfig | null {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const r = raw as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const endpoint = text(r.endpoint);
  const model = text(r.model);
  if (!endpoint || !/^https?:\/\//.test(endpoint) || !model) return null;
  const out: EmbeddingsConfig = { endpoint, model };
  if (typeof r.enabled === 'boolean') out.enabled = r.enabled;
  if (r.provider === 'openai' || r.provider === 'azure') out.provider = r.provider;
  if (text(r.apiVersion)) out.apiVersion = text(r.apiVersion);
  const integer = (v: unknown, min: number) => (typeof v === 'number' && Number.isInteger(v) && v >= min ? v : undefined);
  if (integer(r.dimensions, 1) !== undefined) out.dimensions = r.dimensions as number;
  if (integer(r.batchSize, 1) !== undefined) out.batchSize = Math.min(2048, r.batchSize as number);
  if (integer(r.timeoutMs, 100) !== undefined) out.timeoutMs = r.timeoutMs as number;
  if (integer(r.retries, 0) !== undefined) out.retries = Math.min(10, r.retries as number);
  if (typeof r.weight === 'number' && r.weight >= 0 && r.weight <= 1) out.weight = r.weight;
  return out;
}

const SEVERITIES = new Set(['error', 'warning', 'info', 'off']);

/** Coerces raw configuration values (anything a user typed into settings.json) to settings. */
export function normaliseSettings(raw: Record<string, unknown>): KbAuditSettings {
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const globs = (v: unknown) => (Array.isArray(v) ? v.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : []);
  const unit = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1 ? v : null);
  const rules: Record<string, SeverityOrOff> = {};
  if (raw.rules && typeof raw.rules === 'object' && !Array.isArray(raw.rules)) {
    for (const [id, severity] of Object.entries(raw.rules as Record<string, unknown>)) {
      if (typeof severity === 'string' && SEVERITIES.has(severity)) rules[id] = severity as SeverityOrOff;
    }
  }
  const live = raw.liveAudit;
  return {
    docsPath: text(raw.docsPath),
    include: globs(raw.include),
    exclude: globs(raw.exclude),
    questionsFile: text(raw.questionsFile),
    threshold: unit(raw.threshold),
    clarifyMargin: unit(raw.clarifyMargin),
    rules,
    liveAudit: live === 'onSave' || live === 'off' ? live : 'onType',
    codeLens: raw.codeLens !== false,
    embeddings: normaliseEmbeddings(raw.embeddings),
    compareBase: text(raw.compareBase) || DEFAULT_SETTINGS.compareBase,
    baselineFile: text(raw.baselineFile) || DEFAULT_BASELINE_FILE,
    baselinedFindings: raw.baselinedFindings === 'hide' || raw.baselinedFindings === 'show' ? raw.baselinedFindings : 'hint',
  };
}

/**
 * The configuration an audit uses: kb-audit.json (already resolved over the defaults) with the
 * editor settings filling in only what the file leaves unset. `folderPath` resolves the
 * settings' relative paths.
 */
export function mergeSettings(config: ResolvedConfig, settings: KbAuditSettings, folderPath: string): ResolvedConfig {
  const rules: Record<string, RuleSetting> = {};
  for (const [id, severity] of Object.entries(settings.rules)) rules[id] = { severity };
  for (const [id, setting] of Object.entries(config.rules)) {
    rules[id] = { ...rules[id], ...setting, severity: setting.severity ?? rules[id]?.severity };
    if (rules[id].severity === undefined) delete rules[id].severity;
  }
  const routing = { ...config.routing };
  if (routing.threshold === undefined && settings.threshold !== null) routing.threshold = settings.threshold;
  if (routing.clarifyMargin === undefined && settings.clarifyMargin !== null) routing.clarifyMargin = settings.clarifyMargin;
  if (routing.embeddings === undefined && settings.embeddings !== null) routing.embeddings = { ...settings.embeddings };
  return {
    ...config,
    // parseConfig hands back the very default arrays when the file leaves them out.
    include: config.include === DEFAULT_CONFIG.include && settings.include.length ? [...settings.include] : config.include,
    exclude: config.exclude === DEFAULT_CONFIG.exclude && settings.exclude.length ? [...settings.exclude] : config.exclude,
    questions: config.questions ?? (settings.questionsFile ? resolvePath(folderPath, settings.questionsFile) : null),
    rules,
    routing,
  };
}
