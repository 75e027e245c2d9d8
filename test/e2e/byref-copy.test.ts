// The by-reference copy check. Where a convention passes an argument by reference to a copy, the
// caller makes the copy; a caller that passes its own object instead lets the callee's writes to its
// parameter reach the caller. Every C callee scrambles its fixed parameters after checking them and
// every C caller checks its arguments again after the call. Here a hand-edited caller passes &a0
// where the callee takes the struct by value (exactly what a compiler that forgets the copy emits),
// built with the target's gcc and run natively, under qemu or under wine: it must be an
// `arg-clobbered` finding naming each leaf of a0, with the callee's inverted bytes, while the same
// call made by the compiler passes. And the compilers of today make the copy: fuzz runs with many
// such arguments give no such finding.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, generateSignatures } from '../../generators/index.js';
import { compile, link } from '../../harness/build.js';
import { runTests } from '../../harness/run.js';
import { runnerFor } from '../../harness/runners/index.js';
import { runtimeCache } from '../../harness/runtime-objects.js';
import { linkerOf } from '../../harness/toolchains/registry.js';
import { valueFindings } from '../../src/check/finding.js';
import { parseRunOutput } from '../../src/check/parse.js';
import { trampolineFile } from '../../src/emit/asm/trampolines.js';
import { emitBatch } from '../../src/emit/c-batch.js';
import { pointerTypedef } from '../../src/emit/declaration.js';
import type { CType, Signature } from '../../src/model/types.js';
import type { Summary } from '../../src/report/summary.js';
import { abiOf, TARGETS } from '../../src/targets/index.js';
import type { Target } from '../../src/targets/target.js';
import { testBuild } from '../helpers/harness.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const tmp = tempDirs('byref');

/** 24 bytes, no floating-point-only shape: by reference on Win64 (not 1/2/4/8), AAPCS64 (> 16) and LP64D (> 2×XLEN). */
const struct = (name: string): CType => ({
  kind: 'struct', name, packed: false,
  fields: [
    { name: 'f0', type: { kind: 'scalar', name: 'long long' } },
    { name: 'f1', type: { kind: 'scalar', name: 'double' } },
    { name: 'f2', type: { kind: 'scalar', name: 'int' } },
    { name: 'f3', type: { kind: 'scalar', name: 'short' } },
  ],
});

const sigOf = (index: number, convention?: string): Signature => ({
  name: `f${index}`, ret: 'void', variadic: null, ...(convention ? { convention } : {}),
  params: [{ type: struct(`f${index}_s0`) }, { type: { kind: 'scalar', name: 'int' } }],
});

/** caller.c with f0 called as a function taking a pointer, given &a0: the caller's own object, no copy. */
function withoutCopy(callerC: string, sig: Signature): string {
  const call = `  ${sig.name}(a0, a1);`;
  expect(callerC.split('\n').filter((l) => l === call)).toHaveLength(1);
  const byPointer: Signature = { ...sig, params: [{ type: { kind: 'pointer', to: sig.params[0]!.type } }, sig.params[1]!] };
  return callerC
    .replace(`void abifuzz_test_0(void) {`, `${pointerTypedef(byPointer, 'nocopy_0')}\nvoid abifuzz_test_0(void) {`)
    // Through a volatile pointer: gcc traps a call through a cast function designator of another type.
    .replace(call, `  { nocopy_0 volatile g = (nocopy_0)${sig.name}; g(&a0, a1); }`);
}

async function buildAndRun(target: Target, sigs: Signature[]): Promise<string> {
  const dir = await tmp();
  const build = testBuild();
  const gcc = linkerOf(target);
  const b = emitBatch(sigs.map((sig, index) => ({ sig, index })), target.dataModel, { seed: 0, target: target.id, caller: gcc.tc.id, callee: gcc.tc.id });
  await writeFile(join(dir, 'abi.h'), b.files['abi.h']);
  await writeFile(join(dir, 'caller.c'), withoutCopy(b.files['caller.c'], sigs[0]!));
  await writeFile(join(dir, 'callee.c'), b.files['callee.c']);
  for (const [src, flags] of [['caller.c', []], ['callee.c', ['-O2']]] as const) {
    const c = await compile(build, { tc: gcc.tc, flags: [...flags] }, dir, src, `${src}.o`);
    expect(c.kind, c.kind === 'rejected' ? c.stderr : c.kind).toBe('built');
  }
  const runtime = await runtimeCache(build, join(dir, 'cache'))(gcc, trampolineFile(target));
  if (!runtime.ok) throw new Error(runtime.message);
  const ln = await link(build, gcc, dir, ['caller.c.o', 'callee.c.o', ...runtime.objects], 'test.exe');
  expect(ln.kind, ln.kind === 'link-failed' ? ln.stderr : '').toBe('linked');
  const runner = runnerFor(target);
  await runner.prepare?.();
  const out = await runTests(build.spawn, runner, join(dir, 'test.exe'), null, 60_000);
  expect(out.kind, out.stdout).toBe('exited');
  return out.stdout;
}

