// AMD64 psABI 1.0 §3.2.3 "Parameter Passing", paragraph "Classification": the class of every
// eightbyte of one argument or return value. Text: hjl-tools/x86-psABI low-level-sys-info.tex
// (x86-64 branch, 2019: commit 5ca69c4, with the _Float16 commit 9513a22); zero-width bit-fields
// are ignored as clarified in gitlab.com/x86-psABIs/x86-64-ABI commit 1aa4398d.
// Pure: model types in, classes out. A compiler's departure from the text is a dialect (listed
// with its evidence in index.ts), tested by id right where the compiler departs.
import { hasScalar, scalarInfo, type DataModel } from '../../model/data-model.js';
import { layoutOf } from '../../model/layout.js';
import { hasFlexibleArray, type Aggregate, type CType, type ScalarName } from '../../model/types.js';

export type Class = 'INTEGER' | 'SSE' | 'SSEUP' | 'X87' | 'X87UP' | 'COMPLEX_X87' | 'NO_CLASS' | 'MEMORY';

const X87_FAMILY: ReadonlySet<Class> = new Set(['X87', 'X87UP', 'COMPLEX_X87']);

export interface ClassifyOptions {
  dm: DataModel;
  /** 'avx': __m256-sized vectors exist (SSE + 3 SSEUP); without it they are MEMORY. */
  avx: boolean;
  /** 'avx512f': __m512-sized vectors exist (SSE + 7 SSEUP). */
  avx512f: boolean;
  /** false for an argument passed through '...' (§3.5.7: __m256/__m512 then go on the stack). */
  named: boolean;
  dialect: (id: string) => boolean;
}

export type Classification =
  /** One class per eightbyte of the value, after the post merger cleanup (rule 5). */
  | { kind: 'eightbytes'; classes: Class[]; why: string }
  | { kind: 'memory'; why: string }
  /** Every eightbyte NO_CLASS: an empty aggregate, nothing is passed. */
  | { kind: 'ignored'; why: string }
  | { kind: 'unsupported'; reason: string };

/** A classification that stopped early: MEMORY (with its rule) or a type the text does not cover. */
type Stop = { stop: 'memory' | 'unsupported'; text: string };
/** Classes indexed by eightbyte of the whole argument, or a stop. */
type Part = Class[] | Stop;

const isStop = (p: Part | Class[] | Stop): p is Stop => !Array.isArray(p);
const memory = (text: string): Stop => ({ stop: 'memory', text });
const unsupported = (text: string): Stop => ({ stop: 'unsupported', text });

/** Rule 4: fold one field's class into its eightbyte's running class (a-f in order). */
export function merge(acc: Class, field: Class): Class {
  if (acc === field) return acc; // (a)
  if (field === 'NO_CLASS') return acc; // (b)
  if (acc === 'NO_CLASS') return field;
  if (acc === 'MEMORY' || field === 'MEMORY') return 'MEMORY'; // (c)
  if (acc === 'INTEGER' || field === 'INTEGER') return 'INTEGER'; // (d)
  if (X87_FAMILY.has(acc) || X87_FAMILY.has(field)) return 'MEMORY'; // (e)
  return 'SSE'; // (f)
}

/**
 * Rule 5, the post merger cleanup, on eightbytes [from, to) of an aggregate of `size` bytes.
 * Applied at every aggregate level (the classification is recursive, and gcc and clang both
 * clean up each nested aggregate: union { struct { __m128 } aligned(32); __m256 } is MEMORY).
 */
