// The model party in i386 assembly (AT&T syntax), for the System V Intel386 psABI and the cdecl,
// stdcall, fastcall and regparm(1..3) conventions gcc and clang accept on it. Executables are
// static and non-PIE, so data is reached by absolute address. The caller routine copies the
// outgoing argument area (most arguments live there on i386) and loads every register the plan
// names from data emitted beside it, one commented instruction per register, and calls the callee
// through the contract trampoline; the callee stub stores every argument register and the address
// of its stack arguments for the C reader (model/glue.ts), loads the return registers the reader
// filled and returns popping the bytes the plan says (`ret $N`).
import { registersOf, type CallPlan } from '../../abi/location.js';
import type { Slots } from '../model/glue.js';
import { names } from '../model/glue.js';
import { dataLines } from './data.js';
import type { AsmFunction, IsaEmitter } from './isa.js';

const GPRS = ['eax', 'edx', 'ecx'] as const;
const MMX_AT = 16;
const VEC_AT = 64;
const VEC_SLOT = 64;
/** Vector registers with a slot: xmm0-2 carry arguments, clang's legalized vector returns use up to xmm3 (ymm3, zmm3). */
const VECS = 4;
const X87_AT = VEC_AT + VECS * VEC_SLOT;

/**
 * Register dump: eax edx ecx (4 bytes each) at 0, mm0-2 (8 each) at 16, v0-v3 (64 bytes each,
 * whatever the width used: xmm, ymm, zmm) at 64, st0 and st1 (16 each, of which a float return
 * uses 4, a double 8, a long double 10) at 320.
 */
const i386Slots: Slots = {
  slot(reg: string): number {
    const g = (GPRS as readonly string[]).indexOf(reg);
    if (g >= 0) return g * 4;
    const m = /^mm([0-2])$/.exec(reg);
    if (m) return MMX_AT + Number(m[1]) * 8;
    const v = /^[xyz]mm(\d+)$/.exec(reg);
    if (v && Number(v[1]) < VECS) return VEC_AT + Number(v[1]) * VEC_SLOT;
    if (reg === 'st0' || reg === 'st1') return X87_AT + (reg === 'st1' ? 16 : 0);
    throw new Error(`internal: no i386 dump slot for ${reg}`);
  },
  dumpBytes: X87_AT + 32,
};

function i386Width(reg: string): number {
  if (reg.startsWith('mm')) return 8;
  if (reg.startsWith('xmm')) return 16;
  if (reg.startsWith('ymm')) return 32;
  if (reg.startsWith('zmm')) return 64;
  if (reg.startsWith('st')) return 10;
  if ((GPRS as readonly string[]).includes(reg)) return 4;
  throw new Error(`internal: no i386 register ${reg}`);
}

/** The whole-register move of a register (movups: SSE1 suffices for xmm). */
const moveFor = (reg: string): string =>
  /^[yz]mm/.test(reg) ? 'vmovups' : reg.startsWith('xmm') ? 'movups' : reg.startsWith('mm') ? 'movq' : 'movl';

/**
 * The width to dump v0-v2 at: what the plan names (an __m256/__m512 argument in ymm/zmm), else xmm.
 * Not wider because of the features alone: the reader only reads what the plan says, and AVX-512
 * instructions in every stub would fail wherever the runner lacks them (qemu-i386).
 */
function dumpWidth(used: string[]): 'xmm' | 'ymm' | 'zmm' {
  if (used.some((r) => r.startsWith('zmm'))) return 'zmm';
  if (used.some((r) => r.startsWith('ymm'))) return 'ymm';
  return 'xmm';
}

/** The x87 load/store of a return part: by its bytes, a float (4), a double (8) or a long double (10, 12 with its padding). */
function x87Suffix(bytes: number): 's' | 'l' | 't' {
  return bytes <= 4 ? 's' : bytes <= 8 ? 'l' : 't';
}

