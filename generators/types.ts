// Arbitraries for C types: scalars first, so depth limits and shrinking fall back to them.
import fc from 'fast-check';
import type { DataModel } from '../src/model/data-model.js';
import { LONG_BITFIELD_BASES, type CType, type Field, type ScalarName } from '../src/model/types.js';
import { atomicType } from './atomic.js';
import { cornerAggregate, homogeneousVectorAggregate, unionBitfieldCorner } from './corners.js';
import { BITINT_MAX, type Limits } from './limits.js';
import { bitfieldBase, bitIntType, complexType, enumType, intComplexType, pointerType, scalarType, vectorType, wideEnumType } from './scalars.js';

const ALIGNS = [1, 2, 4, 8, 16, 32];

/** Any type an argument or a return value may have. */
export function cType(dm: DataModel, lim: Limits): fc.Arbitrary<CType> {
  const w = lim.weights;
  const depth = { depthSize: 'small', maxDepth: lim.maxDepth, depthIdentifier: 'aggregate', withCrossShrink: true } as const;
  const rec = fc.letrec<{ any: CType; aggregate: CType; field: Field }>((tie) => ({
    any: fc.oneof(
      depth,
      { weight: w.scalar, arbitrary: scalarType(dm, w.bf16, w.floatN, w.float128) },
      { weight: w.aggregate, arbitrary: tie('aggregate') },
      { weight: w.vector, arbitrary: vectorType(dm, w.bf16Vector) },
      { weight: w.complex, arbitrary: complexType(dm) },
      { weight: w.enum, arbitrary: enumType() },
      { weight: w.pointer, arbitrary: pointerType(dm) },
      // Weight 0 by default, last: a stream without them draws exactly as before they existed.
      { weight: w.intComplex ?? 0, arbitrary: intComplexType(dm) },
      { weight: w.wideEnum ?? 0, arbitrary: wideEnumType() },
      { weight: w.fnptr ?? 0, arbitrary: fc.constant<CType>({ kind: 'fnptr', name: '' }) },
      { weight: lim.bitIntMax === 0 ? 0 : (w.bitint ?? 0), arbitrary: bitIntType(lim.bitIntMax ?? BITINT_MAX) },
      { weight: w.atomic ?? 0, arbitrary: atomicType(dm) },
    ),
    aggregate: fc.oneof(
      { weight: w.corner, arbitrary: cornerAggregate(dm) },
      { weight: w.hva ?? 0, arbitrary: homogeneousVectorAggregate(dm) },
      { weight: w.unionBitfield ?? 0, arbitrary: unionBitfieldCorner() },
      {
        weight: 10,
        arbitrary: fc
          .record({
            union: fc.oneof({ withCrossShrink: true }, { weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
            fields: fc.array(tie('field'), { minLength: 1, maxLength: lim.maxFields }),
            packed: fc.oneof({ withCrossShrink: true }, { weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
            aligned: fc.oneof({ withCrossShrink: true }, { weight: 8, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constantFrom(8, 16, 32) }),
          })
          .map(({ union, fields, packed, aligned }): CType => {
            const named = fields.map((f, i) => ({ ...f, name: `f${i}` }));
            const t: CType = { kind: union ? 'union' : 'struct', name: '', fields: named, packed };
            if (aligned) t.aligned = aligned;
            return t;
          }),
      },
    ),
    field: fc.oneof(
      { withCrossShrink: true }, // an array field shrinks to a plain one
      { weight: 8, arbitrary: fieldOf(tie('any')) },
      {
        weight: 2,
        arbitrary: fc
          .record({ elem: fc.oneof(scalarType(dm, w.bf16, w.floatN, w.float128), tie('any')), count: fc.integer({ min: 0, max: 4 }) })
          .map(({ elem, count }): Field => ({ name: '', type: { kind: 'array', elem, count } })),
      },
      { weight: 3, arbitrary: bitfield(dm) },
      { weight: w.longBitfield ?? 0, arbitrary: bitfield(dm, LONG_BITFIELD_BASES) },
      { weight: w.enumBitfield ?? 0, arbitrary: enumBitfield() },
    ),
  }));
  // Only at the top (arguments and returns), and only when weighted: the default stream draws as before.
  if (!w.fam) return rec.any;
  return fc.oneof({ weight: 20, arbitrary: rec.any }, { weight: w.fam, arbitrary: flexibleArrayStruct(dm, lim, rec.field, rec.any) });
}

/**
 * A struct of 1..maxFields fields, at least one of them named (C11 6.7.2.1p18), ending in a
 * flexible array member `T tail[]`: no leaves, no size beyond padding, but its element's alignment.
 */
function flexibleArrayStruct(dm: DataModel, lim: Limits, field: fc.Arbitrary<Field>, any: fc.Arbitrary<CType>): fc.Arbitrary<CType> {
  return fc
    .record({
      fields: fc.array(field, { minLength: 1, maxLength: lim.maxFields }),
      elem: fc.oneof(scalarType(dm, lim.weights.bf16), any),
      packed: fc.oneof({ withCrossShrink: true }, { weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    })
    .map(({ fields, elem, packed }): CType => {
      const named = fields.some((f) => f.bits !== 0) ? fields : [...fields, { name: '', type: { kind: 'scalar', name: 'int' } } as Field];
      const tail: Field = { name: '', type: { kind: 'array', elem, count: 0, flexible: true } };
      return { kind: 'struct', name: '', packed, fields: [...named, tail].map((f, i) => ({ ...f, name: `f${i}` })) };
    });
}

function fieldOf(type: fc.Arbitrary<CType>): fc.Arbitrary<Field> {
  return fc
    .record({
      type,
      packed: fc.oneof({ withCrossShrink: true }, { weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      aligned: fc.oneof({ withCrossShrink: true }, { weight: 12, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constantFrom(...ALIGNS) }),
    })
    .map(({ type, packed, aligned }): Field => {
      const f: Field = { name: '', type };
      if (packed) f.packed = true;
      if (aligned) f.aligned = aligned;
      return f;
    });
}

/** Bit-fields of every integer width, zero-width ones included; they may straddle units. */
function bitfield(dm: DataModel, bases?: readonly ScalarName[]): fc.Arbitrary<Field> {
  return bitfieldBase(dm, bases).chain((base) => {
    const max = base === '_Bool' ? 1 : dm.scalars[base]!.size * 8;
    return fc.integer({ min: 0, max }).map((bits): Field => ({ name: '', type: { kind: 'scalar', name: base }, bits }));
  });
}

/** A bit-field of an (int-sized) enum type, any width up to int's, zero-width ones included. */
function enumBitfield(): fc.Arbitrary<Field> {
  return fc.record({ type: enumType(), bits: fc.integer({ min: 0, max: 32 }) }).map(({ type, bits }): Field => ({ name: '', type, bits }));
}