export function cleanup(eb: Class[], from: number, to: number, size: number, clangNative: number | null = null): Stop | null {
  const own = eb.slice(from, to);
  if (own.includes('MEMORY')) return memory('3.2.3 rule 5(a): an eightbyte is MEMORY');
  for (let i = 0; i < own.length; i++)
    if (own[i] === 'X87UP' && (i === 0 || own[i - 1] !== 'X87'))
      return memory('3.2.3 rule 5(b): X87UP not preceded by X87');
  const later = own.slice(1);
  if (size > 16 && clangNative !== null) {
    // clang-wide-two-eightbytes: clang keeps two classes, the first eightbyte and all later ones
    // merged, so NO_CLASS eightbytes after an SSEUP pass; the whole aggregate then goes in one
    // vector register if the widest enabled one holds it.
    if (size > clangNative || own[0] !== 'SSE' || !later.includes('SSEUP') || later.some((c) => c !== 'SSEUP' && c !== 'NO_CLASS'))
      return memory(`clang-wide-two-eightbytes: ${size} bytes, not SSE then SSEUP in a vector register it has (${own.join(', ')})`);
    eb.fill('SSEUP', from + 1, to);
  } else if (size > 16 && (own[0] !== 'SSE' || later.some((c) => c !== 'SSEUP'))) {
    return memory(`3.2.3 rule 5(c): ${size} bytes, not SSE followed by SSEUP only (${own.join(', ')})`);
  }
  for (let i = 0; i < own.length; i++)
    if (own[i] === 'SSEUP' && (i === 0 || (own[i - 1] !== 'SSE' && own[i - 1] !== 'SSEUP'))) eb[from + i] = 'SSE'; // (d)
  return null;
}

const INTEGER_SCALARS: ReadonlySet<ScalarName> = new Set([
  '_Bool', 'char', 'signed char', 'unsigned char', 'short', 'unsigned short', 'int', 'unsigned int',
  'long', 'unsigned long', 'long long', 'unsigned long long',
]);

/** Classes of a scalar's own eightbytes (the natural classes of §3.2.3). */
function scalarClasses(name: ScalarName, dm: DataModel): Class[] | Stop {
  if (INTEGER_SCALARS.has(name)) return ['INTEGER'];
  // __int128 "is treated as if it were implemented as struct { long low, high; }".
  if (name === '__int128' || name === 'unsigned __int128') return ['INTEGER', 'INTEGER'];
  // "Arguments of types _Float16, __bf16, float, double, _Decimal32, _Decimal64 and __m64 are in class SSE."
  if (name === '_Float16' || name === '__bf16' || name === 'float' || name === 'double') return ['SSE'];
  // TS 18661-3: _Float32 has float's format (binary32), _Float64 and _Float32x double's (binary64):
  // the same class (gcc 12 passes them as float and double: measured with -S).
  if (name === '_Float32' || name === '_Float64' || name === '_Float32x') return ['SSE'];
  // "Arguments of types __float128, _Decimal128 and __m128 are split into two halves. The least
  // significant ones belong to class SSE, the most significant one to class SSEUP." _Float128 is
  // gcc's other name for __float128 here (binary128, 16/16).
  if (name === '__float128' || name === '_Float128') return ['SSE', 'SSEUP'];
  // "The 64-bit mantissa of arguments of type long double belongs to class X87, the 16-bit
  // exponent plus 6 bytes of padding belongs to class X87UP." _Float64x is long double here (x87).
  if (scalarInfo(dm, name).float === 'x87') return ['X87', 'X87UP'];
  return unsupported(`long double is not the x87 format in the ${dm.name} data model`);
}

/**
 * Vectors: the text's packed types are __m64 (SSE), __m128 (SSE, SSEUP), __m256 (SSE + 3 SSEUP,
 * with AVX) and __m512 (SSE + 7 SSEUP, with AVX-512F); GCC vectors of those sizes are read as them.
 * A 4-byte vector is none of them: only a dialect says what it is.
 */
