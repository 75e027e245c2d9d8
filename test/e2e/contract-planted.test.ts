// Planted breaches of the callee's contract, found end to end with real compilers through the
// trampolines: callee-saved registers used without saving (gcc -fcall-used-REG), a caller that
// misaligns the stack, a callee that pops what it must not.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Summary } from '../../src/report/summary.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const tmp = tempDirs('contract');

async function fuzz(target: string, args: string[]): Promise<{ exitCode: number; summary: Summary }> {
  const dir = await tmp();
  const r = await runCli(['fuzz', '--target', target, '--json', '--out', dir, '--batch', '100', '--no-shrink', ...args]);
  expect(r.stdout, r.stderr).not.toBe('');
  return { exitCode: r.exitCode, summary: JSON.parse(r.stdout) as Summary };
}

/** Every finding is a callee-saved one naming `reg`, in its own JSON field. */
function expectOnlyRegister(s: Summary, reg: string): void {
  expect(s.findings.length).toBeGreaterThan(0);
  expect(new Set(s.findings.map((f) => `${f.kind} ${f.register}`))).toEqual(new Set([`callee-saved ${reg}`]));
}

describe('callee-saved registers', () => {
  it('x86_64: a callee built with gcc -fcall-used-rbx is caught naming rbx', async () => {
    const { exitCode, summary } = await fuzz('x86_64-linux', ['--caller', 'gcc', '--callee', 'gcc', '--callee-flags=-fcall-used-rbx', '--runs', '100', '--seed', '3']);
    expectOnlyRegister(summary, 'rbx');
    expect(exitCode).toBe(1);
  });

  it('riscv64: a callee built with gcc -fcall-used-s1 is caught naming s1', async () => {
    const gcc = 'riscv64-linux-gnu-gcc';
    const { summary } = await fuzz('riscv64-linux', ['--caller', gcc, '--callee', gcc, '--callee-flags=-O2 -fcall-used-s1', '--runs', '100', '--seed', '3']);
    expectOnlyRegister(summary, 's1');
  });

  it('aarch64: gcc -fcall-used-x19 with the scratch registers x9-x15 reserved uses x19 unsaved, and is caught', async () => {
    const gcc = 'aarch64-linux-gnu-gcc';
    const fixed = ['x9', 'x10', 'x11', 'x12', 'x13', 'x14', 'x15'].map((r) => `-ffixed-${r}`).join(' ');
    const { summary } = await fuzz('aarch64-linux', ['--caller', gcc, '--callee', gcc, `--callee-flags=-O2 -fcall-used-x19 ${fixed}`, '--runs', '150', '--seed', '3']);
    expectOnlyRegister(summary, 'x19');
  });
});

describe('the stack', () => {
  it('i686: a caller built with -mpreferred-stack-boundary=2 misaligns the stack at the callee entry', async () => {
    const gcc = 'i686-linux-gnu-gcc';
    const { summary } = await fuzz('i686-linux', ['--caller', gcc, '--caller-flags=-mpreferred-stack-boundary=2', '--callee', gcc, '--runs', '100', '--seed', '3']);
    expect(summary.findings.length).toBeGreaterThan(0);
    expect(new Set(summary.findings.map((f) => f.kind))).toEqual(new Set(['stack-align']));
    for (const f of summary.findings) expect(['4', '8', 'c']).toContain(f.received);
  });

  // Nearly every function is a finding here (each traced alone): 50 suffice, and shrinking them is the shrink tests' job.
  it('i686: a callee built with -mrtd pops its arguments where the convention says the caller does', async () => {
    const gcc = 'i686-linux-gnu-gcc';
    const { summary } = await fuzz('i686-linux', ['--caller', gcc, '--callee', gcc, '--callee-flags=-mrtd', '--conventions', 'none', '--runs', '50', '--seed', '3', '--no-shrink']);
    const sp = summary.findings.filter((f) => f.kind === 'stack-pointer');
    expect(sp.length).toBeGreaterThan(0);
    // The callee popped more than the 0 (or 4, for a hidden struct pointer) the caller expects.
    for (const f of sp) expect(parseInt(f.received!, 16)).toBeGreaterThan(parseInt(f.expected!, 16));
  });
});
