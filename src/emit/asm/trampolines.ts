// The contract trampolines of a target, generated from its psABI modules: one per ABI the target
// uses (its `variant` is its place in that list), each saving, canarying and checking exactly the
// callee-saved registers the ABI's contract lists, plus the table contract.c reads. Registers that
// may carry arguments are recorded at entry instead of canaried; an ABI whose callee-saved registers
// can carry the result gets one trampoline per set of them a result can occupy. The mechanism
// per ISA is in ./tramp-<isa>.ts; the register lists are the ABI modules' and nobody else's.
import type { Abi } from '../../abi/abi.js';
import type { ArgLocation, CallPlan } from '../../abi/location.js';
import type { DataModel } from '../../model/data-model.js';
import type { Signature } from '../../model/types.js';
import type { Target } from '../../targets/target.js';
import { armTrampolines } from './tramp-arm.js';
import { aarch64Trampolines } from './tramp-aarch64.js';
import { i386Trampolines } from './tramp-i386.js';
import { riscv64Trampolines } from './tramp-riscv64.js';
import { x86_64Trampolines } from './tramp-x86_64.js';
import { STATE, type TrampolineSpec } from './tramp-spec.js';

/** The distinct ABIs of a target, in a fixed order: the variant numbers. */
export function abisOf(t: Target): Abi[] {
  const out: Abi[] = [];
  for (const a of Object.values(t.abis)) if (!out.includes(a)) out.push(a);
  return out;
}

export const trampolineSymbol = (abi: Abi): string => `abifuzz_tramp_${abi.id.replace(/[^a-z0-9]/gi, '_')}`;

/**
 * The sets of callee-saved registers a return value can occupy under `abi`: every combination of
 * one prefix of each of its return chains, the empty set first (ABIs without chains: just that).
 */
export function returnSets(abi: Abi): string[][] {
  let sets: string[][] = [[]];
  for (const chain of abi.contract.returnChains ?? [])
    sets = sets.flatMap((s) => Array.from({ length: chain.length + 1 }, (_, n) => [...s, ...chain.slice(0, n)]));
  return sets;
}

export function trampolineSpecs(t: Target): TrampolineSpec[] {
  const out: TrampolineSpec[] = [];
  for (const abi of abisOf(t)) {
    for (const returns of returnSets(abi)) {
      let offset = 0;
      const regs = abi.contract.calleeSaved.filter((r) => !returns.includes(r.name)).map((r) => {
        const align = Math.min(r.bytes, 16); // AArch64 str q takes offsets that are multiples of 16
        const at = Math.ceil(offset / align) * align;
        offset = at + r.bytes;
        return { ...r, offset: at, recorded: abi.contract.argumentsIn?.includes(r.name) ?? false };
      });
      if (offset > STATE.area) throw new Error(`internal: ${abi.id}'s callee-saved registers do not fit the contract state`);
      const symbol = trampolineSymbol(abi) + (returns.length ? `_ret_${returns.join('_')}` : '');
      out.push({ abi, symbol, variant: out.length, regs, returns });
    }
  }
  return out;
}

/** A register of a plan as the contract names it: the xmm view of ymm/zmm (only its low 16 bytes are checked). */
const contractName = (reg: string): string => reg.replace(/^[yz]mm/, 'xmm');

/**
 * The callee-saved registers the return value of a plan occupies (and its arguments, where the ABI
 * does not keep those: AbiContract.argumentsInChains), widened to one of the ABI's return sets (a
 * chain's prefix up to the last register used). With no plan, the prefixes `atMost` bounds, or
 * every chain whole.
 */
export function returnSetOf(abi: Abi, plan: CallPlan | null, atMost?: readonly number[]): string[] {
  const chains = abi.contract.returnChains ?? [];
  if (!plan) return atMost ? chains.flatMap((chain, i) => chain.slice(0, atMost[i] ?? chain.length)) : chains.flat();
  const ret = plan.ret;
  const partsOf = (l: ArgLocation): string[] => (l.kind === 'regs' || l.kind === 'split' ? l.parts.map((p) => p.reg) : l.kind === 'by-ref' ? partsOf(l.pointer) : []);
  const used = [
    ...(ret.kind === 'regs' ? ret.parts.map((p) => p.reg) : ret.kind === 'sret' && ret.returnedIn ? [ret.returnedIn] : []),
    ...(abi.contract.argumentsInChains ? [...plan.args, ...(ret.kind === 'sret' ? [ret.pointer] : [])].flatMap(partsOf) : []),
  ].map(contractName);
  return chains.flatMap((chain) => chain.slice(0, Math.max(0, ...used.map((r) => chain.indexOf(r) + 1))));
}

/** What the emitted caller asks of the contract for one call: its trampoline, and the bytes the callee pops. */
export interface CallChecks {
  trampoline(sig: Signature): { symbol: string; variant: number };
  /** Bytes the callee pops on return, or -1 when nobody can say (the check is then skipped). */
  pops(sig: Signature): number;
}

