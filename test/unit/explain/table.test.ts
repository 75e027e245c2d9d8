// explain with a compiler's own layouts: clang-cl lays a struct of only zero-width bit-fields out in
// 4 bytes (mingw gcc: 0), so a union holding one is 4 bytes and travels as such in r9.
import { describe, expect, it } from 'vitest';
import { msX64 } from '../../../src/abi/ms-x64.js';
import { explain } from '../../../src/explain/table.js';
import { llp64ClangCl } from '../../../src/model/data-model.js';
import type { CType, Signature } from '../../../src/model/types.js';
import { x86_64Windows } from '../../../src/targets/x86_64-windows.js';

const s = (name: 'char' | 'int' | '_Bool'): CType => ({ kind: 'scalar', name });
const zeroWidth: CType = { kind: 'struct', name: 'z', fields: [{ name: 'a', type: s('char'), bits: 0 }, { name: 'b', type: s('int'), bits: 0 }], packed: false };
const union: CType = { kind: 'union', name: 'u', fields: [{ name: 'f0', type: s('_Bool') }, { name: 'f1', type: zeroWidth, aligned: 2 }], packed: true };
const sig: Signature = { name: 'f', ret: 'void', params: [{ type: union }], variadic: null };
const opts = { features: new Set<string>(), dialects: new Set<string>() };

describe('explain with a layout dialect', () => {
  it('sizes the union by the layouts it is given', () => {
    const gcc = explain(x86_64Windows, msX64, sig, opts);
    const clangCl = explain(x86_64Windows, msX64, sig, opts, llp64ClangCl);
    expect(gcc.rows[0]).toMatchObject({ size: 2, location: expect.stringContaining('rcx[0..2)') });
    expect(clangCl.rows[0]).toMatchObject({ size: 4, location: expect.stringContaining('rcx[0..4)') });
  });
});
