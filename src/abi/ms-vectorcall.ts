// Microsoft __vectorcall on x64 (clang's __attribute__((vectorcall)) for x86_64-windows; gcc ignores
// the attribute). Transcribes MicrosoftDocs/cpp-docs docs/cpp/vectorcall.md (read at commit
// a2e592a8), cited as "vectorcall §x64", over the x64 convention it "extends" (ms-x64.ts). Signatures
// in any other convention are planned by ms-x64, so this module can serve the whole target. Pure.
//
// The text: integer-type arguments in RCX, RDX, R8, R9 by position as in x64; "vector type"
// arguments (floating-point types and SIMD vectors) among the first six by value in XMM/YMM 0-5 by
// position; HVAs ("a composite type of up to four data members that have identical vector types")
// in a second pass, member by member, in the lowest unused of XMM/YMM 0-5 if all members fit, else
// by reference in their slot; every argument keeps its 8-byte slot. Checked against clang-19 for
// x86_64-w64-mingw32 and x86_64-pc-windows-msvc (-O2 -S), the document's six examples included.
import { scalarInfo, type DataModel } from '../model/data-model.js';
import { layoutOf } from '../model/layout.js';
import type { CType, Signature } from '../model/types.js';
import type { Abi, AbiOptions, Dialect } from './abi.js';
import type { ArgLocation, PlanResult, RegPart, ReturnLocation } from './location.js';
import {
  argumentTypes, hasVectorRegister, HOME_BYTES, MS_X64_CONTRACT, msX64, passArgument, place, returnValue,
  msX64DialectsOf, singleElement, SLOT_BYTES, vectorRegister, type Passing,
} from './ms-x64.js';
import { homogeneousAggregate, type BaseType, type Homogeneous, type HomogeneousRules } from './shared/homogeneous.js';
import { untranscribed } from './shared/untranscribed.js';

const V = 'vectorcall §x64';
/** "passed by value in SSE vector registers 0 to 5 according to argument position". */
const VECTOR_POSITIONS = 6;

const dialect = (id: string, title: string, reference: string): Dialect => ({ id, title, reference });

/** Compilers' departures from the text, honoured when `opts.dialects` names them. */
export const VECTORCALL_DIALECTS = {
  fpStackByValue: dialect(
    'vectorcall-fp-stack-by-value',
    'float, double and _Float16 arguments in the seventh and later positions are passed by value in their stack slot; the text passes vector types there "by reference to memory allocated by the caller"',
    'llvm/llvm-project#59561 (MSVC passes them by value, on x86 too), llvm/llvm-project#91846; seen with clang-19 for x86_64-w64-mingw32 and x86_64-pc-windows-msvc',
  ),
  clangLateHvaNoSlot: dialect(
    'clang-vectorcall-late-hva-no-slot',
    'clang gives an HVA passed in registers from the seventh position on no stack slot, so the stack arguments after it move down by 8; the text: "The stack shadow space for an HVA argument is fixed at 8 bytes"',
    'seen with clang-19 for x86_64-w64-mingw32 and x86_64-pc-windows-msvc (LLVM reserves the 8 bytes only along with an XMM4/XMM5 shadow)',
  ),
  clangVector1AsScalar: dialect(
    'clang-vectorcall-vector1-as-scalar',
    'clang passes and returns a one-element vector as its element: an integer one in the integer slot and rax, a float one as a float; the text makes every SIMD vector a vector type',
    'seen with clang-19 for x86_64-w64-mingw32 and x86_64-pc-windows-msvc (LLVM scalarizes v1i64, v1i32, v1f64, v1f32)',
  ),
  clangHvaCount: dialect(
    'clang-vectorcall-hva-count',
    'clang decides whether an HVA fits by counting the registers taken by vector-type arguments among the first six declared ones, floating-point scalars and 16/32/64-byte vectors only, and only then assigns registers by position: after a hidden result pointer a sixth vector-type argument counts though it is on the stack (the HVA goes by reference with registers unused); vectors of 8 bytes or less do not count though they take a register (an HVA that then lacks registers gets two members in one register: not planned)',
    'seen with clang-19 for x86_64-pc-windows-msvc and x86_64-w64-mingw32: S f(__m128, __m128, int, int, int, double, struct { float a, b, c, d; }) passes the HVA by reference though xmm0, xmm3-xmm5 are unused; void f(v2f, v2f, v2f, struct { float a, b, c, d; }, int) passes members c and d both in xmm5 (found while writing this model; not reported upstream yet)',
  ),
  clangGnuMembers: dialect(
    'clang-vectorcall-gnu-members',
    'clang does not count an aggregate as an HVA when one of its members (or of its nested non-empty members) is a GNU zero-length array or a zero-width bit-field; members with no bytes vanish in the text, as in clang when they make up a whole nested member',
    'seen with clang-19 for x86_64-w64-mingw32: struct { float a; float z[0]; } and struct { float a; int :0; float b; } go in an integer register, struct { float a; struct { char z[0]; } e; float b; } in xmm0 and xmm1 (ABIInfo::isHomogeneousAggregate, isEmptyRecord)',
  ),
} as const;

