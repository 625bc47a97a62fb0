// Links: KB Audit shows no link taken from an article (the webview shows text, hovers show code
// blocks); article Markdown is parsed with HTML and linkify off; the Markdown report's links are
// built from file names and must stay http, https, mailto or relative whatever the name.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import MarkdownIt from 'markdown-it';
import type { AuditStats } from '../../../src/core/audit';
import { formatMarkdown } from '../../../src/core/format/markdown';
import { sectionText, type Finding } from '../../../src/core/model';
import { parseMarkdown } from '../../../src/core/parse/markdown';
import { isAllowedLink, linkScheme } from '../../helpers/links';
import { ROOT } from './helpers';

describe('isAllowedLink', () => {
  it('allows http, https, mailto and relative references', () => {
    for (const href of ['https://example.com/help', 'http://example.com', 'HTTPS://EXAMPLE.COM', 'mailto:help@example.com', 'returns/refunds.md', './a.md', '../a.md#refunds', '#refunds', '?q=1', '/docs/a.md', 'javascript%3Aalert(1)']) {
      assert.equal(isAllowedLink(href), true, href);
    }
  });

  it('refuses command:, vscode:, file:, data:, javascript: and every other scheme, however disguised', () => {
    const refused = [
      'command:workbench.action.terminal.new',
      'command:kbAudit.runAudit',
      'vscode:extension/evil.extension',
      'vscode-insiders://x',
      'vscode-webview://host/index.html',
      'file:///etc/passwd',
      'FILE:///C:/Windows/win.ini',
      'data:text/html,<script>alert(1)</script>',
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      '\u0000javascript:alert(1)',
      '\u001fcommand:x',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      'vbscript:msgbox(1)',
      'blob:https://example.com/1',
      'ftp://example.com/x',
      '//evil.example/x',
      '\\\\evil.example\\x',
      '/\\evil.example',
      'https://example.com/' + 'x'.repeat(9000),
    ];
    for (const href of refused) assert.equal(isAllowedLink(href), false, JSON.stringify(href));
  });
});

describe('article Markdown', () => {
  it('is parsed with HTML and linkify off: raw tags and bare URLs are text, not links', () => {
    const article = parseMarkdown(
      'links.md',
      [
        '# Help',
        '',
        'See www.example.com or https://example.com/bare for more.',
        '',
        '<a href="command:workbench.action.terminal.new">open a terminal</a> <img src=x onerror=alert(1)>',
        '',
        '[the real page](https://example.com/help)',
      ].join('\n'),
    );
    assert.deepEqual(
      article.sections.flatMap((s) => s.links.map((l) => l.href)),
      ['https://example.com/help'],
    );
    // The tags are markup, read as the words between them; nothing of them is a link or HTML.
    assert.match(sectionText(article.sections[0]), /open a terminal/);
    assert.doesNotMatch(sectionText(article.sections[0]), /<img|onerror|command:/);
  });

  it('no markdown-it instance in the source renders HTML or turns on linkify or raw HTML', () => {
    const sources: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith('.ts')) sources.push(path);
      }
    };
    walk(join(ROOT, 'src'));
    let instances = 0;
    for (const file of sources) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/new MarkdownIt\(([^)]*)\)/g)) {
        instances++;
        assert.match(m[1], /html: false/, file);
        assert.match(m[1], /linkify: false/, file);
      }
      if (/from 'markdown-it'/.test(text)) assert.doesNotMatch(text, /\.render(Inline)?\(/, `${file} renders Markdown to HTML`);
    }
    assert.ok(instances >= 1);
  });
});

describe('links in the Markdown report', () => {
  const hostileNames = [
    'javascript:alert(1).md',
    'command:workbench.action.terminal.new.md',
    '"><img src=x onerror=alert(1)>.md',
    'a)(b.md',
    'a#b.md',
    'two words.md',
    'sub/vscode:x.md',
  ];
  const findings: Finding[] = hostileNames.map((file, i) => ({
    ruleId: 'empty-section',
    severity: 'warning',
    message: `section "</script><script>alert(${i})</script>" is empty`,
    file,
    line: i + 1,
    column: 1,
    endLine: i + 1,
    endColumn: 2,
  }));
  const stats: AuditStats = { files: hostileNames.length, sections: hostileNames.length, skipped: 0, durationMs: 0 };

  it('every link is an allowed one, file links are relative, and each still points at its file', () => {
    const report = formatMarkdown(findings, { root: 'docs`with`ticks', stats, linkPrefix: '' });
    const md = new MarkdownIt({ html: true });
    const hrefs: string[] = [];
    const visit = (tokens: ReturnType<typeof md.parse>) => {
      for (const token of tokens) {
        if (token.type === 'link_open') hrefs.push(String(token.attrGet('href') ?? ''));
        if (token.children) visit(token.children);
      }
    };
    visit(md.parse(report, {}));
    for (const href of hrefs) assert.ok(isAllowedLink(href), href);
    const fileLinks = hrefs.filter((href) => linkScheme(href) === null);
    assert.deepEqual(
      fileLinks.map((href) => decodeURIComponent(href.replace(/#L\d+$/, ''))),
      hostileNames,
    );
    // Rendered even by a renderer that allows raw HTML, the names stay text.
    const html = md.render(report);
    assert.doesNotMatch(html, /<img|<script/);
    assert.match(report, /^``docs`with`ticks``: /m);
  });
});
