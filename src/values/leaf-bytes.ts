// Deterministic bytes for every leaf, derived from (function, leaf ordinal). Byte 0 of every
// multi-byte integer is the leaf's ordinal, so a misread byte names the leaf it came from.
// Floats are always normal numbers (never NaN, infinity or subnormal); x87 long double has its
// explicit integer bit set; _Bool is 0 or 1; bit-fields are masked to their width.
import type { Element, Leaf } from '../model/leaves.js';
import { FUNCTION_TARGETS, type FloatFormat } from '../model/types.js';

/** A small integer hash (xorshift-multiply) of the inputs: stable on every host. */
export function mix(...xs: number[]): number {
  let h = 0x9e3779b9;
  for (const x of xs) {
    h = Math.imul(h ^ (x >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

const FLOAT_BITS: Record<FloatFormat, { exp: number; mant: number; explicitInt: boolean }> = {
  binary16: { exp: 5, mant: 10, explicitInt: false },
  bfloat16: { exp: 8, mant: 7, explicitInt: false },
  binary32: { exp: 8, mant: 23, explicitInt: false },
  binary64: { exp: 11, mant: 52, explicitInt: false },
  x87: { exp: 15, mant: 64, explicitInt: true },
  binary128: { exp: 15, mant: 112, explicitInt: false },
};

/** Bytes of one bytes-leaf; only the bytes each element's valueBytes covers are significant. */
export function leafBytes(fn: number, ordinal: number, leaf: Extract<Leaf, { kind: 'bytes' }>): Uint8Array {
  const out = new Uint8Array(leaf.size);
  leaf.elements.forEach((el, i) => out.set(elementBytes(fn, ordinal, i, el), el.offset));
  return out;
}

function elementBytes(fn: number, ordinal: number, index: number, el: Element): Uint8Array {
  const bytes = new Uint8Array(el.size);
  for (let i = 0; i < el.size; i++) bytes[i] = mix(fn, ordinal, index, i) & 0xff;
  if (el.bool) return Uint8Array.of(mix(fn, ordinal, index) & 1);
  if (el.float) return floatBytes(el.float, el.size, bytes, ordinal, index);
  bytes[0] = (ordinal + index * 0x40) & 0xff;
  return bytes;
}

function floatBytes(fmt: FloatFormat, size: number, noise: Uint8Array, ordinal: number, index: number): Uint8Array {
  const f = FLOAT_BITS[fmt];
  let mant = 0n;
  for (let i = noise.length - 1; i >= 0; i--) mant = (mant << 8n) | BigInt(noise[i]!);
  // The mantissa's low byte is the ordinal, as for integers.
  mant = ((mant >> 8n) << 8n) | BigInt((ordinal + index * 0x40) & 0xff);
  mant &= (1n << BigInt(f.mant)) - 1n;
  if (f.explicitInt) mant |= 1n << BigInt(f.mant - 1);
  const bias = (1 << (f.exp - 1)) - 1;
  const exp = BigInt(bias - 3 + (noise[1]! % 8)); // 2^-3 .. 2^4: normal in every format
  const sign = BigInt(noise[2]! & 1);
  const bits = (((sign << BigInt(f.exp)) | exp) << BigInt(f.mant)) | mant;
  const out = new Uint8Array(size);
  for (let i = 0, v = bits; i < size; i++, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
}

/** The value of a bit-field or `_BitInt` leaf, as an unsigned pattern of `width` bits. */
export function bitsValue(fn: number, ordinal: number, width: number): bigint {
  let raw = (BigInt(mix(fn, ordinal, 1)) << 32n) | BigInt(mix(fn, ordinal, 2));
  // Wider than 64 bits (_BitInt): more 32-bit words above; the low 64 bits stay what they were.
  for (let k = 2; 32 * k < width; k++) raw |= BigInt(mix(fn, ordinal, 0x100 + k)) << BigInt(32 * k);
  return (raw ^ BigInt(ordinal)) & ((1n << BigInt(width)) - 1n);
}

/** Which enumerator an enum leaf holds. */
export function enumIndex(fn: number, ordinal: number, count: number): number {
  return mix(fn, ordinal, 3) % count;
}

/** Which function target a function-pointer leaf points at: 0..FUNCTION_TARGETS-1. */
export function functionTargetIndex(fn: number, ordinal: number): number {
  return mix(fn, ordinal, 0xf7) % FUNCTION_TARGETS;
}