const on = (opts: AbiOptions, d: Dialect): boolean => opts.dialects.has(d.id);

/**
 * HVA member types: "A vector type is either a floating-point type—for example, a float or
 * double—or an SIMD vector type—for example, __m128 or __m256" (with __m512 under AVX-512). The
 * x87 long double lives in no vector register and an 8-byte GCC vector is no SIMD type of MSVC's
 * (clang: not a base type either). Vectors compare by size, as __m128/__m128i/__m128d do.
 */
function hvaBaseType(t: CType, dm: DataModel): BaseType | null {
  if (t.kind === 'scalar') {
    const f = scalarInfo(dm, t.name).float;
    const size = layoutOf(t, dm).size;
    const name = f === 'binary16' ? '_Float16' : f === 'binary32' ? 'float' : f === 'binary64' ? 'double' : null;
    return name ? { name, size } : null;
  }
  if (t.kind === 'vector' && (t.bytes === 16 || t.bytes === 32 || t.bytes === 64)) return { name: `${t.bytes}-byte vector`, size: t.bytes };
  return null;
}

/** A field's type with its arrays stripped, or 'zero' when one of them has no elements. */
function arrayElement(t: CType): CType | 'zero' {
  while (t.kind === 'array') {
    if (t.count === 0) return 'zero';
    t = t.elem;
  }
  return t;
}

/** clang's empty record: every member an unnamed (zero-width) bit-field, a zero-length array or an empty record. */
function emptyRecord(t: CType): boolean {
  if (t.kind !== 'struct' && t.kind !== 'union') return false;
  return t.fields.every((f) => {
    if (f.bits !== undefined) return f.bits === 0;
    const e = arrayElement(f.type);
    return e === 'zero' || emptyRecord(e);
  });
}

/** clang-vectorcall-gnu-members: a zero-length array or zero-width bit-field outside an empty member. */
function spoiledForClang(t: CType): boolean {
  const e = arrayElement(t);
  if (e === 'zero') return true;
  if (e.kind !== 'struct' && e.kind !== 'union') return false;
  return e.fields.some((f) => {
    if (f.bits !== undefined) return f.bits === 0;
    const m = arrayElement(f.type);
    return m === 'zero' || (!emptyRecord(m) && spoiledForClang(m));
  });
}

/**
 * The HVA reading of `t`, or null: members flattened through nested aggregates and arrays (as the
 * text's `__m128 array[2]`); members with no bytes (GNU zero-length arrays, zero-width bit-fields,
 * empty structs) vanish.
 */
export function hva(t: CType, dm: DataModel, opts: AbiOptions): Homogeneous | null {
  if (on(opts, VECTORCALL_DIALECTS.clangGnuMembers) && spoiledForClang(t)) return null;
  const rules: HomogeneousRules = { baseType: hvaBaseType, maxMembers: 4 /* "up to four data members" */, zeroLengthArray: 'vanish' };
  return homogeneousAggregate(t, dm, rules);
}

/** A Passing that has a place. */
type Placeable = Exclude<Passing, { as: 'none' }>;

/** How vectorcall sees one argument or result. */
type Kind =
  | { as: 'vector'; size: number; prefix: string; scalar: boolean; why: string }
  | { as: 'hva'; hva: Homogeneous; prefix: string; why: string }
  | { as: 'x64'; passing: Placeable };

