// Every Linux cross target with real cross compilers and qemu-user (or native i686): the same
// compiler at -O0 and -O2 agrees, and gcc against clang-19 runs to completion.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Summary } from '../../src/report/summary.js';
import { TARGETS } from '../../src/targets/index.js';
import { runCli } from '../helpers/run-cli.js';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function fuzz(target: string, args: string[]): Promise<{ exitCode: number; summary: Summary; stderr: string }> {
  const dir = await mkdtemp(join(os.tmpdir(), 'abifuzz-cross-'));
  dirs.push(dir);
  const r = await runCli(['fuzz', '--target', target, '--json', '--out', dir, '--batch', '100', '--no-shrink', ...args]);
  return { exitCode: r.exitCode, summary: JSON.parse(r.stdout || '{}') as Summary, stderr: r.stderr };
}

describe.each(['i686-linux', 'aarch64-linux', 'riscv64-linux', 'armhf-linux'])('%s', (target) => {
  const gcc = TARGETS[target]!.toolchains.gcc;

  it(`${gcc} -O0 calling ${gcc} -O2 agrees on every byte`, async () => {
    const { exitCode, summary, stderr } = await fuzz(target, ['--caller', gcc, '--callee', gcc, '--callee-flags=-O2', '--runs', '150', '--seed', '41']);
    expect(summary.findings, stderr).toEqual([]);
    expect(summary.signaturesChecked).toBe(150);
    expect(exitCode).toBe(0);
  });

  it('clang-19 -O2 calling clang-19 -O0 agrees on every byte', async () => {
    const { exitCode, summary, stderr } = await fuzz(target, ['--caller', 'clang-19', '--caller-flags=-O2', '--callee', 'clang-19', '--runs', '150', '--seed', '44']);
    expect(summary.findings, stderr).toEqual([]);
    expect(summary.signaturesChecked).toBe(150);
    expect(exitCode).toBe(0);
  });

  it(`${gcc} calling clang-19 runs to completion and accounts for every signature`, async () => {
    const { exitCode, summary } = await fuzz(target, ['--caller', gcc, '--callee', 'clang-19', '--runs', '150', '--seed', '43']);
    expect([0, 1]).toContain(exitCode);
    expect(summary.target).toBe(target);
    const died = (k: string) => k === 'crash' || k === 'timeout';
    const known = Object.values(summary.known).flatMap((k) => Object.entries(k.byKind)).reduce((n, [kind, c]) => n + (died(kind) ? c : 0), 0);
    const crashes = summary.findings.filter((f) => died(f.kind)).length + known;
    expect(summary.signaturesChecked + crashes + summary.skipped).toBe(150);
  });
});