/** Every register the plan's arguments (and the hidden return pointer) occupy. */
function argRegs(plan: CallPlan): string[] {
  return [...plan.args.flatMap(registersOf), ...(plan.ret.kind === 'sret' ? registersOf(plan.ret) : [])];
}

/** The registers the call returns in, each with the bytes of the value it holds. */
function returnParts(plan: CallPlan): { reg: string; bytes: number }[] {
  const ret = plan.ret;
  if (ret.kind === 'regs') return ret.parts.map((p) => ({ reg: p.reg, bytes: p.to - p.from }));
  if (ret.kind === 'sret' && ret.returnedIn) return [{ reg: ret.returnedIn, bytes: 4 }];
  return [];
}

const isX87 = (reg: string): boolean => reg === 'st0' || reg === 'st1';
const isMmx = (reg: string): boolean => /^mm\d$/.test(reg);

const fn = (f: AsmFunction, name: string): string[] =>
  f.elf ? [`\t.globl ${name}`, `\t.type ${name}, @function`, `${name}:`] : [`\t.globl ${name}`, `${name}:`];
const end = (f: AsmFunction, name: string): string[] => (f.elf ? [`\t.size ${name}, .-${name}`] : []);

/**
 * abifuzz_mcall_<n>: a cdecl void(void) function that places the arguments where the plan says and
 * calls through the trampoline. It touches only eax, ecx, edx, the vector and x87/MMX registers
 * (all call-clobbered under cdecl) and ebp, which it saves; the trampoline gives ebx, esi, edi and
 * ebp back whatever the callee did. esp comes back from ebp, so a callee that popped N bytes
 * (stdcall, fastcall, a hidden pointer) needs no adjustment.
 */
function i386Caller(f: AsmFunction): string[] {
  const n = names(f.index);
  const img = f.images!;
  const L = (what: string): string => `.Lm${f.index}_${what}`;
  const area = Math.ceil(img.stack.bytes.length / 64) * 64;
  const out = [`/* ${f.name}: the model caller (${f.abiTitle}) */`, '\t.text', ...fn(f, n.call)];
  out.push('\tpushl %ebp', '\tmovl %esp, %ebp\t/* esp comes back from here, whatever the callee pops */');
  if (area) out.push(`\tsubl $${area}, %esp`);
  out.push('\tandl $-64, %esp\t/* the argument area starts at esp, 16 (32, 64) aligned (psABI 2.2.2) */');
  for (let off = 0; off < img.stack.bytes.length; off += 4) {
    const note = img.stackNotes.find((s) => off >= s.offset && off < s.offset + s.size);
    out.push(`\tmovl ${L('stack')}+${off}, %eax`, `\tmovl %eax, ${off}(%esp)\t/* stack ${off}: ${note ? note.comment : 'nothing (poison)'} */`);
  }
  img.regs.forEach((r, i) => out.push(`\t${moveFor(r.reg)} ${L(`r${i}`)}, %${r.reg}\t/* ${r.comment} */`));
  out.push(`\tcall ${f.trampoline}\t/* checks the callee's contract, then calls ${f.name} */`);
  const back = returnParts(f.plan);
  for (const { reg } of back) {
    if (isX87(reg)) continue;
    out.push(`\t${moveFor(reg)} %${reg}, ${n.callerDump}+${i386Slots.slot(reg)}\t/* returned in ${reg} */`);
  }
  // x87: st0 first (the store pops it), then what was st1; each in the format of its part.
  for (const r of ['st0', 'st1']) {
    const p = back.find((b) => b.reg === r);
    if (p) out.push(`\tfstp${x87Suffix(p.bytes)} ${n.callerDump}+${i386Slots.slot(r)}\t/* returned in ${r} (${p.bytes} bytes) */`);
  }
  if ([...argRegs(f.plan), ...back.map((b) => b.reg)].some(isMmx)) out.push('\temms\t/* MMX registers were used (arguments or the __m64 return): the FPU back in x87 mode for the C code */');
  out.push('\tmovl %ebp, %esp', '\tpopl %ebp', '\tret', ...end(f, n.call));
  out.push('\t.data', '\t.balign 64', ...dataLines(L('stack'), img.stack, 'the outgoing argument area'));
  img.regs.forEach((r, i) => out.push('\t.balign 64', ...dataLines(L(`r${i}`), r.image, `${r.reg}: ${r.comment}`)));
  img.copies.forEach((c) => out.push('\t.balign 64', ...dataLines(c.label, c.image, c.comment)));
  return out;
}

