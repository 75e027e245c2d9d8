// The SysV AMD64 psABI model, case by case. Every location pinned here was read off
// `gcc -O2 -S` (gcc 12.2) and `clang-19 -O2 -S` (19.1.7) for a caller and a callee of the same
// signature; where the two compilers part, the text's answer is pinned without dialects and each
// compiler's answer with its dialects (DIALECTS_OF). No compiler runs here.
import { describe, expect, it } from 'vitest';
import { PLAIN, type AbiOptions } from '../../../src/abi/abi.js';
import type { ArgLocation, CallPlan, ReturnLocation } from '../../../src/abi/location.js';
import { merge } from '../../../src/abi/x86_64-sysv/classify.js';
import { DIALECTS, DIALECTS_OF, x86_64Sysv } from '../../../src/abi/x86_64-sysv/index.js';
import { DEFAULT_LIMITS, generateSignatures } from '../../../generators/index.js';
import { llp64, lp64x86, type DataModel } from '../../../src/model/data-model.js';
import { layoutOf } from '../../../src/model/layout.js';
import type { CType, Field, ScalarName, Signature } from '../../../src/model/types.js';

// ---- building types and signatures ----------------------------------------------------------
const s = (name: ScalarName): CType => ({ kind: 'scalar', name });
const fields = (types: CType[]): Field[] => types.map((type, i) => ({ name: `f${i}`, type }));
const struct = (...types: CType[]): CType => ({ kind: 'struct', name: 'S', packed: false, fields: fields(types) });
const packed = (...types: CType[]): CType => ({ kind: 'struct', name: 'P', packed: true, fields: fields(types) });
const union = (...types: CType[]): CType => ({ kind: 'union', name: 'U', packed: false, fields: fields(types) });
const array = (elem: CType, count: number): CType => ({ kind: 'array', elem, count });
const vec = (elem: ScalarName, bytes: number): CType => ({ kind: 'vector', elem, bytes });
const complex = (base: 'float' | 'double' | 'long double'): CType => ({ kind: 'complex', base });
const empty: CType = { kind: 'struct', name: 'E', packed: false, fields: [] };
const zeroWidthOnly: CType = { kind: 'struct', name: 'Z', packed: false, fields: [{ name: 'z', type: s('int'), bits: 0 }] };
const long = s('long');
const longs = (n: number): CType[] => Array<CType>(n).fill(long);

const sig = (params: CType[], ret: CType | 'void' = 'void', variadic: CType[] | null = null, convention?: string): Signature => ({
  name: 'f', ret, params: params.map((type) => ({ type })), variadic: variadic && variadic.map((type) => ({ type })),
  ...(convention ? { convention } : {}),
});

const opts = (features: string[], dialects: readonly string[] = []): AbiOptions => ({ features: new Set(features), dialects: new Set(dialects) });
const GCC = opts([], DIALECTS_OF.gcc);
const CLANG = opts([], DIALECTS_OF['clang-19']);
const AVX = opts(['avx']);
const AVX512 = opts(['avx', 'avx512f']);
const withFeatures = (o: AbiOptions, features: string[]): AbiOptions => ({ ...o, features: new Set(features) });

function plan(x: Signature, o: AbiOptions = PLAIN, dm: DataModel = lp64x86): CallPlan {
  const r = x86_64Sysv.planCall(x, dm, o);
  if (!r.ok) throw new Error(`unexpected ok:false: ${r.reason}`);
  return r.plan;
}

/** A location in one line: "rdi[0,8) xmm0[8,12)", "stack@16+17", "split xmm0[0,8) stack@16", "sret", "ignored". */
function where(loc: ArgLocation | ReturnLocation): string {
  const parts = (ps: { reg: string; from: number; to: number; extend?: { kind: string; toBytes: number } }[]): string =>
    ps.map((p) => `${p.reg}[${p.from},${p.to})${p.extend ? `${p.extend.kind === 'sign' ? 's' : 'z'}ext${p.extend.toBytes}` : ''}`).join(' ');
  switch (loc.kind) {
    case 'regs': return parts(loc.parts);
    case 'stack': return `stack@${loc.offset}+${loc.size}`;
    case 'split': return `split ${parts(loc.parts)} stack@${loc.stackOffset}`;
    case 'sret': return `sret ${where(loc.pointer)} -> ${loc.returnedIn}`;
    case 'by-ref': return `by-ref ${where(loc.pointer)}`;
    default: return loc.kind;
  }
}
const args = (p: CallPlan): string[] => p.args.map(where);

