// x86-64 trampolines (SysV AMD64, Microsoft x64, vectorcall, clang's preserve_most/preserve_all/preserve_none/regcall).
// Until the callee returns they use no register at all, only memory (rip-relative); after it they
// use r11 (no x86-64 convention here returns or preserves anything in it; preserve_none passes its
// eleventh integer argument there, which is spent by then) and never touch
// a register that carries the return value (rax, rdx, xmm0-3, st0/st1) or that the convention
// keeps for the caller.
import type { Abi } from '../../abi/abi.js';
import { STATE, type TrampolineSpec } from './tramp-spec.js';

const S = 'abifuzz_contract_state';
const GARBAGE = '0x5ca1ab1edeadbeef';

const move = (bytes: number): string => (bytes === 16 ? 'movdqu' : 'movq');
const store = (t: TrampolineSpec, area: number): string[] => t.regs.map((r) => `\t${move(r.bytes)} %${r.name}, ${S}+${area + r.offset}(%rip)`);
const load = (t: TrampolineSpec, area: number): string[] => t.regs.map((r) => `\t${move(r.bytes)} ${S}+${area + r.offset}(%rip), %${r.name}`);

/** Canaries into the registers the callee must keep; a register that may carry an argument keeps it, its value recorded as the expected one. */
const arm = (t: TrampolineSpec): string[] =>
  t.regs.map((r) => (r.recorded
    ? `\t${move(r.bytes)} %${r.name}, ${S}+${STATE.canary + r.offset}(%rip)\t/* may carry an argument: its value now is what must come back */`
    : `\t${move(r.bytes)} ${S}+${STATE.canary + r.offset}(%rip), %${r.name}`));

const microsoft = (abi: Abi): boolean => abi.id === 'ms-x64' || abi.id === 'ms-vectorcall';

/**
 * Caller-saved registers that never carry a return value get garbage after the call. SysV returns
 * in rax, rdx, xmm0, xmm1, st0, st1 (clang returns vectors wider than the vector unit in xmm0-xmm3);
 * Microsoft x64 in rax and xmm0 (vectorcall: xmm0-xmm3), and the 32-byte home space was the callee's.
 * Registers the convention keeps for the caller (preserve_most: all but r11) are left alone, and so
 * are those its results may come back in (AbiContract.resultRegisters: regcall's leave only r10).
 */
function garbage(t: TrampolineSpec): string[] {
  const xmm = (from: number): string[] => Array.from({ length: 16 - from }, (_, i) => `xmm${from + i}`);
  const candidates = microsoft(t.abi) ? ['rcx', 'rdx', 'r8', 'r9', 'r10', 'xmm4', 'xmm5'] : ['rcx', 'rsi', 'rdi', 'r8', 'r9', 'r10', ...xmm(4)];
  const kept = new Set([...t.regs.map((r) => r.name), ...t.returns, ...(t.abi.contract.resultRegisters ?? [])]);
  const home = microsoft(t.abi) ? ['\tmovq %r11, 0(%rsp)', '\tmovq %r11, 8(%rsp)', '\tmovq %r11, 16(%rsp)', '\tmovq %r11, 24(%rsp)'] : [];
  return [`\tmovabsq $${GARBAGE}, %r11`, ...home, ...candidates.filter((r) => !kept.has(r)).map((r) => `\tmovq %r11, %${r}`)];
}

export function x86_64Trampolines(specs: TrampolineSpec[], elf: boolean): string[] {
  const out = ['\t.text'];
  for (const t of specs) {
    const returns = t.returns.length ? `; the result's ${t.returns.join(' ')} unchecked` : '';
    out.push(`/* ${t.abi.title}: callee-saved ${t.regs.map((r) => r.name).join(' ')}${returns} */`, `\t.globl ${t.symbol}`);
    if (elf) out.push(`\t.type ${t.symbol}, @function`, `\t.hidden ${t.symbol}`);
    out.push(
      `${t.symbol}:`,
      `\tpopq ${S}+${STATE.ret}(%rip)`,
      `\tmovq %rsp, ${S}+${STATE.spEntry}(%rip)`,
      `\tpushfq`, `\tpopq ${S}+${STATE.flagsEntry}(%rip)`,
      `\tstmxcsr ${S}+${STATE.mxcsrEntry}(%rip)`,
      `\tfnstcw ${S}+${STATE.fpcwEntry}(%rip)`,
      ...store(t, STATE.saved),
      ...arm(t),
      `\tcall *${S}+${STATE.target}(%rip)`,
      `\tmovq %rsp, ${S}+${STATE.spExit}(%rip)`,
      `\tmovq ${S}+${STATE.spEntry}(%rip), %rsp\t/* the callee must pop nothing: go on from where the caller was */`,
      `\tpushfq`, `\tpopq ${S}+${STATE.flagsExit}(%rip)`,
      `\tstmxcsr ${S}+${STATE.mxcsrExit}(%rip)`,
      `\tfnstcw ${S}+${STATE.fpcwExit}(%rip)`,
      `\tcld`, `\tldmxcsr ${S}+${STATE.mxcsrEntry}(%rip)`, `\tfldcw ${S}+${STATE.fpcwEntry}(%rip)`,
      ...store(t, STATE.got),
      ...load(t, STATE.saved),
      ...garbage(t),
      `\tmovq ${S}+${STATE.ret}(%rip), %r11`,
      `\tjmp *%r11`,
    );
    if (elf) out.push(`\t.size ${t.symbol}, .-${t.symbol}`);
  }
  return out;
}
