// The contract trampolines of a target, generated from its psABI modules: one per ABI the target
// uses (its `variant` is its place in that list), each saving, canarying and checking exactly the
// callee-saved registers the ABI's contract lists, plus the table contract.c reads. The mechanism
// per ISA is in ./tramp-<isa>.ts; the register lists are the ABI modules' and nobody else's.
import type { Abi } from '../../abi/abi.js';
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

export function trampolineSpecs(t: Target): TrampolineSpec[] {
  return abisOf(t).map((abi, variant) => {
    let offset = 0;
    const regs = abi.contract.calleeSaved.map((r) => {
      const at = Math.ceil(offset / Math.min(r.bytes, 8)) * Math.min(r.bytes, 8);
      offset = at + r.bytes;
      return { ...r, offset: at };
    });
    if (offset > STATE.area) throw new Error(`internal: ${abi.id}'s callee-saved registers do not fit the contract state`);
    return { abi, symbol: trampolineSymbol(abi), variant, regs };
  });
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
  return {
    trampoline(sig) {
      const spec = specs.find((s) => s.abi === abiOf(sig))!;
      return { symbol: spec.symbol, variant: spec.variant };
    },
    // The psABI module's plan in the caller's dialect: only i386 conventions pop (-1: no plan).
    pops(sig) {
      const abi = abiOf(sig);
      if (!abi.contract.calleePops) return 0;
      const r = abi.planCall(sig, caller.dataModel, { features: new Set(caller.features), dialects: new Set(abi.dialectsOf?.(caller.compiler) ?? []) });
      return r.ok ? r.plan.calleePops : -1;
    },
  };
}

/** The table contract.c reads: "variant name offset size" entries, ';'-separated. */
export function registerTable(specs: TrampolineSpec[]): string {
  return specs.flatMap((s) => s.regs.map((r) => `${s.variant} ${r.name} ${r.offset} ${r.bytes}`)).join(';');
}

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
  const elf = !t.id.endsWith('windows');
  const align = Math.max(...specs.map((s) => s.abi.contract.stackAlign));
  const obj = (name: string): string[] => (elf ? [`\t.type ${name}, %object`] : []);
  return [
    `/* abifuzz contract trampolines for ${t.id}, generated from the psABI modules (${specs.map((s) => s.abi.id).join(', ')}).`,
    ' * The caller calls a trampoline through a pointer of the callee\'s exact type; the trampoline takes',
    ' * its own return address aside and calls the callee, which sees the arguments exactly as the caller',
    ' * left them; around the call it loads canaries into every callee-saved register the ABI lists and',
    ' * stores what came back, records the stack pointer (and the flags on x86); contract.c compares. */',
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
