// The bytes a C caller expects its callee to pop: the i386 psABI module's plan in the caller's own
// dialect, features and layouts (stdcall/fastcall/regparm and hidden pointers on i686; nothing
// elsewhere). Checked on real code by the i686 e2e runs and `npm run self-check`.
import { describe, expect, it } from 'vitest';
import { callChecksOf, type CallerExpectation } from '../../../src/emit/asm/trampolines.js';
import { ilp32i386, lp64x86 } from '../../../src/model/data-model.js';
import type { CType, Signature } from '../../../src/model/types.js';
import { TARGETS } from '../../../src/targets/index.js';

const s = (name: 'int' | 'char' | 'long long' | 'double' | 'long double'): CType => ({ kind: 'scalar', name });
const S12: CType = { kind: 'struct', name: 's', packed: false, fields: ['a', 'b', 'c'].map((name) => ({ name, type: s('int') })) };
const V16: CType = { kind: 'vector', elem: 'int', bytes: 16 };
const sig = (ret: Signature['ret'], params: CType[], convention?: string): Signature => ({
  name: 'f', ret, params: params.map((type) => ({ type })), variadic: null, ...(convention ? { convention } : {}),
});
const gcc: CallerExpectation = { compiler: 'i686-linux-gnu-gcc', features: new Set(), dataModel: ilp32i386 };
const clang: CallerExpectation = { ...gcc, compiler: 'clang-19' };
const pops = (x: Signature, who = gcc): number => callChecksOf(TARGETS['i686-linux']!, who).pops(x);

describe('the pops a C caller expects', () => {
  it('cdecl: only the hidden struct-return pointer; regparm passes it in eax and pops nothing', () => {
    expect(pops(sig(s('int'), [s('int'), S12]))).toBe(0);
    expect(pops(sig(S12, [s('int')]))).toBe(4);
    expect(pops(sig(S12, [s('int')], 'regparm(2)'))).toBe(0);
  });

  it('stdcall: every argument slot, rounded to 4, and the hidden pointer', () => {
    expect(pops(sig('void', [s('char'), s('long long'), s('long double'), S12], 'stdcall'))).toBe(4 + 8 + 12 + 12);
    expect(pops(sig(S12, [s('double')], 'stdcall'))).toBe(4 + 8);
  });

  it('covers vectors, _Complex and fastcall with long long, which the old rules gave up on', () => {
    expect(pops(sig('void', [V16], 'stdcall'))).toBe(16);
    expect(pops(sig('void', [V16], 'stdcall'), { ...gcc, features: new Set(['sse', 'sse2']) })).toBe(0); // in xmm0
    expect(pops(sig({ kind: 'complex', base: 'double' }, []))).toBe(4);
    expect(pops(sig('void', [s('long long'), s('int')], 'fastcall'))).toBe(12);
  });

  it('follows the caller compiler: clang keeps ecx, edx for the ints after a fastcall long long', () => {
    const x = sig(s('int'), [s('long long'), s('int'), s('int')], 'fastcall');
    expect(pops(x, gcc)).toBe(16);
    expect(pops(x, clang)).toBe(8);
  });

  it('is 0 where no callee pops, plan or not', () => {
    const x86 = callChecksOf(TARGETS['x86_64-linux']!, { compiler: 'gcc', features: new Set(), dataModel: lp64x86 });
    expect(x86.pops(sig(S12, [s('int'), V16]))).toBe(0);
  });
});
