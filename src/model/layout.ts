// Offsets, sizes, padding and bit-field placement as GCC lays them out (SysV psABI
// "Bit-Fields", plus GCC's packed / aligned(N) extensions). Pure: checked against gcc in test/.
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
