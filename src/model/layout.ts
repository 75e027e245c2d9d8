// Offsets, sizes, padding and bit-field placement as GCC lays them out (SysV psABI
// "Bit-Fields", plus GCC's packed / aligned(N) extensions), and structs the Microsoft way where the
// data model says so (msBitfields: mingw gcc's default -mms-bitfields), or on x86_64-windows as
// clang or clang-cl lays aggregates out (msLayout: the layout dialects llp64Clang, llp64ClangCl).
// Pure: checked against gcc, clang and clang-cl in test/.
import { bitIntLayout, scalarInfo, type DataModel } from './data-model.js';
import { enumWidth, type Aggregate, type CType, type Field } from './types.js';

export interface FieldLayout {
  field: Field;
  /** Offset in bits from the start of the aggregate. */
  bitOffset: number;
  /** Size in bits (bit-fields: their width). */
  bitSize: number;
}

export interface Layout {
  size: number;
  /** GCC's __alignof__, the alignment layout uses (C11 _Alignof may report less, e.g. for vectors). */
  align: number;
  fields: FieldLayout[];
}

const roundUp = (n: number, a: number): number => Math.ceil(n / a) * a;

export function sizeOf(t: CType, dm: DataModel): number {
  return layoutOf(t, dm).size;
}

export function alignOf(t: CType, dm: DataModel): number {
  return layoutOf(t, dm).align;
}

const cache = new WeakMap<CType, WeakMap<DataModel, Layout>>();

export function layoutOf(t: CType, dm: DataModel): Layout {
  let perModel = cache.get(t);
  if (!perModel) cache.set(t, (perModel = new WeakMap()));
  let l = perModel.get(dm);
  if (!l) perModel.set(dm, (l = computeLayout(t, dm)));
  return l;
}

function computeLayout(t: CType, dm: DataModel): Layout {
  switch (t.kind) {
    case 'scalar': {
      const s = scalarInfo(dm, t.name);
      return { size: s.size, align: s.align, fields: [] };
    }
    case 'enum': { // int, or for a GNU wide enum (a value beyond int) long long's size and alignment
      if (enumWidth(t) === 4) return { size: 4, align: 4, fields: [] };
      const ll = scalarInfo(dm, 'long long');
      return { size: ll.size, align: ll.align, fields: [] };
    }
    case 'pointer':
    case 'fnptr':
      return { size: dm.pointer.size, align: dm.pointer.align, fields: [] };
    case 'array': {
      const e = layoutOf(t.elem, dm);
      return { size: e.size * t.count, align: e.align, fields: [] };
    }
    case 'vector': { // aligned to its size, as __alignof__ says (gcc's _Alignof caps it at 16 without AVX)
      const intVector8 = t.bytes === 8 && scalarInfo(dm, t.elem).float === undefined;
      return { size: t.bytes, align: intVector8 ? dm.intVector8Align : Math.min(t.bytes, dm.maxVectorAlign), fields: [] };
    }
    case 'complex': { // two parts, aligned as one
      const s = scalarInfo(dm, t.base);
      return { size: 2 * s.size, align: s.align, fields: [] };
    }
    case 'bitint':
      return { ...bitIntLayout(dm, t.bits), fields: [] };
    case 'struct':
    case 'union':
      return aggregateLayout(t, dm);
    case 'atomic': { // as gcc lays it out (clang differs: atomicLayoutClang)
      const l = layoutOf(t.of, dm);
      return { size: l.size, align: isPow2(l.size) && l.size <= 16 ? Math.max(l.align, Math.min(l.size, atomicCap(dm))) : l.align, fields: [] };
    }
  }
}

