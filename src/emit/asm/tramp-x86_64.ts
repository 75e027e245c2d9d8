// x86-64 trampolines (SysV AMD64, Microsoft x64, vectorcall). Until the callee returns they use
// only r10/r11 (no C convention passes anything in them) and memory, and they never touch rax,
// rdx, xmm0-3 or st0/st1 after the call.
import { STATE, type TrampolineSpec } from './tramp-spec.js';

const S = 'abifuzz_contract_state';
const GARBAGE = '0x5ca1ab1edeadbeef';

const move = (bytes: number): string => (bytes === 16 ? 'movdqu' : 'movq');
const store = (t: TrampolineSpec, area: number): string[] => t.regs.map((r) => `\t${move(r.bytes)} %${r.name}, ${S}+${area + r.offset}(%rip)`);
const load = (t: TrampolineSpec, area: number): string[] => t.regs.map((r) => `\t${move(r.bytes)} ${S}+${area + r.offset}(%rip), %${r.name}`);

/**
 * Caller-saved registers that never carry a return value get garbage after the call. SysV returns
 * in rax, rdx, xmm0, xmm1, st0, st1 (clang returns vectors wider than the vector unit in xmm0-xmm3);
 * Microsoft x64 in rax and xmm0 (vectorcall: xmm0-xmm3), and the 32-byte home space was the callee's.
 */
function garbage(t: TrampolineSpec): string[] {
  const fill = (regs: string[]): string[] => regs.map((r) => (r.startsWith('xmm') ? `\tmovq %rcx, %${r}` : `\tmovq %rcx, %${r}`));
  if (t.abi.id === 'x86_64-sysv')
    return [`\tmovabsq $${GARBAGE}, %rcx`, ...fill(['rsi', 'rdi', 'r8', 'r9', 'r10', ...Array.from({ length: 12 }, (_, i) => `xmm${i + 4}`)])];
  return [
    `\tmovabsq $${GARBAGE}, %rcx`,
    '\tmovq %rcx, 0(%rsp)', '\tmovq %rcx, 8(%rsp)', '\tmovq %rcx, 16(%rsp)', '\tmovq %rcx, 24(%rsp)',
    ...fill(['rdx', 'r8', 'r9', 'r10', 'xmm4', 'xmm5']),
  ];
}

export function x86_64Trampolines(specs: TrampolineSpec[], elf: boolean): string[] {
  const out = ['\t.text'];
  for (const t of specs) {
    out.push(`/* ${t.abi.title}: callee-saved ${t.regs.map((r) => r.name).join(' ')} */`, `\t.globl ${t.symbol}`);
    if (elf) out.push(`\t.type ${t.symbol}, @function`, `\t.hidden ${t.symbol}`);
    out.push(
      `${t.symbol}:`,
      `\tpopq ${S}+${STATE.ret}(%rip)`,
      `\tmovq %rsp, ${S}+${STATE.spEntry}(%rip)`,
      `\tpushfq`, `\tpopq ${S}+${STATE.flagsEntry}(%rip)`,
      `\tstmxcsr ${S}+${STATE.mxcsrEntry}(%rip)`,
      `\tfnstcw ${S}+${STATE.fpcwEntry}(%rip)`,
      ...store(t, STATE.saved),
      ...load(t, STATE.canary),
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
