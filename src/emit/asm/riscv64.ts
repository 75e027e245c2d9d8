// The model party in RISC-V 64 assembly (GNU as, ELF), for LP64D functions. The caller routine
// copies the outgoing stack area and loads every register the plan names from data emitted beside
// it (ld / fld of the whole 8-byte image, so the extensions and NaN-boxes the images carry reach
// the callee), one commented instruction per register, and calls the callee through the contract
// trampoline; the callee stub stores all 64 bits of a0-a7 and fa0-fa7 and the address of its
// stack arguments for the C reader (model/glue.ts), and loads the return registers the reader
// filled, extending them as the psABI prescribes.
//
// Registers: both routines are called from, or call into, C of the default (LP64D) convention,
// which is also the function's: they use only t0-t2 (caller-saved, never argument registers) as
// scratch, keep ra and s0 in a frame of their own, and touch no other s or fs register, so
// s0-s11 and fs0-fs11 stay as they came. gp and tp are left alone.
import type { Extension, RegPart } from '../../abi/location.js';
import type { Slots } from '../model/glue.js';
import { names } from '../model/glue.js';
import { byteRange } from '../model/images.js';
import { POISON } from '../image.js';
import { dataLines } from './data.js';
import type { AsmFunction, IsaEmitter } from './isa.js';

const XLEN = 8;
const GPRS = Array.from({ length: 8 }, (_, i) => `a${i}`);
const FPRS = Array.from({ length: 8 }, (_, i) => `fa${i}`);
const FPR_AT = GPRS.length * XLEN;
/** Largest offset a load or store immediate reaches (12-bit signed). */
const IMM_MAX = 2047;

/** Register dump: a0-a7 then fa0-fa7, 8 bytes each (all 64 bits of every register). */
const riscv64Slots: Slots = {
  slot(reg: string): number {
    const g = GPRS.indexOf(reg);
    if (g >= 0) return g * XLEN;
    const v = FPRS.indexOf(reg);
    if (v >= 0) return FPR_AT + v * XLEN;
    throw new Error(`internal: no dump slot for ${reg}`);
  },
  dumpBytes: FPR_AT + FPRS.length * XLEN,
};

const isFpr = (reg: string): boolean => FPRS.includes(reg);

function riscv64Width(reg: string): number {
  if (GPRS.includes(reg) || isFpr(reg)) return XLEN;
  throw new Error(`internal: ${reg} is no RISC-V LP64D argument register`);
}

/** The 64-bit load or store of a register. */
const load = (reg: string): string => (isFpr(reg) ? 'fld' : 'ld');
const store = (reg: string): string => (isFpr(reg) ? 'fsd' : 'sd');

const fn = (f: AsmFunction, name: string): string[] => [
  '\t.balign 4',
  `\t.globl ${name}`,
  ...(f.elf ? [`\t.type ${name}, @function`] : []),
  `${name}:`,
];
const end = (f: AsmFunction, name: string): string[] => (f.elf ? [`\t.size ${name}, .-${name}`] : []);

/** A frame of 16 bytes holding ra and s0 (s0: the frame's top, the stack pointer as it came). */
const prologue = ['\taddi sp, sp, -16', '\tsd ra, 8(sp)', '\tsd s0, 0(sp)', '\taddi s0, sp, 16\t/* s0: the stack pointer on entry */'];
const epilogue = ['\taddi sp, s0, -16\t/* back to the frame, whatever the call did with sp */', '\tld ra, 8(sp)', '\tld s0, 0(sp)', '\taddi sp, sp, 16'];

/** sp -= n (n a multiple of 16). */
const lowerSp = (n: number): string[] =>
  n === 0 ? [] : n <= IMM_MAX + 1 ? [`\taddi sp, sp, -${n}`] : [`\tli t0, ${n}`, '\tsub sp, sp, t0'];

