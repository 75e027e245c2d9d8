import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, generateSignatures } from '../../../generators/index.js';
import { emitBatch } from '../../../src/emit/c-batch.js';
import { prototype } from '../../../src/emit/declaration.js';
import { lp64x86 } from '../../../src/model/data-model.js';
import type { Signature } from '../../../src/model/types.js';
import { META } from '../../helpers/assertions.js';

describe('emitBatch', () => {
  const sigs = generateSignatures(lp64x86, DEFAULT_LIMITS, 11, 0, 40);
  const b = emitBatch(sigs.map((sig, i) => ({ sig, index: i })), lp64x86, META);

  it('includes no system header in caller.c and callee.c, and stamps the seed', () => {
    for (const f of ['caller.c', 'callee.c'] as const) {
      expect(b.files[f]).not.toMatch(/#include\s*</);
      expect(b.files[f]).toContain('seed 0');
    }
  });

  it('maps every function to its own lines in every file', () => {
    for (const f of ['abi.h', 'caller.c', 'callee.c'] as const) {
      expect(b.spans[f].map((s) => s.index)).toEqual(sigs.map((_, i) => i));
      const lines = b.files[f].split('\n');
      for (const s of b.spans[f]) expect(lines.slice(s.first - 1, s.last).join('\n')).toContain(`f${s.index}`);
    }
  });

  it('spells prototypes, variadics included', () => {
    const v: Signature = { name: 'f9', ret: 'void', params: [{ type: { kind: 'scalar', name: 'int' } }], variadic: [{ type: { kind: 'scalar', name: 'double' } }] };
    expect(prototype(v)).toBe('void f9(int a0, ...)');
    expect(prototype({ name: 'f1', ret: { kind: 'complex', base: 'long double' }, params: [], variadic: null })).toBe('_Complex long double f1(void)');
  });
});
