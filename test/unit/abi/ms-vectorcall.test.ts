// The __vectorcall model, case by case. Every location pinned here was read off clang-19 for
// x86_64-w64-mingw32 and x86_64-pc-windows-msvc (-O2 -S, callers and callees; the two agree on all
// of it), the six examples of docs/cpp/vectorcall.md included; gcc ignores the attribute.
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, generateSignatures } from '../../../generators/index.js';
import { PLAIN, type AbiOptions } from '../../../src/abi/abi.js';
import type { ArgLocation, CallPlan, ReturnLocation } from '../../../src/abi/location.js';
import { msVectorcall } from '../../../src/abi/ms-vectorcall.js';
import { msX64 } from '../../../src/abi/ms-x64.js';
import { llp64 } from '../../../src/model/data-model.js';
import { layoutOf } from '../../../src/model/layout.js';
import type { CType, Field, ScalarName, Signature } from '../../../src/model/types.js';

const s = (name: ScalarName): CType => ({ kind: 'scalar', name });
const fields = (types: CType[]): Field[] => types.map((type, i) => ({ name: `f${i}`, type }));
const st = (...types: CType[]): CType => ({ kind: 'struct', name: 's', packed: false, fields: fields(types) });
const arr = (elem: CType, count: number): CType => ({ kind: 'array', elem, count });
const vec = (elem: ScalarName, bytes: number): CType => ({ kind: 'vector', elem, bytes });
const m128 = vec('float', 16);
const m256 = vec('float', 32);
const m512 = vec('float', 64);
const hva2 = st(arr(m128, 2)); // the document's `typedef struct { __m128 array[2]; } hva2;`
const hva4 = st(arr(m256, 4)); // and `typedef struct { __m256 array[4]; } hva4;`
const hfa4 = st(s('float'), s('float'), s('float'), s('float'));
const h2 = st(s('float'), s('float'));

const fn = (ret: CType | 'void', params: CType[], convention: string | undefined = 'vectorcall'): Signature => ({
  name: 'f', ret, params: params.map((type) => ({ type })), variadic: null, ...(convention ? { convention } : {}),
});
const opts = (dialects: string[] = [], features: string[] = []): AbiOptions => ({ dialects: new Set(dialects), features: new Set(features) });
const AVX = opts([], ['avx']);
const CLANG_DIALECTS = [
  'vectorcall-fp-stack-by-value', 'clang-vectorcall-late-hva-no-slot', 'clang-vectorcall-vector1-as-scalar', 'clang-vectorcall-hva-count',
  'clang-vectorcall-gnu-members', 'int128-return-xmm0',
];
const CLANG = opts(CLANG_DIALECTS);

function plan(sig: Signature, o: AbiOptions = PLAIN): CallPlan {
  const r = msVectorcall.planCall(sig, llp64, o);
  if (!r.ok) throw new Error(r.reason);
  return r.plan;
}

/** A location in short: "xmm0:0-4 xmm3:4-8" (registers and the bytes they hold), "&rdx", "&@48" (pointer on the stack), "@48:8". */
function where(loc: ArgLocation | ReturnLocation): string {
  switch (loc.kind) {
    case 'regs':
      return loc.parts.map((p) => `${p.reg}:${p.from}-${p.to}`).join(' ');
    case 'stack':
      return `@${loc.offset}:${loc.size}`;
    case 'by-ref':
      return `&${where(loc.pointer).replace(/:0-8$/, '').replace(/:8$/, '')}`;
    case 'sret':
      return `sret(${where(loc.pointer).replace(':0-8', '')})>${loc.returnedIn}`;
    default:
      return loc.kind;
  }
}
const args = (sig: Signature, o?: AbiOptions): string[] => plan(sig, o).args.map(where);
const arg = (t: CType, o?: AbiOptions): string => args(fn('void', [s('int'), t, s('int')]), o)[1]!;
const ret = (t: CType, o?: AbiOptions): string => where(plan(fn(t, [s('int'), t]), o).ret);

