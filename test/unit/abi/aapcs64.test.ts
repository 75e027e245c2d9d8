// The AAPCS64 model, case by case. Every location pinned here was read off real callers and callees
// (-O2 -S, and a register/stack-dumping stub run under qemu-aarch64) of aarch64-linux-gnu-gcc 12.2
// and clang-19 --target=aarch64-linux-gnu. "both" below means the two agree with the text; a
// dialect names what one of them does instead.
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, generateSignatures } from '../../../generators/index.js';
import { PLAIN, type AbiOptions } from '../../../src/abi/abi.js';
import { AAPCS64_DIALECTS, aapcs64 } from '../../../src/abi/aapcs64.js';
import type { ArgLocation, CallPlan, ReturnLocation } from '../../../src/abi/location.js';
import { lp64quad } from '../../../src/model/data-model.js';
import { layoutOf } from '../../../src/model/layout.js';
import type { Aggregate, CType, Field, ScalarName, Signature } from '../../../src/model/types.js';

const dm = lp64quad(16, true);
const s = (name: ScalarName): CType => ({ kind: 'scalar', name });
const fieldsOf = (members: (CType | Field)[]): Field[] => members.map((m, i) => ('kind' in m ? { name: `f${i}`, type: m } : m));
const st = (...members: (CType | Field)[]): CType => ({ kind: 'struct', name: 's', packed: false, fields: fieldsOf(members) });
const un = (...members: (CType | Field)[]): CType => ({ kind: 'union', name: 'u', packed: false, fields: fieldsOf(members) });
const aligned = (t: CType, n: number): CType => ({ ...(t as Aggregate), aligned: n });
const arr = (elem: CType, count: number): CType => ({ kind: 'array', elem, count });
const vec = (elem: ScalarName, bytes: number): CType => ({ kind: 'vector', elem, bytes });
const cplx = (base: 'float' | 'double' | 'long double'): CType => ({ kind: 'complex', base });
const rep = (t: CType, n: number): CType[] => Array.from({ length: n }, () => t);
const d = s('double'), f = s('float'), i = s('int'), l = s('long');

const fn = (ret: CType | 'void', params: CType[], variadic: CType[] | null = null, convention?: string): Signature => ({
  name: 'f', ret, params: params.map((type) => ({ type })), variadic: variadic && variadic.map((type) => ({ type })), ...(convention ? { convention } : {}),
});
const opts = (...dialects: string[]): AbiOptions => ({ dialects: new Set(dialects), features: new Set() });
const GCC = opts(
  AAPCS64_DIALECTS.gccZeroLengthArray.id, AAPCS64_DIALECTS.gccZeroWidthInUnion.id,
  AAPCS64_DIALECTS.gnuVectors.id, AAPCS64_DIALECTS.gccFloatVector4.id, AAPCS64_DIALECTS.gccBf16NotHfa.id,
  AAPCS64_DIALECTS.gnuIntegerComplex.id,
);
const CLANG = opts(
  AAPCS64_DIALECTS.clangZeroLengthArray.id, AAPCS64_DIALECTS.gnuVectors.id, AAPCS64_DIALECTS.clangSmallVectorReturn.id,
  AAPCS64_DIALECTS.gnuIntegerComplex.id,
);

function plan(sig: Signature, o: AbiOptions = PLAIN): CallPlan {
  const r = aapcs64.planCall(sig, dm, o);
  if (!r.ok) throw new Error(r.reason);
  return r.plan;
}

