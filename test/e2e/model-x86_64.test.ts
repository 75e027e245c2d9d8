// The psABI model as a party on x86_64: the emitted assembly against gcc in both directions is
// clean (what differs is a documented dialect), planted bugs are found against it and blamed on the
// right side, a gcc/clang disagreement gets a verdict, and a model finding reproduces standalone.
import { execa } from 'execa';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Summary } from '../../src/report/summary.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const tmp = tempDirs('model');

async function fuzz(args: string[]): Promise<{ exitCode: number; summary: Summary }> {
  const r = await runCli(['fuzz', '--json', '--out', await tmp(), '--batch', '100', ...args]);
  expect(r.stdout, r.stderr).not.toBe('');
  return { exitCode: r.exitCode, summary: JSON.parse(r.stdout) as Summary };
}

describe('the model against gcc on x86_64-linux', () => {
  it('model -> gcc -O2 and gcc -> model: every difference is a documented dialect', async () => {
    for (const args of [['--caller', 'model', '--callee', 'gcc', '--callee-flags=-O2'], ['--caller', 'gcc', '--callee', 'model']]) {
      const { exitCode, summary } = await fuzz([...args, '--runs', '150', '--seed', '31', '--no-shrink']);
      expect(summary.findings, JSON.stringify(summary.findings.slice(0, 3))).toEqual([]);
      expect(summary.signaturesChecked).toBeGreaterThan(120);
      for (const k of Object.keys(summary.known)) expect(k).toMatch(/^dialect |^clang-int128-last-gpr$/);
      expect(exitCode).toBe(0);
    }
  });

  it('gcc -fpcc-struct-return as callee of the model caller: found, blamed on the callee', async () => {
    const { exitCode, summary } = await fuzz(['--caller', 'model', '--callee', 'gcc', '--callee-flags=-fpcc-struct-return', '--runs', '60', '--seed', '3', '--no-shrink']);
    expect(exitCode).toBe(1);
    const blamed = summary.buckets.filter((b) => b.blame);
    expect(blamed.length).toBeGreaterThan(0);
    for (const b of blamed) expect(b.blame).toMatchObject({ deviates: 'callee', party: 'gcc -fpcc-struct-return' });
  });

  it('gcc -fpcc-struct-return as caller of the model callee: found, blamed on the caller, and the reproducer carries the assembly', async () => {
    const { summary } = await fuzz(['--caller', 'gcc', '--caller-flags=-fpcc-struct-return', '--callee', 'model', '--runs', '60', '--seed', '3', '--no-shrink']);
    const b = summary.buckets.find((x) => x.blame && x.kind === 'return');
    expect(b, JSON.stringify(summary.buckets.map((x) => [x.kind, x.blame]))).toBeDefined();
    expect(b!.blame).toMatchObject({ deviates: 'caller', party: 'gcc -fpcc-struct-return' });
    const files = await readdir(b!.caseDir);
    expect(files).toEqual(expect.arrayContaining(['callee.S', 'callee.c', 'caller.c', 'trampolines.S', 'repro.sh', 'repro.c']));
    expect(await readFile(join(b!.caseDir, 'callee.S'), 'utf8')).toMatch(/the model callee/);
    expect(await readFile(join(b!.caseDir, 'repro.c'), 'utf8')).toContain('callee.S (the psABI model) as file-scope asm');
    const repro = await execa('sh', ['repro.sh'], { cwd: b!.caseDir, reject: false });
    expect(repro.stdout).toContain('the problem reproduces');
    expect(repro.exitCode).toBe(1);
  });

  it('-fcall-used-rbx on a gcc callee of the model: one callee-saved rbx bucket, blamed on the callee', async () => {
    const { summary } = await fuzz(['--caller', 'model', '--callee', 'gcc', '--callee-flags=-fcall-used-rbx', '--runs', '300', '--seed', '3', '--no-shrink']);
    const rbx = summary.buckets.filter((b) => b.kind === 'callee-saved');
    expect(rbx.length).toBe(1);
    expect(rbx[0]).toMatchObject({ problem: 'rbx', blame: { deviates: 'callee', party: 'gcc -fcall-used-rbx' } });
  });
});

describe('gcc against clang on x86_64-linux, judged by the model', () => {
  it('every bucket carries a blame verdict, and dialects explain the documented differences', async () => {
    const { summary } = await fuzz(['--caller', 'gcc', '--callee', 'clang-19', '--runs', '200', '--seed', '3', '--no-shrink']);
    expect(Object.keys(summary.known).some((k) => k.startsWith('dialect '))).toBe(true);
    for (const b of summary.buckets.filter((x) => x.confirmation === 'confirmed')) expect(b.blame, b.key).toBeDefined();
  });
});
