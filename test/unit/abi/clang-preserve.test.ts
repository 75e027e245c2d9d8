// clang's preserve_most and preserve_all and the AArch64 vector PCS: arguments and results exactly
// as the base convention's module plans them, callee-saved sets as clang's documentation and the
// vfabia64 table say (each checked against clang-19/22 and gcc 12 -O2 -S, see the modules), and the
// one departure clang makes from "return values are passed as in C" (sret keeps rax).
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, generateSignatures } from '../../../generators/index.js';
import { aapcs64 } from '../../../src/abi/aapcs64.js';
import { aarch64VectorPcs } from '../../../src/abi/aarch64-vector-pcs.js';
import { PRESERVE_DIALECTS, preserveAllA64, preserveAllX64, preserveMostA64, preserveMostX64 } from '../../../src/abi/clang-preserve.js';
import { PLAIN, type Abi } from '../../../src/abi/abi.js';
import { x86_64Sysv } from '../../../src/abi/x86_64-sysv/index.js';
import { TARGETS } from '../../../src/targets/index.js';
import { applyPairRules } from '../../../src/pipeline/config.js';
import { resolveToolchain } from '../../../harness/toolchains/registry.js';
import type { CType, Signature } from '../../../src/model/types.js';

const x64 = TARGETS['x86_64-linux']!;
const a64 = TARGETS['aarch64-linux']!;
const names = (abi: Abi): string[] => abi.contract.calleeSaved.map((r) => `${r.name}:${r.bytes}`);
const range = (p: string, a: number, b: number, bytes: number): string[] => Array.from({ length: b - a + 1 }, (_, i) => `${p}${a + i}:${bytes}`);
const long: CType = { kind: 'scalar', name: 'long' };
const big: CType = { kind: 'struct', name: 'big', packed: false, fields: ['a', 'b', 'c'].map((name) => ({ name, type: long })) };

describe('callee-saved sets', () => {
  it('x86-64: preserve_most keeps every GPR but r11; preserve_all also xmm0-xmm15 (16 bytes)', () => {
    const gprs = ['rbx', 'rbp', 'r12', 'r13', 'r14', 'r15', 'rax', 'rcx', 'rdx', 'rsi', 'rdi', 'r8', 'r9', 'r10'].map((r) => `${r}:8`);
    expect(names(preserveMostX64)).toEqual(gprs);
    expect(names(preserveAllX64)).toEqual([...gprs, ...range('xmm', 0, 15, 16)]);
    expect(preserveMostX64.contract.returnChains).toEqual([['rax', 'rdx']]);
    expect(preserveAllX64.contract.returnChains).toEqual([['rax', 'rdx'], ['xmm0', 'xmm1', 'xmm2', 'xmm3']]);
    expect(preserveAllX64.contract.argumentsIn).toEqual(['rdi', 'rsi', 'rdx', 'rcx', 'r8', 'r9', 'rax', ...range('xmm', 0, 7, 16).map((r) => r.split(':')[0])]);
  });

  it('AArch64: preserve_most adds x9-x15 to AAPCS64; preserve_all keeps q8-q31 whole; the vector PCS q8-q23 whole', () => {
    const x = [...range('x', 9, 15, 8), ...range('x', 19, 29, 8)];
    expect(names(preserveMostA64)).toEqual([...x, ...range('d', 8, 15, 8)]);
    expect(names(preserveAllA64)).toEqual([...x, ...range('q', 8, 31, 16)]);
    expect(names(aarch64VectorPcs)).toEqual([...range('x', 19, 29, 8), ...range('q', 8, 23, 16)]);
    for (const abi of [preserveMostA64, preserveAllA64, aarch64VectorPcs]) {
      expect(abi.contract.argumentsIn, abi.id).toBeUndefined(); // x0-x8 and v0-v7 stay the caller's
      expect(abi.contract.returnChains, abi.id).toBeUndefined();
    }
  });

  it('are opt-in: in the targets\' abis and extraConventions, not in their default conventions', () => {
    expect(x64.abis['preserve_most']).toBe(preserveMostX64);
    expect(x64.conventions).toEqual(['ms_abi', 'sysv_abi']);
    expect(x64.extraConventions).toEqual(['preserve_most', 'preserve_all', 'preserve_none', 'regcall']);
    expect(a64.conventions).toEqual([]);
    expect(a64.extraConventions).toEqual(['preserve_most', 'preserve_all', 'aarch64_vector_pcs', 'preserve_none']);
    expect(x64.pairRules.find((r) => r.family === 'gcc')?.dropConventions).toEqual(['preserve_most', 'preserve_all', 'preserve_none', 'regcall']);
    expect(a64.pairRules.find((r) => r.family === 'gcc')?.dropConventions).toEqual(['preserve_most', 'preserve_all', 'preserve_none']);
  });

  it('gcc ignores preserve_most and preserve_all (with a warning): a pair with gcc draws neither and says why; the vector PCS stays', () => {
    const side = (id: string) => ({ tc: resolveToolchain(a64, id), flags: [] });
    const limits = { ...DEFAULT_LIMITS, conventions: ['preserve_most', 'aarch64_vector_pcs'] };
    const r = applyPairRules(a64, side('aarch64-linux-gnu-gcc'), side('clang-19'), limits);
    expect(r.limits.conventions).toEqual(['aarch64_vector_pcs']);
    expect(r.disabled).toEqual([{ feature: 'convention preserve_most', reason: expect.stringContaining('gcc ignores preserve_most') }]);
    expect(applyPairRules(a64, side('clang-19'), side('clang-19'), limits).limits.conventions).toEqual(limits.conventions);
  });
});

