// The Microsoft x64 model, case by case. Every location pinned here was read off real compilers
// (-O2 -S, callers and callees): x86_64-w64-mingw32-gcc 12, clang-19 --target=x86_64-w64-mingw32,
// clang-19 --target=x86_64-pc-windows-msvc, and gcc 12 / clang-19 with __attribute__((ms_abi)) on
// x86_64-linux. "all five" below means those five agree; a dialect names the ones that do not.
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, generateSignatures } from '../../../generators/index.js';
import { PLAIN, type AbiOptions } from '../../../src/abi/abi.js';
import type { ArgLocation, CallPlan, ReturnLocation } from '../../../src/abi/location.js';
import { MS_X64_DIALECTS, msX64 } from '../../../src/abi/ms-x64.js';
import { llp64, lp64x86, type DataModel } from '../../../src/model/data-model.js';
import { layoutOf } from '../../../src/model/layout.js';
import type { CType, ScalarName, Signature } from '../../../src/model/types.js';

const s = (name: ScalarName): CType => ({ kind: 'scalar', name });
const st = (...types: CType[]): CType => ({ kind: 'struct', name: 's', packed: false, fields: types.map((type, i) => ({ name: `f${i}`, type })) });
const vec = (elem: ScalarName, bytes: number): CType => ({ kind: 'vector', elem, bytes });
const cplx = (base: 'float' | 'double' | 'long double'): CType => ({ kind: 'complex', base });
const EMPTY: CType = { kind: 'struct', name: 'e', packed: false, fields: [] };

const fn = (ret: CType | 'void', params: CType[], variadic: CType[] | null = null, convention?: string): Signature => ({
  name: 'f', ret, params: params.map((type) => ({ type })), variadic: variadic && variadic.map((type) => ({ type })), ...(convention ? { convention } : {}),
});
const opts = (dialects: string[] = [], features: string[] = []): AbiOptions => ({ dialects: new Set(dialects), features: new Set(features) });

function plan(sig: Signature, o: AbiOptions = PLAIN, dm: DataModel = llp64): CallPlan {
  const r = msX64.planCall(sig, dm, o);
  if (!r.ok) throw new Error(r.reason);
  return r.plan;
}

/** A location in short: "rcx:0-8", "&rdx" (by reference, pointer in rdx), "@32:8" (stack offset:size), "sret(rcx)>rax". */
function where(loc: ArgLocation | ReturnLocation): string {
  switch (loc.kind) {
    case 'regs':
      return loc.parts.map((p) => `${p.reg}:${p.from}-${p.to}`).join(' ');
    case 'stack':
      return `@${loc.offset}:${loc.size}`;
    case 'by-ref':
      return `&${where(loc.pointer).replace(':0-8', '').replace(/:8$/, '')}`;
    case 'sret':
      return `sret(${where(loc.pointer).replace(':0-8', '')})>${loc.returnedIn}`;
    case 'split':
      return 'split';
    default:
      return loc.kind;
  }
}
const args = (sig: Signature, o?: AbiOptions, dm?: DataModel): string[] => plan(sig, o, dm).args.map(where);
const ret = (t: CType, o?: AbiOptions, dm?: DataModel): string => where(plan(fn(t, []), o, dm).ret);
const arg = (t: CType, o?: AbiOptions, dm?: DataModel): string => args(fn('void', [s('int'), t]), o, dm)[1]!;