// ---- the psABI's own examples ---------------------------------------------------------------
describe('the psABI examples', () => {
  const structparm = struct(s('int'), s('int'), s('double'));
  const m256 = vec('float', 32);
  const m512 = vec('float', 64);

  it('3.2.3 "Parameter Passing Example": func(e, f, s, g, h, ld, m, y, z, n, i, j, k) with AVX-512F (gcc and clang agree)', () => {
    const p = plan(sig([s('int'), s('int'), structparm, s('int'), s('int'), s('long double'), s('double'), m256, m512, s('double'), s('int'), s('int'), s('int')]), AVX512);
    expect(args(p)).toEqual([
      'rdi[0,4)', 'rsi[0,4)', 'rdx[0,8) xmm0[8,16)', 'rcx[0,4)', 'r8[0,4)', 'stack@0+16', 'xmm1[0,8)',
      'ymm2[0,32)', 'zmm3[0,64)', 'xmm4[0,8)', 'r9[0,4)', 'stack@16+4', 'stack@24+4',
    ]);
    expect(p.stackBytes).toBe(32);
    expect(p.al).toBeUndefined();
  });

  it('3.5.7 "Parameter Passing Example with Variable-Argument List": named __m256/__m512 in ymm1/zmm2, unnamed ones on the stack, %al = 4', () => {
    // The figure lists %al = 3, but %al must be an upper bound of the vector registers used
    // (xmm0, ymm1, zmm2, xmm3): gcc -mavx512f sets 4 and places everything as pinned here.
    const x = sig([s('int'), s('double'), m256, m512], 'void', [s('int'), s('long double'), m256, m512, s('double')]);
    const p = plan(x, AVX512);
    expect(args(p)).toEqual(['rdi[0,4)', 'xmm0[0,8)', 'ymm1[0,32)', 'zmm2[0,64)', 'rsi[0,4)', 'stack@0+16', 'stack@32+32', 'stack@64+64', 'xmm3[0,8)']);
    expect(p.al).toBe(4);
    // clang-19 (LLVM) puts the named wide vectors of a variadic call on the stack too.
    const c = plan(x, withFeatures(CLANG, ['avx', 'avx512f']));
    expect(args(c)).toEqual(['rdi[0,4)', 'xmm0[0,8)', 'stack@0+32', 'stack@64+64', 'rsi[0,4)', 'stack@128+16', 'stack@160+32', 'stack@192+64', 'xmm1[0,8)']);
    expect(c.al).toBe(2);
  });
});

describe('classification of aggregates (3.2.3)', () => {
  it('struct { float a, b, c; }: SSE, SSE in xmm0 (bytes 0-8) and xmm1 (bytes 8-12), also as the return', () => {
    const f3 = struct(s('float'), s('float'), s('float'));
    const p = plan(sig([f3], f3));
    expect(args(p)).toEqual(['xmm0[0,8) xmm1[8,12)']);
    expect(where(p.ret)).toBe('xmm0[0,8) xmm1[8,12)');
  });

  it('struct { double d; int i; }: SSE, INTEGER', () => {
    const di = struct(s('double'), s('int'));
    const p = plan(sig([di, di], di));
    expect(args(p)).toEqual(['xmm0[0,8) rdi[8,16)', 'xmm1[0,8) rsi[8,16)']);
    expect(where(p.ret)).toBe('xmm0[0,8) rax[8,16)');
  });

  it('a 17-byte struct is MEMORY (rule 5(c)); the registers stay for the next argument', () => {
    const p = plan(sig([struct(array(s('char'), 17)), s('int')]));
    expect(args(p)).toEqual(['stack@0+17', 'rdi[0,4)']);
    expect(p.args[0]!.why).toMatch(/rule 5\(c\)/);
    expect(p.stackBytes).toBe(24);
  });

  it('packed struct { char c; double d; } is MEMORY by the unaligned-field rule (rule 1)', () => {
    const p = plan(sig([packed(s('char'), s('double')), s('double')]));
    expect(args(p)).toEqual(['stack@0+9', 'xmm0[0,8)']);
    expect(p.args[0]!.why).toMatch(/rule 1/);
    // Packed but aligned members are fine: packed { int a; int b; } is INTEGER.
    expect(args(plan(sig([packed(s('int'), s('int'))])))).toEqual(['rdi[0,8)']);
  });

  it('a bit-field straddling an eightbyte is INTEGER in both', () => {
    // packed { float f; char c[3]; unsigned x : 16; float g aligned(4); }: x is bits 56-72, g at 12.
    const t: CType = {
      kind: 'struct', name: 'B', packed: true, fields: [
        { name: 'f', type: s('float') }, { name: 'c', type: array(s('char'), 3) },
        { name: 'x', type: s('unsigned int'), bits: 16 }, { name: 'g', type: s('float'), aligned: 4 },
      ],
    };
    expect(layoutOf(t, lp64x86).size).toBe(16);
    const p = plan(sig([t], t));
    expect(args(p)).toEqual(['rdi[0,8) rsi[8,16)']);
    expect(where(p.ret)).toBe('rax[0,8) rdx[8,16)');
  });

  it('unions merge every member: { __m128; float[4] } is SSE, SSE; { __m128; long } is INTEGER, SSE', () => {
    const uv = union(vec('float', 16), array(s('float'), 4));
    const ul = union(vec('float', 16), long);
    expect(args(plan(sig([uv, uv])))).toEqual(['xmm0[0,8) xmm1[8,16)', 'xmm2[0,8) xmm3[8,16)']);
    const p = plan(sig([ul, ul], ul));
    expect(args(p)).toEqual(['rdi[0,8) xmm0[8,16)', 'rsi[0,8) xmm1[8,16)']);
    expect(where(p.ret)).toBe('rax[0,8) xmm0[8,16)');
  });

  it('a padding eightbyte is NO_CLASS and takes no register', () => {
    const padded: CType = { kind: 'struct', name: 'A', packed: false, fields: [{ name: 'a', type: s('char'), aligned: 16 }] };
    expect(args(plan(sig([...longs(5), padded, long])))).toEqual(['rdi[0,8)', 'rsi[0,8)', 'rdx[0,8)', 'rcx[0,8)', 'r8[0,8)', 'r9[0,8)', 'stack@0+8']);
  });

  it('union { long double; int } is MEMORY (rule 5(b)); struct { long double } is X87, X87UP: memory as an argument, st0 as the return', () => {
    const u = union(s('long double'), s('int'));
    expect(where(plan(sig([], u)).ret)).toBe('sret rdi[0,8) -> rax');
    const ld = struct(s('long double'));
    const p = plan(sig([ld], ld));
    expect(args(p)).toEqual(['stack@0+16']);
    expect(where(p.ret)).toBe('st0[0,10)');
  });

  it('rule 4 merges (a)-(f)', () => {
    expect(merge('NO_CLASS', 'SSE')).toBe('SSE');
    expect(merge('SSE', 'INTEGER')).toBe('INTEGER');
    expect(merge('X87', 'SSE')).toBe('MEMORY');
    expect(merge('X87UP', 'INTEGER')).toBe('INTEGER');
    expect(merge('SSEUP', 'SSE')).toBe('SSE');
    expect(merge('MEMORY', 'NO_CLASS')).toBe('MEMORY');
  });
});