describe('vectorcall: the brief and the examples of the document', () => {
  it('(int, __m128, double, HVA of 4 floats): rcx, xmm1, xmm2, then the HVA in the unused xmm0, xmm3, xmm4, xmm5', () => {
    expect(args(fn('void', [s('int'), m128, s('double'), hfa4]))).toEqual([
      'rcx:0-4', 'xmm1:0-16', 'xmm2:0-8', 'xmm0:0-4 xmm3:4-8 xmm4:8-12 xmm5:12-16',
    ]);
  });

  it('example 1, all vectors: a in XMM0, b in XMM1, c in YMM2, d in XMM3, e in YMM4; the result in XMM0', () => {
    const p = plan(fn(m128, [m128, m128, m256, m128, m256]), AVX);
    expect(p.args.map(where)).toEqual(['xmm0:0-16', 'xmm1:0-16', 'ymm2:0-32', 'xmm3:0-16', 'ymm4:0-32']);
    expect(where(p.ret)).toBe('xmm0:0-16');
  });

  it('example 2, mixed: a in RCX, b in XMM1, c in R8, d in XMM3, e in YMM4, f in XMM5, g on the stack; the result in YMM0', () => {
    const p = plan(fn(m256, [s('int'), m128, s('int'), m128, m256, s('float'), s('int')]), AVX);
    expect(p.args.map(where)).toEqual(['rcx:0-4', 'xmm1:0-16', 'r8:0-4', 'xmm3:0-16', 'ymm4:0-32', 'xmm5:0-4', '@48:4']);
    expect(where(p.ret)).toBe('ymm0:0-32');
    expect(p.stackBytes).toBe(56);
  });

  it('example 3, int and HVA: a in RCX, b in [XMM0:XMM1], c in R8, d in R9, e on the stack', () => {
    const p = plan(fn(m128, [s('int'), hva2, s('int'), s('int'), s('int')]));
    expect(p.args.map(where)).toEqual(['rcx:0-4', 'xmm0:0-16 xmm1:16-32', 'r8:0-4', 'r9:0-4', '@32:4']);
  });

  it('example 4, discontiguous HVA: a in RCX, b in XMM1, c in [YMM0, YMM2, YMM4, YMM5], d in XMM3, e on the stack', () => {
    const p = plan(fn(s('float'), [s('int'), s('float'), hva4, m128, s('int')]), AVX);
    expect(p.args.map(where)).toEqual(['rcx:0-4', 'xmm1:0-4', 'ymm0:0-32 ymm2:32-64 ymm4:64-96 ymm5:96-128', 'xmm3:0-16', '@32:4']);
    expect(where(p.ret)).toBe('xmm0:0-4');
  });

  it('example 5, two HVAs: a in RCX, b in [XMM0:XMM1], c in R8, d in [YMM2:YMM5], e on the stack; the result in RAX', () => {
    const p = plan(fn(s('int'), [s('int'), hva2, s('int'), hva4, s('int')]), AVX);
    expect(p.args.map(where)).toEqual(['rcx:0-4', 'xmm0:0-16 xmm1:16-32', 'r8:0-4', 'ymm2:0-32 ymm3:32-64 ymm4:64-96 ymm5:96-128', '@32:4']);
    expect(where(p.ret)).toBe('rax:0-4');
  });

  it('example 6, an HVA by reference: a in [XMM0:XMM1], b by reference in RDX, c in YMM2, d in [XMM3:XMM4]; the result in [YMM0:YMM3]', () => {
    const p = plan(fn(hva4, [hva2, hva4, m256, hva2]), AVX);
    expect(p.args.map(where)).toEqual(['xmm0:0-16 xmm1:16-32', '&rdx', 'ymm2:0-32', 'xmm3:0-16 xmm4:16-32']);
    expect(p.args[1]).toMatchObject({ kind: 'by-ref', copy: 'caller' });
    expect(where(p.ret)).toBe('ymm0:0-32 ymm1:32-64 ymm2:64-96 ymm3:96-128');
  });
});

