// AArch64 trampolines (AAPCS64, clang's preserve_most/preserve_all/preserve_none, the vector PCS).
// Until the callee returns they use only x16/x17 (IP0/IP1, which no convention here passes anything
// in or keeps: preserve_none passes in x20-x28, x0-x7, x9-x15) and memory; the return address (x30)
// is kept in the state.
import { STATE, type TrampolineSpec } from './tramp-spec.js';

const S = 'abifuzz_contract_state';

/**
 * Results come back in x0-x1 (larger ones through the memory x8 pointed at) and v0-v3 (HFA, HVA):
 * every other register the convention does not keep gets garbage, including x8 and the upper
 * halves of v8-v15 where only their low 64 bits (d8-d15) are kept. x17 carries the garbage.
 */
function garbage(t: TrampolineSpec): string[] {
  const kept = new Set(t.regs.map((r) => r.name));
  const xs = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16].map((i) => `x${i}`).filter((r) => !kept.has(r));
  const vs: string[] = [];
  for (let v = 4; v < 32; v++) {
    if (kept.has(`q${v}`)) continue;
    if (kept.has(`d${v}`)) vs.push(`\tmov v${v}.d[1], x17`);
    else vs.push(`\tdup v${v}.2d, x17`);
  }
  return [
    '\tmovz x17, #0xbeef', '\tmovk x17, #0xdead, lsl #16', '\tmovk x17, #0xab1e, lsl #32', '\tmovk x17, #0x5ca1, lsl #48',
    ...xs.map((r) => `\tmov ${r}, x17`),
    ...vs,
  ];
}

export function aarch64Trampolines(specs: TrampolineSpec[], elf: boolean): string[] {
  const out = ['\t.text'];
  for (const t of specs) {
    const store = t.regs.map((r) => `\tstr ${r.name}, [x17, #${r.offset}]`);
    const load = t.regs.map((r) => `\tldr ${r.name}, [x17, #${r.offset}]`);
    // A register that may carry an argument keeps it: its value at entry is what must come back.
    const arm = t.regs.map((r) => `\t${r.recorded ? 'str' : 'ldr'} ${r.name}, [x17, #${r.offset}]`);
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
      `\tadd x17, x16, #${STATE.canary}`, ...arm,
      `\tldr x17, [x16, #${STATE.target}]`,
      '\tblr x17',
      '\t/* x16/x17 are the callee\'s to clobber: find the state again. */',
      ...state,
      '\tmov x17, sp', `\tstr x17, [x16, #${STATE.spExit}]`,
      `\tldr x17, [x16, #${STATE.spEntry}]`, '\tmov sp, x17\t/* the callee must pop nothing: go on from where the caller was */',
      `\tadd x17, x16, #${STATE.got}`, ...store,
      `\tadd x17, x16, #${STATE.saved}`, ...load,
      `\tldr x30, [x16, #${STATE.ret}]`,
      ...garbage(t),
      '\tret',
    );
    if (elf) out.push(`\t.size ${t.symbol}, .-${t.symbol}`);
  }
  return out;
}
