// 32-bit ARM trampolines, hard float (armv7-a, vfpv3-d16: d0-d15 only). Until the callee returns
// they use only ip (r12, which no C convention passes anything in), lr once the return address is
// in the state, and memory. ARM code (the caller's blx through a pointer switches to it); it calls
// the callee with blx (which may be Thumb) and returns with bx lr. Static, non-PIE executables:
// the state's address comes from a literal pool.
import { STATE, type TrampolineSpec } from './tramp-spec.js';

const S = 'abifuzz_contract_state';

export function armTrampolines(specs: TrampolineSpec[], elf: boolean): string[] {
  const out = ['\t.syntax unified', '\t.arch armv7-a', '\t.fpu vfpv3-d16', '\t.text', '\t.arm'];
  for (const t of specs) {
    const insn = (name: string, st: boolean): string => (name.startsWith('d') ? (st ? 'vstr' : 'vldr') : st ? 'str' : 'ldr');
    const store = t.regs.map((r) => `\t${insn(r.name, true)} ${r.name}, [lr, #${r.offset}]`);
    const load = t.regs.map((r) => `\t${insn(r.name, false)} ${r.name}, [lr, #${r.offset}]`);
    out.push(`/* ${t.abi.title}: callee-saved ${t.regs.map((r) => r.name).join(' ')} */`, `\t.globl ${t.symbol}`);
    if (elf) out.push(`\t.type ${t.symbol}, %function`, `\t.hidden ${t.symbol}`);
    out.push(
      '\t.balign 4',
      `${t.symbol}:`,
      `\tldr ip, =${S}`,
      `\tstr lr, [ip, #${STATE.ret}]`,
      `\tstr sp, [ip, #${STATE.spEntry}]`,
      `\tadd lr, ip, #${STATE.saved}`, ...store,
      `\tadd lr, ip, #${STATE.canary}`, ...load,
      `\tldr ip, [ip, #${STATE.target}]`,
      '\tblx ip',
      '\t/* ip and lr are the callee\'s to clobber: find the state again. */',
      `\tldr ip, =${S}`,
      `\tstr sp, [ip, #${STATE.spExit}]`,
      `\tldr sp, [ip, #${STATE.spEntry}]\t/* the callee must pop nothing: go on from where the caller was */`,
      `\tadd lr, ip, #${STATE.got}`, ...store,
      `\tadd lr, ip, #${STATE.saved}`, ...load,
      `\tldr lr, [ip, #${STATE.ret}]`,
      '\t/* ip is the only caller-saved register that can never hold a return value (r0-r3, d0-d7 can). */',
      '\tldr ip, =0xdeadbeef',
      '\tbx lr',
      '\t.ltorg',
    );
    if (elf) out.push(`\t.size ${t.symbol}, .-${t.symbol}`);
  }
  return out;
}
