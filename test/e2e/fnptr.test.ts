// Function pointers: the value is the address of one of the runtime's function targets; the side
// that receives it checks the address and, when it is right, calls through it. A caller that sends
// another target is caught naming the leaf, a callee that returns another one likewise, while the
// batch as emitted passes. Built with gcc, run natively.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { linkerOf } from '../../harness/toolchains/registry.js';
import type { Finding } from '../../src/check/finding.js';
import { emitBatch } from '../../src/emit/c-batch.js';
import { FUNCTION_TARGETS, functionTarget, type CType, type Signature } from '../../src/model/types.js';
import { TARGETS } from '../../src/targets/index.js';
import { buildAndCheck } from '../helpers/harness.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const tmp = tempDirs('fnptr');
const target = TARGETS['x86_64-linux']!;
const fp = (name: string): CType => ({ kind: 'fnptr', name });
// A function pointer alone, one in a struct, and one returned.
const sig: Signature = {
  name: 'f0', variadic: null,
  params: [{ type: fp('f0_p0') }, { type: { kind: 'struct', name: 'f0_s1', packed: false, fields: [{ name: 'f0', type: { kind: 'scalar', name: 'char' } }, { name: 'f1', type: fp('f0_p2') }] } }],
  ret: fp('f0_p3'),
};

/** Builds the batch (with `edit` applied to a file) and runs it: the findings of f0. */
async function run(edit?: { file: 'caller.c' | 'callee.c'; leaf: string }): Promise<Finding[]> {
  const dir = await tmp();
  const gcc = linkerOf(target);
  const b = emitBatch([{ sig, index: 0 }], target.dataModel, { seed: 0, target: target.id, caller: 'gcc', callee: 'gcc' });
  for (const [name, text] of Object.entries(b.files)) {
    let t = text;
    if (edit && name === edit.file) {
      // The statement that sets the leaf: `<leaf> = abifuzz_target_<k>;`, pointed at target k + 1 instead.
      const re = new RegExp(`(\\b${edit.leaf.replace('.', '\\.')} = )abifuzz_target_(\\d);`);
      const m = re.exec(t);
      expect(m, `${edit.leaf} is set in ${name}`).not.toBeNull();
      t = t.replace(re, `$1${functionTarget((Number(m![2]) + 1) % FUNCTION_TARGETS)};`);
    }
    await writeFile(join(dir, name), t);
  }
  return buildAndCheck(dir, target, gcc.tc, ['-O2'], sig);
}

describe('function pointers', () => {
  it('arrive and return as the address of their function, which answers the call', async () => {
    expect(await run()).toEqual([]);
  });

  it('another function in an argument (alone or in a struct) is caught naming the leaf', async () => {
    const [alone] = await run({ file: 'caller.c', leaf: 'a0' });
    expect(alone).toMatchObject({ kind: 'arg', path: 'arg0' });
    const [inStruct] = await run({ file: 'caller.c', leaf: 'a1.f1' });
    expect(inStruct).toMatchObject({ kind: 'arg', path: 'arg1.f1' });
  });

  it('another function returned is caught on the caller side', async () => {
    const [ret] = await run({ file: 'callee.c', leaf: 'r' });
    expect(ret).toMatchObject({ kind: 'return', path: 'ret' });
  });
});
