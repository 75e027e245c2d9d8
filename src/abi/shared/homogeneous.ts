// Homogeneous Aggregates, shared by AAPCS64 (HFA, HVA) and AAPCS32 (VFP CPRCs). Pure.
//
// AAPCS64 §5.10.5 "Homogeneous Aggregates" (AAPCS32 §5.3.5 says the same): "A Homogeneous Aggregate
// is a composite type where all of the Fundamental Data Types of the members that compose the type
// are the same. The test for homogeneity is applied after data layout is completed [...]. A
// Homogeneous Aggregate has a Base Type, which is the Fundamental Data Type of each Member. The
// overall size is the size of the Base Type multiplied by the number uniquely addressable Members."
//
// Which Fundamental Data Types may be a Base Type differs by ABI (AAPCS64: any floating-point or
// short-vector type; AAPCS32 VFP: single, double, 64- and 128-bit containerized vectors), so the
// caller passes that predicate in, along with the upper bound on members (4 for both).
import type { DataModel } from '../../model/data-model.js';
import { layoutOf } from '../../model/layout.js';
import type { CType } from '../../model/types.js';

/** A Fundamental Data Type as the homogeneity test sees it. */
export interface BaseType {
  /**
   * One name per Fundamental Data Type, the ABI's choice (the AAPCS modules: 'half', 'single',
   * 'double', 'quad', 'vector64', 'vector128'); members match when their names do. Short vectors are compared by size only (AAPCS64 §5.10.5: "for short-vector types the
   * fundamental types are 64-bit vector and 128-bit vector; the type of the elements in the short
   * vector does not form part of the test for homogeneity"; AAPCS32 §5.3.5 likewise).
   */
  name: string;
  size: number;
}

export interface HomogeneousRules {
  /**
   * The Base Type a scalar or vector member counts as, or null when it cannot be one (integers,
   * pointers, enums, vectors that are not short vectors): such a member makes the type heterogeneous.
   */
  baseType(t: CType, dm: DataModel): BaseType | null;
  /** Most uniquely addressable members (HFA, HVA and VFP CPRCs: 4). */
  maxMembers: number;
  /**
   * GNU zero-length arrays. The text: a Composite Type's members all have nonzero size, so "any
   * language-level members that have zero size must therefore disappear in the language-to-ABI
   * mapping" (AAPCS64 §5.11, note): 'vanish'. 'disqualify': a zero-length array anywhere in the
   * type spoils homogeneity. The AAPCS compilers' dialects:
   * - gcc, 'disqualify-unless-sole-complex-or-vector': a zero-length array anywhere in the type
   *   spoils homogeneity, except when a struct's only member of nonzero size (through nested
   *   single-member structs, not unions) is a _Complex or a short vector filling it, which gcc
   *   passes as that type;
   * - clang, 'disqualify-unless-in-empty-member': a zero-length array spoils homogeneity, except
   *   inside a member whose type is an empty record (all its members zero-width bit-fields,
   *   zero-length arrays or empty records, possibly in arrays), which clang skips whole.
   */
  zeroLengthArray: 'vanish' | 'disqualify' | 'disqualify-unless-sole-complex-or-vector' | 'disqualify-unless-in-empty-member';
  /**
   * An unnamed zero-width bit-field directly in a union. The text: it has zero size and vanishes
   * ('vanish', the default). gcc (aarch64 and arm): the union, and whatever contains it, is no
   * Homogeneous Aggregate ('disqualify'); in a struct gcc lets it vanish.
   */
  zeroWidthBitFieldInUnion?: 'vanish' | 'disqualify';
}

export interface Homogeneous {
  base: BaseType;
  /** Uniquely addressable members, 1..maxMembers; member i is bytes [i*base.size, (i+1)*base.size). */
  members: number;
}

interface Member {
  base: BaseType;
  offset: number;
}

/**
 * The Homogeneous Aggregate reading of a composite type (struct, union, or _Complex, whose layout
 * the C mappings give as `struct { T re; T im; }`), or null when `t` is not one.
 */
