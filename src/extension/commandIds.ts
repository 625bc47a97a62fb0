/** Every command the extension contributes; package.json lists the same ids. */
export enum CommandId {
  RunAudit = 'kbAudit.runAudit',
}
