// A target: its data model, ABI name, toolchains and how its executables run.
import type { CallContract } from '../model/contract.js';
import type { DataModel } from '../model/data-model.js';
import type { Limits } from '../../generators/limits.js';
import type { Toolchain } from '../../harness/toolchains/toolchain.js';
import type { ToolchainSpec } from '../../harness/toolchains/registry.js';

export interface Runner {
  id: string;
  /** Debian package of the runner (null: native). */
  debianPackage: string | null;
  /** Whether the runner is installed (and, for native i686, whether the kernel runs it). */
  available(): boolean;
  /** argv that runs a built executable. */
  command(exe: string): [string, string[]];
  /** Environment for runs (wine's prefix). */
  env?: Record<string, string>;
  /** Read output from a file, never a pipe (wine). */
  outputToFile?: boolean;
  /** Once before the first run (start a persistent server) and once at the end. */
  prepare?(): Promise<void>;
  shutdown?(): Promise<void>;
}

export interface Target {
  id: string;
  abi: string;
  dataModel: DataModel;
  toolchains: ToolchainSpec;
  runner: Runner;
  /** The callee's contract: trampolines, callee-saved registers, what the callee pops. */
  contract: CallContract;
  /** Calling-convention attributes that really change the convention here (not merely accepted). */
  conventions: string[];
  findToolchains(): Toolchain[];
  /** The toolchain a user named; unknown or missing ones are usage errors. */
  resolveToolchain(id: string): Toolchain;
  /** The driver that builds the runtime and links every batch. */
  resolveLinker(): Toolchain;
  defaultPair(): [string, string];
  /** Limits for one pair: types or conventions that one of the two cannot mean the same way. */
  adjustLimits?(limits: Limits, caller: Toolchain, callee: Toolchain): Limits;
}
