import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, generateSignatures } from '../../../generators/index.js';
import { emitBatch } from '../../../src/emit/c-batch.js';
import { prototype } from '../../../src/emit/declaration.js';
import { lp64x86 } from '../../../src/model/data-model.js';
import type { CType, Signature } from '../../../src/model/types.js';
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

  it('has the callee scramble each fixed parameter a convention may pass by reference after checking it, and the caller check those again after the call', () => {
    const s: CType = { kind: 'struct', name: 'f7_s0', packed: false, fields: [{ name: 'x', type: { kind: 'scalar', name: 'int' } }, { name: 'y', type: { kind: 'scalar', name: 'double' } }] };
    const v: Signature = { name: 'f7', ret: { kind: 'scalar', name: 'int' }, params: [{ type: s }, { type: { kind: 'scalar', name: 'char' } }], variadic: [{ type: { kind: 'scalar', name: 'double' } }] };
    const one = emitBatch([{ sig: v, index: 7 }], lp64x86, META).files;
    const callee = one['callee.c'].split('\n');
    const lastCheck = callee.map((l) => l.includes('abifuzz_check')).lastIndexOf(true);
    const scrambles = callee.flatMap((l, i) => (l.includes('abifuzz_scramble') ? [{ i, l: l.trim() }] : []));
    // The struct, not the char: ints, floats, enums and pointers always travel by value.
    expect(scrambles.map((x) => x.l)).toEqual(['abifuzz_scramble(&a0, sizeof a0);']);
    expect(scrambles.every((x) => x.i > lastCheck)).toBe(true);
    const caller = one['caller.c'].split('\n');
    const afterCall = caller.slice(caller.findIndex((l) => l.includes('r = f7(')));
    const rechecked = afterCall.filter((l) => /abifuzz_check\w*\(1, 7, "arg/.test(l));
    expect(rechecked.map((l) => /"(arg[^"]*)"/.exec(l)![1])).toEqual(['arg0.x', 'arg0.y']);
  });

  it('spells prototypes, variadics included', () => {
    const v: Signature = { name: 'f9', ret: 'void', params: [{ type: { kind: 'scalar', name: 'int' } }], variadic: [{ type: { kind: 'scalar', name: 'double' } }] };
    expect(prototype(v)).toBe('void f9(int a0, ...)');
    expect(prototype({ name: 'f1', ret: { kind: 'complex', base: 'long double' }, params: [], variadic: null })).toBe('_Complex long double f1(void)');
  });
});
