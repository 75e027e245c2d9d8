// The RISC-V LP64D model, case by case. Every location pinned here was checked against real
// compilers: riscv64-linux-gnu-gcc 12.2 and clang-19 --target=riscv64-linux-gnu, read off -O2 -S
// (callers and callees) and run under qemu-riscv64 both ways (a compiled caller into a probe that
// dumps a0-a7/fa0-fa7/stack, and registers loaded as the plan says into a compiled callee).
// "both" means gcc and clang agree with the text; a dialect names the one that does not.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, generateSignatures } from '../../../generators/index.js';
import { PLAIN, type AbiOptions } from '../../../src/abi/abi.js';
import type { ArgLocation, CallPlan, RegPart, ReturnLocation } from '../../../src/abi/location.js';
import { RISCV_LP64D_DIALECTS, riscvLp64d } from '../../../src/abi/riscv-lp64d.js';
import { lp64quad, lp64x86, ilp32i386, type DataModel } from '../../../src/model/data-model.js';
import { layoutOf } from '../../../src/model/layout.js';
import type { Aggregate, CType, Field, ScalarName, Signature } from '../../../src/model/types.js';

const dm = lp64quad(64, false);
const D = RISCV_LP64D_DIALECTS;
const GCC: AbiOptions = { features: new Set(), dialects: new Set([D.gccFlatten.id]) };
const CLANG: AbiOptions = { features: new Set(), dialects: new Set([D.clangZeroWidth.id, D.clangBitfieldType.id]) };

const s = (name: ScalarName): CType => ({ kind: 'scalar', name });
const F = s('float');
const DBL = s('double');
const INT = s('int');
const LONG = s('long');
const LD = s('long double');
const I128 = s('__int128');
const asField = (t: CType | Field, i: number): Field => ('kind' in t ? { name: `f${i}`, type: t } : { ...t, name: t.name || `f${i}` });
const st = (...types: (CType | Field)[]): CType => ({ kind: 'struct', name: 's', packed: false, fields: types.map(asField) });
const un = (...types: (CType | Field)[]): CType => ({ kind: 'union', name: 'u', packed: false, fields: types.map(asField) });
const packed = (t: CType): CType => ({ ...(t as Aggregate), packed: true });
const alignedTo = (t: CType, n: number): CType => ({ ...(t as Aggregate), aligned: n });
const arr = (elem: CType, count: number): CType => ({ kind: 'array', elem, count });
const bf = (base: ScalarName, bits: number): Field => ({ name: '', type: s(base), bits });
const zw = (base: ScalarName = 'int'): Field => ({ name: '', type: s(base), bits: 0 });
const fieldAligned = (type: CType, aligned: number): Field => ({ name: '', type, aligned });
const vec = (elem: ScalarName, bytes: number): CType => ({ kind: 'vector', elem, bytes });
const cplx = (base: 'float' | 'double' | 'long double'): CType => ({ kind: 'complex', base });
const EMPTY: CType = { kind: 'struct', name: 'e', packed: false, fields: [] };
const ints = (n: number): CType[] => Array.from({ length: n }, () => INT);
const doubles = (n: number): CType[] => Array.from({ length: n }, () => DBL);

const fn = (ret: CType | 'void', params: CType[], variadic: CType[] | null = null): Signature => ({
  name: 'f', ret, params: params.map((type) => ({ type })), variadic: variadic && variadic.map((type) => ({ type })),
});

function plan(sig: Signature, o: AbiOptions = PLAIN): CallPlan {
  const r = riscvLp64d.planCall(sig, dm, o);
  if (!r.ok) throw new Error(r.reason);
  return r.plan;
}

const part = (p: RegPart): string => `${p.reg}:${p.from}-${p.to}${p.extend ? `+${p.extend.kind}${p.extend.toBytes}` : ''}`;
/** A location in short: "fa0:0-4+ones8 a0:4-8", "&a1" (by reference), "@16:16" (stack offset:size), "a7:0-8|@0" (split), "sret(a0)". */
function where(loc: ArgLocation | ReturnLocation): string {
  switch (loc.kind) {
    case 'regs':
      return loc.parts.map(part).join(' ');
    case 'stack':
      return `@${loc.offset}:${loc.size}`;
    case 'split':
      return `${loc.parts.map(part).join(' ')}|@${loc.stackOffset}`;
    case 'by-ref':
      return `&${where(loc.pointer).replace(':0-8', '').replace(/:8$/, '')}`;
    case 'sret':
      return `sret(${where(loc.pointer).replace(':0-8', '')})`;
    default:
      return loc.kind;
  }
}
const args = (sig: Signature, o?: AbiOptions): string[] => plan(sig, o).args.map(where);
/** The location of `t` as the only argument. */
const arg = (t: CType, o?: AbiOptions): string => args(fn('void', [t]), o)[0]!;
const ret = (t: CType, o?: AbiOptions): string => where(plan(fn(t, []), o).ret);

