// `kb-audit audit` on a two-locale Hugo site in a real git repository, through the real CLI
// process: pages without dates in front matter, the English source committed after its German
// translation, so git history alone says the translation is stale. Also: the rule's
// "history": false, a translation updated but not committed yet, a shallow clone (every file
// looks changed at its one commit), and the cache, which must not reuse findings across a
// commit that changes only when a file last changed; a source changed and changed back; kb-audit
// diff, each side dated by its own history. And how the output of git log and git status is read.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseGitLog, parseGitStatus } from '../../src/cli/gitHistory';
import { runCli, tempFolder } from './reliability/helpers';

interface AuditJson {
  findings: Array<{ ruleId: string; file: string; line: number; message: string; related?: Array<{ file: string; message: string }> }>;
}

const HUGO = `baseURL = "https://help.lumen.test/"
defaultContentLanguage = "en"

[languages.en]
languageName = "English"
weight = 1

[languages.de]
languageName = "Deutsch"
weight = 2
`;

const page = (title: string, body: string) => `---\ntitle: ${title}\n---\n\n# ${title}\n\n${body}\n`;

const SOURCE = page('Returning a lamp', 'Return a lamp within thirty days of delivery for a full refund to the card you paid with.');
const SOURCE_CHANGED = page('Returning a lamp', 'Return a lamp within fourteen days of delivery for a full refund to the card you paid with.');
const TRANSLATION = page('Eine Lampe zurückgeben', 'Sie können eine Lampe innerhalb von dreißig Tagen nach der Lieferung gegen volle Erstattung zurückgeben.');
const TRANSLATION_UPDATED = page('Eine Lampe zurückgeben', 'Sie können eine Lampe innerhalb von vierzehn Tagen nach der Lieferung gegen volle Erstattung zurückgeben.');

/**
 * A two-locale Hugo site in a new git repository under a temporary folder: the pages committed
 * together on 2025-11-20, then the English source changed on 2026-03-02 (tagged v2).
 */
function hugoSite(prefix: string) {
  const temp = tempFolder(prefix);
  const repo = join(temp.path, 'site');
  const content = join(repo, 'content');
  const git = (args: string[], when?: string, cwd = repo) =>
    execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...(when ? { GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when } : {}) } }).trim();
  const commit = (message: string, when: string) => {
    git(['add', '-A']);
    git(['commit', '-q', '-m', message], when);
  };
  const write = (file: string, text: string) => writeFileSync(join(content, file), text);
  const create = () => {
    mkdirSync(join(repo, 'layouts'), { recursive: true });
    mkdirSync(content, { recursive: true });
    git(['init', '-q', '-b', 'main']);
    git(['config', 'user.email', 'docs@example.com']);
    git(['config', 'user.name', 'Docs']);
    git(['config', 'commit.gpgsign', 'false']);
    writeFileSync(join(repo, 'hugo.toml'), HUGO);
    writeFileSync(join(repo, 'layouts', '.keep'), '');
    write('returns.md', SOURCE);
    write('returns.de.md', TRANSLATION);
    commit('Returns page in English and German', '2025-11-20T10:00:00Z');
    write('returns.md', SOURCE_CHANGED);
    commit('Returns: fourteen days', '2026-03-02T10:00:00Z');
    git(['tag', 'v2']);
  };
  return { temp, repo, content, git, commit, write, create };
}

/** `kb-audit diff … --format json` in `cwd`: the files of its new and fixed stale-translation findings. */
function staleDiff(args: string[], cwd: string) {
  const run = runCli(['diff', ...args, '--format', 'json', '--fail-on', 'never'], { cwd });
  assert.equal(run.code, 0, run.stderr);
  const report = JSON.parse(run.stdout) as { findings: { new: AuditJson['findings']; fixed: AuditJson['findings'] } };
  const stale = (list: AuditJson['findings']) => list.filter((f) => f.ruleId === 'stale-translation').map((f) => f.file);
  return { stdout: run.stdout, stderr: run.stderr, new: stale(report.findings.new), fixed: stale(report.findings.fixed) };
}

