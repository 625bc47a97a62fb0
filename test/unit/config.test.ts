import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, DEFAULT_CONFIG, findConfig, loadConfig, MAX_CONFIG_DEPTH, parseConfig } from '../../src/core/config/config';
import { memoryFileSystem } from '../helpers/memoryFileSystem';

function configError(text: string): ConfigError {
  try {
    parseConfig(text, '/ws/kb-audit.json');
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the config to be rejected');
}

describe('kb-audit.json', () => {
  it('merges settings over the defaults and resolves paths against the config file', () => {
    const config = parseConfig(
      `{
        // comments and trailing commas are allowed
        "docs": "../help",
        "questions": "qa/questions.txt",
        "exclude": ["drafts/**"],
        "rules": { "placeholder": "off", "thin-answer": { "severity": "info", "minWords": 8 } },
      }`,
      '/ws/config/kb-audit.json',
    );
    assert.equal(config.docs, '/ws/help');
    assert.equal(config.questions, '/ws/config/qa/questions.txt');
    assert.deepEqual(config.include, DEFAULT_CONFIG.include);
    assert.deepEqual(config.exclude, ['drafts/**']);
    assert.equal(config.maxFileSize, DEFAULT_CONFIG.maxFileSize);
    assert.deepEqual(config.rules, { placeholder: { severity: 'off' }, 'thin-answer': { severity: 'info', minWords: 8 } });
  });

  it('names where a file nested thousands of levels deep passes the bound, without reading it (the JSON reader recurses once a level)', () => {
    const deep = 200_000;
    const error = configError(`{\n  "docs": "docs",\n  "rules": { "placeholder": ${'['.repeat(deep)}${']'.repeat(deep)} }\n}`);
    assert.equal(error.line, 3);
    // The rules object is level 2: the bracket that opens level MAX_CONFIG_DEPTH + 1.
    assert.equal(error.column, '  "rules": { "placeholder": '.length + MAX_CONFIG_DEPTH - 1);
    assert.match(error.detail, new RegExp(`nested more than ${MAX_CONFIG_DEPTH} levels`));
  });

  it('counts the brackets after a string left open at the end of its line, as the JSON reader reads them', () => {
    const error = configError(`{"docs": "unterminated\n${'['.repeat(100_000)}`);
    assert.deepEqual([error.line, error.column], [2, MAX_CONFIG_DEPTH]);
  });

  it('counts no brackets in strings or comments towards the nesting bound', () => {
    const brackets = '['.repeat(MAX_CONFIG_DEPTH * 2);
    const config = parseConfig(`{\n  // ${brackets}\n  /* ${brackets} */\n  "docs": "${brackets}\\"${brackets}"\n}`, '/ws/kb-audit.json');
    assert.equal(config.docs, `/ws/${brackets}"${brackets}`);
  });

  it('names the line and column of a JSON syntax error', () => {
    const error = configError('{\n  "docs": "docs"\n  "exclude": []\n}');
    assert.equal(error.file, '/ws/kb-audit.json');
    assert.equal(error.line, 3);
    assert.equal(error.column, 3);
    assert.match(error.message, /^\/ws\/kb-audit\.json:3:3: invalid JSON/);
  });

  it('points at an unknown key', () => {
    const error = configError('{\n  "docs": "docs",\n  "exlude": []\n}');
    assert.equal(error.line, 3);
    assert.equal(error.column, 3);
    assert.match(error.detail, /unknown setting "exlude"/);
  });

  it('points at a value of the wrong type', () => {
    const error = configError('{\n  "maxFileSize": "big"\n}');
    assert.equal(error.line, 2);
    assert.equal(error.column, 18);
    assert.match(error.detail, /maxFileSize must be integer/);
  });

  it('names the allowed values of a bad severity', () => {
    const error = configError('{ "rules": { "placeholder": "loud" } }');
    assert.match(error.detail, /placeholder/);
    assert.equal(error.line, 1);
  });

  it('rejects an empty file', () => {
    assert.match(configError('').message, /kb-audit\.json:1:1/);
  });

  it('reads kb-audit.json through the file system and finds the first one', async () => {
    const fs = memoryFileSystem({ '/ws/docs/kb-audit.json': '{ "maxFileSize": 10 }', '/ws/kb-audit.json': '{}' });
    assert.equal(await findConfig(fs, ['/ws/docs', '/ws']), '/ws/docs/kb-audit.json');
    assert.equal(await findConfig(fs, ['/ws/other']), null);
    assert.equal((await loadConfig(fs, '/ws/docs/kb-audit.json')).maxFileSize, 10);
    await assert.rejects(loadConfig(fs, '/ws/missing.json'), (e: unknown) => e instanceof ConfigError && /cannot read config/.test(e.message));
  });
});
