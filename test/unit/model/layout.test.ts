// layoutOf without a compiler: Microsoft struct layouts (x86_64-windows, mingw gcc's default
// -mms-bitfields) pinned as x86_64-w64-mingw32-gcc 12 lays them out (read back under wine: sizeof,
// __alignof__, offsetof and the bits a bit-field set to -1 covers), against the SysV ones that
// x86_64-linux gcc 12 gives the same definitions. test/e2e/layout.test.ts checks both against gcc.
// The layout dialects of x86_64-windows, llp64Clang and llp64ClangCl, pinned as clang-19 for
// x86_64-w64-mingw32 and clang-cl-19 lay them out (test/e2e/layout.test.ts checks them against those).
import { describe, expect, it } from 'vitest';
import { ilp32armhf, ilp32i386, llp64, llp64Clang, llp64ClangCl, lp64quad, lp64x86, type DataModel } from '../../../src/model/data-model.js';
import { atomicLayoutClang, layoutOf } from '../../../src/model/layout.js';
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

  it('llp64 is mingw gcc\'s Microsoft layout; llp64Clang and llp64ClangCl are clang\'s and clang-cl\'s', () => {
    expect([llp64.msLayout, llp64Clang.msLayout, llp64ClangCl.msLayout]).toEqual(['gcc', 'clang', 'clang-cl']);
    for (const dm of [llp64Clang, llp64ClangCl]) expect({ ...dm, msLayout: 'gcc', scalars: {} }).toEqual({ ...llp64, scalars: {} });
    expect(llp64Clang.scalars).toEqual(llp64.scalars);
    // clang-cl's long double is MSVC's: double.
    expect(llp64ClangCl.scalars['long double']).toEqual({ size: 8, align: 8, valueBytes: 8, float: 'binary64' });
    expect({ ...llp64ClangCl.scalars, 'long double': undefined }).toEqual({ ...llp64.scalars, 'long double': undefined });
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

/** The layout of `t` by mingw gcc, clang and clang-cl (llp64, llp64Clang, llp64ClangCl). */
const windows = (t: Aggregate): string[] => [llp64, llp64Clang, llp64ClangCl].map((dm) => show(t, dm));

describe('layout dialects: clang (llp64Clang) and clang-cl (llp64ClangCl) against mingw gcc (llp64)', () => {
  it('empty structs and unions: 0 bytes but 4 with clang-cl (or its alignment when aligned(N) asks for 4 or more)', () => {
    const empty = st([]);
    for (const t of [empty, st([zw('int')]), un([])]) expect(windows(t)).toEqual(['size 0 align 1', 'size 0 align 1', 'size 4 align 1']);
    expect(windows(st([fd('a', { kind: 'array', elem: s('char'), count: 0 })])))
      .toEqual(['size 0 align 1, a@0', 'size 0 align 1, a@0', 'size 4 align 1, a@0']);
    // clang's union takes a byte for a zero-width bit-field.
    expect(windows(un([zw('short')]))).toEqual(['size 0 align 1', 'size 1 align 1', 'size 4 align 1']);
    expect(windows(st([zw('long long')], { aligned: 8 }))).toEqual(['size 0 align 8', 'size 0 align 8', 'size 8 align 8']);
    expect(windows(st([], { aligned: 2 }))).toEqual(['size 0 align 2', 'size 0 align 2', 'size 4 align 2']);
    // Not a multiple of its alignment: clang-cl refuses arrays of it.
    expect(show(st([fd('a', { kind: 'array', elem: s('long long'), count: 0 })]), llp64ClangCl)).toBe('size 4 align 8, a@0');
    expect(windows(st([fd('c', s('char')), fd('e', empty), fd('d', s('char'))])))
      .toEqual(['size 2 align 1, c@0, e@1, d@1', 'size 2 align 1, c@0, e@1, d@1', 'size 6 align 1, c@0, e@1, d@5']);
  });

  it('unions: a bit-field takes its type\'s whole size and no alignment (clang, clang-cl)', () => {
    expect(windows(un([fd('a', s('char')), bf('b', 'int', 3)])))
      .toEqual(['size 4 align 4, a@0, b@0+3', 'size 4 align 1, a@0, b@0+3', 'size 4 align 1, a@0, b@0+3']);
    expect(windows(un([fd('a', s('char')), bf('b', 'int', 3)], { packed: true })))
      .toEqual(['size 1 align 1, a@0, b@0+3', 'size 4 align 1, a@0, b@0+3', 'size 4 align 1, a@0, b@0+3']);
    // clang-cl: a zero-width bit-field after a bit-field takes its type's size.
    expect(windows(un([bf('a', 'char', 3), zw('long long')])))
      .toEqual(['size 1 align 1, a@0+3', 'size 1 align 1, a@0+3', 'size 8 align 1, a@0+3']);
  });

  it('packed structs with bit-fields: clang ignores packed for them', () => {
    expect(windows(st([fd('a', s('char')), bf('b', 'int', 3)], { packed: true })))
      .toEqual(['size 5 align 1, a@0, b@8+3', 'size 8 align 4, a@0, b@32+3', 'size 5 align 1, a@0, b@8+3']);
    expect(windows(st([bf('a', 'short', 9), fd('b', s('char'))], { packed: true })))
      .toEqual(['size 3 align 1, a@0+9, b@2', 'size 4 align 2, a@0+9, b@2', 'size 3 align 1, a@0+9, b@2']);
    // A zero-width bit-field in a packed struct: mingw gcc aligns the struct, clang the next member
    // too, clang-cl neither.
    expect(windows(st([bf('a', 'char', 3), zw('int'), fd('b', s('char'))], { packed: true })))
      .toEqual(['size 4 align 4, a@0+3, b@1', 'size 8 align 4, a@0+3, b@4', 'size 2 align 1, a@0+3, b@1']);
  });

  it('packed, an aligned(2) member after a run: byte 5 (mingw gcc\'s known_align), 8 (clang: b at 4), 6 (clang-cl)', () => {
    const t = st([fd('a', s('char')), bf('b', 'int', 8), fd('c', s('char'), { aligned: 2 })], { packed: true });
    expect(windows(t)).toEqual(['size 6 align 2, a@0, b@8+8, c@5', 'size 12 align 4, a@0, b@32+8, c@8', 'size 8 align 2, a@0, b@8+8, c@6']);
  });

  it('clang-cl: packed does not lower what a member requires (aligned(N) on its type or inside it)', () => {
    const a16 = st([fd('x', s('char'))], { aligned: 16 });
    expect(windows(st([fd('a', s('char')), fd('b', a16)], { packed: true })))
      .toEqual(['size 17 align 1, a@0, b@1', 'size 17 align 1, a@0, b@1', 'size 32 align 16, a@0, b@16']);
    expect(show(st([fd('a', s('char')), fd('b', a16, { packed: true })]), llp64ClangCl)).toBe('size 32 align 16, a@0, b@16');
    // An aligned(N) aggregate requires its whole alignment, beyond N: aligned(2) with a double, 8.
    expect(show(st([fd('a', s('char')), fd('b', st([fd('d', s('double'))], { aligned: 2 }))], { packed: true }), llp64ClangCl))
      .toBe('size 16 align 8, a@0, b@8');
    // Without aligned(N) itself, what its members require: 8, from `int y aligned(8)`.
    const r8 = st([fd('x', s('char')), fd('y', s('int'), { aligned: 8 })]);
    expect(windows(st([fd('a', s('char')), fd('b', r8)], { packed: true })))
      .toEqual(['size 17 align 1, a@0, b@1', 'size 17 align 1, a@0, b@1', 'size 24 align 8, a@0, b@8']);
  });

  it('clang-cl\'s long double is 8 bytes; structs without bit-fields are otherwise alike', () => {
    const t = st([fd('a', s('char')), fd('l', s('long double'))]);
    expect(windows(t)).toEqual(['size 32 align 16, a@0, l@16', 'size 32 align 16, a@0, l@16', 'size 16 align 8, a@0, l@8']);
    const u = st([fd('a', s('char')), fd('b', s('double'), { packed: true }), fd('c', s('int')), fd('d', s('short'), { aligned: 8 })]);
    expect(new Set(windows(u))).toEqual(new Set(['size 24 align 8, a@0, b@1, c@12, d@16']));
  });
});

describe('flexible array members', () => {
  const fam = (elem: ScalarName, ...lead: Field[]): Aggregate =>
    st([...lead, fd('t', { kind: 'array', elem: s(elem), count: 0, flexible: true })]);
  it('add no size beyond padding but their alignment (gcc 12 and clang 19, x86_64-linux and mingw: sizeof, _Alignof, offsetof)', () => {
    for (const dm of [lp64x86, llp64]) {
      expect(show(fam('double', fd('c', s('char'))), dm)).toBe('size 8 align 8, c@0, t@8');
      expect(show(fam('char', fd('a', s('int'))), dm)).toBe('size 4 align 4, a@0, t@4');
      expect(show(fam('int', fd('a', s('char'))), dm)).toBe('size 4 align 4, a@0, t@4');
      expect(show(fam('long double', fd('a', s('short'))), dm)).toBe('size 16 align 16, a@0, t@16');
    }
    expect(show(st([fd('a', s('char')), fd('t', { kind: 'array', elem: s('int'), count: 0, flexible: true })], { packed: true }), lp64x86)).toBe('size 1 align 1, a@0, t@1');
  });
});

describe('_Atomic(T): gcc\'s layout (layoutOf) and clang\'s (atomicLayoutClang), measured with gcc 12.2 (and its cross gccs) and clang 19: sizeof, _Alignof', () => {
  const chars = (n: number): CType => st([fd('a', { kind: 'array', elem: s('char'), count: n })]);
  const at = (of: CType): Extract<CType, { kind: 'atomic' }> => ({ kind: 'atomic', name: 'a', of });
  const gcc = (of: CType, dm: DataModel): string => { const l = layoutOf(at(of), dm); return `${l.size}/${l.align}`; };
  const clang = (of: CType, dm: DataModel): string => { const l = atomicLayoutClang(at(of), dm); return `${l.size}/${l.align}`; };
  const d2 = st([fd('a', s('double')), fd('b', s('double'))]);
  it('x86_64-linux (aarch64, riscv64 and both Windows layouts the same)', () => {
    for (const dm of [lp64x86, lp64quad(16, true), llp64]) {
      expect([3, 5, 6, 7, 12, 16].map((n) => gcc(chars(n), dm))).toEqual(['3/1', '5/1', '6/1', '7/1', '12/1', '16/16']);
      expect([3, 5, 6, 7, 12, 16].map((n) => clang(chars(n), dm))).toEqual(['4/4', '8/8', '8/8', '8/8', '16/16', '16/16']);
      expect([gcc(d2, dm), clang(d2, dm)]).toEqual(['16/16', '16/16']);
    }
    for (const n of ['long double', '__int128', 'double', 'char'] as ScalarName[]) expect(gcc(s(n), lp64x86)).toBe(clang(s(n), lp64x86));
    expect(gcc(s('long double'), lp64x86)).toBe('16/16');
  });
  it('i686 and armhf: clang goes no wider than 8 bytes; gcc aligns 16 bytes to 16 (armhf: 8)', () => {
    expect([3, 5, 12, 16].map((n) => gcc(chars(n), ilp32i386))).toEqual(['3/1', '5/1', '12/1', '16/16']);
    expect([3, 5, 12, 16].map((n) => clang(chars(n), ilp32i386))).toEqual(['4/4', '8/8', '12/1', '16/1']);
    expect([gcc(d2, ilp32i386), clang(d2, ilp32i386)]).toEqual(['16/16', '16/4']);
    expect([gcc(s('long double'), ilp32i386), gcc(s('long long'), ilp32i386), gcc(s('double'), ilp32i386)]).toEqual(['12/4', '8/8', '8/8']);
    expect([gcc(chars(16), ilp32armhf), clang(chars(16), ilp32armhf), gcc(d2, ilp32armhf)]).toEqual(['16/8', '16/1', '16/8']);
  });
});
