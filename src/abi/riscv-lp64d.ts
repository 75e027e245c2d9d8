// RISC-V LP64D (riscv-non-isa/riscv-elf-psabi-doc, riscv-cc.adoc): XLEN = 64, ABI_FLEN = 64, as on
// riscv64-linux. Transcribes "Integer Calling Convention" (ICC below) and "Hardware Floating-Point
// Calling Convention" (FPCC below) paragraph by paragraph, with "C/C++ Type Representations" for
// char. The document has no numbered rules: comments quote the sentence that decides. Pure: model
// types in, CallPlan out.
import { scalarInfo, type DataModel } from '../model/data-model.js';
import { layoutOf } from '../model/layout.js';
import type { Aggregate, CType, Signature } from '../model/types.js';
import type { Abi, AbiOptions, Dialect } from './abi.js';
import type { ArgLocation, Extension, PlanResult, RegPart, ReturnLocation } from './location.js';
import { untranscribed, type Extension as UntranscribedExtension } from './shared/untranscribed.js';

/** Compiler dialects: long-standing departures from the text, by id. */
export const RISCV_LP64D_DIALECTS = {
  gccFlatten: {
    id: 'gcc-flatten-zero-length-array',
    title:
      'gcc does not flatten a struct that holds (at any depth) a zero-length array, an array of empty structs or any union, empty ones included; ' +
      'it passes such a struct by its machine mode instead: in FP registers only when one float, double or _Complex member spans the whole struct ' +
      'and the struct is at least as aligned as that member, else by the integer convention (the text ignores those fields while flattening)',
    reference:
      'gcc/config/riscv/riscv.cc riscv_flatten_aggregate_field (ARRAY_TYPE needs TYPE_MAX_VALUE and a subfield; UNION_TYPE is not flattened), ' +
      'then riscv_pass_mode_in_fpr_p on TYPE_MODE; riscv-elf-psabi-doc issue #358 and PR #464 (open). Observed with riscv64-linux-gnu-gcc 12.2: ' +
      'struct { float f; int z[0]; float g; } in a0, struct { union {} u; float f, g; } in a0, struct { float f; int z[0]; } in fa0',
  },
  clangZeroWidth: {
    id: 'clang-zero-width-bitfield',
    title:
      'clang does not ignore a zero-width bit-field while flattening when it precedes, in the same struct, a member found once two members are known: ' +
      'struct { float f; int :0; float g; } and struct { int :0; float f; int i; } go by the integer convention (a lone FP real with zero-width bit-fields still goes in an FPR)',
    reference:
      'clang/lib/CodeGen/Targets/RISCV.cpp detectFPCCEligibleStructHelper ("As a quirk of the ABI, zero-width bitfields aren\'t ignored for fp+fp or int+fp structs"); ' +
      'the pre-GCC-10 rule of riscv-elf-psabi-doc issue #99 / PR #100; gcc 10+ warns "ABI for flattened struct with zero-length bit-fields changed in GCC 10". Observed with clang 19',
  },
  clangBitfieldType: {
    id: 'clang-fpcc-bitfield-type',
    title:
      'clang builds the registers of an FP-convention struct from an LLVM struct of the flattened members in which a bit-field counts as its declared type from its first byte: ' +
      'when that type overlaps the other member or runs past the struct, the registers carry other bytes (packed { int b:8; float f; }: a0 = bytes 0-3, fa0 = byte 4 on). ' +
      'Where that LLVM struct runs past the struct, clang 19 callees (and callers reading such a returned struct) store past their copy and lose bytes: undefined behaviour, not modelled',
    reference:
      'clang/lib/CodeGen/Targets/RISCV.cpp detectFPCCEligibleStructHelper and coerceAndExpandFPCCEligibleStruct; llvm-project PR #110690 (bit-field stores past the alloca). Observed with clang 19',
  },
} as const satisfies Record<string, Dialect>;

const D = RISCV_LP64D_DIALECTS;

