import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AuditResult } from '../../../src/core/audit';
import { CommandId } from '../../../src/extension/commandIds';
import { kbAuditDiagnostics, waitForDiagnostics } from '../suite/helpers/diagnostics';
import { kbAuditExtension } from '../suite/helpers/extension';

// Runs with the .vsix installed into the host's extensions folder (the harness does that) and a
// probe as the development extension, so the KB Audit here is the packaged one.
const MAX_VSIX_BYTES = 5 * 1024 * 1024;

function filesUnder(root: string, dir = root): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(root, full) : [path.relative(root, full).split(path.sep).join('/')];
  });
}

describe('the packaged extension (.vsix)', () => {
  it('is the copy installed from the .vsix', () => {
    const extensionsDir = process.env.KB_AUDIT_EXTENSIONS_DIR;
    assert.ok(extensionsDir, 'KB_AUDIT_EXTENSIONS_DIR names the folder the .vsix was installed into');
    const extension = kbAuditExtension();
    assert.equal(path.dirname(extension.extensionPath), fs.realpathSync(extensionsDir));
    assert.equal(extension.packageJSON.version, JSON.parse(fs.readFileSync(path.join(extension.extensionPath, 'package.json'), 'utf8')).version);
  });

  it('activates and audits the workspace into the Problems panel', async () => {
    const extension = kbAuditExtension();
    await extension.activate();
    assert.equal(extension.isActive, true);
    const published = waitForDiagnostics('kb-audit diagnostics', (all) => (all.size > 0 ? all : undefined));
    const result = await vscode.commands.executeCommand<AuditResult>(CommandId.RunAudit);
    assert.ok(result && result.stats.files > 0, 'Run Audit audited no articles');
    await published;
    assert.equal([...kbAuditDiagnostics().values()].flat().length, result.findings.length);
  });

  it('holds the bundles, schema, media and docs, and no sources, tests, maps or node_modules', () => {
    const files = filesUnder(kbAuditExtension().extensionPath);
    for (const required of ['package.json', 'dist/extension.js', 'dist/cli.js', 'dist/cli-bundle.js', 'dist/webview.js', 'dist/kb-audit.schema.json', 'dist/THIRD-PARTY-NOTICES.txt', 'media/icon.png']) {
      assert.ok(files.includes(required), `${required} is missing from the package`);
    }
    for (const doc of [/^readme\.md$/i, /^changelog\.md$/i, /^license(\.txt|\.md)?$/i]) {
      assert.ok(files.some((file) => doc.test(file)), `no ${doc} in the package`);
    }
    assert.ok(files.some((file) => file.startsWith('media/')), 'no media in the package');
    const stray = files.filter((file) => /^(src|test|out)\/|node_modules\/|\.map$|\.ts$/.test(file));
    assert.deepEqual(stray, []);
  });

  it('carries the licences of the packages its bundles hold, and the marketplace icon its manifest names', () => {
    const extension = kbAuditExtension();
    const notices = fs.readFileSync(path.join(extension.extensionPath, 'dist', 'THIRD-PARTY-NOTICES.txt'), 'utf8');
    for (const bundled of ['markdown-it', 'yaml', 'picomatch', 'csv-parse', 'jsonc-parser']) assert.match(notices, new RegExp(`^${bundled} \\d+\\.\\d+\\.\\d+ \\(`, 'm'));
    assert.match(notices, /Permission is hereby granted/, 'licence texts, not only names');
    assert.equal(extension.packageJSON.icon, 'media/icon.png');
    const png = fs.readFileSync(path.join(extension.extensionPath, extension.packageJSON.icon));
    assert.equal(png.toString('latin1', 1, 4), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  });

  it('is a .vsix under 5 MB', () => {
    const vsix = process.env.KB_AUDIT_VSIX;
    assert.ok(vsix, 'KB_AUDIT_VSIX names the package');
    const size = fs.statSync(vsix).size;
    assert.ok(size > 0 && size < MAX_VSIX_BYTES, `${path.basename(vsix)} is ${size} bytes`);
  });
});
