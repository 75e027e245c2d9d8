// What the trampoline emitters of every ISA share: the layout of the contract state (as
// harness/runtime/contract.c reads it) and the spec of one trampoline.
import type { Abi } from '../../abi/abi.js';

/** Offsets in abifuzz_contract_state, shared with harness/runtime/contract.c. */
export const STATE = { target: 0, ret: 8, spEntry: 16, spExit: 24, flagsEntry: 32, flagsExit: 40, mxcsrEntry: 48, mxcsrExit: 56, fpcwEntry: 64, fpcwExit: 72, saved: 80, got: 336, canary: 592, area: 256, size: 1024 } as const;

/** One trampoline: its symbol, and each checked register with its offset in a 256-byte area. */
export interface TrampolineSpec {
  abi: Abi;
  symbol: string;
  variant: number;
  regs: { name: string; bytes: number; offset: number }[];
}