describe('vectorcall: positions', () => {
  it('floating-point arguments take XMM0-XMM5 by position, integers RCX-R9 then the stack; every argument keeps its slot', () => {
    const d = s('double');
    const p = plan(fn('void', [d, s('int'), d, s('int'), d, d, s('int')]));
    expect(p.args.map(where)).toEqual(['xmm0:0-8', 'rdx:0-4', 'xmm2:0-8', 'r9:0-4', 'xmm4:0-8', 'xmm5:0-8', '@48:4']);
  });

  it('vector types from the seventh position on: by reference (the text), float and double by value (MSVC, clang)', () => {
    const ints = [s('int'), s('int'), s('int'), s('int'), s('int'), s('int')];
    expect(args(fn('void', [...ints, s('float'), s('double'), m128])).slice(6)).toEqual(['&@48', '&@56', '&@64']);
    expect(args(fn('void', [...ints, s('float'), s('double'), s('_Float16'), m128]), CLANG).slice(6)).toEqual(['@48:4', '@56:8', '@64:2', '&@72']);
    // The same with eight doubles (clang: g at 56(%rsp), h at 64(%rsp) in the callee).
    const d = s('double');
    expect(args(fn('void', [d, d, d, d, d, d, d, d]), CLANG).slice(4)).toEqual(['xmm4:0-8', 'xmm5:0-8', '@48:8', '@56:8']);
  });

  it('an HVA may take registers in any position; from the seventh on, clang gives it no stack slot', () => {
    const ints = Array.from({ length: 7 }, () => s('int'));
    const sig = fn('void', [...ints, h2, s('int')]);
    expect(args(sig).slice(6)).toEqual(['@48:4', 'xmm0:0-4 xmm1:4-8', '@64:4']);
    expect(args(sig, CLANG).slice(6)).toEqual(['@48:4', 'xmm0:0-4 xmm1:4-8', '@56:4']);
    expect(plan(sig, CLANG).stackBytes).toBe(64);
    // In the fifth and sixth positions it keeps its slot in clang too.
    expect(args(fn('void', [s('int'), s('int'), s('int'), s('int'), s('int'), h2, s('int')]), CLANG).slice(5)).toEqual(['xmm0:0-4 xmm1:4-8', '@48:4']);
    expect(args(fn('void', [s('int'), s('int'), s('int'), s('int'), h2, s('int')]), CLANG).slice(4)).toEqual(['xmm0:0-4 xmm1:4-8', '@40:4']);
  });

  it('an HVA that finds too few unused registers goes by reference in its slot, in a register or on the stack', () => {
    const d = s('double');
    const h3 = st(d, d, d);
    expect(args(fn('void', [d, d, d, d, d, s('int'), s('int'), h2, h3, s('int')]), CLANG).slice(5)).toEqual(['@40:4', '@48:4', '&@56', '&@64', '@72:4']);
    // Both HVAs of three doubles fit: six registers.
    expect(args(fn('void', [h3, h3, s('int'), h2, s('int')]))).toEqual([
      'xmm0:0-8 xmm1:8-16 xmm2:16-24', 'xmm3:0-8 xmm4:8-16 xmm5:16-24', 'r8:0-4', '&r9', '@32:4',
    ]);
  });

  it('a hidden result pointer takes the first position; xmm0 stays free for an HVA', () => {
    const big = st(s('long long'), s('long long'), s('long long'));
    const p = plan(fn(big, [s('double'), m128, h2, s('int')]));
    expect(p.ret).toMatchObject({ kind: 'sret', pointer: { kind: 'regs', parts: [{ reg: 'rcx', from: 0, to: 8 }] }, returnedIn: 'rax' });
    expect(p.args.map(where)).toEqual(['xmm1:0-8', 'xmm2:0-16', 'xmm0:0-4 xmm3:4-8', '@32:4']);
  });

  it('clang counts the registers left for HVAs over the first six declared arguments: after a hidden pointer one too many', () => {
    const big = st(s('long long'), s('long long'), s('long long'));
    const sig = fn(big, [m128, m128, s('int'), s('int'), s('int'), s('double'), hfa4]);
    expect(args(sig).slice(5)).toEqual(['&@48', 'xmm0:0-4 xmm3:4-8 xmm4:8-12 xmm5:12-16']);
    expect(args(sig, CLANG).slice(5)).toEqual(['@48:8', '&@56']);
    // Without the hidden pointer the sixth argument is in xmm5 and the count is right.
    expect(args(fn('void', [m128, m128, s('int'), s('int'), s('int'), s('int'), s('double'), hfa4]), CLANG).slice(6)).toEqual(['@48:8', 'xmm2:0-4 xmm3:4-8 xmm4:8-12 xmm5:12-16']);
  });

  it('clang does not count short vectors for HVAs: one that then lacks registers is not planned', () => {
    const v2f = vec('float', 8);
    // Three registers left, four members: by reference in r9 by the text; clang puts c and d both in xmm5.
    expect(args(fn('void', [v2f, v2f, v2f, hfa4, s('int')]))).toEqual(['xmm0:0-8', 'xmm1:0-8', 'xmm2:0-8', '&r9', '@32:4']);
    expect(msVectorcall.planCall(fn('void', [v2f, v2f, v2f, hfa4, s('int')]), llp64, CLANG)).toMatchObject({ ok: false });
    // One-element float vectors are not counted either (c and d both in xmm5 again); _Float16 is.
    expect(msVectorcall.planCall(fn('void', [vec('double', 8), vec('double', 8), vec('double', 8), hfa4]), llp64, CLANG)).toMatchObject({ ok: false });
    const half = s('_Float16');
    expect(args(fn('void', [half, half, half, hfa4, s('int')]), CLANG)).toEqual(['xmm0:0-2', 'xmm1:0-2', 'xmm2:0-2', '&r9', '@32:4']);
    // Enough registers either way: the same plan.
    expect(args(fn('void', [v2f, v2f, hfa4, s('int')]), CLANG)).toEqual(['xmm0:0-8', 'xmm1:0-8', 'xmm2:0-4 xmm3:4-8 xmm4:8-12 xmm5:12-16', 'r9:0-4']);
  });

  it('64-byte vectors and their HVAs take zmm registers with avx512f', () => {
    const hz2 = st(m512, m512);
    const o = opts([], ['avx', 'avx512f']);
    const p = plan(fn(m512, [s('int'), m512, hz2, m512]), o);
    expect(p.args.map(where)).toEqual(['rcx:0-4', 'zmm1:0-64', 'zmm0:0-64 zmm2:64-128', 'zmm3:0-64']);
    expect(where(p.ret)).toBe('zmm0:0-64');
    expect(ret(hz2, o)).toBe('zmm0:0-64 zmm1:64-128');
  });

  it('without the feature a wide vector or HVA of them has no register: not planned (clang is not consistent there)', () => {
    expect(msVectorcall.planCall(fn('void', [m256]), llp64, PLAIN)).toMatchObject({ ok: false });
    expect(msVectorcall.planCall(fn('void', [hva4]), llp64, PLAIN)).toMatchObject({ ok: false });
    expect(msVectorcall.planCall(fn(m512, []), llp64, AVX)).toMatchObject({ ok: false });
  });
});

