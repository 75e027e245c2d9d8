// The model party in AArch64 assembly (GNU as, ELF), for AAPCS64 functions. The caller routine
// fills every argument register with poison, loads the registers and stack slots the plan names
// from data emitted beside it (one commented instruction per register) and calls the callee through
// the contract trampoline with `bl`; the callee stub stores every argument register (x0-x8, q0-q7
// whole) and the address of its stack arguments (the incoming sp) for the C reader (model/glue.ts),
// and loads the return registers the reader filled.
//
// Registers: the routine and the stub are AAPCS64 functions called from, and calling into, C of
// the same convention. They touch none of x19-x28 and d8-d15 (the callee-saved registers AAPCS64
// §6.1.1 and §6.1.2 name; x29/x30 are saved in the frame record), and use only x9-x11 and x16/x17
// as scratch: x9-x15 are caller-saved temporaries, x16/x17 (IP0/IP1) carry no argument in any C
// call. The dump's address is never assumed aligned: AArch64 Linux allows unaligned ldr/str/ldp/stp
// of x and q registers on normal memory.
import type { Slots } from '../model/glue.js';
import { names } from '../model/glue.js';
import { POISON } from '../image.js';
import { dataLines } from './data.js';
import type { AsmFunction, IsaEmitter } from './isa.js';

/** x0-x7 carry arguments and results, x8 the address of the result memory (§6.9). */
const XREGS = Array.from({ length: 9 }, (_, i) => `x${i}`);
const VREGS = Array.from({ length: 8 }, (_, i) => `v${i}`);
const V_AT = 80;

/** Register dump: x0-x8 (8 bytes each), then v0-v7 (16 bytes each, whatever the width used), 16-aligned within the dump. */
const aarch64Slots: Slots = {
  slot(reg: string): number {
    const x = /^x(\d)$/.exec(reg);
    if (x && Number(x[1]) <= 8) return 8 * Number(x[1]);
    const v = /^v(\d)$/.exec(reg);
    if (v && Number(v[1]) < 8) return V_AT + 16 * Number(v[1]);
    throw new Error(`internal: no aarch64 dump slot for ${reg}`);
  },
  dumpBytes: V_AT + 16 * 8,
};

/** x registers hold 8 bytes, v registers 16 (the q view: the widest a C argument uses without SVE). */
function aarch64Width(reg: string): number {
  if (/^x\d$/.test(reg)) return 8;
  if (/^v\d$/.test(reg)) return 16;
  throw new Error(`internal: no aarch64 register ${reg}`);
}

/** The 128-bit (q) view of a location.ts v register: loaded and stored whole. */
const q = (reg: string): string => `q${reg.slice(1)}`;
const isV = (reg: string): boolean => reg.startsWith('v');

const fn = (f: AsmFunction, name: string): string[] =>
  f.elf ? [`\t.globl ${name}`, `\t.type ${name}, %function`, '\t.balign 4', `${name}:`] : [`\t.globl ${name}`, '\t.balign 4', `${name}:`];
const end = (f: AsmFunction, name: string): string[] => (f.elf ? [`\t.size ${name}, .-${name}`] : []);

/** `reg` = the address of `sym` (static executables: adrp and the low 12 bits). */
const addressOf = (reg: string, sym: string): string[] => [`\tadrp ${reg}, ${sym}`, `\tadd ${reg}, ${reg}, :lo12:${sym}`];

/** `reg` = the constant `v` (movz/movk, 16 bits at a time). */
function imm(reg: string, v: number): string[] {
  const out = [`\tmovz ${reg}, #${v & 0xffff}`];
  for (let s = 16; s < 64 && Math.floor(v / 2 ** s) > 0; s += 16) out.push(`\tmovk ${reg}, #${Math.floor(v / 2 ** s) & 0xffff}, lsl #${s}`);
  return out;
}

/** Registers a return location hands back (the sret address is not handed back on AAPCS64, §6.9). */
function returned(f: AsmFunction): string[] {
  const ret = f.plan.ret;
  return ret.kind === 'regs' ? ret.parts.map((p) => p.reg) : ret.kind === 'sret' && ret.returnedIn ? [ret.returnedIn] : [];
}

