// The stage driver when a compiler misbehaves: a real clang crash or a hang on one function of a
// batch is a finding naming that function, isolated by bisecting the batch, with a reproducer;
// every other function of the batch is still checked; a crash in a feature probe is reported, not
// read as "rejects"; a flag the compiler rejects is a usage error.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Summary } from '../../src/report/summary.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDirs } from '../helpers/temp-dirs.js';
import { wrapperCompiler } from '../helpers/wrapper-compilers.js';
import { execa } from 'execa';

const tmp = tempDirs('faults');

async function fuzzWith(env: Record<string, string>, args: string[]): Promise<{ exitCode: number; summary: Summary; stderr: string }> {
  const r = await runCli(['fuzz', '--target', 'x86_64-linux', '--json', '--out', await tmp(), '--conventions', 'none', ...args], { env });
  expect(r.stdout, r.stderr).not.toBe('');
  return { exitCode: r.exitCode, summary: JSON.parse(r.stdout) as Summary, stderr: r.stderr };
}

describe('compiler crashes and hangs are findings', () => {
  it('a clang that crashes on one function of a batch: one compiler-crash finding naming it, the rest checked, a reproducer that crashes', async () => {
    const env = await wrapperCompiler(await tmp(), 'clang-77', ' f5(', 'crash');
    const { exitCode, summary } = await fuzzWith(env, ['--caller', 'clang-19', '--callee', 'clang-77', '--runs', '12', '--batch', '12', '--jobs', '1', '--seed', '4', '--no-shrink']);
    expect(exitCode).toBe(1);
    const crashes = summary.findings.filter((f) => f.kind === 'compiler-crash');
    expect(crashes.map((f) => f.function)).toEqual(['f5']);
    expect(crashes[0]!.compiler).toMatchObject({ side: 'callee', toolchain: 'clang-77' });
    expect(crashes[0]!.compiler!.message).toMatch(/PLEASE submit a bug report|Stack dump/);
    expect(summary.outcomes['compiler-crash']).toBe(1);
    expect(summary.signaturesChecked + summary.skipped).toBe(11);
    expect(summary.findings.filter((f) => f.kind !== 'compiler-crash')).toEqual([]);
    const dir = join(crashes[0]!.caseFile, '..');
    expect(await readFile(join(dir, 'report.md'), 'utf8')).toContain('crashed compiling `callee.c`');
    const repro = await execa('sh', ['repro.sh'], { cwd: dir, reject: false, env });
    expect(repro.stdout).toContain('crashes compiling callee.c');
    expect(repro.exitCode).toBe(1);
  });

  it('a compiler that hangs on one function: a compiler-hang finding within the compile timeout, the rest checked', async () => {
    const env = await wrapperCompiler(await tmp(), 'clang-78', ' f2(', 'hang');
    const started = Date.now();
    const { exitCode, summary } = await fuzzWith(env, ['--caller', 'clang-19', '--callee', 'clang-78', '--runs', '8', '--batch', '8', '--jobs', '2', '--seed', '4', '--no-shrink', '--compile-timeout', '3']);
    expect(exitCode).toBe(1);
    expect(summary.findings.filter((f) => f.kind === 'compiler-hang').map((f) => f.function)).toEqual(['f2']);
    expect(summary.signaturesChecked + summary.skipped).toBe(7);
    // Bisecting 8 functions costs one timeout per level that holds f2: 4, plus the batch itself.
    expect(Date.now() - started).toBeLessThan(60_000);
  });

  it('a compiler that hangs on a batch and crashes on a part of it: the bisection follows the crash to the one function', async () => {
    // Hangs where the file holds f2 and f0 (the batch, its first half), crashes on f2 without f0.
    const env = await wrapperCompiler(await tmp(), 'clang-76', ' f2(', { hangWith: ' f0(' });
    const { summary } = await fuzzWith(env, ['--caller', 'clang-19', '--callee', 'clang-76', '--runs', '8', '--batch', '8', '--jobs', '1', '--seed', '4', '--no-shrink', '--compile-timeout', '3']);
    const broke = summary.findings.filter((f) => f.kind === 'compiler-hang' || f.kind === 'compiler-crash');
    expect(broke.map((f) => `${f.kind} ${f.function}`)).toEqual(['compiler-crash f2']);
    expect(summary.signaturesChecked + summary.skipped).toBe(7);
  });

  it('a crash only a group of functions gives together: one finding for the group, the others counted with it', async () => {
    // Crashes where the file holds f2 and f5: the batch crashes, neither half does.
    const env = await wrapperCompiler(await tmp(), 'clang-75', ' f2(', { crashWith: ' f5(' });
    const { summary } = await fuzzWith(env, ['--caller', 'clang-19', '--callee', 'clang-75', '--runs', '8', '--batch', '8', '--jobs', '1', '--seed', '4', '--no-shrink']);
    const broke = summary.findings.filter((f) => f.kind === 'compiler-crash');
    expect(broke.map((f) => f.function)).toEqual(['f0']);
    expect(broke[0]!.detail).toMatch(/only with all 8 functions of its group together \(f0, f1, f2, f3, f4, f5, \.\.\.; no part of the group alone\)/);
    const skipped = Object.entries(summary.skippedReasons).filter(([r]) => r.includes('fails only with the 8 functions of a group together'));
    expect(skipped.map(([, n]) => n)).toEqual([7]);
  });

  it('both sides crashing on the same function: one finding on it, the rest checked (the caller is not bisected without it)', async () => {
    // clang-77 crashes on f5's definition (callee.c), clang-78 on the caller's call of f5 (caller.c).
    const dir = await tmp();
    await wrapperCompiler(dir, 'clang-77', ' f5(', 'crash');
    const env = await wrapperCompiler(dir, 'clang-78', '(void (*)(void))f5)', 'crash');
    const { summary } = await fuzzWith(env, ['--caller', 'clang-78', '--callee', 'clang-77', '--runs', '8', '--batch', '8', '--jobs', '1', '--seed', '4', '--no-shrink']);
    expect(summary.findings.filter((f) => f.kind === 'compiler-crash').map((f) => f.function)).toEqual(['f5']);
    expect(summary.skipped).toBe(0);
    expect(summary.signaturesChecked).toBe(7);
  });

  it('a program killed after a test returned (no test unfinished): that test is the crash, the rest of the batch still runs', async () => {
    // clang-16 and clang-19 disagree on regcall registers: after clang-16's f96 returns to clang-19's
    // caller, the runtime dies. Before, f96 was only its argument mismatch and the functions after
    // it in the batch were counted "not run".
    const r = await runCli(['fuzz', '--target', 'x86_64-linux', '--json', '--out', await tmp(), '--caller', 'clang-19', '--callee', 'clang-16', '--callee-flags=-O2', '--conventions', 'regcall', '--weights', 'corner=0', '--runs', '100', '--batch', '100', '--seed', '7', '--jobs', '1', '--no-shrink']);
    const summary = JSON.parse(r.stdout) as Summary;
    const f96 = summary.findings.find((f) => f.function === 'f96');
    expect(f96?.kind).toBe('crash');
    expect(f96?.detail).toMatch(/killed by SIGSEGV after it returned/);
    expect(summary.skipped).toBe(0);
    expect(summary.signaturesChecked + (summary.outcomes['crashed'] ?? 0)).toBe(100);
  });

  it('a crash in a feature probe is reported once, and the signatures needing the feature are counted skips', async () => {
    const env = await wrapperCompiler(await tmp(), 'clang-79', '_Float16 f(_Float16 x)', 'crash');
    const { summary } = await fuzzWith(env, ['--caller', 'clang-19', '--callee', 'clang-79', '--runs', '300', '--seed', '8', '--no-shrink']);
    const probe = summary.findings.filter((f) => f.kind === 'compiler-crash');
    expect(probe).toHaveLength(1);
    expect(probe[0]!.detail).toContain('probe for _Float16');
    const skips = Object.entries(summary.skippedReasons).filter(([r]) => r.includes('crashes on the probe for _Float16'));
    expect(skips.length).toBe(1);
    expect(skips[0]![1]).toBeGreaterThan(0);
    expect(summary.disabledFeatures).toEqual([]);
  });
});

describe('configuration errors', () => {
  it('a flag the compiler rejects is exit 2 with one line naming it', async () => {
    const r = await runCli(['fuzz', '--caller', 'gcc', '--callee', 'gcc', '--caller-flags=-mbogus-flag', '--runs', '5', '--out', await tmp()]);
    expect(r.exitCode, r.stderr).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^abifuzz: gcc -mbogus-flag: the flags -mbogus-flag do not compile an empty file: .*mbogus-flag/);
  });

  it('an --out that cannot be created is exit 2 with one line', async () => {
    const file = join(await tmp(), 'a-file');
    await execa('touch', [file]);
    for (const out of [join(file, 'results'), '/sys/abifuzz-results']) {
      const r = await runCli(['fuzz', '--caller', 'gcc', '--callee', 'gcc', '--runs', '5', '--out', out]);
      expect(r.exitCode, r.stderr).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(new RegExp(`^abifuzz: cannot write results to --out ${out}: (ENOTDIR|EPERM|EROFS|EACCES)`));
    }
  });
});
