// Files and folders that are either absent or whole: a kill -9 at any moment leaves every case
// folder complete and parseable, and summary.json either the old or the new one.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';

export function writeAtomic(file: string, text: string): Promise<void> {
  return writeFileAtomic(file, text, { fsync: true });
}

let made = 0;

/**
 * Writes a folder through `fill` into a hidden sibling, then renames it into place (replacing an
 * older one: for an instant only the hidden `.old-` copy exists, never a half-written folder).
 */
export async function writeFolderAtomic(dir: string, fill: (tmp: string) => Promise<void>): Promise<void> {
  const parent = dirname(dir);
  const tmp = join(parent, `.tmp-${basename(dir)}-${process.pid}-${made++}`);
  await mkdir(tmp, { recursive: true });
  try {
    await fill(tmp);
    try {
      await rename(tmp, dir);
    } catch (e) {
      if (!['ENOTEMPTY', 'EEXIST'].includes((e as NodeJS.ErrnoException).code ?? '')) throw e;
      const old = join(parent, `.old-${basename(dir)}-${process.pid}-${made++}`);
      await rename(dir, old);
      await rename(tmp, dir);
      await rm(old, { recursive: true, force: true });
    }
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
}
