// The i386 psABI model (cdecl, stdcall, fastcall, regparm, thiscall, sseregparm) pinned on the cases that decide it.
// Every expectation below was checked against i686-linux-gnu-gcc 12 and clang-19
// --target=i686-linux-gnu at -O2, as callers and callees run under qemu-i386 (and in the -S
// output): the base reading is gcc's, the clang-* dialects are clang-19's.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PLAIN, type AbiOptions } from '../../../src/abi/abi.js';
import { I386_DIALECTS, i386Sysv } from '../../../src/abi/i386-sysv.js';
import type { ArgLocation, CallPlan, RegPart } from '../../../src/abi/location.js';
import { ilp32i386 } from '../../../src/model/data-model.js';
import { layoutOf } from '../../../src/model/layout.js';
import type { CType, Field, ScalarName, Signature } from '../../../src/model/types.js';
import { DEFAULT_LIMITS } from '../../../generators/limits.js';
import { signature } from '../../../generators/signatures.js';
import { resolveToolchain } from '../../../harness/toolchains/registry.js';
import { applyPairRules } from '../../../src/pipeline/config.js';
import { TARGETS } from '../../../src/targets/index.js';

const s = (name: ScalarName): CType => ({ kind: 'scalar', name });
const vec = (elem: ScalarName, bytes: number): CType => ({ kind: 'vector', elem, bytes });
const fields = (ts: CType[]): Field[] => ts.map((type, i) => ({ name: `f${i}`, type }));
const struct = (...ts: CType[]): CType => ({ kind: 'struct', name: 's', fields: fields(ts), packed: false });
const union = (...ts: CType[]): CType => ({ kind: 'union', name: 'u', fields: fields(ts), packed: false });
const cx = (base: 'float' | 'double' | 'long double'): CType => ({ kind: 'complex', base });
const sig = (ret: CType | 'void', params: CType[], convention?: string, variadic?: CType[]): Signature => ({
  name: 'f', ret, params: params.map((type) => ({ type })), variadic: variadic ? variadic.map((type) => ({ type })) : null,
  ...(convention ? { convention } : {}),
});

const INT = s('int');
const S12 = struct(INT, INT, INT);
const V2I = vec('int', 8);
const V4I = vec('int', 16);

const CLANG = Object.values(I386_DIALECTS).map((d) => d.id);
const opts = (features: string[] = [], dialects: string[] = []): AbiOptions => ({ features: new Set(features), dialects: new Set(dialects) });
const GCC = PLAIN;
const clang = (features: string[] = []): AbiOptions => opts(features, CLANG);

function plan(x: Signature, o: AbiOptions = GCC): CallPlan {
  const r = i386Sysv.planCall(x, ilp32i386, o);
  if (!r.ok) throw new Error(r.reason);
  return r.plan;
}

/** A location without its `why`, for compact expectations. */
function where(l: ArgLocation | CallPlan['ret']): unknown {
  switch (l.kind) {
    case 'stack': return { stack: l.offset, size: l.size };
    case 'regs': return l.parts.map(part);
    case 'split': return { regs: l.parts.map(part), stack: l.stackOffset };
    case 'sret': return { sret: where(l.pointer), in: l.returnedIn };
    case 'ignored': return 'ignored';
    case 'void': return 'void';
    default: return l.kind;
  }
}
const part = (p: RegPart): string => `${p.reg}[${p.from},${p.to})${p.extend ? ` ${p.extend.kind}ext${p.extend.toBytes}` : ''}`;
const args = (p: CallPlan): unknown[] => p.args.map(where);

