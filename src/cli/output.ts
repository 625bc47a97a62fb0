import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/**
 * Writes via a temporary file in the same folder and a rename, so a reader never sees half a
 * report and a failed write leaves the previous report as it was. The temporary file is
 * created exclusively ('wx'), so a file or link already at that name is never written through.
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  // Renaming over a folder fails with an error that names the temporary file: say what is wrong.
  const existing = await fs.stat(file).catch(() => null);
  if (existing?.isDirectory()) throw new Error('it is a folder: give the name of a file to write');
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.open(temp, 'wx');
  try {
    try {
      await handle.writeFile(text);
    } finally {
      await handle.close();
    }
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}
