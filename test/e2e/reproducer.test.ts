// The reproducer of a finding, with real compilers: its folder copied alone elsewhere, repro.sh
// builds and runs it and exits 1 with the mismatch in words; repro.c, built as its header says,
// prints the same mismatch; with the planted flag taken out, repro.sh says the problem is gone.
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/check/finding.js';
import { declarationWithTypes } from '../../src/emit/declaration.js';
import type { Signature } from '../../src/model/types.js';
import type { Summary } from '../../src/report/summary.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const tmp = tempDirs('repro');

async function fuzz(target: string, args: string[]): Promise<Summary> {
  const r = await runCli(['fuzz', '--target', target, '--json', '--out', await tmp(), '--batch', '60', ...args]);
  expect(r.stdout, r.stderr).not.toBe('');
  return JSON.parse(r.stdout) as Summary;
}

interface SavedCase { finding: Finding; shrinkPath: string; signature: Signature; shrink?: { steps: number; originalSignature: Signature } }
const caseIn = async (dir: string): Promise<SavedCase> => JSON.parse(await readFile(join(dir, 'case.json'), 'utf8'));

/** The finding folder copied alone into a fresh, otherwise empty directory. */
async function copyAlone(caseDir: string): Promise<string> {
  const to = join(await tmp(), basename(caseDir));
  await cp(caseDir, to, { recursive: true });
  return to;
}

async function reproSh(dir: string): Promise<{ exitCode: number; stdout: string }> {
  const r = await execa('sh', ['repro.sh'], { cwd: dir, reject: false, stdin: 'ignore' });
  return { exitCode: r.exitCode ?? -1, stdout: `${r.stdout}\n${r.stderr}` };
}

/** M and C lines without what was received (stack garbage, addresses under ASLR vary by run). */
function problemLines(output: string): string[] {
  const out = new Set<string>();
  for (const line of output.split('\n')) {
    const w = line.split(' ');
    if (w[0] === 'M' && w.length === 7) out.add(w.slice(0, 5).join(' '));
    if (w[0] === 'C' && w.length === 6) out.add(w.slice(0, 5).join(' '));
  }
  return [...out].sort();
}

/** repro.c alone in a fresh folder, built and run with the commands of its header; the program's output. */
async function runSingleFile(caseDir: string): Promise<string> {
  const dir = await tmp();
  const text = await readFile(join(caseDir, 'repro.c'), 'utf8');
  await writeFile(join(dir, 'repro.c'), text);
  const commands = [...text.matchAll(/^ \* {3}\$ (.*)$/gm)].map((m) => m[1]!);
  expect(commands.length, 'build commands in the header').toBeGreaterThanOrEqual(5);
  const build = await execa('sh', ['-ec', commands.slice(0, -1).join('\n')], { cwd: dir, reject: false, stdin: 'ignore' });
  expect(build.exitCode, build.stderr).toBe(0);
  const ran = await execa('sh', ['-c', commands.at(-1)!], { cwd: dir, reject: false, stdin: 'ignore' });
  return String(ran.stdout);
}

