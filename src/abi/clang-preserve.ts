// clang's preserve_most and preserve_all conventions on x86-64 and AArch64: the C convention's
// arguments and returns, with a larger set of callee-saved registers. Transcribes clang's attribute
// documentation (clang/include/clang/Basic/AttrDocs.td, PreserveMostDocs and PreserveAllDocs) and
// LLVM's LangRef ("preserve_mostcc", "preserve_allcc"), which say:
//
//   "This convention behaves identically to the C calling convention on how arguments and return
//   values are passed, but it uses a different set of caller/callee-saved registers. [...] If the
//   arguments are passed in callee-saved registers, then they will be preserved by the callee across
//   the call. This doesn't apply for values returned in callee-saved registers."
//   preserve_most: "On X86-64 the callee preserves all general purpose registers, except for R11 and
//   return registers, if any. [...] The treatment of floating-point registers (XMMs/YMMs) matches
//   the OS's C calling convention"; "On AArch64 the callee preserves all general purpose registers,
//   except X0-X8 and X16-X18."
//   preserve_all: "On X86-64 the callee preserves all general purpose registers, except for R11.
//   [...] Furthermore it also preserves all floating-point registers (XMMs/YMMs)"; "On AArch64 [...]
//   Furthermore it also preserves lower 128 bits of V8-V31 SIMD floating point registers."
//
// Measured with clang-19 and clang-22 -O2 -S of callees whose inline assembly clobbers every
// register (the same for both):
// - x86-64 preserve_most pushes rax rcx rdx rsi rdi r8 r9 r10 and rbx r12-r15 (rbp as the frame
//   pointer); not r11, no xmm. Returning long it leaves rax out, returning struct { long a, b; }
//   rax and rdx; returning double, struct { double a, b; } or long double it saves rax and rdx.
// - x86-64 preserve_all also saves xmm0-xmm15 (16 bytes each; ymm0-ymm15 whole with -mavx and
//   still only those with -mavx512f: not xmm16-31, not the zmm upper halves, not k0-k7), less the
//   xmm registers of the return value (double: xmm0; struct { double a, b; }: xmm0 and xmm1); x87
//   registers are not saved (long double comes back in st0 as in C).
// - Returning in memory, both keep rax (push/pop) and do not hand the result's address back in it,
//   which the C convention does: dialect clang-preserve-sret-keeps-rax.
// - AArch64 preserve_most saves x9-x15, x19-x28 (x29 as the frame record) and d8-d15; preserve_all
//   x9-x15, x19-x29 and q8-q31 whole (not d8-d15 alone); neither touches x16-x18 or x0-x8.
// preserve_all for AArch64 stops clang-13 to clang-16 with "error in backend: Unsupported calling
// convention" (13 and 14 crash, exit 70; 15 and 16 exit 1); the feature probe reports or skips it.
// gcc ignores both attributes with a warning (-Wattributes): the targets' pair rules keep gcc out.
// Pure: no I/O.
import type { Abi, AbiOptions, Dialect, SavedRegister } from './abi.js';
import type { PlanResult } from './location.js';
import type { DataModel } from '../model/data-model.js';
import type { Signature } from '../model/types.js';
import { x86_64Sysv } from './x86_64-sysv/index.js';
import { aapcs64 } from './aapcs64.js';
import { withoutConvention } from './shared/without-convention.js';

const range = (prefix: string, from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);
const sized = (bytes: number) => (names: readonly string[]): SavedRegister[] => names.map((name) => ({ name, bytes }));
const gpr = sized(8);
const vec = sized(16);

export const PRESERVE_DIALECTS = {
  sretKeepsRax: {
    id: 'clang-preserve-sret-keeps-rax',
    title: "A preserve_most or preserve_all function that returns in memory keeps rax as the caller had it: it does not hand the result's address back in rax as the C convention does",
    reference: "clang-19 and clang-22 -O2 -S (struct { long a, b, c; }: push %rax ... pop %rax, no mov %rdi, %rax; clang callers do not read it); LLVM leaves only the registers of the IR return type out of the saved set (D141020 for llvm/llvm-project#48789), and an sret function returns void in IR",
  },
} as const satisfies Record<string, Dialect>;

