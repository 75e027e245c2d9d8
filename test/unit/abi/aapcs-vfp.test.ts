// The AAPCS (armhf, VFP variant) model, case by case. Every location pinned here was read off real
// callers and callees (-O2 -S, and a register/stack-dumping stub run under qemu-arm) of
// arm-linux-gnueabihf-gcc 12.2 and clang-19 --target=armv7a-linux-gnueabihf -mfpu=vfpv3-d16
// -mfloat-abi=hard. "both" below means the two agree with the text; a dialect names what one of them
// does instead. gcc rejects _Float16 on this target, so half-precision cases are clang's.
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, generateSignatures } from '../../../generators/index.js';
import { PLAIN, type AbiOptions } from '../../../src/abi/abi.js';
import { AAPCS_VFP_DIALECTS, aapcsVfp } from '../../../src/abi/aapcs-vfp.js';
import type { ArgLocation, CallPlan, ReturnLocation } from '../../../src/abi/location.js';
import { ilp32armhf } from '../../../src/model/data-model.js';
import { layoutOf } from '../../../src/model/layout.js';
import type { Aggregate, CType, Field, ScalarName, Signature } from '../../../src/model/types.js';

const dm = ilp32armhf;
const s = (name: ScalarName): CType => ({ kind: 'scalar', name });
const fieldsOf = (members: (CType | Field)[]): Field[] => members.map((m, i) => ('kind' in m ? { name: `f${i}`, type: m } : m));
const st = (...members: (CType | Field)[]): CType => ({ kind: 'struct', name: 's', packed: false, fields: fieldsOf(members) });
const un = (...members: (CType | Field)[]): CType => ({ kind: 'union', name: 'u', packed: false, fields: fieldsOf(members) });
const packed = (t: CType): CType => ({ ...(t as Aggregate), packed: true });
const aligned = (t: CType, n: number): CType => ({ ...(t as Aggregate), aligned: n });
const arr = (elem: CType, count: number): CType => ({ kind: 'array', elem, count });
const vec = (elem: ScalarName, bytes: number): CType => ({ kind: 'vector', elem, bytes });
const cplx = (base: 'float' | 'double' | 'long double'): CType => ({ kind: 'complex', base });
const zeroWidth = (name: ScalarName): Field => ({ name: 'z', type: s(name), bits: 0 });
const rep = (t: CType, n: number): CType[] => Array.from({ length: n }, () => t);
const d = s('double'), f = s('float'), i = s('int'), ll = s('long long'), c = s('char'), h = s('_Float16');
const AAPCS = 'pcs("aapcs")';

const fn = (ret: CType | 'void', params: CType[], variadic: CType[] | null = null, convention?: string): Signature => ({
  name: 'f', ret, params: params.map((type) => ({ type })), variadic: variadic && variadic.map((type) => ({ type })), ...(convention ? { convention } : {}),
});
const opts = (...dialects: string[]): AbiOptions => ({ dialects: new Set(dialects), features: new Set() });
const D = AAPCS_VFP_DIALECTS;
const GCC = opts(D.gccZeroLengthArray.id, D.gccZeroWidthInUnion.id, D.gccEmptyRecordStack.id, D.gccPackedBitField.id, D.gnuVectors.id);
const CLANG = opts(D.clangZeroLengthArray.id, D.clangEmptyRecord.id, D.clangVectorsWithoutNeon.id);

function plan(sig: Signature, o: AbiOptions = PLAIN): CallPlan {
  const r = aapcsVfp.planCall(sig, dm, o);
  if (!r.ok) throw new Error(r.reason);
  return r.plan;
}

/** "s0:0-4", "r2:0-4 r3:4-8", "@8:4" (stack offset:size), "r3:0-4+@0" (split), "sret(r0)"; "sx"/"zx": extended to a word. */
function where(loc: ArgLocation | ReturnLocation): string {
  const part = (p: { reg: string; from: number; to: number; extend?: { kind: string } }): string =>
    `${p.reg}:${p.from}-${p.to}${p.extend ? (p.extend.kind === 'sign' ? 'sx' : 'zx') : ''}`;
  switch (loc.kind) {
    case 'regs':
      return loc.parts.map(part).join(' ');
    case 'split':
      return `${loc.parts.map(part).join(' ')}+@${loc.stackOffset}`;
    case 'stack':
      return `@${loc.offset}:${loc.size}`;
    case 'sret':
      return `sret(${loc.pointer.kind === 'regs' ? loc.pointer.parts[0]!.reg : '?'})${loc.returnedIn ? `>${loc.returnedIn}` : ''}`;
    default:
      return loc.kind;
  }
}
const args = (sig: Signature, o?: AbiOptions): string[] => plan(sig, o).args.map(where);
const ret = (t: CType, o?: AbiOptions, convention?: string): string => where(plan(fn(t, [], null, convention), o).ret);
const reason = (sig: Signature, o: AbiOptions = PLAIN): string => {
  const r = aapcsVfp.planCall(sig, dm, o);
  return r.ok ? 'ok' : r.reason;
};

