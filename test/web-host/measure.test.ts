// The figures the README quotes, measured the same way in both hosts: activation (inside
// activate) and a full audit of the sample knowledge base (Run Audit, through the API), median
// of five. In the web host it runs with the web suite (npm run test:web); in the desktop host
// through node test/web-host/desktop-measure.mjs.
import * as assert from 'node:assert/strict';
import { auditedApi } from '../integration/suite/helpers/extension';

/** A line among the suite's results: each runner shows only lines with its mark. */
function report(line: string): void {
  const hook = (globalThis as { kbAuditReport?: (line: string) => void }).kbAuditReport;
  if (hook) return hook(line);
  const marked = typeof process !== 'undefined' && process.env.KB_AUDIT_MARK_OUTPUT;
  console.log(`${marked ? '[kb-audit-suite] ' : ''}${line}`);
}

describe('measurements', () => {
  it('activation and a full audit of the sample knowledge base', async function () {
    this.timeout(180_000);
    const { api } = await auditedApi(90_000);
    const times: number[] = [];
    for (let run = 0; run < 5; run++) {
      const started = performance.now();
      const result = await api.runAudit({ explicit: true });
      times.push(performance.now() - started);
      assert.ok(result && result.findings.length > 0);
    }
    times.sort((a, b) => a - b);
    const { kind, activationMs } = api.inspect.host;
    assert.equal(api.inspect.auditOffThread, true, 'the audit ran off the extension host\'s thread');
    report(
      `      ${kind} extension host: activation ${activationMs.toFixed(1)} ms; full audit of the sample knowledge base ${times[2].toFixed(0)} ms (median of 5, ${times[0].toFixed(0)}–${times[4].toFixed(0)} ms)`,
    );
  });
});
