// clang's preserve_none: the callee-saved sets the trampolines check (clang's documentation,
// measured with clang-19 and clang-22 -S), the model's "cannot say", the opt-in wiring, and the
// probe that turns a compiler's "unknown attribute" warning into a rejection.
import { describe, expect, it } from 'vitest';
import { PLAIN } from '../../../src/abi/abi.js';
import { preserveNoneA64, preserveNoneX64 } from '../../../src/abi/clang-preserve-none.js';
import { trampolineSpecs } from '../../../src/emit/asm/trampolines.js';
import { featureSource } from '../../../harness/probe.js';
import { TARGETS } from '../../../src/targets/index.js';
import type { Signature } from '../../../src/model/types.js';

const x64 = TARGETS['x86_64-linux']!;
const a64 = TARGETS['aarch64-linux']!;
const sig: Signature = { name: 'f', ret: { kind: 'scalar', name: 'long' }, params: [{ type: { kind: 'scalar', name: 'long' } }], variadic: null, convention: 'preserve_none' };

describe('preserve_none', () => {
  it('keeps rbp alone on x86-64 and x29 alone on AArch64', () => {
    expect(preserveNoneX64.contract.calleeSaved).toEqual([{ name: 'rbp', bytes: 8 }]);
    expect(preserveNoneA64.contract.calleeSaved).toEqual([{ name: 'x29', bytes: 8 }]);
    for (const abi of [preserveNoneX64, preserveNoneA64]) {
      expect(abi.contract.argumentsIn).toBeUndefined(); // no argument register is kept
      expect(abi.contract.returnChains).toBeUndefined();
    }
  });

  it('the model cannot say where its arguments go (a counted skip)', () => {
    for (const [abi, t] of [[preserveNoneX64, x64], [preserveNoneA64, a64]] as const) {
      const r = abi.planCall(sig, t.dataModel, PLAIN);
      expect(r.ok).toBe(false);
      expect(r.ok ? '' : r.reason).toContain('preserve_none is not transcribed');
    }
  });

  it('is opt-in on x86_64-linux and aarch64-linux, with one trampoline each', () => {
    for (const [t, abi] of [[x64, preserveNoneX64], [a64, preserveNoneA64]] as const) {
      expect(t.conventions).not.toContain('preserve_none');
      expect(t.extraConventions).toContain('preserve_none');
      expect(t.abis['preserve_none']).toBe(abi);
      expect(trampolineSpecs(t).filter((s) => s.abi === abi).map((s) => s.regs.map((r) => r.name))).toEqual([abi.contract.calleeSaved.map((r) => r.name)]);
    }
  });

  it('the convention probe asks __has_attribute first (clang-16 only warns "unknown attribute")', () => {
    const src = featureSource('convention preserve_none');
    expect(src).toContain('#if !__has_attribute(__preserve_none__)');
    expect(src).toContain('int __attribute__((preserve_none)) f(int a, double b)');
    expect(featureSource('convention regparm(3)')).toContain('#if !__has_attribute(__regparm__)');
  });
});
