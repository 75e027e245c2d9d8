import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, generateSignatures } from '../../../generators/index.js';
import { imageOf, POISON } from '../../../src/emit/image.js';
import { planFunction } from '../../../src/emit/plan.js';
import { ilp32i386, lp64x86 } from '../../../src/model/data-model.js';
import { layoutOf } from '../../../src/model/layout.js';
import type { Signature } from '../../../src/model/types.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('imageOf', () => {
  it('puts each leaf at its offset and poison in the padding', () => {
    const sig: Signature = {
      name: 'f1', variadic: null, ret: 'void',
      params: [{ type: { kind: 'struct', name: 's', packed: false, fields: [{ name: 'c', type: { kind: 'scalar', name: 'char' } }, { name: 'd', type: { kind: 'scalar', name: 'double' } }] } }],
    };
    const v = planFunction(sig, 1, lp64x86).args[0]!;
    const img = imageOf(v, lp64x86);
    expect(img.bytes.length).toBe(16);
    const [c, d] = v.leaves as Extract<(typeof v.leaves)[number], { kind: 'bytes' }>[];
    expect(hex(img.bytes.subarray(0, 1))).toBe(hex(c!.bytes));
    expect([...img.bytes.subarray(1, 8)]).toEqual(Array(7).fill(POISON));
    expect(hex(img.bytes.subarray(8, 16))).toBe(hex(d!.bytes));
  });

  it('packs bit-fields at their bits, enums as int, pointers as relocations', () => {
    const sig: Signature = {
      name: 'f2', variadic: null, ret: 'void',
      params: [{
        type: {
          kind: 'struct', name: 's', packed: false, fields: [
            { name: 'a', type: { kind: 'scalar', name: 'unsigned int' }, bits: 3 },
            { name: 'b', type: { kind: 'scalar', name: 'unsigned int' }, bits: 7 },
            { name: 'e', type: { kind: 'enum', name: 'e', values: [-2] } },
            { name: 'p', type: { kind: 'pointer', to: { kind: 'scalar', name: 'int' } } },
          ],
        },
      }],
    };
    const v = planFunction(sig, 2, lp64x86).args[0]!;
    const img = imageOf(v, lp64x86);
    const [a, b] = v.leaves as Extract<(typeof v.leaves)[number], { kind: 'bits' }>[];
    const low = img.bytes[0]! | (img.bytes[1]! << 8);
    expect(BigInt(low & 7)).toBe(a!.value);
    expect(BigInt((low >> 3) & 0x7f)).toBe(b!.value);
    expect(hex(img.bytes.subarray(4, 8))).toBe('feffffff');
    expect(img.relocs).toEqual([{ offset: 8, size: 8, symbol: 'abifuzz_o2_3' }]);
  });

  it('has the size of the type and places every leaf of 300 generated signatures inside it (LP64 and ILP32)', () => {
    for (const dm of [lp64x86, ilp32i386]) {
      for (const [i, sig] of generateSignatures(dm, DEFAULT_LIMITS, 9, 0, 300).entries()) {
        const p = planFunction(sig, i, dm);
        for (const v of [...p.args, ...p.variadic, ...(p.ret ? [p.ret] : [])]) {
          const img = imageOf(v, dm);
          expect(img.bytes.length).toBe(layoutOf(v.type, dm).size);
          for (const r of img.relocs) expect(r.offset + r.size).toBeLessThanOrEqual(img.bytes.length);
        }
      }
    }
  });
});
