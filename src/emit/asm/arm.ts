// The model party in 32-bit ARM assembly (GNU as, unified syntax, ARM state, ELF), for AAPCS
// functions, the VFP variant and the base standard alike (armv7-a, vfpv3-d16: d0-d15, no NEON). The
// caller routine fills every argument register with poison, loads the registers and stack words the
// plan names from data emitted beside it (one commented instruction per register) and calls the
// callee through the contract trampoline with `bl`; the callee stub stores r0-r3 and d0-d7 (s0-s15,
// q0-q3) as they came and the address of its stack arguments (the incoming sp) for the C reader
// (model/glue.ts), and loads the return registers the reader filled.
//
// Registers: the routine and the stub are AAPCS-VFP functions called from, and calling into, C of
// that convention (pcs("aapcs") changes where arguments go, not what the callee preserves). They
// keep r4-r11 (those they use are pushed and popped) and never touch d8-d15 (§6.1.1, §6.1.2.1);
// scratch is ip (r12, which carries no argument in any C call), r0-r3 once they are stored, and
// r4-r6 pushed. The dumps are C arrays of unsigned char, with no alignment to rely on: they are
// only ever accessed by ldr and str of core registers (unaligned access is allowed for those on
// ARMv7 Linux; vldr/vstr fault), VFP registers moving through core registers with vmov. The
// caller's own data is 8-aligned and loaded with vldr directly. Addresses are absolute
// (movw/movt): the executables are static and not position-independent.
import type { Slots } from '../model/glue.js';
import { names } from '../model/glue.js';
import { POISON } from '../image.js';
import { dataLines } from './data.js';
import type { AsmFunction, IsaEmitter } from './isa.js';

const VFP_AT = 16;

/**
 * Register dump: r0-r3 (4 bytes each), then the VFP argument bank as it overlaps: q0-q3 at 16 bytes
 * each, d<k> (s<2k>, s<2k+1>) at 8 bytes each and s<k> at 4 bytes each over the same 64 bytes, so
 * a dump written as d0-d7 answers a read of q1 or s3.
 */
const armSlots: Slots = {
  slot(reg: string): number {
    const m = /^([rsdq])(\d+)$/.exec(reg);
    const k = m ? Number(m[2]) : -1;
    if (m?.[1] === 'r' && k < 4) return 4 * k;
    if (m?.[1] === 's' && k < 16) return VFP_AT + 4 * k;
    if (m?.[1] === 'd' && k < 8) return VFP_AT + 8 * k;
    if (m?.[1] === 'q' && k < 4) return VFP_AT + 16 * k;
    throw new Error(`internal: no arm dump slot for ${reg}`);
  },
  dumpBytes: VFP_AT + 64,
};

function armWidth(reg: string): number {
  switch (reg[0]) {
    case 'r':
    case 's':
      return 4;
    case 'd':
      return 8;
    case 'q':
      return 16;
    default:
      throw new Error(`internal: no arm register ${reg}`);
  }
}

const isCore = (reg: string): boolean => reg.startsWith('r');
const num = (reg: string): number => Number(reg.slice(1));

/** The s registers (by number) a VFP register name covers. */
function sOf(reg: string): number[] {
  const k = num(reg);
  if (reg[0] === 's') return [k];
  if (reg[0] === 'd') return [2 * k, 2 * k + 1];
  return [4 * k, 4 * k + 1, 4 * k + 2, 4 * k + 3];
}

/** A VFP register as the d (or s) registers vfpv3-d16 can name: q<k> is d<2k>, d<2k+1>. */
function pieces(reg: string): { reg: string; at: number }[] {
  if (reg[0] === 'q') return [{ reg: `d${2 * num(reg)}`, at: 0 }, { reg: `d${2 * num(reg) + 1}`, at: 8 }];
  return [{ reg, at: 0 }];
}

const HEAD = ['\t.syntax unified', '\t.arch armv7-a', '\t.fpu vfpv3-d16', '\t.text', '\t.arm'];

const fn = (f: AsmFunction, name: string): string[] =>
  f.elf ? [`\t.globl ${name}`, `\t.type ${name}, %function`, '\t.balign 4', `${name}:`] : [`\t.globl ${name}`, '\t.balign 4', `${name}:`];