describe('vectorcall: what is an HVA', () => {
  const packedFloats: CType = { kind: 'struct', name: 'p', packed: true, fields: fields([s('float'), s('float')]) };
  it('one to four members of one floating-point or 16/32/64-byte vector type, through nested aggregates and arrays', () => {
    expect(arg(st(s('double')))).toBe('xmm0:0-8');
    expect(ret(st(s('double')))).toBe('xmm0:0-8');
    expect(arg(st(arr(s('float'), 2), st(s('float'))))).toBe('xmm0:0-4 xmm1:4-8 xmm2:8-12');
    expect(arg(packedFloats)).toBe('xmm0:0-4 xmm1:4-8');
    expect(arg(st(s('_Float16'), s('_Float16')))).toBe('xmm0:0-2 xmm1:2-4');
    expect(ret(hfa4)).toBe('xmm0:0-4 xmm1:4-8 xmm2:8-12 xmm3:12-16');
  });

  it('_Complex float and double are HVAs of two; _Complex long double (x87) is not', () => {
    expect(arg({ kind: 'complex', base: 'float' })).toBe('xmm0:0-4 xmm1:4-8');
    expect(ret({ kind: 'complex', base: 'double' })).toBe('xmm0:0-8 xmm1:8-16');
    expect(arg({ kind: 'complex', base: 'long double' })).toBe('&rdx');
    expect(ret({ kind: 'complex', base: 'long double' })).toBe('sret(rcx)>rax');
  });

  it('a union counts members by address: union { float a; float b[2]; } is an HVA of two', () => {
    const u: CType = { kind: 'union', name: 'u', packed: false, fields: fields([s('float'), arr(s('float'), 2)]) };
    expect(arg(u)).toBe('xmm0:0-4 xmm1:4-8');
  });

  it('not HVAs: five members, mixed types, padding, x87, 8-byte vectors, vectors with floats; they follow x64', () => {
    expect(arg(st(s('float'), s('float'), s('float'), s('float'), s('float')))).toBe('&rdx');
    expect(arg(st(s('float'), s('double')))).toBe('&rdx');
    const padded: CType = { kind: 'struct', name: 'a', packed: false, fields: [{ name: 'a', type: s('double'), aligned: 16 }] };
    expect(arg(padded)).toBe('&rdx');
    expect(arg(st(s('long double'), s('long double')))).toBe('&rdx');
    expect(arg(st(vec('float', 8), vec('float', 8)))).toBe('&rdx');
    expect(arg(st(m128, arr(s('float'), 4)))).toBe('&rdx');
    expect(arg(st(s('float'), s('int')))).toBe('rdx:0-8');
  });

  it('GNU members with no bytes vanish; clang lets a zero-length array or zero-width bit-field spoil, unless it sits in an empty member', () => {
    const E = (...fs: Field[]): CType => ({ kind: 'struct', name: 'e', packed: false, fields: fs });
    const zw: Field = { name: 'z', type: s('int'), bits: 0 };
    const emptyMember = st(s('float'), E(), s('float'));
    expect(arg(emptyMember)).toBe('xmm0:0-4 xmm1:4-8');
    expect(arg(emptyMember, CLANG)).toBe('xmm0:0-4 xmm1:4-8');
    const bitfield: CType = { kind: 'struct', name: 'b', packed: false, fields: [{ name: 'a', type: s('float') }, zw, { name: 'b', type: s('float') }] };
    expect(arg(bitfield)).toBe('xmm0:0-4 xmm1:4-8');
    expect(arg(bitfield, CLANG)).toBe('rdx:0-8');
    const zeroArray = st(s('float'), arr(s('float'), 0));
    expect(arg(zeroArray)).toBe('xmm0:0-4');
    expect(arg(zeroArray, CLANG)).toBe('rdx:0-4');
    expect(ret(zeroArray, CLANG)).toBe('rax:0-4');
    // clang-19: in an empty member they vanish (xmm0, xmm1); in a non-empty member, or an array of no elements, they spoil.
    expect(arg(st(s('float'), E(zw), s('float')), CLANG)).toBe('xmm0:0-4 xmm1:4-8');
    expect(arg(st(s('float'), arr(E({ name: 'z', type: arr(s('char'), 0) }), 2), s('float')), CLANG)).toBe('xmm0:0-4 xmm1:4-8');
    expect(ret(st(s('float'), st(s('float'), arr(s('float'), 0))), CLANG)).toBe('rax:0-8');
    expect(ret(st(s('float'), arr(E({ name: 'z', type: arr(s('char'), 0) }), 0), s('float')), CLANG)).toBe('rax:0-8');
  });
});