describe('i386-sysv: cdecl (psABI 2.2.3)', () => {
  it('passes everything on the stack in fourbyte slots, long double in 12 bytes, returned in st0', () => {
    const p = plan(sig(s('long double'), [s('char'), s('long double'), s('double'), s('short')]));
    expect(args(p)).toEqual([{ stack: 0, size: 1 }, { stack: 4, size: 12 }, { stack: 16, size: 8 }, { stack: 24, size: 2 }]);
    expect(where(p.ret)).toEqual(['st0[0,10)']);
    expect(p.stackBytes).toBe(28);
    expect(p.calleePops).toBe(0);
  });

  it('returns integers in eax, long long in edx:eax, float and double in st0', () => {
    expect(where(plan(sig(s('short'), [])).ret)).toEqual(['eax[0,2)']);
    expect(where(plan(sig(s('long long'), [])).ret)).toEqual(['eax[0,4)', 'edx[4,8)']);
    expect(where(plan(sig(s('float'), [])).ret)).toEqual(['st0[0,4)']);
    expect(where(plan(sig(s('double'), [])).ret)).toEqual(['st0[0,8)']);
  });

  it('returns _Complex float in edx:eax and _Complex double / long double through the hidden pointer', () => {
    expect(where(plan(sig(cx('float'), [s('float')])).ret)).toEqual(['eax[0,4)', 'edx[4,8)']);
    for (const base of ['double', 'long double'] as const) {
      const p = plan(sig(cx(base), [s('double')]));
      expect(where(p.ret)).toEqual({ sret: { stack: 0, size: 4 }, in: 'eax' });
      expect(args(p)).toEqual([{ stack: 4, size: 8 }]);
      expect(p.calleePops).toBe(4);
    }
  });

  it('returns every struct through a hidden pointer first on the stack, which the callee pops (ret $4)', () => {
    const p = plan(sig(S12, [INT]));
    expect(where(p.ret)).toEqual({ sret: { stack: 0, size: 4 }, in: 'eax' });
    expect(args(p)).toEqual([{ stack: 4, size: 4 }]);
    expect(p.calleePops).toBe(4);
    expect(where(plan(sig(struct(), [INT])).ret)).toEqual({ sret: { stack: 0, size: 4 }, in: 'eax' });
  });

  it('passes nothing for an empty struct', () => {
    const p = plan(sig(INT, [INT, struct(), INT]));
    expect(args(p)).toEqual([{ stack: 0, size: 4 }, 'ignored', { stack: 4, size: 4 }]);
  });

  it('aligns an aligned(16) struct of ints at 4, but a struct holding a 16-byte vector at 16 (gcc; clang: 4)', () => {
    const a16: CType = { kind: 'struct', name: 'a16', fields: fields([INT]), packed: false, aligned: 16 };
    expect(args(plan(sig(INT, [INT, a16, INT])))).toEqual([{ stack: 0, size: 4 }, { stack: 4, size: 16 }, { stack: 20, size: 4 }]);
    const sv = struct(V4I);
    expect(args(plan(sig(INT, [INT, sv, INT])))).toEqual([{ stack: 0, size: 4 }, { stack: 16, size: 16 }, { stack: 32, size: 4 }]);
    expect(args(plan(sig(INT, [INT, sv, INT]), clang()))).toEqual([{ stack: 0, size: 4 }, { stack: 4, size: 16 }, { stack: 20, size: 4 }]);
  });

  it('passes an 8-byte vector in mm0 with MMX and on the stack (4-aligned) without; returns it in mm0 or memory', () => {
    const x = sig(V2I, [INT, V2I]);
    const none = plan(x);
    expect(args(none)).toEqual([{ stack: 4, size: 4 }, { stack: 8, size: 8 }]);
    expect(where(none.ret)).toEqual({ sret: { stack: 0, size: 4 }, in: 'eax' });
    const mmx = plan(x, opts(['mmx']));
    expect(args(mmx)).toEqual([{ stack: 0, size: 4 }, ['mm0[0,8)']]);
    expect(where(mmx.ret)).toEqual(['mm0[0,8)']);
  });

  it('passes 16-byte vectors in xmm0-2 with SSE, then 16-aligned on the stack', () => {
    const p = plan(sig(V4I, [V4I, V4I, V4I, INT, V4I]), opts(['mmx', 'sse']));
    expect(args(p)).toEqual([['xmm0[0,16)'], ['xmm1[0,16)'], ['xmm2[0,16)'], { stack: 0, size: 4 }, { stack: 16, size: 16 }]);
    expect(where(p.ret)).toEqual(['xmm0[0,16)']);
    const none = plan(sig(INT, [INT, V4I]));
    expect(args(none)).toEqual([{ stack: 0, size: 4 }, { stack: 16, size: 16 }]);
  });

  it('passes a variadic call entirely on the stack (psABI 2.2.4)', () => {
    const p = plan(sig(INT, [V4I], 'regparm(3)', [INT, s('double')]), opts(['sse']));
    expect(args(p)).toEqual([{ stack: 0, size: 16 }, { stack: 16, size: 4 }, { stack: 20, size: 8 }]);
    expect(p.calleePops).toBe(0);
  });
});