describe('Microsoft x64: the hard cases of the brief', () => {
  it('a 3-byte struct goes by reference to a caller copy (all five)', () => {
    const p = plan(fn('void', [st(s('char'), s('char'), s('char'))]));
    expect(p.args[0]).toMatchObject({ kind: 'by-ref', copy: 'caller', pointer: { kind: 'regs', parts: [{ reg: 'rcx', from: 0, to: 8 }] } });
  });

  it('an 8-byte struct of two floats is an integer: rcx, not xmm0 (all five)', () => {
    expect(args(fn('void', [st(s('float'), s('float'))]))).toEqual(['rcx:0-8']);
    expect(ret(st(s('float'), s('float')))).toBe('rax:0-8');
  });

  it('a 16-byte struct goes by reference to a caller copy (all five)', () => {
    expect(args(fn('void', [s('int'), st(s('long long'), s('long long'))]))).toEqual(['rcx:0-4', '&rdx']);
  });

  it('a variadic double goes in xmm1 and rdx both, the same 8 bytes (all five)', () => {
    const p = plan(fn('void', [s('int')], [s('double')]));
    expect(p.args[1]).toMatchObject({ kind: 'regs', parts: [{ reg: 'xmm1', from: 0, to: 8 }, { reg: 'rdx', from: 0, to: 8 }] });
    // Variadic doubles past the fourth slot are plain stack slots (gcc and clang: 32(%rsp), 40(%rsp)).
    expect(args(fn('void', [s('int')], [s('double'), s('int'), s('double'), s('double'), s('double')]))).toEqual([
      'rcx:0-4', 'xmm1:0-8 rdx:0-8', 'r8:0-4', 'xmm3:0-8 r9:0-8', '@32:8', '@40:8',
    ]);
  });

  it('a float or double in slot 2 after an int goes in xmm1 (all five)', () => {
    expect(args(fn('void', [s('int'), s('double')]))).toEqual(['rcx:0-4', 'xmm1:0-8']);
    expect(args(fn('void', [s('int'), s('float'), s('int'), s('double')]))).toEqual(['rcx:0-4', 'xmm1:0-4', 'r8:0-4', 'xmm3:0-8']);
  });

  it('the 5th and 6th arguments are on the stack at 32 and 40, after the 32-byte home area (all five)', () => {
    const p = plan(fn('void', [s('int'), s('double'), s('float'), s('int'), s('int'), s('double')]));
    expect(p.args.map(where)).toEqual(['rcx:0-4', 'xmm1:0-8', 'xmm2:0-4', 'r9:0-4', '@32:4', '@40:8']);
    expect(p).toMatchObject({ stackBytes: 48, homeBytes: 32, calleePops: 0 });
    // A by-reference 5th argument leaves its pointer in the slot (3-byte struct at 40(%rsp) in the callee).
    expect(args(fn('void', [s('int'), s('int'), s('int'), s('int'), st(s('char'), s('char'), s('char')), s('char')]))[4]).toBe('&@32');
  });

  it('a 24-byte struct comes back through a hidden pointer in rcx, returned in rax; the first argument moves to rdx (all five)', () => {
    const p = plan(fn(st(s('long long'), s('long long'), s('long long')), [s('int'), s('float'), s('int'), s('double')]));
    expect(p.ret).toMatchObject({ kind: 'sret', pointer: { kind: 'regs', parts: [{ reg: 'rcx', from: 0, to: 8 }] }, returnedIn: 'rax' });
    expect(p.args.map(where)).toEqual(['rdx:0-4', 'xmm2:0-4', 'r9:0-4', '@32:8']);
    expect(p.stackBytes).toBe(40);
  });

  it('__int128 and a 16-byte vector go by reference (all five)', () => {
    expect(arg(s('__int128'))).toBe('&rdx');
    expect(arg(s('unsigned __int128'))).toBe('&rdx');
    expect(arg(vec('float', 16))).toBe('&rdx');
    expect(arg(vec('char', 16))).toBe('&rdx');
  });

  it('a 16-byte vector comes back in xmm0 (all five)', () => {
    expect(ret(vec('float', 16))).toBe('xmm0:0-16');
    expect(ret(vec('long long', 16))).toBe('xmm0:0-16');
  });

  it('an empty struct: by reference as an argument (all five); as a result the hidden pointer, or nothing with gcc', () => {
    expect(args(fn('void', [s('int'), EMPTY, s('int')]))).toEqual(['rcx:0-4', '&rdx', 'r8:0-4']);
    // clang (mingw and ms_abi): sret in rcx, the arguments in rdx and r8.
    expect(where(plan(fn(EMPTY, [s('int'), s('int')])).ret)).toBe('sret(rcx)>rax');
    // gcc: the arguments stay in ecx and edx, nothing comes back.
    const p = plan(fn(EMPTY, [s('int'), s('int')]), opts(['gcc-empty-struct-return-ignored']));
    expect(p.ret.kind).toBe('ignored');
    expect(p.args.map(where)).toEqual(['rcx:0-4', 'rdx:0-4']);
  });
});

