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
      return [`abifuzz_check_bits(${at}, (unsigned long long)(${l.expr}) & ${mask(l.width)}, 0x${l.value.toString(16)}ULL);`];
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
