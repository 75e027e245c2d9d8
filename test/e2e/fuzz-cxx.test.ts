// C against C++ with real compilers: one side compiles the same sources as C++ (g++, clang++-19),
// the declarations of abi.h under extern "C". The pairs agree on every byte; the signatures whose
// declaration means something else in C++ (an empty struct: size 0 in GNU C, 1 in C++) are counted
// skips under their language difference, never findings. A finding with a C++ side still gets a
// bug.c that builds as C and as C++.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMPTY_CLASS } from '../../src/driver/language.js';
import type { Summary } from '../../src/report/summary.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const tmp = tempDirs('cxx');

async function fuzz(args: string[]): Promise<{ exitCode: number; summary: Summary }> {
  const r = await runCli(['fuzz', '--json', '--out', await tmp(), ...args]);
  expect(r.stdout.trim().split('\n'), r.stderr).toHaveLength(1);
  return { exitCode: r.exitCode, summary: JSON.parse(r.stdout) as Summary };
}

describe('C against C++', () => {
  it('gcc calling g++ on x86_64-linux: no finding, the empty-struct language difference counted by name', async () => {
    const { exitCode, summary } = await fuzz(['--caller', 'gcc', '--callee', 'g++', '--runs', '60', '--seed', '2', '--no-shrink']);
    expect(summary.findings).toEqual([]);
    expect(summary.outcomes).toEqual({ checked: 51, unsupported: 9 });
    expect(summary.skippedReasons).toEqual({ [EMPTY_CLASS.reason]: 9 });
    expect(exitCode).toBe(0);
  });

  it('clang++-19 calling clang-19 on aarch64-linux (where C++ passes an empty struct in a register), enum bit-fields among the types: no finding', async () => {
    const { exitCode, summary } = await fuzz(['--target', 'aarch64-linux', '--caller', 'clang++-19', '--callee', 'clang-19', '--runs', '60', '--seed', '4', '--weights', 'enum-bitfield=3', '--no-shrink']);
    expect(summary.findings).toEqual([]);
    // Nothing rejected: C++ assigns an enum bit-field only through a cast (ABIFUZZ_SET_BITS).
    expect(summary.outcomes).toEqual({ checked: 53, unsupported: 7 });
    expect(summary.skippedReasons).toEqual({ [EMPTY_CLASS.reason]: 7 });
    expect(exitCode).toBe(0);
  });

  it('a value finding between gcc and clang++-19 (a 4-byte float vector) gets a bug.c that builds and runs in all four combinations', async () => {
    const { summary } = await fuzz(['--caller', 'gcc', '--callee', 'clang++-19', '--seed', '3', '--path', '169:0:1:0:3', '--show-known']);
    const [b] = summary.buckets;
    expect(b).toMatchObject({ kind: 'arg' });
    expect(await readFile(join(b!.caseDir, 'bug.c'), 'utf8')).toContain('extern "C" {');
    const report = await readFile(join(b!.caseDir, 'report.md'), 'utf8');
    expect(report).toMatch(/\| A -> B \| `gcc` \| `clang\+\+-19` \| disagrees: `arg0: expected/);
    expect(report).toMatch(/\| A -> A \| `gcc` \| `gcc` \| agrees \|/);
    expect(report).toMatch(/\| B -> B \| `clang\+\+-19` \| `clang\+\+-19` \| agrees \|/);
  });
});
