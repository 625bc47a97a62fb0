// The progress line of long audits and previews: drawn on a terminal's standard error, redrawn in
// place at most ten times a second and erased at the end; never in a pipe, in CI or with --quiet.
// The CLI runs as a real process, on a pseudo-terminal through util-linux's `script`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runAudit } from '../../src/core/audit';
import { DEFAULT_CONFIG } from '../../src/core/config/config';
import { toPosix } from '../../src/core/fileSystem';
import { nodeFileSystem } from '../../src/core/nodeFileSystem';
import type { Progress } from '../../src/core/progress';
import { createProgressDisplay, PROGRESS_DELAY_MS, PROGRESS_INTERVAL_MS, wantsProgress } from '../../src/cli/progress';
// @ts-expect-error: a plain JavaScript module, shared with the benchmarks
import { writeKb } from '../bench/generateKb.mjs';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const ERASE = '\r\x1b[2K';
const ESC = '\x1b';

/** The environment of a person at a terminal: no CI, a real TERM. */
function terminalEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color', ...extra };
  if (!('CI' in extra)) delete env.CI;
  return env;
}

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

/** Runs the CLI on a pseudo-terminal (stdin, stdout and stderr all on it): what the terminal received. */
function onTerminal(args: string[], env: NodeJS.ProcessEnv, cwd: string): { code: number | null; screen: string; ms: number } {
  const command = [process.execPath, CLI, ...args].map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`).join(' ');
  // -e: the child's exit code; -q: no "Script started" lines; /dev/null: no typescript file.
  const started = performance.now();
  const result = spawnSync('script', ['-qec', command, '/dev/null'], { cwd, env, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, screen: result.stdout, ms: performance.now() - started };
}

describe('the progress display', () => {
  const fakeClock = () => {
    let time = 1000;
    return { now: () => time, advance: (ms: number) => (time += ms) };
  };
  const read = (done: number): Progress => ({ stage: 'read', done, total: 100 });

  it('draws nothing for a run shorter than its delay, then at most one line per interval', () => {
    const clock = fakeClock();
    const written: string[] = [];
    const display = createProgressDisplay((text) => written.push(text), { isTTY: true, columns: 80 }, clock.now);
    display.update(read(1));
    clock.advance(PROGRESS_DELAY_MS - 1);
    display.update(read(2));
    display.clear();
    assert.deepEqual(written, [], 'nothing drawn, nothing to erase');
    clock.advance(1);
    display.update(read(3));
    assert.deepEqual(written, [`${ERASE}kb-audit: reading and parsing files: 3/100`]);
    // A thousand updates within one interval: no redraw.
    for (let i = 4; i < 1004; i++) display.update(read(i));
    assert.equal(written.length, 1);
    clock.advance(PROGRESS_INTERVAL_MS);
    display.update({ stage: 'rules', done: 2, total: 21, item: 'near-duplicate' });
    assert.equal(written.at(-1), `${ERASE}kb-audit: running rules: 2/21 (near-duplicate)`);
    display.clear();
    assert.equal(written.at(-1), ERASE);
    display.clear();
    assert.equal(written.length, 3, 'a second clear writes nothing');
  });

  it('keeps the line shorter than the terminal, which would wrap it', () => {
    const clock = fakeClock();
    const written: string[] = [];
    const display = createProgressDisplay((text) => written.push(text), { isTTY: true, columns: 20 }, clock.now);
    clock.advance(PROGRESS_DELAY_MS);
    display.update({ stage: 'questions', done: 5, total: 900 });
    assert.equal(written[0], `${ERASE}kb-audit: routing s`);
  });

  it('is wanted on a terminal only, outside CI, not on a dumb terminal, not with --quiet', () => {
    const tty = { isTTY: true };
    assert.equal(wantsProgress(tty, {}, false), true);
    assert.equal(wantsProgress(tty, { CI: '' }, false), true);
    assert.equal(wantsProgress(tty, { CI: 'false' }, false), true);
    assert.equal(wantsProgress(tty, { CI: 'true' }, false), false);
    assert.equal(wantsProgress(tty, { CI: '1' }, false), false);
    assert.equal(wantsProgress(tty, { TERM: 'dumb' }, false), false);
    assert.equal(wantsProgress(tty, {}, true), false);
    assert.equal(wantsProgress({ isTTY: false }, {}, false), false);
    assert.equal(wantsProgress(undefined, {}, false), false);
  });
});

describe('progress from the engine and the CLI', () => {
  let temp: string;
  let docs: string;
  let questions: string;
  before(() => {
    temp = mkdtempSync(join(tmpdir(), 'kb-progress-'));
    docs = toPosix(join(temp, 'docs'));
    // Long enough (a second or more) for the line to be drawn several times.
    const kb = writeKb(docs, { articles: 200, seed: 11 });
    const headings = [...(kb.files as Map<string, string>).values()].flatMap((text) => [...text.matchAll(/^## (.+)$/gm)].map((m) => m[1]));
    questions = join(temp, 'questions.txt');
    writeFileSync(questions, headings.slice(0, 400).join('\n') + '\n');
  });
  after(() => rmSync(temp, { recursive: true, force: true }));

  it('reports files read and parsed, questions routed and rules run, in that order', async () => {
    const seen: Progress[] = [];
    const result = await runAudit(nodeFileSystem, docs, DEFAULT_CONFIG, { questions: toPosix(questions), onProgress: (p) => seen.push({ ...p }) });
    const stages = seen.map((p) => p.stage).filter((stage, i, all) => stage !== all[i - 1]);
    assert.deepEqual(stages, ['read', 'questions', 'rules']);
    const read = seen.filter((p) => p.stage === 'read');
    assert.deepEqual(read.map((p) => p.done), Array.from({ length: 201 }, (_, i) => i));
    assert.ok(read.every((p) => p.total === 200));
    const routed = seen.filter((p) => p.stage === 'questions');
    assert.equal(routed.length, result.questions!.preview.results.length);
    const rules = seen.filter((p) => p.stage === 'rules');
    assert.ok(rules.length > 10 && rules.every((p, i) => p.done === i && p.total === rules.length && p.item));
  });

  it('writes no progress when standard error is a pipe: stderr is exactly the summary line', () => {
    const text = spawnSync(process.execPath, [CLI, 'audit', docs, '--fail-on', 'never'], { cwd: temp, env: terminalEnv(), encoding: 'utf8' });
    assert.equal(text.status, 0);
    assert.match(text.stderr, /^\d+ findings in 200 articles \(\d+ sections, 0 skipped\) in \d+ ms\n$/);
    const json = spawnSync(process.execPath, [CLI, 'audit', docs, '--fail-on', 'never', '--format', 'json'], { cwd: temp, env: terminalEnv(), encoding: 'utf8' });
    assert.equal(json.stderr, '');
    assert.equal(JSON.parse(json.stdout).stats.files, 200);
    const preview = spawnSync(process.execPath, [CLI, 'preview', questions, docs, '--format', 'json', '--output', join(temp, 'piped.json')], {
      cwd: temp,
      env: terminalEnv(),
      encoding: 'utf8',
    });
    assert.equal(preview.status, 0);
    assert.equal(preview.stderr, '');
    assert.equal(preview.stdout, '');
    const quiet = spawnSync(process.execPath, [CLI, 'audit', docs, '--fail-on', 'never', '--quiet'], { cwd: temp, env: terminalEnv(), encoding: 'utf8' });
    assert.equal(quiet.stderr, '', '--quiet leaves out the summary line too');
    assert.ok(!quiet.stdout.includes(ESC));
  });

  it('draws progress on a terminal, redrawn in place, and erases it before the report', { skip: !hasScript && 'no util-linux script' }, () => {
    const { code, screen, ms } = onTerminal(['audit', docs, '--fail-on', 'never', '--format', 'json'], terminalEnv(), temp);
    assert.equal(code, 0);
    // Every line drawn is one of the stages; which ones a run shows depends on the machine's speed.
    const drawn = screen.slice(0, screen.lastIndexOf(ERASE)).split(ERASE).slice(1);
    assert.ok(drawn.length >= 1, 'a progress line was drawn');
    for (const line of drawn) assert.match(line, /^kb-audit: (reading and parsing files: \d+\/200|running rules: \d+\/\d+ \([a-z-]+\))$/);
    // The line is erased, and then the report is written whole: after the last erase comes only the JSON.
    const afterLastErase = screen.slice(screen.lastIndexOf(ERASE) + ERASE.length);
    assert.equal(JSON.parse(afterLastErase.replace(/\r\n/g, '\n')).stats.files, 200);
    // At most ten redraws a second, whatever the number of files (one erase is the last one's).
    const draws = drawn.length;
    assert.ok(draws >= 1 && draws <= Math.ceil(ms / PROGRESS_INTERVAL_MS) + 1, `${draws} redraws in ${Math.round(ms)} ms`);
  });

  it('shows sample questions being routed in a preview, erased when it ends', { skip: !hasScript && 'no util-linux script' }, () => {
    const out = join(temp, 'preview.json');
    const { code, screen } = onTerminal(['preview', questions, docs, '--format', 'json', '--output', out], terminalEnv(), temp);
    assert.equal(code, 0);
    assert.match(screen, /\r\x1b\[2Kkb-audit: (reading and parsing files|routing sample questions): /);
    assert.ok(screen.endsWith(ERASE), `the screen ends with ${JSON.stringify(screen.slice(-40))}`);
    assert.equal(JSON.parse(readFileSync(out, 'utf8')).results.length, 400);
  });

  it('draws nothing on a terminal in CI or with --quiet', { skip: !hasScript && 'no util-linux script' }, () => {
    for (const [args, env] of [
      [['audit', docs, '--fail-on', 'never', '--format', 'json'], terminalEnv({ CI: 'true' })],
      [['audit', docs, '--fail-on', 'never', '--format', 'json', '--quiet'], terminalEnv()],
      [['audit', docs, '--fail-on', 'never', '--format', 'json', '-q'], terminalEnv({ TERM: 'dumb' })],
    ] as const) {
      const { code, screen } = onTerminal([...args], env, temp);
      assert.equal(code, 0);
      assert.ok(!screen.includes(ESC), `no escape sequence with ${args.join(' ')} (CI=${env.CI ?? ''})`);
      assert.equal(JSON.parse(screen.replace(/\r\n/g, '\n')).stats.files, 200);
    }
  });
});
