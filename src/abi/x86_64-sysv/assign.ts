// AMD64 psABI 1.0 §3.2.3, paragraphs "Passing" and "Returning of Values": registers and stack
// slots for classified arguments, left to right, and the location of the return value.
// Pure. One CallState per call carries the registers and the stack left, argument to argument.
import type { DataModel } from '../../model/data-model.js';
import { layoutOf } from '../../model/layout.js';
import type { CType } from '../../model/types.js';
import type { ArgLocation, Extension, RegPart, ReturnLocation } from '../location.js';
import { classify, type Class, type ClassifyOptions } from './classify.js';

/** "the next available register of the sequence %rdi, %rsi, %rdx, %rcx, %r8 and %r9". */
export const GPRS = ['rdi', 'rsi', 'rdx', 'rcx', 'r8', 'r9'] as const;
/** "the registers are taken in the order from %xmm0 to %xmm7". */
export const SSE_REGS = 8;

export interface Regs {
  /** Next free GPR (index into GPRS) and next free vector register. */
  gpr: number;
  sse: number;
}

/**
 * Where the arguments stand. `used` is what the registers really hold; `budget` is what the
 * all-or-nothing rule counts against. They are the same in the text; clang's frontend counts
 * against its own budget while LLVM's backend hands out the registers, and two clang dialects
 * (clang-int128-one-gpr, clang-variadic-wide-vectors-stack) make the two drift apart.
 */
export interface CallState {
  used: Regs;
  budget: Regs;
  /** Next free byte of the outgoing argument area. */
  stack: number;
}

export interface PlaceOptions {
  dm: DataModel;
  avx: boolean;
  avx512f: boolean;
  dialect: (id: string) => boolean;
  /** The callee takes '...'. */
  variadicCall: boolean;
}

export type Placed = { ok: true; loc: ArgLocation } | { ok: false; reason: string };

/** A run of eightbytes held by one register: INTEGER alone, or SSE with the SSEUPs after it. */
interface Group {
  cls: 'INTEGER' | 'SSE';
  /** Eightbyte indices [first, first + count). */
  first: number;
  count: number;
}

const roundUp = (n: number, a: number): number => Math.ceil(n / a) * a;

function groupsOf(classes: Class[]): Group[] {
  const out: Group[] = [];
  classes.forEach((c, i) => {
    if (c === 'SSEUP') out[out.length - 1]!.count++;
    else if (c === 'INTEGER' || c === 'SSE') out.push({ cls: c, first: i, count: 1 });
  });
  return out;
}

/** xmmN for one or two eightbytes, ymmN for four, zmmN for eight (names as in location.ts). */
function vectorReg(index: number, eightbytes: number): string {
  return `${eightbytes <= 2 ? 'xmm' : eightbytes <= 4 ? 'ymm' : 'zmm'}${index}`;
}

function bytesOf(g: Group, size: number): { from: number; to: number } {
  return { from: g.first * 8, to: Math.min((g.first + g.count) * 8, size) };
}

const SMALL_INTS: ReadonlySet<string> = new Set(['_Bool', 'char', 'signed char', 'unsigned char', 'short', 'unsigned short']);

/**
 * clang-small-int-extend: char, short and _Bool arguments are sign- or zero-extended to 32 bits
 * (the text leaves those bits unspecified: hjl-tools/x86-psABI#2).
 */
function extensionOf(t: CType, o: PlaceOptions): Extension | undefined {
  // clang treats _BitInt(N < 32) as it treats char and short (isPromotableIntegerTypeForABI).
  if (t.kind === 'bitint' && t.bits < 32 && o.dialect('clang-small-int-extend')) return { kind: t.unsigned ? 'zero' : 'sign', toBytes: 4, fromBit: t.bits };
  if (t.kind !== 'scalar' || !SMALL_INTS.has(t.name) || !o.dialect('clang-small-int-extend')) return undefined;
  const signed = o.dm.scalars[t.name]!.signed === true;
  return { kind: signed ? 'sign' : 'zero', toBytes: 4 };
}

/** Passing rule 1: "If the class is MEMORY, align and pass the argument on the stack." */
export function onStack(t: CType, st: CallState, dm: DataModel, why: string): ArgLocation {
  const { size, align } = layoutOf(t, dm);
  // Stack slots are eightbytes; a type aligned to 16, 32 or 64 gets a slot aligned to that.
  const offset = roundUp(st.stack, Math.max(8, align));
  st.stack = offset + roundUp(size, 8);
  return { kind: 'stack', offset, size, why };
}

/** Types clang hands to LLVM as they are (not aggregates): LLVM places them, whatever clang's budget says. */
function isScalarForLlvm(t: CType): boolean {
  return t.kind === 'scalar' || t.kind === 'enum' || t.kind === 'pointer' || t.kind === 'fnptr' || (t.kind === 'vector' && t.bytes > 8);
}