/** abifuzz_mcall_<n>: places the arguments where the plan says and calls through the trampoline. */
function riscv64Caller(f: AsmFunction): string[] {
  const n = names(f.index);
  const img = f.images!;
  if (f.plan.calleePops) throw new Error(`internal: a RISC-V callee pops nothing, the plan says ${f.plan.calleePops}`);
  const L = (what: string): string => `.Lm${f.index}_${what}`;
  // ICC: "the stack pointer shall be aligned to a 128-bit boundary upon procedure entry".
  const area = Math.ceil(img.stack.bytes.length / 16) * 16;
  const out = [`/* ${f.name}: the model caller (${f.abiTitle}) */`, '\t.text', ...fn(f, n.call)];
  out.push(...prologue, ...lowerSp(area), '\tandi sp, sp, -16\t/* the argument area starts at sp, 16-aligned */');
  // The stack image, 8 bytes at a time: t0 walks the image, t2 the area, re-based every 2 KiB so
  // every offset fits an immediate.
  let base = -1;
  for (let off = 0; off < img.stack.bytes.length; off += 8) {
    if (base < 0 || off - base > IMM_MAX - 7) {
      base = off;
      out.push(`\tlla t0, ${L('stack')}+${off}`, base === 0 ? '\tmv t2, sp' : `\tli t2, ${off}`, ...(base === 0 ? [] : ['\tadd t2, sp, t2']));
    }
    const note = img.stackNotes.find((s) => off >= s.offset && off < s.offset + s.size);
    out.push(`\tld t1, ${off - base}(t0)`, `\tsd t1, ${off - base}(t2)\t/* stack ${off}: ${note ? note.comment : 'nothing (poison)'} */`);
  }
  // Registers last (t0 is no argument register), all 64 bits of each image.
  img.regs.forEach((r, i) => out.push(`\tlla t0, ${L(`r${i}`)}`, `\t${load(r.reg)} ${r.reg}, 0(t0)\t/* ${r.comment} */`));
  out.push(`\tcall ${f.trampoline}\t/* checks the callee's contract, then calls ${f.name} */`);
  const ret = f.plan.ret;
  const back = ret.kind === 'regs' ? ret.parts.map((p) => p.reg) : ret.kind === 'sret' && ret.returnedIn ? [ret.returnedIn] : [];
  if (back.length) out.push(`\tlla t0, ${n.callerDump}`);
  for (const reg of back) out.push(`\t${store(reg)} ${reg}, ${riscv64Slots.slot(reg)}(t0)\t/* returned in ${reg}: all 64 bits, for the glue */`);
  out.push(...epilogue, '\tret', ...end(f, n.call));
  out.push('\t.data', '\t.balign 64', ...dataLines(L('stack'), img.stack, 'the outgoing argument area'));
  img.regs.forEach((r, i) => out.push('\t.balign 8', ...dataLines(L(`r${i}`), r.image, `${r.reg}: ${r.comment}`)));
  img.copies.forEach((c) => out.push('\t.balign 64', ...dataLines(c.label, c.image, c.comment)));
  return out;
}

/** The narrow load that extends a part of `bytes` bytes as `e` says to 64 bits, if there is one. */
function extendingLoad(reg: string, bytes: number, e: Extension): string | null {
  if (e.toBytes !== XLEN) return null;
  if (isFpr(reg)) return e.kind === 'ones' && bytes === 4 ? 'flw' : null; // flw NaN-boxes the single
  if (e.kind === 'ones') return null;
  const sized: Record<number, string> = { 1: 'b', 2: 'h', 4: 'w' };
  const s = sized[bytes];
  if (!s) return null;
  return e.kind === 'sign' ? `l${s}` : `l${s}u`;
}

const extensionNote = (e: Extension): string =>
  `${e.kind === 'ones' ? 'NaN-boxed (ones above)' : `${e.kind}-extended`} to ${e.toBytes * 8} bits, as the psABI prescribes`;

/**
 * Loads the return value's part in `p.reg` from the dump at t0, with the extension it prescribes.
 * The reader wrote only the part's bytes: where the psABI leaves the bits above unspecified, they
 * are poison (not the stale argument bits the slot held), so a caller that relies on them shows.
 */
