// What an i386 callee pops, checked against gcc on real code by the i686 e2e runs; here the rules.
import { describe, expect, it } from 'vitest';
import { ilp32i386 } from '../../../src/model/data-model.js';
import { i386CalleePops } from '../../../src/abi/i386-pops.js';
import type { CType, Signature } from '../../../src/model/types.js';

const s = (name: 'int' | 'char' | 'long long' | 'double' | 'long double'): CType => ({ kind: 'scalar', name });
const small: CType = { kind: 'struct', name: 's', packed: false, fields: [{ name: 'a', type: s('char') }, { name: 'b', type: s('int') }] };
const sig = (ret: Signature['ret'], params: CType[], convention?: string): Signature => ({
  name: 'f', ret, params: params.map((type) => ({ type })), variadic: null, ...(convention ? { convention } : {}),
});
const pops = (x: Signature): number | null => i386CalleePops(x, ilp32i386);

describe('i386 callee pops', () => {
  it('cdecl pops only the hidden struct-return pointer; regparm passes it in eax and pops nothing', () => {
    expect(pops(sig(s('int'), [s('int'), small]))).toBe(0);
    expect(pops(sig(small, [s('int')]))).toBe(4);
    expect(pops(sig(small, [s('int')], 'regparm(2)'))).toBe(0);
  });

  it('stdcall pops every argument slot, rounded to 4, and the hidden pointer', () => {
    expect(pops(sig('void', [s('char'), s('long long'), s('long double'), small], 'stdcall'))).toBe(4 + 8 + 12 + 8);
    expect(pops(sig(small, [s('double')], 'stdcall'))).toBe(4 + 8);
  });

  it('fastcall pops what is not in ecx and edx', () => {
    expect(pops(sig('void', [s('int'), s('char'), s('int'), s('double')], 'fastcall'))).toBe(4 + 8);
    expect(pops(sig('void', [s('int'), small], 'fastcall'))).toBe(8);
  });

  it('says nothing where the layout of the stack is not certain', () => {
    expect(pops(sig('void', [{ kind: 'vector', elem: 'int', bytes: 16 }], 'stdcall'))).toBeNull();
    expect(pops(sig({ kind: 'complex', base: 'double' }, []))).toBeNull();
    expect(pops(sig('void', [s('long long'), s('int')], 'fastcall'))).toBeNull();
  });
});