function kindOf(t: CType, dm: DataModel, opts: AbiOptions): Kind | { as: 'none'; reason: string } {
  const size = layoutOf(t, dm).size;
  if (t.kind === 'scalar' && hvaBaseType(t, dm))
    return { as: 'vector', size, prefix: 'xmm', scalar: true, why: `${V}: ${t.name} is a vector type ("a floating-point type")` };
  if (t.kind === 'vector') {
    const single = singleElement(t, dm);
    if (single && on(opts, VECTORCALL_DIALECTS.clangVector1AsScalar)) {
      if (single === 'integer') return { as: 'x64', passing: { as: 'integer', size, why: 'dialect clang-vectorcall-vector1-as-scalar: as its integer' } };
      return { as: 'vector', size, prefix: 'xmm', scalar: true, why: 'dialect clang-vectorcall-vector1-as-scalar: as its float' };
    }
    const { prefix, feature } = vectorRegister(size);
    if (!hasVectorRegister(size, opts)) return { as: 'none', reason: `a ${size}-byte vector needs ${prefix} registers, which do not exist without ${feature}` };
    return { as: 'vector', size, prefix, scalar: false, why: `${V}: a ${size}-byte vector is a vector type ("an SIMD vector type")` };
  }
  if (t.kind === 'struct' || t.kind === 'union' || t.kind === 'complex') {
    const h = hva(t, dm, opts);
    if (h) {
      const { prefix, feature } = vectorRegister(h.base.size);
      if (!hasVectorRegister(h.base.size, opts)) return { as: 'none', reason: `an HVA of ${h.base.size}-byte vectors needs ${prefix} registers, which do not exist without ${feature}` };
      return { as: 'hva', hva: h, prefix, why: `${V}: HVA of ${h.members} ${h.base.name}` };
    }
  }
  const passing = passArgument(t, dm, opts);
  return passing.as === 'none' ? { as: 'none', reason: passing.reason } : { as: 'x64', passing };
}

/** One argument's decision before stack offsets are known. */
type Decision =
  | { in: 'regs'; parts: RegPart[]; why: string; slot: boolean }
  | { in: 'slot'; passing: Placeable }
  | { in: 'hva'; kind: Extract<Kind, { as: 'hva' }> };

/** First pass: vector types by position, integer types as in x64; HVAs wait. */
function firstPass(k: Exclude<Kind, { as: 'none' }>, pos: number, opts: AbiOptions, used: Set<number>): Decision {
  if (k.as === 'x64') return { in: 'slot', passing: k.passing };
  if (k.as === 'hva') return { in: 'hva', kind: k };
  if (pos < VECTOR_POSITIONS) {
    used.add(pos);
    const reg = `${k.prefix}${pos}`;
    return { in: 'regs', parts: [{ reg, from: 0, to: k.size }], why: `${k.why}; position ${pos + 1}: ${reg}`, slot: true };
  }
  if (k.scalar && on(opts, VECTORCALL_DIALECTS.fpStackByValue))
    return { in: 'slot', passing: { as: 'float', size: k.size, why: `${k.why}; dialect vectorcall-fp-stack-by-value: position ${pos + 1} by value` } };
  return { in: 'slot', passing: { as: 'reference', why: `${k.why}; "Vector type arguments in the seventh and later parameter positions are passed on the stack by reference"` } };
}

/** Second pass: "the data members of HVA arguments are allocated, in ascending order, to unused vector registers". */
function secondPass(
  d: Extract<Decision, { in: 'hva' }>, pos: number, opts: AbiOptions, used: Set<number>, clang: { left: number } | null,
): Exclude<Decision, { in: 'hva' }> | { in: 'none'; reason: string } {
  const { hva: h, prefix, why } = d.kind;
  const free = [...Array(VECTOR_POSITIONS).keys()].filter((r) => !used.has(r));
  const left = clang ? clang.left : free.length;
  if (left < h.members) {
    const note = clang ? ` (dialect clang-vectorcall-hva-count: ${left} by its count)` : '';
    return { in: 'slot', passing: { as: 'reference', why: `${why}; ${free.length} unused vector registers${note}: "If not enough registers are available, the HVA argument is passed by reference"` } };
  }
  if (free.length < h.members) return { in: 'none', reason: `dialect clang-vectorcall-hva-count: clang puts the HVA of ${h.members} in ${free.length} registers` };
  if (clang) clang.left -= h.members;
  const regs = free.slice(0, h.members);
  for (const r of regs) used.add(r);
  const parts = regs.map((r, i) => ({ reg: `${prefix}${r}`, from: i * h.base.size, to: (i + 1) * h.base.size }));
  const slot = !(pos >= VECTOR_POSITIONS && on(opts, VECTORCALL_DIALECTS.clangLateHvaNoSlot));
  return { in: 'regs', parts, why: `${why}: unused ${parts.map((p) => p.reg).join(', ')}${slot ? '' : ' (dialect clang-vectorcall-late-hva-no-slot: no slot)'}`, slot };
}

