// RISC-V 64 trampolines (LP64D). Until the callee returns they use only t0 (the state's address)
// and t1 (no C convention passes anything in them) and memory; ra is kept in the state. gp and tp
// are left alone. Every offset is within a 12-bit immediate of t0.
import { STATE, type TrampolineSpec } from './tramp-spec.js';

const S = 'abifuzz_contract_state';

/** Results come back in a0-a1 and fa0-fa1: everything else caller-saved gets garbage. */
const GARBAGE = [
  '\tli t1, 0x5ca1ab1edeadbeef',
  ...['t0', 't2', 't3', 't4', 't5', 't6', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7'].map((r) => `\tmv ${r}, t1`),
  ...[...Array.from({ length: 12 }, (_, i) => `ft${i}`), 'fa2', 'fa3', 'fa4', 'fa5', 'fa6', 'fa7'].map((r) => `\tfmv.d.x ${r}, t1`),
];

export function riscv64Trampolines(specs: TrampolineSpec[], elf: boolean): string[] {
  const out = ['\t.text'];
  for (const t of specs) {
    const insn = (name: string, st: boolean): string => (name.startsWith('f') ? (st ? 'fsd' : 'fld') : st ? 'sd' : 'ld');
    const store = (area: number): string[] => t.regs.map((r) => `\t${insn(r.name, true)} ${r.name}, ${area + r.offset}(t0)`);
    const load = (area: number): string[] => t.regs.map((r) => `\t${insn(r.name, false)} ${r.name}, ${area + r.offset}(t0)`);
    out.push(`/* ${t.abi.title}: callee-saved ${t.regs.map((r) => r.name).join(' ')} */`, `\t.globl ${t.symbol}`);
    if (elf) out.push(`\t.type ${t.symbol}, @function`, `\t.hidden ${t.symbol}`);
    out.push(
      '\t.balign 4',
      `${t.symbol}:`,
      `\tlla t0, ${S}`,
      `\tsd ra, ${STATE.ret}(t0)`,
      `\tsd sp, ${STATE.spEntry}(t0)`,
      ...store(STATE.saved),
      ...load(STATE.canary),
      `\tld t1, ${STATE.target}(t0)`,
      '\tjalr ra, 0(t1)',
      '\t/* t0/t1 are the callee\'s to clobber: find the state again. */',
      `\tlla t0, ${S}`,
      `\tsd sp, ${STATE.spExit}(t0)`,
      `\tld sp, ${STATE.spEntry}(t0)\t/* the callee must pop nothing: go on from where the caller was */`,
      ...store(STATE.got),
      ...load(STATE.saved),
      `\tld ra, ${STATE.ret}(t0)`,
      ...GARBAGE,
      '\tret',
    );
    if (elf) out.push(`\t.size ${t.symbol}, .-${t.symbol}`);
  }
  return out;
}
