// The model party in x86-64 assembly (AT&T syntax), for SysV AMD64 and Microsoft x64 functions.
// The caller routine loads every register and stack slot the plan names from data emitted beside
// it, one commented instruction per register, and calls the callee through the contract trampoline;
// the callee stub stores every argument register and the address of its stack arguments for the C
// reader (model/glue.ts), and loads the return registers the reader filled.
import type { Slots } from '../model/glue.js';
import { names } from '../model/glue.js';
import { dataLines } from './data.js';
import type { AsmFunction, IsaEmitter } from './isa.js';

const GPRS = ['rdi', 'rsi', 'rdx', 'rcx', 'r8', 'r9', 'rax'] as const;
const VEC_SLOT = 64;
const GPR_BYTES = 64;
const X87_AT = GPR_BYTES + 8 * VEC_SLOT;

/** Register dump: argument and return GPRs, v0-v7 (64 bytes each, whatever the width), st0, st1. */
const x86_64Slots: Slots = {
  slot(reg: string): number {
    const g = (GPRS as readonly string[]).indexOf(reg);
    if (g >= 0) return g * 8;
    const v = /^[xyz]mm(\d+)$/.exec(reg);
    if (v && Number(v[1]) < 8) return GPR_BYTES + Number(v[1]) * VEC_SLOT;
    if (reg === 'st0' || reg === 'st1') return X87_AT + (reg === 'st1' ? 16 : 0);
    throw new Error(`internal: no dump slot for ${reg}`);
  },
  dumpBytes: X87_AT + 32,
};

function x86_64Width(reg: string): number {
  if (reg.startsWith('xmm')) return 16;
  if (reg.startsWith('ymm')) return 32;
  if (reg.startsWith('zmm')) return 64;
  if (reg.startsWith('st')) return 10;
  return 8;
}

/** The widest vector instruction the model's ISA features allow, for dumping v0-v7 whole. */
function vectorMove(features: ReadonlySet<string>): { insn: string; prefix: string } {
  if (features.has('avx512f')) return { insn: 'vmovdqu64', prefix: 'zmm' };
  if (features.has('avx')) return { insn: 'vmovdqu', prefix: 'ymm' };
  return { insn: 'movdqu', prefix: 'xmm' };
}

const moveFor = (reg: string): string => (reg.startsWith('zmm') ? 'vmovdqu64' : reg.startsWith('ymm') ? 'vmovdqu' : reg.startsWith('xmm') ? 'movdqu' : 'movq');

type X86Function = AsmFunction;

const fn = (f: X86Function, name: string): string[] =>
  f.elf ? [`\t.globl ${name}`, `\t.type ${name}, @function`, `${name}:`] : [`\t.globl ${name}`, `${name}:`];
const end = (f: X86Function, name: string): string[] => (f.elf ? [`\t.size ${name}, .-${name}`] : []);

/** Registers callee-saved on Microsoft x64 but not on SysV: kept by every routine, which may call or be called by either. */
const KEEP_GPRS = ['rdi', 'rsi'];
const KEEP_XMMS = [6, 7, 8, 9, 10, 11, 12, 13, 14, 15];
const KEEP_BYTES = 16 + KEEP_XMMS.length * 16;

function keep(): string[] {
  return [
    ...KEEP_GPRS.map((r, i) => `\tmovq %${r}, -${8 * (i + 1)}(%rbp)`),
    ...KEEP_XMMS.map((x, i) => `\tmovdqu %xmm${x}, -${16 + 16 * (i + 1)}(%rbp)`),
  ];
}
function restore(): string[] {
  return [
    ...KEEP_GPRS.map((r, i) => `\tmovq -${8 * (i + 1)}(%rbp), %${r}`),
    ...KEEP_XMMS.map((x, i) => `\tmovdqu -${16 + 16 * (i + 1)}(%rbp), %xmm${x}`),
  ];
}

/** abifuzz_mcall_<n>: places the arguments where the plan says and calls through the trampoline. */
function x86_64Caller(f: X86Function): string[] {
  const n = names(f.index);
  const img = f.images!;
  const L = (what: string): string => `.Lm${f.index}_${what}`;
  const area = Math.ceil(f.plan.stackBytes / 16) * 16;
  const out = [`/* ${f.name}: the model caller (${f.abiTitle}) */`, '\t.text', ...fn(f, n.call)];
  out.push('\tpushq %rbp', '\tmovq %rsp, %rbp', `\tsubq $${KEEP_BYTES}, %rsp`, ...keep());
  out.push(`\tsubq $${area}, %rsp`, '\tandq $-64, %rsp\t/* the argument area starts at rsp, 16 (32, 64) aligned */');
  for (let off = 0; off < img.stack.bytes.length; off += 8) {
    const note = img.stackNotes.find((s) => off >= s.offset && off < s.offset + s.size);
    out.push(`\tmovq ${L('stack')}+${off}(%rip), %r11`, `\tmovq %r11, ${off}(%rsp)\t/* stack ${off}: ${note ? note.comment : 'nothing (poison)'} */`);
  }
  img.regs.forEach((r, i) => out.push(`\t${moveFor(r.reg)} ${L(`r${i}`)}(%rip), %${r.reg}\t/* ${r.comment} */`));
  if (f.plan.al !== undefined) out.push(`\tmovl $${f.plan.al}, %eax\t/* %al: vector registers used (3.5.7) */`);
  out.push(`\tcall ${f.trampoline}\t/* checks the callee's contract, then calls ${f.name} */`);
  const ret = f.plan.ret;
  const back = ret.kind === 'regs' ? ret.parts.map((p) => p.reg) : ret.kind === 'sret' && ret.returnedIn ? [ret.returnedIn] : [];
  for (const reg of back) {
    if (reg.startsWith('st')) continue;
    out.push(`\t${moveFor(reg)} %${reg}, ${n.callerDump}+${x86_64Slots.slot(reg)}(%rip)\t/* returned in ${reg} */`);
  }
  // x87: st0 first (fstpt pops it), then what was st1.
  if (back.includes('st0')) out.push(`\tfstpt ${n.callerDump}+${x86_64Slots.slot('st0')}(%rip)\t/* returned in st0 */`);
  if (back.includes('st1')) out.push(`\tfstpt ${n.callerDump}+${x86_64Slots.slot('st1')}(%rip)\t/* returned in st1 */`);
  out.push(`\tleaq -${KEEP_BYTES}(%rbp), %rsp`, ...restore(), '\tleave', '\tret', ...end(f, n.call));
  out.push('\t.data', '\t.balign 64', ...dataLines(L('stack'), img.stack, 'the outgoing argument area'));
  img.regs.forEach((r, i) => out.push('\t.balign 64', ...dataLines(L(`r${i}`), r.image, `${r.reg}: ${r.comment}`)));
  img.copies.forEach((c) => out.push('\t.balign 64', ...dataLines(c.label, c.image, c.comment)));
  return out;
}

