import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFolderAtomic } from '../../../src/report/atomic.js';
import { tempDirs } from '../../helpers/temp-dirs.js';

const tmp = tempDirs('atomic');

describe('writeFolderAtomic', () => {
  it('creates a folder whole, and replaces an existing one whole', async () => {
    const parent = await tmp();
    const dir = join(parent, 'case');
    await writeFolderAtomic(dir, async (t) => writeFile(join(t, 'a'), '1'));
    expect(await readFile(join(dir, 'a'), 'utf8')).toBe('1');
    await writeFolderAtomic(dir, async (t) => writeFile(join(t, 'b'), '2'));
    expect((await readdir(dir)).sort()).toEqual(['b']);
    expect(await readdir(parent)).toEqual(['case']);
  });

  it('leaves nothing behind when filling fails, and the old folder stands', async () => {
    const parent = await tmp();
    const dir = join(parent, 'case');
    await mkdir(dir);
    await writeFile(join(dir, 'keep'), 'x');
    await expect(writeFolderAtomic(dir, async () => { throw new Error('disk full'); })).rejects.toThrow('disk full');
    expect(await readdir(parent)).toEqual(['case']);
    expect(await readdir(dir)).toEqual(['keep']);
  });
});