describe('__int128', () => {
  const i128 = s('__int128');

  it('after five longs only r9 is left: the psABI (and gcc) put it wholly on the stack and keep r9 for the next INTEGER', () => {
    const p = plan(sig([...longs(5), i128, long]));
    expect(args(p).slice(5)).toEqual(['stack@0+16', 'r9[0,8)']);
    expect(plan(sig([...longs(5), i128, long]), GCC).args.map(where).slice(5)).toEqual(['stack@0+16', 'r9[0,8)']);
  });

  it('clang-int128-one-gpr: clang-19 takes r9 too, so the next long goes on the stack', () => {
    const p = plan(sig([...longs(5), i128, long]), CLANG);
    expect(args(p).slice(5)).toEqual(['stack@0+16', 'stack@16+8']);
    expect(p.args[5]!.why).toMatch(/clang-int128-one-gpr/);
    // A later struct { double; long } keeps its SSE half in xmm0 and its INTEGER half on the stack.
    const dl = struct(s('double'), long);
    expect(args(plan(sig([...longs(5), i128, dl]), CLANG)).slice(5)).toEqual(['stack@0+16', 'split xmm0[0,8) stack@16']);
    expect(args(plan(sig([...longs(5), i128, dl]))).slice(5)).toEqual(['stack@0+16', 'xmm0[0,8) r9[8,16)']);
    // struct { __int128 } is an aggregate to clang: it follows the text.
    expect(args(plan(sig([...longs(5), struct(i128), long]), CLANG)).slice(5)).toEqual(['stack@0+16', 'r9[0,8)']);
    // Through '...' the same.
    expect(args(plan(sig([long], 'void', [...longs(4), i128, long]), CLANG)).slice(5)).toEqual(['stack@0+16', 'stack@16+8']);
    // A 16-byte union of INTEGER and NO_CLASS travels as LLVM's i64: 8 bytes in the slot, inside the area.
    const u: CType = { kind: 'union', name: 'U', packed: false, aligned: 16, fields: [{ name: 'c', type: s('char') }, { name: 'p', type: { kind: 'pointer', to: s('char') } }] };
    const pu = plan(sig([...longs(5), i128, u]), CLANG);
    expect(args(pu).slice(5)).toEqual(['stack@0+16', 'stack@16+8']);
    expect(pu.stackBytes).toBe(24);
  });

  it('as the seventh integer argument it goes on the stack, 16-aligned', () => {
    const p = plan(sig([...longs(7), i128, long]));
    expect(args(p).slice(6)).toEqual(['stack@0+8', 'stack@16+16', 'stack@32+8']);
    expect(p.stackBytes).toBe(40);
  });

  it('in registers it takes two GPRs and returns in rax:rdx', () => {
    const p = plan(sig([s('int'), i128], i128));
    expect(args(p)).toEqual(['rdi[0,4)', 'rsi[0,8) rdx[8,16)']);
    expect(where(p.ret)).toBe('rax[0,8) rdx[8,16)');
  });
});