/**
 * What the convention keeps beyond the routine's own KEEP list and the reader's convention
 * (preserve_most: rax rcx rdx r8 r9 r10; preserve_all also xmm0-xmm15, whole ymm/zmm with AVX),
 * less the registers of the return value: each with its place below the KEEP area.
 */
function extraKeeps(f: X86Function, back: string[], vec: { insn: string; prefix: string }): { reg: string; insn: string; at: number }[] {
  const returned = new Set(back.map((r) => r.replace(/^[yz]mm/, 'xmm')));
  const wide = vec.prefix !== 'xmm'; // KEEP saves xmm6-xmm15 16 bytes wide only
  const regs = (f.keeps ?? []).map((r) => r.name).filter((r) => !returned.has(r) && !KEEP_GPRS.includes(r) && (wide || !KEEP_XMMS.some((x) => r === `xmm${x}`)));
  const gprs = regs.filter((r) => !r.startsWith('xmm'));
  const xmms = regs.filter((r) => r.startsWith('xmm'));
  return [
    ...gprs.map((reg, i) => ({ reg, insn: 'movq', at: KEEP_BYTES + 8 * (i + 1) })),
    ...xmms.map((x, i) => ({ reg: `${vec.prefix}${x.slice(3)}`, insn: vec.insn, at: KEEP_BYTES + 8 * gprs.length + VEC_SLOT * (i + 1) })),
  ];
}

/** f<n> itself: dumps its argument registers and stack address, lets the C reader do the rest, returns what it left. */
function x86_64Callee(f: X86Function): string[] {
  const n = names(f.index);
  const vec = vectorMove(f.features);
  const ret = f.plan.ret;
  const back = ret.kind === 'regs' ? ret.parts.map((p) => p.reg) : ret.kind === 'sret' && ret.returnedIn ? [ret.returnedIn] : [];
  const extra = extraKeeps(f, back, vec);
  const out = [`/* ${f.name}: the model callee (${f.abiTitle}) */`, '\t.text', ...fn(f, f.name)];
  out.push('\tpushq %rbp', '\tmovq %rsp, %rbp');
  for (const r of GPRS) out.push(`\tmovq %${r}, ${n.calleeDump}+${x86_64Slots.slot(r)}(%rip)\t/* argument register ${r} as it came */`);
  for (let v = 0; v < 8; v++) out.push(`\t${vec.insn} %${vec.prefix}${v}, ${n.calleeDump}+${x86_64Slots.slot(`xmm${v}`)}(%rip)`);
  if (extra.length) {
    // Before rax is used below: the convention has the callee keep these, and the reader is a C function of the default convention.
    out.push(`\tsubq $${Math.max(...extra.map((e) => e.at))}, %rsp`);
    for (const e of extra) out.push(`\t${e.insn} %${e.reg}, -${e.at}(%rbp)\t/* the convention keeps ${e.reg}: the reader may not */`);
  }
  out.push('\tleaq 16(%rbp), %rax\t/* the incoming stack arguments, above the return address */', `\tmovq %rax, ${n.calleeStack}(%rip)`);
  out.push(...(extra.length ? [] : [`\tsubq $${KEEP_BYTES}, %rsp`]), ...keep(), '\tandq $-16, %rsp', '\tsubq $32, %rsp\t/* home space, should the reader be a Microsoft x64 function */');
  out.push(`\tcall ${n.reader}`);
  if (back.includes('st1')) out.push(`\tfldt ${n.calleeDump}+${x86_64Slots.slot('st1')}(%rip)\t/* returned in st1 */`);
  if (back.includes('st0')) out.push(`\tfldt ${n.calleeDump}+${x86_64Slots.slot('st0')}(%rip)\t/* returned in st0 */`);
  for (const reg of back.filter((r) => !r.startsWith('st')))
    out.push(`\t${moveFor(reg)} ${n.calleeDump}+${x86_64Slots.slot(reg)}(%rip), %${reg}\t/* the return value's part in ${reg} */`);
  for (const e of extra) out.push(`\t${e.insn} -${e.at}(%rbp), %${e.reg}`);
  out.push(`\tleaq -${KEEP_BYTES}(%rbp), %rsp`, ...restore(), '\tleave', `\tret${f.plan.calleePops ? ` $${f.plan.calleePops}` : ''}`, ...end(f, f.name));
  return out;
}

export const x86_64: IsaEmitter = { slots: x86_64Slots, width: x86_64Width, caller: x86_64Caller, callee: x86_64Callee };
