// x86_64-windows under wine: mingw gcc, clang (mingw) and clang-cl, each against itself at two
// optimisation levels, and pairs of different ones running to completion.
import { execa } from 'execa';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runnerFor } from '../../harness/runners/index.js';
import type { Summary } from '../../src/report/summary.js';
import { TARGETS } from '../../src/targets/index.js';
import { runCli } from '../helpers/run-cli.js';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function fuzz(args: string[]): Promise<{ exitCode: number; summary: Summary; stderr: string }> {
  const dir = await mkdtemp(join(os.tmpdir(), 'abifuzz-win-'));
  dirs.push(dir);
  const r = await runCli(['fuzz', '--target', 'x86_64-windows', '--json', '--out', dir, '--batch', '100', '--no-shrink', ...args]);
  return { exitCode: r.exitCode, summary: JSON.parse(r.stdout || '{}') as Summary, stderr: r.stderr };
}

const MINGW = 'x86_64-w64-mingw32-gcc';

describe('x86_64-windows', () => {
  it.each([
    [MINGW, '-O2'],
    ['clang-19', '-O2'],
    ['clang-cl-19', '/O2'],
  ])('%s agrees with itself at %s', async (tc, opt) => {
    const { exitCode, summary, stderr } = await fuzz(['--caller', tc, '--callee', tc, `--callee-flags=${opt}`, '--runs', '120', '--seed', '51']);
    expect(summary.findings, stderr).toEqual([]);
    // Known upstream crashes (mingw gcc's over-aligned stack objects) are accounted for apart.
    const knownCrashes = Object.values(summary.known).reduce((n, k) => n + (k.byKind.crash ?? 0) + (k.byKind.timeout ?? 0), 0);
    expect(summary.signaturesChecked + knownCrashes).toBe(120);
    expect(exitCode).toBe(0);
  });

  it.each([
    [MINGW, 'clang-cl-19'],
    ['clang-cl-19', 'clang-19'],
  ])('%s calling %s runs to completion and accounts for every signature', async (caller, callee) => {
    const { exitCode, summary, stderr } = await fuzz(['--caller', caller, '--callee', callee, '--runs', '120', '--seed', '52']);
    expect([0, 1], stderr).toContain(exitCode);
    const died = (k: string) => k === 'crash' || k === 'timeout';
    const known = Object.values(summary.known).flatMap((k) => Object.entries(k.byKind)).reduce((n, [kind, c]) => n + (died(kind) ? c : 0), 0);
    expect(summary.signaturesChecked + summary.findings.filter((f) => died(f.kind)).length + known + summary.skipped).toBe(120);
    expect(summary.signaturesChecked).toBeGreaterThan(90);
  });
});

// Runs share one wine prefix and server: a run that ends must not take down the programs of
// another (killed by the server, they exit 0 with no output, a batch cut short).
it('a fuzz run that ends leaves the wine programs of other runs alive', async () => {
  const dir = await mkdtemp(join(os.tmpdir(), 'abifuzz-win-'));
  dirs.push(dir);
  await writeFile(join(dir, 'waiter.c'), `#include <stdio.h>
#include <windows.h>
int main(void) {
  for (int i = 0; i < 2400 && GetFileAttributesA("go") == INVALID_FILE_ATTRIBUTES; i++) Sleep(50);
  puts("still here");
  return 0;
}
`);
  const cc = await execa(MINGW, ['-o', 'waiter.exe', 'waiter.c'], { cwd: dir, reject: false });
  expect(cc.exitCode, cc.stderr).toBe(0);
  const runner = runnerFor(TARGETS['x86_64-windows']!);
  await runner.prepare?.();
  const [file, args] = runner.command(join(dir, 'waiter.exe'));
  const waiter = execa(file, args, { cwd: dir, reject: false, env: runner.env, stdout: { file: join(dir, 'waiter.out') }, stderr: 'ignore' });
  const { summary, stderr } = await fuzz(['--caller', MINGW, '--callee', MINGW, '--runs', '10', '--seed', '53']);
  expect(summary.signaturesChecked, stderr).toBe(10);
  await writeFile(join(dir, 'go'), '');
  expect((await waiter).exitCode).toBe(0);
  expect(await readFile(join(dir, 'waiter.out'), 'utf8')).toContain('still here');
});