describe('x87 and complex types', () => {
  it('long double: memory (16-aligned) as an argument, st0 as the return', () => {
    const p = plan(sig([...longs(7), s('long double')], s('long double')));
    expect(args(p).slice(6)).toEqual(['stack@0+8', 'stack@16+16']);
    expect(where(p.ret)).toBe('st0[0,10)');
  });

  it('_Complex long double: memory as an argument, st0 (real) and st1 (imaginary) as the return', () => {
    const p = plan(sig([s('int'), s('long double'), s('int'), complex('long double')], complex('long double')));
    expect(args(p)).toEqual(['rdi[0,4)', 'stack@0+16', 'rsi[0,4)', 'stack@16+32']);
    expect(where(p.ret)).toBe('st0[0,10) st1[16,26)');
  });

  it('_Complex float is one SSE eightbyte, _Complex double two', () => {
    const p = plan(sig([complex('float'), complex('double')], complex('double')));
    expect(args(p)).toEqual(['xmm0[0,8)', 'xmm1[0,8) xmm2[8,16)']);
    expect(where(p.ret)).toBe('xmm0[0,8) xmm1[8,16)');
    expect(where(plan(sig([], complex('float'))).ret)).toBe('xmm0[0,8)');
  });

  it('clang-win64-x87-return-memory: on x86_64-windows clang returns x87 values in memory (sysv_abi)', () => {
    const x = sig([s('long double')], s('long double'), null, 'sysv_abi');
    expect(where(plan(x, GCC, llp64).ret)).toBe('st0[0,10)');
    expect(where(plan(x, CLANG, llp64).ret)).toBe('sret rdi[0,8) -> rax');
    expect(where(plan(sig([], complex('long double'), null, 'sysv_abi'), CLANG, llp64).ret)).toBe('sret rdi[0,8) -> rax');
    // Only a Windows (LLP64) quirk: on x86_64-linux clang uses st0.
    expect(where(plan(sig([], s('long double')), CLANG).ret)).toBe('st0[0,10)');
  });
});

describe('vectors', () => {
  it('4-byte vectors are not in the psABI: ok:false without a dialect', () => {
    const r = x86_64Sysv.planCall(sig([vec('char', 4)]), lp64x86, PLAIN);
    expect(r.ok).toBe(false);
  });

  it('4-byte vectors: integers are INTEGER (both); float is MEMORY with gcc, _Float16 SSE with gcc; clang: INTEGER', () => {
    const v = [vec('char', 4), vec('short', 4), vec('int', 4)];
    expect(args(plan(sig(v), GCC))).toEqual(['rdi[0,4)', 'rsi[0,4)', 'rdx[0,4)']);
    expect(args(plan(sig(v), CLANG))).toEqual(['rdi[0,4)', 'rsi[0,4)', 'rdx[0,4)']);
    const f = sig([vec('float', 4), vec('_Float16', 4)], vec('float', 4));
    const g = plan(f, GCC);
    expect(args(g)).toEqual(['stack@0+4', 'xmm0[0,4)']);
    expect(where(g.ret)).toBe('sret rdi[0,8) -> rax');
    const c = plan(f, CLANG);
    expect(args(c)).toEqual(['rdi[0,4)', 'rsi[0,4)']);
    expect(where(c.ret)).toBe('rax[0,4)');
    expect(x86_64Sysv.planCall(f, lp64x86, opts([], ['vector4-integer'])).ok).toBe(false);
  });

  it('8-byte vectors are SSE like __m64; vector_size(8) double is MEMORY with both (v1df-memory), clang returns it in xmm0', () => {
    expect(args(plan(sig([vec('int', 8), vec('long', 8), vec('float', 8)]), GCC))).toEqual(['xmm0[0,8)', 'xmm1[0,8)', 'xmm2[0,8)']);
    const d = sig([vec('double', 8), vec('double', 8)], vec('double', 8));
    expect(args(plan(d))).toEqual(['xmm0[0,8)', 'xmm1[0,8)']);
    const g = plan(d, GCC);
    expect(args(g)).toEqual(['stack@0+8', 'stack@8+8']);
    expect(where(g.ret)).toBe('sret rdi[0,8) -> rax');
    const c = plan(d, CLANG);
    expect(args(c)).toEqual(['stack@0+8', 'stack@8+8']);
    expect(where(c.ret)).toBe('xmm0[0,8)');
    // Inside a struct both pass and return it in memory.
    expect(where(plan(sig([], struct(vec('double', 8))), CLANG).ret)).toBe('sret rdi[0,8) -> rax');
  });

  it('16-byte vectors: SSE, SSEUP in one xmm register', () => {
    const p = plan(sig([vec('char', 16), vec('double', 16)], vec('_Float16', 16)));
    expect(args(p)).toEqual(['xmm0[0,16)', 'xmm1[0,16)']);
    expect(where(p.ret)).toBe('xmm0[0,16)');
  });

  it('32-byte vectors: ymm with AVX; without it MEMORY (32-aligned), returned in memory (gcc) or in xmm0:xmm1 (clang)', () => {
    const v = vec('float', 32);
    const x = sig([...longs(7), v, long], v);
    expect(args(plan(x, AVX)).slice(6)).toEqual(['stack@0+8', 'ymm0[0,32)', 'stack@8+8']);
    expect(where(plan(x, AVX).ret)).toBe('ymm0[0,32)');
    const g = plan(x, GCC); // the hidden pointer takes rdi: two longs on the stack before the vector
    expect(args(g).slice(5)).toEqual(['stack@0+8', 'stack@8+8', 'stack@32+32', 'stack@64+8']);
    expect(where(g.ret)).toBe('sret rdi[0,8) -> rax');
    const c = plan(x, CLANG);
    expect(args(c).slice(5)).toEqual(['r9[0,8)', 'stack@0+8', 'stack@32+32', 'stack@64+8']);
    expect(where(c.ret)).toBe('xmm0[0,16) xmm1[16,32)');
  });

  it('64-byte vectors: zmm with AVX-512F; otherwise MEMORY (64-aligned); clang returns them in xmm0-3 or ymm0-1', () => {
    const v = vec('double', 64);
    const x = sig([long, v], v);
    expect(args(plan(x, AVX512))).toEqual(['rdi[0,8)', 'zmm0[0,64)']);
    expect(where(plan(x, AVX512).ret)).toBe('zmm0[0,64)');
    expect(args(plan(x, AVX))).toEqual(['rsi[0,8)', 'stack@0+64']);
    expect(where(plan(x, withFeatures(CLANG, [])).ret)).toBe('xmm0[0,16) xmm1[16,32) xmm2[32,48) xmm3[48,64)');
    expect(where(plan(x, withFeatures(CLANG, ['avx'])).ret)).toBe('ymm0[0,32) ymm1[32,64)');
    expect(args(plan(sig([...longs(7), v]), AVX))[7]).toBe('stack@64+64');
  });

  it('a 32-byte vector inside a struct: ymm with AVX, memory without (arguments and returns, gcc and clang)', () => {
    const sv = struct(vec('float', 32));
    expect(args(plan(sig([sv], sv), AVX))).toEqual(['ymm0[0,32)']);
    expect(where(plan(sig([sv], sv), AVX).ret)).toBe('ymm0[0,32)');
    const c = plan(sig([sv], sv), CLANG);
    expect(args(c)).toEqual(['stack@0+32']);
    expect(where(c.ret)).toBe('sret rdi[0,8) -> rax');
  });

  it('clang-wide-struct-one-member and clang-wide-union-array-ignored', () => {
    const v = vec('float', 32);
    const withZero = struct(v, array(s('char'), 0));
    expect(args(plan(sig([withZero]), AVX))).toEqual(['ymm0[0,32)']);
    expect(args(plan(sig([withZero]), withFeatures(GCC, ['avx'])))).toEqual(['ymm0[0,32)']);
    expect(args(plan(sig([withZero]), withFeatures(CLANG, ['avx'])))).toEqual(['stack@0+32']);
    const withArray = union(v, array(s('float'), 8));
    expect(args(plan(sig([withArray]), AVX))).toEqual(['stack@0+32']);
    expect(args(plan(sig([withArray]), withFeatures(GCC, ['avx'])))).toEqual(['stack@0+32']);
    expect(args(plan(sig([withArray]), withFeatures(CLANG, ['avx'])))).toEqual(['ymm0[0,32)']);
  });

  it('clang-wide-two-eightbytes: a union of an __m128 padded past 16 bytes goes whole in ymm0/zmm0 with clang, in memory by the text and gcc', () => {
    const padded: CType = { kind: 'union', name: 'UA', packed: false, aligned: 32, fields: fields([vec('float', 16)]) };
    const x = sig([padded], padded);
    expect(args(plan(x, withFeatures(GCC, ['avx'])))).toEqual(['stack@0+32']);
    const c = plan(x, withFeatures(CLANG, ['avx']));
    expect(args(c)).toEqual(['ymm0[0,32)']);
    expect(where(c.ret)).toBe('ymm0[0,32)');
    expect(args(plan(x, CLANG))).toEqual(['stack@0+32']); // no AVX: wider than xmm
    // With the array clang ignores: union { __m128; char c[48]; } is 48 bytes, in zmm0 with AVX-512F.
    const u48 = union(vec('float', 16), array(s('char'), 48));
    expect(args(plan(sig([u48]), withFeatures(CLANG, ['avx', 'avx512f'])))).toEqual(['zmm0[0,48)']);
    expect(args(plan(sig([u48]), withFeatures(CLANG, ['avx'])))).toEqual(['stack@0+48']);
  });

  it('through ... a 32-byte vector (or a struct of one) goes on the stack even with AVX', () => {
    const sv = struct(vec('float', 32));
    const p = plan(sig([s('int')], 'void', [sv, s('double')]), AVX);
    expect(args(p)).toEqual(['rdi[0,4)', 'stack@0+32', 'xmm0[0,8)']);
    expect(p.al).toBe(1);
  });
});