describe('AAPCS VFP variant: CPRCs in s, d and q registers (C.1.vfp, C.2.vfp)', () => {
  it('back-fills: f(float, double, float) takes s0, d1, s1 (both)', () => {
    expect(args(fn('void', [f, d, f]))).toEqual(['s0:0-4', 'd1:0-8', 's1:0-4']);
  });

  it('a Homogeneous Aggregate takes the lowest run of free consecutive registers of its base type', () => {
    expect(args(fn('void', [f, st(f, f, f), d, st(f, f), f]))).toEqual([
      's0:0-4', 's1:0-4 s2:4-8 s3:8-12', 'd2:0-8', 's6:0-4 s7:4-8', 's8:0-4',
    ]);
    expect(args(fn('void', [f, d, st(f, f)]))).toEqual(['s0:0-4', 'd1:0-8', 's4:0-4 s5:4-8']);
    expect(args(fn('void', [st(d, d, d, d), st(f, f, f, f), f, d]))).toEqual([
      'd0:0-8 d1:8-16 d2:16-24 d3:24-32', 's8:0-4 s9:4-8 s10:8-12 s11:12-16', 's12:0-4', 'd7:0-8',
    ]);
  });

  it('once a CPRC goes to the stack the VFP registers are closed: no back-filling after (C.2.vfp)', () => {
    const sig = fn('void', [...rep(d, 7), f, d, f]);
    expect(args(sig).slice(7)).toEqual(['s14:0-4', '@0:8', '@8:4']);
    expect(plan(sig).stackBytes).toBe(12);
    expect(args(fn('void', [st(d, d, d, d), st(d, d, d, d), f]))).toEqual([
      'd0:0-8 d1:8-16 d2:16-24 d3:24-32', 'd4:0-8 d5:8-16 d6:16-24 d7:24-32', '@0:4',
    ]);
    expect(args(fn('void', [...rep(d, 8), st(c, c, c), f])).slice(8)).toEqual(['r0:0-3', '@0:4']);
  });

  it('_Complex float and double are Homogeneous Aggregates of two (§8.1.1), returned from d0', () => {
    const p = plan(fn(cplx('double'), [cplx('float'), cplx('double'), f]));
    expect(p.args.map(where)).toEqual(['s0:0-4 s1:4-8', 'd1:0-8 d2:8-16', 's6:0-4']);
    expect(where(p.ret)).toBe('d0:0-8 d1:8-16');
  });

  it('64- and 128-bit vectors take d and q registers, and so do aggregates of them (gcc)', () => {
    const p = plan(fn(vec('float', 16), [vec('int', 8), vec('float', 16), f, vec('char', 8)]));
    expect(p.args.map(where)).toEqual(['d0:0-8', 'q1:0-16', 's2:0-4', 'd4:0-8']);
    expect(where(p.ret)).toBe('q0:0-16');
    expect(args(fn('void', [st(vec('int', 8), vec('short', 8)), st(vec('float', 16), vec('int', 16))]))).toEqual([
      'd0:0-8 d1:8-16', 'q1:0-16 q2:16-32',
    ]);
  });

  it('half precision: an s register, its low 16 bits; no Homogeneous Aggregate of halves (clang)', () => {
    const p = plan(fn(h, [h, f, h]));
    expect(p.args.map(where)).toEqual(['s0:0-2', 's1:0-4', 's2:0-2']);
    expect(where(p.ret)).toBe('s0:0-2');
    expect(args(fn('void', [st(h, h), f]))).toEqual(['r0:0-4', 's0:0-4']);
    expect(args(fn('void', [...rep(d, 7), f, h, h])).slice(7)).toEqual(['s14:0-4', 's15:0-2', '@0:2']);
  });
});

