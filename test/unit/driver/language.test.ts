// C against C++: a signature that uses a struct of only zero-width bit-fields (size 0 in GNU C, an
// empty class of size 1 in C++) is a named language difference, and only for a C side against a C++ side.
import { describe, expect, it } from 'vitest';
import { EMPTY_CLASS, languageDifference } from '../../../src/driver/language.js';
import type { Side, Toolchain } from '../../../harness/toolchains/toolchain.js';
import type { CType, Signature } from '../../../src/model/types.js';

const side = (id: string, lang?: 'c++'): Side => ({ tc: { id, bin: id, family: /clang/.test(id) ? 'clang' : 'gcc', target: 'x86_64-linux', targetArgs: [], debianPackage: id, ...(lang ? { lang } : {}) } as Toolchain, flags: [] });
const [gcc, gxx, clangxx] = [side('gcc'), side('g++', 'c++'), side('clang++-19', 'c++')];
const int: CType = { kind: 'scalar', name: 'int' };
const empty: CType = { kind: 'struct', name: 'f0_s0', packed: false, fields: [{ name: 'z0', type: int, bits: 0 }, { name: 'z1', type: { kind: 'scalar', name: 'char' }, bits: 0 }] };
const holder: CType = { kind: 'struct', name: 'f0_s1', packed: false, fields: [{ name: 'f0', type: { kind: 'scalar', name: 'char' } }, { name: 'f1', type: { kind: 'array', elem: empty, count: 2 } }] };
const zeroArray: CType = { kind: 'struct', name: 'f0_s2', packed: false, fields: [{ name: 'f0', type: { kind: 'array', elem: int, count: 0 } }] };
const sig = (...params: CType[]): Signature => ({ name: 'f0', ret: 'void', params: params.map((type) => ({ type })), variadic: null });

describe('languageDifference', () => {
  it('names an empty class anywhere in the signature (nested in an array member too) between a C side and a C++ side, both ways', () => {
    expect(languageDifference(gcc, gxx, sig(int, empty))).toBe(EMPTY_CLASS);
    expect(languageDifference(gxx, gcc, sig(holder))?.reason).toMatch(/^language difference \(C against C\+\+\): .*size 0 in GNU C, an empty class of size 1 in C\+\+$/);
    expect(languageDifference(gcc, gxx, { ...sig(int), ret: holder })).toBe(EMPTY_CLASS);
  });

  it('is no difference between two C sides or two C++ sides, nor for a zero-length array (size 0 in both languages)', () => {
    expect(languageDifference(gcc, gcc, sig(empty))).toBeNull();
    expect(languageDifference(gxx, clangxx, sig(empty))).toBeNull();
    expect(languageDifference(gcc, gxx, sig(zeroArray, int))).toBeNull();
  });
});