describe('i386-sysv: stdcall', () => {
  it('pops every stack argument, a double in 8 bytes', () => {
    const p = plan(sig(s('double'), [s('double'), INT], 'stdcall'));
    expect(args(p)).toEqual([{ stack: 0, size: 8 }, { stack: 8, size: 4 }]);
    expect(where(p.ret)).toEqual(['st0[0,8)']);
    expect(p.calleePops).toBe(12);
  });

  it('pops the hidden pointer with the arguments', () => {
    expect(plan(sig(S12, [INT], 'stdcall')).calleePops).toBe(8);
  });

  it('pops alignment padding too (gcc and the clang callee; clang-19 callers assume the size rounded to 16)', () => {
    const p = plan(sig(INT, [INT, V4I], 'stdcall'));
    expect(args(p)).toEqual([{ stack: 0, size: 4 }, { stack: 16, size: 16 }]);
    expect(p.calleePops).toBe(32);
  });
});

describe('i386-sysv: fastcall', () => {
  it('(char, short, int): cl, dx, then the stack', () => {
    const p = plan(sig(INT, [s('char'), s('short'), INT], 'fastcall'));
    expect(args(p)).toEqual([['ecx[0,1)'], ['edx[0,2)'], { stack: 0, size: 4 }]);
    expect(p.calleePops).toBe(4);
    expect(args(plan(sig(INT, [s('char'), s('short'), INT], 'fastcall'), clang()))).toEqual(args(p));
  });

  it('(long long, int, int): gcc lets the long long use up ecx and edx; clang keeps them for the ints', () => {
    const x = sig(INT, [s('long long'), INT, INT], 'fastcall');
    const g = plan(x);
    expect(args(g)).toEqual([{ stack: 0, size: 8 }, { stack: 8, size: 4 }, { stack: 12, size: 4 }]);
    expect(g.calleePops).toBe(16);
    const c = plan(x, opts([], ['clang-fastcall-long-long']));
    expect(args(c)).toEqual([{ stack: 0, size: 8 }, ['ecx[0,4)'], ['edx[0,4)']]);
    expect(c.calleePops).toBe(8);
    expect(args(plan(x, clang()))).toEqual(args(c));
  });

  it('(int, struct {int a, b, c;}) returned through a hidden pointer: gcc passes it in ecx, clang-19 on the stack', () => {
    const x = sig(S12, [INT, S12], 'fastcall');
    const g = plan(x);
    expect(where(g.ret)).toEqual({ sret: ['ecx[0,4)'], in: 'eax' });
    expect(args(g)).toEqual([['edx[0,4)'], { stack: 0, size: 12 }]);
    expect(g.calleePops).toBe(12);
    const c = plan(x, opts([], ['clang-fastcall-sret-stack']));
    expect(where(c.ret)).toEqual({ sret: { stack: 0, size: 4 }, in: 'eax' });
    expect(args(c)).toEqual([['ecx[0,4)'], { stack: 4, size: 12 }]);
    expect(c.calleePops).toBe(16);
  });

  it('never passes a struct in registers, but lets it use them up', () => {
    const p = plan(sig(INT, [struct(INT), INT, INT], 'fastcall'));
    expect(args(p)).toEqual([{ stack: 0, size: 4 }, ['edx[0,4)'], { stack: 4, size: 4 }]);
    expect(args(plan(sig(INT, [INT, struct(INT, INT), INT], 'fastcall')))).toEqual([['ecx[0,4)'], { stack: 0, size: 8 }, { stack: 8, size: 4 }]);
    // struct {float} is SFmode (gcc) / single-element float (clang): it uses up nothing.
    expect(args(plan(sig(INT, [struct(s('float')), INT], 'fastcall')))).toEqual([{ stack: 0, size: 4 }, ['ecx[0,4)']]);
  });

  it('clang: a small struct passed byval (not as its members) leaves ecx to the next int', () => {
    const x = sig(INT, [struct(s('char')), INT, INT], 'fastcall');
    expect(args(plan(x))).toEqual([{ stack: 0, size: 1 }, ['edx[0,4)'], { stack: 4, size: 4 }]);
    expect(args(plan(x, clang()))).toEqual([{ stack: 0, size: 1 }, ['ecx[0,4)'], { stack: 4, size: 4 }]);
  });
});