/** A location in short: "v0:0-8 v1:8-16", "&x2" (pointer to a caller copy in x2), "@16:4" (stack offset:size), "sret(x8)". */
function where(loc: ArgLocation | ReturnLocation): string {
  switch (loc.kind) {
    case 'regs':
      return loc.parts.map((p) => `${p.reg}:${p.from}-${p.to}`).join(' ');
    case 'stack':
      return `@${loc.offset}:${loc.size}`;
    case 'by-ref':
      return `&${loc.copy === 'caller' ? '' : 'callee:'}${where(loc.pointer).replace(':0-8', '').replace(/:8$/, '')}`;
    case 'sret':
      return `sret(${where(loc.pointer).replace(':0-8', '')})${loc.returnedIn ? `>${loc.returnedIn}` : ''}`;
    case 'split':
      return 'split';
    default:
      return loc.kind;
  }
}
const args = (sig: Signature, o?: AbiOptions): string[] => plan(sig, o).args.map(where);
const ret = (t: CType, o?: AbiOptions): string => where(plan(fn(t, []), o).ret);
const arg = (t: CType, o?: AbiOptions): string => args(fn('void', [t]), o)[0]!;
const reason = (sig: Signature, o: AbiOptions = PLAIN): string => {
  const r = aapcs64.planCall(sig, dm, o);
  return r.ok ? 'ok' : r.reason;
};

describe('AAPCS64 HFA and HVA (C.2): one v register per member (both)', () => {
  it('an HFA of four doubles in v0-v3, and returned there', () => {
    expect(arg(st(d, d, d, d))).toBe('v0:0-8 v1:8-16 v2:16-24 v3:24-32');
    expect(ret(st(d, d, d, d))).toBe('v0:0-8 v1:8-16 v2:16-24 v3:24-32');
  });

  it('an HVA of two 16-byte vectors in v0, v1, whatever their element types', () => {
    expect(arg(st(vec('float', 16), vec('int', 16)))).toBe('v0:0-16 v1:16-32');
    expect(ret(st(vec('char', 8), vec('short', 8)))).toBe('v0:0-8 v1:8-16');
  });

  it('_Complex is an HFA of two; long double members are quad precision in full v registers', () => {
    expect(args(fn('void', [cplx('float'), cplx('double'), cplx('long double')]))).toEqual([
      'v0:0-4 v1:4-8', 'v2:0-8 v3:8-16', 'v4:0-16 v5:16-32',
    ]);
    expect(arg(st(s('_Float16'), s('_Float16'), s('_Float16')))).toBe('v0:0-2 v1:2-4 v2:4-6');
  });

  it('five floats are no HFA: 20 bytes, so by reference to a caller copy (B.4), and returned through x8', () => {
    expect(arg(st(f, f, f, f, f))).toBe('&x0');
    expect(ret(st(f, f, f, f, f))).toBe('sret(x8)');
  });

  it('padding or a second base type makes it a plain composite in x registers', () => {
    expect(arg(st(f, { name: 'b', type: f, aligned: 8 }))).toBe('x0:0-8 x1:8-16');
    expect(arg(aligned(st(f, f), 16))).toBe('x0:0-8 x1:8-16');
    expect(arg(st(vec('double', 8), d))).toBe('x0:0-8 x1:8-16');
    expect(arg(un(f, d))).toBe('x0:0-8');
    expect(arg(un(f, arr(f, 2)))).toBe('v0:0-4 v1:4-8');
  });

  it('an HFA that does not fit v[NSRN]-v7 goes wholly to the stack and NSRN = 8: later doubles go there too (C.3)', () => {
    const sig = fn('void', [...rep(d, 6), st(d, d, d), d, f]);
    expect(args(sig).slice(6)).toEqual(['@0:24', '@24:8', '@32:4']);
    expect(plan(sig).stackBytes).toBe(40);
  });

  it('C.4: an HFA of long doubles or with a 16-aligned member aligns the NSAA to 16; an aligned(16) HFA does not', () => {
    const sig = fn('void', [...rep(d, 8), f, st(s('long double'), s('long double')), f, st({ name: 'a', type: f, aligned: 16 }, f, f, f), f, aligned(st(f, f, f, f), 16)]);
    expect(args(sig).slice(8)).toEqual(['@0:4', '@16:32', '@48:4', '@64:16', '@80:4', '@88:16']);
  });
});

