import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CommandId } from '../../../src/extension/commandIds';
import { activateExtension, kbAuditExtension } from './helpers/extension';

describe('activation', () => {
  it('activates in a workspace of Markdown articles and exports its API', async () => {
    const extension = kbAuditExtension();
    const api = await activateExtension();
    assert.equal(extension.isActive, true);
    assert.equal(typeof api.runAudit, 'function');
    assert.equal(typeof api.onDidAudit, 'function');
    // The activation events are what made it start here, without any command being run.
    assert.ok(extension.packageJSON.activationEvents.includes('workspaceContains:**/*.md'));
  });

  it('registers every command it contributes', async () => {
    await activateExtension();
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed: { command: string; category: string }[] = kbAuditExtension().packageJSON.contributes.commands;
    assert.ok(contributed.some((c) => c.command === CommandId.RunAudit));
    for (const { command, category } of contributed) {
      assert.ok(registered.has(command), `${command} is contributed but not registered`);
      assert.equal(category, 'KB Audit');
    }
    for (const id of Object.values(CommandId)) assert.ok(registered.has(id), `${id} is not registered`);
  });

  it('ships the kb-audit.json schema that its jsonValidation names', () => {
    const extension = kbAuditExtension();
    const [validation] = extension.packageJSON.contributes.jsonValidation;
    assert.equal(validation.fileMatch, 'kb-audit.json');
    const schema = JSON.parse(fs.readFileSync(path.join(extension.extensionPath, validation.url), 'utf8'));
    assert.equal(schema.type, 'object');
    for (const key of ['docs', 'include', 'exclude', 'rules']) assert.ok(key in schema.properties, `the schema lacks ${key}`);
  });
});
