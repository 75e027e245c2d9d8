// How clang reads the i386 conventions where it departs from GCC: its frontend's register
// accounting for regparm/fastcall (clang/lib/CodeGen/Targets/X86.cpp, X86_32ABIInfo:
// classify, updateFreeRegs, shouldPrimitiveUseInReg, shouldAggregateUseDirect,
// canExpandIndirectArgument) and what the LLVM backend makes of a vector value it hands on
// directly (type legalization, TargetLoweringBase::getVectorTypeBreakdown, and the X86-32
// conventions of llvm/lib/Target/X86/X86CallingConv.td). Facts only, checked against clang-19
// --target=i686-linux-gnu. Pure.
import { scalarInfo, type DataModel } from '../../model/data-model.js';
import { layoutOf } from '../../model/layout.js';
import { isAggregate, type Aggregate, type CType } from '../../model/types.js';
import { elemMode, type ElemMode, type Isa } from './gcc-modes.js';

/** ABIInfoImpl.cpp isEmptyField (AllowArrays): an unnamed bit-field, a zero-length array, an empty record (or array of them). */
function isEmptyField(f: Aggregate['fields'][number], dm: DataModel): boolean {
  if (f.bits === 0) return true; // an unnamed bit-field
  if (f.bits !== undefined) return false;
  let t = f.type;
  while (t.kind === 'array') {
    if (t.count === 0) return true;
    t = t.elem;
  }
  return isAggregate(t) && isEmptyRecord(t, dm);
}

/** ABIInfoImpl.cpp isEmptyRecord: every field empty. */
function isEmptyRecord(t: Aggregate, dm: DataModel): boolean {
  return t.fields.every((f) => isEmptyField(f, dm));
}

/**
 * ABIInfoImpl.cpp isSingleElementStruct: the one non-empty member (one-element arrays read as
 * their element, nested single-element records looked through) when it spans the whole record.
 */
export function singleElement(t: CType, dm: DataModel): CType | null {
  if (!isAggregate(t)) return null;
  let found: CType | null = null;
  for (const f of t.fields) {
    if (isEmptyField(f, dm)) continue;
    if (found) return null;
    let ft = f.type;
    while (ft.kind === 'array' && ft.count === 1) ft = ft.elem;
    if (isAggregate(ft)) {
      found = singleElement(ft, dm);
      if (!found) return null;
    } else if (ft.kind === 'array' || ft.kind === 'complex') {
      return null; // aggregates for the ABI that are not records
    } else {
      found = ft;
    }
  }
  return found && layoutOf(found, dm).size === layoutOf(t, dm).size ? found : null;
}

/** X86_32ABIInfo::classify: Float for float and double (alone or as a single-element record), else Integer. */
export function isFloatClass(t: CType, dm: DataModel): boolean {
  const e = singleElement(t, dm) ?? t;
  return e.kind === 'scalar' && (e.name === 'float' || e.name === 'double');
}

/**
 * canExpandIndirectArgument: a record whose members are all 32- or 64-bit integers, pointers,
 * enums, floats, doubles (or complexes of such), no bit-fields, and no padding. clang passes it as
 * its members, which is what lets a fastcall "padding" register argument go before it.
 */
export function canExpand(t: CType, dm: DataModel): boolean {
  if (!isAggregate(t)) return false;
  let bits = 0;
  for (const f of t.fields) {
    if (f.bits !== undefined) return false;
    const ft = f.type;
    const base = ft.kind === 'complex' ? ({ kind: 'scalar', name: ft.base } as CType) : ft;
    if (base.kind !== 'scalar' && base.kind !== 'enum' && base.kind !== 'pointer' && base.kind !== 'fnptr') return false;
    const size = layoutOf(base, dm).size;
    if (size !== 4 && size !== 8) return false;
    bits += layoutOf(ft, dm).size * 8;
  }
  return bits === layoutOf(t, dm).size * 8;
}

/** A piece the LLVM backend gets after legalizing a vector value. */
export type Piece =
  /** A legal vector type of `regBytes` (16: xmm, 32: ymm, 64: zmm) holding `bytes` of the value. */
  | { kind: 'vec'; bytes: number; regBytes: 16 | 32 | 64 }
  /** One element, as a scalar of `bytes` bytes. */
  | { kind: 'scalar'; bytes: number; elem: ElemMode };

/**
 * X86ISelLowering's legal vector types: SSE1 v4f32; SSE2 every 16-byte type (v8f16 too); AVX every
 * 32-byte one; AVX512F every 64-byte one (v64i8, v32i16 and v32f16 are register types without BWI
 * or FP16: clang-19 -mavx512f passes and returns them in zmm0).
 */