/** The dialects each compiler speaks (riscv64-linux-gnu-gcc 12.2, clang 19), checked under qemu both ways. */
export const RISCV_LP64D_DIALECTS_OF: Record<'gcc' | 'clang', readonly string[]> = {
  gcc: [D.gccFlatten.id],
  clang: [D.clangZeroWidth.id, D.clangBitfieldType.id],
};

/** XLEN and ABI_FLEN in bytes; eight argument registers of each file. */
const XLEN = 8;
const FLEN = 8;
const NARG = 8;
/** ICC: "the stack pointer shall be aligned to a 128-bit boundary upon procedure entry". */
const STACK_ALIGN = 16;

const a = (n: number): string => `a${n}`;
const fa = (n: number): string => `fa${n}`;
const roundUp = (n: number, m: number): number => Math.ceil(n / m) * m;

/** A type the text does not cover for this data model: planCall answers ok: false. */
class Unsupported extends Error {}

/** Next argument registers and the next stack byte (NSAA in other psABIs' words). */
interface State {
  gpr: number;
  fpr: number;
  nsaa: number;
}

/** Which flattening rules are in force: the text's, or a compiler's. */
interface Reading {
  dm: DataModel;
  gccFlatten: boolean;
  clangZeroWidth: boolean;
  clangBitfieldType: boolean;
}

function describe(t: CType): string {
  switch (t.kind) {
    case 'scalar':
      return t.name;
    case 'vector':
      return `vector_size(${t.bytes}) ${t.elem}`;
    case 'complex':
      return `_Complex ${t.base}`;
    default:
      return t.kind;
  }
}

// ---------------------------------------------------------------------------------------------
// Scalars

/** The float format of a scalar, or null for an integer; formats RISC-V does not have are unsupported. */
function floatFormat(t: Extract<CType, { kind: 'scalar' }>, dm: DataModel): number | null {
  const s = scalarInfo(dm, t.name);
  if (!s.float) return null;
  if (s.float === 'x87') throw new Unsupported(`${t.name} is x87 here: LP64D's long double is binary128`);
  return s.size;
}

/**
 * ICC: "integer scalars narrower than XLEN bits are widened according to the sign of their type up
 * to 32 bits, then sign-extended to XLEN bits": 32-bit ones are sign-extended whatever their sign,
 * narrower unsigned ones end up zero-extended to 64 bits. "C/C++ Type Representations": "char is
 * unsigned" (whatever the data model's table says).
 */
function integerExtension(t: CType, dm: DataModel): Extension | undefined {
  if (t.kind === 'enum') return { kind: 'sign', toBytes: XLEN };
  if (t.kind !== 'scalar') return undefined;
  const s = scalarInfo(dm, t.name);
  if (s.float || s.size >= XLEN) return undefined;
  if (s.size === 4) return { kind: 'sign', toBytes: XLEN };
  const signed = t.name === 'char' ? false : s.signed === true;
  return { kind: signed ? 'sign' : 'zero', toBytes: XLEN };
}

/** FPCC: "When a floating-point argument narrower than FLEN bits is passed in a floating-point register, it is 1-extended (NaN-boxed) to FLEN bits." */
const nanBox = (size: number): Extension | undefined => (size < FLEN ? { kind: 'ones', toBytes: FLEN } : undefined);

// ---------------------------------------------------------------------------------------------
// FPCC flattening

/** A member of a flattened struct: bytes [offset, offset + size) of the argument. */
interface Member {
  cls: 'FP' | 'INT';
  offset: number;
  size: number;
  /** Alignment of the member's type (clang's LLVM type; only dialect clang-fpcc-bitfield-type reads it). */
  align: number;
}

interface Flattening {
  r: Reading;
  out: Member[];
}

/**
 * FPCC: '"struct" refers to a C struct with its hierarchy flattened, including any array fields.'
 * Pushes the FP reals and integers of `t` (at byte `at`) onto `f.out`; false: the struct is not
 * eligible (a member that is neither, a non-empty union, or a third member).
 */