export function homogeneousAggregate(t: CType, dm: DataModel, rules: HomogeneousRules): Homogeneous | null {
  if (t.kind !== 'struct' && t.kind !== 'union' && t.kind !== 'complex') return null;
  const members: Member[] = [];
  const whole = rules.zeroLengthArray === 'disqualify-unless-sole-complex-or-vector' ? soleMember(t, dm) : t;
  if (!collect(whole, 0, dm, rules, members) || members.length === 0) return null;
  const base = members[0]!.base;
  if (members.some((m) => m.base.name !== base.name || m.offset % base.size !== 0)) return null;
  // Union members share addresses: count each address once ("uniquely addressable").
  const count = new Set(members.map((m) => m.offset)).size;
  // "The overall size is the size of the Base Type multiplied by the number [of] Members": no padding.
  if (count > rules.maxMembers || layoutOf(t, dm).size !== count * base.size) return null;
  return { base, members: count };
}

/** Appends the Fundamental Data Types that compose `t` (at byte `offset`); false: `t` spoils homogeneity. */
function collect(t: CType, offset: number, dm: DataModel, rules: HomogeneousRules, out: Member[]): boolean {
  switch (t.kind) {
    case 'struct':
    case 'union':
      if (t.kind === 'union' && rules.zeroWidthBitFieldInUnion === 'disqualify' && t.fields.some((f) => f.bits === 0)) return false;
      // Zero-width bit-fields have no FieldLayout: they have zero size and disappear.
      for (const fl of layoutOf(t, dm).fields) {
        if (fl.field.bits !== undefined) return false; // a bit-field's type is integral
        if (rules.zeroLengthArray === 'disqualify-unless-in-empty-member' && emptyRecord(elementOf(fl.field.type))) continue;
        if (!collect(fl.field.type, offset + fl.bitOffset / 8, dm, rules, out)) return false;
      }
      return true;
    case 'array': {
      if (t.count === 0) return rules.zeroLengthArray === 'vanish';
      const size = layoutOf(t.elem, dm).size;
      for (let i = 0; i < t.count; i++) if (!collect(t.elem, offset + i * size, dm, rules, out)) return false;
      return true;
    }
    case 'complex': {
      const part: CType = { kind: 'scalar', name: t.base };
      const size = layoutOf(part, dm).size;
      return collect(part, offset, dm, rules, out) && collect(part, offset + size, dm, rules, out);
    }
    default: {
      const base = rules.baseType(t, dm);
      if (!base) return false;
      out.push({ base, offset });
      return true;
    }
  }
}

/**
 * gcc's reading of a struct whose only member of nonzero size (nested single-member structs
 * followed; not unions) is a _Complex or a short vector as large as the whole: that member's type.
 * Any other type: itself.
 */
function soleMember(t: CType, dm: DataModel): CType {
  if (t.kind !== 'struct') return t;
  const l = layoutOf(t, dm);
  const sized = l.fields.filter((f) => f.bitSize > 0);
  if (sized.length !== 1 || sized[0]!.field.bits !== undefined || sized[0]!.bitOffset !== 0) return t;
  const inner = sized[0]!.field.type;
  if (layoutOf(inner, dm).size !== l.size) return t;
  if (inner.kind === 'complex' || (inner.kind === 'vector' && (inner.bytes === 8 || inner.bytes === 16))) return inner;
  const deeper = soleMember(inner, dm);
  return deeper === inner ? t : deeper;
}

/** The type an array (of arrays) of non-zero length repeats; `t` itself otherwise. */
function elementOf(t: CType): CType {
  while (t.kind === 'array' && t.count > 0) t = t.elem;
  return t;
}

/** A struct or union all of whose members are zero-width bit-fields, zero-length arrays or empty records (in arrays). */
function emptyRecord(t: CType): boolean {
  if (t.kind !== 'struct' && t.kind !== 'union') return false;
  return t.fields.every((f) => {
    if (f.bits === 0) return true;
    if (f.bits !== undefined) return false;
    const e = elementOf(f.type);
    return (e.kind === 'array' && e.count === 0) || emptyRecord(e);
  });
}

/**
 * The natural alignment of a composite type (AAPCS64 §5.10, AAPCS32 §5.3, in the same words): "the
 * maximum of each of the member alignments of the 'top-level' members of the composite type i.e.
 * before any alignment adjustment of the entire composite is applied", a member's alignment being
 * "the alignment of that member after the application of any language alignment modifiers to that
 * member". So an aligned(N) on the struct or union itself does not count; packed and a member's
 * aligned(N) do. Any other type: its alignment.
 */
export function naturalAlignment(t: CType, dm: DataModel): number {
  if ((t.kind === 'struct' || t.kind === 'union') && t.aligned !== undefined) {
    const { aligned: _adjustment, ...unadjusted } = t;
    return layoutOf(unadjusted, dm).align;
  }
  return layoutOf(t, dm).align;
}
