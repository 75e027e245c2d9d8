// AArch64 trampolines (AAPCS64). Until the callee returns they use only x16/x17 (IP0/IP1, which no
// C convention passes anything in) and memory; the return address (x30) is kept in the state.
import { STATE, type TrampolineSpec } from './tramp-spec.js';

const S = 'abifuzz_contract_state';

/**
 * Results come back in x0-x1 (larger ones through the memory x8 pointed at) and v0-v3 (HFA, HVA):
 * everything else caller-saved gets garbage, including x8 and the upper halves of v8-v15 (only
 * their low 64 bits are callee-saved).
 */
const GARBAGE = [
  '\tmovz x9, #0xbeef', '\tmovk x9, #0xdead, lsl #16', '\tmovk x9, #0xab1e, lsl #32', '\tmovk x9, #0x5ca1, lsl #48',
  ...['x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8', 'x10', 'x11', 'x12', 'x13', 'x14', 'x15', 'x16', 'x17'].map((r) => `\tmov ${r}, x9`),
  ...[4, 5, 6, 7, ...Array.from({ length: 16 }, (_, i) => i + 16)].map((v) => `\tdup v${v}.2d, x9`),
  ...Array.from({ length: 8 }, (_, i) => `\tmov v${i + 8}.d[1], x9`),
];

export function aarch64Trampolines(specs: TrampolineSpec[], elf: boolean): string[] {
  const out = ['\t.text'];
  for (const t of specs) {
    const store = t.regs.map((r) => `\tstr ${r.name}, [x17, #${r.offset}]`);
    const load = t.regs.map((r) => `\tldr ${r.name}, [x17, #${r.offset}]`);
    const state = [`\tadrp x16, ${S}`, `\tadd x16, x16, :lo12:${S}`];
    out.push(`/* ${t.abi.title}: callee-saved ${t.regs.map((r) => r.name).join(' ')} */`, `\t.globl ${t.symbol}`);
    if (elf) out.push(`\t.type ${t.symbol}, %function`, `\t.hidden ${t.symbol}`);
    out.push(
      '\t.balign 16',
      `${t.symbol}:`,
      ...state,
      `\tstr x30, [x16, #${STATE.ret}]`,
      '\tmov x17, sp', `\tstr x17, [x16, #${STATE.spEntry}]`,
      `\tadd x17, x16, #${STATE.saved}`, ...store,
      `\tadd x17, x16, #${STATE.canary}`, ...load,
      `\tldr x17, [x16, #${STATE.target}]`,
      '\tblr x17',
      '\t/* x16/x17 are the callee\'s to clobber: find the state again. */',
      ...state,
      '\tmov x17, sp', `\tstr x17, [x16, #${STATE.spExit}]`,
      `\tldr x17, [x16, #${STATE.spEntry}]`, '\tmov sp, x17\t/* the callee must pop nothing: go on from where the caller was */',
      `\tadd x17, x16, #${STATE.got}`, ...store,
      `\tadd x17, x16, #${STATE.saved}`, ...load,
      `\tldr x30, [x16, #${STATE.ret}]`,
      ...GARBAGE,
      '\tret',
    );
    if (elf) out.push(`\t.size ${t.symbol}, .-${t.symbol}`);
  }
  return out;
}