describe('Microsoft x64: scalars and aggregates', () => {
  it('integers, pointers and enums take the integer register of their slot, with nothing said of the bits above', () => {
    const e: CType = { kind: 'enum', name: 'e', values: [1] };
    const p = plan(fn(s('short'), [s('_Bool'), s('char'), { kind: 'pointer', to: s('int') }, e, s('long long')]));
    expect(p.args.map(where)).toEqual(['rcx:0-1', 'rdx:0-1', 'r8:0-8', 'r9:0-4', '@32:8']);
    expect(p.args.every((a) => a.kind !== 'regs' || a.parts.every((x) => x.extend === undefined))).toBe(true);
    expect(where(p.ret)).toBe('rax:0-2');
  });

  it('long is 4 bytes on Windows and 8 with ms_abi on Linux (the data model decides)', () => {
    expect(args(fn('void', [s('long')]))).toEqual(['rcx:0-4']);
    expect(args(fn('void', [s('long')], null, 'ms_abi'), PLAIN, lp64x86)).toEqual(['rcx:0-8']);
  });

  it('aggregates of 1, 2, 4 and 8 bytes are integers, others by reference; results likewise in rax or memory', () => {
    expect(arg(st(s('char')))).toBe('rdx:0-1');
    expect(arg(st(s('short')))).toBe('rdx:0-2');
    expect(arg(st(s('float')))).toBe('rdx:0-4'); // not xmm1
    expect(arg(st(s('double')))).toBe('rdx:0-8'); // not xmm1
    expect(arg(st(s('int'), s('char')))).toBe('rdx:0-8'); // 8 bytes with padding: by value; 5 packed: by reference
    expect(arg({ kind: 'struct', name: 'p', packed: true, fields: [{ name: 'a', type: s('int') }, { name: 'b', type: s('char') }] })).toBe('&rdx');
    expect(ret(st(s('float')))).toBe('rax:0-4');
    expect(ret(st(s('double')))).toBe('rax:0-8');
    expect(ret(st(s('char'), s('char'), s('char')))).toBe('sret(rcx)>rax');
  });

  it('_Complex T is the aggregate struct { T re, im; } (all five)', () => {
    expect(arg(cplx('float'))).toBe('rdx:0-8');
    expect(ret(cplx('float'))).toBe('rax:0-8');
    expect(arg(cplx('double'))).toBe('&rdx');
    expect(ret(cplx('double'))).toBe('sret(rcx)>rax');
    expect(arg(cplx('long double'))).toBe('&rdx');
  });

  it('float and double come back in xmm0 (all five)', () => {
    expect(ret(s('float'))).toBe('xmm0:0-4');
    expect(ret(s('double'))).toBe('xmm0:0-8');
  });

  it('long double (x87 in 16 bytes): by reference; returned through the hidden pointer, in st0 by clang with ms_abi on Linux', () => {
    expect(arg(s('long double'))).toBe('&rdx');
    expect(ret(s('long double'))).toBe('sret(rcx)>rax');
    const clang = opts(['clang-x87-return-st0']);
    expect(where(plan(fn(s('long double'), [s('long double')], null, 'ms_abi'), clang, lp64x86).ret)).toBe('st0:0-10');
    // The same clang for x86_64-w64-mingw32 uses the hidden pointer: the dialect is Linux-only.
    expect(ret(s('long double'), clang)).toBe('sret(rcx)>rax');
  });

  it('_Float16 is a floating-point value: xmm1 and xmm0 (clang); gcc passes it in the integer slot and returns it in ax', () => {
    expect(arg(s('_Float16'))).toBe('xmm1:0-2');
    expect(ret(s('_Float16'))).toBe('xmm0:0-2');
    const gcc = opts(['gcc-float16-in-gpr']);
    expect(arg(s('_Float16'), gcc)).toBe('rdx:0-2');
    expect(ret(s('_Float16'), gcc)).toBe('rax:0-2');
  });

  it('__int128 comes back through the hidden pointer (the text, GCC since e63a873f); in xmm0 with gcc 12 and clang-19', () => {
    expect(ret(s('__int128'))).toBe('sret(rcx)>rax');
    expect(ret(s('unsigned __int128'), opts(['int128-return-xmm0']))).toBe('xmm0:0-16');
    expect(args(fn(s('__int128'), [s('__int128')], null), opts(['int128-return-xmm0']))).toEqual(['&rcx']);
  });
});