/** SysV AMD64 §3.2.1 "belong to the calling function": kept by every x86-64 convention here. */
const SYSV_SAVED = ['rbx', 'rbp', 'r12', 'r13', 'r14', 'r15'];
/** "all general purpose registers, except for R11": the rest of them. */
const X64_MOST = [...SYSV_SAVED, 'rax', 'rcx', 'rdx', 'rsi', 'rdi', 'r8', 'r9', 'r10'];
/** SysV §3.2.3: integer arguments in rdi rsi rdx rcx r8 r9, vector ones in xmm0-xmm7; %al counts them for variadic calls (§3.5.7). */
const X64_ARGUMENT_GPRS = ['rdi', 'rsi', 'rdx', 'rcx', 'r8', 'r9', 'rax'];
/** SysV §3.2.3 returns: INTEGER in rax then rdx, SSE in xmm0 then xmm1 (clang: a wide vector in xmm0-xmm3). */
const X64_RETURN_GPRS = ['rax', 'rdx'];
const X64_RETURN_XMMS = range('xmm', 0, 3);

function planX64(sig: Signature, dm: DataModel, opts: AbiOptions): PlanResult {
  const r = x86_64Sysv.planCall(withoutConvention(sig), dm, opts);
  if (!r.ok || r.plan.ret.kind !== 'sret' || !opts.dialects.has(PRESERVE_DIALECTS.sretKeepsRax.id)) return r;
  const ret = { ...r.plan.ret, returnedIn: null, why: `${r.plan.ret.why}; dialect ${PRESERVE_DIALECTS.sretKeepsRax.id}: rax is kept, not the address` };
  return { ok: true, plan: { ...r.plan, ret } };
}

const x64DialectsOf = (compiler: string): readonly string[] =>
  [...(x86_64Sysv.dialectsOf?.(compiler) ?? []), ...(/clang/.test(compiler) ? [PRESERVE_DIALECTS.sretKeepsRax.id] : [])];

const X64_DIALECTS = [...x86_64Sysv.dialects, ...Object.values(PRESERVE_DIALECTS)];

export const preserveMostX64: Abi = {
  id: 'clang-preserve-most-x86_64',
  title: "clang's preserve_most on x86-64 (SysV AMD64 arguments and returns; every GPR but r11 callee-saved)",
  planCall: planX64,
  contract: {
    calleeSaved: gpr(X64_MOST),
    stackAlign: x86_64Sysv.contract.stackAlign,
    argumentsIn: X64_ARGUMENT_GPRS,
    returnChains: [X64_RETURN_GPRS],
  },
  dialects: X64_DIALECTS,
  dialectsOf: x64DialectsOf,
};

export const preserveAllX64: Abi = {
  id: 'clang-preserve-all-x86_64',
  title: "clang's preserve_all on x86-64 (SysV AMD64 arguments and returns; every GPR but r11 and xmm0-xmm15 callee-saved)",
  planCall: planX64,
  contract: {
    // The xmm registers' low 16 bytes: the trampolines do not assume AVX, so ymm upper halves go unchecked.
    calleeSaved: [...gpr(X64_MOST), ...vec(range('xmm', 0, 15))],
    stackAlign: x86_64Sysv.contract.stackAlign,
    argumentsIn: [...X64_ARGUMENT_GPRS, ...range('xmm', 0, 7)],
    returnChains: [X64_RETURN_GPRS, X64_RETURN_XMMS],
  },
  dialects: X64_DIALECTS,
  dialectsOf: x64DialectsOf,
};

function planA64(sig: Signature, dm: DataModel, opts: AbiOptions): PlanResult {
  return aapcs64.planCall(withoutConvention(sig), dm, opts);
}

/** AAPCS64 §6.1.1 x19-x29 and "all general purpose registers, except X0-X8 and X16-X18" (x30 is the return address). */
const A64_MOST = [...range('x', 9, 15), ...range('x', 19, 29)];

export const preserveMostA64: Abi = {
  id: 'clang-preserve-most-aarch64',
  title: "clang's preserve_most on AArch64 (AAPCS64 arguments and returns; x9-x15 callee-saved as well)",
  planCall: planA64,
  // No argument or result register is among them (x0-x8, v0-v7 stay the caller's).
  contract: { calleeSaved: [...gpr(A64_MOST), ...sized(8)(range('d', 8, 15))], stackAlign: aapcs64.contract.stackAlign },
  dialects: aapcs64.dialects,
  ...(aapcs64.dialectsOf ? { dialectsOf: aapcs64.dialectsOf } : {}),
};

export const preserveAllA64: Abi = {
  id: 'clang-preserve-all-aarch64',
  title: "clang's preserve_all on AArch64 (AAPCS64 arguments and returns; x9-x15 and all 128 bits of v8-v31 callee-saved as well)",
  planCall: planA64,
  contract: { calleeSaved: [...gpr(A64_MOST), ...vec(range('q', 8, 31))], stackAlign: aapcs64.contract.stackAlign },
  dialects: aapcs64.dialects,
  ...(aapcs64.dialectsOf ? { dialectsOf: aapcs64.dialectsOf } : {}),
};
