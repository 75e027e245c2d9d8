// clang's regcall convention (Intel's __regcall) on x86-64 SysV and i386 Linux. Intel defines it in
// the Intel C++ Compiler documentation; the library holds only its summary ("as many arguments as
// possible are passed in registers; likewise, __regcall uses registers whenever possible to return
// values. This calling convention is ignored if specified on a function with variable arguments"),
// so nothing here is transcribed from a text: the model cannot say where arguments go (a counted
// skip), and only compiler-against-compiler pairs test the arguments. What
// the contract trampolines need was measured with clang-16, clang-19 and clang-22 -O2 -S (the same
// for all three), with callees of 13 long, 18 double and 9 int arguments, returning structs of 11
// and 12 longs and 10 doubles, and callees whose inline assembly clobbers every register:
// - x86-64: integer values in rax rcx rdx rdi rsi r8 r9 r12 r13 r14 r15 (not r10, r11), then the
//   stack; floating-point and vector values in xmm0-xmm15. A result takes the same registers in the
//   same order (a struct of eleven longs comes back in all eleven), a larger one goes through a hidden
//   pointer in rax. A clobbering callee saves rbx rbp r12-r15 and all 16 bytes of xmm8-xmm15.
// - i386: integer values in eax ecx edx edi esi (a long long in two of them: eax:ecx), floating-
//   point ones in xmm0-xmm7 with SSE; a clobbering callee saves ebx ebp edi esi and xmm4-xmm7. The
//   callee pops nothing.
// - On both, a callee-saved register that carries an argument is not kept: with xmm8 and xmm9
//   holding arguments clang spills them as doubles and never reloads them, and on i386 a callee
//   reads its fifth argument from esi, then reuses esi and returns without restoring it. (LLVM's
//   X86 lowering takes the argument registers of a regcall function out of its callee-saved set and
//   out of the call's preserved mask.)
// Integer and floating-point values fill their lists in order, so the callee-saved registers a call
// occupies are a leading part of each list's callee-saved tail (r12-r15, xmm8-xmm15; edi esi,
// xmm4-xmm7). Without a plan the contract bounds that part by counting the values the signature's
// types can hold (chainsAtMost): the trampoline never checks a register the call may occupy.
// gcc 12 has no regcall (__has_attribute(regcall) is 0; "attribute directive ignored"): the targets'
// pair rules keep gcc out. Pure: no I/O.
import type { Abi } from './abi.js';
import type { PlanResult } from './location.js';
import type { DataModel } from '../model/data-model.js';
import { sizeOf } from '../model/layout.js';
import type { CType, Signature } from '../model/types.js';
import { x86_64Sysv } from './x86_64-sysv/index.js';
import { i386Sysv } from './i386-sysv.js';

const CANNOT_SAY: PlanResult = {
  ok: false,
  reason: "regcall is not transcribed (the library holds only a summary of Intel's __regcall; its registers and callee-saved set are measured, records, vectors and the stack are not)",
};

const range = (prefix: string, from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);

/** Values of each register class a type can occupy at most: integer registers and SSE registers. */
interface Count {
  gpr: number;
  xmm: number;
}

const add = (a: Count, b: Count, times = 1): Count => ({ gpr: a.gpr + b.gpr * times, xmm: a.xmm + b.xmm * times });
/** A type whose lowering is not measured: every byte could be a value of either class. */
const unknown = (t: CType, dm: DataModel): Count => {
  const bytes = Math.max(1, sizeOf(t, dm));
  return { gpr: bytes, xmm: bytes };
};

const FLOATING = /float|double|_Float|__bf16/;

/**
 * Values of `t` as clang lowers it for regcall, an upper bound: a scalar is one value (an integer
 * wider than a register one per register), a complex two, a struct as memberValues counts it;
 * long double, vectors, unions and _Atomic one value per byte of either class.
 */
function valuesOf(t: CType, dm: DataModel): Count {
  const word = dm.pointer.size;
  switch (t.kind) {
    case 'scalar':
      if (t.name === 'long double') return unknown(t, dm);
      return FLOATING.test(t.name) ? { gpr: 0, xmm: 1 } : { gpr: Math.ceil(sizeOf(t, dm) / word), xmm: 0 };
    case 'enum':
    case 'pointer':
    case 'fnptr':
    case 'bitint':
      return { gpr: Math.ceil(sizeOf(t, dm) / word), xmm: 0 };
    case 'complex':
      if (t.base === 'long double') return unknown(t, dm);
      return t.base === 'float' || t.base === 'double' ? { gpr: 0, xmm: 2 } : { gpr: 2 * Math.ceil(sizeOf(t, dm) / 2 / word), xmm: 0 };
    case 'struct':
      return memberValues(t, dm) ?? unknown(t, dm);
    default:
      return unknown(t, dm);
  }
}

/**
 * A struct clang passes one LLVM IR element per register, padding arrays included (clang-16's IR
 * for struct { __int128 a; char b[1]; } ends in [15 x i8], fifteen more arguments). Counted member
 * by member (an array one per element, as clang passes `char c[3]` in cl, dl and dil) only where
 * its IR has no padding: members of at most 8 bytes that are integers, pointers, enums, float,
 * double, _Float16 or __bf16, arrays and structs of those. Otherwise (bit-fields, packed or
 * over-aligned, __int128, _BitInt, long double, vectors, unions ...) null.
 */