describe('Microsoft x64: vectors', () => {
  it('vectors of 4 and 8 bytes are of the __m64 kind: an integer slot and rax (gcc)', () => {
    for (const t of [vec('char', 4), vec('short', 4), vec('_Float16', 4), vec('int', 8), vec('float', 8), vec('_Float16', 8), vec('int', 4), vec('long long', 8)]) {
      expect(arg(t)).toBe(`rdx:0-${layoutOf(t, llp64).size}`);
      expect(ret(t)).toBe(`rax:0-${layoutOf(t, llp64).size}`);
    }
  });

  it('gcc passes a one-element float vector by reference, but returns it in rax', () => {
    const gcc = opts(['gcc-float-vector1-by-ref']);
    expect(arg(vec('float', 4), gcc)).toBe('&rdx');
    expect(arg(vec('double', 8), gcc)).toBe('&rdx');
    expect(ret(vec('double', 8), gcc)).toBe('rax:0-8');
    expect(arg(vec('long long', 8), gcc)).toBe('rdx:0-8');
  });

  it('clang passes short vectors by reference and returns them in xmm0; one-element ones as their element', () => {
    const clang = opts(['clang-small-vector']);
    expect(arg(vec('char', 4), clang)).toBe('&rdx');
    expect(arg(vec('float', 8), clang)).toBe('&rdx');
    expect(ret(vec('int', 8), clang)).toBe('xmm0:0-8');
    expect(arg(vec('double', 8), clang)).toBe('xmm1:0-8');
    expect(ret(vec('float', 4), clang)).toBe('xmm0:0-4');
    expect(arg(vec('long long', 8), clang)).toBe('rdx:0-8');
    expect(ret(vec('int', 4), clang)).toBe('rax:0-4');
    // A one-element double vector in a variadic call is a floating-point value: duplicated.
    expect(args(fn('void', [s('int'), vec('double', 8)], [s('int')]), clang)[1]).toBe('xmm1:0-8 rdx:0-8');
  });

  it('32- and 64-byte vectors go by reference; results in ymm0 / zmm0 with avx / avx512f (MSVC, clang)', () => {
    expect(arg(vec('double', 32))).toBe('&rdx');
    expect(arg(vec('float', 64), opts([], ['avx', 'avx512f']))).toBe('&rdx');
    expect(ret(vec('double', 32), opts([], ['avx']))).toBe('ymm0:0-32');
    expect(ret(vec('float', 64), opts([], ['avx', 'avx512f']))).toBe('zmm0:0-64');
    expect(ret(vec('int', 32), opts([], ['avx512f']))).toBe('ymm0:0-32');
  });

  it('without the feature the text has no register for a wide vector result: the model says so', () => {
    expect(msX64.planCall(fn(vec('double', 32), []), llp64, PLAIN)).toMatchObject({ ok: false });
    expect(msX64.planCall(fn(vec('float', 64), []), llp64, opts([], ['avx']))).toMatchObject({ ok: false });
  });

  it('gcc returns wide vectors through the hidden pointer, with or without AVX', () => {
    const gcc = opts(['gcc-wide-vector-return-memory']);
    expect(where(plan(fn(vec('double', 32), [s('int'), vec('double', 32)]), gcc).ret)).toBe('sret(rcx)>rax');
    expect(args(fn(vec('double', 32), [s('int'), vec('double', 32)]), gcc)).toEqual(['rdx:0-4', '&r8']);
    expect(ret(vec('float', 64), opts(['gcc-wide-vector-return-memory'], ['avx', 'avx512f']))).toBe('sret(rcx)>rax');
  });

  it('clang without the feature splits wide vectors: results in several registers, arguments not expressible', () => {
    const clang = (...f: string[]): AbiOptions => opts(['clang-wide-vector-split'], f);
    expect(ret(vec('double', 32), clang())).toBe('xmm0:0-16 xmm1:16-32');
    expect(ret(vec('float', 64), clang())).toBe('xmm0:0-16 xmm1:16-32 xmm2:32-48 xmm3:48-64');
    expect(ret(vec('float', 64), clang('avx'))).toBe('ymm0:0-32 ymm1:32-64');
    expect(ret(vec('float', 64), clang('avx', 'avx512f'))).toBe('zmm0:0-64');
    expect(msX64.planCall(fn('void', [vec('double', 32)]), llp64, clang())).toMatchObject({ ok: false });
    expect(arg(vec('double', 32), clang('avx'))).toBe('&rdx');
  });
});