describe('AAPCS64 general-purpose registers and the stack', () => {
  it('a 24-byte struct goes by reference to a caller copy, pointer in the next x register (B.4)', () => {
    expect(args(fn('void', [i, st(l, l, l)]))).toEqual(['x0:0-4', '&x1']);
    expect(ret(st(l, l, l))).toBe('sret(x8)');
  });

  it('a 16-byte-aligned struct after one int takes the even pair x2:x3 (C.10); an aligned(16) on the struct alone does not count', () => {
    expect(args(fn('void', [i, st({ name: 'a', type: l, aligned: 16 }, l)]))).toEqual(['x0:0-4', 'x2:0-8 x3:8-16']);
    expect(args(fn('void', [i, aligned(st(l, l), 16)]))).toEqual(['x0:0-4', 'x1:0-8 x2:8-16']);
    expect(args(fn('void', [i, st(s('__int128'))]))).toEqual(['x0:0-4', 'x2:0-8 x3:8-16']);
  });

  it('__int128 after one int takes x2:x3 (C.10, C.11); with NGRN = 7 it goes to the stack, 16-aligned, and x7 stays free', () => {
    expect(args(fn('void', [i, s('__int128'), i]))).toEqual(['x0:0-4', 'x2:0-8 x3:8-16', 'x4:0-4']);
    expect(args(fn('void', [...rep(l, 7), s('__int128'), l])).slice(7)).toEqual(['@0:16', '@16:8']);
    expect(args(fn('void', [...rep(l, 8), i, s('__int128')])).slice(8)).toEqual(['@0:4', '@16:16']);
  });

  it('the ninth integer argument goes to the stack in an 8-byte slot (C.16, C.17)', () => {
    const sig = fn('void', [...rep(l, 8), i, st(l, l), s('char')]);
    expect(args(sig).slice(8)).toEqual(['@0:4', '@8:16', '@24:1']);
    expect(plan(sig).stackBytes).toBe(32);
  });

  it('C.14: a composite on the stack aligns the NSAA to 16 only for a natural alignment of 16', () => {
    expect(args(fn('void', [...rep(l, 8), i, aligned(st(l, l), 16)])).slice(8)).toEqual(['@0:4', '@8:16']);
    expect(args(fn('void', [...rep(l, 8), i, st({ name: 'a', type: l, aligned: 16 }, l)])).slice(8)).toEqual(['@0:4', '@16:16']);
  });

  it('a composite that does not fit x[NGRN]-x7 goes wholly to the stack and NGRN = 8 (C.13)', () => {
    expect(args(fn('void', [...rep(l, 7), st(l, l), i]))).toEqual([...rep(l, 7).map((_, k) => `x${k}:0-8`), '@0:16', '@16:4']);
  });

  it('a struct return of 24 bytes goes through x8, which takes no argument register', () => {
    const p = plan(fn(st(l, l, l), [i, i]));
    expect(where(p.ret)).toBe('sret(x8)');
    expect(p.ret.kind === 'sret' && p.ret.returnedIn).toBeNull();
    expect(p.args.map(where)).toEqual(['x0:0-4', 'x1:0-4']);
  });

  it('narrow integers carry no extension: the upper bits are unspecified (C.9; callers extend nothing, callees narrow)', () => {
    const p = plan(fn(s('signed char'), [s('_Bool'), s('signed char'), s('unsigned short')]));
    for (const loc of [...p.args, p.ret]) expect(loc.kind === 'regs' && loc.parts.every((x) => x.extend === undefined)).toBe(true);
  });
});

describe('AAPCS64 variadic calls (Linux: the same rules as named arguments)', () => {
  it('a variadic double in v0, an HFA in v registers, __int128 in an even pair, long double in a q register', () => {
    expect(args(fn('void', [i], [d, st(d, d), s('__int128'), s('long double'), st(l, l, l)]))).toEqual([
      'x0:0-4', 'v0:0-8', 'v1:0-8 v2:8-16', 'x2:0-8 x3:8-16', 'v3:0-16', '&x4',
    ]);
  });
});

