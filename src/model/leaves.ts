// Flatten a value of a C type into the leaves the checks compare: one per scalar, vector,
// complex, bit-field, enum, pointer and function pointer, each with its path ("arg3.f2[1].x") and C lvalue.
import { scalarInfo, type DataModel } from './data-model.js';
import { layoutOf } from './layout.js';
import type { Aggregate, CType, FloatFormat } from './types.js';

/** One element of a bytes leaf: an integer, a float, a _Bool; vectors and complexes have several. */
export interface Element {
  offset: number;
  size: number;
  /** Bytes that carry the value; the rest (x87 padding) is never compared. */
  valueBytes: number;
  float?: FloatFormat;
  bool?: boolean;
}

export type Leaf =
  | { kind: 'bytes'; path: string; expr: string; size: number; elements: Element[] }
  /** A bit-field, or a `_BitInt` (`bitint`: its value is set and checked in 64-bit chunks, any width). */
  | { kind: 'bits'; path: string; expr: string; width: number; bitint?: boolean }
  | { kind: 'enum'; path: string; expr: string; type: Extract<CType, { kind: 'enum' }> }
  /** The pointer itself; its pointee follows as a separate bytes leaf with path "*<path>". */
  | { kind: 'pointer'; path: string; expr: string; to: CType }
  /** A function pointer: the address of one of the runtime's function targets. */
  | { kind: 'function'; path: string; expr: string };

export function leavesOf(t: CType, expr: string, path: string, dm: DataModel, out: Leaf[] = []): Leaf[] {
  switch (t.kind) {
    case 'scalar': {
      const s = scalarInfo(dm, t.name);
      const el: Element = { offset: 0, size: s.size, valueBytes: s.valueBytes };
      if (s.float) el.float = s.float;
      if (t.name === '_Bool') el.bool = true;
      out.push({ kind: 'bytes', path, expr, size: s.size, elements: [el] });
      break;
    }
    case 'enum':
      out.push({ kind: 'enum', path, expr, type: t });
      break;
    case 'bitint':
      out.push({ kind: 'bits', path, expr, width: t.bits, bitint: true });
      break;
    case 'fnptr':
      out.push({ kind: 'function', path, expr });
      break;
    case 'pointer':
      out.push({ kind: 'pointer', path, expr, to: t.to });
      leavesOf(t.to, `(*${expr})`, `*${path}`, dm, out);
      break;
    case 'vector': {
      const s = scalarInfo(dm, t.elem);
      const elements: Element[] = [];
      for (let off = 0; off < t.bytes; off += s.size) {
        const el: Element = { offset: off, size: s.size, valueBytes: s.valueBytes };
        if (s.float) el.float = s.float;
        elements.push(el);
      }
      out.push({ kind: 'bytes', path, expr, size: t.bytes, elements });
      break;
    }
    case 'complex': {
      const s = scalarInfo(dm, t.base);
      const el = (offset: number): Element => ({ offset, size: s.size, valueBytes: s.valueBytes, float: s.float! });
      out.push({ kind: 'bytes', path, expr, size: 2 * s.size, elements: [el(0), el(s.size)] });
      break;
    }
    case 'array':
      for (let i = 0; i < t.count; i++) leavesOf(t.elem, `${expr}[${i}]`, `${path}[${i}]`, dm, out);
      break;
    case 'struct':
      for (const f of t.fields) fieldLeaves(f, expr, path, dm, out);
      break;
    case 'union': {
      const m = activeMember(t, dm);
      if (m) fieldLeaves(m, expr, path, dm, out);
      break;
    }
    case 'atomic': {
      // Its members have no lvalues of their own (C11 6.5.2.3p5): one leaf of the whole object, its
      // elements the scalars of T at their offsets; the bytes an atomic layout pads with are not in it.
      const elements = atomicElements(t.of, 0, dm);
      out.push({ kind: 'bytes', path, expr, size: layoutOf(t.of, dm).size, elements });
      break;
    }
  }
  return out;
}

/** The scalars of an _Atomic's type (a scalar, or a struct of scalars and scalar arrays), at their offsets. */
function atomicElements(t: CType, at: number, dm: DataModel): Element[] {
  if (t.kind === 'scalar') {
    const s = scalarInfo(dm, t.name);
    const el: Element = { offset: at, size: s.size, valueBytes: s.valueBytes };
    if (s.float) el.float = s.float;
    if (t.name === '_Bool') el.bool = true;
    return [el];
  }
  if (t.kind === 'array') {
    const size = layoutOf(t.elem, dm).size;
    return Array.from({ length: t.count }, (_, i) => atomicElements(t.elem, at + i * size, dm)).flat();
  }
  if (t.kind === 'struct') return layoutOf(t, dm).fields.flatMap((f) => atomicElements(f.field.type, at + f.bitOffset / 8, dm));
  throw new Error(`internal: _Atomic of a ${t.kind}`);
}

function fieldLeaves(f: Aggregate['fields'][number], expr: string, path: string, dm: DataModel, out: Leaf[]): void {
  if (f.bits === 0) return;
  if (f.bits !== undefined) {
    out.push({ kind: 'bits', path: `${path}.${f.name}`, expr: `${expr}.${f.name}`, width: f.bits });
    return;
  }
  leavesOf(f.type, `${expr}.${f.name}`, `${path}.${f.name}`, dm, out);
}

/** The member a union value is written through: the largest, the first of equals. */
export function activeMember(t: Aggregate, dm: DataModel): Aggregate['fields'][number] | undefined {
  let best: Aggregate['fields'][number] | undefined;
  let bestBits = -1;
  for (const f of t.fields) {
    if (f.bits === 0) continue;
    const bits = f.bits ?? layoutOf(f.type, dm).size * 8;
    if (bits > bestBits) (best = f), (bestBits = bits);
  }
  return best;
}

/** A leaf path taken apart: "*arg3.f2[1].x" is the pointee of argument 3, field f2, element 1, field x. */
export interface LeafPath {
  /** Reached through a pointer (a "*" prefix, one per pointer). */
  pointee: boolean;
  /** The argument's position, or "ret". */
  root: number | 'ret';
  steps: ({ field: string } | { element: number })[];
}

export function parseLeafPath(path: string): LeafPath | null {
  const m = /^(\**)(?:arg(\d+)|(ret))(.*)$/.exec(path);
  if (!m) return null;
  const steps = [...m[4]!.matchAll(/\.([A-Za-z_]\w*)|\[(\d+)\]/g)].map((s) => (s[1] ? { field: s[1] } : { element: Number(s[2]) }));
  return { pointee: m[1] !== '', root: m[3] ? 'ret' : Number(m[2]), steps };
}