describe('RISC-V LP64D: the hard cases of the brief', () => {
  it('struct { float f; int i; } is one FP real and one integer: fa0 (NaN-boxed) and a0 (upper bits unspecified), both ways (both)', () => {
    expect(arg(st(F, INT))).toBe('fa0:0-4+ones8 a0:4-8');
    expect(ret(st(F, INT))).toBe('fa0:0-4+ones8 a0:4-8');
    // in either order: struct { int i; float f; }
    expect(arg(st(INT, F))).toBe('a0:0-4 fa0:4-8+ones8');
  });

  it('struct { float f; int :0; float g; }: the zero-width bit-field is ignored, fa0 and fa1 (gcc); clang passes it in a0', () => {
    const t = st(F, zw(), F);
    expect(arg(t)).toBe('fa0:0-4+ones8 fa1:4-8+ones8');
    expect(ret(t)).toBe('fa0:0-4+ones8 fa1:4-8+ones8');
    expect(arg(t, GCC)).toBe('fa0:0-4+ones8 fa1:4-8+ones8');
    expect(arg(t, CLANG)).toBe('a0:0-8');
    expect(ret(t, CLANG)).toBe('a0:0-8');
  });

  it('struct { float f; int z[0]; float g; }: the zero-length array is ignored, fa0 and fa1 (clang); gcc passes it in a0', () => {
    const t = st(F, arr(INT, 0), F);
    expect(arg(t)).toBe('fa0:0-4+ones8 fa1:4-8+ones8');
    expect(arg(t, CLANG)).toBe('fa0:0-4+ones8 fa1:4-8+ones8');
    expect(arg(t, GCC)).toBe('a0:0-8');
    expect(ret(t, GCC)).toBe('a0:0-8');
  });

  it('struct { double d; char c; } once the FPRs run out goes by the integer convention: a pair (both)', () => {
    const t = st(DBL, s('char'));
    expect(args(fn('void', [...doubles(8), t])).at(-1)).toBe('a0:0-8 a1:8-16');
    // With FPRs left it is FP + integer, returns too.
    expect(arg(t)).toBe('fa0:0-8 a0:8-9');
    expect(ret(t)).toBe('fa0:0-8 a0:8-9');
  });

  it('nine doubles: the ninth in a0, eight doubles and eight longs first: the ninth on the stack (both)', () => {
    expect(args(fn(DBL, doubles(9)))).toEqual(['fa0:0-8', 'fa1:0-8', 'fa2:0-8', 'fa3:0-8', 'fa4:0-8', 'fa5:0-8', 'fa6:0-8', 'fa7:0-8', 'a0:0-8']);
    expect(args(fn('void', [...Array<CType>(8).fill(LONG), ...doubles(9)])).at(-1)).toBe('@0:8');
  });

  it('a variadic long double goes in an aligned (even) register pair, skipping a1 (both)', () => {
    const p = plan(fn(LD, [INT], [LD, INT]));
    expect(p.args.map(where)).toEqual(['a0:0-4+sign8', 'a2:0-8 a3:8-16', 'a4:0-4+sign8']);
    expect(where(p.ret)).toBe('a0:0-8 a1:8-16');
  });

  it('a variadic long double that would start at a7 goes on the stack, and every later argument too (both)', () => {
    const p = plan(fn('void', [INT], [...ints(6), LD, INT]));
    expect(p.args.map(where).slice(6)).toEqual(['a6:0-4+sign8', '@0:16', '@16:4']);
    expect(p.stackBytes).toBe(24);
  });

  it('a variadic __int128 goes in an aligned pair: a2/a3 after one int, a6/a7 after five (both)', () => {
    expect(args(fn(I128, [INT], [I128]))).toEqual(['a0:0-4+sign8', 'a2:0-8 a3:8-16']);
    expect(args(fn('void', [INT], [...ints(4), I128, INT])).slice(5)).toEqual(['a6:0-8 a7:8-16', '@0:4']);
  });

  it('named __int128 and long double take the next two registers, not an aligned pair, and split across a7 and the stack (both)', () => {
    expect(args(fn('void', [INT, I128, LD]))).toEqual(['a0:0-4+sign8', 'a1:0-8 a2:8-16', 'a3:0-8 a4:8-16']);
    expect(args(fn('void', [...ints(7), I128, LD])).slice(7)).toEqual(['a7:0-8|@0', '@16:16']);
  });

  it('an unsigned int is sign-extended to 64 bits, in arguments and returns (both)', () => {
    expect(arg(s('unsigned int'))).toBe('a0:0-4+sign8');
    expect(ret(s('unsigned int'))).toBe('a0:0-4+sign8');
  });

  it('an unsigned short is zero-extended (to 32 bits, then sign-extended from bit 31, which is 0: zero to 64) (both)', () => {
    expect(arg(s('unsigned short'))).toBe('a0:0-2+zero8');
    expect(ret(s('unsigned short'))).toBe('a0:0-2+zero8');
  });

  it('narrow integers follow their own sign; char is unsigned on RISC-V; enums are 32-bit, sign-extended (both)', () => {
    const enm: CType = { kind: 'enum', name: 'e', values: [1, 2] };
    expect(args(fn('void', [s('char'), s('signed char'), s('unsigned char'), s('short'), s('_Bool'), enm, LONG, s('unsigned long')]))).toEqual([
      'a0:0-1+zero8', 'a1:0-1+sign8', 'a2:0-1+zero8', 'a3:0-2+sign8', 'a4:0-1+zero8', 'a5:0-4+sign8', 'a6:0-8', 'a7:0-8',
    ]);
    expect(ret(s('char'))).toBe('a0:0-1+zero8');
  });

  it('a float goes in fa0, NaN-boxed to 64 bits; a double fills fa0 (both)', () => {
    expect(arg(F)).toBe('fa0:0-4+ones8');
    expect(ret(F)).toBe('fa0:0-4+ones8');
    expect(arg(DBL)).toBe('fa0:0-8');
  });

  it('a float in a GPR once the FPRs run out has unspecified upper bits (both)', () => {
    expect(args(fn('void', [...doubles(8), F])).at(-1)).toBe('a0:0-4');
  });

  it('a 24-byte struct goes by reference to a caller copy; returned through a0 (not handed back) (both)', () => {
    const t = st(LONG, LONG, LONG);
    const p = plan(fn(t, [LONG, t, F]));
    expect(p.args[1]).toMatchObject({ kind: 'by-ref', copy: 'caller', pointer: { kind: 'regs', parts: [{ reg: 'a2', from: 0, to: 8 }] } });
    expect(p.args.map(where)).toEqual(['a1:0-8', '&a2', 'fa0:0-4+ones8']);
    expect(p.ret).toMatchObject({ kind: 'sret', returnedIn: null, pointer: { kind: 'regs', parts: [{ reg: 'a0', from: 0, to: 8 }] } });
  });

  it('a 16-byte struct with only a7 left is split: the first 8 bytes in a7, the rest at stack offset 0 (both)', () => {
    const p = plan(fn('void', [...ints(7), st(LONG, LONG), INT]));
    expect(p.args[7]).toEqual(expect.objectContaining({ kind: 'split', parts: [{ reg: 'a7', from: 0, to: 8 }], stackOffset: 0 }));
    expect(where(p.args[8]!)).toBe('@8:4');
    expect(p.stackBytes).toBe(16);
  });

  it('_Complex double goes in fa0 and fa1, both ways (both)', () => {
    expect(arg(cplx('double'))).toBe('fa0:0-8 fa1:8-16');
    expect(ret(cplx('double'))).toBe('fa0:0-8 fa1:8-16');
  });

  it('_Complex float in a struct is two FP reals: fa0, fa1, NaN-boxed, both ways (both)', () => {
    expect(arg(st(cplx('float')))).toBe('fa0:0-4+ones8 fa1:4-8+ones8');
    expect(ret(st(cplx('float')))).toBe('fa0:0-4+ones8 fa1:4-8+ones8');
    expect(arg(cplx('float'))).toBe('fa0:0-4+ones8 fa1:4-8+ones8');
    // With one FPR left it goes by the integer convention (8 bytes, one GPR) and the FPR stays free.
    expect(args(fn('void', [...doubles(7), cplx('float'), F])).slice(7)).toEqual(['a0:0-8', 'fa7:0-4+ones8']);
    // A third real makes the struct ineligible: integer convention.
    expect(arg(st(cplx('float'), F))).toBe('a0:0-8 a1:8-12');
  });

  it('an empty struct is ignored, as an argument, a variadic argument and a return (both)', () => {
    expect(args(fn('void', [EMPTY, INT, EMPTY]))).toEqual(['ignored', 'a0:0-4+sign8', 'ignored']);
    expect(args(fn('void', [INT], [EMPTY, INT]))).toEqual(['a0:0-4+sign8', 'ignored', 'a1:0-4+sign8']);
    expect(ret(EMPTY)).toBe('ignored');
    // GNU size-0 structs of zero-width bit-fields or zero-length arrays, aligned or not, too.
    expect(arg(st(zw()))).toBe('ignored');
    expect(arg(alignedTo(st(arr(s('char'), 0)), 16))).toBe('ignored');
  });

  it('a struct holding a long double is an FP real wider than FLEN: integer convention, a pair (both)', () => {
    expect(args(fn('void', [INT, st(LD)]))).toEqual(['a0:0-4+sign8', 'a1:0-8 a2:8-16']);
    expect(ret(st(LD))).toBe('a0:0-8 a1:8-16');
    expect(arg(LD)).toBe('a0:0-8 a1:8-16');
    expect(ret(LD)).toBe('a0:0-8 a1:8-16');
  });

  it('_Complex long double is two reals wider than FLEN, 32 bytes: by reference, returned in memory (both)', () => {
    const p = plan(fn(cplx('long double'), [cplx('long double'), INT]));
    expect(p.args.map(where)).toEqual(['&a1', 'a2:0-4+sign8']);
    expect(where(p.ret)).toBe('sret(a0)');
  });
});