function vectorClasses(elem: ScalarName, bytes: number, o: ClassifyOptions): Class[] | Stop {
  const info = scalarInfo(o.dm, elem);
  if (bytes === 4) return vector4Classes(elem, info.float !== undefined, o);
  if (bytes === 8) {
    if (info.float === 'binary64' && o.dialect('v1df-memory')) return memory('v1df-memory: vector_size(8) double is MEMORY');
    return ['SSE']; // __m64
  }
  if (bytes === 16) return ['SSE', 'SSEUP']; // __m128
  const wide = (n: number): Class[] => ['SSE', ...Array<Class>(n - 1).fill('SSEUP')];
  if (bytes === 32 || bytes === 64) {
    // §3.5.7: "When __m256 or __m512 is passed as variable-argument, it should always be passed on stack."
    if (!o.named) return memory(`3.5.7: a ${bytes}-byte vector through '...' goes on the stack`);
    const has = bytes === 32 ? o.avx || o.avx512f : o.avx512f;
    // Rule 1 footnote: without the __m256 (__m512) type, objects over two eightbytes stay MEMORY.
    if (!has) return memory(`3.2.3 rule 1 note: no ${bytes === 32 ? 'AVX' : 'AVX-512F'}, a ${bytes}-byte vector is MEMORY`);
    return wide(bytes / 8);
  }
  return unsupported(`a ${bytes}-byte vector is none of __m64/__m128/__m256/__m512`);
}

function vector4Classes(elem: ScalarName, isFloat: boolean, o: ClassifyOptions): Class[] | Stop {
  if (!isFloat) {
    if (o.dialect('vector4-integer')) return ['INTEGER'];
  } else if (o.dialect('clang-vector4-float-integer')) {
    return ['INTEGER'];
  } else if (o.dialect('gcc-vector4-float')) {
    return elem === 'float' ? memory('gcc-vector4-float: vector_size(4) float is MEMORY') : ['SSE'];
  }
  return unsupported(`vector_size(4) ${elem}: the psABI has no 4-byte vector type`);
}

/** Writes a leaf's classes from the eightbyte holding byte `off` on. */
function leafAt(classes: Class[], off: number, n: number): Part {
  const eb = Array<Class>(n).fill('NO_CLASS');
  const first = Math.floor(off / 8);
  classes.forEach((c, i) => (eb[first + i] = c));
  return eb;
}

/** gcc-unaligned-leaves-only: GCC's unaligned-field test sees scalar, vector and complex leaves only. */
function leafMisaligned(t: CType, off: number, o: ClassifyOptions): Stop | null {
  const align = layoutOf(t, o.dm).align;
  return off % align === 0 ? null : memory(`gcc-unaligned-leaves-only: a leaf at byte ${off} is not ${align}-aligned`);
}

interface Walk {
  o: ClassifyOptions;
  /** Eightbytes of the whole argument. */
  n: number;
}

/** Classes of `t` placed at byte `off` of the argument (recursive, rule 4). `lead`: first array element. */
function classifyAt(t: CType, off: number, w: Walk, lead = true): Part {
  const { o } = w;
  const gccLeaves = o.dialect('gcc-unaligned-leaves-only');
  if (gccLeaves && lead && t.kind !== 'struct' && t.kind !== 'union' && t.kind !== 'array') {
    const bad = leafMisaligned(t, off, o);
    if (bad) return bad;
  }
  switch (t.kind) {
    case 'scalar': {
      const c = scalarClasses(t.name, o.dm);
      return isStop(c) ? c : leafAt(c, off, w.n);
    }
    case 'enum':
    case 'pointer':
    case 'fnptr':
      return leafAt(['INTEGER'], off, w.n);
    case 'vector': {
      const c = vectorClasses(t.elem, t.bytes, o);
      return isStop(c) ? c : leafAt(c, off, w.n);
    }
    case 'complex': {
      // "complex T where T is one of _Float16, float or double are treated as struct { T real; T imag; }";
      // "A variable of type complex long double is classified as type COMPLEX_X87."
      const part = scalarClasses(t.base, o.dm);
      if (isStop(part)) return part;
      if (part[0] === 'X87') return leafAt(Array<Class>(4).fill('COMPLEX_X87'), off, w.n);
      // Integer parts (dialect gnu-integer-complex: planCall admits them only with it) are INTEGER.
      const cls: Class = part[0] === 'INTEGER' ? 'INTEGER' : 'SSE';
      const half = scalarInfo(o.dm, t.base).size;
      const eb = Array<Class>(w.n).fill('NO_CLASS');
      for (const at of [off, off + half]) eb[Math.floor(at / 8)] = merge(eb[Math.floor(at / 8)]!, cls);
      return eb;
    }
    case 'bitint': {
      // §3.2.3: "_BitInt(N) types with N <= 64 are in the INTEGER class"; wider ones "are classified
      // as if they were implemented as struct of 64-bit integer fields": INTEGER eightbytes, and
      // over two eightbytes MEMORY (post merger cleanup (c): the first eightbyte is not SSE).
      const n = Math.ceil(layoutOf(t, o.dm).size / 8);
      if (n > 2) return memory(`3.2.3: _BitInt(${t.bits}) is a struct of ${n} 64-bit chunks, over two eightbytes: MEMORY`);
      return leafAt(Array<Class>(n).fill('INTEGER'), off, w.n);
    }
    case 'array':
      return arrayAt(t, off, w, lead);
    case 'struct':
    case 'union':
      return aggregateAt(t, off, w, lead);
    case 'atomic': // planCall admits none (untranscribed '_Atomic')
      throw new Error('internal: _Atomic reached the model');
  }
}

