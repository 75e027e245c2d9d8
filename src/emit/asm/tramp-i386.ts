// i386 trampolines (every convention: cdecl, stdcall, fastcall, regparm, thiscall, sseregparm,
// clang's regcall). regparm(3) passes arguments in eax, edx and ecx, fastcall in ecx and edx and
// regcall in all five of eax ecx edx edi esi, so until the callee returns they use no register at
// all, only memory (executables are static, non-PIE: absolute addresses). Callee-pops conventions
// pop as with a direct call; the trampoline returns with that stack pointer.
import { STATE, type TrampolineSpec } from './tramp-spec.js';

const S = 'abifuzz_contract_state';

export function i386Trampolines(specs: TrampolineSpec[], elf: boolean): string[] {
  const out = ['\t.text'];
  for (const t of specs) {
    const move = (bytes: number): string => (bytes === 16 ? 'movdqu' : 'movl');
    const store = (area: number): string[] => t.regs.map((r) => `\t${move(r.bytes)} %${r.name}, ${S}+${area + r.offset}`);
    const load = (area: number): string[] => t.regs.map((r) => `\t${move(r.bytes)} ${S}+${area + r.offset}, %${r.name}`);
    // Where a result may come back in ecx (regcall: a long long in eax:ecx), the return address goes back from memory.
    const back = t.abi.contract.resultRegisters?.includes('ecx')
      ? [`\tpushl ${S}+${STATE.ret}`]
      : [`\tmovl ${S}+${STATE.ret}, %ecx`, '\tpushl %ecx', '\tmovl $0xdeadbeef, %ecx'];
    out.push(`/* ${t.abi.title}: callee-saved ${t.regs.map((r) => r.name).join(' ')} */`, `\t.globl ${t.symbol}`);
    if (elf) out.push(`\t.type ${t.symbol}, @function`, `\t.hidden ${t.symbol}`);
    out.push(
      `${t.symbol}:`,
      `\tpopl ${S}+${STATE.ret}`,
      `\tmovl %esp, ${S}+${STATE.spEntry}`,
      '\tpushfl', `\tpopl ${S}+${STATE.flagsEntry}`,
      `\tstmxcsr ${S}+${STATE.mxcsrEntry}`,
      `\tfnstcw ${S}+${STATE.fpcwEntry}`,
      ...store(STATE.saved),
      ...load(STATE.canary),
      `\tcall *${S}+${STATE.target}`,
      '\t/* Returns are in eax, edx, st0 (st1), mm0 or xmm0 (regcall: also ecx edi esi xmm1-xmm7): ecx is free from here on but for regcall. */',
      `\tmovl %esp, ${S}+${STATE.spExit}`,
      '\tpushfl', `\tpopl ${S}+${STATE.flagsExit}`,
      `\tstmxcsr ${S}+${STATE.mxcsrExit}`,
      `\tfnstcw ${S}+${STATE.fpcwExit}`,
      '\tcld', `\tldmxcsr ${S}+${STATE.mxcsrEntry}`, `\tfldcw ${S}+${STATE.fpcwEntry}`,
      ...store(STATE.got),
      ...load(STATE.saved),
      ...back,
      '\tret',
    );
    if (elf) out.push(`\t.size ${t.symbol}, .-${t.symbol}`);
  }
  return out;
}
