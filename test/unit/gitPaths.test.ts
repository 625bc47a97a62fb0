// Where the docs are in their git repository, with Windows' path rules as well as this
// machine's: git prints its top folder with forward slashes ("C:/Users/…"), while the docs path
// comes from the command line or the editor with backslashes and any drive-letter case. The
// revision is mounted where the docs path says the repository is, so a finding's path is the
// same in BASE, in HEAD and in the working tree.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { insideRepository, placeDocs, type PathFlavor } from '../../src/cli/git';

const WINDOWS: PathFlavor = { relative: path.win32.relative, isAbsolute: path.win32.isAbsolute, caseInsensitive: true };
const POSIX: PathFlavor = { relative: path.posix.relative, isAbsolute: path.posix.isAbsolute, caseInsensitive: false };

describe('placeDocs', () => {
  it('places a docs folder given with backslashes under the top git prints with slashes', () => {
    const top = 'C:/Users/sam/help-centre';
    const docs = 'C:\\Users\\sam\\help-centre\\content\\en';
    assert.deepEqual(placeDocs(top, docs, 'C:\\Users\\sam\\help-centre', docs, WINDOWS), { top: 'C:/Users/sam/help-centre', docs: 'content/en' });
  });

  it('mounts the revision as the docs path spells the drive and folders, whatever case git prints', () => {
    const placed = placeDocs('C:/Users/Sam/Help-Centre', 'c:\\users\\sam\\help-centre\\docs\\', 'C:\\Users\\Sam\\Help-Centre', 'C:\\Users\\Sam\\Help-Centre\\docs', WINDOWS);
    assert.deepEqual(placed, { top: 'c:/users/sam/help-centre', docs: 'docs' });
    // The working tree's files, read under the docs path, are then inside the mounted revision.
    assert.equal(insideRepository(placed!.top, 'c:/users/sam/help-centre/docs/returns/refunds.md', WINDOWS.caseInsensitive), 'docs/returns/refunds.md');
  });

  it('takes the repository top itself as the docs folder', () => {
    assert.deepEqual(placeDocs('D:/kb', 'D:\\kb', 'D:\\kb', 'D:\\kb', WINDOWS), { top: 'D:/kb', docs: '' });
  });

  it('refuses a docs folder on another drive or beside the repository', () => {
    assert.equal(placeDocs('C:/Users/sam/help-centre', 'D:\\help', 'C:\\Users\\sam\\help-centre', 'D:\\help', WINDOWS), null);
    assert.equal(placeDocs('C:/Users/sam/help-centre', 'C:\\Users\\sam\\help-centre-old', 'C:\\Users\\sam\\help-centre', 'C:\\Users\\sam\\help-centre-old', WINDOWS), null);
  });

  it('keeps case apart on POSIX file systems', () => {
    assert.deepEqual(placeDocs('/home/sam/kb', '/home/sam/kb/docs', '/home/sam/kb', '/home/sam/kb/docs', POSIX), { top: '/home/sam/kb', docs: 'docs' });
    assert.equal(placeDocs('/home/sam/kb', '/home/sam/KB/docs', '/home/sam/kb', '/home/sam/KB/docs', POSIX), null);
  });
});

describe('insideRepository', () => {
  it('reads backslashes, slashes and any drive-letter case on Windows', () => {
    const top = 'C:/Users/sam/help-centre';
    assert.equal(insideRepository(top, 'C:\\Users\\sam\\help-centre\\docs\\a.md', true), 'docs/a.md');
    assert.equal(insideRepository(top, 'c:/users/sam/help-centre/docs/a.md', true), 'docs/a.md');
    assert.equal(insideRepository(top, 'C:\\Users\\sam\\help-centre\\', true), '');
    assert.equal(insideRepository(`${top}/`, 'c:/users/sam/help-centre', true), '');
  });

  it('never takes a sibling folder with the same prefix for the repository', () => {
    assert.equal(insideRepository('C:/Users/sam/help-centre', 'C:/Users/sam/help-centre-old/a.md', true), null);
    assert.equal(insideRepository('/srv/kb', '/srv/kb2/a.md', false), null);
  });

  it('is case-sensitive where the file system is', () => {
    assert.equal(insideRepository('/srv/kb', '/srv/KB/a.md', false), null);
    assert.equal(insideRepository('/srv/kb', '/srv/kb/Docs/A.md', false), 'Docs/A.md');
  });
});