/** clang-wide-two-eightbytes: bytes of the widest vector register clang passes aggregates in; null: the text. */
function clangNative(o: ClassifyOptions): number | null {
  if (!o.dialect('clang-wide-two-eightbytes')) return null;
  return o.avx512f ? 64 : o.avx ? 32 : 16;
}

function mergeInto(acc: Class[], sub: Class[]): void {
  for (let i = 0; i < acc.length; i++) acc[i] = merge(acc[i]!, sub[i]!);
}

function ebRange(off: number, size: number): [number, number] {
  return [Math.floor(off / 8), Math.ceil((off + size) / 8)];
}

function arrayAt(t: Extract<CType, { kind: 'array' }>, off: number, w: Walk, lead: boolean): Part {
  const size = layoutOf(t, w.o.dm).size;
  if (size > 64) return memory(`3.2.3 rule 1: an array of ${size} bytes is larger than eight eightbytes`);
  // clang-wide-union-array-ignored: clang's array classifier gives up on arrays wider than 16 bytes
  // (unless they hold one element) before classifying any element, and reports NO_CLASS.
  if (size > 16 && t.count !== 1 && w.o.dialect('clang-wide-union-array-ignored')) return Array<Class>(w.n).fill('NO_CLASS');
  const elemSize = layoutOf(t.elem, w.o.dm).size;
  const acc = Array<Class>(w.n).fill('NO_CLASS');
  if (t.count === 0) return zeroLengthArray(t.elem, off, w, lead, acc);
  for (let i = 0; i < t.count; i++) {
    const sub = classifyAt(t.elem, off + i * elemSize, w, lead && i === 0);
    if (isStop(sub)) return sub;
    mergeInto(acc, sub);
  }
  const [from, to] = ebRange(off, size);
  return cleanup(acc, from, to, size, clangNative(w.o)) ?? acc;
}

/**
 * T x[0] has no element, so no class. gcc-zero-length-array-element: GCC classifies one T at the
 * array's offset when that offset is inside an eightbyte (not a multiple of 8) and merges its
 * class into that eightbyte: struct { float a; int z[0]; } is INTEGER.
 */
function zeroLengthArray(elem: CType, off: number, w: Walk, lead: boolean, acc: Class[]): Part {
  if (off % 8 === 0 || !w.o.dialect('gcc-zero-length-array-element')) return acc;
  const probe = classifyAt(elem, off, { ...w, n: Math.max(w.n, Math.ceil((off + layoutOf(elem, w.o.dm).size) / 8)) }, lead);
  if (isStop(probe)) return probe;
  const e = Math.floor(off / 8);
  acc[e] = probe[e]!;
  return acc;
}

