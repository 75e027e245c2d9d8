// clang's preserve_none convention on x86-64 and AArch64 (clang 19 and later; clang-16 and older
// warn "unknown attribute 'preserve_none' ignored", which the convention probe reads as a
// rejection). clang's documentation (AttrDocs.td, PreserveNoneDocs) says: "the callee [...] does
// not preserve any general registers except RSP and RBP on X86_64 [...] and LR, FP on AArch64"
// ("preserve_none's ABI is still unstable, and may be changed in the future"), and that it "uses
// additional argument registers compared to the C calling convention". Measured with clang-19
// and clang-22 -O2 -S (both the same), callees with 14 (x86-64) and 25 (AArch64) long arguments
// and callees whose inline assembly clobbers every register:
// - x86-64: integer arguments in r12 r13 r14 r15 rdi rsi rdx rcx r8 r9 r11 rax, then the stack;
//   double arguments in xmm0-xmm7 as in C; results in rax / xmm0 as in C. A callee clobbering
//   every GPR and xmm register saves rbp alone (push %rbp), nothing else.
// - AArch64: integer arguments in x20-x28, x0-x7, x10-x14, x9, x15, then the stack; results in x0
//   as in C. The clobbering callee saves nothing (it uses x18 as scratch and leaves x19-x28 and
//   d8-d15 changed); x29 (FP) and x30 (LR) are kept as the frame record.
// Where records, vectors, long double, the hidden return pointer and variadic calls go is not
// measured here, so the model cannot say (a counted skip): only compiler-against-compiler pairs
// test the arguments, and the contract trampolines check the one register the callee keeps.
// gcc has no preserve_none (gcc 12: "'preserve_none' attribute directive ignored"): the targets'
// pair rules keep gcc out. Pure: no I/O.
import type { Abi } from './abi.js';
import type { PlanResult } from './location.js';
import { x86_64Sysv } from './x86_64-sysv/index.js';
import { aapcs64 } from './aapcs64.js';

const CANNOT_SAY: PlanResult = {
  ok: false,
  reason: "preserve_none is not transcribed (clang: \"preserve_none's ABI is still unstable\"; its argument registers are measured, records, vectors and the hidden return pointer are not)",
};

export const preserveNoneX64: Abi = {
  id: 'clang-preserve-none-x86_64',
  title: "clang's preserve_none on x86-64 (more argument registers; only rbp callee-saved)",
  planCall: () => CANNOT_SAY,
  // AttrDocs: "except RSP and RBP"; rsp is the stack-pointer check.
  contract: { calleeSaved: [{ name: 'rbp', bytes: 8 }], stackAlign: x86_64Sysv.contract.stackAlign },
  dialects: [],
};

export const preserveNoneA64: Abi = {
  id: 'clang-preserve-none-aarch64',
  title: "clang's preserve_none on AArch64 (more argument registers; only the frame record x29 callee-saved)",
  planCall: () => CANNOT_SAY,
  // AttrDocs: "except [...] LR, FP": x30 is the trampoline's return path, x29 checked.
  contract: { calleeSaved: [{ name: 'x29', bytes: 8 }], stackAlign: aapcs64.contract.stackAlign },
  dialects: [],
};
