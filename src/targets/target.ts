// A target: its data model, ABI name, toolchains and how its executables run.
import type { DataModel } from '../model/data-model.js';
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
}

export interface Target {
  id: string;
  abi: string;
  dataModel: DataModel;
  toolchains: ToolchainSpec;
  runner: Runner;
  /** Calling-convention attributes that really change the convention here (not merely accepted). */
  conventions: string[];
  findToolchains(): Toolchain[];
  /** The toolchain a user named; unknown or missing ones are usage errors. */
  resolveToolchain(id: string): Toolchain;
  /** The driver that builds the runtime and links every batch. */
  resolveLinker(): Toolchain;
  defaultPair(): [string, string];
}