const end = (f: AsmFunction, name: string): string[] => (f.elf ? [`\t.size ${name}, .-${name}`] : []);

/** `reg` = the address of `sym`, or a constant. */
const addressOf = (reg: string, sym: string): string[] => [`\tmovw ${reg}, #:lower16:${sym}`, `\tmovt ${reg}, #:upper16:${sym}`];
function constant(reg: string, v: number): string[] {
  const out = [`\tmovw ${reg}, #${v & 0xffff}`];
  if (v >>> 16) out.push(`\tmovt ${reg}, #${v >>> 16}`);
  return out;
}

/** Registers a return location hands back (the result memory's address is not handed back, §6.4). */
function returned(f: AsmFunction): string[] {
  const ret = f.plan.ret;
  return ret.kind === 'regs' ? ret.parts.map((p) => p.reg) : ret.kind === 'sret' && ret.returnedIn ? [ret.returnedIn] : [];
}

/** Stores VFP register `reg` at `base`+`at` through the core registers r0, r1 (which must be free). */
function storeVfp(reg: string, base: string, at: number, comment: string): string[] {
  return pieces(reg).flatMap((p) =>
    p.reg[0] === 'd'
      ? [`\tvmov r0, r1, ${p.reg}`, `\tstr r0, [${base}, #${at + p.at}]\t/* ${comment}${p.reg === reg ? '' : ` (${p.reg})`} */`, `\tstr r1, [${base}, #${at + p.at + 4}]`]
      : [`\tvmov r0, ${p.reg}`, `\tstr r0, [${base}, #${at + p.at}]\t/* ${comment} */`]);
}

/** Loads VFP register `reg` from `base`+`at` through the core registers r0, r1 (which must be free). */
function loadVfp(reg: string, base: string, at: number, comment: string): string[] {
  return pieces(reg).flatMap((p) =>
    p.reg[0] === 'd'
      ? [`\tldr r0, [${base}, #${at + p.at}]`, `\tldr r1, [${base}, #${at + p.at + 4}]`, `\tvmov ${p.reg}, r0, r1\t/* ${comment}${p.reg === reg ? '' : ` (${p.reg})`} */`]
      : [`\tldr r0, [${base}, #${at + p.at}]`, `\tvmov ${p.reg}, r0\t/* ${comment} */`]);
}