describe('AAPCS core registers and the stack (base standard rules)', () => {
  it('f(int, long long): r0, then the even pair r2:r3 (C.3)', () => {
    expect(args(fn('void', [i, ll]))).toEqual(['r0:0-4', 'r2:0-4 r3:4-8']);
  });

  it('a 12-byte struct after three ints is split between r3 and the stack (C.5)', () => {
    const sig = fn('void', [i, i, i, st(i, i, i), i]);
    expect(args(sig)).toEqual(['r0:0-4', 'r1:0-4', 'r2:0-4', 'r3:0-4+@0', '@8:4']);
    expect(plan(sig).stackBytes).toBe(12);
    expect(args(fn('void', [i, i, i, st(c, c, c, c, c)]))[3]).toBe('r3:0-4+@0');
  });

  it('no split once something is on the stack, and none for a struct needing r4 after C.3', () => {
    expect(args(fn(st(i, i), [i, i, i, st(c, c, c, c, c)]))).toEqual(['r1:0-4', 'r2:0-4', 'r3:0-4', '@0:5']);
    expect(args(fn('void', [...rep(i, 4), i, ll, i, st(d, i)])).slice(4)).toEqual(['@0:4', '@8:8', '@16:4', '@24:16']);
  });

  it('B.5: a composite needs double-word alignment by its natural alignment, not an aligned(8) on itself', () => {
    expect(args(fn('void', [i, st(d, i)], null, AAPCS))).toEqual(['r0:0-4', 'r2:0-4 r3:4-8+@0']);
    expect(args(fn('void', [i, st({ name: 'a', type: i, aligned: 8 }, i)]))).toEqual(['r0:0-4', 'r2:0-4 r3:4-8']);
    expect(args(fn('void', [i, aligned(st(i, i), 8)]))).toEqual(['r0:0-4', 'r1:0-4 r2:4-8']);
  });

  it('narrow integers are zero- or sign-extended to a word by the caller (B.2); plain char is unsigned', () => {
    const p = plan(fn(s('signed char'), [s('_Bool'), s('signed char'), s('unsigned short'), c, s('short'), s('unsigned char')]));
    expect(p.args.map(where)).toEqual(['r0:0-1zx', 'r1:0-1sx', 'r2:0-2zx', 'r3:0-1zx', '@0:2', '@4:1']);
    expect(where(p.ret)).toBe('r0:0-1sx');
    expect(ret(s('unsigned short'))).toBe('r0:0-2zx');
  });
});

describe('AAPCS results (§6.4, §7.1.2.2)', () => {
  it('a composite of at most 4 bytes in r0, larger ones in memory at r0 (not handed back)', () => {
    expect(ret(st(c, c, c))).toBe('r0:0-3');
    expect(ret(st(i))).toBe('r0:0-4');
    expect(ret(st(s('short'), s('short'), s('short')))).toBe('sret(r0)');
    expect(args(fn(st(i, i), [i, i, i]))).toEqual(['r1:0-4', 'r2:0-4', 'r3:0-4']);
    expect(ret(st(d, d, d, d, d))).toBe('sret(r0)');
  });

  it('a VFP CPRC from s0, d0, q0; fundamental double-words in r0:r1', () => {
    expect(ret(st(f))).toBe('s0:0-4');
    expect(ret(st(f, f))).toBe('s0:0-4 s1:4-8');
    expect(ret(st(d))).toBe('d0:0-8');
    expect(ret(ll)).toBe('r0:0-4 r1:4-8');
  });
});

describe('AAPCS base standard: pcs("aapcs") and variadic functions', () => {
  it('pcs("aapcs") passes and returns double in core registers', () => {
    const p = plan(fn(d, [d, f], null, AAPCS));
    expect(p.args.map(where)).toEqual(['r0:0-4 r1:4-8', 'r2:0-4']);
    expect(where(p.ret)).toBe('r0:0-4 r1:4-8');
    expect(ret(st(f, f, f), PLAIN, AAPCS)).toBe('sret(r0)');
    expect(ret(vec('int', 16), PLAIN, AAPCS)).toBe('r0:0-4 r1:4-8 r2:8-12 r3:12-16');
    expect(ret(h, PLAIN, AAPCS)).toBe('r0:0-2');
  });

  it('pcs("aapcs") splits a 128-bit vector and a _Complex double, but never a double (gcc)', () => {
    expect(args(fn('void', [i, vec('int', 16)], null, AAPCS))).toEqual(['r0:0-4', 'r2:0-4 r3:4-8+@0']);
    expect(args(fn('void', [i, i, cplx('double')], null, AAPCS))).toEqual(['r0:0-4', 'r1:0-4', 'r2:0-4 r3:4-8+@0']);
    expect(args(fn('void', [i, i, i, d], null, AAPCS))[3]).toBe('@0:8');
  });

  it('a variadic double takes the even pair r2:r3, and a variadic function returns double in r0:r1', () => {
    expect(args(fn('void', [i], [d]))).toEqual(['r0:0-4', 'r2:0-4 r3:4-8']);
    expect(where(plan(fn(d, [i], [d])).ret)).toBe('r0:0-4 r1:4-8');
    expect(args(fn('void', [i], [st(f, f), ll, s('long double')]))).toEqual(['r0:0-4', 'r1:0-4 r2:4-8', '@0:8', '@8:8']);
  });

  it('rejects attributes it does not know', () => {
    expect(reason(fn('void', [i], null, 'stdcall'))).toMatch(/no calling-convention attribute/);
    expect(reason(fn('void', [i], null, 'pcs("aapcs-vfp")'))).toBe('ok');
  });
});

