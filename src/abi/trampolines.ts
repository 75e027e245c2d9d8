// The callee's contract per target: which assembly trampoline a call goes through (and so which
// callee-saved registers are checked), and how many bytes the callee pops. The register lists
// themselves live next to the trampolines (harness/runtime/contract-<arch>.S).
import type { Signature } from '../model/types.js';
import type { DataModel } from '../model/data-model.js';
import { i386CalleePops } from './i386-pops.js';

export interface Trampoline {
  /** Assembly symbol the caller calls through. */
  symbol: string;
  /** Which register table of the trampoline file applies (0: the target's default convention). */
  variant: number;
}

export interface CallContract {
  /** harness/runtime file with the target's trampolines and register tables. */
  source: string;
  trampoline(sig: Signature): Trampoline;
  /** Bytes the callee pops off the stack on return; null when the model cannot say. */
  calleePops(sig: Signature, dm: DataModel): number | null;
}

const SYSV: Trampoline = { symbol: 'abifuzz_tramp_sysv', variant: 0 };
const MS: Trampoline = { symbol: 'abifuzz_tramp_ms', variant: 1 };
const never = (): number => 0;

/** x86_64 Linux: SysV, and ms_abi functions switch to the Microsoft x64 register set. */
export const sysvX86_64: CallContract = {
  source: 'contract-x86_64.S',
  trampoline: (sig) => (sig.convention === 'ms_abi' ? MS : SYSV),
  calleePops: never,
};

/** x86_64 Windows: Microsoft x64 (vectorcall keeps its callee-saved set), sysv_abi switches to SysV. */
export const msX86_64: CallContract = {
  source: 'contract-x86_64.S',
  trampoline: (sig) => (sig.convention === 'sysv_abi' ? SYSV : MS),
  calleePops: never,
};

/** i386: one callee-saved set (ebx, esi, edi, ebp) for every convention; what is popped varies. */
export const i386: CallContract = {
  source: 'contract-i386.S',
  trampoline: () => ({ symbol: 'abifuzz_tramp', variant: 0 }),
  calleePops: i386CalleePops,
};

/** One convention's register set (aarch64, riscv64, armhf: pcs("aapcs") keeps d8-d15 callee-saved). */
export const single = (source: string): CallContract => ({
  source,
  trampoline: () => ({ symbol: 'abifuzz_tramp', variant: 0 }),
  calleePops: never,
});