function returnVectorcall(t: CType, dm: DataModel, opts: AbiOptions): ReturnLocation | { kind: 'none'; reason: string } {
  const k = kindOf(t, dm, opts);
  if (k.as === 'none') return { kind: 'none', reason: k.reason };
  // "Vector type results are returned by value in XMM0 or YMM0, depending on size."
  if (k.as === 'vector') return { kind: 'regs', parts: [{ reg: `${k.prefix}0`, from: 0, to: k.size }], why: `${k.why}: "Vector type results are returned by value in XMM0 or YMM0"` };
  // "HVA results have each data element returned by value in registers XMM0:XMM3 or YMM0:YMM3".
  if (k.as === 'hva') {
    const s = k.hva.base.size;
    const parts = Array.from({ length: k.hva.members }, (_, i) => ({ reg: `${k.prefix}${i}`, from: i * s, to: (i + 1) * s }));
    return { kind: 'regs', parts, why: `${k.why}: "each data element returned by value in registers XMM0:XMM3"` };
  }
  if (t.kind === 'vector' && k.passing.as === 'integer') // clang-vectorcall-vector1-as-scalar
    return { kind: 'regs', parts: [{ reg: 'rax', from: 0, to: k.passing.size }], why: `${k.passing.why}, returned in rax` };
  // "Results of integer type, including structs or unions of 8 bytes or less, are returned by value
  // in RAX" and the rest by reference: as in x64, where only 1, 2, 4 and 8 bytes come back in RAX.
  return returnValue(t, dm, opts);
}

export function planVectorcall(sig: Signature, dm: DataModel, opts: AbiOptions): PlanResult {
  if (sig.convention !== 'vectorcall') return msX64.planCall(sig, dm, opts);
  const outside = untranscribed(sig, 'Microsoft vectorcall');
  if (outside) return { ok: false, reason: outside };
  // "Functions must be prototyped to use __vectorcall, and can't use a vararg variable length argument list."
  if (sig.variadic) return { ok: false, reason: 'a __vectorcall function cannot be variadic' };
  const { types, refuse } = argumentTypes(sig, dm);
  if (refuse) return { ok: false, reason: refuse };
  const ret = sig.ret === 'void' ? ({ kind: 'void' } as const) : returnVectorcall(sig.ret, dm, opts);
  if (ret.kind === 'none') return { ok: false, reason: `result: ${ret.reason}` };
  // The x64 hidden pointer takes the first position, RCX; XMM0 stays unused, so an HVA may have it.
  const shift = ret.kind === 'sret' ? 1 : 0;
  const used = new Set<number>();
  const decisions: Decision[] = [];
  let clangCounted = 0; // clang-vectorcall-hva-count: vector registers clang counts as taken
  for (const [i, t] of types.entries()) {
    const k = kindOf(t, dm, opts);
    if (k.as === 'none') return { ok: false, reason: `argument ${i}: ${k.reason}` };
    if (i < VECTOR_POSITIONS && k.as === 'vector' && !(t.kind === 'vector' && k.size <= 8)) clangCounted++;
    decisions.push(firstPass(k, i + shift, opts, used));
  }
  const clang = on(opts, VECTORCALL_DIALECTS.clangHvaCount) ? { left: VECTOR_POSITIONS - clangCounted } : null;
  const final: Exclude<Decision, { in: 'hva' }>[] = [];
  for (const [i, d] of decisions.entries()) {
    const f = d.in === 'hva' ? secondPass(d, i + shift, opts, used, clang) : d;
    if (f.in === 'none') return { ok: false, reason: `argument ${i}: ${f.reason}` };
    final.push(f);
  }
  let offset = shift * SLOT_BYTES;
  const args: ArgLocation[] = final.map((d, i) => {
    const at = offset;
    if (d.in === 'regs') {
      if (d.slot) offset += SLOT_BYTES;
      return { kind: 'regs', parts: d.parts, why: d.why };
    }
    offset += SLOT_BYTES;
    return place(d.passing, i + shift, false, at);
  });
  return { ok: true, plan: { args, ret, stackBytes: Math.max(HOME_BYTES, offset), calleePops: 0, homeBytes: HOME_BYTES } };
}

export const msVectorcall: Abi = {
  id: 'ms-vectorcall',
  title: 'Microsoft __vectorcall on x64 (MicrosoftDocs/cpp-docs docs/cpp/vectorcall.md), Microsoft x64 otherwise',
  planCall: planVectorcall,
  contract: MS_X64_CONTRACT, // "extends the standard x64 calling convention": the same non-volatile registers
  dialects: [...Object.values(VECTORCALL_DIALECTS), ...msX64.dialects],
  // clang speaks every vectorcall dialect (MSVC's by-value stack floats too); gcc ignores vectorcall.
  dialectsOf: (compiler) => [...msX64DialectsOf(compiler), ...(/clang/.test(compiler) ? Object.values(VECTORCALL_DIALECTS).map((d) => d.id) : [])],
};