describe('stale-translation from git history (kb-audit audit)', () => {
  const { temp, repo, content, git, commit, write, create } = hugoSite('stale-git');
  const audit = (args: string[] = [], cwd = repo) => {
    const run = runCli(['audit', 'content', '--format', 'json', '--fail-on', 'never', ...args], { cwd });
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as AuditJson;
    return { stderr: run.stderr, stale: report.findings.filter((f) => f.ruleId === 'stale-translation') };
  };

  before(create);
  after(() => temp.remove());

  it('reports the translation whose source was committed after it, saying the dates are from git', () => {
    const { stale } = audit();
    assert.equal(stale.length, 1, JSON.stringify(stale));
    assert.equal(stale[0].file, 'returns.de.md');
    assert.equal(stale[0].line, 5, 'the title line: the page has no date line');
    assert.equal(stale[0].message, "the source (en) was last changed 2026-03-02 (git), after this translation (2025-11-20): check it against the source's changes");
    assert.deepEqual(
      stale[0].related?.map((r) => [r.file, r.message]),
      [['returns.md', 'the source: last commit 2026-03-02']],
    );
  });

  it('a source changed after its translation and changed back is not reported: nothing is left to translate', () => {
    const other = join(temp.path, 'reverted');
    execFileSync('git', ['clone', '-q', repo, other]);
    const at = (args: string[], when: string) =>
      execFileSync('git', ['-c', 'user.email=docs@example.com', '-c', 'user.name=Docs', '-c', 'commit.gpgsign=false', ...args], {
        cwd: other,
        env: { ...process.env, GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when },
      });
    writeFileSync(join(other, 'content', 'returns.de.md'), TRANSLATION_UPDATED);
    at(['commit', '-q', '-am', 'German returns: fourteen days'], '2026-03-05T10:00:00Z');
    writeFileSync(join(other, 'content', 'returns.md'), SOURCE_CHANGED.replace('full refund', 'full refund (a note for the spring sale)'));
    at(['commit', '-q', '-am', 'Returns: spring sale note'], '2026-03-10T10:00:00Z');
    assert.equal(audit([], other).stale.length, 1, 'the note is not in the translation');
    writeFileSync(join(other, 'content', 'returns.md'), SOURCE_CHANGED);
    at(['commit', '-q', '-am', 'Returns: the sale is over'], '2026-03-20T10:00:00Z');
    assert.deepEqual(audit([], other).stale, []);
  });

  it('reports nothing with the rule\'s "history": false', () => {
    writeFileSync(join(repo, 'kb-audit.json'), '{ "rules": { "stale-translation": { "history": false } } }\n');
    try {
      assert.deepEqual(audit().stale, []);
    } finally {
      rmSync(join(repo, 'kb-audit.json'));
    }
  });

  it('a translation updated but not committed yet is not stale; a source edited in the working tree is newer than any commit', () => {
    write('returns.de.md', TRANSLATION_UPDATED);
    try {
      assert.deepEqual(audit().stale, []);
    } finally {
      git(['checkout', '-q', '--', 'content/returns.de.md']);
    }
    write('returns.md', SOURCE_CHANGED + '\nCollections are free.\n');
    try {
      const { stale } = audit();
      assert.match(stale[0]?.message ?? '', /^the source \(en\) has changes not committed yet \(git\), after this translation \(2025-11-20\)/);
    } finally {
      git(['checkout', '-q', '--', 'content/returns.md']);
    }
  });

  it('kb-audit diff: each side dated by its own history, so a change that leaves a translation behind is a new finding', () => {
    const diff = (args: string[]) => staleDiff(args, repo);
    // Before the second commit both pages were as old as each other; after it, the source is newer.
    const twoThreads = diff(['HEAD~1', 'HEAD', 'content', '--jobs', '2']);
    assert.deepEqual(twoThreads.new, ['returns.de.md']);
    assert.deepEqual(twoThreads.fixed, []);
    assert.equal(diff(['HEAD~1', 'HEAD', 'content', '--jobs', '1']).stdout, twoThreads.stdout, 'BASE on a second thread reads its own history alike');
    // The translation updated in the working tree: HEAD's finding is fixed.
    write('returns.de.md', TRANSLATION_UPDATED);
    try {
      const fixing = diff(['HEAD', 'content']);
      assert.deepEqual(fixing.fixed, ['returns.de.md']);
      assert.deepEqual(fixing.new, []);
    } finally {
      git(['checkout', '-q', '--', 'content/returns.de.md']);
    }
    writeFileSync(join(repo, 'kb-audit.json'), '{ "rules": { "stale-translation": { "history": false } } }\n');
    try {
      assert.deepEqual(diff(['HEAD~1', 'HEAD', 'content']).new, []);
    } finally {
      rmSync(join(repo, 'kb-audit.json'));
    }
  });

  it('a shallow clone: both files look changed at its one commit, so nothing is reported, and a note says why', () => {
    const shallow = join(temp.path, 'shallow');
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo}`, shallow]);
    const { stale, stderr } = audit([], shallow);
    assert.deepEqual(stale, []);
    assert.match(stderr, /kb-audit: note: shallow clone: .*stale-translation may miss some translations/);
    assert.doesNotMatch(stderr, /warning|error/i);
  });

  it('with --cache, a commit that changes only when files last changed is audited again', () => {
    const cacheDir = join(temp.path, 'cache');
    const cached = () => audit(['--cache-dir', cacheDir]);
    assert.equal(cached().stale.length, 1);
    assert.equal(cached().stale.length, 1, 'reused under the same history');
    // The translation touched and put back: the same bytes, a newer commit than the source's.
    write('returns.de.md', TRANSLATION_UPDATED);
    commit('German returns: fourteen days', '2026-03-10T10:00:00Z');
    write('returns.de.md', TRANSLATION);
    commit('German returns: back to the reviewed wording', '2026-03-11T10:00:00Z');
    assert.equal(readFileSync(join(content, 'returns.de.md'), 'utf8'), TRANSLATION);
    assert.deepEqual(cached().stale, []);
  });

  it('never runs a program the repository\'s configuration names (core.fsmonitor) while reading the status', { skip: process.platform === 'win32' && 'a shell script stands in for the program' }, () => {
    const marker = join(temp.path, 'fsmonitor-ran');
    const program = join(temp.path, 'fsmonitor.sh');
    writeFileSync(program, `#!/bin/sh\ntouch '${marker}'\n`, { mode: 0o755 });
    git(['config', 'core.fsmonitor', program]);
    // A source edited in the working tree: only git status can say so.
    write('returns.md', readFileSync(join(content, 'returns.md'), 'utf8') + '\nCollections are free.\n');
    try {
      const { stale } = audit();
      assert.match(stale[0]?.message ?? '', /has changes not committed yet \(git\)/, 'the status was read');
      assert.equal(existsSync(marker), false, 'the repository\'s fsmonitor program was run');
    } finally {
      git(['config', '--unset', 'core.fsmonitor']);
      git(['checkout', '-q', '--', 'content/returns.md']);
    }
  });

  it('git runs only for a multilingual folder', { skip: process.platform === 'win32' && 'a shell script stands in for git' }, () => {
    // A git that records being run, first on the PATH.
    const bin = join(temp.path, 'bin');
    const calls = join(temp.path, 'git-calls.txt');
    mkdirSync(bin);
    writeFileSync(join(bin, 'git'), `#!/bin/sh\necho "$@" >> '${calls}'\nexit 1\n`, { mode: 0o755 });
    const env = { PATH: `${bin}:${process.env.PATH ?? ''}` };
    const single = join(temp.path, 'single');
    mkdirSync(single);
    writeFileSync(join(single, 'returns.md'), SOURCE);
    assert.equal(runCli(['audit', '.', '--fail-on', 'never'], { cwd: single, env }).code, 0);
    assert.equal(existsSync(calls), false, 'one locale: git never run');
    const run = runCli(['audit', 'content', '--fail-on', 'never'], { cwd: repo, env });
    assert.equal(run.code, 0, run.stderr);
    assert.match(readFileSync(calls, 'utf8'), /^rev-parse /, 'two locales: git asked once, where the repository is');
    assert.doesNotMatch(run.stderr, /warning/, 'a git that fails there means no history, not a problem');
  });
});

