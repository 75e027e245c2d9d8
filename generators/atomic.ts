// C11 _Atomic(T) of a scalar or of a small struct of scalars and scalar arrays (no bit-fields: an
// atomic struct's members have no lvalues, so its value is one leaf of the whole). Drawn only by
// the weight `atomic`. Sizes 3, 5-7 and 9-15 are where gcc and clang lay them out differently.
import fc from 'fast-check';
import { hasScalar, type DataModel } from '../src/model/data-model.js';
import type { CType, Field, ScalarName } from '../src/model/types.js';

const SCALARS: ScalarName[] = [
  'char', 'unsigned char', 'short', 'int', 'unsigned int', 'long', 'long long', '_Bool', 'float', 'double', 'long double', '__int128',
];

export function atomicType(dm: DataModel): fc.Arbitrary<CType> {
  const names = SCALARS.filter((n) => hasScalar(dm, n));
  const scalar = fc.constantFrom(...names).map((name): CType => ({ kind: 'scalar', name }));
  const small = fc.constantFrom<ScalarName>('char', 'unsigned char', 'short', 'int', 'float').map((name): CType => ({ kind: 'scalar', name }));
  const member = fc.oneof(
    { weight: 3, arbitrary: small },
    { weight: 1, arbitrary: scalar },
    { weight: 2, arbitrary: fc.integer({ min: 1, max: 12 }).map((count): CType => ({ kind: 'array', elem: { kind: 'scalar', name: 'char' }, count })) },
  );
  const struct = fc.array(member, { minLength: 1, maxLength: 3 }).map((types): CType => ({
    kind: 'struct', name: '', packed: false, fields: types.map((type, i): Field => ({ name: `f${i}`, type })),
  }));
  return fc.oneof(scalar, struct).map((of): CType => ({ kind: 'atomic', name: '', of }));
}