/** Callee-saved in every i386 convention (psABI "Register Usage"): kept around the call into the C reader. */
const KEEP = ['ebx', 'esi', 'edi'] as const;

/**
 * f<n> itself: dumps its argument registers and stack address, lets the C reader do the rest,
 * returns what it left, popping plan.calleePops bytes.
 */
function i386Callee(f: AsmFunction): string[] {
  const n = names(f.index);
  const used = argRegs(f.plan);
  const back = returnParts(f.plan);
  const out = [`/* ${f.name}: the model callee (${f.abiTitle}) */`, '\t.text', ...fn(f, f.name)];
  out.push('\tpushl %ebp', '\tmovl %esp, %ebp');
  for (const r of GPRS) out.push(`\tmovl %${r}, ${n.calleeDump}+${i386Slots.slot(r)}\t/* argument register ${r} as it came */`);
  if (f.features.has('mmx') || used.some(isMmx)) {
    for (let m = 0; m < 3; m++) out.push(`\tmovq %mm${m}, ${n.calleeDump}+${i386Slots.slot(`mm${m}`)}\t/* argument register mm${m} as it came */`);
    out.push('\temms\t/* the FPU back in x87 mode (the movq above marked the x87 stack full), for the C reader */');
  }
  if (['sse', 'sse2', 'avx', 'avx512f'].some((x) => f.features.has(x)) || used.some((r) => /^[xyz]mm/.test(r))) {
    const widest = dumpWidth(used);
    for (let v = 0; v < 3; v++) out.push(`\t${moveFor(widest)} %${widest}${v}, ${n.calleeDump}+${i386Slots.slot(`xmm${v}`)}\t/* argument register ${widest}${v} as it came */`);
  }
  out.push('\tleal 8(%ebp), %eax\t/* the incoming stack arguments, above the return address */', `\tmovl %eax, ${n.calleeStack}`);
  out.push(...KEEP.map((r) => `\tpushl %${r}`), '\tandl $-16, %esp\t/* the reader is called with esp 16-aligned (psABI 2.2.2) */');
  out.push(`\tcall ${n.reader}`);
  // x87: st1 first, so that st0 ends on top; each in the format of its part.
  for (const r of ['st1', 'st0']) {
    const p = back.find((b) => b.reg === r);
    if (p) out.push(`\tfld${x87Suffix(p.bytes)} ${n.calleeDump}+${i386Slots.slot(r)}\t/* returned in ${r} (${p.bytes} bytes) */`);
  }
  for (const { reg } of back.filter((b) => !isX87(b.reg)))
    out.push(`\t${moveFor(reg)} ${n.calleeDump}+${i386Slots.slot(reg)}, %${reg}\t/* the return value's part in ${reg} */`);
  out.push(`\tleal -${4 * KEEP.length}(%ebp), %esp`, ...[...KEEP].reverse().map((r) => `\tpopl %${r}`), '\tpopl %ebp');
  const pops = f.plan.calleePops;
  out.push(pops ? `\tret $${pops}\t/* pops ${pops} bytes of arguments: stdcall/fastcall pop their stack arguments, and a callee pops a hidden return pointer passed on the stack (psABI 2.2.3) */` : '\tret', ...end(f, f.name));
  return out;
}

export const i386: IsaEmitter = { slots: i386Slots, width: i386Width, caller: i386Caller, callee: i386Callee };
