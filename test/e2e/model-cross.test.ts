// The psABI model as a party on aarch64 (AAPCS64), riscv64 (LP64D) and armhf (AAPCS-VFP), under
// qemu: against each target's gcc both ways every difference is a documented dialect, and planted
// bugs are found and blamed on the side that has them.
import { describe, expect, it } from 'vitest';
import type { Summary } from '../../src/report/summary.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const tmp = tempDirs('model-cross');

async function fuzz(target: string, args: string[]): Promise<Summary> {
  const r = await runCli(['fuzz', '--target', target, '--json', '--out', await tmp(), '--batch', '100', '--no-shrink', ...args]);
  expect(r.stdout, r.stderr).not.toBe('');
  return JSON.parse(r.stdout) as Summary;
}

const GCC: Record<string, string> = { 'aarch64-linux': 'aarch64-linux-gnu-gcc', 'riscv64-linux': 'riscv64-linux-gnu-gcc', 'armhf-linux': 'arm-linux-gnueabihf-gcc' };

describe.each(Object.entries(GCC))('the model on %s', (target, gcc) => {
  it(`model -> ${gcc} -O2 and ${gcc} -> model: every difference is a documented dialect`, async () => {
    for (const args of [['--caller', 'model', '--callee', gcc, '--callee-flags=-O2'], ['--caller', gcc, '--callee', 'model']]) {
      const s = await fuzz(target, [...args, '--runs', '100', '--seed', '41']);
      expect(s.findings, JSON.stringify(s.findings.slice(0, 2))).toEqual([]);
      expect(s.signaturesChecked).toBeGreaterThan(70);
      for (const k of Object.keys(s.known)) expect(k).toMatch(/^dialect /);
    }
  });
});

describe('planted bugs against the model, blamed on the callee', () => {
  it('aarch64: -fcall-used-x19 (with x9-x15 fixed, so x19 is needed)', async () => {
    const fixed = [9, 10, 11, 12, 13, 14, 15].map((n) => `-ffixed-x${n}`).join(' ');
    const s = await fuzz('aarch64-linux', ['--caller', 'model', '--callee', GCC['aarch64-linux']!, `--callee-flags=-O2 -fcall-used-x19 ${fixed}`, '--runs', '150', '--seed', '3']);
    const b = s.buckets.find((x) => x.kind === 'callee-saved');
    expect(b).toMatchObject({ problem: 'x19', blame: { deviates: 'callee' } });
  });

  it('riscv64: -fcall-used-s1', async () => {
    const s = await fuzz('riscv64-linux', ['--caller', 'model', '--callee', GCC['riscv64-linux']!, '--callee-flags=-O2 -fcall-used-s1', '--runs', '100', '--seed', '3']);
    expect(s.buckets.find((x) => x.kind === 'callee-saved')).toMatchObject({ problem: 's1', blame: { deviates: 'callee' } });
  });

  it('armhf: a callee built with -mfloat-abi=softfp reads floating point from the core registers', async () => {
    const s = await fuzz('armhf-linux', ['--caller', 'model', '--callee', GCC['armhf-linux']!, '--callee-flags=-mfloat-abi=softfp', '--runs', '60', '--seed', '3']);
    expect(s.buckets.length).toBeGreaterThan(0);
    for (const b of s.buckets) expect(b.blame).toMatchObject({ deviates: 'callee', party: `${GCC['armhf-linux']} -mfloat-abi=softfp` });
  });
});