/** abifuzz_mcall_<n>: places the arguments where the plan says and calls through the trampoline. */
function aarch64Caller(f: AsmFunction): string[] {
  const n = names(f.index);
  const img = f.images!;
  const L = (what: string): string => `.Lm${f.index}_${what}`;
  const area = Math.ceil(img.stack.bytes.length / 16) * 16;
  const out = [`/* ${f.name}: the model caller (${f.abiTitle}) */`, '\t.text', ...fn(f, n.call)];
  out.push('\tstp x29, x30, [sp, #-16]!\t/* frame record: the trampoline\'s bl takes x30 */', '\tmov x29, sp');
  if (area) {
    out.push(...imm('x9', area), '\tsub sp, sp, x9\t/* the outgoing argument area starts at sp, 16-aligned (§6.4.5.2) */');
    out.push(...addressOf('x10', L('stack')), '\tmov x11, sp');
    for (let off = 0; off < img.stack.bytes.length; off += 8) {
      const note = img.stackNotes.find((s) => off < s.offset + s.size && s.offset < off + 8);
      out.push('\tldr x9, [x10], #8', `\tstr x9, [x11], #8\t/* stack ${off}: ${note ? note.comment : 'nothing (poison)'} */`);
    }
  }
  // Registers the plan does not name carry poison, so that a callee reading one reads no leftover.
  const named = new Set(img.regs.map((r) => r.reg));
  const p = POISON.toString(16).repeat(2);
  out.push(`\tmovz x9, #0x${p}`, ...[16, 32, 48].map((s) => `\tmovk x9, #0x${p}, lsl #${s}`));
  for (const r of XREGS) if (!named.has(r)) out.push(`\tmov ${r}, x9\t/* ${r}: no argument (poison) */`);
  for (const r of VREGS) if (!named.has(r)) out.push(`\tmovi ${r}.16b, #0x${POISON.toString(16)}\t/* ${r}: no argument (poison) */`);
  img.regs.forEach((r, i) => {
    out.push(`\tadrp x9, ${L(`r${i}`)}`);
    out.push(`\tldr ${isV(r.reg) ? q(r.reg) : r.reg}, [x9, :lo12:${L(`r${i}`)}]\t/* ${r.reg}: ${r.comment} */`);
  });
  out.push(`\tbl ${f.trampoline}\t/* checks the callee's contract, then calls ${f.name} */`);
  const back = returned(f);
  if (back.length) out.push(...addressOf('x9', n.callerDump));
  for (const reg of back) out.push(`\tstr ${isV(reg) ? q(reg) : reg}, [x9, #${aarch64Slots.slot(reg)}]\t/* returned in ${reg} */`);
  out.push('\tmov sp, x29', '\tldp x29, x30, [sp], #16', '\tret', ...end(f, n.call));
  out.push('\t.data', '\t.balign 16', ...dataLines(L('stack'), img.stack, 'the outgoing argument area'));
  img.regs.forEach((r, i) => out.push('\t.balign 16', ...dataLines(L(`r${i}`), r.image, `${r.reg}: ${r.comment}`)));
  img.copies.forEach((c) => out.push('\t.balign 16', ...dataLines(c.label, c.image, c.comment)));
  return out;
}

/**
 * What the convention keeps beyond AAPCS64 (preserve_most: x9-x15; preserve_all: those and q8-q31
 * whole; the vector PCS: q8-q23 whole), less the registers of the return value: each with its
 * offset from sp in a save area below the frame record (q registers first, 16-aligned for str q).
 */
function extraKeeps(f: AsmFunction): { regs: { reg: string; at: number }[]; bytes: number } {
  const inResult = new Set(returned(f).map((r) => (isV(r) ? q(r) : r)));
  const keep = (f.keeps ?? []).filter((r) => !inResult.has(r.name));
  const sorted = [...keep.filter((r) => r.bytes === 16), ...keep.filter((r) => r.bytes !== 16)];
  let at = 0;
  const regs = sorted.map((r) => ({ reg: r.name, at: (at += r.bytes) - r.bytes }));
  return { regs, bytes: Math.ceil(at / 16) * 16 };
}

/** f<n> itself: dumps its argument registers and stack address, lets the C reader do the rest, returns what it left. */
function aarch64Callee(f: AsmFunction): string[] {
  const n = names(f.index);
  const extra = extraKeeps(f);
  const out = [`/* ${f.name}: the model callee (${f.abiTitle}) */`, '\t.text', ...fn(f, f.name)];
  out.push('\tstp x29, x30, [sp, #-16]!\t/* frame record; sp stays 16-aligned for the call into C */', '\tmov x29, sp');
  if (extra.bytes) {
    out.push(`\tsub sp, sp, #${extra.bytes}\t/* the convention keeps more than the AAPCS64 reader does */`);
    for (const e of extra.regs) out.push(`\tstr ${e.reg}, [sp, #${e.at}]`);
  }
  out.push(...addressOf('x16', n.calleeDump));
  for (let i = 0; i < 8; i += 2) out.push(`\tstp x${i}, x${i + 1}, [x16, #${aarch64Slots.slot(`x${i}`)}]\t/* argument registers x${i}, x${i + 1} as they came */`);
  out.push(`\tstr x8, [x16, #${aarch64Slots.slot('x8')}]\t/* x8: the address of the result memory, if any (§6.9) */`);
  for (let i = 0; i < 8; i += 2) out.push(`\tstp q${i}, q${i + 1}, [x16, #${aarch64Slots.slot(`v${i}`)}]\t/* v${i}, v${i + 1} whole */`);
  out.push('\tadd x17, x29, #16\t/* the incoming stack arguments: sp at entry, above the frame record */', ...addressOf('x16', n.calleeStack), '\tstr x17, [x16]');
  out.push(`\tbl ${n.reader}\t/* AAPCS64 C: keeps x19-x28, d8-d15 (and x29) itself */`);
  const back = returned(f);
  if (back.length) out.push(...addressOf('x16', n.calleeDump));
  for (const reg of back) out.push(`\tldr ${isV(reg) ? q(reg) : reg}, [x16, #${aarch64Slots.slot(reg)}]\t/* the return value's part in ${reg} */`);
  if (extra.bytes) out.push(...extra.regs.map((e) => `\tldr ${e.reg}, [sp, #${e.at}]`), `\tadd sp, sp, #${extra.bytes}`);
  out.push('\tldp x29, x30, [sp], #16', '\tret', ...end(f, f.name));
  return out;
}

export const aarch64: IsaEmitter = { slots: aarch64Slots, width: aarch64Width, caller: aarch64Caller, callee: aarch64Callee };
