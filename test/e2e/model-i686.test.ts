// The psABI model as a party on i686-linux (cdecl, stdcall, fastcall, regparm): against gcc and
// clang-19 both ways every difference is a documented dialect, and the planted bugs of the i386
// family (-mrtd, -mpreferred-stack-boundary=2, -mregparm=3) are found and blamed on their side.
import { describe, expect, it } from 'vitest';
import type { Summary } from '../../src/report/summary.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const tmp = tempDirs('model-i686');
const GCC = 'i686-linux-gnu-gcc';

async function fuzz(args: string[]): Promise<Summary> {
  const r = await runCli(['fuzz', '--target', 'i686-linux', '--json', '--out', await tmp(), '--batch', '100', '--no-shrink', ...args]);
  expect(r.stdout, r.stderr).not.toBe('');
  return JSON.parse(r.stdout) as Summary;
}

describe('the model on i686-linux', () => {
  it.each([GCC, 'clang-19'])('model -> %s -O2 and back: every difference is a documented dialect', async (cc) => {
    for (const args of [['--caller', 'model', '--callee', cc, '--callee-flags=-O2'], ['--caller', cc, '--callee', 'model']]) {
      const s = await fuzz([...args, '--runs', '100', '--seed', '41']);
      expect(s.findings, JSON.stringify(s.findings.slice(0, 2))).toEqual([]);
      expect(s.signaturesChecked).toBeGreaterThan(80);
      for (const k of Object.keys(s.known)) expect(k).toMatch(/^dialect /);
    }
  });
});

describe('planted i386 bugs against the model', () => {
  it('-mrtd on the callee: it pops what cdecl leaves to the caller', async () => {
    const s = await fuzz(['--caller', 'model', '--callee', GCC, '--callee-flags=-mrtd', '--runs', '60', '--seed', '3']);
    const b = s.buckets.find((x) => x.kind === 'stack-pointer');
    expect(b).toMatchObject({ blame: { deviates: 'callee', party: `${GCC} -mrtd` } });
  });

  it('-mpreferred-stack-boundary=2 on the caller: the callee is entered with a 4-aligned stack', async () => {
    const s = await fuzz(['--caller', GCC, '--caller-flags=-mpreferred-stack-boundary=2', '--callee', 'model', '--runs', '60', '--seed', '3']);
    const b = s.buckets.find((x) => x.kind === 'stack-align');
    expect(b).toMatchObject({ blame: { deviates: 'caller', party: `${GCC} -mpreferred-stack-boundary=2` } });
  });

  it('-mregparm=3 on the callee: it reads its arguments from eax, edx and ecx', async () => {
    const s = await fuzz(['--caller', 'model', '--callee', GCC, '--callee-flags=-mregparm=3', '--runs', '40', '--seed', '3']);
    expect(s.buckets.length).toBeGreaterThan(0);
    for (const b of s.buckets) expect(b.blame).toMatchObject({ deviates: 'callee', party: `${GCC} -mregparm=3` });
  });
});