describe('vectorcall: scalars and short vectors', () => {
  it('short vectors are vector types: xmm by position, xmm0 as results', () => {
    expect(arg(vec('float', 8))).toBe('xmm1:0-8');
    expect(arg(vec('int', 8))).toBe('xmm1:0-8');
    expect(arg(vec('char', 4))).toBe('xmm1:0-4');
    expect(arg(vec('double', 8))).toBe('xmm1:0-8');
    expect(ret(vec('short', 8))).toBe('xmm0:0-8');
    // From the seventh position on by reference, one-element float vectors by value in clang.
    const ints = Array.from({ length: 6 }, () => s('int'));
    expect(args(fn('void', [...ints, vec('float', 8), vec('double', 8), vec('long long', 8)]), CLANG).slice(6)).toEqual(['&@48', '@56:8', '@64:8']);
  });

  it('one-element integer vectors: vector types in the text, integers in clang', () => {
    expect(arg(vec('long long', 8))).toBe('xmm1:0-8');
    expect(ret(vec('int', 4))).toBe('xmm0:0-4');
    expect(arg(vec('long long', 8), CLANG)).toBe('rdx:0-8');
    expect(ret(vec('int', 4), CLANG)).toBe('rax:0-4');
  });

  it('_Float16 is a vector type; __int128 and long double are as in x64', () => {
    expect(arg(s('_Float16'))).toBe('xmm1:0-2');
    expect(ret(s('_Float16'))).toBe('xmm0:0-2');
    expect(arg(s('__int128'))).toBe('&rdx');
    expect(ret(s('__int128'))).toBe('sret(rcx)>rax');
    expect(ret(s('__int128'), CLANG)).toBe('xmm0:0-16');
    expect(arg(s('long double'))).toBe('&rdx');
    expect(ret(s('long double'))).toBe('sret(rcx)>rax');
  });

  it('integer types as in x64: 1, 2, 4 or 8 bytes by value, other aggregates by reference, results in rax or memory', () => {
    expect(arg(st(s('char'), s('char'), s('char')))).toBe('&rdx');
    expect(ret(st(s('char'), s('char'), s('char')))).toBe('sret(rcx)>rax');
    expect(arg(st(s('int'), s('int')))).toBe('rdx:0-8');
    expect(ret(st(s('int'), s('int')))).toBe('rax:0-8');
  });
});

