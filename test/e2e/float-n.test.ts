// The TS 18661-3 types and binary128 (weights float-n, float128) with real compilers: the psABI
// model agrees with gcc on every byte, and clang, which rejects every _FloatN, makes such signatures
// counted skips (by probe), never findings.
import { describe, expect, it } from 'vitest';
import type { Summary } from '../../src/report/summary.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const tmp = tempDirs('float-n');

async function fuzz(args: string[]): Promise<{ exitCode: number; summary: Summary }> {
  const r = await runCli(['fuzz', '--json', '--out', await tmp(), '--runs', '10', '--seed', '1', '--no-shrink', '--weights', 'float-n=4,float128=4', ...args]);
  expect(r.stdout.trim().split('\n'), r.stderr).toHaveLength(1);
  return { exitCode: r.exitCode, summary: JSON.parse(r.stdout) as Summary };
}

describe('_Float32, _Float64, _Float32x, _Float64x, __float128, _Float128 on x86_64-linux', () => {
  it('the model calling gcc -O2: every signature checked, no finding', async () => {
    const { exitCode, summary } = await fuzz(['--caller', 'model', '--callee', 'gcc', '--callee-flags=-O2']);
    expect(summary.findings).toEqual([]);
    // The one skip is a 4-byte vector, which the text does not define.
    expect(summary.outcomes).toEqual({ checked: 9, unsupported: 1 });
    for (const r of Object.keys(summary.skippedReasons)) expect(r).toMatch(/vector_size\(4\)/);
    expect(exitCode).toBe(0);
  });

  it('gcc calling clang-19: signatures with a _FloatN are skips under clang-19 rejecting it (probed), the rest checked', async () => {
    const { exitCode, summary } = await fuzz(['--caller', 'gcc', '--callee', 'clang-19']);
    expect(summary.findings).toEqual([]);
    expect(summary.outcomes).toEqual({ checked: 3, unsupported: 7 });
    expect(summary.skippedReasons).toEqual({
      'clang-19 rejects _Float32': 1, 'clang-19 rejects _Float64x': 3, 'clang-19 rejects _Float32x': 2, 'clang-19 rejects _Float128': 1,
    });
    expect(exitCode).toBe(0);
  });
});
