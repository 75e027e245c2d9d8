// What one psABI module is: its reading of the text (planCall), the callee's contract it states
// (callee-saved registers, stack alignment) and the named dialects compilers speak. One module per
// psABI under src/abi/, each exporting one `Abi`. Pure: no I/O.
import type { DataModel } from '../model/data-model.js';
import type { Signature } from '../model/types.js';
import type { PlanResult } from './location.js';

/** A register the callee must give back unchanged, and how many of its bytes count. */
export interface SavedRegister {
  name: string;
  bytes: number;
}

export interface AbiContract {
  /** Registers the callee preserves (psABI "callee-saved" / "non-volatile"). */
  calleeSaved: readonly SavedRegister[];
  /** Alignment of the stack pointer at the call instruction, in bytes. */
  stackAlign: number;
  /** Whether a callee ever pops its stack arguments (i386 stdcall, fastcall, hidden pointers). */
  calleePops?: boolean;
  /**
   * Callee-saved registers that may also carry arguments (clang's preserve_most on x86-64 keeps
   * rdi, rsi, ...): the contract trampoline cannot load canaries into them, so it records their
   * values at entry and compares those.
   */
  argumentsIn?: readonly string[];
  /**
   * Where a return value may occupy callee-saved registers ("This doesn't apply for values returned
   * in callee-saved registers", LLVM LangRef on preserve_mostcc): each chain lists registers a
   * value fills in order (rax, then rdx). A call is checked by the trampoline that leaves out the
   * prefix of each chain its return value uses.
   */
  returnChains?: readonly (readonly string[])[];
  /**
   * A callee-saved register that carries an argument is not kept for that call (clang's regcall),
   * so the registers of the return chains the arguments occupy go unchecked as the result's do.
   */
  argumentsInChains?: boolean;
  /**
   * Where the ABI module cannot plan a call: how many registers of each return chain its arguments
   * or result may occupy at most, from the signature's types (absent: each chain whole).
   */
  chainsAtMost?(sig: Signature, dm: DataModel): readonly number[];
  /**
   * Every register a result may come back in, where that is more than the C convention's (clang's
   * regcall: all its argument registers): the trampoline writes garbage into none of them after the
   * call and takes none as scratch.
   */
  resultRegisters?: readonly string[];
}

/**
 * A compiler's known, deliberate or long-standing divergence from the psABI text, as a setting of
 * the model: with it on, the model behaves as that compiler does.
 */
export interface Dialect {
  id: string;
  /** What differs, in one sentence. */
  title: string;
  /** Where it is documented or reported (bug numbers, -Wpsabi notes). */
  reference: string;
}

export interface AbiOptions {
  /**
   * ISA features the side compiles with, as its predefined macros say (lower case, without
   * underscores): 'mmx', 'sse', 'sse2', 'avx', 'avx512f' on x86; empty elsewhere unless an ABI
   * module documents one it reads.
   */
  features: ReadonlySet<string>;
  /** Dialect ids in force (Abi.dialects); empty: the psABI text as written. */
  dialects: ReadonlySet<string>;
}

export const PLAIN: AbiOptions = { features: new Set(), dialects: new Set() };

export interface Abi {
  /** 'x86_64-sysv', 'ms-x64', 'i386-sysv', 'aapcs64', 'riscv-lp64d', 'aapcs-vfp'. */
  id: string;
  /** The document it transcribes, e.g. 'System V AMD64 psABI 1.0'. */
  title: string;
  /** Where each argument and the return value of `sig` live (sig.convention selects a variant). */
  planCall(sig: Signature, dm: DataModel, opts: AbiOptions): PlanResult;
  contract: AbiContract;
  dialects: readonly Dialect[];
  /** The dialect ids a compiler speaks ('gcc', 'clang-19', 'aarch64-linux-gnu-gcc', ...). */
  dialectsOf?(compiler: string): readonly string[];
}
