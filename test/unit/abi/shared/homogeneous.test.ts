// Homogeneous Aggregates (AAPCS64 §5.10.5, AAPCS32 §5.3.5) with the rules the ABI modules pass in.
// The zero-length-array modes are the readings observed with aarch64-linux-gnu-gcc 12.2 and
// clang 19 (see the dialects of src/abi/aapcs64.ts and src/abi/aapcs-vfp.ts).
import { describe, expect, it } from 'vitest';
import { homogeneousAggregate, naturalAlignment, type BaseType, type HomogeneousRules } from '../../../../src/abi/shared/homogeneous.js';
import { ilp32armhf, lp64quad, type DataModel } from '../../../../src/model/data-model.js';
import type { Aggregate, CType, Field, ScalarName } from '../../../../src/model/types.js';

const dm = lp64quad(16, true);
const s = (name: ScalarName): CType => ({ kind: 'scalar', name });
const fieldsOf = (members: (CType | Field)[]): Field[] => members.map((m, i) => ('kind' in m ? { name: `f${i}`, type: m } : m));
const st = (...members: (CType | Field)[]): CType => ({ kind: 'struct', name: 's', packed: false, fields: fieldsOf(members) });
const un = (...members: (CType | Field)[]): CType => ({ kind: 'union', name: 'u', packed: false, fields: fieldsOf(members) });
const arr = (elem: CType, count: number): CType => ({ kind: 'array', elem, count });
const vec = (elem: ScalarName, bytes: number): CType => ({ kind: 'vector', elem, bytes });
const zeroWidth = (name: ScalarName): Field => ({ name: 'z', type: s(name), bits: 0 });
const f = s('float'), d = s('double');

/** AAPCS64-like: any float format, 8- and 16-byte vectors. */
function base(t: CType, model: DataModel): BaseType | null {
  if (t.kind === 'scalar') {
    const info = model.scalars[t.name];
    return info?.float ? { name: info.float, size: info.size } : null;
  }
  return t.kind === 'vector' && (t.bytes === 8 || t.bytes === 16) ? { name: `vector${t.bytes * 8}`, size: t.bytes } : null;
}
const rules = (zeroLengthArray: HomogeneousRules['zeroLengthArray'] = 'vanish'): HomogeneousRules => ({ baseType: base, maxMembers: 4, zeroLengthArray });
const ha = (t: CType, r = rules(), model = dm): string | null => {
  const h = homogeneousAggregate(t, model, r);
  return h ? `${h.members} ${h.base.name}` : null;
};