describe('Microsoft x64: variadic calls', () => {
  it('the text duplicates every floating-point value of a variadic call, named ones too (clang)', () => {
    expect(args(fn('void', [s('double')], [s('double')]))).toEqual(['xmm0:0-8 rcx:0-8', 'xmm1:0-8 rdx:0-8']);
    expect(args(fn('void', [s('float'), s('int')], [s('double')]))).toEqual(['xmm0:0-4 rcx:0-4', 'rdx:0-4', 'xmm2:0-8 r8:0-8']);
  });

  it('gcc duplicates only the arguments that match `...`', () => {
    const gcc = opts(['gcc-varargs-named-fp-xmm-only']);
    expect(args(fn('void', [s('double')], [s('double')]), gcc)).toEqual(['xmm0:0-8', 'xmm1:0-8 rdx:0-8']);
    // And its _Float16 is an integer anyway.
    expect(args(fn('void', [s('_Float16')], [s('double')]), opts(['gcc-varargs-named-fp-xmm-only', 'gcc-float16-in-gpr']))).toEqual(['rcx:0-2', 'xmm1:0-8 rdx:0-8']);
  });

  it('long double, __int128 and aggregates through `...` follow the rules of named ones, in integer registers only', () => {
    expect(args(fn('void', [s('int')], [st(s('float'), s('float')), s('long double'), s('__int128')]))).toEqual(['rcx:0-4', 'rdx:0-8', '&r8', '&r9']);
  });
});

