// Each target's contract trampoline on its own, with hand-written assembly callees: one that
// clobbers a single callee-saved register must be reported naming exactly that register, one that
// clobbers only a caller-saved register and one that preserves everything must pass. Built with
// the target's gcc and run natively, under qemu-user or under wine, like every batch. The trampolines
// are the generated ones (src/emit/asm/trampolines.ts, from each psABI module's contract); the
// registers listed here are the psABI texts', so a module that drops one fails this test.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { link } from '../../harness/build.js';
import { runTests } from '../../harness/run.js';
import { runnerFor } from '../../harness/runners/index.js';
import { runtimeCache } from '../../harness/runtime-objects.js';
import { linkerOf } from '../../harness/toolchains/registry.js';
import { parseRunOutput } from '../../src/check/parse.js';
import { TARGETS } from '../../src/targets/index.js';
import type { Target } from '../../src/targets/target.js';
import { testBuild } from '../helpers/harness.js';
import { tempDirs } from '../helpers/temp-dirs.js';
import { trampolineFile, trampolineSpecs } from '../../src/emit/asm/trampolines.js';

interface Variant {
  /** The psABI module whose generated trampoline this is (src/emit/asm/trampolines.ts). */
  abi: string;
  /** The callee-saved registers a return value occupies that the trampoline leaves out (TrampolineSpec.returns). */
  returns?: string[];
  /** The convention attribute the caller must call it with. */
  attribute?: string;
  /** Callee-saved registers, as findings name them. */
  saved: string[];
  /** Caller-saved registers the callee may clobber freely. */
  free: string[];
}

interface Case {
  target: string;
  variants: Variant[];
  /** Assembly that overwrites one register with something no canary is. */
  clobber(reg: string): string;
  ret: string;
  /** Directives before the functions. */
  prologue?: string;
}

const range = (p: string, a: number, b: number): string[] => Array.from({ length: b - a + 1 }, (_, i) => `${p}${a + i}`);
// Registers that may carry arguments are checked against their value at entry: overwrite with a value no caller leaves
// there (not all ones: glibc's string functions leave pcmpeqb results in xmm registers). r11 is free everywhere.
const x86_64Clobber = (r: string): string => (r.startsWith('xmm') ? `movabsq $0x3c3c3c3c3c3c3c3c, %r11\nmovq %r11, %${r}` : `movabsq $0x3c3c3c3c3c3c3c3c, %${r}`);
const sysv: Variant = { abi: 'x86_64-sysv', attribute: 'sysv_abi', saved: ['rbx', 'rbp', 'r12', 'r13', 'r14', 'r15'], free: ['rdi', 'rsi', 'r8', 'r11', 'xmm6', 'xmm15'] };
const ms: Variant = { abi: 'ms-x64', attribute: 'ms_abi', saved: [...sysv.saved, 'rdi', 'rsi', ...range('xmm', 6, 15)], free: ['rcx', 'rdx', 'r8', 'r11', 'xmm5'] };
// clang's documentation: every GPR but r11 (and the return registers) kept; preserve_all also xmm0-xmm15.
const mostGprs = [...sysv.saved, 'rax', 'rcx', 'rdx', 'rsi', 'rdi', 'r8', 'r9', 'r10'];
const most: Variant = { abi: 'clang-preserve-most-x86_64', attribute: 'preserve_most', saved: mostGprs, free: ['r11', 'xmm0', 'xmm8', 'xmm15'] };
const mostRet: Variant = { ...most, returns: ['rax', 'rdx'], saved: mostGprs.filter((r) => r !== 'rax' && r !== 'rdx'), free: ['rax', 'rdx', 'r11'] };
const all: Variant = { abi: 'clang-preserve-all-x86_64', attribute: 'preserve_all', saved: [...mostGprs, ...range('xmm', 0, 15)], free: ['r11'] };
const allRet: Variant = { ...all, returns: ['rax', 'xmm0'], saved: all.saved.filter((r) => r !== 'rax' && r !== 'xmm0'), free: ['rax', 'xmm0', 'r11'] };
// clang's documentation and clang-19/22 -S: preserve_none keeps rbp alone (and rsp). The driver is
// gcc's C, which ignores the attribute, so the free registers probed are the C convention's too.
const none: Variant = { abi: 'clang-preserve-none-x86_64', attribute: 'preserve_none', saved: ['rbp'], free: ['rdi', 'rax', 'r11', 'xmm8'] };
// clang-16/19/22 -S: regcall keeps rbx rbp r12-r15 and xmm8-xmm15 whole, but not one that carries an
// argument or the result: the trampoline that leaves out r12, r13 and xmm8 must not flag them.
const regcall: Variant = { abi: 'clang-regcall-x86_64', attribute: 'regcall', saved: ['rbx', 'rbp', ...range('r', 12, 15), ...range('xmm', 8, 15)], free: ['r10', 'r11', 'rdi', 'xmm7'] };
const regcallOccupied: Variant = { ...regcall, returns: ['r12', 'r13', 'xmm8'], saved: regcall.saved.filter((r) => !['r12', 'r13', 'xmm8'].includes(r)), free: ['r12', 'r13', 'xmm8', 'r10'] };
const i386Regcall: Variant = { abi: 'clang-regcall-i386', attribute: 'regcall', saved: ['ebx', 'ebp', 'edi', 'esi', ...range('xmm', 4, 7)], free: ['eax', 'ecx', 'edx', 'xmm3'] };
const i386RegcallOccupied: Variant = { ...i386Regcall, returns: ['edi', 'xmm4', 'xmm5'], saved: ['ebx', 'ebp', 'esi', 'xmm6', 'xmm7'], free: ['edi', 'xmm4', 'xmm5', 'ecx'] };
const aapcs64Saved = [...range('x', 19, 29), ...range('d', 8, 15)];

