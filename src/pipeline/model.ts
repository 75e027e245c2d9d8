// The psABI model as a party of the run: for a side named `model` (the psABI text) or
// `model:<compiler>` (the model speaking that compiler's documented dialects), the plans its
// assembly follows, with the ISA features of the compiler it is paired with.
import type { Prober } from '../../harness/probe.js';
import { cCompilerOf, type Side } from '../../harness/toolchains/toolchain.js';
import type { AbiOptions } from '../abi/abi.js';
import { callChecksOf, type CallChecks } from '../emit/asm/trampolines.js';
import type { ModelParty, ModelRoles } from '../emit/model/party.js';
import { UsageError } from '../errors.js';
import type { DataModel } from '../model/data-model.js';
import type { Signature } from '../model/types.js';
import { abiOf } from '../targets/index.js';
import type { Target } from '../targets/target.js';

/** Targets whose model has an assembly emitter. */
const ISA_OF: Record<string, ModelParty['isa']> = {
  'x86_64-linux': 'x86_64', 'x86_64-windows': 'x86_64', 'i686-linux': 'i386', 'aarch64-linux': 'aarch64', 'riscv64-linux': 'riscv64', 'armhf-linux': 'arm',
};

/** ISA emitters written and checked against the compilers (the others are stubs until then). */
const READY: ReadonlySet<ModelParty['isa']> = new Set(['x86_64', 'i386', 'aarch64', 'arm', 'riscv64']);

export const isModelSide = (s: Side): boolean => s.tc.family === 'model';

/** Whether the model can be a party (and the judge) on this target. */
export const modelCovers = (target: Target): boolean => READY.has(ISA_OF[target.id]!);

/**
 * The layouts the model assumes: the target's (its gcc's), or for `model:<compiler>` that compiler's
 * where its layout differs from the target gcc's (a layout dialect: clang and clang-cl on Windows).
 */
export function layoutOf(target: Target, side: Side, features: ReadonlySet<string>): DataModel {
  const speaker = side.tc.id.startsWith('model:') ? side.tc.id.slice('model:'.length) : null;
  return speaker ? layoutOfCompiler(target, speaker, features) : (target.layoutWithFeatures?.(target.dataModel, features) ?? target.dataModel);
}

/** The layouts a C compiler of the target assumes with these ISA features: its layout dialect's, or the target gcc's. */
export function layoutOfCompiler(target: Target, compiler: string, features: ReadonlySet<string>): DataModel {
  const dm = target.layoutDialects?.find((d) => d.speakers.test(compiler))?.dataModel ?? target.dataModel;
  return target.layoutWithFeatures?.(dm, features) ?? dm;
}

/**
 * The contract checks the caller's call makes: its trampoline (where callee-saved registers can
 * carry the result, the one that leaves out those the caller's plan puts it in), and the bytes the
 * caller's compiler expects the callee to pop (its own dialect, features and layouts). A model
 * caller plans with the ISA features of the compiler it is paired with, as its assembly does; its
 * glue takes the pops from its own plan.
 */
export async function callerChecks(target: Target, caller: Side, callee: Side, probes: Prober): Promise<CallChecks> {
  const compiler = caller.tc.id.startsWith('model:') ? caller.tc.id.slice('model:'.length) : cCompilerOf(caller.tc.id);
  const featuresOf = async (s: Side): Promise<Set<string>> => (isModelSide(s) ? new Set<string>() : await probes.isaFeatures(s));
  const features = await featuresOf(isModelSide(caller) ? callee : caller);
  return callChecksOf(target, { compiler, features, dataModel: layoutOfCompiler(target, compiler, features) });
}

/** The dialect ids the model speaks for `model:<compiler>` (none for plain `model`). */
export function dialectsOf(target: Target, side: Side, sig: Signature): Set<string> {
  const speaker = side.tc.id.startsWith('model:') ? side.tc.id.slice('model:'.length) : null;
  if (!speaker) return new Set();
  const abi = abiOf(target, sig);
  return new Set(abi.dialectsOf?.(speaker) ?? []);
}

export function checkModelSupported(target: Target, sides: Side[]): void {
  if (sides.some(isModelSide) && !modelCovers(target))
    throw new UsageError(`the psABI model has no assembly emitter for ${target.id} yet (it has: ${Object.keys(ISA_OF).filter((t) => modelCovers({ id: t } as Target)).join(', ')})`, 'ABIFUZZ_NO_MODEL');
}

export async function modelRoles(target: Target, caller: Side, callee: Side, probes: Prober): Promise<ModelRoles> {
  const party = async (me: Side, other: Side): Promise<ModelParty | undefined> => {
    if (!isModelSide(me)) return undefined;
    const features = isModelSide(other) ? new Set<string>() : await probes.isaFeatures(other);
    const opts = (sig: Signature): AbiOptions => ({ features, dialects: dialectsOf(target, me, sig) });
    const dataModel = layoutOf(target, me, features);
    const planResult = (sig: Signature) => abiOf(target, sig).planCall(sig, dataModel, opts(sig));
    return {
      isa: ISA_OF[target.id]!,
      planResult,
      plan(sig) {
        const r = planResult(sig);
        if (!r.ok) throw new Error(`internal: no plan for ${sig.name}: ${r.reason}`);
        return r.plan;
      },
      abiTitle: (sig) => abiOf(target, sig).title,
      keeps(sig) {
        const base = new Set(target.abis['']!.contract.calleeSaved.map((r) => r.name));
        return abiOf(target, sig).contract.calleeSaved.filter((r) => !base.has(r.name));
      },
      features,
      elf: !target.id.endsWith('windows'),
      dataModel,
      glueFlags: target.layoutFlags?.(features) ?? [],
    };
  };
  const roles: ModelRoles = {};
  const c = await party(caller, callee);
  const e = await party(callee, caller);
  if (c) roles.caller = c;
  if (e) roles.callee = e;
  return roles;
}