describe('i386-sysv: regparm', () => {
  it('regparm(3): eax, edx, ecx; a struct that does not fit goes on the stack and uses them up', () => {
    const p = plan(sig(INT, [INT, S12, INT], 'regparm(3)'));
    expect(args(p)).toEqual([['eax[0,4)'], { stack: 0, size: 12 }, { stack: 12, size: 4 }]);
    expect(p.calleePops).toBe(0);
    expect(args(plan(sig(INT, [struct(INT), INT, INT, INT], 'regparm(3)')))).toEqual([['eax[0,4)'], ['edx[0,4)'], ['ecx[0,4)'], { stack: 0, size: 4 }]);
    expect(args(plan(sig(INT, [S12, INT], 'regparm(3)')))).toEqual([['eax[0,4)', 'edx[4,8)', 'ecx[8,12)'], { stack: 0, size: 4 }]);
  });

  it('long long takes two registers, or none once fewer are left', () => {
    expect(args(plan(sig(INT, [INT, s('long long'), INT], 'regparm(3)')))).toEqual([['eax[0,4)'], ['edx[0,4)', 'ecx[4,8)'], { stack: 0, size: 4 }]);
    expect(args(plan(sig(INT, [INT, s('long long'), INT], 'regparm(2)')))).toEqual([['eax[0,4)'], { stack: 0, size: 8 }, { stack: 8, size: 4 }]);
  });

  it('takes the hidden return pointer in eax and pops nothing', () => {
    const p = plan(sig(S12, [INT], 'regparm(3)'));
    expect(where(p.ret)).toEqual({ sret: ['eax[0,4)'], in: 'eax' });
    expect(args(p)).toEqual([['edx[0,4)']]);
    expect(p.calleePops).toBe(0);
  });

  it('gcc counts by machine mode, clang by its Float/Integer classes', () => {
    const unionFloat = sig(INT, [union(s('float')), INT], 'regparm(3)');
    expect(args(plan(unionFloat))).toEqual([['eax[0,4)'], ['edx[0,4)']]);
    expect(args(plan(unionFloat, clang()))).toEqual([{ stack: 0, size: 4 }, ['eax[0,4)']]);
    const ld = sig(INT, [s('long double'), INT], 'regparm(3)');
    expect(args(plan(ld))).toEqual([{ stack: 0, size: 12 }, ['eax[0,4)']]);
    expect(args(plan(ld, clang()))).toEqual([{ stack: 0, size: 12 }, { stack: 12, size: 4 }]);
    const cf = sig(INT, [cx('float'), INT], 'regparm(3)');
    expect(args(plan(cf))).toEqual([{ stack: 0, size: 8 }, ['eax[0,4)']]);
    expect(args(plan(cf, clang()))).toEqual([['eax[0,4)', 'edx[4,8)'], ['ecx[0,4)']]);
  });

  it('clang: char and short register arguments must come extended to 32 bits', () => {
    const x = sig(INT, [s('short'), s('unsigned char')], 'regparm(3)');
    expect(args(plan(x))).toEqual([['eax[0,2)'], ['edx[0,1)']]);
    expect(args(plan(x, clang()))).toEqual([['eax[0,2) signext4'], ['edx[0,1) zeroext4']]);
  });

  it('gcc passes vectors of integer mode in registers (no MMX: v1di is DImode), clang never', () => {
    const x = sig(INT, [vec('long long', 8), INT], 'regparm(3)');
    expect(args(plan(x))).toEqual([['eax[0,4)', 'edx[4,8)'], ['ecx[0,4)']]);
    expect(args(plan(x, opts(['mmx'])))).toEqual([['mm0[0,8)'], ['eax[0,4)']]);
    expect(args(plan(x, clang()))).toEqual([{ stack: 0, size: 8 }, ['eax[0,4)']]);
  });

  it('clang with SSE2: a _Float16 that counts against the registers goes in xmm0', () => {
    const x = sig(INT, [s('_Float16'), INT], 'regparm(1)');
    expect(args(plan(x, opts(['sse', 'sse2'])))).toEqual([{ stack: 0, size: 2 }, ['eax[0,4)']]);
    expect(args(plan(x, clang(['sse', 'sse2'])))).toEqual([['xmm0[0,2)'], { stack: 0, size: 4 }]);
  });
});

