// layoutOf without a compiler: Microsoft struct layouts (x86_64-windows, mingw gcc's default
// -mms-bitfields) pinned as x86_64-w64-mingw32-gcc 12 lays them out (read back under wine: sizeof,
// __alignof__, offsetof and the bits a bit-field set to -1 covers), against the SysV ones that
// x86_64-linux gcc 12 gives the same definitions. test/e2e/layout.test.ts checks both against gcc.
import { describe, expect, it } from 'vitest';
import { ilp32armhf, ilp32i386, llp64, lp64quad, lp64x86, type DataModel } from '../../../src/model/data-model.js';
import { layoutOf } from '../../../src/model/layout.js';
import type { Aggregate, CType, Field, ScalarName } from '../../../src/model/types.js';

const s = (name: ScalarName): CType => ({ kind: 'scalar', name });
const bf = (name: string, type: ScalarName, bits: number): Field => ({ name, type: s(type), bits });
const zw = (type: ScalarName): Field => ({ name: '', type: s(type), bits: 0 });
const fd = (name: string, type: CType, extra: Partial<Field> = {}): Field => ({ name, type, ...extra });
const st = (fields: Field[], opts: { packed?: boolean; aligned?: number } = {}): Aggregate => ({
  kind: 'struct', name: 's', fields, packed: opts.packed ?? false, ...(opts.aligned ? { aligned: opts.aligned } : {}),
});
const un = (fields: Field[], opts: { packed?: boolean } = {}): Aggregate => ({ kind: 'union', name: 'u', fields, packed: opts.packed ?? false });

/** size, align, then each member: `name@byte` or, for a bit-field, `name@bit+width`. */
function show(t: Aggregate, dm: DataModel): string {
  const l = layoutOf(t, dm);
  const members = l.fields.map(({ field, bitOffset, bitSize }) =>
    field.bits !== undefined ? `${field.name}@${bitOffset}+${bitSize}` : `${field.name}@${bitOffset / 8}`);
  return [`size ${l.size} align ${l.align}`, ...members].join(', ');
}

describe('data models', () => {
  it('only LLP64 (x86_64-windows) lays structs out the Microsoft way', () => {
    expect(llp64.msBitfields).toBe(true);
    for (const dm of [lp64x86, ilp32i386, ilp32armhf, lp64quad(16, true), lp64quad(64, false)]) expect(dm.msBitfields).toBe(false);
  });
});

describe('Microsoft bit-field units (llp64, as mingw gcc)', () => {
  it('a bit-field of another size starts a new unit at its type\'s alignment', () => {
    const t = st([bf('a', 'int', 1), bf('b', 'short', 1)]);
    expect(show(t, llp64)).toBe('size 8 align 4, a@0+1, b@32+1');
    expect(show(t, lp64x86)).toBe('size 4 align 4, a@0+1, b@1+1');
  });

  it('a bit-field after a non-bit-field member starts its own unit', () => {
    const t = st([fd('a', s('char')), bf('b', 'int', 3)]);
    expect(show(t, llp64)).toBe('size 8 align 4, a@0, b@32+3');
    expect(show(t, lp64x86)).toBe('size 4 align 4, a@0, b@8+3');
  });

  it('same-size types share units (_Bool with char); what does not fit goes to the next unit', () => {
    expect(show(st([fd('a', s('char')), bf('b', '_Bool', 1), bf('c', 'unsigned char', 4), bf('d', 'char', 3)]), llp64))
      .toBe('size 2 align 1, a@0, b@8+1, c@9+4, d@13+3');
    expect(show(st([bf('a', 'int', 31), bf('b', 'unsigned int', 2), bf('c', 'long long', 33), bf('d', 'long long', 33)]), llp64))
      .toBe('size 24 align 8, a@0+31, b@32+2, c@64+33, d@128+33');
  });

  it('packed: units start at the next byte, the last one is taken whole, the struct stays 1-aligned', () => {
    expect(show(st([fd('a', s('char')), bf('b', 'int', 3)], { packed: true }), llp64)).toBe('size 5 align 1, a@0, b@8+3');
    expect(show(st([bf('a', 'short', 9), fd('b', s('char'))], { packed: true }), llp64)).toBe('size 3 align 1, a@0+9, b@2');
  });

  it('packed, an aligned(2) member after a run lands where mingw gcc puts it (byte 5, not 6)', () => {
    const t = st([fd('a', s('char')), bf('b', 'int', 8), fd('c', s('char'), { aligned: 2 })], { packed: true });
    expect(show(t, llp64)).toBe('size 6 align 2, a@0, b@8+8, c@5');
  });

  it('the GCC manual\'s zero-width examples (x86 Options, -mms-bitfields)', () => {
    expect(show(st([bf('a', 'unsigned int', 12), zw('unsigned int'), bf('b', 'unsigned int', 12)]), llp64))
      .toBe('size 8 align 4, a@0+12, b@32+12');
    expect(show(st([bf('a', 'char', 4), zw('short'), fd('b', s('char'))]), llp64)).toBe('size 4 align 2, a@0+4, b@2');
    expect(show(st([bf('a', 'char', 4), zw('short'), fd('b', s('double'))]), llp64)).toBe('size 16 align 8, a@0+4, b@8');
    expect(show(st([bf('a', 'char', 6), zw('int')]), llp64)).toBe('size 4 align 4, a@0+6');
    expect(show(st([fd('a', s('char')), zw('int'), fd('b', s('char'))]), llp64)).toBe('size 2 align 1, a@0, b@1');
    // SysV: the zero-width bit-field moves the next member but does not align the struct.
    expect(show(st([bf('a', 'char', 4), zw('short'), fd('b', s('char'))]), lp64x86)).toBe('size 3 align 1, a@0+4, b@2');
  });

  it('zero-width: ignored first in the struct; in a packed struct it still aligns the struct', () => {
    expect(show(st([zw('long long'), bf('a', 'char', 3)]), llp64)).toBe('size 1 align 1, a@0+3');
    expect(show(st([bf('a', 'char', 3), zw('int'), fd('b', s('char'))], { packed: true }), llp64)).toBe('size 4 align 4, a@0+3, b@1');
  });

  it('unions as gcc lays them out both ways; empty structs are 0 bytes as mingw gcc has them', () => {
    expect(show(un([bf('a', 'char', 3), zw('long long')]), llp64)).toBe('size 1 align 1, a@0+3');
    expect(show(un([fd('a', s('char')), bf('b', 'int', 3)], { packed: true }), llp64)).toBe('size 1 align 1, a@0, b@0+3');
    expect(show(st([]), llp64)).toBe('size 0 align 1');
    expect(show(st([zw('int')]), llp64)).toBe('size 0 align 1');
    expect(show(st([fd('a', { kind: 'array', elem: s('char'), count: 0 })]), llp64)).toBe('size 0 align 1, a@0');
  });

  it('a struct without bit-fields is laid out as on SysV', () => {
    const t = st([fd('a', s('char')), fd('b', s('double'), { packed: true }), fd('c', s('long double')), fd('d', s('short'), { aligned: 8 })]);
    expect(show(t, llp64)).toBe(show(t, lp64x86));
    expect(show(t, llp64)).toBe('size 48 align 16, a@0, b@1, c@16, d@32');
  });
});