const isInt128 = (t: CType): boolean => t.kind === 'scalar' && (t.name === '__int128' || t.name === 'unsigned __int128');

/** Registers for the groups, from the registers really free; an INTEGER group with none left takes a stack slot. */
function inRegisters(t: CType, groups: Group[], st: CallState, o: PlaceOptions, why: string): Placed {
  const size = layoutOf(t, o.dm).size;
  const parts: RegPart[] = [];
  for (const [i, g] of groups.entries()) {
    const bytes = bytesOf(g, size);
    if (g.cls === 'INTEGER' && st.used.gpr === GPRS.length) {
      // Only after clang-int128-one-gpr took r9 from under clang's budget: LLVM puts this eightbyte
      // in the next stack slot. The vocabulary has registers-then-stack ('split'), not the reverse.
      if (i !== groups.length - 1)
        return { ok: false, reason: `${why}; clang-int128-one-gpr: INTEGER eightbyte on the stack before a register one (no location shape)` };
      const offset = roundUp(st.stack, 8);
      st.stack = offset + 8;
      const note = `${why}; clang-int128-one-gpr: r9 is taken, the INTEGER eightbyte on the stack`;
      // Alone, it is the whole value as LLVM coerced it (an i64): its bytes, not the type's size
      // (union { char; void *; } aligned(16): 8 bytes in an 8-byte slot, the NO_CLASS rest unpassed).
      if (parts.length === 0) return { ok: true, loc: { kind: 'stack', offset, size: bytes.to - bytes.from, why: note } };
      return { ok: true, loc: { kind: 'split', parts, stackOffset: offset, why: note } };
    }
    if (g.cls === 'SSE') {
      parts.push({ reg: vectorReg(st.used.sse++, g.count), ...bytes });
    } else {
      const ext = extensionOf(t, o);
      parts.push({ reg: GPRS[st.used.gpr++]!, ...bytes, ...(ext ? { extend: ext } : {}) });
    }
  }
  return { ok: true, loc: { kind: 'regs', parts, why } };
}

/** One argument, left to right (passing rules 1-5 and the all-or-nothing paragraph). */
export function placeArg(t: CType, named: boolean, st: CallState, o: PlaceOptions): Placed {
  const copts: ClassifyOptions = { dm: o.dm, avx: o.avx, avx512f: o.avx512f, named, dialect: o.dialect };
  const c = classify(t, copts);
  switch (c.kind) {
    case 'unsupported':
      return { ok: false, reason: c.reason };
    case 'ignored':
      return { ok: true, loc: { kind: 'ignored', why: c.why } };
    case 'memory':
      return { ok: true, loc: onStack(t, st, o.dm, `${c.why}: on the stack`) };
    case 'eightbytes':
      break;
  }
  const { classes } = c;
  if (classes.some((k) => k === 'X87' || k === 'X87UP' || k === 'COMPLEX_X87'))
    return { ok: true, loc: onStack(t, st, o.dm, `${c.why}; passing rule 5: X87, X87UP and COMPLEX_X87 go in memory`) };
  const groups = groupsOf(classes);
  const needInt = groups.filter((g) => g.cls === 'INTEGER').length;
  const needSse = groups.length - needInt;
  // LLVM gives ymm/zmm arguments of a variadic call no register (whatever clang classified).
  if (o.variadicCall && groups.some((g) => g.count > 2) && o.dialect('clang-variadic-wide-vectors-stack')) {
    if (st.budget.sse < SSE_REGS) st.budget.sse++; // clang's frontend counted a register LLVM does not use
    return { ok: true, loc: onStack(t, st, o.dm, `${c.why}; clang-variadic-wide-vectors-stack: on the stack`) };
  }
  const fits = st.budget.gpr + needInt <= GPRS.length && st.budget.sse + needSse <= SSE_REGS;
  const why = `${c.why}; passing rules 2-4`;
  if (fits) {
    st.budget.gpr += needInt;
    st.budget.sse += needSse;
    return inRegisters(t, groups, st, o, why);
  }
  // "If there are no registers available for any eightbyte of an argument, the whole argument is
  // passed on the stack." (The registers stay free for later arguments.)
  if (isScalarForLlvm(t) && st.used.gpr + needInt <= GPRS.length && st.used.sse + needSse <= SSE_REGS)
    return inRegisters(t, groups, st, o, `${why}; clang passes a scalar as is and LLVM still has the registers`);
  if (isInt128(t) && st.used.gpr === GPRS.length - 1 && o.dialect('clang-int128-one-gpr')) {
    st.used.gpr = GPRS.length;
    return { ok: true, loc: onStack(t, st, o.dm, `${c.why}; clang-int128-one-gpr: only r9 left, on the stack and r9 is taken too`) };
  }
  return { ok: true, loc: onStack(t, st, o.dm, `${c.why}; too few registers left: the whole argument on the stack`) };
}