describe('homogeneousAggregate', () => {
  it('finds 1 to 4 identical floating-point members, nested through structs and arrays', () => {
    expect(ha(st(d, d, d, d))).toBe('4 binary64');
    expect(ha(st(f))).toBe('1 binary32');
    expect(ha(st(st(f, f), arr(f, 2)))).toBe('4 binary32');
    expect(ha(st(s('long double'), s('long double')))).toBe('2 binary128');
    expect(ha(st(s('_Float16'), s('_Float16'), s('_Float16')))).toBe('3 binary16');
  });

  it('rejects five members, mixed base types, integers and non-zero bit-fields', () => {
    expect(ha(st(f, f, f, f, f))).toBeNull();
    expect(ha(st(f, d))).toBeNull();
    expect(ha(st(f, s('int')))).toBeNull();
    expect(ha(st(f, { name: 'b', type: s('int'), bits: 3 }))).toBeNull();
    expect(ha(st(s('int')))).toBeNull();
  });

  it('reads _Complex as two members of its base (AAPCS64 §10.1.1: struct { T re; T im; })', () => {
    expect(ha({ kind: 'complex', base: 'double' })).toBe('2 binary64');
    expect(ha(st({ kind: 'complex', base: 'float' }, f))).toBe('3 binary32');
    expect(ha(st({ kind: 'complex', base: 'float' }, { kind: 'complex', base: 'float' }, f))).toBeNull();
  });

  it('compares short vectors by size only, never with a scalar of the same size', () => {
    expect(ha(st(vec('float', 16), vec('int', 16)))).toBe('2 vector128');
    expect(ha(st(vec('char', 8), vec('short', 8), vec('float', 8)))).toBe('3 vector64');
    expect(ha(st(vec('double', 8), d))).toBeNull();
    expect(ha(st(vec('float', 8), vec('float', 16)))).toBeNull();
    expect(ha(st(vec('float', 32)))).toBeNull(); // no short vector: not a Base Type here
  });

  it('counts union members once per address and requires the size to be members x base size', () => {
    expect(ha(un(f, arr(f, 2)))).toBe('2 binary32');
    expect(ha(un(f, f))).toBe('1 binary32');
    expect(ha(un(f, d))).toBeNull();
    // Padding spoils it: an aligned member, an aligned struct, a zero-width long long after one float.
    expect(ha(st(f, { name: 'b', type: f, aligned: 8 }))).toBeNull();
    expect(ha({ ...(st(f, f) as Aggregate), aligned: 16 })).toBeNull();
    expect(ha(st(f, zeroWidth('long long')))).toBeNull();
    expect(ha(st(f, f, zeroWidth('long long')))).toBe('2 binary32');
  });

  it('lets zero-size members vanish as the text says: zero-width bit-fields, empty structs, zero-length arrays', () => {
    expect(ha(st(f, zeroWidth('int'), f))).toBe('2 binary32');
    expect(ha(st(f, st(), f))).toBe('2 binary32');
    expect(ha(st(f, arr(f, 0), f))).toBe('2 binary32');
    expect(ha(st(f, arr(st(), 2)))).toBe('1 binary32');
    expect(ha(st())).toBeNull();
    expect(ha(st(arr(f, 0)))).toBeNull();
  });

  it('gcc reading: any zero-length array spoils it, unless the only sized member is a _Complex or short vector', () => {
    const gcc = rules('disqualify-unless-sole-complex-or-vector');
    expect(ha(st(f, arr(f, 0), f), gcc)).toBeNull();
    expect(ha(st(f, st(arr(f, 0), zeroWidth('int'))), gcc)).toBeNull();
    expect(ha(st(f, arr(st(), 0)), gcc)).toBeNull();
    expect(ha(st(f, arr(st(), 2)), gcc)).toBe('1 binary32');
    expect(ha(st({ kind: 'complex', base: 'float' }, arr(s('int'), 0)), gcc)).toBe('2 binary32');
    expect(ha(st(arr(s('int'), 0), st({ kind: 'complex', base: 'double' })), gcc)).toBe('2 binary64');
    expect(ha(st(vec('float', 8), arr(f, 0)), gcc)).toBe('1 vector64');
    expect(ha(st(f, f, arr(s('int'), 0)), gcc)).toBeNull();
    expect(ha(un({ kind: 'complex', base: 'float' }, arr(s('int'), 0)), gcc)).toBeNull(); // not in a union
    expect(ha(st(un({ kind: 'complex', base: 'float' }, arr(s('int'), 0))), gcc)).toBeNull();
  });

  it('plain disqualify: any zero-length array spoils it', () => {
    expect(ha(st({ kind: 'complex', base: 'float' }, arr(s('int'), 0)), rules('disqualify'))).toBeNull();
    expect(ha(st(f, st(arr(f, 0))), rules('disqualify'))).toBeNull();
  });

  it('clang reading: a zero-length array member spoils it, except inside a member of empty record type', () => {
    const clang = rules('disqualify-unless-in-empty-member');
    expect(ha(st(f, arr(f, 0), f), clang)).toBeNull();
    expect(ha(st(f, st(f, arr(f, 0))), clang)).toBeNull();
    expect(ha(st(f, st(arr(f, 0), zeroWidth('int'))), clang)).toBe('1 binary32');
    expect(ha(st(f, arr(st(arr(f, 0)), 1)), clang)).toBe('1 binary32');
    expect(ha(st(f, arr(st(), 0)), clang)).toBeNull();
    expect(ha(st({ kind: 'complex', base: 'float' }, arr(s('int'), 0)), clang)).toBeNull();
    expect(ha(un(f, arr(f, 0)), clang)).toBeNull();
  });

  it('uses the Base Types the ABI passes in (AAPCS32 VFP: no half-precision aggregates)', () => {
    const vfp: HomogeneousRules = {
      ...rules(),
      baseType: (t, model) => {
        const b = base(t, model);
        return b && b.name !== 'binary16' ? b : null;
      },
    };
    expect(ha(st(s('_Float16'), s('_Float16')), vfp, ilp32armhf)).toBeNull();
    expect(ha(st(s('long double'), d), vfp, ilp32armhf)).toBe('2 binary64'); // long double is double on arm
  });
});

describe('naturalAlignment', () => {
  it('ignores an aligned(N) on the composite itself, keeps member alignment modifiers', () => {
    const adjusted: CType = { ...(st(s('long'), s('long')) as Aggregate), aligned: 16 };
    expect(naturalAlignment(adjusted, dm)).toBe(8);
    expect(naturalAlignment(st({ name: 'a', type: s('long'), aligned: 16 }, s('long')), dm)).toBe(16);
    expect(naturalAlignment(st(s('__int128')), dm)).toBe(16);
    expect(naturalAlignment({ kind: 'struct', name: 'p', packed: true, fields: fieldsOf([s('char'), s('__int128')]) }, dm)).toBe(1);
    expect(naturalAlignment(s('long double'), dm)).toBe(16);
  });

  it('counts an unnamed zero-width bit-field where the data model says so (AAPCS: it does)', () => {
    expect(naturalAlignment(st(f, zeroWidth('long long')), ilp32armhf)).toBe(8);
  });
});
