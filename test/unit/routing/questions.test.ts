import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { nodeFileSystem } from '../../../src/core/nodeFileSystem';
import { loadQuestions, parseQuestions, QuestionsError } from '../../../src/core/routing/questions';
import { memoryFileSystem } from '../../helpers/memoryFileSystem';
import { FIXTURES } from './helpers';

const load = (name: string) => loadQuestions(nodeFileSystem, join(FIXTURES, name), name);

async function rejects(name: string, line: number, detail: RegExp): Promise<void> {
  await assert.rejects(load(name), (error: unknown) => {
    assert.ok(error instanceof QuestionsError, String(error));
    assert.equal(error.file, name);
    assert.equal(error.line, line, error.message);
    assert.match(error.detail, detail);
    assert.ok(error.message.startsWith(`${name}:${line}: `));
    return true;
  });
}

describe('questions files', () => {
  it('reads .txt: one question a line, blank lines and # comments skipped, lines kept', async () => {
    const qs = await load('questions.txt');
    assert.deepEqual(
      qs.map((q) => [q.question, q.line, q.expected]),
      [
        ['how long does a refund take', 2, undefined],
        ['when will my order arrive', 4, undefined],
      ],
    );
    assert.equal(qs[0].file, 'questions.txt');
  });

  it('reads .csv with a header row, quoted multi-line questions and empty expected as null', async () => {
    const qs = await load('questions.csv');
    assert.deepEqual(
      qs.map((q) => [q.question, q.expected, q.section, q.line]),
      [
        ['how long does a refund take', 'returns/refunds.md', 'How long does a refund take?', 2],
        ['do you deliver\non saturdays', 'delivery/delivery-times.md', undefined, 3],
        ['what is the meaning of life', null, undefined, 5],
      ],
    );
  });

  it('reads .jsonl with expected, null expected, section and an empty message', async () => {
    const qs = await load('questions.jsonl');
    assert.deepEqual(
      qs.map((q) => [q.question, q.expected, q.section, q.line]),
      [
        ['how long does a refund take', 'returns/refunds.md', undefined, 1],
        ['when will my order arrive', 'delivery/delivery-times.md', 'When will my order arrive?', 2],
        ['what is the meaning of life', null, undefined, 4],
        ['', null, undefined, 5],
      ],
    );
  });

  it('names the file and line of a malformed .jsonl line', async () => {
    await rejects('bad-json.jsonl', 2, /^invalid JSON/);
    await rejects('bad-missing-question.jsonl', 2, /"question" must be a string/);
    await rejects('bad-expected.jsonl', 2, /"expected" must be an article path or null/);
    assert.throws(() => parseQuestions('["a"]\n', 'q.jsonl'), /q\.jsonl:1: each line must be an object/);
  });

  it('names the file and line of a malformed .csv row', async () => {
    await rejects('bad-header.csv', 1, /needs a "question" column/);
    await rejects('bad-quote.csv', 3, /^invalid CSV: Quote Not Closed/);
    await rejects('bad-empty.csv', 3, /empty "question" cell/);
  });

  it('refuses other extensions and unreadable files with a clear error', async () => {
    await rejects('questions.md', 1, /must be \.txt, \.csv or \.jsonl/);
    await rejects('missing.txt', 1, /cannot read questions file/);
  });

  it('accepts a byte-order mark and Windows line ends', () => {
    const qs = parseQuestions('\uFEFFquestion,expected\r\nrefund,returns/refunds.md\r\n', 'q.csv');
    assert.deepEqual(qs.map((q) => [q.question, q.expected, q.line]), [['refund', 'returns/refunds.md', 2]]);
    const lines = parseQuestions('a\r\nb\r\n', 'q.txt');
    assert.deepEqual(lines.map((q) => q.line), [1, 2]);
  });

  it('names the line of the first bytes that are not UTF-8 (a spreadsheet saved as Windows-1252), rather than reading them as replacement characters', async () => {
    const windows1252 = Uint8Array.from([...Buffer.from('question,expected\nhow long is a refund,\n'), ...Buffer.from('caf'), 0xe9, ...Buffer.from(' opening hours,\n')]);
    const fs = memoryFileSystem({ '/q/questions.csv': windows1252, '/q/ok.csv': Buffer.from('question\ncafé opening hours\n\uFFFD is a character too\n') });
    await assert.rejects(loadQuestions(fs, '/q/questions.csv', 'questions.csv'), (error: unknown) => {
      assert.ok(error instanceof QuestionsError, String(error));
      assert.equal(error.line, 3);
      assert.match(error.detail, /not UTF-8.*save the questions file as UTF-8/);
      return true;
    });
    const ok = await loadQuestions(fs, '/q/ok.csv', 'ok.csv');
    assert.deepEqual(ok.map((q) => q.question), ['café opening hours', '\uFFFD is a character too']);
  });
});
