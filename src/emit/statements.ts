// C statements that build a planned value (the side that sends it) and check it (the side
// that receives it). Checks go through the runtime, which prints one line per mismatch.
import { bytesLiteral, typeName } from './c-types.js';
import { enumBits, enumWidth, functionTarget, functionTargetResult } from '../model/types.js';
import type { PlannedLeaf, PlannedValue } from './plan.js';

/** Which side a check reports from, in the runtime's protocol (harness/runtime/runtime.c). */
export const REPORTING_SIDE = { callee: 0, caller: 1 } as const;

const cstr = (s: string): string => JSON.stringify(s);
/** The argument a function-pointer leaf is called with. */
const FN_PROBE = 7;
const mask = (width: number): string => `0x${((1n << BigInt(width)) - 1n).toString(16)}ULL`;

/** A bits value in 64-bit chunks, lowest first: what C can write as `unsigned long long` literals. */
export function chunks64(value: bigint, width: number): { shift: number; width: number; value: bigint }[] {
  const out = [];
  for (let shift = 0; shift < width; shift += 64)
    out.push({ shift, width: Math.min(64, width - shift), value: (value >> BigInt(shift)) & ((1n << 64n) - 1n) });
  return out;
}

/** `value` as a C expression of type `unsigned _BitInt(width)` (wider than 64 bits: built from chunks). */
export function bitIntLiteral(value: bigint, width: number): string {
  const t = `(unsigned _BitInt(${width}))`;
  return chunks64(value, width)
    .map((c) => (c.shift ? `(${t}0x${c.value.toString(16)}ULL << ${c.shift})` : `${t}0x${c.value.toString(16)}ULL`))
    .join(' | ');
}

/** The checks of one bits leaf as (got, want) pairs of `unsigned long long` expressions, 64 bits each. */
export function bitsChecks(l: { expr: string; width: number; value: bigint }): [string, string][] {
  return chunks64(l.value, l.width).map((c) => [
    `(unsigned long long)(${c.shift ? `(${l.expr}) >> ${c.shift}` : l.expr}) & ${mask(c.width)}`,
    `0x${c.value.toString(16)}ULL`,
  ]);
}

/**
 * Statements that give `v.variable` every leaf's planned value. `cplusplus`: the sources are compiled
 * as C++ too (a pair with a C++ side), whose abi.h has ABIFUZZ_SET_BITS (src/emit/cxx.ts).
 */
export function buildValue(v: PlannedValue, cplusplus = false): string[] {
  const out = [`abifuzz_zero(&${v.variable}, sizeof ${v.variable});`];
  for (const l of v.leaves) out.push(setLeaf(l, cplusplus));
  return out;
}

function setLeaf(l: PlannedLeaf, cplusplus: boolean): string {
  switch (l.kind) {
    case 'bytes':
      return `abifuzz_set(&${l.expr}, ${bytesLiteral(l.bytes)}, ${l.size});`;
    case 'bits':
      if (l.width > 64) return `${l.expr} = ${bitIntLiteral(l.value, l.width)};`;
      return cplusplus ? `ABIFUZZ_SET_BITS(${l.expr}, 0x${l.value.toString(16)}ULL);` : `${l.expr} = 0x${l.value.toString(16)}ULL;`;
    case 'enum':
      return `${l.expr} = ${l.type.name}_${l.index};`;
    case 'pointer':
      return `${l.expr} = &${l.object};`;
    case 'function':
      return `${l.expr} = ${functionTarget(l.target)};`;
  }
}

/** Statements that compare every leaf of `v.variable` with its planned value. */
export function checkValue(v: PlannedValue, side: number, fn: number): string[] {
  return v.leaves.flatMap((l) => checkLeaf(l, side, fn));
}

function checkLeaf(l: PlannedLeaf, side: number, fn: number): string[] {
  const at = `${side}, ${fn}, ${cstr(l.path)}`;
  switch (l.kind) {
    case 'bytes':
      return significantRanges(l).map(([from, to]) => {
        const exp = bytesLiteral(l.bytes.subarray(from, to));
        return `abifuzz_check(${at}, ${from}, (const unsigned char *)&${l.expr} + ${from}, ${exp}, ${to - from});`;
      });
    case 'bits':
      return bitsChecks(l).map(([got, want]) => `abifuzz_check_bits(${at}, ${got}, ${want});`);
    case 'enum': {
      const bits = enumWidth(l.type) * 8;
      const v = enumBits(l.type, l.index);
      return [`abifuzz_check_bits(${at}, (unsigned long long)(${l.expr}) & ${mask(bits)}, 0x${v.toString(16)}ULL);`];
    }
    case 'pointer':
      return [`abifuzz_check_ptr(${at}, (const void *)${l.expr}, (const void *)&${l.object});`];
    case 'function': {
      // The address, then a call through it (only when the address is right: a wrong one may be anything).
      const got = `(unsigned long long)(__UINTPTR_TYPE__)${l.expr}`;
      const want = `(unsigned long long)(__UINTPTR_TYPE__)${functionTarget(l.target)}`;
      return [
        `abifuzz_check_bits(${at}, ${got}, ${want});`,
        `if (${got} == ${want}) abifuzz_check_bits(${at}, (unsigned long long)${l.expr}(${FN_PROBE}), ${functionTargetResult(l.target, FN_PROBE)}ULL);`,
      ];
    }
  }
}

/** Byte ranges [from, to) that carry the value, adjacent ones merged. */
export function significantRanges(l: Extract<PlannedLeaf, { kind: 'bytes' }>): [number, number][] {
  const out: [number, number][] = [];
  for (const el of l.elements) {
    const from = el.offset;
    const to = el.offset + el.valueBytes;
    const last = out[out.length - 1];
    if (last && last[1] === from) last[1] = to;
    else out.push([from, to]);
  }
  return out;
}

export function declare(v: PlannedValue): string {
  return `${typeName(v.type)} ${v.variable};`;
}