function aggregateLayout(t: Aggregate, dm: DataModel): Layout {
  if (dm.msBitfields) {
    const dialect = dm.msLayout ?? 'gcc';
    if (dialect === 'clang-cl') return msvcLayout(t, dm);
    if (t.kind === 'struct') return msStructLayout(t, dm, dialect);
    if (dialect === 'clang') return clangMsUnionLayout(t, dm);
  }
  // Unions: mingw gcc's Microsoft layout lays them out as here (every member at 0, an unpacked
  // bit-field aligns the union to its type, a zero-width one does nothing, the size is the widest
  // member's bytes); clang and clang-cl do not (clangMsUnionLayout, msvcLayout).
  let bit = 0; // next free bit (structs)
  let maxBits = 0; // unions
  let align = 1;
  const fields: FieldLayout[] = [];
  for (const f of t.fields) {
    const ft = layoutOf(f.type, dm);
    if (f.bits !== undefined) {
      const unitBits = ft.size * 8;
      const alignBits = ft.align * 8;
      if (f.bits === 0) {
        // Zero-width: next field starts at the next boundary of the declared type, even when
        // packed; on SysV x86 an unnamed bit-field does not raise the aggregate's alignment.
        if (t.kind === 'struct') bit = roundUp(bit, alignBits);
        if (dm.zeroWidthBitfieldAligns) align = Math.max(align, ft.align);
        continue;
      }
      // Only the aggregate's packed counts: fieldDecl writes no attributes on a bit-field.
      let at = t.kind === 'union' ? 0 : bit;
      // Unpacked: a bit-field never straddles a naturally aligned unit of its declared type, and
      // its type's alignment is the aggregate's. Packed: next bit, any type (char too), align 1.
      if (!t.packed && (at % alignBits) + f.bits > unitBits) at = roundUp(at, alignBits);
      if (!t.packed) align = Math.max(align, ft.align);
      fields.push({ field: f, bitOffset: at, bitSize: f.bits });
      bit = at + f.bits;
      maxBits = Math.max(maxBits, f.bits);
      continue;
    }
    // Packed (aggregate or field) drops the type's alignment, an aligned(N) on the type included;
    // the field's own aligned(N) survives packed and can only raise alignment.
    let fa = t.packed || f.packed === true ? 1 : ft.align;
    if (f.aligned) fa = Math.max(fa, f.aligned);
    align = Math.max(align, fa);
    const at = t.kind === 'union' ? 0 : roundUp(bit, fa * 8);
    fields.push({ field: f, bitOffset: at, bitSize: ft.size * 8 });
    bit = at + ft.size * 8;
    maxBits = Math.max(maxBits, ft.size * 8);
  }
  // aligned(N) on the aggregate only raises; the size is padded to the alignment (0 stays 0).
  if (t.aligned) align = Math.max(align, t.aligned);
  const bits = t.kind === 'union' ? maxBits : bit;
  return { size: roundUp(Math.ceil(bits / 8), align), align, fields };
}

const isPow2 = (n: number): boolean => n > 0 && (n & (n - 1)) === 0;
/** The widest alignment gcc gives an _Atomic type: 16, 8 on armhf (its vectors' cap too). */
const atomicCap = (dm: DataModel): number => Math.min(16, dm.maxVectorAlign);

/**
 * `_Atomic(T)` as clang lays it out, where gcc does not (measured, sizeof and _Alignof, gcc 12.2 and
 * its cross gccs against clang 19 on all six targets): gcc keeps T's size, and raises the alignment
 * to the size when that is 2, 4, 8 or 16 (armhf: at most 8); clang rounds the size up to a power of
 * two when that is at most the target's widest lock-free atomic (16 bytes on the 64-bit targets, 8
 * on i686 and armhf) and aligns to it, and otherwise keeps T's size and alignment. So
 * `_Atomic struct { char a[3]; }` is 3 bytes 1-aligned with gcc, 4 and 4 with clang; on i686
 * `_Atomic struct { double a, b; }` is 16-aligned with gcc, 4 with clang. Scalars agree. No psABI
 * here states a rule (x86-psABIs/i386-ABI issue 1 asks for one; riscv-elf-psabi-doc PR 112 proposed
 * clang's padding); gcc's is Joseph Myers' description in GCC PR 65145 ("the size is never increased
 * by _Atomic").
 */
export function atomicLayoutClang(t: Extract<CType, { kind: 'atomic' }>, dm: DataModel): { size: number; align: number } {
  const l = layoutOf(t.of, dm);
  const widest = dm.pointer.size === 8 ? 16 : 8;
  if (l.size > widest || l.size === 0) return { size: l.size, align: l.align };
  let p = 1;
  while (p < l.size) p *= 2;
  return { size: p, align: Math.max(l.align, p) };
}

/** Alignment in bits that position `bit` is known to have (gcc's known_align); 0 has any. */
const knownAlign = (bit: number): number => {
  if (bit === 0) return Infinity;
  let a = 1;
  while (bit % (a * 2) === 0) a *= 2;
  return a;
};

