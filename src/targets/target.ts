// A target as plain data: its data model, its calling conventions, how its toolchains are named
// and how its programs run. Spawning and discovery belong to the harness (harness/toolchains,
// harness/runners), which reads this.
import type { Abi } from '../abi/abi.js';
import type { DataModel } from '../model/data-model.js';
import type { ScalarName } from '../model/types.js';

/** How the target names and drives its toolchains. */
export interface ToolchainNaming {
  /** The target's gcc driver: gcc on the host, <triple>-gcc for cross targets. It links every pair. */
  gcc: string;
  gccPackage: string;
  /** Arguments that make clang-N compile for the target ([] on the host). */
  clangArgs: string[];
  /** Extra link arguments for the target's gcc (e.g. -static for qemu). */
  linkArgs: string[];
  /** Arguments of clang-cl-N (clang-N --driver-mode=cl) on targets that have it (x86_64-windows). */
  clangClArgs?: string[];
}

/** How executables run: natively, under qemu-user, natively when the kernel can (else qemu), under wine. */
export type RunnerSpec =
  | { kind: 'native' }
  | { kind: 'qemu'; arch: string }
  | { kind: 'native-or-qemu'; arch: string }
  | { kind: 'wine' };

/** What a pair of toolchains cannot mean the same way here: said in the summary's disabledFeatures. */
export interface PairRule {
  /** Applies when either side is of this family. */
  family: 'gcc' | 'clang' | 'clang-cl';
  /** Scalars not generated for such pairs. */
  exclude?: ScalarName[];
  /** Convention attributes not fuzzed for such pairs. */
  dropConventions?: string[];
  /** Kinds of type drawn by their own weight (generators/limits.ts) that such pairs do not draw. */
  dropWeights?: ('intComplex' | 'wideEnum' | 'bf16' | 'longBitfield' | 'enumBitfield')[];
  reason: string;
}

export interface Target {
  id: string;
  /** The psABI's name, for people: 'SysV AMD64'. */
  abi: string;
  dataModel: DataModel;
  toolchains: ToolchainNaming;
  runner: RunnerSpec;
  /** The psABI module of each convention attribute; '' is the default convention. */
  abis: Record<string, Abi>;
  /**
   * Compilers whose struct layout differs from the target gcc's (the data model's), with theirs: a
   * layout dialect the model speaks as `model:<compiler>`.
   */
  layoutDialects?: { speakers: RegExp; dataModel: DataModel; reference: string }[];
  /**
   * The layouts of a data model (the target's or a dialect's) as ISA features change them, where
   * they do (i686: gcc aligns 8-byte integer vectors in aggregates to 8 only with MMX).
   */
  layoutWithFeatures?(dm: DataModel, features: ReadonlySet<string>): DataModel;
  /** The gcc flags that give the layouts of those features (what the model's C glue is built with). */
  layoutFlags?(features: ReadonlySet<string>): string[];
  /** Calling-convention attributes that really change the convention here (not merely accepted). */
  conventions: string[];
  /**
   * More such attributes, fuzzed only when `--conventions` names them: adding one to `conventions`
   * would change the signature every seed gives.
   */
  extraConventions?: string[];
  pairRules: PairRule[];
}