describe('RISC-V LP64D: flattening', () => {
  it('arrays count as their elements, nested structs are flattened (both)', () => {
    expect(arg(st(arr(F, 2)))).toBe('fa0:0-4+ones8 fa1:4-8+ones8');
    expect(arg(st(arr(st(arr(F, 1)), 2)))).toBe('fa0:0-4+ones8 fa1:4-8+ones8');
    expect(arg(st(arr(DBL, 3)))).toBe('&a0');
    expect(arg(st(st(F), st(INT)))).toBe('fa0:0-4+ones8 a0:4-8');
  });

  it('packed and aligned do not interfere: the members go where they lie (both)', () => {
    expect(arg(packed(st(s('char'), DBL)))).toBe('a0:0-1 fa0:1-9');
    expect(arg(st(F, fieldAligned(F, 8)))).toBe('fa0:0-4+ones8 fa1:8-12+ones8');
    // Even beyond 2×XLEN: a 64-byte struct of two floats goes in fa0, fa1, both ways; by reference once the FPRs run out.
    const big = st(F, fieldAligned(F, 32));
    expect(arg(big)).toBe('fa0:0-4+ones8 fa1:32-36+ones8');
    expect(ret(big)).toBe('fa0:0-4+ones8 fa1:32-36+ones8');
    expect(args(fn('void', [...doubles(8), big])).at(-1)).toBe('&a0');
  });

  it('unions are never flattened: integer convention, even holding a float; a struct holding one is ineligible (both)', () => {
    expect(arg(un(F))).toBe('a0:0-4');
    expect(ret(un(DBL))).toBe('a0:0-8');
    expect(arg(st(un(F), F))).toBe('a0:0-8');
  });

  it('pointers and vectors are neither FP reals nor integers; __int128 is an integer wider than XLEN (both)', () => {
    expect(arg(st(F, { kind: 'pointer', to: INT }))).toBe('a0:0-8 a1:8-16');
    expect(arg(st(vec('float', 4), F))).toBe('a0:0-8');
    expect(arg(st(F, I128))).toBe('&a0');
    expect(arg(st(F, LD))).toBe('&a0');
  });

  it('two integers are not eligible; FP + integer needs a GPR too, else the integer convention (both)', () => {
    expect(arg(st(INT, INT))).toBe('a0:0-8');
    expect(args(fn('void', [...Array<CType>(8).fill(LONG), st(F, INT), F])).slice(8)).toEqual(['@0:8', 'fa0:0-4+ones8']);
    // Two FP reals with one FPR left: integer convention, the last FPR stays free.
    expect(args(fn(F, [...doubles(7), st(F, F), F])).slice(7)).toEqual(['a0:0-8', 'fa7:0-4+ones8']);
  });

  it('empty structs and unions, zero-length arrays and arrays of empty structs are ignored while flattening (clang)', () => {
    expect(arg(st(EMPTY, F, F))).toBe('fa0:0-4+ones8 fa1:4-8+ones8');
    expect(arg(st(un(), F, F))).toBe('fa0:0-4+ones8 fa1:4-8+ones8');
    expect(arg(st(arr(EMPTY, 1), F, INT))).toBe('fa0:0-4+ones8 a0:4-8');
    expect(arg(st(DBL, arr(INT, 0), INT))).toBe('fa0:0-8 a0:8-12');
    for (const t of [st(EMPTY, F, F), st(un(), F, F), st(arr(EMPTY, 1), F, INT), st(DBL, arr(INT, 0), INT)]) expect(arg(t, CLANG)).toBe(arg(t));
  });

  it('a bit-field is the integer: its bytes go in the GPR, the upper bits unspecified (gcc)', () => {
    expect(arg(st(F, bf('int', 3)))).toBe('fa0:0-4+ones8 a0:4-5');
    expect(arg(st(F, bf('long long', 33)))).toBe('fa0:0-4+ones8 a0:8-13');
    expect(arg(packed(st(bf('int', 8), F)))).toBe('a0:0-1 fa0:1-5+ones8');
    expect(arg(st(bf('long long', 8), F))).toBe('a0:0-1 fa0:4-8+ones8');
    // Two bit-fields are two integers: not eligible.
    expect(arg(st(F, bf('int', 3), bf('int', 5)))).toBe('a0:0-8');
    for (const t of [st(F, bf('int', 3)), packed(st(bf('int', 8), F)), st(bf('long long', 8), F)]) expect(arg(t, GCC)).toBe(arg(t));
  });

  it('_Float16 is an FP real narrower than FLEN: NaN-boxed in an FPR, alone or in a struct (clang; gcc 12 rejects the type)', () => {
    const h = s('_Float16');
    expect(arg(h)).toBe('fa0:0-2+ones8');
    expect(arg(st(h, INT))).toBe('fa0:0-2+ones8 a0:4-8');
    expect(ret(st(h, h))).toBe('fa0:0-2+ones8 fa1:2-4+ones8');
    expect(args(fn('void', [...doubles(8), h])).at(-1)).toBe('a0:0-2');
  });
});