describe('AAPCS dialects', () => {
  it('zero-length arrays: the text lets them vanish, gcc and clang do not (clang skips them inside empty members)', () => {
    const t = st(f, arr(f, 0), f);
    expect([args(fn('void', [t]))[0], args(fn('void', [t]), GCC)[0], args(fn('void', [t]), CLANG)[0]]).toEqual([
      's0:0-4 s1:4-8', 'r0:0-4 r1:4-8', 'r0:0-4 r1:4-8',
    ]);
    const inEmpty = st(f, st(arr(f, 0), zeroWidth('int')));
    expect([args(fn('void', [inEmpty]), GCC)[0], args(fn('void', [inEmpty]), CLANG)[0]]).toEqual(['r0:0-4', 's0:0-4']);
    expect(args(fn('void', [st(cplx('float'), arr(i, 0))]), GCC)[0]).toBe('r0:0-4 r1:4-8');
  });

  it('gcc: a zero-width bit-field in a union spoils the CPRC', () => {
    const u = un(zeroWidth('_Bool'), f);
    expect([args(fn('void', [u]))[0], args(fn('void', [u]), GCC)[0], args(fn('void', [u]), CLANG)[0]]).toEqual(['s0:0-4', 'r0:0-4', 's0:0-4']);
  });

  it('an 8-aligned empty struct: C.3 rounds NCRN (text, gcc); clang ignores it; gcc also aligns the NSAA with NCRN = 4', () => {
    const e8 = st(zeroWidth('long long'));
    expect(args(fn('void', [i, e8, i]))).toEqual(['r0:0-4', 'ignored', 'r2:0-4']);
    expect(args(fn('void', [i, e8, i]), CLANG)).toEqual(['r0:0-4', 'ignored', 'r1:0-4']);
    const late = fn('void', [...rep(i, 5), e8, i], null, AAPCS);
    expect([args(late).slice(4), args(late, GCC).slice(4), args(late, CLANG).slice(4)]).toEqual([
      ['@0:4', 'ignored', '@4:4'], ['@0:4', 'ignored', '@8:4'], ['@0:4', 'ignored', '@4:4'],
    ]);
    expect(ret(st())).toBe('ignored');
  });

  it('gcc: a long long bit-field in a packed struct still asks for double-word alignment', () => {
    const t = packed(st({ name: 'x', type: ll, bits: 5 }, i, arr(c, 3)));
    expect([args(fn('void', [i, t]))[1], args(fn('void', [i, t]), GCC)[1]]).toEqual(['r1:0-4 r2:4-8', 'r2:0-4 r3:4-8']);
  });

  it('other GCC vector sizes: the text cannot say; gcc passes them as composites', () => {
    expect(reason(fn('void', [vec('float', 4)]))).toMatch(/4-byte GCC vector is no AAPCS containerized vector/);
    expect(args(fn('void', [vec('float', 4), vec('char', 4), f, i, vec('double', 32)]), GCC)).toEqual([
      'r0:0-4', 'r1:0-4', 's0:0-4', 'r2:0-4', '@0:32',
    ]);
    expect(args(fn('void', [i, vec('int', 64)]), GCC)[1]).toBe('r2:0-4 r3:4-8+@0');
    expect([ret(vec('char', 4), GCC), ret(vec('short', 32), GCC)]).toEqual(['r0:0-4', 'sret(r0)']);
  });

  it('clang without NEON splits vectors into elements: skipped, not guessed', () => {
    expect(reason(fn('void', [vec('int', 8)]), CLANG)).toMatch(/clang-vectors-without-neon/);
    expect(reason(fn(st(vec('float', 16), vec('int', 16)), []), CLANG)).toMatch(/^return: clang-vectors-without-neon/);
    expect(reason(fn('void', [st(vec('int', 8), i)]), CLANG)).toBe('ok');
  });
});

