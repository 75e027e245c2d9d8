// A target: its data model, ABI name, toolchains and how its executables run.
import type { DataModel } from '../model/data-model.js';
import type { Toolchain } from '../../harness/toolchains/toolchain.js';

export interface Target {
  id: string;
  abi: string;
  dataModel: DataModel;
  findToolchains(): Toolchain[];
  resolveToolchain(id: string): Toolchain;
  defaultPair(): [string, string];
  /** argv that runs a built executable (native: the file itself). */
  runner: { id: string; command(exe: string): [string, string[]] };
}