function memberValues(t: CType, dm: DataModel): Count | null {
  switch (t.kind) {
    case 'scalar':
      return t.name !== 'long double' && sizeOf(t, dm) <= 8 ? valuesOf(t, dm) : null;
    case 'enum':
    case 'pointer':
    case 'fnptr':
      return valuesOf(t, dm);
    case 'array': {
      if (t.flexible) return null;
      const one = memberValues(t.elem, dm);
      return one && add({ gpr: 0, xmm: 0 }, one, t.count);
    }
    case 'struct': {
      if (t.packed || t.aligned !== undefined || t.fields.some((f) => f.bits !== undefined || f.packed || f.aligned !== undefined)) return null;
      let n: Count = { gpr: 0, xmm: 0 };
      for (const f of t.fields) {
        const m = memberValues(f.type, dm);
        if (!m) return null;
        n = add(n, m);
      }
      return n;
    }
    default:
      return null;
  }
}

/**
 * Values of an argument or result: a struct as clang flattens it (valuesOf); any other type clang
 * classifies as SysV does on x86-64 (X86_64ABIInfo::classifyArgumentType), in at most two registers
 * when it fits in 16 bytes and else in memory or one whole vector register. On i386 (not measured
 * beyond scalars) every type counts as valuesOf says.
 */
function valuesOfTop(t: CType, dm: DataModel): Count {
  if (t.kind === 'struct' || dm.pointer.size !== 8) return valuesOf(t, dm);
  const known = valuesOf(t, dm);
  return sizeOf(t, dm) <= 16 ? { gpr: Math.min(known.gpr, 2), xmm: Math.min(known.xmm, 2) } : { gpr: 0, xmm: Math.min(known.xmm, 1) };
}

/**
 * One ISA's regcall registers: the order each class fills for arguments and results, the
 * callee-saved tail of each list, and the other registers the callee keeps.
 */
interface Lists {
  gprs: string[];
  xmms: string[];
  gprSaved: string[];
  xmmSaved: string[];
  alsoKept: string[];
  /** Bytes of a general register. */
  word: number;
}

const X64: Lists = {
  gprs: ['rax', 'rcx', 'rdx', 'rdi', 'rsi', 'r8', 'r9', ...range('r', 12, 15)], xmms: range('xmm', 0, 15),
  gprSaved: range('r', 12, 15), xmmSaved: range('xmm', 8, 15), alsoKept: ['rbx', 'rbp'], word: 8,
};
const I386: Lists = {
  gprs: ['eax', 'ecx', 'edx', 'edi', 'esi'], xmms: range('xmm', 0, 7),
  gprSaved: ['edi', 'esi'], xmmSaved: range('xmm', 4, 7), alsoKept: ['ebx', 'ebp'], word: 4,
};

const clamp = (n: number, max: number): number => Math.max(0, Math.min(max, n));

/** Whether a result of type `t` may come back through a hidden pointer: anything but a scalar (long double aside) or a _BitInt of at most two words. */
function mayGoThroughMemory(t: CType, dm: DataModel): boolean {
  if (t.kind === 'scalar') return t.name === 'long double';
  if (t.kind === 'enum' || t.kind === 'pointer' || t.kind === 'fnptr') return false;
  return !(t.kind === 'bitint' && sizeOf(t, dm) <= 2 * dm.pointer.size);
}

/**
 * How many of each callee-saved tail (Lists.gprSaved, Lists.xmmSaved) a call of `sig` may occupy,
 * with its arguments or its result: each fills its lists from the start, a hidden return pointer
 * takes the first integer register.
 */
function chainsAtMost(lists: Lists) {
  return (sig: Signature, dm: DataModel): number[] => {
    const args = sig.params.reduce((n, p) => add(n, valuesOfTop(p.type, dm)), { gpr: 0, xmm: 0 });
    const ret = sig.ret === 'void' ? { gpr: 0, xmm: 0 } : valuesOfTop(sig.ret, dm);
    const hidden = sig.ret !== 'void' && mayGoThroughMemory(sig.ret, dm) ? 1 : 0;
    const gpr = Math.max(args.gpr + hidden, ret.gpr);
    const xmm = Math.max(args.xmm, ret.xmm);
    const before = (all: string[], saved: string[]): number => all.indexOf(saved[0]!);
    return [clamp(gpr - before(lists.gprs, lists.gprSaved), lists.gprSaved.length), clamp(xmm - before(lists.xmms, lists.xmmSaved), lists.xmmSaved.length)];
  };
}

function regcall(id: string, title: string, lists: Lists, stackAlign: number): Abi {
  const sized = (bytes: number) => (names: readonly string[]) => names.map((name) => ({ name, bytes }));
  return {
    id, title,
    planCall: () => CANNOT_SAY,
    contract: {
      calleeSaved: [...sized(lists.word)([...lists.alsoKept, ...lists.gprSaved]), ...sized(16)(lists.xmmSaved)],
      stackAlign,
      returnChains: [lists.gprSaved, lists.xmmSaved],
      argumentsInChains: true,
      chainsAtMost: chainsAtMost(lists),
      resultRegisters: [...lists.gprs, ...lists.xmms],
    },
    dialects: [],
  };
}

export const regcallX64 = regcall('clang-regcall-x86_64',
  "clang's regcall on x86-64 (eleven integer and sixteen SSE argument registers; rbx rbp r12-r15 xmm8-xmm15 callee-saved unless they carry an argument)",
  X64, x86_64Sysv.contract.stackAlign);

export const regcallI386 = regcall('clang-regcall-i386',
  "clang's regcall on i386 (eax ecx edx edi esi and xmm0-xmm7 for arguments; ebx ebp edi esi xmm4-xmm7 callee-saved unless they carry an argument)",
  I386, i386Sysv.contract.stackAlign);
