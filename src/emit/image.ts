// A planned value as the bytes of the object in memory (little-endian, every target here): each
// leaf at its offset (bit-fields at their bit, enums as their int or wide integer, pointers as relocations to their
// pointee's symbol), every other byte (padding, the unused part of a union, x87 padding never
// written by a leaf) poison. What the emitted assembly loads into registers and stores on the stack.
import type { DataModel } from '../model/data-model.js';
import { layoutOf } from '../model/layout.js';
import { activeMember, leavesOf } from '../model/leaves.js';
import { enumBits, enumWidth, functionTarget, type CType } from '../model/types.js';
import type { PlannedLeaf, PlannedValue } from './plan.js';

/** Bytes nobody's value owns: distinct from the runtime's stack poison (0xa5) and from every leaf's first byte pattern. */
export const POISON = 0x5c;

export interface Reloc {
  offset: number;
  size: number;
  symbol: string;
}

export interface Image {
  bytes: Uint8Array;
  /** Pointer-sized slots that hold the address of a symbol (a pointee object). */
  relocs: Reloc[];
}

/** Leaves of `t` in leavesOf order, each with where it sits in the object. */
interface Placed {
  leaf: PlannedLeaf;
  byte: number;
  /** Bit offset within the object (bit-fields). */
  bit: number;
}

function place(t: CType, leaves: PlannedLeaf[], at: { next: number }, byte: number, dm: DataModel, out: Placed[]): void {
  switch (t.kind) {
    case 'struct':
    case 'union': {
      const l = layoutOf(t, dm);
      const fields = t.kind === 'union' ? l.fields.filter((f) => f.field === activeMember(t, dm)) : l.fields;
      for (const f of fields) {
        if (f.field.bits === 0) continue;
        if (f.field.bits !== undefined) {
          out.push({ leaf: leaves[at.next++]!, byte: byte + Math.floor(f.bitOffset / 8), bit: byte * 8 + f.bitOffset });
          continue;
        }
        place(f.field.type, leaves, at, byte + f.bitOffset / 8, dm, out);
      }
      return;
    }
    case 'array': {
      const size = layoutOf(t.elem, dm).size;
      for (let i = 0; i < t.count; i++) place(t.elem, leaves, at, byte + i * size, dm, out);
      return;
    }
    case 'pointer': {
      out.push({ leaf: leaves[at.next++]!, byte, bit: byte * 8 });
      at.next += leavesOf(t.to, '', '', dm).length; // the pointee's leaves belong to another object
      return;
    }
    default:
      out.push({ leaf: leaves[at.next++]!, byte, bit: byte * 8 });
  }
}

/** Bits [bit, bit + width) of `bytes` (little-endian) set to `value`'s low bits. */
export function setBits(bytes: Uint8Array, bit: number, width: number, value: bigint): void {
  for (let i = 0; i < width; i++) {
    const b = bit + i;
    const on = (value >> BigInt(i)) & 1n;
    bytes[b >> 3] = on ? bytes[b >> 3]! | (1 << (b & 7)) : bytes[b >> 3]! & ~(1 << (b & 7));
  }
}

/** The object image of `v` (the pointee objects of its pointers are separate symbols). */
export function imageOf(v: PlannedValue, dm: DataModel): Image {
  const size = layoutOf(v.type, dm).size;
  const bytes = new Uint8Array(size).fill(POISON);
  const relocs: Reloc[] = [];
  const placed: Placed[] = [];
  place(v.type, v.leaves, { next: 0 }, 0, dm, placed);
  for (const { leaf, byte, bit } of placed) {
    switch (leaf.kind) {
      case 'bytes':
        bytes.set(leaf.bytes, byte);
        break;
      case 'bits':
        setBits(bytes, bit, leaf.width, leaf.value);
        break;
      case 'enum': {
        const width = enumWidth(leaf.type);
        const n = enumBits(leaf.type, leaf.index);
        for (let i = 0; i < width; i++) bytes[byte + i] = Number((n >> BigInt(8 * i)) & 0xffn);
        break;
      }
      case 'pointer':
      case 'function':
        relocs.push({ offset: byte, size: dm.pointer.size, symbol: leaf.kind === 'pointer' ? leaf.object : functionTarget(leaf.target) });
        bytes.fill(0, byte, byte + dm.pointer.size);
        break;
    }
  }
  return { bytes, relocs };
}
