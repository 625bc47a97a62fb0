import type { AuditResult } from '../../core/audit';
import type { Services } from './services';

/** Audits every folder with a notification that can cancel it; rejects with the error (e.g. a bad kb-audit.json). */
export function runAudit({ controller }: Services) {
  return (): Promise<AuditResult | undefined> => controller.runAudit({ explicit: true });
}