const invert = (hex: string): string => hex.replace(/../g, (b) => (255 - parseInt(b, 16)).toString(16).padStart(2, '0'));

describe.each([
  ['x86_64-windows', ''],
  ['x86_64-linux', 'ms_abi'],
  ['aarch64-linux', ''],
  ['riscv64-linux', ''],
])('%s %s', (id, convention) => {
  it('a caller that passes its own object where the convention wants a copy: arg-clobbered naming every leaf of it; the compiled call passes', async () => {
    const target = TARGETS[id]!;
    const sigs = [sigOf(0, convention || undefined), sigOf(1, convention || undefined)];
    const plan = abiOf(target, sigs[0]!).planCall(sigs[0]!, target.dataModel, { features: new Set(), dialects: new Set() });
    expect(plan.ok && plan.plan.args[0]!.kind).toBe('by-ref');
    const run = parseRunOutput(await buildAndRun(target, sigs));
    expect([...run.ended].sort()).toEqual([0, 1]);
    const [clobbered, ...rest] = valueFindings(sigs[0]!, 0, run);
    expect(rest).toEqual([]);
    expect(clobbered).toMatchObject({ kind: 'arg-clobbered', function: 'f0', path: 'arg0.f0' });
    expect(clobbered!.mismatches!.map((m) => m.path)).toEqual(['arg0.f0', 'arg0.f1', 'arg0.f2', 'arg0.f3']);
    for (const m of clobbered!.mismatches!) expect(m.received).toBe(invert(m.expected));
    expect(clobbered!.detail).toContain("the callee changed the caller's argument arg0.f0, arg0.f1, arg0.f2, arg0.f3 (passed by reference without a copy?)");
    expect(valueFindings(sigs[1]!, 1, run)).toEqual([]);
  });
});

/** Fixed arguments the target's psABI passes by reference among the signatures a run generated. */
function byRefArgs(target: Target, conventions: string[], seed: number, runs: number): number {
  const sigs = generateSignatures(target.dataModel, { ...DEFAULT_LIMITS, conventions }, seed, 0, runs);
  return sigs.reduce((n, sig) => {
    const p = abiOf(target, sig).planCall(sig, target.dataModel, { features: new Set(), dialects: new Set() });
    return n + (p.ok ? p.plan.args.slice(0, sig.params.length).filter((a) => a.kind === 'by-ref').length : 0);
  }, 0);
}

async function fuzz(args: string[]): Promise<Summary> {
  const r = await runCli(['fuzz', '--json', '--out', await tmp(), '--batch', '100', '--no-shrink', '--show-known', ...args]);
  expect(r.stdout, r.stderr).not.toBe('');
  return JSON.parse(r.stdout) as Summary;
}

describe("today's compilers make the copy", () => {
  it.each([
    ['x86_64-windows', 'x86_64-w64-mingw32-gcc', 'x86_64-w64-mingw32-gcc', 'none', 60],
    ['x86_64-linux', 'gcc', 'clang-19', 'ms_abi', 60],
  ])('%s: %s calling %s -O2 (conventions %s): no arg-clobbered finding, with arguments by reference among the signatures', async (id, caller, callee, conventions, runs) => {
    const summary = await fuzz(['--target', id, '--caller', caller, '--callee', callee, '--callee-flags=-O2', '--conventions', conventions, '--runs', String(runs), '--seed', '15']);
    expect(summary.findings.filter((f) => f.kind === 'arg-clobbered')).toEqual([]);
    expect(summary.signaturesChecked).toBeGreaterThan(runs / 2);
    // The run generated exactly these signatures only if no feature was turned off for the pair.
    expect(summary.disabledFeatures).toEqual([]);
    expect(byRefArgs(TARGETS[id]!, conventions === 'none' ? [] : [conventions], 15, runs)).toBeGreaterThan(runs / 4);
  });
});