describe('i386-sysv: clang vectors', () => {
  it('8-byte integer vectors are an i64 on the stack even with MMX; returned in eax:edx or xmm0 (SSE2)', () => {
    const x = sig(V2I, [V2I, INT]);
    expect(args(plan(x, clang(['mmx'])))).toEqual([{ stack: 0, size: 8 }, { stack: 8, size: 4 }]);
    expect(where(plan(x, clang(['mmx'])).ret)).toEqual(['eax[0,4)', 'edx[4,8)']);
    expect(where(plan(x, clang(['mmx', 'sse', 'sse2'])).ret)).toEqual(['xmm0[0,8)']);
  });

  it('a 32-byte vector without AVX is two xmm pieces; a 64-byte one spills its fourth piece to the stack', () => {
    const sse2 = clang(['mmx', 'sse', 'sse2']);
    expect(args(plan(sig(INT, [vec('int', 32), INT]), sse2))).toEqual([['xmm0[0,16)', 'xmm1[16,32)'], { stack: 0, size: 4 }]);
    const p = plan(sig(vec('int', 64), [vec('int', 64), INT]), sse2);
    expect(args(p)).toEqual([{ regs: ['xmm0[0,16)', 'xmm1[16,32)', 'xmm2[32,48)'], stack: 0 }, { stack: 16, size: 4 }]);
    expect(where(p.ret)).toEqual(['xmm0[0,16)', 'xmm1[16,32)', 'xmm2[32,48)', 'xmm3[48,64)']);
  });

  it('without SSE: 4-byte lanes in 4-byte slots, returns in eax/edx/ecx or st0/st1, else a hidden pointer', () => {
    const p = plan(sig(vec('float', 8), [vec('int', 16), INT]), clang());
    expect(args(p)).toEqual([{ stack: 0, size: 16 }, { stack: 16, size: 4 }]);
    expect(where(p.ret)).toEqual(['st0[0,4)', 'st1[4,8)']);
    const big = plan(sig(V4I, [INT], 'regparm(3)'), clang());
    expect(where(big.ret)).toEqual({ sret: { stack: 0, size: 4 }, in: 'eax' });
    expect(args(big)).toEqual([['eax[0,4)']]);
    expect(big.calleePops).toBe(4);
  });

  it('says it cannot express a vector of chars scalarized into one slot per byte', () => {
    const r = i386Sysv.planCall(sig(INT, [vec('char', 4)]), ilp32i386, clang());
    expect(r.ok).toBe(false);
  });
});

describe('i386-sysv: thiscall (gcc: fastcall with ecx alone)', () => {
  // Measured with i686-linux-gnu-gcc 12, clang-19 and clang-22 --target=i686-linux-gnu -O2 -S (callees) and callers.
  const TC = 'thiscall';
  const CLANG_TC = opts([], ['clang-thiscall-first-i32', 'clang-thiscall-sret-stack']);

  it('passes the first integral argument in ecx, the rest on the stack, and the callee pops them', () => {
    for (const o of [GCC, clang()]) {
      const p = plan(sig(INT, [INT, INT], TC), o);
      expect(args(p)).toEqual([['ecx[0,4)'], { stack: 0, size: 4 }]);
      expect(p.calleePops).toBe(4);
      // f(double a, int b): b in ecx (gcc and clang alike; the GCC manual says "the first argument (if of integral type)").
      const d = plan(sig(INT, [s('double'), INT], TC), o);
      expect(args(d)).toEqual([{ stack: 0, size: 8 }, ['ecx[0,4)']]);
      expect(d.calleePops).toBe(8);
    }
  });

  it('gcc: a long long or an aggregate uses ecx up without taking it; clang splits the long long and expands the record', () => {
    const ll = sig(INT, [s('long long'), INT], TC);
    expect(args(plan(ll))).toEqual([{ stack: 0, size: 8 }, { stack: 8, size: 4 }]);
    expect(plan(ll).calleePops).toBe(12);
    expect(args(plan(ll, CLANG_TC))).toEqual([{ regs: ['ecx[0,4)'], stack: 0 }, { stack: 4, size: 4 }]);
    expect(plan(ll, CLANG_TC).calleePops).toBe(8);
    const s1 = sig(INT, [struct(INT), INT], TC);
    expect(args(plan(s1))).toEqual([{ stack: 0, size: 4 }, { stack: 4, size: 4 }]);
    expect(args(plan(s1, CLANG_TC))).toEqual([['ecx[0,4)'], { stack: 0, size: 4 }]);
    // struct { int a; double d; } is expanded to (i32, double): a in ecx, d on the stack.
    expect(args(plan(sig(INT, [struct(INT, s('double')), INT], TC), CLANG_TC))).toEqual([{ regs: ['ecx[0,4)'], stack: 0 }, { stack: 8, size: 4 }]);
    // A record of only floats leaves ecx to the next integer, with gcc too (SFmode).
    expect(args(plan(sig(INT, [struct(s('float')), INT], TC)))).toEqual([{ stack: 0, size: 4 }, ['ecx[0,4)']]);
    expect(args(plan(sig(INT, [struct(s('float')), INT], TC), CLANG_TC))).toEqual([{ stack: 0, size: 4 }, ['ecx[0,4)']]);
  });

  it('clang: a record it passes byval (and a _Complex) goes as a pointer in ecx; char in ecx is extended by the caller', () => {
    const c1 = plan(sig(INT, [struct(s('char')), INT], TC), CLANG_TC);
    expect(c1.args[0]).toMatchObject({ kind: 'by-ref', copy: 'caller', pointer: { kind: 'regs', parts: [{ reg: 'ecx', from: 0, to: 4 }] } });
    expect(where(c1.args[1]!)).toEqual({ stack: 0, size: 4 });
    expect(plan(sig(INT, [cx('float'), INT], TC), CLANG_TC).args[0]).toMatchObject({ kind: 'by-ref', copy: 'caller' });
    expect(args(plan(sig(INT, [s('char'), INT], TC), CLANG_TC))).toEqual([['ecx[0,1) signext4'], { stack: 0, size: 4 }]);
    expect(args(plan(sig(INT, [s('char'), INT], TC)))).toEqual([['ecx[0,1)'], { stack: 0, size: 4 }]);
    // struct { double d; int x; }: x would take ecx, which no location expresses.
    expect(i386Sysv.planCall(sig(INT, [struct(s('double'), INT)], TC), ilp32i386, CLANG_TC).ok).toBe(false);
  });

  it('returns as cdecl; the hidden pointer goes in ecx with gcc, on the stack (popped) with clang', () => {
    const x = sig(S12, [INT, INT], TC);
    const g = plan(x);
    expect(where(g.ret)).toEqual({ sret: ['ecx[0,4)'], in: 'eax' });
    expect(args(g)).toEqual([{ stack: 0, size: 4 }, { stack: 4, size: 4 }]);
    expect(g.calleePops).toBe(8);
    const c = plan(x, CLANG_TC);
    expect(where(c.ret)).toEqual({ sret: { stack: 0, size: 4 }, in: 'eax' });
    expect(args(c)).toEqual([['ecx[0,4)'], { stack: 4, size: 4 }]);
    expect(c.calleePops).toBe(8);
    expect(where(plan(sig(s('long long'), [INT, INT], TC)).ret)).toEqual(['eax[0,4)', 'edx[4,8)']);
  });

  it('variadic: everything on the stack, the caller pops (gcc; clang rejects a variadic thiscall function)', () => {
    const p = plan(sig(INT, [INT], TC, [INT]));
    expect(args(p)).toEqual([{ stack: 0, size: 4 }, { stack: 4, size: 4 }]);
    expect(p.calleePops).toBe(0);
  });
});