describe('AAPCS64 zero-size members and empty aggregates', () => {
  it('the text lets zero-width bit-fields, empty structs and zero-length arrays vanish from an HFA', () => {
    expect(arg(st(f, { name: 'z', type: i, bits: 0 }, f))).toBe('v0:0-4 v1:4-8');
    expect(arg(st(f, st(), f))).toBe('v0:0-4 v1:4-8');
    expect(arg(st(f, arr(f, 0), f))).toBe('v0:0-4 v1:4-8');
  });

  it('gcc and clang keep zero-length arrays in (dialects): x0 instead', () => {
    expect(arg(st(f, arr(f, 0), f), GCC)).toBe('x0:0-8');
    expect(arg(st(f, arr(f, 0), f), CLANG)).toBe('x0:0-8');
    // They part where the array sits in an empty member, or beside a lone _Complex.
    const inEmpty = st(f, st(arr(f, 0), { name: 'z', type: i, bits: 0 }));
    expect([arg(inEmpty, GCC), arg(inEmpty, CLANG)]).toEqual(['x0:0-4', 'v0:0-4']);
    const withComplex = st(cplx('float'), arr(i, 0));
    expect([arg(withComplex, GCC), arg(withComplex, CLANG)]).toEqual(['v0:0-4 v1:4-8', 'x0:0-8']);
  });

  it('gcc: a zero-width bit-field in a union spoils the HFA (dialect); clang follows the text', () => {
    const u = un(f, { name: 'z', type: i, bits: 0 });
    expect([arg(u), arg(u, GCC), arg(u, CLANG)]).toEqual(['v0:0-4', 'x0:0-4', 'v0:0-4']);
  });

  it('an empty struct (size 0) is not passed and leaves NGRN alone, even 16-aligned (both)', () => {
    expect(args(fn('void', [i, st(), i]))).toEqual(['x0:0-4', 'ignored', 'x1:0-4']);
    expect(args(fn('void', [i, st({ name: 'z', type: arr(i, 0), aligned: 16 }), i]))).toEqual(['x0:0-4', 'ignored', 'x1:0-4']);
    expect(ret(st())).toBe('ignored');
  });
});

describe('AAPCS64 GCC vectors', () => {
  it('8- and 16-byte vectors are short vectors in v registers (C.1), single-element ones too', () => {
    expect(args(fn('void', [vec('int', 8), vec('double', 8), vec('char', 16)]))).toEqual(['v0:0-8', 'v1:0-8', 'v2:0-16']);
  });

  it('other sizes are no short vector: the text cannot say', () => {
    expect(reason(fn('void', [vec('double', 32)]))).toMatch(/32-byte GCC vector is no AAPCS64 short vector/);
    expect(reason(fn(vec('int', 4), []))).toMatch(/^return: /);
  });

  it('gnu-vector-as-composite: 32 and 64 bytes by reference and through x8, 4 bytes in an x register (both)', () => {
    expect(args(fn('void', [vec('double', 32), vec('int', 64), vec('char', 4)]), CLANG)).toEqual(['&x0', '&x1', 'x2:0-4']);
    expect(ret(vec('double', 32), GCC)).toBe('sret(x8)');
    expect(ret(vec('char', 4), GCC)).toBe('x0:0-4');
  });

  it('gcc sends a 4-byte float vector to the stack and NGRN to 8; clang passes it in x0', () => {
    const sig = fn('void', [vec('float', 4), l, d, vec('_Float16', 4), vec('int', 4)]);
    expect(args(sig, GCC)).toEqual(['@0:4', '@8:8', 'v0:0-8', '@16:4', '@24:4']);
    expect(args(sig, CLANG)).toEqual(['x0:0-4', 'x1:0-8', 'v0:0-8', 'x2:0-4', 'x3:0-4']);
  });

  it('clang returns a 4-byte vector in v0, and cannot be described for char and short elements', () => {
    expect(ret(vec('float', 4), CLANG)).toBe('v0:0-4');
    expect(ret(vec('_Float16', 4), CLANG)).toBe('v0:0-4');
    expect(reason(fn(vec('short', 4), []), CLANG)).toMatch(/widens each short lane/);
  });
});