export function isLegalVector(bytes: number, elem: ElemMode, isa: Isa): boolean {
  if (bytes === 16) return (isa.sse && elem === 'SF') || isa.sse2;
  if (bytes === 32) return isa.avx;
  if (bytes === 64) return isa.avx512f;
  return false;
}

/**
 * getVectorTypeBreakdown on i386: one element alone is scalarized; a legal type is kept; a
 * power-of-two vector is widened to the narrowest legal type with the same element and more
 * lanes (X86 prefers TypeWidenVector), else split in halves until legal or down to elements.
 */
export function vectorPieces(t: Extract<CType, { kind: 'vector' }>, dm: DataModel, isa: Isa): Piece[] {
  const elem = elemMode(t.elem);
  const eb = scalarInfo(dm, t.elem).size;
  const lanes = t.bytes / eb;
  if (lanes === 1) return [{ kind: 'scalar', bytes: eb, elem }];
  if (isLegalVector(t.bytes, elem, isa)) return [{ kind: 'vec', bytes: t.bytes, regBytes: t.bytes as 16 | 32 | 64 }];
  for (const wide of [16, 32, 64] as const)
    if (wide > t.bytes && isLegalVector(wide, elem, isa)) return [{ kind: 'vec', bytes: t.bytes, regBytes: wide }];
  let part = t.bytes;
  while (part > eb && !isLegalVector(part, elem, isa)) part /= 2;
  const count = t.bytes / part;
  return Array.from({ length: count }, (): Piece =>
    part === eb ? { kind: 'scalar', bytes: eb, elem } : { kind: 'vec', bytes: part, regBytes: part as 16 | 32 | 64 },
  );
}

/** X86.cpp IsX86_MMXType: an 8-byte vector of integers narrower than 64 bits, which clang passes as an i64. */
export function isMmxType(t: Extract<CType, { kind: 'vector' }>): boolean {
  return t.bytes === 8 && ['QI', 'HI', 'SI'].includes(elemMode(t.elem));
}

/**
 * How an argument begins once clang's cdecl lowering has made it LLVM IR values, which is all
 * thiscall changes (clang sets no free registers for it; X86CallingConv.td
 * CC_X86_32_ThisCall_Common: `CCIfType<[i32], CCAssignToReg<[ECX]>>`, after i1/i8/i16 were
 * promoted to i32, so ecx goes to the first 32-bit integer value, whatever argument it is part of):
 * - 'none': no integer value at all (float, double, long double, _Float16, records expanded to
 *   only such members, vectors legalized to vector registers or float elements);
 * - 'whole': one i32 (an integer, enum or pointer of at most 4 bytes, a record expanded to one);
 * - 'low': its first 4 bytes are an i32 and the rest follows on the stack (an i64 split by type
 *   legalization; a record expanded to members whose first is an integer);
 * - 'byval': passed byval (a record clang does not expand, a _Complex): the pointer to the
 *   caller's copy is the i32;
 * - 'unknown': an integer value somewhere else in it (a record whose first member is a float, a
 *   vector scalarized into integer elements), which no location here expresses.
 * Facts from X86.cpp classifyArgumentType (records of at most 16 bytes are expanded when
 * canExpandIndirectArgument, other aggregates byval) and clang-19 -S -emit-llvm / -S.
 */
export type ThiscallStart = 'none' | 'whole' | 'low' | 'byval' | 'unknown';

export function thiscallStart(t: CType, dm: DataModel, isa: Isa): ThiscallStart {
  const size = layoutOf(t, dm).size;
  switch (t.kind) {
    case 'scalar':
      if (scalarInfo(dm, t.name).float !== undefined) return 'none';
      return size <= 4 ? 'whole' : 'low';
    case 'enum':
    case 'pointer':
    case 'fnptr':
      return size <= 4 ? 'whole' : 'low';
    case 'complex':
      return 'byval';
    case 'vector': {
      if (isMmxType(t)) return 'low';
      const pieces = vectorPieces(t, dm, isa);
      return pieces.every((p) => p.kind === 'vec' || ['HF', 'SF', 'DF'].includes(p.elem)) ? 'none' : 'unknown';
    }
    case 'array':
    case 'bitint': // untranscribed on i386: planCall refuses them before this
    case 'atomic':
      return 'unknown';
    case 'struct':
    case 'union': {
      if (size > 16 || !canExpand(t, dm)) return 'byval';
      const ints = t.fields.flatMap((f) => {
        const ft = f.type;
        const base = ft.kind === 'complex' ? ({ kind: 'scalar', name: ft.base } as CType) : ft;
        const int = base.kind !== 'scalar' || scalarInfo(dm, base.name).float === undefined;
        return ft.kind === 'complex' ? [int, int] : [int];
      });
      if (!ints.includes(true)) return 'none';
      if (!ints[0]) return 'unknown';
      return size <= 4 ? 'whole' : 'low';
    }
  }
}