describe('vectorcall: the module', () => {
  it('plans other conventions as Microsoft x64 and refuses variadic vectorcall', () => {
    const sig = fn('void', [s('int'), s('double')], '');
    expect(msVectorcall.planCall(sig, llp64, PLAIN)).toEqual(msX64.planCall(sig, llp64, PLAIN));
    expect(msVectorcall.planCall({ ...fn('void', [s('int')]), variadic: [{ type: s('double') }] }, llp64, PLAIN)).toMatchObject({ ok: false });
  });

  it('keeps the x64 contract and offers its own dialects besides the x64 ones', () => {
    expect(msVectorcall.contract).toEqual(msX64.contract);
    const ids = msVectorcall.dialects.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of CLANG_DIALECTS) expect(ids).toContain(id);
  });

  for (const [name, o] of [['the text with AVX-512', opts([], ['avx', 'avx512f'])], ['clang', opts(CLANG_DIALECTS)]] as const) {
    it(`${name}: generated signatures never throw; registers used once, slots in order, parts cover each value`, () => {
      const sigs = generateSignatures(llp64, { ...DEFAULT_LIMITS, conventions: ['vectorcall'] }, 11, 0, 500).filter((g) => g.convention === 'vectorcall');
      let planned = 0;
      for (const sig of sigs) {
        const r = msVectorcall.planCall(sig, llp64, o);
        if (!r.ok) continue;
        planned++;
        const seen = new Set<string>();
        const offsets: number[] = [];
        r.plan.args.forEach((loc, i) => {
          const size = layoutOf(sig.params[i]!.type, llp64).size;
          const inner = loc.kind === 'by-ref' ? loc.pointer : loc;
          if (inner.kind === 'regs') {
            const covered = inner.parts.reduce((n, p) => n + p.to - p.from, 0);
            expect(covered).toBe(loc.kind === 'by-ref' ? 8 : size);
            for (const p of inner.parts) {
              const n = p.reg.replace(/^[xyz]mm/, 'vec');
              expect(seen.has(n)).toBe(false);
              seen.add(n);
            }
          } else if (inner.kind === 'stack') {
            expect(inner.offset).toBeGreaterThanOrEqual(32);
            offsets.push(inner.offset);
          } else {
            throw new Error(`unexpected ${inner.kind}`);
          }
        });
        expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
        expect(new Set(offsets).size).toBe(offsets.length);
      }
      expect(planned).toBeGreaterThan(sigs.length / 2);
    });
  }
});