function flattenInto(t: CType, at: number, f: Flattening): boolean {
  const { dm } = f.r;
  switch (t.kind) {
    case 'scalar': {
      const fp = floatFormat(t, dm);
      const size = scalarInfo(dm, t.name).size;
      // "provided the floating-point real is no more than ABI_FLEN bits wide and the integer is no more than XLEN bits wide"
      if (fp !== null ? fp > FLEN : size > XLEN) return false;
      f.out.push({ cls: fp !== null ? 'FP' : 'INT', offset: at, size, align: size });
      break;
    }
    case 'enum':
      f.out.push({ cls: 'INT', offset: at, size: 4, align: 4 });
      break;
    case 'complex': {
      // "A complex floating-point number [...] is passed as though it were a struct containing two floating-point reals."
      const part = scalarInfo(dm, t.base).size;
      if (part > FLEN) return false;
      f.out.push({ cls: 'FP', offset: at, size: part, align: part }, { cls: 'FP', offset: at + part, size: part, align: part });
      break;
    }
    case 'array': {
      // "Fields containing zero-length bit-fields or zero-length arrays are ignored while flattening";
      // gcc's flattening gives up on them (dialect gcc-flatten-zero-length-array).
      if (t.count === 0) return !f.r.gccFlatten;
      const elemSize = layoutOf(t.elem, dm).size;
      const before = f.out.length;
      for (let i = 0; i < t.count; i++) {
        if (!flattenInto(t.elem, at + i * elemSize, f) || f.out.length > 2) return false;
      }
      // NOTE on arrays of empty structs: "C treats it as an empty field"; gcc gives up.
      return !(f.r.gccFlatten && f.out.length === before);
    }
    case 'struct':
      return flattenStruct(t, at, f);
    case 'union':
      // "Unions are never flattened"; "Fields containing empty structs or unions are ignored while
      // flattening" (gcc gives up on any union).
      return !f.r.gccFlatten && layoutOf(t, dm).size === 0;
    default: // pointers and vectors are neither FP reals nor integers
      return false;
  }
  return f.out.length <= 2;
}

function flattenStruct(t: Aggregate, at: number, f: Flattening): boolean {
  const l = layoutOf(t, f.r.dm);
  // "Fields containing empty structs or unions are ignored while flattening" (size 0 in GNU C;
  // gcc walks into them, to give up on a zero-length array inside).
  if (l.size === 0 && !f.r.gccFlatten) return true;
  let zeroWidth = 0;
  for (const field of t.fields) {
    // "Fields containing zero-length bit-fields [...] are ignored while flattening" (gcc 10+);
    // clang counts them (dialect clang-zero-width-bitfield).
    if (field.bits === 0) {
      zeroWidth++;
      continue;
    }
    const fl = l.fields.find((x) => x.field === field);
    if (!fl) throw new Error(`internal: no layout for field ${field.name}`);
    const byte = at + Math.floor(fl.bitOffset / 8);
    if (field.bits !== undefined) {
      // "one floating-point real and one integer (or bitfield)": the bit-field's bytes, or with
      // clang its declared type from its first byte.
      const declared = Math.min(layoutOf(field.type, f.r.dm).size, XLEN);
      const size = f.r.clangBitfieldType ? declared : Math.ceil(((fl.bitOffset % 8) + field.bits) / 8);
      f.out.push({ cls: 'INT', offset: byte, size, align: declared });
      if (f.out.length > 2) return false;
    } else if (!flattenInto(field.type, byte, f)) {
      return false;
    }
    if (f.r.clangZeroWidth && zeroWidth > 0 && f.out.length >= 2) return false;
  }
  return true;
}

/** How a struct (or real, or complex) goes under FPCC: its members and the rule that says so. */
interface FpccCandidate {
  members: Member[];
  rule: string;
  /** Registers come from clang's LLVM struct (dialect clang-fpcc-bitfield-type). */
  clangCoerce: boolean;
}

/**
 * The FPCC rules for structs: "just one floating-point real", "two floating-point reals", "one
 * floating-point real and one integer (or bitfield), in either order". Null: not eligible.
 */
