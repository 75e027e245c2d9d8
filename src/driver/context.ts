// What the stage driver needs for one pair on one target, handed in by whoever runs it (the fuzz
// run, a shrink, a replay): it imports no run state of its own.
import type { BuildContext } from '../../harness/build.js';
import type { Prober } from '../../harness/probe.js';
import type { RuntimeBuild } from '../../harness/runtime-objects.js';
import type { Runner } from '../../harness/runners/runner.js';
import type { Side } from '../../harness/toolchains/toolchain.js';
import type { Finding } from '../check/finding.js';
import type { CallChecks } from '../emit/asm/trampolines.js';
import type { ModelRoles } from '../emit/model/party.js';
import type { Signature } from '../model/types.js';
import type { Target } from '../targets/target.js';

/** One signature of a batch and its index in the run (which names it f<index> and salts its values). */
export interface CaseInput {
  sig: Signature;
  index: number;
}

export interface DriverContext {
  target: Target;
  caller: Side;
  callee: Side;
  /** The target's gcc with its link flags: builds the runtime and links. */
  linker: Side;
  runner: Runner;
  build: BuildContext;
  probes: Prober;
  runtime(linker: Side, trampolines: string): Promise<RuntimeBuild>;
  /** Longest a batch may run before it counts as hung. */
  runTimeoutMs: number;
  /**
   * Past this time (ms since the epoch) a batch whose program died is not run again for the rest:
   * those are recorded interrupted (a shrink step's budget; a crash per candidate would otherwise
   * run its batch once per candidate).
   */
  deadline?: number;
  seed: number;
  /** Where batch folders go; each is removed after its batch unless keep. */
  workDir: string;
  keep: boolean;
  /** The target's trampolines (contract.S) and what each call asks of them. */
  trampolines: string;
  checks: CallChecks;
  /** Which side, if any, is the psABI model (its plans and assembly emitter). */
  models: ModelRoles;
  /** The known-issue rule that explains a finding on this pair, if one does. */
  explain(f: Finding, sig: Signature): string | undefined;
}

export const ROLES = ['callee', 'caller'] as const;
export type Role = (typeof ROLES)[number];

export const sideOf = (ctx: DriverContext, role: Role): Side => (role === 'caller' ? ctx.caller : ctx.callee);
export const otherRole = (role: Role): Role => (role === 'caller' ? 'callee' : 'caller');
export const sourceOf = (role: Role): string => `${role}.c`;
export const objectOf = (role: Role): string => `${role}.o`;
/** The model's assembly for a side, beside its C glue. */
export const asmSourceOf = (role: Role): string => `${role}.S`;
export const asmObjectOf = (role: Role): string => `${role}-asm.o`;
export const isModel = (ctx: DriverContext, role: Role): boolean => ctx.models[role] !== undefined;
/** Every object a side contributes to the link. */
export const objectsOf = (ctx: DriverContext, role: Role): string[] => (isModel(ctx, role) ? [objectOf(role), asmObjectOf(role)] : [objectOf(role)]);
