// Temporary folders for a test file, removed after its tests (kept with ABIFUZZ_KEEP_TEST_DIRS=1).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

export function tempDirs(prefix: string): () => Promise<string> {
  const dirs: string[] = [];
  afterAll(async () => {
    if (!process.env.ABIFUZZ_KEEP_TEST_DIRS) await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });
  return async () => {
    const d = await mkdtemp(join(os.tmpdir(), `abifuzz-${prefix}-`));
    dirs.push(d);
    return d;
  };
}
