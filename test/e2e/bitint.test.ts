// C23 _BitInt(N): values are written and checked in 64-bit chunks, masked to the width (the bits
// of the container above N are unspecified). A batch of three widths as emitted passes with
// clang-19; a caller that sends one wrong chunk, in an argument or inside a struct, and a callee that
// returns a wrong value are caught naming the leaf. Then whole runs: clang-19 against itself and
// against the psABI model (x86-64 SysV, with clang's extension of _BitInt(N < 32)) find nothing,
// and a pair with gcc 12, which has no _BitInt, says so instead of drawing any.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveToolchain } from '../../harness/toolchains/registry.js';
import type { Finding } from '../../src/check/finding.js';
import { emitBatch } from '../../src/emit/c-batch.js';
import type { CType, Signature } from '../../src/model/types.js';
import type { Summary } from '../../src/report/summary.js';
import { TARGETS } from '../../src/targets/index.js';
import { buildAndCheck } from '../helpers/harness.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const tmp = tempDirs('bitint');
const target = TARGETS['x86_64-linux']!;
const bi = (bits: number, unsigned = false): CType => ({ kind: 'bitint', bits, unsigned });
// Two chunks alone, four chunks inside a struct, a narrow one returned.
const sig: Signature = {
  name: 'f0', variadic: null,
  params: [{ type: bi(100) }, { type: { kind: 'struct', name: 'f0_s0', packed: false, fields: [{ name: 'c', type: { kind: 'scalar', name: 'char' } }, { name: 'b', type: bi(200, true) }] } }],
  ret: bi(13),
};

/** Builds the batch with clang-19 -O2 (with `edit` applied to one line of a file), runs it: the findings of f0. */
async function run(edit?: { file: 'caller.c' | 'callee.c'; assigned: string }): Promise<Finding[]> {
  const dir = await tmp();
  const clang = resolveToolchain(target, 'clang-19');
  const b = emitBatch([{ sig, index: 0 }], target.dataModel, { seed: 0, target: target.id, caller: 'clang-19', callee: 'clang-19' });
  for (const [name, text] of Object.entries(b.files)) {
    let t = text;
    if (edit && name === edit.file) {
      // The assignment of the leaf: its last chunk literal gets one more.
      const line = t.split('\n').find((l) => l.trimStart().startsWith(`${edit.assigned} = `));
      expect(line, `${edit.assigned} is set in ${name}`).toBeDefined();
      const edited = line!.replace(/0x([0-9a-f]+)ULL(?!.*0x[0-9a-f]+ULL)/, (_, hex: string) => `0x${(BigInt(`0x${hex}`) ^ 1n).toString(16)}ULL`);
      expect(edited).not.toBe(line);
      t = t.replace(line!, edited);
    }
    await writeFile(join(dir, name), t);
  }
  return buildAndCheck(dir, target, clang, ['-O2'], sig);
}

async function fuzz(args: string[]): Promise<Summary> {
  const r = await runCli(['fuzz', '--json', '--out', await tmp(), '--target', 'x86_64-linux', '--no-shrink', '--seed', '3', ...args]);
  expect(r.stdout, r.stderr).not.toBe('');
  return JSON.parse(r.stdout) as Summary;
}

describe('_BitInt values', () => {
  it('arrive and return as sent, every chunk of every width', async () => {
    expect(await run()).toEqual([]);
  });

  it('a wrong chunk in an argument, alone or in a struct, is caught naming the leaf', async () => {
    const [alone] = await run({ file: 'caller.c', assigned: 'a0' });
    expect(alone).toMatchObject({ kind: 'arg', path: 'arg0' });
    const [inStruct] = await run({ file: 'caller.c', assigned: 'a1.b' });
    expect(inStruct).toMatchObject({ kind: 'arg', path: 'arg1.b' });
  });

  it('a wrong value returned is caught on the caller side', async () => {
    const [ret] = await run({ file: 'callee.c', assigned: 'r' });
    expect(ret).toMatchObject({ kind: 'return', path: 'ret' });
  });
});

describe('runs with _BitInt drawn', () => {
  it('clang-19 against itself at -O2, and the model against clang-19, find nothing', async () => {
    for (const [caller, callee] of [['clang-19', 'clang-19'], ['model:clang-19', 'clang-19']] as const) {
      const s = await fuzz(['--caller', caller, '--callee', callee, '--callee-flags=-O2', '--runs', '30', '--weights', 'bitint=6', '--conventions', 'none']);
      expect(s.findings, `${caller} -> ${callee}`).toEqual([]);
      expect(s.signaturesChecked, `${caller} -> ${callee}`).toBeGreaterThan(20);
      expect(s.disabledFeatures).toEqual([]);
    }
  }, 240_000);

  it('a pair with gcc 12, which has no _BitInt, draws none and says why', async () => {
    const s = await fuzz(['--caller', 'gcc', '--callee', 'clang-19', '--runs', '5', '--weights', 'bitint=6']);
    expect(s.disabledFeatures).toContainEqual(expect.objectContaining({ feature: '_BitInt', reason: expect.stringContaining('gcc rejects it') }));
    expect(s.signaturesChecked).toBe(5);
  }, 120_000);
});
