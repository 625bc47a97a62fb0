// The test index the extension host loads (extensionTestsPath): runs every *.test.js bundled
// beside it (and *.measure.js, which the harness bundles only when asked to) with mocha and
// rejects when a test fails, which makes the host exit non-zero.
// Shared by the suites: the harness and the desktop runner compile one copy into each suite.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

/** The line the runners read the counts from; the harness adds the suites' counts up. */
export const RESULT_MARKER = 'kb-audit-integration-result';

/**
 * Starts every line the reporter prints when KB_AUDIT_MARK_OUTPUT is set: the browser harness
 * receives the host's console mixed with the workbench's own log and shows only these lines.
 * (The extension host owns `console`: assigning to its methods does nothing, so the mark goes
 * in through mocha's reporter output.)
 */
export const OUTPUT_MARKER = '[kb-audit-suite] ';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    timeout: 30_000,
    grep: process.env.KB_AUDIT_IT_GREP || undefined,
  });
  const files = fs
    .readdirSync(__dirname)
    .filter((file) => file.endsWith('.test.js') || file.endsWith('.measure.js'))
    .sort();
  if (files.length === 0) return Promise.reject(new Error(`no *.test.js files in ${__dirname}`));
  for (const file of files) mocha.addFile(path.join(__dirname, file));
  const print = (...args: unknown[]) => console.log((process.env.KB_AUDIT_MARK_OUTPUT ? OUTPUT_MARKER : '') + format(...args));
  Mocha.reporters.Base.consoleLog = print;
  return new Promise<void>((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const stats = runner.stats;
      const counts = { passed: stats?.passes ?? 0, failed: stats?.failures ?? failures, skipped: stats?.pending ?? 0 };
      print(`${RESULT_MARKER} ${JSON.stringify(counts)}`);
      // The desktop runner cannot read the host's console: it gets the counts from a file.
      if (process.env.KB_AUDIT_RESULT_FILE) fs.writeFileSync(process.env.KB_AUDIT_RESULT_FILE, JSON.stringify(counts));
      if (failures > 0) reject(new Error(`${failures} of ${counts.passed + counts.failed} tests failed`));
      // A suite that ran nothing has failed, unless a --grep chose no test of it.
      else if (counts.passed === 0 && !process.env.KB_AUDIT_IT_GREP) reject(new Error('no test ran'));
      else resolve();
    });
  });
}