/**
 * A struct laid out the Microsoft way, as mingw gcc does it by default (-mms-bitfields; GCC's
 * manual, x86 Options; the facts of gcc/stor-layout.cc place_field and update_alignment_for_field
 * under targetm.ms_bitfield_layout_p). Checked against x86_64-w64-mingw32-gcc in test/.
 *
 * - A bit-field's storage unit is its declared type. A run of adjacent bit-fields whose declared
 *   types have the same size (int and unsigned int; char, unsigned char and _Bool) shares units:
 *   a bit-field that does not fit in what is left of the unit starts the next unit, right after
 *   it. Any other member ends the run, and the rest of its unit stays unused.
 * - A bit-field that starts a unit (first of a run) is placed at its type's alignment (packed: the
 *   next byte), so it never shares bytes with the member before it: `char a; int b : 3` puts b at
 *   byte 4 (SysV: byte 1).
 * - An unpacked bit-field aligns the struct to its type; a packed one (struct packed) does not.
 * - The last member being a bit-field, the struct takes the rest of its unit (packed
 *   `{ char a; int b : 3; }` is 5 bytes).
 * - A zero-width bit-field right after a bit-field ends the run (the rest of the unit is unused),
 *   moves the next member to its own type's alignment when its type's size differs from the run's
 *   (packed: to the next byte), and raises the struct's alignment to its type's, even in a packed
 *   struct. Anywhere else (first in the struct, after a non-bit-field member, after another
 *   zero-width one) it does nothing at all. It counts as a member: a bit-field before it is not
 *   the last one.
 * - Non-bit-field members are placed as GCC does (packed, aligned(N) on the field or the type),
 *   except that, ending a run, they come after its whole unit. (The member's aligned(N) is met
 *   unless the run's end was already known to be aligned enough at the last bit-field's end,
 *   gcc's known_align quirk; kept for exactness.)
 * - Zero-size members (zero-length arrays, empty structs) are ordinary members: they end a run.
 *
 * With `dialect` 'clang', structs as clang for x86_64-w64-mingw32 lays them out (its Itanium
 * record layout builder in ms_struct mode, on by default for *-windows-gnu:
 * clang/lib/AST/RecordLayoutBuilder.cpp, ItaniumRecordLayoutBuilder::LayoutBitField and
 * LayoutField under IsMsStruct). The same rules, but:
 * - packed does not reach bit-fields at all: a unit starts at its type's alignment and the struct
 *   takes that alignment, packed or not (packed `{ char a; int b : 3; }` is 8 bytes, 4-aligned, b
 *   at byte 4; mingw gcc: 5 bytes, 1-aligned, b at byte 1). A zero-width bit-field after a
 *   bit-field, likewise, moves the next member to its type's alignment even in a packed struct.
 * - a member after a run starts after the whole unit at its own alignment, aligned(N) included
 *   (mingw gcc's known_align quirk cannot arise anyway: clang's units end aligned).
 * Unions: clangMsUnionLayout. clang-cl: msvcLayout.
 */
