// Arbitraries for whole function signatures: any return, 0..maxParams parameters (a spill branch
// goes past every register file), sometimes variadic with default-promoted arguments.
import fc from 'fast-check';
import { hasScalar, type DataModel } from '../src/model/data-model.js';
import type { CType, Param, ScalarName, Signature } from '../src/model/types.js';
import { cornerAggregate } from './corners.js';
import { BITINT_MAX, type Limits } from './limits.js';
import { bitIntType, scalarType } from './scalars.js';
import { cType } from './types.js';

/** Types that survive the default argument promotions unchanged, so `...` can carry them. */
export const VARIADIC_SCALARS: ScalarName[] = [
  'int', 'unsigned int', 'long', 'unsigned long', 'long long', 'unsigned long long', 'double', 'long double', '__int128',
];

function variadicType(dm: DataModel, lim: Limits): fc.Arbitrary<CType> {
  const scalars = VARIADIC_SCALARS.filter((n) => hasScalar(dm, n));
  return fc.oneof(
    { withCrossShrink: true },
    { weight: 3, arbitrary: fc.constantFrom(...scalars).map((name): CType => ({ kind: 'scalar', name })) },
    { weight: 1, arbitrary: cornerAggregate(dm) },
    // C23: the integer promotions leave bit-precise integers alone, so `...` carries any _BitInt as it is.
    // Weight 0 by default, last: a stream without it draws as before.
    { weight: lim.bitIntMax === 0 ? 0 : (lim.weights.bitint ?? 0), arbitrary: bitIntType(lim.bitIntMax ?? BITINT_MAX) },
  );
}

export function signature(dm: DataModel, lim: Limits): fc.Arbitrary<Signature> {
  const any = cType(dm, lim);
  const params = fc.oneof(
    { withCrossShrink: true },
    { weight: 4, arbitrary: fc.array(any, { maxLength: Math.min(lim.maxParams, 8) }) },
    { weight: 1, arbitrary: fc.array(fc.oneof(scalarType(dm, lim.weights.bf16, lim.weights.floatN, lim.weights.float128), any), { minLength: Math.min(9, lim.maxParams), maxLength: lim.maxParams }) },
  );
  const variadic = fc.oneof(
    { withCrossShrink: true },
    { weight: 10 - lim.weights.variadic, arbitrary: fc.constant(null) },
    { weight: lim.weights.variadic, arbitrary: fc.array(variadicType(dm, lim), { minLength: 1, maxLength: lim.maxVariadic }) },
  );
  const ret = fc.oneof({ withCrossShrink: true }, { weight: 1, arbitrary: fc.constant('void' as const) }, { weight: 6, arbitrary: any });
  // Half the signatures use the default convention, the rest one of the target's attributes.
  const convention = lim.conventions.length
    ? fc.oneof({ withCrossShrink: true }, { weight: 1, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom(...lim.conventions) })
    : fc.constant('');
  return fc.record({ ret, params, variadic, convention }).map(({ ret, params, variadic, convention }): Signature => {
    const ps: Param[] = params.map((type) => ({ type }));
    // C needs a named parameter before `...`.
    if (variadic && ps.length === 0) ps.push({ type: { kind: 'scalar', name: 'int' } });
    const sig: Signature = { name: '', ret, params: ps, variadic: variadic ? variadic.map((type) => ({ type })) : null };
    // Callee-pops and register conventions do not apply to variadic functions (gcc and clang fall back to the default).
    if (convention && !variadic) sig.convention = convention;
    return sig;
  });
}

/** A copy of `sig` named `f<index>`, its aggregates and enums `f<index>_s<k>` / `f<index>_e<k>`. */
export function nameSignature(sig: Signature, index: number): Signature {
  const fn = `f${index}`;
  let k = 0;
  const clone = (t: CType): CType => {
    switch (t.kind) {
      case 'struct':
      case 'union': {
        const c = { ...t, fields: t.fields.map((f) => ({ ...f, type: clone(f.type) })) };
        c.name = `${fn}_s${k++}`;
        return c;
      }
      case 'enum':
        return { ...t, name: `${fn}_e${k++}` };
      case 'fnptr':
        return { ...t, name: `${fn}_p${k++}` };
      case 'atomic': {
        const of = clone(t.of);
        return { ...t, of, name: `${fn}_a${k++}` };
      }
      case 'array':
        return { ...t, elem: clone(t.elem) };
      case 'pointer':
        return { ...t, to: clone(t.to) };
      default:
        return { ...t };
    }
  };
  return {
    name: fn,
    ret: sig.ret === 'void' ? 'void' : clone(sig.ret),
    params: sig.params.map((p) => ({ type: clone(p.type) })),
    variadic: sig.variadic ? sig.variadic.map((p) => ({ type: clone(p.type) })) : null,
    ...(sig.convention ? { convention: sig.convention } : {}),
  };
}
