import { format } from 'node:util';

/** Prints a line among the suite's results (the harness shows only lines carrying its mark; see index.ts). */
export function reportLine(...args: unknown[]): void {
  console.log((process.env.KB_AUDIT_MARK_OUTPUT ? '[kb-audit-suite] ' : '') + format(...args));
}