describe('stale-translation in kb-audit diff with --cache', () => {
  const { temp, repo, commit, write, create } = hugoSite('stale-diff-cache');
  const diff = () => staleDiff(['v2', 'content', '--cache-dir', join(temp.path, 'cache')], repo);

  before(create);
  after(() => temp.remove());

  it('a state kept by an earlier diff is audited again when only its history changed', () => {
    const first = diff();
    assert.match(first.stderr, /0 of 2 states reused/);
    assert.deepEqual([first.new, first.fixed], [[], []], 'the working tree is v2: the same stale translation on both sides');
    // The translation touched and put back in two commits: the same bytes, but now newer than its source.
    write('returns.de.md', TRANSLATION_UPDATED);
    commit('German returns: fourteen days', '2026-03-10T10:00:00Z');
    write('returns.de.md', TRANSLATION);
    commit('German returns: back to the reviewed wording', '2026-03-11T10:00:00Z');
    const second = diff();
    // BASE (v2, whose history is as it was) is reused; the working tree, the same bytes as before, is not.
    assert.match(second.stderr, /1 of 2 states reused/);
    assert.deepEqual(second.fixed, ['returns.de.md']);
    assert.deepEqual(second.new, []);
  });
});

describe('reading git log and git status', () => {
  it('lists each file\'s changes newest first, with its blob; merges list no files; a path may look like a header or a change', () => {
    const change = (blob: string) => `:100644 100644 ${'0'.repeat(40)} ${blob} M`;
    // As `git log -z --format=/%ct --raw --no-abbrev` writes them: a merge (no files), then commits.
    const log = [
      '/1772445600',
      '/1772445500', `\n${change('b2')}`, '2026.md', change('a2'), 'de/a.md',
      '/1763632800', `\n${change('a1')}`, 'de/a.md', change('c1'), '/odd.md',
      '/1700000000', `\n${change('b1')}`, '2026.md', change('x1'), ':colon.md',
      '',
    ].join('\0');
    assert.deepEqual(Object.fromEntries(parseGitLog(log)), {
      '2026.md': [
        { time: 1772445500, blob: 'b2' },
        { time: 1700000000, blob: 'b1' },
      ],
      'de/a.md': [
        { time: 1772445500, blob: 'a2' },
        { time: 1763632800, blob: 'a1' },
      ],
      '/odd.md': [{ time: 1763632800, blob: 'c1' }],
      ':colon.md': [{ time: 1700000000, blob: 'x1' }],
    });
  });

  it('takes modified, added and untracked files under the docs folder, not deleted ones', () => {
    const status = [' M docs/a.md', '?? docs/new.de.md', 'A  docs/sub/b.md', ' D docs/gone.md', 'D  docs/removed.md', ''].join('\0');
    assert.deepEqual([...parseGitStatus(status, 'docs/')], ['a.md', 'new.de.md', 'sub/b.md']);
    assert.deepEqual([...parseGitStatus(' M a.md\0', '')], ['a.md']);
  });
});
