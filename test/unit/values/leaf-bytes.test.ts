import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, generateSignatures, withWeights, type Limits } from '../../../generators/index.js';
import { bitsValue } from '../../../src/values/leaf-bytes.js';
import { planFunction, type PlannedLeaf } from '../../../src/emit/plan.js';
import { bitIntLiteral, bitsChecks, significantRanges } from '../../../src/emit/statements.js';
import { lp64x86 } from '../../../src/model/data-model.js';
import { FUNCTION_TARGETS, type FloatFormat } from '../../../src/model/types.js';

const FORMATS: Record<FloatFormat, { exp: number; mant: number }> = {
  binary16: { exp: 5, mant: 10 }, bfloat16: { exp: 8, mant: 7 }, binary32: { exp: 8, mant: 23 }, binary64: { exp: 11, mant: 52 },
  x87: { exp: 15, mant: 64 }, binary128: { exp: 15, mant: 112 },
};

/** Exponent field and (for x87) the explicit integer bit of a little-endian float. */
function decode(fmt: FloatFormat, bytes: Uint8Array): { exp: number; intBit: boolean } {
  let v = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]!);
  const f = FORMATS[fmt];
  const exp = Number((v >> BigInt(f.mant)) & ((1n << BigInt(f.exp)) - 1n));
  return { exp, intBit: ((v >> BigInt(f.mant - 1)) & 1n) === 1n };
}

// The default types and those drawn by their own weight (__bf16, integer _Complex, wide enums, ...).
const zoo = withWeights(DEFAULT_LIMITS, 'bf16=4,int-complex=1,wide-enum=1,long-bitfield=1,enum-bitfield=1,fnptr=1') as Limits;
const plans = generateSignatures(lp64x86, zoo, 5, 0, 400).map((s, i) => planFunction(s, i, lp64x86));
const leavesOf = (p: (typeof plans)[number]): PlannedLeaf[] => [...p.args, ...p.variadic, ...(p.ret ? [p.ret] : [])].flatMap((v) => v.leaves);

describe('leaf values', () => {
  it('are distinct across the multi-byte leaves of a function', () => {
    let compared = 0;
    for (const p of plans) {
      const seen = new Map<string, string>();
      for (const l of leavesOf(p)) {
        if (l.kind !== 'bytes' || l.size < 2) continue;
        const key = significantRanges(l).map(([a, b]) => Buffer.from(l.bytes.subarray(a, b)).toString('hex')).join('|');
        expect(seen.get(key), `${p.sig.name}: ${l.path} repeats ${seen.get(key)}`).toBeUndefined();
        seen.set(key, l.path);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('are never NaN, infinite or subnormal; x87 has its integer bit; _Bool is 0/1', () => {
    let floats = 0;
    for (const p of plans)
      for (const l of leavesOf(p)) {
        if (l.kind !== 'bytes') continue;
        for (const el of l.elements) {
          const b = l.bytes.subarray(el.offset, el.offset + el.size);
          if (el.bool) expect([0, 1]).toContain(b[0]);
          if (!el.float) continue;
          floats++;
          const { exp, intBit } = decode(el.float, b);
          expect(exp, `${l.path} exponent`).toBeGreaterThan(0);
          expect(exp, `${l.path} exponent`).toBeLessThan((1 << FORMATS[el.float].exp) - 1);
          if (el.float === 'x87') expect(intBit, `${l.path} x87 integer bit`).toBe(true);
        }
      }
    expect(floats).toBeGreaterThan(500);
  });

  it('mask bit-fields to their width and pick declared enumerators', () => {
    for (const p of plans)
      for (const l of leavesOf(p)) {
        if (l.kind === 'bits') expect(l.value >> BigInt(l.width)).toBe(0n);
        if (l.kind === 'enum') expect(l.index).toBeLessThan(l.type.values.length);
        if (l.kind === 'function') expect(l.target).toBeLessThan(FUNCTION_TARGETS);
      }
  });

  it('are the same for the same (function, leaf) and differ between functions', () => {
    const sig = plans[3]!.sig;
    const again = planFunction(sig, 3, lp64x86);
    const other = planFunction(sig, 4, lp64x86);
    expect(leavesOf(again)).toEqual(leavesOf(plans[3]!));
    expect(leavesOf(other)).not.toEqual(leavesOf(plans[3]!));
  });
});

describe('_BitInt values', () => {
  it('fill their width, differ per leaf, and keep the low 64 bits of a bit-field of the same leaf', () => {
    for (const width of [1, 7, 64, 65, 100, 128, 129, 256]) {
      const v = bitsValue(3, 17, width);
      expect(v >> BigInt(width)).toBe(0n);
      if (width >= 64) expect(v & ((1n << 64n) - 1n)).toBe(bitsValue(3, 17, 64));
      if (width > 96) expect(v >> 64n).not.toBe(0n);
    }
    expect(bitsValue(3, 17, 200)).not.toBe(bitsValue(3, 18, 200));
  });

  it('are written and checked in 64-bit chunks, the top one masked to the width', () => {
    const value = (0xabn << 128n) | (0x1234n << 64n) | 0x5678n;
    expect(bitIntLiteral(value, 136)).toBe('(unsigned _BitInt(136))0x5678ULL | ((unsigned _BitInt(136))0x1234ULL << 64) | ((unsigned _BitInt(136))0xabULL << 128)');
    expect(bitsChecks({ expr: 'a0', width: 136, value })).toEqual([
      ['(unsigned long long)(a0) & 0xffffffffffffffffULL', '0x5678ULL'],
      ['(unsigned long long)((a0) >> 64) & 0xffffffffffffffffULL', '0x1234ULL'],
      ['(unsigned long long)((a0) >> 128) & 0xffULL', '0xabULL'],
    ]);
    expect(bitsChecks({ expr: 's.b', width: 5, value: 0x15n })).toEqual([['(unsigned long long)(s.b) & 0x1fULL', '0x15ULL']]);
  });
});