describe('RISC-V LP64D: the integer convention', () => {
  it('GCC vectors are aggregates: one or two GPRs, split, or by reference; 16-byte ones are 16-aligned on the stack (both)', () => {
    expect(args(fn(vec('int', 16), [vec('float', 4), vec('double', 8), vec('int', 16), vec('int', 32)]))).toEqual([
      'a0:0-4', 'a1:0-8', 'a2:0-8 a3:8-16', '&a4',
    ]);
    expect(ret(vec('int', 16))).toBe('a0:0-8 a1:8-16');
    expect(args(fn('void', [...ints(9), vec('int', 16)])).at(-1)).toBe('@16:16');
  });

  it('on the stack: XLEN slots, 2×XLEN-aligned types 16-aligned, never more (both)', () => {
    const p = plan(fn('void', [...ints(9), I128, LD, alignedTo(st(INT), 32), st(fieldAligned(INT, 16))]));
    expect(p.args.map(where).slice(8)).toEqual(['@0:4', '@16:16', '@32:16', '&@48', '@64:16']);
    expect(p.stackBytes).toBe(80);
  });

  it('variadic arguments always take the integer convention: doubles and FP structs in GPRs, 16-aligned structs in an aligned pair (both)', () => {
    expect(args(fn('void', [INT], [DBL, st(F, INT), st(DBL, DBL)]))).toEqual(['a0:0-4+sign8', 'a1:0-8', 'a2:0-8', 'a3:0-8 a4:8-16']);
    expect(args(fn('void', [INT], [alignedTo(st(LONG, LONG), 16), INT]))).toEqual(['a0:0-4+sign8', 'a2:0-8 a3:8-16', 'a4:0-4+sign8']);
    // At a7: the 16-aligned one goes on the stack, a 16-byte 8-aligned one is split.
    expect(args(fn('void', [INT], [...ints(6), alignedTo(st(LONG, LONG), 16), INT])).slice(7)).toEqual(['@0:16', '@16:4']);
    expect(args(fn('void', [INT], [...ints(6), st(DBL, DBL), INT])).slice(7)).toEqual(['a7:0-8|@0', '@8:4']);
  });

  it('a hidden result pointer takes a0: the arguments start at a1 (both)', () => {
    expect(args(fn(st(LONG, LONG, LONG), [LONG, F, st(F, INT)]))).toEqual(['a1:0-8', 'fa0:0-4+ones8', 'fa1:0-4+ones8 a2:4-8']);
  });
});