describe('arguments and results are the base convention\'s', () => {
  const same = (abi: Abi, base: Abi, dm: typeof x64.dataModel, convention: string): void => {
    const sigs = generateSignatures(dm, { ...DEFAULT_LIMITS, conventions: [convention] }, 7, 0, 300).filter((s) => s.convention === convention);
    expect(sigs.length).toBeGreaterThan(50);
    for (const sig of sigs) {
      const { convention: _c, ...plain } = sig;
      expect(abi.planCall(sig, dm, PLAIN), sig.name).toEqual(base.planCall(plain, dm, PLAIN));
    }
  };
  it('x86-64: SysV AMD64', () => {
    same(preserveMostX64, x86_64Sysv, x64.dataModel, 'preserve_most');
    same(preserveAllX64, x86_64Sysv, x64.dataModel, 'preserve_all');
  });
  it('AArch64: AAPCS64', () => {
    same(preserveMostA64, aapcs64, a64.dataModel, 'preserve_most');
    same(preserveAllA64, aapcs64, a64.dataModel, 'preserve_all');
    same(aarch64VectorPcs, aapcs64, a64.dataModel, 'aarch64_vector_pcs');
  });

  it('clang keeps rax where a result goes in memory (dialect clang-preserve-sret-keeps-rax); the text hands the address back in it', () => {
    const sig: Signature = { name: 'f', ret: big, params: [{ type: long }], variadic: null, convention: 'preserve_most' };
    const text = preserveMostX64.planCall(sig, x64.dataModel, PLAIN);
    const clang = preserveMostX64.planCall(sig, x64.dataModel, { features: new Set(), dialects: new Set(preserveMostX64.dialectsOf!('clang-19')) });
    expect(text.ok && text.plan.ret.kind === 'sret' && text.plan.ret.returnedIn).toBe('rax');
    expect(clang.ok && clang.plan.ret.kind === 'sret' && clang.plan.ret.returnedIn).toBe(null);
    expect(preserveAllX64.dialectsOf!('clang-22')).toContain(PRESERVE_DIALECTS.sretKeepsRax.id);
    expect(preserveAllX64.dialects.map((d) => d.id)).toContain(PRESERVE_DIALECTS.sretKeepsRax.id);
  });
});
