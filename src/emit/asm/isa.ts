// What an ISA's model emitter provides: where each register sits in a register dump, how wide each
// register is, and the two assembly routines of the model party (see asm/x86_64.ts, the first).
import type { SavedRegister } from '../../abi/abi.js';
import type { CallPlan } from '../../abi/location.js';
import type { Slots } from '../model/glue.js';
import type { CallerImages } from '../model/images.js';

/** One function of a batch, as its model routine needs it. */
export interface AsmFunction {
  index: number;
  /** f<index>: the function under test (the callee stub defines it). */
  name: string;
  plan: CallPlan;
  /** The trampoline that checks this convention's callee contract. */
  trampoline: string;
  /** ELF (Linux) or COFF (Windows) directives. */
  elf: boolean;
  /** ISA features the model may use (those of the compiler it is paired with). */
  features: ReadonlySet<string>;
  /** What the caller loads and stores (caller routine only). */
  images?: CallerImages;
  /** The psABI's name, for the comment at the top. */
  abiTitle: string;
  /**
   * Registers the convention keeps that the C reader the callee stub calls may not (ModelParty.keeps):
   * the stub saves and restores them, those the return value occupies aside (callee stub only).
   */
  keeps?: readonly SavedRegister[];
}

export interface IsaEmitter {
  slots: Slots;
  /** Bytes a register holds: the size of its image in the caller's data. */
  width(reg: string): number;
  /** abifuzz_mcall_<n>: a void(void) function of the default convention that makes the call. */
  caller(f: AsmFunction): string[];
  /** f<n> itself: dumps its arguments for the C reader, returns what the reader left. */
  callee(f: AsmFunction): string[];
}
