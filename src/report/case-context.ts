// Everything a case's files are written from: the target, the pair, the linker and runner that
// build and run it, the seed and generator limits that regenerate it.
import type { Limits } from '../../generators/limits.js';
import type { Spawner } from '../../harness/process.js';
import type { Runner } from '../../harness/runners/runner.js';
import type { Side } from '../../harness/toolchains/toolchain.js';
import type { CallChecks } from '../emit/asm/trampolines.js';
import type { ModelRoles } from '../emit/model/party.js';
import type { Target } from '../targets/target.js';

export interface CaseContext {
  target: Target;
  seed: number;
  caller: Side;
  callee: Side;
  /** The target's gcc with its link flags: builds the runtime and links. */
  linker: Side;
  runner: Runner;
  limits: Limits;
  /** Spawns what the reproducers need. */
  spawn: Spawner;
  /** Which side is the psABI model, if any: its sources are the model's glue and assembly. */
  models?: ModelRoles;
  /** The C caller's contract checks (its trampoline, the bytes it expects popped). */
  checks: CallChecks;
  /** The first line of each side's --version, for bug.c's header. */
  versions?: { caller: string; callee: string };
}
