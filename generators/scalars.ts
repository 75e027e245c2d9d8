// Arbitraries for the scalar leaves of the type universe.
import fc from 'fast-check';
import { hasScalar, type DataModel } from '../src/model/data-model.js';
import { BITFIELD_BASES, COMPLEX_INTEGERS, FLOAT_128, FLOAT_N, SCALARS, WEIGHTED_SCALARS, type CType, type ScalarName } from '../src/model/types.js';

export function availableScalars(dm: DataModel): ScalarName[] {
  return SCALARS.filter((s) => hasScalar(dm, s));
}

const weighted: readonly string[] = WEIGHTED_SCALARS;

/**
 * Any scalar of the target; _Float16 is rare since many pairs cannot express it (then skipped);
 * __bf16, the _FloatN types and binary128 only by their weights (of 20 for all the others).
 */
export function scalarType(dm: DataModel, bf16Weight = 0, floatNWeight = 0, float128Weight = 0): fc.Arbitrary<CType> {
  const common: ScalarName[] = availableScalars(dm).filter((s) => !weighted.includes(s));
  const arbs: { weight: number; arbitrary: fc.Arbitrary<ScalarName> }[] = [{ weight: 20, arbitrary: fc.constantFrom(...common) }];
  if (hasScalar(dm, '_Float16')) arbs.push({ weight: 1, arbitrary: fc.constant('_Float16' as ScalarName) });
  if (hasScalar(dm, '__bf16') && bf16Weight > 0) arbs.push({ weight: bf16Weight, arbitrary: fc.constant('__bf16' as ScalarName) });
  for (const [names, weight] of [[FLOAT_N, floatNWeight], [FLOAT_128, float128Weight]] as const)
    for (const name of names) if (hasScalar(dm, name) && weight > 0) arbs.push({ weight, arbitrary: fc.constant(name as ScalarName) });
  return fc.oneof(...arbs).map((name): CType => ({ kind: 'scalar', name }));
}

/** Element types GCC vectors may have (__bf16 vectors only by weight bf16-vector: vectorType). */
export function vectorElems(dm: DataModel): ScalarName[] {
  return availableScalars(dm).filter((s) => !['_Bool', 'long double', '__int128', 'unsigned __int128', '__bf16'].includes(s))
    .filter((s) => !(FLOAT_N as readonly string[]).includes(s) && !(FLOAT_128 as readonly string[]).includes(s));
}

/** A GCC vector; of __bf16 elements only by their weight (of 20 for all other element types). */
export function vectorType(dm: DataModel, bf16Weight = 0): fc.Arbitrary<CType> {
  const sizes = [4, 8, 16, 32, 64];
  const common = fc.constantFrom(...vectorElems(dm));
  const elem = hasScalar(dm, '__bf16') && bf16Weight > 0
    ? fc.oneof({ weight: 20, arbitrary: common }, { weight: bf16Weight, arbitrary: fc.constant('__bf16' as ScalarName) })
    : common;
  return fc
    .record({ elem, bytes: fc.constantFrom(...sizes) })
    .map(({ elem, bytes }): CType => {
      const esize = dm.scalars[elem]!.size;
      return { kind: 'vector', elem, bytes: Math.max(bytes, esize) }; // bytes == esize: single-element vector
    });
}

export function complexType(dm: DataModel): fc.Arbitrary<CType> {
  const bases = (['float', 'double', 'long double'] as const).filter((b) => hasScalar(dm, b));
  return fc.constantFrom(...bases).map((base): CType => ({ kind: 'complex', base }));
}

/** GNU integer `_Complex` of any integer type but _Bool. */
export function intComplexType(dm: DataModel): fc.Arbitrary<CType> {
  return fc.constantFrom(...COMPLEX_INTEGERS.filter((b) => hasScalar(dm, b))).map((base): CType => ({ kind: 'complex', base }));
}

/** An enum with one value (at least) beyond int's and unsigned int's range: GNU C makes it 8 bytes. */
export function wideEnumType(): fc.Arbitrary<CType> {
  const wide = fc.maxSafeInteger().filter((v) => v < -(2 ** 31) || v >= 2 ** 32);
  const small = fc.integer({ min: -4, max: 8 });
  return fc
    .tuple(wide, fc.uniqueArray(fc.oneof(small, fc.maxSafeInteger()), { maxLength: 3 }))
    .map(([w, rest]): CType => ({ kind: 'enum', name: '', values: [...new Set([w, ...rest])] }));
}

export function enumType(): fc.Arbitrary<CType> {
  const value = fc.oneof(fc.integer({ min: -4, max: 8 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }));
  return fc
    .uniqueArray(value, { minLength: 1, maxLength: 4 })
    .map((values): CType => ({ kind: 'enum', name: '', values }));
}

/**
 * `_BitInt(N)` and `unsigned _BitInt(N)` in three bands of width: up to 64 bits (half of them), 65
 * to 128, and 129 to `maxBits` (at most 256 here, though __BITINT_MAXWIDTH__ may be far larger);
 * bands above `maxBits` (what both compilers of the pair accept) are not drawn.
 */
export function bitIntType(maxBits: number): fc.Arbitrary<CType> {
  const band = (min: number, max: number, weight: number) => ({ weight, arbitrary: fc.integer({ min, max }) });
  const bands = [band(1, 64, 2)];
  if (maxBits >= 128) bands.push(band(65, 128, 1));
  if (maxBits > 128) bands.push(band(129, Math.min(maxBits, 256), 1));
  return fc
    .record({ unsigned: fc.boolean(), bits: fc.oneof(...bands) })
    .map(({ unsigned, bits }): CType => ({ kind: 'bitint', bits: unsigned ? bits : Math.max(bits, 2), unsigned }));
}

/** Pointers point at scalars: the pointee is a checked leaf of its own. */
export function pointerType(dm: DataModel): fc.Arbitrary<CType> {
  return scalarType(dm).map((to): CType => ({ kind: 'pointer', to }));
}

export function bitfieldBase(dm: DataModel, bases: readonly ScalarName[] = BITFIELD_BASES): fc.Arbitrary<ScalarName> {
  return fc.constantFrom(...bases.filter((s) => hasScalar(dm, s)));
}