describe('i386-sysv: sseregparm (gcc; clang ignores the attribute)', () => {
  // Measured with i686-linux-gnu-gcc 12 -O2 -S, -msse and -msse2: without SSE gcc rejects the attribute.
  const SR = 'sseregparm';
  const SSE = opts(['mmx', 'sse']);
  const SSE2 = opts(['mmx', 'sse', 'sse2']);

  it('passes the first three float and double arguments in xmm0-2 and returns them in xmm0', () => {
    for (const o of [SSE, SSE2]) {
      const p = plan(sig(s('double'), [s('double'), INT, s('float'), s('double'), s('double')], SR), o);
      expect(args(p)).toEqual([['xmm0[0,8)'], { stack: 0, size: 4 }, ['xmm1[0,4)'], ['xmm2[0,8)'], { stack: 4, size: 8 }]);
      expect(where(p.ret)).toEqual(['xmm0[0,8)']);
      expect(p.calleePops).toBe(0);
      expect(where(plan(sig(s('float'), [], SR), o).ret)).toEqual(['xmm0[0,4)']);
    }
  });

  it('shares xmm0-2 with __m128 arguments; leaves aggregates, _Complex, long double and _Float16 where cdecl puts them', () => {
    const v4sf = vec('float', 16);
    expect(args(plan(sig(INT, [v4sf, s('float'), s('float'), s('float')], SR), SSE2))).toEqual([['xmm0[0,16)'], ['xmm1[0,4)'], ['xmm2[0,4)'], { stack: 0, size: 4 }]);
    expect(args(plan(sig(INT, [s('float'), v4sf, s('float'), s('float')], SR), SSE2))).toEqual([['xmm0[0,4)'], ['xmm1[0,16)'], ['xmm2[0,4)'], { stack: 0, size: 4 }]);
    expect(args(plan(sig(INT, [struct(s('float')), cx('float'), s('long double'), s('_Float16'), s('float')], SR), SSE2))).toEqual([
      { stack: 0, size: 4 }, { stack: 4, size: 8 }, { stack: 12, size: 12 }, { stack: 24, size: 2 }, ['xmm0[0,4)'],
    ]);
    expect(where(plan(sig(cx('float'), [], SR), SSE2).ret)).toEqual(['eax[0,4)', 'edx[4,8)']);
    expect(where(plan(sig(s('long double'), [], SR), SSE2).ret)).toEqual(['st0[0,10)']);
    expect(where(plan(sig(struct(s('float')), [], SR), SSE2).ret)).toEqual({ sret: { stack: 0, size: 4 }, in: 'eax' });
  });

  it('is opt-in on i686-linux, and a pair with clang (which ignores it: "unknown attribute") draws none and says why', () => {
    const i686 = TARGETS['i686-linux']!;
    expect(i686.conventions).not.toContain(SR);
    expect(i686.extraConventions).toEqual(['thiscall', SR, 'regcall']);
    const side = (id: string) => ({ tc: resolveToolchain(i686, id), flags: [] });
    const limits = { ...DEFAULT_LIMITS, conventions: ['thiscall', SR] };
    const r = applyPairRules(i686, side('i686-linux-gnu-gcc'), side('clang-19'), limits);
    expect(r.limits.conventions).toEqual(['thiscall']);
    expect(r.disabled).toEqual([{ feature: 'convention sseregparm', reason: expect.stringContaining('clang does not know sseregparm') }]);
    expect(applyPairRules(i686, side('i686-linux-gnu-gcc'), side('i686-linux-gnu-gcc'), limits).limits.conventions).toEqual(limits.conventions);
  });

  it('cannot say without SSE (gcc rejects it) or for a variadic function', () => {
    expect(i386Sysv.planCall(sig(s('float'), [s('float')], SR), ilp32i386, GCC).ok).toBe(false);
    expect(i386Sysv.planCall(sig(s('float'), [s('float')], SR, [INT]), ilp32i386, SSE2).ok).toBe(false);
  });
});

