// A pair with a C++ side gets abi.h with C linkage and C's spellings for C++; a pair of C compilers
// gets exactly what it got before there were C++ sides (the same seed, the same bytes).
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, generateSignatures, withWeights, type Limits } from '../../../generators/index.js';
import { emitBatch } from '../../../src/emit/c-batch.js';
import { CXX_CLOSE, CXX_OPEN } from '../../../src/emit/cxx.js';
import { lp64x86 } from '../../../src/model/data-model.js';
import { META } from '../../helpers/assertions.js';

// Enum bit-fields among the rest: the one leaf C++ cannot assign as C does.
const limits = withWeights(DEFAULT_LIMITS, 'enum-bitfield=3,wide-enum=1,fnptr=1,int-complex=1') as Limits;
const cases = generateSignatures(lp64x86, limits, 5, 0, 60).map((sig, index) => ({ sig, index }));
const c = emitBatch(cases, lp64x86, META).files;
const cxx = emitBatch(cases, lp64x86, { ...META, callee: 'g++', cplusplus: true }).files;

describe('emitBatch for a pair with a C++ side', () => {
  it('gives a pair of C compilers nothing of C++: no __cplusplus, no extern "C", no ABIFUZZ_SET_BITS, the same text as without the option', () => {
    for (const text of Object.values(c)) expect(text).not.toMatch(/__cplusplus|extern "C"|ABIFUZZ_SET_BITS/);
    expect(emitBatch(cases, lp64x86, { ...META, cplusplus: false }).files).toEqual(c);
    expect(c['caller.c']).toMatch(/^ {2}a\d+\.f\d+(\.f\d+)* = 0x[0-9a-f]+ULL;$/m); // bit-fields assigned as they always were
  });

  it('wraps every declaration of abi.h in extern "C" (opened after the include guard, closed before its #endif) with _Bool as bool', () => {
    const h = cxx['abi.h'].split('\n');
    const open = h.indexOf('extern "C" {');
    expect(h.slice(1, 3)).toEqual(['#ifndef ABIFUZZ_ABI_H', '#define ABIFUZZ_ABI_H']);
    expect(h[3]).toBe('#ifdef __cplusplus');
    expect(open).toBeGreaterThan(3);
    expect(h.slice(3, open)).toContain('typedef bool _Bool;');
    const firstDeclaration = h.findIndex((l) => l.startsWith('void abifuzz_zero('));
    expect(firstDeclaration).toBeGreaterThan(open);
    expect(h.slice(-5)).toEqual(['#ifdef __cplusplus', '}', '#endif', '#endif', '']);
    // The tables runtime.c reads are const: extern "C" before caller.c defines them, or C++ keeps them to itself.
    expect(h.slice(open)).toContain('extern const int abifuzz_ntests;');
  });

  it('differs from the C pair\'s sources only by that wrapper and ABIFUZZ_SET_BITS for bit-fields', () => {
    expect(cxx['caller.c']).toMatch(/ABIFUZZ_SET_BITS\(a\d+\.f\d+(\.f\d+)*, 0x[0-9a-f]+ULL\);/);
    const backToC = (text: string): string => text
      .replace(`${CXX_OPEN.join('\n')}\n`, '').replace(`${CXX_CLOSE.join('\n')}\n`, '')
      .replace(/ABIFUZZ_SET_BITS\(([^,]+), (0x[0-9a-f]+ULL)\);/g, '$1 = $2;').replace('callee g++', 'callee gcc');
    for (const f of ['abi.h', 'caller.c', 'callee.c'] as const) expect(backToC(cxx[f]), f).toBe(c[f]);
  });
});