function msStructLayout(t: Aggregate, dm: DataModel, dialect: 'gcc' | 'clang'): Layout {
  // Whether packed reaches bit-fields (zero-width ones included): mingw gcc's, not clang's.
  const bitfieldsPacked = t.packed && dialect === 'gcc';
  let bit = 0; // next free bit
  let align = 1;
  // The open run (gcc's prev_field): 'none' after a non-bit-field member and at the start, 'zero'
  // after a zero-width bit-field, or the bit-size of the run's declared type.
  let run: number | 'none' | 'zero' = 'none';
  let left = 0; // bits left in the run's current unit
  const fields: FieldLayout[] = [];
  t.fields.forEach((f, i) => {
    const ft = layoutOf(f.type, dm);
    const typeBits = ft.size * 8;
    const known = knownAlign(bit);
    const inRun = typeof run === 'number';
    if (f.bits === 0) {
      // Zero-width: counts only right after a bit-field (fieldDecl writes no attributes on it, and
      // packed does not stop it raising the alignment).
      if (typeof run === 'number') {
        align = Math.max(align, ft.align);
        bit += left;
        // Of the run's size: no rounding needed (clang's units start at their type's alignment).
        if (run !== typeBits) bit = roundUp(bit, bitfieldsPacked ? 8 : ft.align * 8);
      }
      run = 'zero';
      return;
    }
    if (f.bits !== undefined) {
      // Only the struct's packed counts: fieldDecl writes no attributes on a bit-field.
      if (!bitfieldsPacked) align = Math.max(align, ft.align);
      if (run === typeBits) {
        if (left < f.bits) { // the next unit, right after this one
          bit += left;
          left = typeBits - f.bits;
        } else left -= f.bits;
      } else {
        if (inRun) bit += left;
        left = typeBits - f.bits;
        bit = roundUp(bit, bitfieldsPacked ? 8 : ft.align * 8);
        run = typeBits;
      }
      fields.push({ field: f, bitOffset: bit, bitSize: f.bits });
      bit += f.bits;
      if (i === t.fields.length - 1) bit += left;
      return;
    }
    // Packed (struct or field) drops the type's alignment, an aligned(N) on the type included; the
    // field's own aligned(N) survives packed and can only raise alignment.
    const packed = t.packed || f.packed === true;
    let fa = packed ? 1 : ft.align;
    if (f.aligned) fa = Math.max(fa, f.aligned);
    align = Math.max(align, fa);
    if (inRun) bit += left;
    if (dialect === 'clang' || known < fa * 8) bit = roundUp(bit, fa * 8);
    bit = roundUp(bit, packed ? 8 : ft.align * 8);
    run = 'none';
    left = 0;
    fields.push({ field: f, bitOffset: bit, bitSize: typeBits });
    bit += typeBits;
  });
  // aligned(N) on the struct only raises; the size is padded to the alignment (0 stays 0).
  if (t.aligned) align = Math.max(align, t.aligned);
  return { size: roundUp(Math.ceil(bit / 8), align), align, fields };
}

/**
 * A union as clang for x86_64-w64-mingw32 lays it out in ms_struct mode (ItaniumRecordLayoutBuilder
 * ::LayoutBitField, IsMsStruct && IsUnion). Members that are not bit-fields as in GCC (every one at
 * 0, packed and aligned(N) as in a struct). A bit-field takes its type's whole size but gives the
 * union no alignment, packed or not (`union { char a; int b : 3; }` is 4 bytes, 1-aligned; mingw
 * gcc: 4-aligned); a zero-width one takes a byte (`union { short : 0; }` is 1 byte; mingw gcc: 0).
 */
function clangMsUnionLayout(t: Aggregate, dm: DataModel): Layout {
  let bytes = 0;
  let align = 1;
  const fields: FieldLayout[] = [];
  for (const f of t.fields) {
    const ft = layoutOf(f.type, dm);
    if (f.bits === 0) {
      bytes = Math.max(bytes, 1);
      continue;
    }
    if (f.bits !== undefined) {
      fields.push({ field: f, bitOffset: 0, bitSize: f.bits });
      bytes = Math.max(bytes, ft.size);
      continue;
    }
    let fa = t.packed || f.packed === true ? 1 : ft.align;
    if (f.aligned) fa = Math.max(fa, f.aligned);
    align = Math.max(align, fa);
    fields.push({ field: f, bitOffset: 0, bitSize: ft.size * 8 });
    bytes = Math.max(bytes, ft.size);
  }
  if (t.aligned) align = Math.max(align, t.aligned);
  return { size: roundUp(bytes, align), align, fields };
}

/**
 * The required alignment of clang-cl's layouts (MicrosoftRecordLayoutBuilder's RequiredAlignment:
 * what __declspec(align) or, in clang, an aligned(N) imposes), by aggregate layout.
 */
const msvcRequired = new WeakMap<Layout, number>();

/**
 * The alignment a member of type `t` requires in clang-cl's layout, which packed (the struct's or
 * the member's) does not lower (getAdjustedElementInfo): an aggregate's whole alignment if it has
 * aligned(N) itself (the type's alignment is then "required"), else what its members require
 * (1: nothing); arrays as their element; other types require nothing.
 */
function msvcTypeRequires(t: CType, dm: DataModel): number {
  if (t.kind === 'array') return msvcTypeRequires(t.elem, dm);
  if (t.kind !== 'struct' && t.kind !== 'union') return 1;
  const l = layoutOf(t, dm);
  return t.aligned ? l.align : (msvcRequired.get(l) ?? 1);
}