describe('i386-sysv: what the model cannot say', () => {
  it('refuses unknown conventions and _Float16 without SSE2', () => {
    expect(i386Sysv.planCall(sig(INT, [INT], 'ms_abi'), ilp32i386, GCC).ok).toBe(false);
    expect(i386Sysv.planCall(sig(INT, [s('_Float16')]), ilp32i386, GCC).ok).toBe(false);
    expect(i386Sysv.planCall(sig(INT, [{ kind: 'pointer', to: s('_Float16') }]), ilp32i386, GCC).ok).toBe(false);
  });

  it('states the callee-saved registers and the stack alignment', () => {
    expect(i386Sysv.contract.calleeSaved.map((r) => `${r.name}/${r.bytes}`)).toEqual(['ebx/4', 'esi/4', 'edi/4', 'ebp/4']);
    expect(i386Sysv.contract.stackAlign).toBe(16);
  });
});

describe('i386-sysv: properties of every plan', () => {
  const CONVENTIONS = ['cdecl', 'stdcall', 'fastcall', 'regparm(1)', 'regparm(2)', 'regparm(3)', 'thiscall', 'sseregparm'];
  const FEATURES = [[], ['mmx'], ['mmx', 'sse'], ['mmx', 'sse', 'sse2'], ['mmx', 'sse', 'sse2', 'avx']];
  const limits = { ...DEFAULT_LIMITS, maxParams: 10, conventions: CONVENTIONS };

  it('covers every byte of every argument once, keeps stack slots apart and within the registers the convention has', () => {
    fc.assert(
      fc.property(signature(ilp32i386, limits), fc.constantFrom(...FEATURES), fc.boolean(), (x, features, useClang) => {
        const r = i386Sysv.planCall(x, ilp32i386, useClang ? clang(features) : opts(features));
        if (!r.ok) return;
        const p = r.plan;
        const all = [...x.params, ...(x.variadic ?? [])].map((q) => q.type);
        expect(p.args).toHaveLength(all.length);
        const used: [number, number][] = [];
        const regs = new Set<string>();
        const claim = (from: number, to: number): void => {
          for (const [a, b] of used) expect(to <= a || from >= b).toBe(true);
          used.push([from, to]);
        };
        const takeRegs = (parts: RegPart[], size: number): number => {
          let at = 0;
          for (const q of parts) {
            expect(q.from).toBe(at);
            at = q.to;
            expect(regs.has(q.reg)).toBe(false);
            regs.add(q.reg);
          }
          expect(at).toBeLessThanOrEqual(size);
          return at;
        };
        if (p.ret.kind === 'sret' && p.ret.pointer.kind === 'stack') claim(p.ret.pointer.offset, p.ret.pointer.offset + 4);
        if (p.ret.kind === 'sret' && p.ret.pointer.kind === 'regs') takeRegs(p.ret.pointer.parts, 4);
        all.forEach((t, k) => {
          const size = layoutOf(t, ilp32i386).size;
          const loc = p.args[k]!;
          if (loc.kind === 'stack') {
            expect(loc.offset % 4).toBe(0);
            expect(loc.size).toBe(size);
            claim(loc.offset, loc.offset + size);
          } else if (loc.kind === 'regs') {
            expect(takeRegs(loc.parts, size)).toBe(size);
          } else if (loc.kind === 'split') {
            const at = takeRegs(loc.parts, size);
            claim(loc.stackOffset, loc.stackOffset + size - at);
          } else if (loc.kind === 'by-ref') {
            expect(x.convention).toBe('thiscall'); // clang's byval pointer in ecx
            expect(loc.pointer.kind === 'regs' && takeRegs(loc.pointer.parts, 4)).toBe(4);
          } else {
            expect(loc.kind).toBe('ignored');
            expect(size).toBe(0);
          }
        });
        for (const [, b] of used) expect(b).toBeLessThanOrEqual(p.stackBytes);
        const cc = x.convention ?? 'cdecl';
        const gprs = [...regs].filter((q) => ['eax', 'edx', 'ecx'].includes(q));
        if (x.variadic || cc === 'cdecl' || cc === 'stdcall') expect(gprs).toEqual([]);
        if (cc === 'fastcall') expect(gprs.every((q) => q === 'ecx' || q === 'edx')).toBe(true);
        if (cc === 'thiscall') expect(gprs.every((q) => q === 'ecx')).toBe(true);
        if (cc === 'sseregparm') expect(gprs).toEqual([]);
        const m = /regparm\((\d)\)/.exec(cc);
        if (m) expect(gprs.length).toBeLessThanOrEqual(Number(m[1]));
        expect([...regs].filter((q) => /^[xyz]mm/.test(q)).length).toBeLessThanOrEqual(3);
        if ((cc === 'stdcall' || cc === 'fastcall' || cc === 'thiscall') && !x.variadic) expect(p.calleePops).toBe(p.stackBytes);
        else expect([0, 4]).toContain(p.calleePops);
      }),
      { numRuns: 400, seed: 386 },
    );
  });
});