describe('RISC-V LP64D: dialects', () => {
  it('clang-zero-width-bitfield: a zero-width bit-field before the second member, in the same struct, makes it ineligible', () => {
    const cases: [CType, string][] = [
      [st(zw(), F, F), 'a0:0-8'],
      [st(F, st(zw(), F)), 'a0:0-8'],
      [st(F, zw(), INT), 'a0:0-8'],
      [st(F, zw('long long'), F), 'a0:0-8 a1:8-12'],
      [st(F, F, zw(), EMPTY), 'a0:0-8'],
      // still FP: a lone real, a zero-width bit-field after the last member, or in an inner struct before it ends
      [st(zw(), F), 'fa0:0-4+ones8'],
      [st(F, F, zw()), 'fa0:0-4+ones8 fa1:4-8+ones8'],
      [st(st(F, zw()), F), 'fa0:0-4+ones8 fa1:4-8+ones8'],
    ];
    for (const [t, want] of cases) {
      expect(arg(t, CLANG)).toBe(want);
      expect(arg(t, GCC)).toBe(arg(t)); // gcc 10+ ignores them, as the text says
    }
    expect(arg(st(F, zw(), F), { features: new Set(), dialects: new Set([D.clangZeroWidth.id]) })).toBe('a0:0-8');
    // An empty struct is skipped whole by clang, zero-width bit-fields inside it included (gcc gives up on its zero-length array).
    const t = st(F, F, st(zw(), arr(INT, 0)));
    expect(arg(t, CLANG)).toBe('fa0:0-4+ones8 fa1:4-8+ones8');
    expect(arg(t, GCC)).toBe('a0:0-8');
  });

  it('gcc-flatten-zero-length-array: no flattening past a zero-length array, an array of empty structs or a union; then by machine mode', () => {
    const cases: [CType, string, string][] = [
      // [type, the text (and clang), gcc]
      [st(F, F, arr(INT, 0)), 'fa0:0-4+ones8 fa1:4-8+ones8', 'a0:0-8'],
      [st(arr(EMPTY, 1), F, INT), 'fa0:0-4+ones8 a0:4-8', 'a0:0-8'],
      [st(arr(EMPTY, 0), F, F), 'fa0:0-4+ones8 fa1:4-8+ones8', 'a0:0-8'],
      [st(un(), F, F), 'fa0:0-4+ones8 fa1:4-8+ones8', 'a0:0-8'],
      [st(DBL, arr(INT, 0), INT), 'fa0:0-8 a0:8-12', 'a0:0-8 a1:8-16'],
      [st(st(arr(INT, 0)), F, F), 'fa0:0-4+ones8 fa1:4-8+ones8', 'a0:0-8'],
      [st(F, st(F, arr(INT, 0))), 'fa0:0-4+ones8 fa1:4-8+ones8', 'a0:0-8'],
      // a float (or _Complex) member spanning the whole struct keeps its float mode: FPRs after all
      [st(F, arr(INT, 0)), 'fa0:0-4+ones8', 'fa0:0-4+ones8'],
      [st(arr(INT, 0), cplx('float')), 'fa0:0-4+ones8 fa1:4-8+ones8', 'fa0:0-4+ones8 fa1:4-8+ones8'],
      [st(st(DBL, arr(INT, 0))), 'fa0:0-8', 'fa0:0-8'],
      [st(arr(F, 1), arr(INT, 0)), 'fa0:0-4+ones8', 'fa0:0-4+ones8'],
      [st(DBL, un()), 'fa0:0-8', 'fa0:0-8'],
      // ... unless packing lowers the alignment below the float's, or aligned(8) widens the struct
      [packed(st(F, arr(INT, 0))), 'fa0:0-4+ones8', 'a0:0-4'],
      [st(packed(st(F)), arr(INT, 0)), 'fa0:0-4+ones8', 'a0:0-4'],
      [alignedTo(st(F, arr(INT, 0)), 8), 'fa0:0-4+ones8', 'a0:0-8'],
      [st(arr(F, 2), arr(INT, 0)), 'fa0:0-4+ones8 fa1:4-8+ones8', 'a0:0-8'],
      // unions spanning the struct have an integer mode
      [st(un(F), arr(INT, 0)), 'a0:0-4', 'a0:0-4'],
    ];
    for (const [t, text, gcc] of cases) {
      expect(arg(t)).toBe(text);
      expect(arg(t, CLANG)).toBe(text);
      expect(arg(t, GCC)).toBe(gcc);
    }
    // The mode's FPRs must be free, like any FP real: with one FPR left a _Complex double member goes in GPRs.
    expect(args(fn('void', [...doubles(7), st(cplx('double'), arr(INT, 0))]), GCC).at(-1)).toBe('a0:0-8 a1:8-16');
  });

  it('clang-fpcc-bitfield-type: a bit-field counts as its declared type in the LLVM struct clang loads the registers from', () => {
    // Declared type overlapping the float: clang loads a0 from bytes 0-3 and fa0 from byte 4 on (only byte 4 is the struct's).
    expect(arg(packed(st(bf('int', 8), F)), CLANG)).toBe('a0:0-4 fa0:4-5');
    expect(arg(packed(st(bf('int', 20), F)), CLANG)).toBe('a0:0-4 fa0:4-7');
    // long long b:8 then a float at 4: a0 carries the whole struct, fa0 is loaded past its end.
    expect(arg(st(bf('long long', 8), F), CLANG)).toBe('a0:0-8');
    expect(ret(st(bf('long long', 8), F), CLANG)).toBe('a0:0-8');
    // Where the declared type fits, the same bytes as the text.
    expect(arg(st(F, bf('int', 3)), CLANG)).toBe('fa0:0-4+ones8 a0:4-8');
    expect(arg(st(F, bf('long long', 8)), CLANG)).toBe('fa0:0-4+ones8 a0:4-8');
    expect(arg(st(F, INT), CLANG)).toBe(arg(st(F, INT)));
  });

  it('every dialect is listed with a reference, and each compiler speaks its own', () => {
    expect(riscvLp64d.dialects.map((d) => d.id).sort()).toEqual([D.clangBitfieldType.id, D.clangZeroWidth.id, D.gccFlatten.id].sort());
    for (const d of riscvLp64d.dialects) expect(d.reference.length).toBeGreaterThan(20);
    expect(riscvLp64d.dialectsOf?.('riscv64-linux-gnu-gcc')).toEqual([...GCC.dialects]);
    expect(riscvLp64d.dialectsOf?.('clang-19')).toEqual([...CLANG.dialects]);
    expect(riscvLp64d.dialectsOf?.('model')).toEqual([]);
  });
});