describe('_Float16, empty structs, zero-width bit-fields', () => {
  it('_Float16 is SSE; struct { _Float16 h; float f; } is one SSE eightbyte', () => {
    const hf = struct(s('_Float16'), s('float'));
    const p = plan(sig([s('_Float16'), hf], hf));
    expect(args(p)).toEqual(['xmm0[0,2)', 'xmm1[0,8)']);
    expect(where(p.ret)).toBe('xmm0[0,8)');
  });

  it('empty structs are NO_CLASS: ignored among other arguments, through ... and as the return', () => {
    const p = plan(sig([s('int'), empty, s('int'), zeroWidthOnly, s('double'), empty], empty));
    expect(args(p)).toEqual(['rdi[0,4)', 'ignored', 'rsi[0,4)', 'ignored', 'xmm0[0,8)', 'ignored']);
    expect(p.ret.kind).toBe('ignored');
    expect(args(plan(sig([...longs(6), empty, long])))[7]).toBe('stack@0+8');
    const v = plan(sig([s('int')], 'void', [empty, s('int'), zeroWidthOnly, s('double'), empty, s('int')]));
    expect(args(v)).toEqual(['rdi[0,4)', 'ignored', 'rsi[0,4)', 'ignored', 'xmm0[0,8)', 'ignored', 'rdx[0,4)']);
    expect(v.al).toBe(1);
  });

  it('union { int :0; float f; }: SSE by the text (and clang); GCC makes it INTEGER', () => {
    const u: CType = { kind: 'union', name: 'U', packed: false, fields: [{ name: 'z', type: s('int'), bits: 0 }, { name: 'f', type: s('float') }] };
    expect(args(plan(sig([u], u)))).toEqual(['xmm0[0,4)']);
    expect(args(plan(sig([u], u), CLANG))).toEqual(['xmm0[0,4)']);
    const g = plan(sig([u], u), GCC);
    expect(args(g)).toEqual(['rdi[0,4)']);
    expect(where(g.ret)).toBe('rax[0,4)');
  });

  it('a zero-width bit-field in a struct is ignored by all: struct { float a; int :0; float b; } is SSE', () => {
    const t: CType = { kind: 'struct', name: 'S', packed: false, fields: [{ name: 'a', type: s('float') }, { name: 'z', type: s('int'), bits: 0 }, { name: 'b', type: s('float') }] };
    expect(args(plan(sig([t]), GCC))).toEqual(['xmm0[0,8)']);
  });

  it('gcc-zero-length-array-element: struct { float a; int z[0]; } is INTEGER with gcc, SSE by the text and clang', () => {
    const t = struct(s('float'), array(s('int'), 0));
    expect(args(plan(sig([t])))).toEqual(['xmm0[0,4)']);
    expect(args(plan(sig([t]), CLANG))).toEqual(['xmm0[0,4)']);
    expect(args(plan(sig([t]), GCC))).toEqual(['rdi[0,4)']);
  });
});