describe('Microsoft x64: the module', () => {
  it('answers for the default convention and ms_abi only', () => {
    expect(msX64.planCall(fn('void', [s('int')], null, 'ms_abi'), lp64x86, PLAIN).ok).toBe(true);
    expect(msX64.planCall(fn('void', [s('int')], null, 'vectorcall'), llp64, PLAIN)).toMatchObject({ ok: false, reason: expect.stringContaining('ms-vectorcall') });
    expect(msX64.planCall(fn('void', [s('int')], null, 'sysv_abi'), llp64, PLAIN)).toMatchObject({ ok: false });
  });

  it('refuses a scalar the data model lacks instead of throwing', () => {
    const noHalf: DataModel = { ...llp64, scalars: { ...llp64.scalars, _Float16: undefined } };
    expect(msX64.planCall(fn('void', [vec('_Float16', 8)]), noHalf, PLAIN)).toMatchObject({ ok: false });
  });

  it('states the callee-saved registers and the stack alignment of x64 §Caller/callee saved registers', () => {
    const saved = new Map(msX64.contract.calleeSaved.map((r) => [r.name, r.bytes]));
    expect([...saved.keys()]).toEqual(['rbx', 'rbp', 'rdi', 'rsi', 'r12', 'r13', 'r14', 'r15', 'xmm6', 'xmm7', 'xmm8', 'xmm9', 'xmm10', 'xmm11', 'xmm12', 'xmm13', 'xmm14', 'xmm15']);
    expect(saved.get('rbx')).toBe(8);
    expect(saved.get('xmm15')).toBe(16);
    expect(msX64.contract.stackAlign).toBe(16);
  });

  it('names each dialect once, with a title and a reference', () => {
    const ids = msX64.dialects.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const d of msX64.dialects) expect(d.title.length * d.reference.length).toBeGreaterThan(0);
  });
});

describe('Microsoft x64: properties over generated signatures', () => {
  const ALL = msX64.dialects.map((d) => d.id);
  const settings: [string, AbiOptions][] = [
    ['the text', PLAIN],
    ['the text with AVX-512', opts([], ['avx', 'avx512f'])],
    ['gcc', opts(ALL.filter((d) => d.startsWith('gcc') || d === 'int128-return-xmm0'))],
    ['clang', opts(ALL.filter((d) => d.startsWith('clang') || d === 'int128-return-xmm0'))],
  ];
  const cases: [string, DataModel, string | undefined][] = [['x86_64-windows', llp64, undefined], ['ms_abi on x86_64-linux', lp64x86, 'ms_abi']];

  for (const [target, dm, convention] of cases) {
    for (const [name, o] of settings) {
      it(`${target}, ${name}: never throws; each argument's bytes in one slot, in order, no register used twice`, () => {
        const sigs = generateSignatures(dm, DEFAULT_LIMITS, 7, 0, 400).map((g) => ({ ...g, ...(convention ? { convention } : {}) }));
        let planned = 0;
        for (const sig of sigs) {
          const r = msX64.planCall(sig, dm, o);
          if (!r.ok) continue;
          planned++;
          const { args: locs, ret: rl } = r.plan;
          const types = [...sig.params, ...(sig.variadic ?? [])].map((p) => p.type);
          const seen = new Set<string>(rl.kind === 'sret' ? ['rcx'] : []);
          const offsets: number[] = [];
          locs.forEach((loc, i) => {
            const size = layoutOf(types[i]!, dm).size;
            const inner = loc.kind === 'by-ref' ? loc.pointer : loc;
            if (inner.kind === 'regs') {
              // One register, or an XMM register and its integer twin carrying the same bytes.
              for (const part of inner.parts) {
                expect(part.from).toBe(0);
                expect(part.to).toBe(loc.kind === 'by-ref' ? 8 : size);
                expect(seen.has(part.reg)).toBe(false);
                seen.add(part.reg);
              }
            } else if (inner.kind === 'stack') {
              expect(inner.offset % 8).toBe(0);
              expect(inner.offset).toBeGreaterThanOrEqual(32);
              expect(inner.size).toBe(loc.kind === 'by-ref' ? 8 : size);
              expect(inner.size).toBeLessThanOrEqual(8);
              offsets.push(inner.offset);
            } else {
              throw new Error(`unexpected ${inner.kind}`);
            }
          });
          expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
          expect(new Set(offsets).size).toBe(offsets.length);
          expect(r.plan.stackBytes).toBeGreaterThanOrEqual(Math.max(32, ...offsets.map((x) => x + 8)));
        }
        expect(planned).toBeGreaterThan(300);
      });
    }
  }
});