describe('RISC-V LP64D: contract and refusals', () => {
  it('callee-saved s0-s11 and fs0-fs11, 8 bytes each; the stack 16-aligned', () => {
    const names = riscvLp64d.contract.calleeSaved.map((r) => r.name);
    expect(names).toEqual([...Array.from({ length: 12 }, (_, i) => `s${i}`), ...Array.from({ length: 12 }, (_, i) => `fs${i}`)]);
    expect(riscvLp64d.contract.calleeSaved.every((r) => r.bytes === 8)).toBe(true);
    expect(riscvLp64d.contract.stackAlign).toBe(16);
    expect(riscvLp64d.id).toBe('riscv-lp64d');
  });

  it('answers ok: false for a convention attribute, a non-LP64 data model, an x87 long double', () => {
    expect(riscvLp64d.planCall({ ...fn('void', [INT]), convention: 'ms_abi' }, dm, PLAIN).ok).toBe(false);
    expect(riscvLp64d.planCall(fn('void', [INT]), ilp32i386, PLAIN).ok).toBe(false);
    expect(riscvLp64d.planCall(fn('void', [LD]), lp64x86, PLAIN).ok).toBe(false);
    expect(riscvLp64d.planCall(fn('void', [INT]), lp64x86, PLAIN).ok).toBe(true);
  });

  it('every why names the convention that decided', () => {
    const p = plan(fn(st(F, INT), [INT, F, st(LONG, LONG, LONG), EMPTY], [DBL]));
    for (const loc of [...p.args, p.ret]) if (loc.kind !== 'void') expect(loc.why).toMatch(/ICC|FPCC/);
  });
});

