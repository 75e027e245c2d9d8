// The emitted sources compile cleanly with the real compilers (no implicit declarations).
import { execa } from 'execa';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, generateSignatures } from '../../generators/index.js';
import { emitBatch } from '../../src/emit/c-batch.js';
import { lp64x86 } from '../../src/model/data-model.js';
import { META } from '../helpers/assertions.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const tmp = tempDirs('emit');

describe('emitBatch output', () => {
  const sigs = generateSignatures(lp64x86, DEFAULT_LIMITS, 11, 0, 40);
  const b = emitBatch(sigs.map((sig, i) => ({ sig, index: i })), lp64x86, META);

  it('compiles cleanly with gcc and clang -Werror=implicit', async () => {
    const dir = await tmp();
    for (const [name, text] of Object.entries(b.files)) await writeFile(join(dir, name), text);
    for (const cc of ['gcc', 'clang-19'])
      for (const f of ['caller.c', 'callee.c']) {
        const r = await execa(cc, ['-fsyntax-only', '-Wno-psabi', '-Werror=implicit-function-declaration', f], { cwd: dir, reject: false });
        expect(r.exitCode, `${cc} ${f}: ${r.stderr}`).toBe(0);
      }
  });
});