function eligibleStruct(t: Aggregate, r: Reading): FpccCandidate | null {
  const f: Flattening = { r, out: [] };
  if (!flattenStruct(t, 0, f)) return r.gccFlatten ? gccModeFallback(t, r.dm) : null;
  const fp = f.out.filter((m) => m.cls === 'FP').length;
  const int = f.out.length - fp;
  const clangCoerce = r.clangBitfieldType;
  if (fp === 1 && int === 0) return { members: f.out, rule: 'struct containing just one FP real: as a standalone FP real', clangCoerce };
  if (fp === 2) return { members: f.out, rule: 'struct containing two FP reals: two FPRs in memory order', clangCoerce };
  if (fp === 1 && int === 1) return { members: f.out, rule: 'struct containing one FP real and one integer: an FPR and a GPR', clangCoerce };
  return r.gccFlatten ? gccModeFallback(t, r.dm) : null;
}

/**
 * Dialect gcc-flatten-zero-length-array: a struct gcc did not flatten goes by its machine mode
 * (stor-layout's compute_record_mode): a float mode when one member spans the whole struct and has
 * a float mode itself, kept only when the struct is at least as aligned as that mode (riscv64 gcc
 * is STRICT_ALIGNMENT by default); riscv_pass_mode_in_fpr_p then puts SF/DF in one FPR, SC/DC in two.
 */
function gccModeFallback(t: CType, dm: DataModel): FpccCandidate | null {
  const mode = gccFloatMode(t, dm);
  if (!mode) return null;
  const members: Member[] = [];
  for (let i = 0; i < mode.parts; i++) members.push({ cls: 'FP', offset: i * mode.part, size: mode.part, align: mode.part });
  return { members, rule: `${D.gccFlatten.id}: not flattened, passed by its float mode`, clangCoerce: false };
}

function gccFloatMode(t: CType, dm: DataModel): { part: number; parts: number } | null {
  switch (t.kind) {
    case 'scalar': {
      const fp = floatFormat(t, dm);
      return fp !== null && fp <= FLEN ? { part: fp, parts: 1 } : null;
    }
    case 'complex': {
      const part = scalarInfo(dm, t.base).size;
      return part <= FLEN ? { part, parts: 2 } : null;
    }
    case 'array': // "One-element arrays get the component type's mode."
      return t.count === 1 ? gccFloatMode(t.elem, dm) : null;
    case 'struct': {
      const l = layoutOf(t, dm);
      const whole = l.fields.find((fl) => fl.field.bits === undefined && fl.bitSize === l.size * 8 && l.size > 0);
      const mode = whole ? gccFloatMode(whole.field.type, dm) : null;
      return mode && l.align >= mode.part ? mode : null;
    }
    default: // unions take an integer mode; pointers, enums, vectors are no float modes
      return null;
  }
}

/** The FPCC candidate for a named argument of type `t`, or null: the integer convention. */
function fpccCandidate(t: CType, r: Reading): FpccCandidate | null {
  switch (t.kind) {
    case 'scalar': {
      // "A real floating-point argument is passed in a floating-point register if it is no more than ABI_FLEN bits wide"
      const fp = floatFormat(t, r.dm);
      if (fp === null || fp > FLEN) return null;
      return { members: [{ cls: 'FP', offset: 0, size: fp, align: fp }], rule: `${t.name} is an FP real`, clangCoerce: false };
    }
    case 'complex': {
      // "A complex floating-point number [...] is passed as though it were a struct containing two floating-point reals."
      const part = scalarInfo(r.dm, t.base).size;
      if (part > FLEN) return null;
      const members: Member[] = [0, part].map((offset) => ({ cls: 'FP', offset, size: part, align: part }));
      return { members, rule: `${describe(t)} as a struct of two FP reals`, clangCoerce: false };
    }
    case 'struct':
      return eligibleStruct(t, r);
    default: // "Unions are never flattened and are always passed according to the integer calling convention."
      return null;
  }
}