describe('unaligned fields (rule 1)', () => {
  const a8: CType = { kind: 'struct', name: 'A8', packed: false, aligned: 8, fields: [{ name: 'a', type: s('int') }] };

  it('packed { int i; struct { int a; } aligned(8) y; }: MEMORY by the text and clang, registers with gcc (gcc-unaligned-leaves-only)', () => {
    const t = packed(s('int'), a8);
    expect(args(plan(sig([t, s('int')])))).toEqual(['stack@0+12', 'rdi[0,4)']);
    expect(args(plan(sig([t, s('int')]), CLANG))).toEqual(['stack@0+12', 'rdi[0,4)']);
    expect(args(plan(sig([t, s('int')]), GCC))).toEqual(['rdi[0,8)', 'rsi[0,4)']); // bytes 8-12 are A8's padding
  });

  it('a misaligned zero-length array makes it MEMORY for both (packed { char c; long z[0]; char d; })', () => {
    const t = packed(s('char'), array(long, 0), s('char'));
    expect(args(plan(sig([t]), GCC))).toEqual(['stack@0+2']);
    expect(args(plan(sig([t]), CLANG))).toEqual(['stack@0+2']);
  });
});

describe('registers, stack and %al', () => {
  it('variadic f(int, ...) with two doubles and struct { float a, b; }: %al = 3 vector registers', () => {
    const ff = struct(s('float'), s('float'));
    const p = plan(sig([s('int')], 'void', [s('double'), s('double'), ff]));
    expect(args(p)).toEqual(['rdi[0,4)', 'xmm0[0,8)', 'xmm1[0,8)', 'xmm2[0,8)']);
    expect(p.al).toBe(3);
  });

  it('a struct with aligned(32) in memory gets a 32-aligned slot (gcc and clang)', () => {
    const a32: CType = { kind: 'struct', name: 'A32', packed: false, aligned: 32, fields: [{ name: 'x', type: s('int') }] };
    const p = plan(sig([...longs(7), a32, long]));
    expect(args(p).slice(6)).toEqual(['stack@0+8', 'stack@32+32', 'stack@64+8']);
    expect(p.stackBytes).toBe(72);
    // Through '...' too: gcc's and clang's va_arg align the overflow area to 32 as well.
    expect(args(plan(sig([s('int')], 'void', [...longs(6), a32, long]))).slice(6)).toEqual(['stack@0+8', 'stack@32+32', 'stack@64+8']);
  });

  it('16-byte returns mix rax/rdx and xmm0/xmm1 by eightbyte class', () => {
    expect(where(plan(sig([], struct(long, s('double')))).ret)).toBe('rax[0,8) xmm0[8,16)');
    expect(where(plan(sig([], struct(s('double'), long))).ret)).toBe('xmm0[0,8) rax[8,16)');
    expect(where(plan(sig([], struct(long, long))).ret)).toBe('rax[0,8) rdx[8,16)');
  });

  it('a 24-byte return goes through memory: address in rdi (returned in rax), the arguments shift by one GPR', () => {
    const d3 = struct(s('double'), s('double'), s('double'));
    const p = plan(sig(longs(6), d3));
    expect(where(p.ret)).toBe('sret rdi[0,8) -> rax');
    expect(args(p)).toEqual(['rsi[0,8)', 'rdx[0,8)', 'rcx[0,8)', 'r8[0,8)', 'r9[0,8)', 'stack@0+8']);
  });

  it('clang-small-int-extend: char, short and _Bool arguments extended to 32 bits', () => {
    const x = sig([s('signed char'), s('unsigned short'), s('_Bool'), s('char'), s('int')]);
    expect(args(plan(x))).toEqual(['rdi[0,1)', 'rsi[0,2)', 'rdx[0,1)', 'rcx[0,1)', 'r8[0,4)']);
    expect(args(plan(x, CLANG))).toEqual(['rdi[0,1)sext4', 'rsi[0,2)zext4', 'rdx[0,1)zext4', 'rcx[0,1)sext4', 'r8[0,4)']);
  });

  it('sysv_abi on x86_64-windows uses the LLP64 sizes (long is 4 bytes); other conventions are not this ABI', () => {
    expect(args(plan(sig([long, s('long long')], 'void', null, 'sysv_abi'), PLAIN, llp64))).toEqual(['rdi[0,4)', 'rsi[0,8)']);
    const r = x86_64Sysv.planCall(sig([long], 'void', null, 'ms_abi'), lp64x86, PLAIN);
    expect(r.ok).toBe(false);
  });

  it('states the callee-saved registers and the stack alignment', () => {
    expect(x86_64Sysv.contract.calleeSaved.map((r) => `${r.name}:${r.bytes}`)).toEqual(['rbx:8', 'rbp:8', 'r12:8', 'r13:8', 'r14:8', 'r15:8']);
    expect(x86_64Sysv.contract.stackAlign).toBe(16);
  });

  it('every dialect a compiler speaks is defined', () => {
    const ids = new Set(DIALECTS.map((d) => d.id));
    for (const list of Object.values(DIALECTS_OF)) for (const id of list) expect(ids.has(id)).toBe(true);
  });
});