/**
 * What the C caller expects of the callee: its compiler (whose documented dialects it speaks), the
 * ISA features it is built with and the layouts it assumes. The bytes a callee must pop are the
 * caller's expectation; a callee popping other than that leaves the caller's stack wrong.
 */
export interface CallerExpectation {
  compiler: string;
  features: ReadonlySet<string>;
  dataModel: DataModel;
}

export function callChecksOf(t: Target, caller: CallerExpectation): CallChecks {
  const specs = trampolineSpecs(t);
  const abiOf = (sig: Signature): Abi => t.abis[sig.convention ?? ''] ?? t.abis['']!;
  // The psABI module's plan in the caller's dialect, or null when it cannot say.
  const planOf = (sig: Signature, abi: Abi): CallPlan | null => {
    const r = abi.planCall(sig, caller.dataModel, { features: new Set(caller.features), dialects: new Set(abi.dialectsOf?.(caller.compiler) ?? []) });
    return r.ok ? r.plan : null;
  };
  return {
    // Where callee-saved registers can carry the result, the trampoline that leaves out those the caller expects it in.
    trampoline(sig) {
      const abi = abiOf(sig);
      const returns = abi.contract.returnChains ? returnSetOf(abi, planOf(sig, abi), abi.contract.chainsAtMost?.(sig, caller.dataModel)) : [];
      const spec = specs.find((s) => s.abi === abi && s.returns.join(' ') === returns.join(' '))!;
      return { symbol: spec.symbol, variant: spec.variant };
    },
    // Only i386 conventions pop (-1: no plan).
    pops(sig) {
      const abi = abiOf(sig);
      if (!abi.contract.calleePops) return 0;
      return planOf(sig, abi)?.calleePops ?? -1;
    },
  };
}

/** The table contract.c reads: "variant name offset size" entries, ';'-separated. */
export function registerTable(specs: TrampolineSpec[]): string {
  return specs.flatMap((s) => s.regs.map((r) => `${s.variant} ${r.name} ${r.offset} ${r.bytes}`)).join(';');
}

/** ISAs whose trampolines can record registers at entry (TrampolineSpec regs[].recorded). */
const RECORDS: ReadonlySet<string> = new Set(['x86_64-linux', 'x86_64-windows', 'aarch64-linux']);

const ISA: Record<string, (specs: TrampolineSpec[], elf: boolean) => string[]> = {
  'x86_64-linux': x86_64Trampolines,
  'x86_64-windows': x86_64Trampolines,
  'i686-linux': i386Trampolines,
  'aarch64-linux': aarch64Trampolines,
  'riscv64-linux': riscv64Trampolines,
  'armhf-linux': armTrampolines,
};

/** contract.S of a target: the trampolines, the state they share, the register table, the stack alignment. */
export function trampolineFile(t: Target): string {
  const specs = trampolineSpecs(t);
  if (!RECORDS.has(t.id) && specs.some((s) => s.regs.some((r) => r.recorded)))
    throw new Error(`internal: the ${t.id} trampolines cannot record argument registers (${specs.find((s) => s.regs.some((r) => r.recorded))!.abi.id})`);
  const elf = !t.id.endsWith('windows');
  const align = Math.max(...specs.map((s) => s.abi.contract.stackAlign));
  const obj = (name: string): string[] => (elf ? [`\t.type ${name}, %object`] : []);
  return [
    `/* abifuzz contract trampolines for ${t.id}, generated from the psABI modules (${abisOf(t).map((a) => a.id).join(', ')}).`,
    ' * The caller calls a trampoline through a pointer of the callee\'s exact type; the trampoline takes',
    ' * its own return address aside and calls the callee, which sees the arguments exactly as the caller',
    ' * left them; around the call it loads canaries into every callee-saved register the ABI lists (or',
    ' * records the value of one that may carry an argument) and stores what came back, records the',
    ' * stack pointer (and the flags on x86); contract.c compares. */',
    ...ISA[t.id]!(specs, elf),
    '\t.data',
    '\t.balign 64',
    '\t.globl abifuzz_contract_state',
    ...(elf ? ['\t.hidden abifuzz_contract_state'] : []),
    ...obj('abifuzz_contract_state'),
    'abifuzz_contract_state:',
    `\t.zero ${STATE.size}`,
    '\t.globl abifuzz_contract_regs',
    ...obj('abifuzz_contract_regs'),
    'abifuzz_contract_regs:',
    `\t.asciz "${registerTable(specs)}"`,
    '\t.globl abifuzz_contract_stack_align',
    ...obj('abifuzz_contract_stack_align'),
    '\t.balign 4',
    'abifuzz_contract_stack_align:',
    `\t.long ${align}`,
    ...(elf ? [`\t.section .note.GNU-stack,"",${t.id === 'armhf-linux' ? '%progbits' : '@progbits'}`] : []),
    '',
  ].join('\n');
}