/** repro.sh reproduces (exit 1, `says` in its words) and repro.c prints the same M/C lines. */
async function expectReproduces(caseDir: string, says: RegExp, mustShow: RegExp): Promise<void> {
  const copy = await copyAlone(caseDir);
  const sh = await reproSh(copy);
  expect(sh.stdout).toMatch(says);
  expect(sh.stdout).toContain('the problem reproduces');
  expect(sh.exitCode, sh.stdout).toBe(1);
  const fromSh = problemLines(await readFile(join(copy, 'output.txt'), 'utf8'));
  expect(fromSh.some((l) => mustShow.test(l)), fromSh.join('\n')).toBe(true);
  expect(problemLines(await runSingleFile(caseDir))).toEqual(fromSh);
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('reproducers on x86_64-linux', () => {
  it('a caller built with -fpcc-struct-return: return and arg findings reproduce from repro.sh and repro.c; report.md tells the shrink', async () => {
    const summary = await fuzz('x86_64-linux', ['--caller', 'gcc', '--caller-flags=-fpcc-struct-return', '--callee', 'gcc', '--runs', '60', '--seed', '3']);
    for (const kind of ['return', 'arg'] as const) {
      const bucket = summary.buckets.find((b) => b.kind === kind && b.confirmation === 'confirmed');
      expect(bucket, `a confirmed ${kind} finding`).toBeDefined();
      const c = await caseIn(bucket!.caseDir);
      const path = escape(c.finding.path!);
      const side = kind === 'arg' ? 0 : 1;
      await expectReproduces(bucket!.caseDir, new RegExp(`mismatch: ${path}(:| from byte).* expected [0-9a-f]+ received`), new RegExp(`^M ${side} ${c.finding.index} ${path} `));

      const report = await readFile(join(bucket!.caseDir, 'report.md'), 'utf8');
      expect(report).toMatch(new RegExp(`^# ${kind}: ${escape(c.finding.function)}:`));
      expect(report).toContain('`gcc -fpcc-struct-return`');
      expect(report).toContain(declarationWithTypes(c.signature));
      expect(report).toContain(`\`${c.finding.path}\``);
      expect(report).toContain(`fast-check path \`${c.shrinkPath}\``);
      if (c.shrink) expect(report).toContain(declarationWithTypes(c.shrink.originalSignature));
    }
    expect(existsSync(join(summary.buckets[0]!.caseDir, 'build.sh'))).toBe(false);
  });

  it('a callee built with -fcall-used-rbx: repro.sh names rbx and exits 1, repro.c shows the same C line, and without the flag the problem is gone', async () => {
    const summary = await fuzz('x86_64-linux', ['--caller', 'gcc', '--callee', 'gcc', '--callee-flags=-fcall-used-rbx', '--runs', '30', '--seed', '3', '--no-shrink']);
    const f = summary.findings.find((x) => x.kind === 'callee-saved' && x.register === 'rbx');
    expect(f, 'a callee-saved rbx finding').toBeDefined();
    const caseDir = join(f!.caseFile, '..');
    await expectReproduces(caseDir, /callee-saved register rbx: expected [0-9a-f]+ received/, new RegExp(`^C ${f!.index} callee-saved rbx `));
    expect(await readFile(join(caseDir, 'report.md'), 'utf8')).toContain('callee-saved register `rbx`');

    const copy = await copyAlone(caseDir);
    const script = await readFile(join(copy, 'repro.sh'), 'utf8');
    expect(script).toContain('-fcall-used-rbx');
    await writeFile(join(copy, 'repro.sh'), script.replaceAll('-fcall-used-rbx', ''));
    const gone = await reproSh(copy);
    expect(gone.stdout).toContain('no mismatch: the problem is gone');
    expect(gone.exitCode, gone.stdout).toBe(0);
  });
});

describe('reproducers across targets', () => {
  it('riscv64 under qemu: a callee built with -fcall-used-s1 reproduces from repro.sh and repro.c', async () => {
    const gcc = 'riscv64-linux-gnu-gcc';
    const summary = await fuzz('riscv64-linux', ['--caller', gcc, '--callee', gcc, '--callee-flags=-O2 -fcall-used-s1', '--runs', '100', '--seed', '3', '--no-shrink']);
    const f = summary.findings.find((x) => x.kind === 'callee-saved' && x.register === 's1');
    expect(f, 'a callee-saved s1 finding').toBeDefined();
    const caseDir = join(f!.caseFile, '..');
    expect(await readFile(join(caseDir, 'repro.sh'), 'utf8')).toContain('qemu-riscv64 ./test.exe');
    await expectReproduces(caseDir, /callee-saved register s1: expected/, new RegExp(`^C ${f!.index} callee-saved s1 `));
  });
});
