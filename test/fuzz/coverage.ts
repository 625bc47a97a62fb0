// Coverage feedback and figures from V8's own block coverage (node:inspector's Profiler, the
// data c8 reads), limited to the project's code (`/src/`). After each input the counts are taken
// (and reset): an input that executes a byte of src/ code no earlier input did is kept in the
// corpus. The figures at the end are line coverage of the original TypeScript, through the
// inline source maps that tsx writes: a line counts when code mapped to it ran.
import { Session } from 'node:inspector/promises';

interface CoverageRange {
  startOffset: number;
  endOffset: number;
  count: number;
}
interface FunctionCoverage {
  functionName: string;
  ranges: CoverageRange[];
}
interface ScriptCoverage {
  scriptId: string;
  url: string;
  functions: FunctionCoverage[];
}

export interface CoverageFigures {
  /** Files of src/ the campaign loaded. */
  files: number;
  lines: { covered: number; total: number };
  functions: { covered: number; total: number };
  /** Per folder of src/ (core/parse, core/rules, …): covered and total lines. */
  byFolder: Record<string, { covered: number; total: number }>;
  /** Per file, relative to src/. */
  byFile: Record<string, { covered: number; total: number }>;
}

/** Covered generated-code bytes per script: what the campaign merges across workers. */
export type CoveredBytes = Record<string, Array<[number, number]>>;

const PROJECT = /\/src\/.*\.ts$/;

export class CoverageTracker {
  private readonly session = new Session();
  private readonly covered = new Map<string, Uint8Array>();
  private readonly scripts = new Map<string, string>();
  private readonly functionsSeen = new Map<string, boolean>();

  async start(): Promise<void> {
    this.session.connect();
    await this.session.post('Profiler.enable');
    await this.session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
  }

  /** Takes the counts since the last call; returns how many bytes of src/ code ran for the first time. */
  async take(): Promise<number> {
    const { result } = (await this.session.post('Profiler.takePreciseCoverage')) as unknown as { result: ScriptCoverage[] };
    let fresh = 0;
    for (const script of result) {
      if (!PROJECT.test(script.url)) continue;
      this.scripts.set(script.url, script.scriptId);
      let end = 0;
      for (const fn of script.functions) end = Math.max(end, fn.ranges[0]?.endOffset ?? 0);
      let covered = this.covered.get(script.url);
      if (!covered || covered.length < end) {
        const grown = new Uint8Array(end);
        if (covered) grown.set(covered);
        this.covered.set(script.url, (covered = grown));
      }
      // Ranges come outermost first: an inner range's count overrides its parent's for its bytes.
      const now = new Uint8Array(end);
      for (const fn of script.functions) {
        const key = `${script.url}:${fn.ranges[0]?.startOffset}`;
        if (fn.ranges[0]?.count) this.functionsSeen.set(key, true);
        else if (!this.functionsSeen.has(key)) this.functionsSeen.set(key, false);
        for (const r of fn.ranges) now.fill(r.count > 0 ? 1 : 0, r.startOffset, r.endOffset);
      }
      for (let i = 0; i < end; i++) {
        if (now[i] && !covered[i]) {
          covered[i] = 1;
          fresh++;
        }
      }
    }
    return fresh;
  }

  /** The covered bytes as runs, to send to the campaign. */
  coveredBytes(): CoveredBytes {
    const out: CoveredBytes = {};
    for (const [url, bytes] of this.covered) {
      const runs: Array<[number, number]> = [];
      for (let i = 0; i < bytes.length; i++) {
        if (!bytes[i]) continue;
        const start = i;
        while (i < bytes.length && bytes[i]) i++;
        runs.push([start, i]);
      }
      out[url] = runs;
    }
    return out;
  }

  /** Line and function coverage of the original sources, from `merged` (every worker's bytes). */
  async figures(merged: CoveredBytes = this.coveredBytes()): Promise<CoverageFigures> {
    await this.session.post('Debugger.enable');
    const figures: CoverageFigures = { files: 0, lines: { covered: 0, total: 0 }, functions: { covered: 0, total: 0 }, byFolder: {}, byFile: {} };
    for (const [url, scriptId] of this.scripts) {
      const { scriptSource } = (await this.session.post('Debugger.getScriptSource', { scriptId })) as { scriptSource: string };
      const lines = sourceLines(scriptSource, merged[url] ?? []);
      if (!lines) continue;
      figures.files++;
      const folder = /\/src\/(.*)\/[^/]+$/.exec(url)?.[1] ?? '.';
      figures.byFile[/\/src\/(.*)$/.exec(url)?.[1] ?? url] = lines;
      const f = (figures.byFolder[folder] ??= { covered: 0, total: 0 });
      f.total += lines.total;
      f.covered += lines.covered;
      figures.lines.total += lines.total;
      figures.lines.covered += lines.covered;
    }
    for (const [key, ran] of this.functionsSeen) {
      if (!PROJECT.test(key.replace(/:\d+$/, ''))) continue;
      figures.functions.total++;
      if (ran) figures.functions.covered++;
    }
    await this.session.post('Debugger.disable');
    return figures;
  }

  /** Functions seen and run, for merging across workers. */
  functionStates(): Array<[string, boolean]> {
    return [...this.functionsSeen];
  }

  mergeFunctions(states: Array<[string, boolean]>): void {
    for (const [key, ran] of states) this.functionsSeen.set(key, ran || (this.functionsSeen.get(key) ?? false));
  }

  async stop(): Promise<void> {
    await this.session.post('Profiler.stopPreciseCoverage');
    this.session.disconnect();
  }
}

export function mergeCovered(into: CoveredBytes, from: CoveredBytes): void {
  for (const [url, runs] of Object.entries(from)) (into[url] ??= []).push(...runs);
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The source map's segments: generated line and column → original line (0-based). */
function decodeMappings(mappings: string): Array<Array<[number, number]>> {
  const out: Array<Array<[number, number]>> = [];
  let srcLine = 0;
  for (const line of mappings.split(';')) {
    const segments: Array<[number, number]> = [];
    let genCol = 0;
    for (const segment of line.split(',')) {
      if (!segment) continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of segment) {
        const digit = BASE64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      genCol += fields[0];
      if (fields.length >= 4) {
        srcLine += fields[2];
        segments.push([genCol, srcLine]);
      }
    }
    out.push(segments);
  }
  return out;
}

/** Lines of the original file with code mapped to them, and those whose code ran. */
function sourceLines(generated: string, runs: Array<[number, number]>): { covered: number; total: number } | null {
  const m = /\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/.exec(generated);
  if (!m) return null;
  const map = JSON.parse(Buffer.from(m[1], 'base64').toString('utf8')) as { mappings: string };
  const covered = new Uint8Array(generated.length);
  for (const [a, b] of runs) covered.fill(1, a, b);
  const lineStarts = [0];
  for (let i = 0; i < generated.length; i++) if (generated.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const all = new Set<number>();
  const ran = new Set<number>();
  decodeMappings(map.mappings).forEach((segments, genLine) => {
    for (const [col, srcLine] of segments) {
      all.add(srcLine);
      if (covered[(lineStarts[genLine] ?? 0) + col]) ran.add(srcLine);
    }
  });
  return { covered: ran.size, total: all.size };
}