/** abifuzz_mcall_<n>: places the arguments where the plan says and calls through the trampoline. */
function armCaller(f: AsmFunction): string[] {
  const n = names(f.index);
  const img = f.images!;
  const L = (what: string): string => `.Lm${f.index}_${what}`;
  const area = Math.ceil(img.stack.bytes.length / 8) * 8;
  const out = [`/* ${f.name}: the model caller (${f.abiTitle}) */`, ...HEAD, ...fn(f, n.call)];
  out.push('\tpush {r4, r5, r6, lr}\t/* r4: the frame; r5, r6: scratch; 16 bytes keep sp 8-aligned */', '\tmov r4, sp');
  if (area) {
    out.push(...constant('r5', area), '\tsub r5, sp, r5', '\tbic r5, r5, #7', '\tmov sp, r5\t/* the outgoing argument area starts at sp, 8-aligned (§6.2.1.2) */');
    out.push(...addressOf('r5', L('stack')), '\tmov r6, sp');
    for (let off = 0; off < img.stack.bytes.length; off += 4) {
      const note = img.stackNotes.find((s) => off < s.offset + s.size && s.offset < off + 4);
      out.push('\tldr ip, [r5], #4', `\tstr ip, [r6], #4\t/* stack ${off}: ${note ? note.comment : 'nothing (poison)'} */`);
    }
  }
  // Registers the plan does not name carry poison, so that a callee reading one reads no leftover.
  const named = new Set(img.regs.map((r) => r.reg));
  const covered = new Set([...named].filter((r) => !isCore(r)).flatMap(sOf));
  const word = POISON * 0x01010101;
  out.push(...constant('r6', word));
  for (let d = 0; d < 8; d++) {
    const free = [2 * d, 2 * d + 1].filter((s) => !covered.has(s));
    if (free.length === 2) out.push(`\tvmov d${d}, r6, r6\t/* d${d}: no argument (poison) */`);
    else for (const s of free) out.push(`\tvmov s${s}, r6\t/* s${s}: no argument (poison) */`);
  }
  img.regs.forEach((r, i) => {
    if (isCore(r.reg)) return;
    out.push(...addressOf('r5', L(`r${i}`)));
    for (const p of pieces(r.reg)) out.push(`\tvldr ${p.reg}, [r5${p.at ? `, #${p.at}` : ''}]\t/* ${r.reg}${p.reg === r.reg ? '' : ` (${p.reg})`}: ${r.comment} */`);
  });
  for (let k = 0; k < 4; k++) if (!named.has(`r${k}`)) out.push(`\tmov r${k}, r6\t/* r${k}: no argument (poison) */`);
  img.regs.forEach((r, i) => {
    if (!isCore(r.reg)) return;
    out.push(...addressOf('r5', L(`r${i}`)), `\tldr ${r.reg}, [r5]\t/* ${r.reg}: ${r.comment} */`);
  });
  out.push(`\tbl ${f.trampoline}\t/* checks the callee's contract, then calls ${f.name} */`);
  const back = returned(f);
  if (back.length) out.push(...addressOf('ip', n.callerDump));
  // The core registers first: then r0, r1 carry the VFP registers to memory.
  for (const reg of back.filter(isCore)) out.push(`\tstr ${reg}, [ip, #${armSlots.slot(reg)}]\t/* returned in ${reg} */`);
  for (const reg of back.filter((r) => !isCore(r))) out.push(...storeVfp(reg, 'ip', armSlots.slot(reg), `returned in ${reg}`));
  out.push('\tmov sp, r4', '\tpop {r4, r5, r6, pc}', ...end(f, n.call));
  out.push('\t.data', '\t.balign 8', ...dataLines(L('stack'), img.stack, 'the outgoing argument area'));
  img.regs.forEach((r, i) => out.push('\t.balign 8', ...dataLines(L(`r${i}`), r.image, `${r.reg}: ${r.comment}`)));
  img.copies.forEach((c) => out.push('\t.balign 8', ...dataLines(c.label, c.image, c.comment)));
  return out;
}

/** f<n> itself: dumps its argument registers and stack address, lets the C reader do the rest, returns what it left. */
function armCallee(f: AsmFunction): string[] {
  const n = names(f.index);
  const out = [`/* ${f.name}: the model callee (${f.abiTitle}) */`, ...HEAD, ...fn(f, f.name)];
  out.push('\tpush {r4, lr}\t/* 8 bytes: sp stays 8-aligned for the call into C */');
  out.push(...addressOf('ip', n.calleeDump));
  for (let k = 0; k < 4; k++) out.push(`\tstr r${k}, [ip, #${armSlots.slot(`r${k}`)}]\t/* argument register r${k} as it came */`);
  for (let d = 0; d < 8; d++) out.push(...storeVfp(`d${d}`, 'ip', armSlots.slot(`d${d}`), `d${d} (s${2 * d}, s${2 * d + 1}) as it came`));
  out.push('\tadd r0, sp, #8\t/* the incoming stack arguments: sp at entry, above what was pushed */', ...addressOf('r1', n.calleeStack), '\tstr r0, [r1]');
  out.push(`\tbl ${n.reader}\t/* AAPCS-VFP C: keeps r4-r11, d8-d15 itself */`);
  const back = returned(f);
  if (back.length) out.push(...addressOf('ip', n.calleeDump));
  // The VFP registers first, through r0, r1; then the core registers.
  for (const reg of back.filter((r) => !isCore(r))) out.push(...loadVfp(reg, 'ip', armSlots.slot(reg), `the return value's part in ${reg}`));
  for (const reg of back.filter(isCore)) out.push(`\tldr ${reg}, [ip, #${armSlots.slot(reg)}]\t/* the return value's part in ${reg} */`);
  out.push('\tpop {r4, pc}', ...end(f, f.name));
  return out;
}

export const arm: IsaEmitter = { slots: armSlots, width: armWidth, caller: armCaller, callee: armCallee };