function aggregateAt(t: Aggregate, off: number, w: Walk, lead: boolean): Part {
  const { o } = w;
  const l = layoutOf(t, o.dm);
  // Rule 1: "If the size of an object is larger than eight eightbytes, or it contains unaligned
  // fields, it has class MEMORY."
  if (l.size > 64) return memory(`3.2.3 rule 1: ${l.size} bytes is larger than eight eightbytes`);
  if (hasFlexibleArray(t) && o.dialect('clang-flexible-array-memory')) return memory('clang-flexible-array-memory: a struct with a flexible array member');
  if (t.kind === 'struct' && l.size > 16 && o.dialect('clang-wide-struct-one-member')) {
    const other = l.fields.find((f) => layoutOf(f.field.type, o.dm).size !== l.size);
    if (other) return memory(`clang-wide-struct-one-member: member ${other.field.name} is not the struct's ${l.size} bytes`);
  }
  const acc = Array<Class>(w.n).fill('NO_CLASS');
  if (t.kind === 'union' && l.size > 0 && o.dialect('gcc-union-zero-width-bitfield') && t.fields.some((f) => f.bits === 0))
    acc[Math.floor(off / 8)] = 'INTEGER'; // GCC classifies a union's `int :0` member by its declared type
  for (const f of l.fields) {
    if (f.field.bits !== undefined) {
      // A bit-field is INTEGER in every eightbyte it touches (it may straddle one); bit-fields are
      // not "unaligned fields" (gcc and clang agree). Zero-width ones are not in the layout.
      const lo = off * 8 + f.bitOffset;
      for (let e = Math.floor(lo / 64); e <= Math.floor((lo + f.bitSize - 1) / 64); e++) acc[e] = merge(acc[e]!, 'INTEGER');
      continue;
    }
    if (f.field.type.kind === 'array' && f.field.type.flexible) continue; // gcc-flexible-array-ignored (planCall admits no other)
    const at = off + f.bitOffset / 8;
    const align = layoutOf(f.field.type, o.dm).align;
    if (!o.dialect('gcc-unaligned-leaves-only') && at % align !== 0)
      return memory(`3.2.3 rule 1: field ${f.field.name} at byte ${at} is not ${align}-aligned`);
    const sub = classifyAt(f.field.type, at, w, lead);
    if (isStop(sub)) return sub;
    mergeInto(acc, sub);
  }
  const [from, to] = ebRange(off, l.size);
  return cleanup(acc, from, to, l.size, clangNative(o)) ?? acc;
}

/** Every scalar `t` mentions exists in the data model (else layout would throw). */
export function missingScalar(t: CType, dm: DataModel): ScalarName | null {
  switch (t.kind) {
    case 'scalar':
      return hasScalar(dm, t.name) ? null : t.name;
    case 'vector':
      return hasScalar(dm, t.elem) ? null : t.elem;
    case 'complex':
      return hasScalar(dm, t.base) ? null : t.base;
    case 'pointer':
      return missingScalar(t.to, dm);
    case 'array':
      return missingScalar(t.elem, dm);
    case 'struct':
    case 'union':
      for (const f of t.fields) {
        const m = missingScalar(f.type, dm);
        if (m) return m;
      }
      return null;
    default:
      return null;
  }
}

const isAggregateLike = (t: CType): boolean => t.kind === 'struct' || t.kind === 'union' || t.kind === 'array';

/** The classes of a whole argument or return value of type `t`. */
export function classify(t: CType, o: ClassifyOptions): Classification {
  const size = layoutOf(t, o.dm).size;
  if (size === 0) return { kind: 'ignored', why: '3.2.3: an empty aggregate is NO_CLASS, nothing is passed' };
  const n = Math.ceil(size / 8);
  const part = classifyAt(t, 0, { o, n });
  if (isStop(part)) return part.stop === 'memory' ? { kind: 'memory', why: part.text } : { kind: 'unsupported', reason: part.text };
  if (part.every((c) => c === 'NO_CLASS')) {
    if (size > 16) return { kind: 'memory', why: '3.2.3 rule 5(c): no eightbyte is SSE' };
    return { kind: 'unsupported', reason: `${size} bytes with no classified eightbyte` };
  }
  const what = isAggregateLike(t) ? `${t.kind} is ` : '';
  return { kind: 'eightbytes', classes: part, why: `3.2.3: ${what}${part.join(', ')}` };
}
