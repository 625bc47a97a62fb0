// The test index the web extension host loads (extensionTestsPath): mocha's browser build runs
// the web suite, bundled into this one file by test/web-host/run.mjs. Every reporter line is
// marked so the runner can pick the suite's output out of the workbench's console; the counts
// close the run, as in the desktop suites' index.
import 'mocha/mocha.js';

export const OUTPUT_MARKER = '[kb-audit-web-suite] ';
export const RESULT_MARKER = 'kb-audit-web-result';
/** A line asking the runner for a screenshot of the workbench, named after the marker. */
export const SCREENSHOT_MARKER = 'kb-audit-web-screenshot ';

declare const mocha: BrowserMocha;
interface BrowserMocha {
  setup(options: Record<string, unknown>): void;
  run(done: (failures: number) => void): { stats?: { passes: number; failures: number; pending: number } };
}
declare const Mocha: { reporters: { Base: { consoleLog: (...args: unknown[]) => void } } };

/** util.format's %s, %d, %i, %j and %%, which mocha's reporters use: the browser has no util. */
function format(...args: unknown[]): string {
  if (typeof args[0] !== 'string') return args.map(String).join(' ');
  let rest = args.slice(1);
  const text = args[0].replace(/%[sdij%]/g, (spec) => {
    if (spec === '%%') return '%';
    if (rest.length === 0) return spec;
    const [value] = rest;
    rest = rest.slice(1);
    if (spec === '%d') return String(Number(value));
    if (spec === '%i') return String(parseInt(String(value), 10));
    if (spec === '%j') return JSON.stringify(value);
    return String(value);
  });
  return [text, ...rest.map(String)].join(' ');
}

export async function run(): Promise<void> {
  const print = (...args: unknown[]) => console.log(OUTPUT_MARKER + format(...args));
  mocha.setup({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000 });
  Mocha.reporters.Base.consoleLog = print;
  (globalThis as { kbAuditReport?: (line: string) => void }).kbAuditReport = print;
  // After setup: the files call describe() as they load (bundled in, not fetched).
  await import('./web.test');
  await import('../measure.test');
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const stats = runner.stats;
      const counts = { passed: stats?.passes ?? 0, failed: stats?.failures ?? failures, skipped: stats?.pending ?? 0 };
      print(`${RESULT_MARKER} ${JSON.stringify(counts)}`);
      if (failures > 0) reject(new Error(`${failures} tests failed`));
      else if (counts.passed === 0) reject(new Error('no test ran'));
      else resolve();
    });
  });
}