describe('AAPCS contract and limits', () => {
  it('states r4-r11 and d8-d15 as callee-saved, and an 8-byte stack alignment', () => {
    expect(aapcsVfp.contract.calleeSaved.map((r) => `${r.name}/${r.bytes}`)).toEqual([
      ...Array.from({ length: 8 }, (_, k) => `r${4 + k}/4`),
      ...Array.from({ length: 8 }, (_, k) => `d${8 + k}/8`),
    ]);
    expect(aapcsVfp.contract.stackAlign).toBe(8);
  });

  it('names the dialects of each compiler family by its id', () => {
    expect(new Set(aapcsVfp.dialectsOf!('arm-linux-gnueabihf-gcc'))).toEqual(GCC.dialects);
    expect(new Set(aapcsVfp.dialectsOf!('clang-19'))).toEqual(CLANG.dialects);
    expect(aapcsVfp.dialectsOf!('model')).toEqual([]);
    const known = new Set(aapcsVfp.dialects.map((x) => x.id));
    for (const id of [...GCC.dialects, ...CLANG.dialects]) expect(known.has(id)).toBe(true);
  });
});

describe('AAPCS plans for generated signatures', () => {
  const lim = { ...DEFAULT_LIMITS, conventions: [AAPCS, 'pcs("aapcs-vfp")'] };
  const sigs = generateSignatures(dm, lim, 11, 0, 400);
  const vfpSlots = (reg: string): number[] => {
    const n = Number(reg.slice(1));
    if (reg[0] === 's') return [n];
    if (reg[0] === 'd') return [2 * n, 2 * n + 1];
    return [4 * n, 4 * n + 1, 4 * n + 2, 4 * n + 3];
  };

  it('never throws, and places every byte of every argument exactly once within r0-r3, s0-s15 and the stack', () => {
    for (const o of [PLAIN, GCC, CLANG]) {
      for (const sig of sigs) {
        const r = aapcsVfp.planCall(sig, dm, o);
        if (!r.ok) continue;
        const types = [...sig.params, ...(sig.variadic ?? [])].map((p) => p.type);
        const core = new Set<string>();
        const slots = new Set<number>();
        if (r.plan.ret.kind === 'sret') core.add('r0');
        r.plan.args.forEach((loc, k) => {
          const size = layoutOf(types[k]!, dm).size;
          if (loc.kind === 'regs' || loc.kind === 'split') {
            let covered = 0;
            for (const p of loc.parts) {
              covered += p.to - p.from;
              if (p.reg.startsWith('r')) {
                expect(p.reg).toMatch(/^r[0-3]$/);
                expect(core.has(p.reg)).toBe(false);
                core.add(p.reg);
              } else {
                for (const slot of vfpSlots(p.reg)) {
                  expect(slot).toBeLessThan(16);
                  expect(slots.has(slot)).toBe(false);
                  slots.add(slot);
                }
              }
            }
            if (loc.kind === 'regs') expect(covered).toBe(size);
            else expect(covered).toBeLessThan(size);
          }
          if (loc.kind === 'stack') {
            expect(loc.offset % 4).toBe(0);
            expect(loc.offset + loc.size).toBeLessThanOrEqual(r.plan.stackBytes);
          }
          if (loc.kind === 'ignored') expect(size).toBe(0);
          expect(loc.kind).not.toBe('by-ref');
        });
        expect(r.plan.stackBytes % 4).toBe(0);
      }
    }
  });
});

// Measured with arm-linux-gnueabihf-gcc 12 -O2 -S (clang rejects every _FloatN; no _Float64x, _Float128 or __float128 on armhf).
describe('TS 18661-3 types (weight float-n)', () => {
  it('_Float32 single, _Float64 and _Float32x double: f(_Float32, _Float64, _Float32x) takes s0, d1, d2', () => {
    expect(args(fn('void', [s('_Float32'), s('_Float64'), s('_Float32x')]))).toEqual(['s0:0-4', 'd1:0-8', 'd2:0-8']);
    expect(ret(s('_Float64'))).toBe('d0:0-8');
  });

  it('struct { _Float32 a; float b; } is an HA of two singles in s0, s1', () => {
    expect(args(fn('void', [st(s('_Float32'), f)]))).toEqual(['s0:0-4 s1:4-8']);
  });
});