/**
 * A struct or union as clang-cl lays it out: the Microsoft record layout builder, MSVC's rules, C
 * mode (clang/lib/AST/RecordLayoutBuilder.cpp, MicrosoftRecordLayoutBuilder::layout, layoutField,
 * layoutBitField, layoutZeroWidthBitField, getAdjustedElementInfo, finalizeLayout). Checked
 * against clang-19 --driver-mode=cl --target=x86_64-pc-windows-msvc in test/.
 *
 * - Bit-fields: units of their declared type as mingw gcc has them (a run of bit-fields of types of
 *   the same size shares units; a bit-field that does not fit starts the next unit; any other
 *   member ends the run; the last unit is taken whole). A new unit starts at the type's alignment
 *   (packed struct: the next byte) and aligns the struct to it unless packed.
 * - A zero-width bit-field counts only right after a bit-field: the next member goes to its type's
 *   alignment, which the struct takes; packed: neither (mingw gcc aligns a packed struct to it).
 * - Members: at their alignment after whatever came before (a run's whole unit), aligned(N)
 *   always met (no known_align quirk). Packed (the struct's or the member's) makes it 1, but never
 *   below what the member requires: its own aligned(N), the alignment of an aggregate type that has
 *   aligned(N), or what such members of the aggregate require (msvcTypeRequires). GCC drops all
 *   but the member's own aligned(N): packed `{ char a; S16 b; }`, S16 16-aligned by an attribute,
 *   has b at 16, not 1. A required alignment raises the struct's even when packed.
 * - Unions: every member at 0. A bit-field takes its type's whole size and gives no alignment; a
 *   zero-width one right after a bit-field takes its type's size.
 * - Empty (no members of size, zero-width bit-fields ignored): 4 bytes in C, or the alignment if
 *   aligned(N) asks for at least 4: `struct {}` is 4 bytes, 1-aligned; an empty member occupies 4
 *   bytes (GCC: 0).
 */
function msvcLayout(t: Aggregate, dm: DataModel): Layout {
  const union = t.kind === 'union';
  let size = 0; // bytes
  let align = 1;
  let required = 1; // RequiredAlignment: 1 in 64-bit mode
  let lastBitfield = false; // the last member was a bit-field of non-zero width
  let unitBytes = 0; // its unit's size
  let left = 0; // bits left in that unit
  const fields: FieldLayout[] = [];
  for (const f of t.fields) {
    const ft = layoutOf(f.type, dm);
    if (f.bits === 0) {
      if (!lastBitfield) continue;
      lastBitfield = false;
      const fa = t.packed ? 1 : ft.align;
      if (union) size = Math.max(size, ft.size);
      else {
        size = roundUp(size, fa);
        align = Math.max(align, fa);
      }
      continue;
    }
    if (f.bits !== undefined) {
      const fa = t.packed ? 1 : ft.align;
      if (!union && lastBitfield && unitBytes === ft.size && f.bits <= left) {
        fields.push({ field: f, bitOffset: size * 8 - left, bitSize: f.bits });
        left -= f.bits;
        continue;
      }
      lastBitfield = true;
      unitBytes = ft.size;
      if (union) {
        fields.push({ field: f, bitOffset: 0, bitSize: f.bits });
        size = Math.max(size, ft.size);
      } else {
        const at = roundUp(size, fa);
        fields.push({ field: f, bitOffset: at * 8, bitSize: f.bits });
        size = at + ft.size;
        align = Math.max(align, fa);
        left = ft.size * 8 - f.bits;
      }
      continue;
    }
    lastBitfield = false;
    const requires = Math.max(f.aligned ?? 1, msvcTypeRequires(f.type, dm));
    required = Math.max(required, requires);
    const fa = Math.max(t.packed || f.packed === true ? 1 : ft.align, requires);
    align = Math.max(align, fa);
    const at = union ? 0 : roundUp(size, fa);
    fields.push({ field: f, bitOffset: at * 8, bitSize: ft.size * 8 });
    size = Math.max(size, at + ft.size);
  }
  size = roundUp(size, align);
  if (t.aligned) required = Math.max(required, t.aligned);
  align = Math.max(align, required);
  size = roundUp(size, t.packed ? required : align);
  if (size === 0) size = required >= 4 ? align : 4;
  const l: Layout = { size, align, fields };
  msvcRequired.set(l, required);
  return l;
}