/** Every register and stack byte a plan uses, checked for overlaps, bounds and register counts. */
function checkPlan(sig: Signature, p: CallPlan, d: DataModel): void {
  const regs = new Set<string>();
  const stackBytes = new Set<number>();
  const use = (reg: string): void => {
    expect(regs.has(reg), `${reg} used twice`).toBe(false);
    expect(reg).toMatch(/^f?a[0-7]$/);
    regs.add(reg);
  };
  const useStack = (from: number, to: number): void => {
    for (let b = from; b < to; b++) {
      expect(stackBytes.has(b), `stack byte ${b} used twice`).toBe(false);
      stackBytes.add(b);
    }
    expect(to).toBeLessThanOrEqual(p.stackBytes);
  };
  const parts = (ps: RegPart[], size: number): void => {
    const seen = new Set<number>();
    for (const q of ps) {
      use(q.reg);
      expect(q.from).toBeGreaterThanOrEqual(0);
      expect(q.to).toBeLessThanOrEqual(size);
      expect(q.to - q.from).toBeLessThanOrEqual(8);
      for (let b = q.from; b < q.to; b++) {
        expect(seen.has(b), `byte ${b} in two parts`).toBe(false);
        seen.add(b);
      }
    }
  };
  const visit = (loc: ArgLocation, size: number): void => {
    switch (loc.kind) {
      case 'regs':
        parts(loc.parts, size);
        break;
      case 'stack':
        expect(loc.offset % 8).toBe(0);
        useStack(loc.offset, loc.offset + loc.size);
        break;
      case 'split':
        parts(loc.parts, size);
        useStack(loc.stackOffset, loc.stackOffset + size - loc.parts.at(-1)!.to);
        break;
      case 'by-ref':
        visit(loc.pointer, 8);
        break;
      default:
    }
  };
  if (p.ret.kind === 'sret') visit(p.ret.pointer, 8);
  const all = [...sig.params, ...(sig.variadic ?? [])];
  p.args.forEach((loc, i) => visit(loc, layoutOf(all[i]!.type, d).size));
  if (p.ret.kind === 'regs') for (const q of p.ret.parts) expect(q.reg).toMatch(/^f?a[01]$/);
  expect(p.calleePops).toBe(0);
}

