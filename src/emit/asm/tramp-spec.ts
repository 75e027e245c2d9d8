// What the trampoline emitters of every ISA share: the layout of the contract state (as
// harness/runtime/contract.c reads it) and the spec of one trampoline.
import type { Abi } from '../../abi/abi.js';

/**
 * Offsets in abifuzz_contract_state, shared with harness/runtime/contract.c. Each register area is
 * 640 bytes, room for clang's preserve_all (AArch64: 18 GPRs and q8-q31, 528 bytes); the canary
 * area ends below 2048, within a RISC-V load's 12-bit offset, and every area offset is an ARM
 * immediate.
 */
export const STATE = { target: 0, ret: 8, spEntry: 16, spExit: 24, flagsEntry: 32, flagsExit: 40, mxcsrEntry: 48, mxcsrExit: 56, fpcwEntry: 64, fpcwExit: 72, saved: 80, got: 720, canary: 1360, area: 640, size: 2048 } as const;

/** One checked register: its offset in each area, and whether it may carry an argument. */
export interface CheckedRegister {
  name: string;
  bytes: number;
  offset: number;
  /** The trampoline records its value at entry as the expected one (no canary: it may carry an argument). */
  recorded: boolean;
}

/**
 * One trampoline: its symbol and the registers it checks. An ABI whose callee-saved registers can
 * carry a return value (Abi.contract.returnChains) has one trampoline per set of such registers a
 * return can occupy; `returns` names that set, which the trampoline neither checks nor restores.
 */
export interface TrampolineSpec {
  abi: Abi;
  symbol: string;
  variant: number;
  regs: CheckedRegister[];
  returns: string[];
}