const CASES: Case[] = [
  { target: 'x86_64-linux', variants: [sysv, ms, most, mostRet, all, allRet, none, regcall, regcallOccupied], clobber: x86_64Clobber, ret: 'ret' },
  { target: 'x86_64-windows', variants: [ms, sysv], clobber: x86_64Clobber, ret: 'ret' },
  {
    target: 'i686-linux', ret: 'ret', clobber: (r) => (r.startsWith('xmm') ? `movl $1, %eax\nmovd %eax, %${r}` : `movl $1, %${r}`),
    variants: [{ abi: 'i386-sysv', saved: ['ebx', 'esi', 'edi', 'ebp'], free: ['ecx', 'edx'] }, i386Regcall, i386RegcallOccupied],
  },
  {
    // qN: only the upper 64 bits of vN change, which d8-d15 leave to the callee.
    target: 'aarch64-linux', ret: 'ret', clobber: (r) => (r.startsWith('d') ? `movi ${r}, #0` : r.startsWith('q') ? `mov v${r.slice(1)}.d[1], xzr` : `mov ${r}, #1`),
    variants: [
      { abi: 'aapcs64', saved: aapcs64Saved, free: ['x9', 'x15', 'd16', 'q8'] },
      { abi: 'clang-preserve-most-aarch64', attribute: 'preserve_most', saved: [...range('x', 9, 15), ...aapcs64Saved], free: ['x8', 'x16', 'x17', 'q8', 'd16'] },
      { abi: 'clang-preserve-all-aarch64', attribute: 'preserve_all', saved: [...range('x', 9, 15), ...range('x', 19, 29), ...range('q', 8, 31)], free: ['x8', 'x16', 'q0', 'd7'] },
      { abi: 'aavpcs', attribute: 'aarch64_vector_pcs', saved: [...range('x', 19, 29), ...range('q', 8, 23)], free: ['x9', 'x15', 'q24', 'd31', 'q7'] },
      // preserve_none keeps the frame record alone (x19-x28 and d8-d15 are the caller's to save, but the
      // driver is gcc's C, which ignores the attribute: the free registers probed are the C convention's too).
      { abi: 'clang-preserve-none-aarch64', attribute: 'preserve_none', saved: ['x29'], free: ['x9', 'x15', 'd16', 'q8'] },
    ],
  },
  {
    target: 'riscv64-linux', ret: 'ret', clobber: (r) => (r.startsWith('f') ? `fmv.d.x ${r}, zero` : `li ${r}, 1`),
    variants: [{ abi: 'riscv-lp64d', saved: [...range('s', 0, 11), ...range('fs', 0, 11)], free: ['t3', 'a7', 'ft0'] }],
  },
  {
    target: 'armhf-linux', ret: 'bx lr', prologue: '.syntax unified\n.arm\n.fpu vfpv3-d16',
    clobber: (r) => (r.startsWith('d') ? `mov r12, #1\nvmov ${r}, r12, r12` : `mov ${r}, #1`),
    variants: [{ abi: 'aapcs-vfp', saved: [...range('r', 4, 11), ...range('d', 8, 15)], free: ['r12', 'd7'] }],
  },
];

const tmp = tempDirs('tramp');

interface Probe { id: number; variant: Variant; clobbers: string | null; expect: string | null }

function probesOf(c: Case): Probe[] {
  const out: Probe[] = [];
  for (const v of c.variants) {
    out.push({ id: out.length, variant: v, clobbers: null, expect: null });
    for (const r of v.saved) out.push({ id: out.length, variant: v, clobbers: r, expect: r });
    for (const r of v.free) out.push({ id: out.length, variant: v, clobbers: r, expect: null });
  }
  return out;
}