describe('types drawn by weight: wide enums, enum bit-fields, integer _Complex', () => {
  it('a wide enum is an 8-byte integer; an aggregate with an enum bit-field goes by its size', () => {
    const wide: CType = { kind: 'enum', name: 'e', values: [1, 2 ** 40] };
    const bits: CType = { kind: 'struct', name: 'b', packed: false, fields: [{ name: 'b', type: { kind: 'enum', name: 'e2', values: [1, 2] }, bits: 3 }] };
    expect(arg(wide)).toBe(arg(s('long long')));
    expect(arg(bits)).toBe(arg(s('int')));
  });

  it('integer _Complex: the text cannot say; gcc and clang pass it as struct { T re; T im; }', () => {
    const ci: CType = { kind: 'complex', base: 'int' };
    const r = msX64.planCall(fn('void', [ci]), llp64, PLAIN);
    expect(r.ok ? 'planned' : r.reason).toMatch(/integer _Complex is a GNU extension/);
    const gnu = opts([MS_X64_DIALECTS.gnuIntegerComplex.id]);
    expect(arg(ci, gnu)).toBe(arg(st(s('int'), s('int')), gnu));
    expect(arg({ kind: 'complex', base: 'long long' }, gnu)).toBe(arg(st(s('long long'), s('long long')), gnu));
    expect(ret({ kind: 'complex', base: 'short' }, gnu)).toBe(ret(st(s('short'), s('short')), gnu));
  });
});

// Measured with x86_64-w64-mingw32-gcc 12 and gcc 12 ms_abi -O2 -S; clang-13..22 --target=x86_64-w64-mingw32 for __float128.
describe('TS 18661-3 types and __float128 (weights float-n, float128)', () => {
  it('_Float32 in the xmm register of its slot (xmm1 after an int), returned in xmm0; _Float64, _Float32x like double', () => {
    expect(arg(s('_Float32'))).toBe(arg(s('float')));
    expect(arg(s('_Float64'))).toBe(arg(s('double')));
    expect(arg(s('_Float32x'))).toBe(arg(s('double')));
    expect(ret(s('_Float32'))).toBe(ret(s('float')));
  });

  it('_Float64x is mingw long double and __float128 a 16-byte scalar: by reference, returned through the hidden pointer (gcc)', () => {
    for (const t of [s('_Float64x'), s('__float128'), s('_Float128')]) {
      expect(arg(t)).toBe(arg(s('long double')));
      expect(ret(t)).toBe(ret(s('long double')));
    }
  });

  it('clang returns __float128 in xmm0 (and up to clang-19 passes it in xmm): dialect clang-float128-xmm, the model cannot say', () => {
    const r = msX64.planCall(fn('void', [s('__float128')]), llp64, opts([MS_X64_DIALECTS.clangFloat128Xmm.id]));
    expect(r.ok ? 'planned' : r.reason).toMatch(/clang-float128-xmm/);
  });
});

describe('Microsoft x64: a struct with a flexible array member', () => {
  const fam: CType = {
    kind: 'struct', name: 'f', packed: false,
    fields: [{ name: 'a', type: s('int') }, { name: 't', type: { kind: 'array', elem: s('char'), count: 0, flexible: true } }],
  };
  it('is a struct of its size in the text and with gcc (mingw gcc 12: ecx, back in eax)', () => {
    expect(arg(fam)).toBe('rdx:0-4');
    expect(ret(fam)).toBe('rax:0-4');
    expect(arg(fam, opts([MS_X64_DIALECTS.gccFloat16InGpr.id]))).toBe('rdx:0-4');
  });
  it('clang-flexible-array-by-reference: by reference, back through the hidden pointer (clang 19 -O2 -S)', () => {
    const o = opts([MS_X64_DIALECTS.clangFlexibleArrayByRef.id]);
    expect(arg(fam, o)).toBe('&rdx');
    expect(ret(fam, o)).toBe('sret(rcx)>rax');
  });
});
