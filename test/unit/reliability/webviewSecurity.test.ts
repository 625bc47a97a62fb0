// The webview's page and channel: a default-src 'none' CSP whose only script key is a fresh
// 128-bit nonce, resources only from the extension's media and bundle folders, and messages
// from the page checked against the union, with dropped ones described in bounded form.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { contentSecurityPolicy, createNonce, renderWebviewPage, WEBVIEW_RESOURCE_FOLDERS } from '../../../src/extension/webviewHtml';
import { describeMessage, LIMITS, parseWebviewMessage, WEBVIEW_COMMANDS } from '../../../src/shared/messages';
import { ROOT } from './helpers';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name, values]),
  );
}

describe('webview page', () => {
  it('nonces are 128 random bits, base64, different every time', () => {
    const nonces = new Set(Array.from({ length: 1000 }, () => createNonce()));
    assert.equal(nonces.size, 1000);
    for (const nonce of nonces) {
      assert.match(nonce, /^[A-Za-z0-9+/]{22}==$/);
      assert.equal(Buffer.from(nonce, 'base64').length, 16);
    }
  });

  it("the CSP starts from default-src 'none' and lets scripts run only by the nonce", () => {
    const csp = directives(contentSecurityPolicy('https://webview.example', 'abc123=='));
    assert.deepEqual(csp.get('default-src'), ["'none'"]);
    assert.deepEqual(csp.get('script-src'), ["'nonce-abc123=='"]);
    for (const [name, values] of csp) {
      for (const value of values) {
        assert.doesNotMatch(value, /unsafe-|^\*$|^https?:$|^data:$|^blob:$|^'strict-dynamic'$/, `${name} ${value}`);
      }
    }
    for (const name of ['connect-src', 'frame-src', 'child-src', 'object-src', 'worker-src']) assert.equal(csp.has(name), false, name);
  });

  it('the page has one script, carrying the nonce, and escapes what it is given', () => {
    const nonce = createNonce();
    const html = renderWebviewPage({
      cspSource: 'https://webview.example',
      scriptUri: 'https://webview.example/dist/webview.js?"><script>alert(1)</script>',
      styleUri: 'https://webview.example/media/webview.css',
      nonce,
      mode: 'view',
      title: '</title><script>alert(2)</script>',
    });
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.equal(scripts.length, 1);
    assert.ok(scripts[0].includes(`nonce="${nonce}"`));
    assert.doesNotMatch(html, /<script>alert/);
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;|<meta http-equiv="Content-Security-Policy" content="default-src 'none'/);
  });

  it('the host loads resources only from media/ and dist/, with a fresh nonce for each page and no command links', () => {
    assert.deepEqual([...WEBVIEW_RESOURCE_FOLDERS], ['media', 'dist']);
    const host = readFileSync(join(ROOT, 'src', 'extension', 'askWebview.ts'), 'utf8');
    const roots = [...host.matchAll(/localResourceRoots: ([^,}]+)/g)].map((m) => m[1].trim());
    assert.ok(roots.length >= 2);
    for (const root of roots) assert.equal(root, 'this.resourceRoots()');
    assert.match(host, /private resourceRoots\(\): vscode\.Uri\[\] \{\s*return WEBVIEW_RESOURCE_FOLDERS\.map\(/);
    assert.match(host, /webview\.html = renderWebviewPage\(\{[^}]*nonce: createNonce\(\),/);
    assert.equal(host.match(/enableScripts: true/g)?.length, host.match(/enableCommandUris: false/g)?.length);
  });
});

describe('messages from the page', () => {
  it('only the allow-listed commands pass, never an inherited name or a VS Code command id', () => {
    for (const command of WEBVIEW_COMMANDS) assert.deepEqual(parseWebviewMessage({ type: 'command', command }), { type: 'command', command });
    for (const command of ['__proto__', 'constructor', 'hasOwnProperty', 'kbAudit.runAudit', 'workbench.action.terminal.new', 'vscode.open', '_workbench.downloadResource', '', 42, null]) {
      assert.equal(parseWebviewMessage({ type: 'command', command }), null, String(command));
    }
  });

  it('drops wrong types, huge values and odd objects', () => {
    const rejected: unknown[] = [
      { type: 'ask', requestId: Number.MAX_SAFE_INTEGER + 2, question: 'q' },
      { type: 'ask', requestId: 1, question: { toString: () => 'q' } },
      { type: 'ask', requestId: 1, question: ['q'] },
      { type: { toString: () => 'ready' } },
      { type: 'open', file: 'a.md', line: 1e10 },
      { type: 'open', file: 'a'.repeat(LIMITS.path + 1), line: 1 },
      { type: 'open', file: 'command:workbench.action.terminal.new', line: 1 },
      { type: 'open', file: 'vscode://file/etc/passwd', line: 1 },
      { type: 'open', file: 'data:text/plain,x', line: 1 },
      { type: 'whatIf', threshold: Infinity },
      { type: 'whatIf', threshold: '0.5' },
      { type: 'ask', requestId: 1, question: 'x'.repeat(10_000_000) },
    ];
    for (const value of rejected) assert.equal(parseWebviewMessage(value), null, JSON.stringify(value)?.slice(0, 100));
  });

  it('a dropped message is described in a few words, whatever its size', () => {
    assert.equal(describeMessage(null), 'null');
    assert.equal(describeMessage([1]), 'an array');
    assert.equal(describeMessage('x'.repeat(1_000_000)), 'a string');
    assert.equal(describeMessage({ question: 'x' }), 'an object without a type');
    assert.equal(describeMessage({ type: 'ask' }), 'type "ask"');
    assert.ok(describeMessage({ type: 'x'.repeat(1_000_000) }).length < 60);
  });
});