function assembly(c: Case, probes: Probe[], windows: boolean): string {
  const fns = probes.map((p) => {
    const name = `probe_${p.id}`;
    const body = p.clobbers ? `${c.clobber(p.clobbers)}\n` : '';
    return `.globl ${name}\n${windows ? '' : `.type ${name}, %function\n`}${name}:\n${body}${c.ret}\n`;
  });
  return [c.prologue ?? '', '.text', ...fns, windows ? '' : '.section .note.GNU-stack,"",%progbits', ''].join('\n');
}

/** The generated trampoline of a variant's ABI (and return registers) on the target: its symbol and variant number. */
function specOf(target: Target, v: Variant): { symbol: string; variant: number } {
  const spec = trampolineSpecs(target).find((t) => t.abi.id === v.abi && t.returns.join(' ') === (v.returns ?? []).join(' '));
  if (!spec) throw new Error(`${target.id} has no ${v.abi} trampoline${v.returns ? ` for results in ${v.returns.join(' ')}` : ''}`);
  return spec;
}

function driver(target: Target, probes: Probe[]): string {
  const variants = [...new Set(probes.map((p) => p.variant))];
  return [
    'void abifuzz_contract_arm(int fn, void (*callee)(void));',
    'void abifuzz_contract_check(int fn, int variant, int expected_pop);',
    ...variants.map((v) => {
      const attr = v.attribute ? `__attribute__((${v.attribute})) ` : '';
      const sym = specOf(target, v).symbol;
      return `void ${sym}(void);\nvoid (${attr}*volatile ${sym}_via)(void) = (void (${attr}*)(void))${sym};`;
    }),
    ...probes.map((p) => {
      const t = specOf(target, p.variant);
      return `void probe_${p.id}(void);\nvoid test_${p.id}(void) { abifuzz_contract_arm(${p.id}, probe_${p.id}); ${t.symbol}_via(); abifuzz_contract_check(${p.id}, ${t.variant}, 0); }`;
    }),
    `void (*const abifuzz_tests[])(void) = { ${probes.map((p) => `test_${p.id}`).join(', ')} };`,
    `const int abifuzz_test_ids[] = { ${probes.map((p) => p.id).join(', ')} };`,
    `const int abifuzz_ntests = ${probes.length};`,
    '',
  ].join('\n');
}

async function buildAndRun(target: Target, c: Case, probes: Probe[]): Promise<string> {
  const dir = await tmp();
  const linker = linkerOf(target);
  const build = testBuild();
  const runner = runnerFor(target);
  await writeFile(join(dir, 'probes.S'), assembly(c, probes, target.id.endsWith('windows')));
  await writeFile(join(dir, 'driver.c'), driver(target, probes));
  for (const src of ['probes.S', 'driver.c']) {
    const r = await build.spawn.run(linker.tc.bin, [...linker.tc.targetArgs, '-c', src, '-o', `${src}.o`], { cwd: dir });
    expect(r.exitCode, r.stderr).toBe(0);
  }
  const runtime = await runtimeCache(build, join(dir, 'cache'))(linker, trampolineFile(target));
  if (!runtime.ok) throw new Error(runtime.message);
  const ln = await link(build, linker, dir, ['driver.c.o', 'probes.S.o', ...runtime.objects], 'test.exe');
  expect(ln.kind, ln.kind === 'link-failed' ? ln.stderr : '').toBe('linked');
  await runner.prepare?.();
  const out = await runTests(build.spawn, runner, join(dir, 'test.exe'), null, 60_000);
  expect(out.kind, out.stdout).toBe('exited');
  return out.stdout;
}

describe.each(CASES)('$target trampoline', (c) => {
  it('names exactly the clobbered callee-saved register, and nothing for caller-saved ones or a clean callee', async () => {
    const target = TARGETS[c.target]!;
    const probes = probesOf(c);
    const parsed = parseRunOutput(await buildAndRun(target, c, probes));
    expect(parsed.ended.size).toBe(probes.length);
    const name = (p: Probe): string => `${p.variant.abi}${p.variant.returns ? ` (result in ${p.variant.returns.join(' ')})` : ''} ${p.clobbers ?? 'nothing'}`;
    const seen = probes.map((p) => ({ probe: name(p), violations: (parsed.contract.get(p.id) ?? []).map((v) => `${v.kind} ${v.name}`) }));
    const want = probes.map((p) => ({ probe: name(p), violations: p.expect ? [`callee-saved ${p.expect}`] : [] }));
    expect(seen).toEqual(want);
  });
});
