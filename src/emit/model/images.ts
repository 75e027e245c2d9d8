// What the model caller puts where, ISA-independent: for every register a plan fills, the whole
// register's bytes (the value's part at byte 0, poison above it unless the psABI prescribes an
// extension); the outgoing stack area's bytes; the caller-made copies that by-reference arguments
// point at; the hidden return pointer. The ISA emitters turn these into loads and stores.
import type { ArgLocation, CallPlan, Extension, RegPart } from '../../abi/location.js';
import { imageOf, POISON, setBits, type Image, type Reloc } from '../image.js';
import type { FunctionPlan, PlannedValue } from '../plan.js';
import type { DataModel } from '../../model/data-model.js';

export interface RegisterLoad {
  reg: string;
  image: Image;
  /** Which argument bytes it carries and why, for the comment beside the load. */
  comment: string;
}

export interface CallerImages {
  regs: RegisterLoad[];
  /** The outgoing argument area from offset 0 (home area included), poison where nothing goes. */
  stack: Image;
  /** What each stack range holds, for comments. */
  stackNotes: { offset: number; size: number; comment: string }[];
  /** Caller-made copies that by-reference arguments point at. */
  copies: { label: string; image: Image; comment: string }[];
}

export type ImagesResult = { ok: true; images: CallerImages } | { ok: false; reason: string };

/** `n` bytes of poison. */
const poison = (n: number): Image => ({ bytes: new Uint8Array(n).fill(POISON), relocs: [] });

/** Bytes [from, to) of `img`, relocations moved along; null when a relocation straddles the cut. */
function slice(img: Image, from: number, to: number): Image | null {
  const relocs: Reloc[] = [];
  for (const r of img.relocs) {
    if (r.offset + r.size <= from || r.offset >= to) continue;
    if (r.offset < from || r.offset + r.size > to) return null;
    relocs.push({ ...r, offset: r.offset - from });
  }
  return { bytes: img.bytes.slice(from, to), relocs };
}

/** Writes `part` into `into` at `at`. */
function put(into: Image, at: number, part: Image): void {
  into.bytes.set(part.bytes, at);
  into.relocs.push(...part.relocs.map((r) => ({ ...r, offset: r.offset + at })));
}

function extend(img: Image, valueBytes: number, e: Extension | undefined): void {
  if (!e) return;
  if (e.fromBit !== undefined) return extendBits(img, e.fromBit, e);
  const top = valueBytes > 0 ? img.bytes[valueBytes - 1]! : 0;
  const fill = e.kind === 'zero' ? 0 : e.kind === 'ones' ? 0xff : top & 0x80 ? 0xff : 0;
  img.bytes.fill(fill, valueBytes, Math.min(e.toBytes, img.bytes.length));
}

/** Bits [from, 8 * e.toBytes) of `img` as `e` says: zeros, ones, or copies of bit from - 1. */
function extendBits(img: Image, from: number, e: Extension): void {
  const on = e.kind === 'zero' ? false : e.kind === 'ones' ? true : from > 0 && ((img.bytes[(from - 1) >> 3]! >> ((from - 1) & 7)) & 1) === 1;
  const width = Math.min(8 * e.toBytes, 8 * img.bytes.length) - from;
  if (width > 0) setBits(img.bytes, from, width, on ? (1n << BigInt(width)) - 1n : 0n);
}

/** A pointer-sized image holding the address of `symbol`. */
export function pointerImage(symbol: string, dm: DataModel): Image {
  return { bytes: new Uint8Array(dm.pointer.size), relocs: [{ offset: 0, size: dm.pointer.size, symbol }] };
}

export const byteRange = (p: { from: number; to: number }): string => (p.to - p.from === 1 ? `byte ${p.from}` : `bytes ${p.from}-${p.to - 1}`);

export function callerImages(
  fp: FunctionPlan, plan: CallPlan, dm: DataModel, width: (reg: string) => number, labels: { copy(k: number): string; ret: string },
): ImagesResult {
  const regs: RegisterLoad[] = [];
  const stack = poison(Math.ceil(plan.stackBytes / dm.pointer.size) * dm.pointer.size);
  const stackNotes: CallerImages['stackNotes'] = [];
  const copies: CallerImages['copies'] = [];
  let trouble: string | null = null;

  const toReg = (p: RegPart, img: Image, what: string, why: string): void => {
    const part = slice(img, p.from, p.to);
    if (!part) return void (trouble ??= `a pointer of ${what} is split across registers`);
    const r = poison(width(p.reg));
    put(r, 0, part);
    extend(r, p.to - p.from, p.extend);
    regs.push({ reg: p.reg, image: r, comment: `${what} ${byteRange(p)}${p.extend ? ` (${p.extend.kind}-extended)` : ''}: ${why}` });
  };
  const toStack = (offset: number, img: Image, what: string): void => {
    if (offset + img.bytes.length > stack.bytes.length) return void (trouble ??= `${what} lies beyond the argument area`);
    put(stack, offset, img);
    stackNotes.push({ offset, size: img.bytes.length, comment: what });
  };
  const placeValue = (loc: ArgLocation, img: Image, what: string): void => {
    switch (loc.kind) {
      case 'regs':
        loc.parts.forEach((p) => toReg(p, img, what, loc.why));
        break;
      case 'stack': {
        const value = slice(img, 0, loc.size) ?? img;
        if (!loc.extend) {
          toStack(loc.offset, value, what);
          break;
        }
        const slot = poison(Math.max(loc.size, loc.extend.toBytes));
        put(slot, 0, value);
        extend(slot, loc.size, loc.extend);
        toStack(loc.offset, slot, `${what} (${loc.extend.kind}-extended)`);
        break;
      }
      case 'split': {
        loc.parts.forEach((p) => toReg(p, img, what, loc.why));
        const from = loc.parts[loc.parts.length - 1]?.to ?? 0;
        const rest = slice(img, from, img.bytes.length);
        if (!rest) trouble ??= `a pointer of ${what} is split between a register and the stack`;
        else toStack(loc.stackOffset, rest, `${what} bytes ${from}- (after the registers)`);
        break;
      }
      case 'by-ref':
      case 'ignored':
        break;
    }
  };
  const values: PlannedValue[] = [...fp.args, ...fp.variadic];
  plan.args.forEach((loc, k) => {
    const v = values[k]!;
    const what = `${v.path}`;
    if (loc.kind === 'by-ref') {
      const label = labels.copy(k);
      copies.push({ label, image: imageOf(v, dm), comment: `${what}: the caller's copy (${loc.why})` });
      placeValue(loc.pointer, pointerImage(label, dm), `${what} (pointer to the copy)`);
      return;
    }
    placeValue(loc, imageOf(v, dm), what);
  });
  if (plan.ret.kind === 'sret') placeValue(plan.ret.pointer, pointerImage(labels.ret, dm), 'ret (hidden pointer)');
  return trouble ? { ok: false, reason: trouble } : { ok: true, images: { regs, stack, stackNotes, copies } };
}