/** Byte ranges clang loads the members from: its LLVM struct of the member types (coerceAndExpand). */
function clangRanges(m: Member[]): [number, number][] {
  const [m1, m2] = m as [Member, Member | undefined];
  if (!m2) return [[m1.offset, m1.offset + m1.size]];
  const end1 = m1.offset + m1.size;
  const noPad = roundUp(end1, m2.align);
  let padding = 0;
  if (m2.offset > noPad) padding = m2.offset - noPad;
  else if (m2.offset !== m2.align && m2.offset > end1) padding = m2.offset - end1;
  const packed = m2.offset % m2.align !== 0;
  const pos1 = packed ? m1.offset : roundUp(m1.offset, m1.align);
  const after = pos1 + m1.size + padding;
  const pos2 = packed ? after : roundUp(after, m2.align);
  return [
    [pos1, pos1 + m1.size],
    [pos2, pos2 + m2.size],
  ];
}

/** Register parts for an FPCC candidate, FPRs and GPRs taken in memory order; null if too few remain. */
function fpccParts(c: FpccCandidate, size: number, s: State): RegPart[] | null {
  const fprs = c.members.filter((m) => m.cls === 'FP').length;
  const gprs = c.members.length - fprs;
  // "if [...] at least two floating-point argument registers are available" and the like; else the integer convention.
  if (s.fpr + fprs > NARG || s.gpr + gprs > NARG) return null;
  const ranges = c.clangCoerce ? clangRanges(c.members) : c.members.map((m): [number, number] => [m.offset, m.offset + m.size]);
  const parts: RegPart[] = [];
  c.members.forEach((m, i) => {
    const reg = m.cls === 'FP' ? fa(s.fpr++) : a(s.gpr++);
    const [from, end] = ranges[i]!;
    const to = Math.min(end, size);
    if (from >= to) return; // clang: the register is loaded from beyond the struct
    const part: RegPart = { reg, from, to };
    // "If the struct is passed in this manner, and the integer is narrower than XLEN bits, the remaining bits are unspecified."
    const ext = m.cls === 'FP' && to - from === m.size ? nanBox(m.size) : undefined;
    if (ext) part.extend = ext;
    parts.push(part);
  });
  return parts;
}

// ---------------------------------------------------------------------------------------------
// ICC

/** ICC for one argument (named or variadic), after FPCC did not take it. */
function integerCC(t: CType, named: boolean, s: State, dm: DataModel, because: string): ArgLocation {
  const { size, align } = layoutOf(t, dm);
  const name = describe(t);
  // "Aggregates larger than 2×XLEN bits are passed by reference and are replaced in the argument
  // list with the address"; "Scalars wider than 2×XLEN bits are passed by reference" (none in C
  // here: long double and __int128 are 2×XLEN). _Complex long double is a struct of two reals.
  if (size > 2 * XLEN) {
    const pointer = oneWord({ kind: 'pointer', to: t }, 8, s, dm, 'ICC: the address of the copy');
    return { kind: 'by-ref', copy: 'caller', pointer, why: `${because}ICC: ${name} of ${size} bytes is larger than 2×XLEN: by reference` };
  }
  // "Variadic arguments with 2×XLEN-bit alignment and size at most 2×XLEN bits are passed in an
  // *aligned* register pair [...] After a variadic argument has been passed on the stack, all future
  // arguments will also be passed on the stack."
  const alignedPair = !named && align === 2 * XLEN;
  if (alignedPair) s.gpr = roundUp(s.gpr, 2);
  if (size <= XLEN) return oneWord(t, size, s, dm, `${because}ICC: ${name}`);
  const pair = alignedPair ? 'aligned register pair (variadic, 2×XLEN-aligned)' : 'pair of registers';
  // "Scalars that are 2×XLEN bits wide are passed in a pair of argument registers, with the low-order
  // XLEN bits in the lower-numbered register"; "Aggregates whose total size is no more than 2×XLEN
  // bits are passed in a pair of registers".
  if (s.gpr + 2 <= NARG) {
    const parts = [
      { reg: a(s.gpr), from: 0, to: XLEN },
      { reg: a(s.gpr + 1), from: XLEN, to: size },
    ];
    s.gpr += 2;
    return { kind: 'regs', parts, why: `${because}ICC: ${name} of ${size} bytes in a ${pair}: ${parts[0]!.reg}, ${parts[1]!.reg}` };
  }
  // "If exactly one register is available, the low-order XLEN bits are passed in the register and
  // the high-order XLEN bits are passed on the stack" (aggregates: "the first XLEN bits").
  if (s.gpr === NARG - 1) {
    const reg = a(s.gpr++);
    const stackOffset = roundUp(s.nsaa, XLEN);
    s.nsaa = stackOffset + roundUp(size - XLEN, XLEN);
    const why = `${because}ICC: ${name} of ${size} bytes with one register left: first XLEN bits in ${reg}, the rest on the stack at ${stackOffset}`;
    return { kind: 'split', parts: [{ reg, from: 0, to: XLEN }], stackOffset, why };
  }
  return onStack(size, align, s, `${because}ICC: ${name} of ${size} bytes, no register left`);
}