// ---- properties over generated signatures ----------------------------------------------------
describe('plans of generated signatures', () => {
  const settings: [string, AbiOptions][] = [
    ['plain', PLAIN], ['gcc', GCC], ['clang', CLANG], ['gcc avx512f', withFeatures(GCC, ['avx', 'avx512f'])], ['clang avx', withFeatures(CLANG, ['avx'])],
  ];

  it.each(settings)('%s: registers used once each, within the ABI\'s, parts inside the value, stack slots aligned and disjoint', (_, o) => {
    const sigs = generateSignatures(lp64x86, DEFAULT_LIMITS, 7, 0, 300);
    let planned = 0;
    for (const x of sigs) {
      const r = x86_64Sysv.planCall(x, lp64x86, o);
      if (!r.ok) continue;
      planned++;
      const types = [...x.params, ...(x.variadic ?? [])].map((p) => p.type);
      const seen = new Set<string>();
      const slots: [number, number][] = [];
      r.plan.args.forEach((loc, i) => {
        const { size, align } = layoutOf(types[i]!, lp64x86);
        const regs = loc.kind === 'regs' || loc.kind === 'split' ? loc.parts : [];
        let last = 0;
        for (const p of regs) {
          expect(/^(rdi|rsi|rdx|rcx|r8|r9|[xyz]mm[0-7])$/.test(p.reg)).toBe(true);
          const id = p.reg.replace(/^[xyz]mm/, 'v');
          expect(seen.has(id)).toBe(false);
          seen.add(id);
          expect(p.from).toBeGreaterThanOrEqual(last);
          expect(p.to).toBeLessThanOrEqual(size);
          last = p.to;
        }
        if (loc.kind === 'stack' || loc.kind === 'split') {
          const at = loc.kind === 'stack' ? loc.offset : loc.stackOffset;
          if (loc.kind === 'stack') expect(at % Math.max(8, align)).toBe(0);
          slots.push([at, at + (loc.kind === 'stack' ? loc.size : size - last)]);
        }
      });
      slots.sort((a, b) => a[0] - b[0]);
      for (let k = 1; k < slots.length; k++) expect(slots[k]![0]).toBeGreaterThanOrEqual(slots[k - 1]![1]);
      if (r.plan.al !== undefined) expect(r.plan.al).toBeLessThanOrEqual(8);
    }
    expect(planned).toBeGreaterThan(o === PLAIN ? 200 : 290);
  });
});

describe('types drawn by weight: __bf16, wide enums, enum bit-fields, integer _Complex', () => {
  it('__bf16 is SSE like _Float16; a wide enum is one INTEGER eightbyte; an enum bit-field is INTEGER', () => {
    const wide: CType = { kind: 'enum', name: 'e', values: [-1, 2 ** 40] };
    const withBits: CType = { kind: 'struct', name: 'B', packed: false, fields: [{ name: 'b', type: { kind: 'enum', name: 'e2', values: [1, 2] }, bits: 5 }, { name: 'f', type: s('float') }] };
    expect(args(plan(sig([s('__bf16'), struct(s('__bf16'), s('__bf16')), wide, withBits])))).toEqual(['xmm0[0,2)', 'xmm1[0,4)', 'rdi[0,8)', 'rsi[0,8)']);
  });

  it('integer _Complex: the text cannot say; gcc and clang pass it as struct { T real; T imag; }', () => {
    const ci: CType = { kind: 'complex', base: 'int' };
    const cll: CType = { kind: 'complex', base: 'unsigned long long' };
    const r = x86_64Sysv.planCall(sig([ci]), lp64x86, PLAIN);
    expect(r.ok ? 'planned' : r.reason).toMatch(/integer _Complex is a GNU extension/);
    for (const o of [GCC, CLANG]) {
      const p = plan(sig([ci, cll], ci), o);
      expect(args(p)).toEqual(['rdi[0,8)', 'rsi[0,8) rdx[8,16)']);
      expect(where(p.ret)).toBe('rax[0,8)');
    }
  });
});