describe('AAPCS64 contract and limits', () => {
  it('states x19-x29 and the low 64 bits of v8-v15 as callee-saved, and a 16-byte stack alignment', () => {
    expect(aapcs64.contract.calleeSaved.map((r) => `${r.name}/${r.bytes}`)).toEqual([
      ...Array.from({ length: 11 }, (_, k) => `x${19 + k}/8`),
      ...Array.from({ length: 8 }, (_, k) => `d${8 + k}/8`),
    ]);
    expect(aapcs64.contract.stackAlign).toBe(16);
  });

  it('names the dialects of each compiler family by its id', () => {
    expect(new Set(aapcs64.dialectsOf!('aarch64-linux-gnu-gcc'))).toEqual(GCC.dialects);
    expect(new Set(aapcs64.dialectsOf!('clang-19'))).toEqual(CLANG.dialects);
    expect(aapcs64.dialectsOf!('model')).toEqual([]);
    const known = new Set(aapcs64.dialects.map((x) => x.id));
    for (const id of [...GCC.dialects, ...CLANG.dialects]) expect(known.has(id)).toBe(true);
  });

  it('has no calling-convention attributes', () => {
    expect(reason(fn('void', [i], null, 'pcs("aapcs")'))).toMatch(/no calling-convention attribute/);
  });
});

describe('AAPCS64 plans for generated signatures', () => {
  const sigs = generateSignatures(dm, DEFAULT_LIMITS, 7, 0, 400);

  it('never throws, and places every byte of every argument exactly once within the register files', () => {
    for (const o of [PLAIN, GCC, CLANG]) {
      for (const sig of sigs) {
        const r = aapcs64.planCall(sig, dm, o);
        if (!r.ok) continue;
        const types = [...sig.params, ...(sig.variadic ?? [])].map((p) => p.type);
        const used = new Set<string>();
        r.plan.args.forEach((loc, k) => {
          const size = layoutOf(types[k]!, dm).size;
          const regsAt = loc.kind === 'by-ref' ? loc.pointer : loc;
          if (regsAt.kind === 'regs') {
            const covered = regsAt.parts.reduce((n, p) => n + p.to - p.from, 0);
            expect(covered).toBe(loc.kind === 'by-ref' ? 8 : size);
            for (const p of regsAt.parts) {
              expect(p.reg).toMatch(/^(x[0-7]|v[0-7])$/);
              expect(used.has(p.reg)).toBe(false);
              used.add(p.reg);
            }
          }
          if (regsAt.kind === 'stack') {
            expect(regsAt.offset % 8).toBe(0);
            expect(regsAt.offset + regsAt.size).toBeLessThanOrEqual(r.plan.stackBytes);
          }
          if (loc.kind === 'ignored') expect(size).toBe(0);
        });
        expect(r.plan.stackBytes % 8).toBe(0);
      }
    }
  });
});

