// Hand-picked aggregates at the edges of the classification rules, so the fuzzer meets them
// often instead of by luck: exact 8/16/17-byte sizes, float-only and mixed eightbytes, packed
// misaligned members, 16-byte-aligned members, structs of only zero-width bit-fields, unions of
// float and int.
import fc from 'fast-check';
import { hasScalar, type DataModel } from '../src/model/data-model.js';
import type { CType, Field, ScalarName } from '../src/model/types.js';
import { vectorElems } from './scalars.js';

const s = (name: ScalarName): CType => ({ kind: 'scalar', name });
const fieldsOf = (...types: CType[]): Field[] => types.map((type, i) => ({ name: `f${i}`, type }));
const struct = (fields: Field[], packed = false): CType => ({ kind: 'struct', name: '', fields, packed });

export function cornerAggregate(dm: DataModel): fc.Arbitrary<CType> {
  const floats: ScalarName[] = ['float', 'double'];
  const wide: ScalarName[] = (['int', 'long', 'double', 'long double', 'long long'] as ScalarName[]).filter((n) => hasScalar(dm, n));
  const big: ScalarName[] = (['long double', '__int128'] as ScalarName[]).filter((n) => hasScalar(dm, n));
  const choices: fc.Arbitrary<CType>[] = [
    // Exactly 8, 16 or 17 bytes of chars, or a long plus chars.
    fc.record({ n: fc.constantFrom(8, 16, 17), withLong: fc.boolean() }).map(({ n, withLong }) =>
      withLong
        ? struct(fieldsOf(s('long long'), { kind: 'array', elem: s('char'), count: n - 8 }))
        : struct(fieldsOf({ kind: 'array', elem: s('unsigned char'), count: n })),
    ),
    // Float-only: 1..4 floats/doubles (HFA-like, SSE-only eightbytes).
    fc.array(fc.constantFrom(...floats), { minLength: 1, maxLength: 4 }).map((ts) => struct(fieldsOf(...ts.map(s)))),
    // Mixed integer/float inside one eightbyte and across two.
    fc.constantFrom<ScalarName[]>(['int', 'float'], ['float', 'int', 'double'], ['double', 'int'], ['float', 'float', 'long'], ['short', 'float', 'float'])
      .map((ts) => struct(fieldsOf(...ts.map(s)))),
    // Packed, so the second member is misaligned.
    fc.constantFrom(...wide).map((w) => struct(fieldsOf(s('char'), s(w)), true)),
    // Unions of float and int.
    fc.constantFrom<[ScalarName, ScalarName]>(['float', 'int'], ['double', 'long'], ['int', 'float'], ['double', 'float'])
      .map(([a, b]): CType => ({ kind: 'union', name: '', fields: fieldsOf(s(a), s(b)), packed: false })),
    // Only zero-width bit-fields: size 0 in GNU C.
    fc.constantFrom<ScalarName[]>(['int'], ['char', 'int'], ['long long']).map((ts) =>
      struct(ts.map((t, i) => ({ name: `z${i}`, type: s(t), bits: 0 }))),
    ),
    // A member forced to 16-byte alignment.
    fc.constantFrom('char', 'int', 'double').map((t) =>
      struct([{ name: 'f0', type: s(t as ScalarName) }, { name: 'f1', type: s('int'), aligned: 16 }]),
    ),
  ];
  if (big.length > 0) choices.push(fc.constantFrom(...big).map((b) => struct(fieldsOf(s('char'), s(b)))));
  return fc.oneof(...choices);
}

/**
 * Homogeneous short-vector aggregates (AAPCS64 HVA, AAPCS-VFP CPRC, vectorcall HVA): 1 to 4
 * members that are 8- or 16-byte vectors of one size, possibly in an array or a nested struct.
 * Element types may differ between members: "the type of the elements in the short vector does
 * not form part of the test for homogeneity" (AAPCS64 §5.10.5).
 */
export function homogeneousVectorAggregate(dm: DataModel): fc.Arbitrary<CType> {
  const elems = vectorElems(dm);
  return fc.constantFrom(8, 16).chain((bytes) => {
    const vec = fc.constantFrom(...elems.filter((e) => dm.scalars[e]!.size <= bytes)).map((elem): CType => ({ kind: 'vector', elem, bytes }));
    return fc.record({
      members: fc.array(vec, { minLength: 1, maxLength: 4 }),
      shape: fc.constantFrom('flat', 'array', 'nested'),
    }).map(({ members, shape }): CType => {
      if (shape === 'array') return struct(fieldsOf({ kind: 'array', elem: members[0]!, count: members.length }));
      if (shape === 'nested' && members.length > 1) return struct(fieldsOf(members[0]!, struct(fieldsOf(...members.slice(1)))));
      return struct(fieldsOf(...members));
    });
  });
}

/**
 * Unions of bit-fields at the corners: a long long bit-field of 33..63 bits beside an int one (the
 * union is as wide as the widest declared type that holds one), unnamed zero-width bit-fields, and
 * unions whose only named member is a bit-field. Drawn only by the weight `union-bitfield`.
 */
const WIDTH: Partial<Record<ScalarName, number>> = { char: 8, 'unsigned char': 8, short: 16, 'long long': 64 };

export function unionBitfieldCorner(): fc.Arbitrary<CType> {
  const bf = (name: string, type: ScalarName, bits: number): Field => ({ name, type: s(type), bits });
  const union = (fields: Field[], packed = false): CType => ({ kind: 'union', name: '', fields: fields.map((f, i) => (f.bits === 0 ? f : { ...f, name: `f${i}` })), packed });
  const wideType = fc.constantFrom<ScalarName>('long long', 'unsigned long long');
  const intType = fc.constantFrom<ScalarName>('int', 'unsigned int');
  const zeroType = fc.constantFrom<ScalarName>('char', 'short', 'int', 'long long');
  const smallType = fc.constantFrom<ScalarName>('char', 'unsigned char', 'short', 'int', 'unsigned int', 'long long');
  return fc.oneof(
    // long long : 33..63 beside int : 1..32, maybe a char and a zero-width one.
    fc.record({ w: wideType, wide: fc.integer({ min: 33, max: 63 }), i: intType, n: fc.integer({ min: 1, max: 32 }), more: fc.boolean(), packed: fc.boolean() })
      .map(({ w, wide, i, n, more, packed }) => union([bf('', w, wide), bf('', i, n), ...(more ? [bf('', 'char', 3), bf('', 'int', 0)] : [])], packed)),
    // The only named member is a bit-field, with unnamed zero-width ones before and/or after.
    fc.record({ t: smallType, z: zeroType, before: fc.boolean(), after: fc.boolean() }).chain(({ t, z, before, after }) =>
      fc.integer({ min: 1, max: WIDTH[t] ?? 32 }).map((n) =>
        union([...(before ? [bf('', z, 0)] : []), bf('', t, n), ...(after || !before ? [bf('', z, 0)] : [])]))),
    // Several bit-fields of different types and widths, the widest first or last.
    fc.array(fc.record({ t: smallType, n: fc.integer({ min: 1, max: 8 }) }), { minLength: 2, maxLength: 4 }).map((xs) => union(xs.map(({ t, n }) => bf('', t, n)))),
  );
}
