// leavesOf for _Atomic(T): one bytes leaf of the whole object (its members have no lvalues), the
// scalars of T its elements at T's offsets, the bytes an atomic layout may pad with left out.
import { describe, expect, it } from 'vitest';
import { ilp32i386, lp64x86 } from '../../../src/model/data-model.js';
import { leavesOf } from '../../../src/model/leaves.js';
import type { CType } from '../../../src/model/types.js';

const atomic = (of: CType): CType => ({ kind: 'atomic', name: 'A', of });

describe('leavesOf _Atomic(T)', () => {
  it('a struct is one leaf: struct { char a[3]; } is 3 bytes of chars (clang pads it to 4: not a value byte)', () => {
    const t = atomic({ kind: 'struct', name: 'S', packed: false, fields: [{ name: 'a', type: { kind: 'array', elem: { kind: 'scalar', name: 'char' }, count: 3 } }] });
    const [leaf, ...rest] = leavesOf(t, 'a0', 'arg0', lp64x86);
    expect(rest).toEqual([]);
    expect(leaf).toMatchObject({ kind: 'bytes', expr: 'a0', path: 'arg0', size: 3 });
    expect(leaf!.kind === 'bytes' && leaf!.elements.map((e) => [e.offset, e.size])).toEqual([[0, 1], [1, 1], [2, 1]]);
  });
  it('members at their offsets, floats marked, padding skipped: struct { char c; double d; } on i686 (d at 4)', () => {
    const t = atomic({ kind: 'struct', name: 'S', packed: false, fields: [{ name: 'c', type: { kind: 'scalar', name: 'char' } }, { name: 'd', type: { kind: 'scalar', name: 'double' } }] });
    const [leaf] = leavesOf(t, 'x.f0', 'arg1.f0', ilp32i386);
    expect(leaf!.kind === 'bytes' && leaf!.elements).toEqual([{ offset: 0, size: 1, valueBytes: 1 }, { offset: 4, size: 8, valueBytes: 8, float: 'binary64' }]);
  });
  it('a scalar is its own leaf, x87 padding excluded', () => {
    const [leaf] = leavesOf(atomic({ kind: 'scalar', name: 'long double' }), 'a2', 'arg2', lp64x86);
    expect(leaf).toMatchObject({ kind: 'bytes', size: 16, elements: [{ offset: 0, size: 16, valueBytes: 10, float: 'x87' }] });
  });
});