// Measured with gcc 12 -m32 -O2 -S (clang rejects every _FloatN).
describe('i386-sysv: TS 18661-3 types (weight float-n) and __float128 (weight float128)', () => {
  it('_Float32 takes a fourbyte slot, _Float64 and _Float32x eight bytes, _Float64x twelve; results come back in st0', () => {
    const p = plan(sig(s('_Float32'), [s('_Float32'), s('_Float64'), s('_Float32x'), s('_Float64x')]));
    expect(args(p)).toEqual([{ stack: 0, size: 4 }, { stack: 4, size: 8 }, { stack: 12, size: 8 }, { stack: 20, size: 12 }]);
    expect(where(p.ret)).toEqual(['st0[0,4)']);
    expect(where(plan(sig(s('_Float64x'), [])).ret)).toEqual(['st0[0,10)']);
  });

  it('__float128 after an int goes 16-aligned at offset 16 (gcc 12, clang-22), 4-aligned at 4 under clang-float128-align4 (clang-16..19); returned in memory', () => {
    expect(args(plan(sig('void', [INT, s('__float128'), INT])))).toEqual([{ stack: 0, size: 4 }, { stack: 16, size: 16 }, { stack: 32, size: 4 }]);
    expect(args(plan(sig('void', [INT, s('_Float128')]), clang()))).toEqual([{ stack: 0, size: 4 }, { stack: 4, size: 16 }]);
    const p = plan(sig(s('__float128'), [INT]));
    expect(where(p.ret)).toEqual({ sret: { stack: 0, size: 4 }, in: 'eax' });
    expect(args(p)).toEqual([{ stack: 4, size: 4 }]);
  });

  it('clang-float128-align4 is clang-16..20 only (fixed in LLVM 21); under regparm the model cannot say', () => {
    const id = I386_DIALECTS.clangFloat128Align4.id;
    expect(i386Sysv.dialectsOf!('clang-19')).toContain(id);
    expect(i386Sysv.dialectsOf!('clang-22')).not.toContain(id);
    expect(i386Sysv.dialectsOf!('i686-linux-gnu-gcc')).not.toContain(id);
    const r = i386Sysv.planCall(sig('void', [INT, s('__float128')], 'regparm(3)'), ilp32i386, GCC);
    expect(r.ok ? 'planned' : r.reason).toMatch(/__float128 under regparm\(3\): not transcribed/);
  });
});