export type ReturnPlaced = { ok: true; loc: ReturnLocation } | { ok: false; reason: string };

/** Returning rule 2: memory the caller provides, its address in %rdi, handed back in %rax. */
export function sret(st: CallState, why: string): ReturnLocation {
  st.used.gpr++;
  st.budget.gpr++;
  const pointer: ArgLocation = { kind: 'regs', parts: [{ reg: 'rdi', from: 0, to: 8 }], why: 'returning rule 2: hidden first argument in rdi' };
  return { kind: 'sret', pointer, returnedIn: 'rax', why };
}

/**
 * clang-memory-vector-return-direct: a vector the classification puts in MEMORY is not an
 * aggregate to clang, so LLVM returns it in registers: <1 x double> in xmm0, wider vectors cut
 * into the widest vector registers the target has (xmm without AVX, ymm with AVX).
 */
function directVector(t: Extract<CType, { kind: 'vector' }>, o: PlaceOptions): RegPart[] | null {
  if (t.bytes === 8) return [{ reg: 'xmm0', from: 0, to: 8 }];
  if (t.bytes !== 32 && t.bytes !== 64) return null;
  const width = o.avx || o.avx512f ? 32 : 16;
  const parts: RegPart[] = [];
  for (let from = 0, i = 0; from < t.bytes; from += width, i++) parts.push({ reg: `${width === 32 ? 'ymm' : 'xmm'}${i}`, from, to: from + width });
  return parts;
}

/** Returning rules 1-8. Mutates `st` when the return takes %rdi (sret). */
export function placeReturn(t: CType | 'void', st: CallState, o: PlaceOptions): ReturnPlaced {
  if (t === 'void') return { ok: true, loc: { kind: 'void' } };
  const c = classify(t, { dm: o.dm, avx: o.avx, avx512f: o.avx512f, named: true, dialect: o.dialect });
  switch (c.kind) {
    case 'unsupported':
      return { ok: false, reason: c.reason };
    case 'ignored':
      return { ok: true, loc: { kind: 'ignored', why: c.why } };
    case 'memory': {
      const direct = t.kind === 'vector' && o.dialect('clang-memory-vector-return-direct') ? directVector(t, o) : null;
      if (direct) return { ok: true, loc: { kind: 'regs', parts: direct, why: `${c.why}; clang-memory-vector-return-direct: in registers` } };
      return { ok: true, loc: sret(st, `${c.why}; returning rule 2: in memory, address in rdi, back in rax`) };
    }
    case 'eightbytes':
      break;
  }
  const { classes } = c;
  if (classes[0] === 'X87' || classes[0] === 'COMPLEX_X87') {
    if (o.dm.name === 'LLP64' && o.dialect('clang-win64-x87-return-memory'))
      return { ok: true, loc: sret(st, `${c.why}; clang-win64-x87-return-memory: in memory, address in rdi, back in rax`) };
    // Rules 6-7: X87 with its X87UP in %st0 (the 10 bytes of the x87 number); rule 8: COMPLEX_X87
    // real part in %st0, imaginary part in %st1.
    if (classes[0] === 'X87' && classes.length === 2 && classes[1] === 'X87UP')
      return { ok: true, loc: { kind: 'regs', parts: [{ reg: 'st0', from: 0, to: 10 }], why: `${c.why}; returning rules 6-7: st0` } };
    if (classes.every((k) => k === 'COMPLEX_X87'))
      return { ok: true, loc: { kind: 'regs', parts: [{ reg: 'st0', from: 0, to: 10 }, { reg: 'st1', from: 16, to: 26 }], why: `${c.why}; returning rule 8: st0 real, st1 imaginary` } };
    return { ok: false, reason: `${c.why}: x87 classes mixed with others` };
  }
  if (classes.some((k) => k === 'X87' || k === 'X87UP' || k === 'COMPLEX_X87')) return { ok: false, reason: `${c.why}: x87 classes mixed with others` };
  // Rules 3-5: INTEGER in the next of %rax, %rdx; SSE in the next of %xmm0, %xmm1; SSEUP in the
  // rest of the last vector register used.
  const size = layoutOf(t, o.dm).size;
  const intRegs = ['rax', 'rdx'];
  let nInt = 0;
  let nSse = 0;
  const parts = groupsOf(classes).map((g): RegPart => {
    const reg = g.cls === 'INTEGER' ? intRegs[nInt++]! : vectorReg(nSse++, g.count);
    return { reg, ...bytesOf(g, size) };
  });
  return { ok: true, loc: { kind: 'regs', parts, why: `${c.why}; returning rules 3-5` } };
}