describe('RISC-V LP64D: properties over generated signatures', () => {
  const sigs = generateSignatures(dm, { ...DEFAULT_LIMITS, float16: true }, 20240601, 0, 250);

  it('every generated signature has a plan, under every dialect set, and it never throws', () => {
    for (const o of [PLAIN, GCC, CLANG]) for (const sig of sigs) expect(riscvLp64d.planCall(sig, dm, o).ok).toBe(true);
  });

  it('no register or stack byte is used twice, parts stay inside the value, at most a0-a7 and fa0-fa7', () => {
    for (const o of [PLAIN, GCC, CLANG]) for (const sig of sigs) checkPlan(sig, plan(sig, o), dm);
  });

  it('integer-convention register parts cover the whole value, in order', () => {
    fc.assert(
      fc.property(fc.constantFrom(...sigs), (sig) => {
        const p = plan(sig);
        const all = [...sig.params, ...(sig.variadic ?? [])];
        p.args.forEach((loc, i) => {
          const size = layoutOf(all[i]!.type, dm).size;
          if (loc.kind === 'regs' && loc.parts.every((q) => q.reg.startsWith('a'))) {
            expect(loc.parts.map((q) => [q.from, q.to])).toEqual(size <= 8 ? [[0, size]] : [[0, 8], [8, size]]);
          }
        });
      }),
      { numRuns: 200 },
    );
  });
});

// Measured with riscv64-linux-gnu-gcc 12 -O2 -S (clang rejects every _FloatN; there is no __float128).
describe('TS 18661-3 types (weight float-n, float128)', () => {
  it('_Float32 NaN-boxed in fa0, _Float64 and _Float32x in fa1, fa2 (FP registers, as float and double)', () => {
    expect(args(fn('void', [s('_Float32'), s('_Float64'), s('_Float32x')]))).toEqual(['fa0:0-4+ones8', 'fa1:0-8', 'fa2:0-8']);
  });

  it('_Float128 (and _Float64x) is binary128 long double: an integer register pair a1:a2 after an int, returned in a0:a1', () => {
    expect(args(fn('void', [INT, s('_Float128')]))[1]).toBe('a1:0-8 a2:8-16');
    expect(ret(s('_Float64x'))).toBe('a0:0-8 a1:8-16');
  });

  it('struct { _Float32 a; float b; } is two floats in fa0, fa1', () => {
    expect(arg(st(s('_Float32'), F))).toBe('fa0:0-4+ones8 fa1:4-8+ones8');
  });
});