function loadReturnPart(p: RegPart): string[] {
  const at = riscv64Slots.slot(p.reg);
  const bytes = p.to - p.from;
  const what = `the return value's ${byteRange(p)} in ${p.reg}`;
  if (!p.extend || p.extend.toBytes <= bytes) {
    const out: string[] = [];
    if (bytes < XLEN) {
      out.push(`\tli t1, 0x${POISON.toString(16)}\t/* poison */`);
      for (let k = bytes; k < XLEN; k++) out.push(`\tsb t1, ${at + k}(t0)\t/* ${p.reg} byte ${k}: poison, above the value (unspecified) */`);
    }
    return [...out, `\t${load(p.reg)} ${p.reg}, ${at}(t0)\t/* ${what} */`];
  }
  const why = extensionNote(p.extend);
  const insn = extendingLoad(p.reg, bytes, p.extend);
  if (insn) return [`\t${insn} ${p.reg}, ${at}(t0)\t/* ${what}, ${why} */`];
  // Any other width: shift the bits above the value out and back in (or OR the ones in).
  const keep = 64 - 8 * bytes;
  const top = 64 - 8 * p.extend.toBytes;
  const tmp = isFpr(p.reg) ? 't1' : p.reg;
  const out = [`\tld ${tmp}, ${at}(t0)\t/* ${what} */`];
  if (p.extend.kind === 'ones') {
    out.push('\tli t2, -1', `\tslli t2, t2, ${8 * bytes}`);
    if (top) out.push(`\tslli t2, t2, ${top}`, `\tsrli t2, t2, ${top}`);
    out.push(`\tor ${tmp}, ${tmp}, t2\t/* ${why} */`);
  } else {
    if (top) throw new Error(`internal: a ${p.extend.kind} extension to ${p.extend.toBytes} bytes of ${p.reg}`);
    out.push(`\tslli ${tmp}, ${tmp}, ${keep}`, `\t${p.extend.kind === 'sign' ? 'srai' : 'srli'} ${tmp}, ${tmp}, ${keep}\t/* ${why} */`);
  }
  if (isFpr(p.reg)) out.push(`\tfmv.d.x ${p.reg}, t1`);
  return out;
}

/** f<n> itself: dumps its argument registers and stack address, lets the C reader do the rest, returns what it left. */
function riscv64Callee(f: AsmFunction): string[] {
  const n = names(f.index);
  if (f.plan.calleePops) throw new Error(`internal: a RISC-V callee pops nothing, the plan says ${f.plan.calleePops}`);
  const out = [`/* ${f.name}: the model callee (${f.abiTitle}) */`, '\t.text', ...fn(f, f.name)];
  out.push(`\tlla t0, ${n.calleeDump}`);
  for (const r of [...GPRS, ...FPRS]) out.push(`\t${store(r)} ${r}, ${riscv64Slots.slot(r)}(t0)\t/* argument register ${r} as it came, all 64 bits */`);
  out.push(`\tlla t0, ${n.calleeStack}`, '\tsd sp, 0(t0)\t/* the incoming stack arguments start at sp */');
  out.push(...prologue, `\tcall ${n.reader}\t/* rebuilds and checks the arguments, leaves the return value in the dump */`);
  const ret = f.plan.ret;
  const parts: RegPart[] =
    ret.kind === 'regs' ? ret.parts : ret.kind === 'sret' && ret.returnedIn ? [{ reg: ret.returnedIn, from: 0, to: XLEN }] : [];
  if (parts.length) out.push(`\tlla t0, ${n.calleeDump}`);
  for (const p of parts) out.push(...loadReturnPart(p));
  out.push(...epilogue, '\tret', ...end(f, f.name));
  return out;
}

export const riscv64: IsaEmitter = { slots: riscv64Slots, width: riscv64Width, caller: riscv64Caller, callee: riscv64Callee };