describe('types drawn by weight: __bf16, wide enums, enum bit-fields, integer _Complex', () => {
  const bf = s('__bf16');
  const wide: CType = { kind: 'enum', name: 'e', values: [1, 2 ** 40] };
  const icplx: CType = { kind: 'complex', base: 'int' };

  it('__bf16 is half precision: alone in h0, an HFA member mixing with _Float16 (clang); gcc makes no HFA of it', () => {
    expect(args(fn('void', [bf, st(bf, s('_Float16'))]))).toEqual(['v0:0-2', 'v1:0-2 v2:2-4']);
    expect(args(fn('void', [st(arr(bf, 2))]), CLANG)).toEqual(['v0:0-2 v1:2-4']);
    const gcc = opts(AAPCS64_DIALECTS.gccBf16NotHfa.id);
    expect(args(fn('void', [bf, st(arr(bf, 2))]), gcc)).toEqual(['v0:0-2', 'x0:0-4']);
    expect(ret(st(bf), gcc)).toBe('x0:0-2');
  });

  it('a wide enum is a long long container (x0, 8 bytes); an enum bit-field travels in its composite', () => {
    expect(args(fn('void', [i, wide]))).toEqual(['x0:0-4', 'x1:0-8']);
    const withBits = st({ name: 'b', type: { kind: 'enum', name: 'e2', values: [1, 3] }, bits: 3 }, f);
    expect(args(fn('void', [withBits]))).toEqual(['x0:0-8']);
  });

  it('integer _Complex: the text cannot say; gcc and clang pass it as struct { T re, im; }', () => {
    const r = aapcs64.planCall(fn('void', [icplx]), dm, PLAIN);
    expect(r.ok ? 'planned' : r.reason).toMatch(/integer _Complex is a GNU extension/);
    const gnu = opts(AAPCS64_DIALECTS.gnuIntegerComplex.id);
    expect(args(fn('void', [icplx, { kind: 'complex', base: 'long long' }]), gnu)).toEqual(['x0:0-8', 'x1:0-8 x2:8-16']);
  });
});

describe('_BitInt(N) (drawn by weight)', () => {
  const bi = (bits: number, unsigned = false): CType => ({ kind: 'bitint', bits, unsigned });

  it('up to 128 bits the smallest integral type that holds it (§10.1): 65-128 bits an __int128, an even register pair (C.10, measured with clang 19)', () => {
    expect(args(fn('void', [bi(7), bi(40, true)]))).toEqual(['x0:0-1', 'x1:0-8']);
    expect(args(fn('void', [i, bi(100)]))).toEqual(['x0:0-4', 'x2:0-8 x3:8-16']);
    expect(args(fn('void', [...Array<CType>(8).fill(s('long')), bi(100)])).at(-1)).toBe('@0:16');
    expect(ret(bi(128, true))).toBe('x0:0-8 x1:8-16');
  });

  it('wider than 128 bits as if unsigned __int128[M]: a composite over 16 bytes, passed by reference (B.4)', () => {
    expect(arg(bi(200))).toMatch(/^&/);
    expect(reason(fn('void', [bi(200)]))).toBe('ok');
  });
});

// Measured with aarch64-linux-gnu-gcc 12 -O2 -S (clang rejects every _FloatN; there is no __float128).
describe('TS 18661-3 types (weight float-n, float128): Floating-Point types of their format', () => {
  it('_Float32 single in s0, _Float64 and _Float32x double in d1, d2; _Float64x and _Float128 quad in q registers', () => {
    expect(args(fn('void', [s('_Float32'), s('_Float64'), s('_Float32x'), s('_Float64x'), s('_Float128')]))).toEqual([
      'v0:0-4', 'v1:0-8', 'v2:0-8', 'v3:0-16', 'v4:0-16',
    ]);
    expect(ret(s('_Float128'))).toBe('v0:0-16');
  });

  it('struct { _Float64 a; double b; } is an HFA of two doubles; _Float128, long double and _Float64x make an HFA of quads', () => {
    expect(arg(st(s('_Float64'), d))).toBe('v0:0-8 v1:8-16');
    expect(ret(st(s('_Float64'), d))).toBe('v0:0-8 v1:8-16');
    expect(ret(st(s('_Float128'), s('long double'), s('_Float64x')))).toBe('v0:0-16 v1:16-32 v2:32-48');
  });

  it('__float128 does not exist on aarch64: the model cannot say', () => {
    expect(reason(fn('void', [s('__float128')]))).toMatch(/__float128/);
  });
});
