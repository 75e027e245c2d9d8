// Offsets, sizes, padding and bit-field placement as GCC lays them out (SysV psABI
// "Bit-Fields", plus GCC's packed / aligned(N) extensions), and structs the Microsoft way where the
// data model says so (msBitfields: mingw gcc's default -mms-bitfields). Pure: checked against gcc
// in test/.
import { scalarInfo, type DataModel } from './data-model.js';
import type { Aggregate, CType, Field } from './types.js';

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
    case 'enum':
      return { size: 4, align: 4, fields: [] };
    case 'pointer':
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
    case 'struct':
    case 'union':
      return aggregateLayout(t, dm);
  }
}

function aggregateLayout(t: Aggregate, dm: DataModel): Layout {
  if (dm.msBitfields && t.kind === 'struct') return msStructLayout(t, dm);
  // Unions: mingw gcc's Microsoft layout lays them out as here (every member at 0, an unpacked
  // bit-field aligns the union to its type, a zero-width one does nothing, the size is the widest
  // member's bytes); clang and clang-cl do not (msStructLayout).
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
 * The other Windows compilers differ from mingw gcc, and the model follows mingw gcc, the target's
 * gcc. clang for x86_64-w64-mingw32 (its Itanium layout builder in ms_struct mode) ignores packed
 * for bit-fields (packed `{ char a; int b : 3; }` is 8 bytes, 4-aligned). clang-cl (its
 * MicrosoftRecordLayoutBuilder) does not raise a packed struct's alignment for a zero-width
 * bit-field, meets aligned(N) after a run, and makes empty structs (no members, zero-width
 * bit-fields or zero-length arrays only) 4 bytes in C. Both give unions with bit-fields no
 * alignment from them and the bit-field type's whole size (`union { char a; int b : 3; }` is
 * 4 bytes, 1-aligned); clang-cl also sizes a union by a zero-width bit-field's type.
 */
function msStructLayout(t: Aggregate, dm: DataModel): Layout {
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
        if (run !== typeBits) bit = roundUp(bit, t.packed ? 8 : ft.align * 8);
      }
      run = 'zero';
      return;
    }
    if (f.bits !== undefined) {
      // Only the struct's packed counts: fieldDecl writes no attributes on a bit-field.
      if (!t.packed) align = Math.max(align, ft.align);
      if (run === typeBits) {
        if (left < f.bits) { // the next unit, right after this one
          bit += left;
          left = typeBits - f.bits;
        } else left -= f.bits;
      } else {
        if (inRun) bit += left;
        left = typeBits - f.bits;
        bit = roundUp(bit, t.packed ? 8 : ft.align * 8);
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
    if (known < fa * 8) bit = roundUp(bit, fa * 8);
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
