// clang's regcall: the callee-saved sets (measured with clang-16, 19 and 22 -S), the bound on the
// callee-saved registers a call occupies, checked against the calls measured in clang-19's
// assembly, the trampoline a caller picks from it, the model's "cannot say" and the gcc pair rules.
import { describe, expect, it } from 'vitest';
import { PLAIN } from '../../../src/abi/abi.js';
import { regcallI386, regcallX64 } from '../../../src/abi/clang-regcall.js';
import { callChecksOf, returnSetOf, trampolineSpecs } from '../../../src/emit/asm/trampolines.js';
import { TARGETS } from '../../../src/targets/index.js';
import type { CType, ScalarName, Signature } from '../../../src/model/types.js';

const x64 = TARGETS['x86_64-linux']!;
const i686 = TARGETS['i686-linux']!;
const s = (name: ScalarName): CType => ({ kind: 'scalar', name });
const struct = (...types: CType[]): CType => ({ kind: 'struct', name: 's', packed: false, fields: types.map((type, i) => ({ name: `f${i}`, type })) });
const longs = (n: number): CType[] => Array.from({ length: n }, () => s('long'));
const regcall = (params: CType[], ret: CType | 'void' = 'void'): Signature => ({ name: 'f', ret, params: params.map((type) => ({ type })), variadic: null, convention: 'regcall' });
const atMostX64 = (sig: Signature): readonly number[] => regcallX64.contract.chainsAtMost!(sig, x64.dataModel);

describe('regcall', () => {
  it('keeps rbx rbp r12-r15 and xmm8-xmm15 whole on x86-64, ebx ebp edi esi and xmm4-xmm7 on i386', () => {
    expect(regcallX64.contract.calleeSaved.map((r) => `${r.name}:${r.bytes}`).join(' ')).toBe(
      'rbx:8 rbp:8 r12:8 r13:8 r14:8 r15:8 xmm8:16 xmm9:16 xmm10:16 xmm11:16 xmm12:16 xmm13:16 xmm14:16 xmm15:16');
    expect(regcallI386.contract.calleeSaved.map((r) => r.name)).toEqual(['ebx', 'ebp', 'edi', 'esi', 'xmm4', 'xmm5', 'xmm6', 'xmm7']);
    expect(regcallX64.contract.argumentsInChains).toBe(true);
  });

  it('bounds the callee-saved registers a call occupies at least as far as clang-19 uses them', () => {
    // f(long x 13): a-k in rax rcx rdx rdi rsi r8 r9 r12 r13 r14 r15.
    expect(atMostX64(regcall(longs(13)))).toEqual([4, 0]);
    expect(atMostX64(regcall(longs(8)))).toEqual([1, 0]);
    expect(atMostX64(regcall(longs(7), s('long')))).toEqual([0, 0]);
    // fx(double x 10): a8 and a9 in xmm8 and xmm9.
    expect(atMostX64(regcall(Array.from({ length: 10 }, () => s('double'))))).toEqual([0, 2]);
    // fl9b(long, long, long, struct { long a[9]; }, long): a[7] in r15, a[8] and w on the stack.
    const l9 = struct({ kind: 'array', elem: s('long'), count: 9 });
    expect(atMostX64(regcall([...longs(3), l9, s('long')]))).toEqual([4, 0]);
    // g11 returns struct { long a, ..., k; } in rax ... r15.
    expect(atMostX64(regcall([s('long')], struct(...longs(11))))).toEqual([4, 0]);
    // fm(struct { int a; double d; char c[3]; }): a in eax, c[0..2] in cl dl dil, d in xmm0.
    expect(atMostX64(regcall([struct(s('int'), s('double'), { kind: 'array', elem: s('char'), count: 3 })]))).toEqual([0, 0]);
  });

  it('counts a hidden return pointer, and every byte of a type whose lowering is not measured', () => {
    expect(atMostX64(regcall(longs(7), struct(s('char'))))).toEqual([1, 0]);
    const bitfields: CType = { kind: 'struct', name: 'b', packed: false, fields: [{ name: 'a', type: s('int'), bits: 3 }, { name: 'b', type: s('char') }] };
    // struct { int a : 3; char b; } is 4 bytes: four values of either class.
    expect(atMostX64(regcall([...longs(4), struct(bitfields)]))).toEqual([1, 0]);
    expect(atMostX64(regcall([...Array.from({ length: 6 }, () => s('double')), struct(bitfields)]))).toEqual([0, 2]);
    // long double as an argument of its own: at most two of either class (in fact st0).
    expect(atMostX64(regcall([...longs(6), s('long double')]))).toEqual([1, 0]);
  });

  it('i386: two long longs and a fifth int fill eax ecx edx edi esi', () => {
    expect(regcallI386.contract.chainsAtMost!(regcall([s('long long'), s('long long'), s('int')]), i686.dataModel)).toEqual([2, 0]);
    expect(regcallI386.contract.chainsAtMost!(regcall([s('int'), s('int'), s('int')]), i686.dataModel)).toEqual([0, 0]);
  });

  it('the caller picks the trampoline that leaves out the bounded registers; with no bound, every one', () => {
    expect(returnSetOf(regcallX64, null, [1, 2])).toEqual(['r12', 'xmm8', 'xmm9']);
    expect(returnSetOf(regcallX64, null)).toHaveLength(12);
    const checks = callChecksOf(x64, { compiler: 'clang-19', features: new Set(), dataModel: x64.dataModel });
    const spec = trampolineSpecs(x64)[checks.trampoline(regcall(longs(9))).variant]!;
    expect(spec.abi).toBe(regcallX64);
    expect(spec.returns).toEqual(['r12', 'r13']);
    expect(spec.regs.map((r) => r.name)).toEqual(['rbx', 'rbp', 'r14', 'r15', ...Array.from({ length: 8 }, (_, i) => `xmm${8 + i}`)]);
  });

  it('the model cannot say (a counted skip); gcc pairs drop regcall with the reason', () => {
    for (const [abi, t] of [[regcallX64, x64], [regcallI386, i686]] as const) {
      const r = abi.planCall(regcall(longs(2)), t.dataModel, PLAIN);
      expect(r.ok ? '' : r.reason).toContain('regcall is not transcribed');
      expect(t.extraConventions).toContain('regcall');
      expect(t.conventions).not.toContain('regcall');
      expect(t.pairRules?.find((p) => p.family === 'gcc' && p.dropConventions?.includes('regcall'))?.reason).toMatch(/regcall/);
    }
  });
});