/** "Scalars that are at most XLEN bits wide are passed in a single argument register, or on the stack by value if none is available"; likewise aggregates. */
function oneWord(t: CType, size: number, s: State, dm: DataModel, what: string): ArgLocation {
  if (s.gpr < NARG) {
    const reg = a(s.gpr++);
    const part: RegPart = { reg, from: 0, to: size };
    const ext = integerExtension(t, dm);
    if (ext) part.extend = ext;
    // "floating-point types narrower than XLEN bits are widened to XLEN bits, with the upper bits undefined"
    const isFloat = t.kind === 'scalar' && scalarInfo(dm, t.name).float !== undefined;
    const widened = ext ? ` (${ext.kind}-extended to XLEN)` : isFloat && size < XLEN ? ' (upper bits undefined)' : '';
    return { kind: 'regs', parts: [part], why: `${what} in ${reg}${widened}` };
  }
  const loc = onStack(size, layoutOf(t, dm).align, s, `${what}, no register left`);
  const ext = integerExtension(t, dm);
  return ext && loc.kind === 'stack' ? { ...loc, extend: ext, why: `${loc.why} (${ext.kind}-extended to XLEN)` } : loc;
}

/**
 * "Aggregates or scalars passed on the stack are aligned to the greater of the type alignment and
 * XLEN bits, but never more than the stack alignment." Each takes whole XLEN slots. ("When passed
 * in registers or on the stack, integer scalars narrower than XLEN bits are widened": oneWord
 * gives such a slot its `extend`, and clang callees load the whole slot.)
 */
function onStack(size: number, align: number, s: State, what: string): ArgLocation {
  const offset = roundUp(s.nsaa, Math.min(Math.max(align, XLEN), STACK_ALIGN));
  s.nsaa = offset + roundUp(size, XLEN);
  return { kind: 'stack', offset, size, why: `${what}: stack at ${offset}` };
}

// ---------------------------------------------------------------------------------------------
// Arguments and the return value

function readingOf(dm: DataModel, opts: AbiOptions): Reading {
  return {
    dm,
    gccFlatten: opts.dialects.has(D.gccFlatten.id),
    clangZeroWidth: opts.dialects.has(D.clangZeroWidth.id),
    clangBitfieldType: opts.dialects.has(D.clangBitfieldType.id),
  };
}

const isEmpty = (t: CType, dm: DataModel): boolean => (t.kind === 'struct' || t.kind === 'union') && layoutOf(t, dm).size === 0;

function placeArg(t: CType, named: boolean, s: State, r: Reading): ArgLocation {
  // ICC: "Empty structs or union arguments or return values are ignored by C compilers which support them as a non-standard extension."
  if (isEmpty(t, r.dm)) return { kind: 'ignored', why: `ICC: empty ${t.kind} (size 0) is ignored` };
  // FPCC: "The remainder of this section applies only to named arguments. Variadic arguments are
  // passed according to the integer calling convention."
  if (!named) return integerCC(t, false, s, r.dm, 'variadic: ');
  const c = fpccCandidate(t, r);
  if (!c) return integerCC(t, true, s, r.dm, '');
  const parts = fpccParts(c, layoutOf(t, r.dm).size, s);
  if (parts) return { kind: 'regs', parts, why: `FPCC: ${c.rule}: ${parts.map((p) => p.reg).join(', ') || 'no bytes'}` };
  // "Otherwise, it is passed according to the integer calling convention."
  return integerCC(t, true, s, r.dm, 'FPCC: too few argument registers left for the FP convention; ');
}