describe('_BitInt(N) (drawn by weight)', () => {
  const bi = (bits: number, unsigned = false): CType => ({ kind: 'bitint', bits, unsigned });

  it('up to 64 bits one INTEGER eightbyte, up to 128 two, wider MEMORY (measured with clang 16, 19 and 22)', () => {
    const p = plan(sig([bi(7), bi(64, true), bi(128), bi(129)], bi(100)));
    expect(args(p)).toEqual(['rdi[0,1)', 'rsi[0,8)', 'rdx[0,8) rcx[8,16)', 'stack@0+24']);
    expect(where(p.ret)).toBe('rax[0,8) rdx[8,16)');
    expect(where(plan(sig([], bi(200))).ret)).toMatch(/^sret rdi/);
    expect(args(plan(sig([struct(bi(100))])))).toEqual(['rdi[0,8) rsi[8,16)']);
  });

  it('a two-chunk _BitInt with only r9 left goes wholly on the stack, and r9 takes the next argument', () => {
    expect(args(plan(sig([...longs(5), bi(100), long])))).toEqual(['rdi[0,8)', 'rsi[0,8)', 'rdx[0,8)', 'rcx[0,8)', 'r8[0,8)', 'stack@0+16', 'r9[0,8)']);
  });

  it('clang extends _BitInt(N < 32) in a register to 32 bits from bit N, as it does char and short; the text does not', () => {
    expect(args(plan(sig([bi(7), bi(29, true), bi(32), bi(40, true)]), CLANG))).toEqual(['rdi[0,1)sext4', 'rsi[0,4)zext4', 'rdx[0,4)', 'rcx[0,8)']);
    expect(plan(sig([bi(29, true)]), CLANG).args[0]).toMatchObject({ parts: [{ extend: { fromBit: 29 } }] });
    expect(args(plan(sig([bi(7), bi(29, true)])))).toEqual(['rdi[0,1)', 'rsi[0,4)']);
  });
});

// Measured with gcc 12 and clang-19 -O2 -S (clang: __float128 only; it rejects every _FloatN).
describe('TS 18661-3 types and binary128 (weights float-n, float128)', () => {
  it('_Float32, _Float64, _Float32x are SSE like float and double: xmm0, xmm1, xmm2; _Float32 comes back in xmm0', () => {
    expect(args(plan(sig([s('_Float32'), s('_Float64'), s('_Float32x')])))).toEqual(['xmm0[0,4)', 'xmm1[0,8)', 'xmm2[0,8)']);
    expect(where(plan(sig([], s('_Float32'))).ret)).toBe('xmm0[0,4)');
  });

  it('_Float64x is long double (X87, X87UP): in memory as an argument, in st0 as the result', () => {
    const p = plan(sig([s('int'), s('_Float64x')], s('_Float64x')));
    expect(args(p)).toEqual(['rdi[0,4)', 'stack@0+16']);
    expect(where(p.ret)).toMatch(/^st0/);
  });

  it('__float128 and _Float128 are SSE + SSEUP: one xmm register each, the ninth on the stack 16 bytes; returned in xmm0 (both)', () => {
    const q = s('__float128');
    const p = plan(sig([q, q, q, q, q, q, q, q, s('_Float128')], q));
    expect(args(p).slice(7)).toEqual(['xmm7[0,16)', 'stack@0+16']);
    expect(where(p.ret)).toBe('xmm0[0,16)');
    expect(where(plan(sig([], struct(q))).ret)).toBe('xmm0[0,16)');
    expect(args(plan(sig([struct(s('double'), q)])))).toEqual(['stack@0+32']); // 32 bytes: MEMORY
  });
});

describe('flexible array members (the psABI has no word on them: only the compilers\' dialects plan them)', () => {
  const fam = (elem: CType, ...types: CType[]): CType => ({
    kind: 'struct', name: 'F', packed: false, fields: [...fields(types), { name: 't', type: { kind: 'array', elem, count: 0, flexible: true } }],
  });
  it('without a dialect the model cannot say', () => {
    const r = x86_64Sysv.planCall(sig([fam(s('double'), s('double'), s('double'))]), lp64x86, PLAIN);
    expect(r.ok ? '' : r.reason).toMatch(/flexible array member/);
  });
  it('gcc ignores the member: struct { double a, b; double t[]; } in xmm0, xmm1, and back in them (gcc 12 -O2 -S)', () => {
    const t = fam(s('double'), s('double'), s('double'));
    const p = plan(sig([t], t), GCC);
    expect(args(p)).toEqual(['xmm0[0,8) xmm1[8,16)']);
    expect(where(p.ret)).toBe('xmm0[0,8) xmm1[8,16)');
  });
  it('clang makes it MEMORY, argument and return: struct { int a; char t[]; } on the stack (clang 19 -O2 -S)', () => {
    const t = fam(s('char'), s('int'));
    const p = plan(sig([t], t), CLANG);
    expect(args(p)).toEqual(['stack@0+4']);
    expect(where(p.ret)).toMatch(/^sret/);
  });
});