/**
 * ICC and FPCC: "Values are returned in the same manner as a first named argument of the same type
 * would be passed. If such an argument would have been passed by reference, the caller allocates
 * memory for the return value, and passes the address as an implicit first parameter." "There is
 * no requirement that the address be returned from the function".
 */
function placeReturn(t: CType | 'void', r: Reading): ReturnLocation {
  if (t === 'void') return { kind: 'void' };
  const asArg = placeArg(t, true, { gpr: 0, fpr: 0, nsaa: 0 }, r);
  switch (asArg.kind) {
    case 'ignored':
      return { kind: 'ignored', why: asArg.why };
    case 'regs':
      return { kind: 'regs', parts: asArg.parts, why: `returned as a first named argument: ${asArg.why}` };
    default:
      return {
        kind: 'sret',
        pointer: { kind: 'regs', parts: [{ reg: 'a0', from: 0, to: 8 }], why: 'ICC: the address of the result memory as an implicit first parameter' },
        returnedIn: null,
        why: `ICC: ${describe(t)} would be passed by reference: returned in memory the caller provides, address in a0 (not handed back)`,
      };
  }
}

/**
 * The TS 18661-3 types follow their format's rules: _Float32 float's, _Float64 and _Float32x
 * double's (FP registers under the hardware floating-point calling convention), _Float64x and
 * _Float128 long double's binary128 (wider than ABI_FLEN: integer register pairs). Measured with
 * riscv64-linux-gnu-gcc 12 (-S); clang rejects them. There is no __float128 on riscv64.
 */
const FLOAT_TYPES: readonly UntranscribedExtension[] = ['_Float32', '_Float64', '_Float32x', '_Float64x', '_Float128'];

function planCall(sig: Signature, dm: DataModel, opts: AbiOptions): PlanResult {
  const outside = untranscribed(sig, 'RISC-V LP64D', FLOAT_TYPES);
  if (outside) return { ok: false, reason: outside };
  if (sig.convention) return { ok: false, reason: `no calling-convention attribute ${sig.convention} on RISC-V LP64D` };
  if (dm.name !== 'LP64' || dm.pointer.size !== XLEN) return { ok: false, reason: `LP64D needs the LP64 data model, not ${dm.name}` };
  const r = readingOf(dm, opts);
  try {
    const ret = placeReturn(sig.ret, r);
    const s: State = { gpr: ret.kind === 'sret' ? 1 : 0, fpr: 0, nsaa: 0 };
    const fixed = sig.params.length;
    const args = [...sig.params, ...(sig.variadic ?? [])].map((p, i) => placeArg(p.type, i < fixed, s, r));
    return { ok: true, plan: { args, ret, stackBytes: s.nsaa, calleePops: 0 } };
  } catch (e) {
    if (e instanceof Unsupported) return { ok: false, reason: e.message };
    throw e;
  }
}

export const riscvLp64d: Abi = {
  id: 'riscv-lp64d',
  title: 'RISC-V ELF psABI (riscv-cc.adoc), LP64D: integer and hardware floating-point calling conventions, XLEN = ABI_FLEN = 64',
  planCall,
  contract: {
    // Integer Register Convention: s0-s11 "Callee-saved registers", preserved; Floating-Point
    // Register Convention: fs0-fs11 callee-saved "if they are no larger than the width of a
    // floating-point register in the targeted ABI" (64 bits for LP64D).
    calleeSaved: [
      ...Array.from({ length: 12 }, (_, i) => ({ name: `s${i}`, bytes: 8 })),
      ...Array.from({ length: 12 }, (_, i) => ({ name: `fs${i}`, bytes: 8 })),
    ],
    stackAlign: STACK_ALIGN,
  },
  dialects: Object.values(RISCV_LP64D_DIALECTS),
  dialectsOf: (compiler) => (/clang/.test(compiler) ? RISCV_LP64D_DIALECTS_OF.clang : /gcc/.test(compiler) ? RISCV_LP64D_DIALECTS_OF.gcc : []),
};
