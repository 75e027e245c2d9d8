// AAPCS32 with the VFP variant (armhf): Procedure Call Standard for the Arm Architecture
// (ARM-software/abi-aa, aapcs32/aapcs32.rst). Transcribes §6.5 "Parameter Passing" of the base
// standard (Stage A, Stage B, Stage C rule by rule), §6.4 "Result Return", and §7.1 "VFP and SIMD
// vector Register Arguments" (the co-processor rules A.2.vfp, C.1.vfp, C.2.vfp), with the C
// mapping of §8.1.1. `pcs("aapcs")` selects the base standard, `pcs("aapcs-vfp")` the VFP variant
// (the default); §7.1: "For a variadic function the base standard is always used both for
// argument passing and result return". Pure: model types in, CallPlan out.
import type { DataModel } from '../model/data-model.js';
import { layoutOf } from '../model/layout.js';
import type { CType, ScalarName, Signature } from '../model/types.js';
import { PLAIN, type Abi, type AbiOptions, type Dialect } from './abi.js';
import type { ArgLocation, Extension, PlanResult, RegPart, ReturnLocation } from './location.js';
import { homogeneousAggregate, naturalAlignment, type BaseType, type HomogeneousRules } from './shared/homogeneous.js';
import { untranscribed, type Extension as UntranscribedExtension } from './shared/untranscribed.js';

/** Compiler dialects: documented or long-standing departures from the text, by id. */
export const AAPCS_VFP_DIALECTS = {
  gccZeroLengthArray: {
    id: 'gcc-zero-length-array-not-cprc',
    title:
      'gcc: a GNU zero-length array anywhere in a composite keeps it from being a Homogeneous Aggregate, so it is no VFP CPRC (struct { float a; float z[0]; float b; } goes in r0, r1; the text lets zero-size members vanish, so s0, s1)',
    reference: 'observed with arm-linux-gnueabihf-gcc 12.2',
  },
  gccZeroWidthInUnion: {
    id: 'gcc-zero-width-bit-field-in-union-not-cprc',
    title:
      'gcc: a union with an unnamed zero-width bit-field member (union { float f; int :0; }), and any composite containing one, is no Homogeneous Aggregate, so no VFP CPRC; the text lets the zero-size member vanish, and clang agrees (s0)',
    reference: 'observed with arm-linux-gnueabihf-gcc 12.2 (r0) against clang 19 (s0)',
  },
  clangZeroLengthArray: {
    id: 'clang-zero-length-array-not-cprc',
    title:
      'clang: a GNU zero-length array member keeps a composite from being a Homogeneous Aggregate (no VFP CPRC), unless it sits inside a member of empty record type, which clang skips',
    reference: 'observed with clang 19 (--target=armv7a-linux-gnueabihf); clang ABIInfo::isHomogeneousAggregate returns false for zero-size arrays and skips empty records',
  },
  clangEmptyRecord: {
    id: 'clang-empty-record-ignored',
    title:
      'clang ignores a GNU empty (size 0) struct or union argument entirely: one that is 8-aligned does not round NCRN up to even (C.3) as the text and gcc do, so f(int, struct { long long :0; }, int) passes the second int in r1, not r2',
    reference: 'observed with clang 19 against arm-linux-gnueabihf-gcc 12.2',
  },
  gccEmptyRecordStack: {
    id: 'gcc-empty-record-aligns-stack',
    title:
      'gcc: a GNU empty (size 0) struct or union that requires double-word alignment, met with NCRN = 4, rounds the NSAA up to 8 (C.7) although it takes no stack; the text allocates its zero words to core registers (C.4: 0 <= 4 - NCRN), leaving the NSAA alone',
    reference: 'observed with arm-linux-gnueabihf-gcc 12.2: f(int, int, int, int, int, struct { long long :0; }, int) puts the last int at [sp, 8], clang at [sp, 4]; cf. the empty-aggregate-through-varargs known issue',
  },
  gccPackedBitField: {
    id: 'gcc-packed-bit-field-doubleword',
    title:
      'gcc: a long long bit-field directly in a packed struct or union makes the argument require double-word alignment (C.3 even NCRN, C.7 8-aligned NSAA), though the type is 1-aligned: gcc takes the bit-field\'s declared type for the natural alignment, packed or not',
    reference: 'observed with arm-linux-gnueabihf-gcc 12.2 (struct __attribute__((packed)) { long long x:5; int y; } after an int goes in r2, r3; clang uses r1, r2); cf. the GCC 9.1 -Wpsabi note on bit-fields and double-word alignment',
  },
  gnuVectors: {
    id: 'gnu-vector-as-composite',
    title:
      'a GCC vector_size(N) type that is no containerized vector (N = 4, 32, 64) is passed and returned like a composite of its size and alignment: core registers, split or stack, never VFP registers; 4 bytes returned in r0, larger in memory (gcc)',
    reference: 'observed with arm-linux-gnueabihf-gcc 12.2; the text has only 64- and 128-bit containerized vectors (§5.1.2)',
  },
  clangVectorsWithoutNeon: {
    id: 'clang-vectors-without-neon',
    title:
      'clang without NEON (-mfpu=vfpv3-d16) splits a GCC vector argument or result, and a Homogeneous Aggregate of vectors, into its elements, each passed as a scalar of its own (char and short elements one per core register, float elements in s registers, char vectors returned in memory); no byte range says where the stacked elements go: skipped',
    reference: 'observed with clang 19 --target=armv7a-linux-gnueabihf -mfpu=vfpv3-d16 -mfloat-abi=hard; with -mfpu=neon clang follows the text',
  },
} as const satisfies Record<string, Dialect>;

const D = AAPCS_VFP_DIALECTS;

/**
 * The dialects each compiler speaks on armhf-linux, as observed with arm-linux-gnueabihf-gcc 12.2
 * and clang 19 with -mfpu=vfpv3-d16 -mfloat-abi=hard (clang with NEON drops clang-vectors-without-neon).
 */
export const AAPCS_VFP_DIALECTS_OF: Record<'gcc' | 'clang', readonly string[]> = {
  gcc: [D.gccZeroLengthArray.id, D.gccZeroWidthInUnion.id, D.gccEmptyRecordStack.id, D.gccPackedBitField.id, D.gnuVectors.id],
  clang: [D.clangZeroLengthArray.id, D.clangEmptyRecord.id, D.clangVectorsWithoutNeon.id],
};

type Variant = 'base' | 'vfp';

/** A VFP CPRC (§7.1.2.1): `count` consecutive registers of `slots` single-precision registers each. */
interface Cprc {
  /** s (1 slot), d (2 slots) or q (4 slots): the register class the argument takes. */
  prefix: 's' | 'd' | 'q';
  slots: 1 | 2 | 4;
  count: number;
  /** Value bytes each register holds (a half-precision value: 2 of an s register). */
  bytes: number;
  /** The Fundamental Data Type each register holds: 'half', 'single', 'double', 'vector64', 'vector128'. */
  base: string;
  name: string;
}

/** Stage B's reading of one argument. */
interface Machine {
  /** Fundamental Data Type or Composite Type (B.4 rounds a composite's size up to a multiple of 4). */
  composite: boolean;
  /** Size of the value in memory. */
  size: number;
  /** Size after Stage B: B.2 (narrow integers and halves: 4) and B.4 (composites: a multiple of 4). */
  padded: number;
  /** B.5: the alignment the marshaling rules use, 4 or 8 (C.3, C.7: "requires double-word alignment"). */
  align: 4 | 8;
  /** VFP variant only: the argument is a CPRC. */
  cprc: Cprc | null;
  /** B.2: a narrow integer is zero- or sign-extended to a full word. */
  extend?: Extension;
  name: string;
}

/** Stage A: NCRN, the VFP registers s0-s15 (true: allocated or unavailable) and NSAA (bytes above SP). */
interface State {
  ncrn: number;
  vfp: boolean[];
  nsaa: number;
}

const roundUp = (n: number, a: number): number => Math.ceil(n / a) * a;

/**
 * §8.1.1: C types onto machine types; plain char is an unsigned byte (LDRB is unsigned), whatever
 * the data model's `signed` says.
 */
const SIGNED: Partial<Record<ScalarName, boolean>> = {
  char: false, 'signed char': true, 'unsigned char': false, _Bool: false, short: true, 'unsigned short': false,
};

/** §7.1.2.1: the Base Types of a VFP CPRC Homogeneous Aggregate (single, double, 64- and 128-bit vectors). */
function baseType(t: CType, dm: DataModel): BaseType | null {
  if (t.kind === 'scalar') {
    const f = dm.scalars[t.name]?.float;
    if (f === 'binary32') return { name: 'single', size: 4 };
    if (f === 'binary64') return { name: 'double', size: 8 };
    return null; // half-precision is a CPRC on its own, but no HA Base Type
  }
  if (t.kind === 'vector' && (t.bytes === 8 || t.bytes === 16)) return { name: `vector${t.bytes * 8}`, size: t.bytes };
  return null;
}

function cprcOf(base: BaseType, count: number, what: string): Cprc {
  const common = { count, base: base.name, name: what };
  switch (base.name) {
    case 'half':
      return { prefix: 's', slots: 1, bytes: 2, ...common };
    case 'single':
      return { prefix: 's', slots: 1, bytes: 4, ...common };
    case 'double':
    case 'vector64':
      return { prefix: 'd', slots: 2, bytes: 8, ...common };
    default:
      return { prefix: 'q', slots: 4, bytes: 16, ...common };
  }
}

function describe(t: CType): string {
  switch (t.kind) {
    case 'scalar':
      return t.name;
    case 'vector':
      return `vector_size(${t.bytes}) ${t.elem}`;
    case 'complex':
      return `_Complex ${t.base}`;
    case 'pointer':
    case 'fnptr':
      return 'pointer';
    default:
      return t.kind;
  }
}

/** Stage B (B.1: no dynamically sized types in C), and whether the argument is a VFP CPRC. */
function stageB(t: CType, dm: DataModel, opts: AbiOptions): Machine | string {
  const name = describe(t);
  switch (t.kind) {
    case 'scalar': {
      const info = dm.scalars[t.name];
      if (!info) return `${t.name} does not exist on arm`;
      const fundamental = (size: number, cprc: Cprc | null): Machine => ({
        composite: false, size: info.size, padded: size, align: info.align >= 8 ? 8 : 4, cprc, name,
      });
      switch (info.float) {
        case 'binary16': // B.2: size set to 4, in the least significant bits of the register
          return fundamental(4, cprcOf({ name: 'half', size: 2 }, 1, 'half-precision'));
        case 'binary32':
          return fundamental(4, cprcOf({ name: 'single', size: 4 }, 1, name));
        case 'binary64':
          return fundamental(8, cprcOf({ name: 'double', size: 8 }, 1, name));
        case undefined:
          break;
        default:
          return `${t.name} (${info.float}) is no AAPCS floating-point type`;
      }
      if (info.size > 8) return `${t.name} is no AAPCS integral type`;
      if (info.size >= 4) return fundamental(info.size, null);
      // B.2: an integral type smaller than a word is zero- or sign-extended to a full word.
      const m = fundamental(4, null);
      m.extend = { kind: SIGNED[t.name] ? 'sign' : 'zero', toBytes: 4 };
      return m;
    }
    case 'enum': // §8.1.3: the platform's choice; Linux takes the first variant, a word (int) container
    case 'pointer':
    case 'fnptr':
      return { composite: false, size: 4, padded: 4, align: 4, cprc: null, name };
    case 'vector':
      // §5.1.2: 64- and 128-bit containerized vectors (alignment 8, §5.1 table).
      if (t.bytes === 8 || t.bytes === 16) {
        const cprc = cprcOf({ name: `vector${t.bytes * 8}`, size: t.bytes }, 1, `${t.bytes}-byte vector`);
        return { composite: false, size: t.bytes, padded: t.bytes, align: 8, cprc, name: `${t.bytes}-byte vector` };
      }
      if (!opts.dialects.has(D.gnuVectors.id)) return `a ${t.bytes}-byte GCC vector is no AAPCS containerized vector (64 or 128 bits, §5.1.2)`;
      return composite(t, dm, null, name, opts);
    case 'array':
      return 'an array is never an argument in C';
    default: {
      // struct, union, _Complex (§8.1.1: laid out as struct { T re; T im; }).
      const ha = homogeneousAggregate(t, dm, {
        baseType,
        maxMembers: 4,
        zeroLengthArray: zeroLengthArray(opts),
        zeroWidthBitFieldInUnion: opts.dialects.has(D.gccZeroWidthInUnion.id) ? 'disqualify' : 'vanish',
      });
      return composite(t, dm, ha ? cprcOf(ha.base, ha.members, `Homogeneous Aggregate of ${ha.members} ${ha.base.name}`) : null, name, opts);
    }
  }
}

function zeroLengthArray(opts: AbiOptions): HomogeneousRules['zeroLengthArray'] {
  if (opts.dialects.has(D.gccZeroLengthArray.id)) return 'disqualify';
  if (opts.dialects.has(D.clangZeroLengthArray.id)) return 'disqualify-unless-in-empty-member';
  return 'vanish';
}

/** B.4: size rounded up to a multiple of 4; B.5: the copy is 4-aligned if the natural alignment is <= 4, 8-aligned if >= 8. */
function composite(t: CType, dm: DataModel, cprc: Cprc | null, name: string, opts: AbiOptions): Machine {
  const { size } = layoutOf(t, dm);
  let natural = naturalAlignment(t, dm);
  if (opts.dialects.has(D.gccPackedBitField.id) && (t.kind === 'struct' || t.kind === 'union')) {
    for (const f of t.fields) if (f.bits !== undefined) natural = Math.max(natural, layoutOf(f.type, dm).align);
  }
  return { composite: true, size, padded: roundUp(size, 4), align: natural >= 8 ? 8 : 4, cprc, name: cprc?.name ?? name };
}

/** C.1.vfp: the lowest-numbered run of `count` unallocated registers of the class, as an s-slot index. */
function lowestFree(vfp: boolean[], c: Cprc): number {
  const need = c.slots * c.count;
  for (let at = 0; at + need <= vfp.length; at += c.slots) {
    if (vfp.slice(at, at + need).every((used) => !used)) return at;
  }
  return -1;
}

/** Stage C for one argument, rules applied in turn until it is allocated. */
function stageC(m: Machine, s: State, variant: Variant, opts: AbiOptions): ArgLocation {
  if (variant === 'vfp' && m.cprc) {
    const c = m.cprc;
    // C.1.vfp: sufficient consecutive VFP registers of the appropriate type: the lowest-numbered.
    const at = lowestFree(s.vfp, c);
    if (at >= 0) {
      const parts: RegPart[] = [];
      for (let i = 0; i < c.count; i++) {
        parts.push({ reg: `${c.prefix}${at / c.slots + i}`, from: i * c.bytes, to: i * c.bytes + c.bytes });
        for (let k = 0; k < c.slots; k++) s.vfp[at + i * c.slots + k] = true;
      }
      const regs = parts.length > 1 ? `${parts[0]!.reg}-${parts[parts.length - 1]!.reg}` : parts[0]!.reg;
      return { kind: 'regs', parts, why: `C.1.vfp: ${c.name} in ${regs}` };
    }
    // C.2.vfp: every unallocated VFP register is marked unavailable (no more back-filling); the
    // NSAA is rounded up to 4 or 8 by the natural alignment; the argument is copied to the stack.
    s.vfp.fill(true);
    const offset = roundUp(s.nsaa, m.align);
    s.nsaa = offset + m.padded;
    return { kind: 'stack', offset, size: m.size, why: `C.2.vfp: ${c.name} finds no free VFP registers: stack at NSAA ${offset}, VFP registers closed` };
  }
  if (m.composite && m.size === 0) {
    if (opts.dialects.has(D.clangEmptyRecord.id)) return { kind: 'ignored', why: `${D.clangEmptyRecord.id}: ${m.name} of size 0 is not passed` };
    if (s.ncrn === 4 && opts.dialects.has(D.gccEmptyRecordStack.id)) {
      s.nsaa = roundUp(s.nsaa, m.align);
      return { kind: 'ignored', why: `${D.gccEmptyRecordStack.id}: ${m.name} of size 0 with NCRN = 4: NSAA rounded up to ${m.align}` };
    }
  }
  // C.3: double-word alignment: NCRN rounded up to even.
  if (m.align === 8) s.ncrn = roundUp(s.ncrn, 2);
  const words = m.padded / 4;
  // C.4: the size in words is not more than 4 - NCRN: core registers from NCRN, as if by LDM.
  if (words <= 4 - s.ncrn) {
    if (words === 0) return { kind: 'ignored', why: `C.4: ${m.name} of size 0 takes no core registers` };
    const parts = coreParts(m, s.ncrn, words);
    s.ncrn += words;
    const even = m.align === 8 ? ' (C.3: NCRN even)' : '';
    return { kind: 'regs', parts, why: `C.4: ${m.name} in ${parts.map((p) => p.reg).join(', ')}${even}` };
  }
  // C.5: NCRN < 4 and NSAA = SP: split between the core registers up to r3 and the stack.
  if (s.ncrn < 4 && s.nsaa === 0) {
    const n = 4 - s.ncrn;
    const parts = coreParts(m, s.ncrn, n);
    s.ncrn = 4;
    s.nsaa = m.padded - 4 * n;
    return { kind: 'split', parts, stackOffset: 0, why: `C.5: ${m.name} split between ${parts.map((p) => p.reg).join(', ')} and the stack` };
  }
  // C.6: NCRN = 4; C.7: double-word alignment: NSAA rounded up to 8; C.8: copied to the NSAA.
  s.ncrn = 4;
  const offset = roundUp(s.nsaa, m.align);
  s.nsaa = offset + m.padded;
  // B.2 extended a narrow integer to a word before C.8 copies it: its slot holds the extension too.
  return { kind: 'stack', offset, size: m.size, why: `C.8: ${m.name} with NCRN = 4 on the stack at NSAA ${offset}`, ...(m.extend ? { extend: m.extend } : {}) };
}

/** Registers r[first].. holding words of the value, each with the value bytes it carries. */
function coreParts(m: Machine, first: number, words: number): RegPart[] {
  const parts: RegPart[] = [];
  for (let i = 0; i < words && 4 * i < m.size; i++) {
    const part: RegPart = { reg: `r${first + i}`, from: 4 * i, to: Math.min(4 * i + 4, m.size) };
    if (m.extend) part.extend = m.extend;
    parts.push(part);
  }
  return parts;
}

/**
 * §6.4 (base standard) and §7.1.2.2 (VFP variant: "Any result whose type would satisfy the
 * conditions for a VFP CPRC is returned in the appropriate number of consecutive VFP registers
 * starting with the lowest numbered register (s0, d0, q0)").
 */
function resultReturn(m: Machine, variant: Variant): ReturnLocation {
  if (variant === 'vfp' && m.cprc) {
    const s: State = { ncrn: 0, vfp: new Array<boolean>(16).fill(false), nsaa: 0 };
    const loc = stageC(m, s, 'vfp', PLAIN);
    if (loc.kind === 'regs') return { kind: 'regs', parts: loc.parts, why: `7.1.2.2: a VFP CPRC from ${loc.parts[0]!.reg}: ${loc.why}` };
  }
  if (!m.composite) {
    // Half: the low 16 bits of r0; smaller than 4 bytes: extended to a word in r0; a word in r0;
    // a double-word in r0, r1; a 128-bit containerized vector in r0-r3.
    const parts = coreParts(m, 0, m.padded / 4);
    return { kind: 'regs', parts, why: `6.4: ${m.name} in ${parts.map((p) => p.reg).join(', ')}` };
  }
  if (m.size === 0) return { kind: 'ignored', why: `6.4: ${m.name} of size 0: nothing to return` };
  // A Composite Type not larger than 4 bytes: r0, as if loaded by LDR from a word-aligned address.
  if (m.size <= 4) return { kind: 'regs', parts: coreParts(m, 0, 1), why: `6.4: ${m.name} of ${m.size} bytes in r0` };
  // Larger: memory whose address is passed as an extra argument in r0 (A.4).
  return {
    kind: 'sret',
    pointer: { kind: 'regs', parts: [{ reg: 'r0', from: 0, to: 4 }], why: 'A.4: the address of the result in r0, NCRN = r1' },
    returnedIn: null,
    why: `6.4: ${m.name} of ${m.size} bytes is returned in memory`,
  };
}

function variantOf(sig: Signature): Variant | string {
  // §7.1: variadic functions always use the base standard.
  if (sig.variadic) return 'base';
  if (sig.convention === undefined || sig.convention === 'pcs("aapcs-vfp")') return 'vfp';
  if (sig.convention === 'pcs("aapcs")') return 'base';
  return `no calling-convention attribute ${sig.convention} on AAPCS`;
}

/** Dialect clang-vectors-without-neon: an argument or result clang splits into its vector elements. */
function scalarisedByClang(t: CType, m: Machine, variant: Variant): boolean {
  return t.kind === 'vector' || (variant === 'vfp' && m.cprc !== null && m.cprc.base.startsWith('vector'));
}

/** A compiler id ('gcc', 'aarch64-linux-gnu-gcc', 'clang-19', ...) to the dialects of its family. */
function compilerDialects(compiler: string, of: Record<'gcc' | 'clang', readonly string[]>): readonly string[] {
  if (/clang/.test(compiler)) return of.clang;
  if (/gcc/.test(compiler)) return of.gcc;
  return [];
}

/**
 * _Float32 is single precision and _Float64, _Float32x double precision (their formats; CPRCs and HA
 * Base Types as float and double are). Measured with arm-linux-gnueabihf-gcc 12 (-S: s0, d0);
 * clang rejects them. armhf has no _Float64x, _Float128 or __float128.
 */
const FLOAT_TYPES: readonly UntranscribedExtension[] = ['_Float32', '_Float64', '_Float32x'];

function planCall(sig: Signature, dm: DataModel, opts: AbiOptions): PlanResult {
  const outside = untranscribed(sig, 'AAPCS-VFP', FLOAT_TYPES);
  if (outside) return { ok: false, reason: outside };
  const variant = variantOf(sig);
  if (variant !== 'base' && variant !== 'vfp') return { ok: false, reason: variant };
  const stageBOf = (t: CType): Machine | string => {
    const m = stageB(t, dm, opts);
    if (typeof m !== 'string' && opts.dialects.has(D.clangVectorsWithoutNeon.id) && scalarisedByClang(t, m, variant))
      return `${D.clangVectorsWithoutNeon.id}: clang splits ${m.name} into its elements`;
    return m;
  };
  // Stage A: A.1 NCRN = r0; A.2.vfp: s0-s15 unallocated; A.3 NSAA = SP.
  const s: State = { ncrn: 0, vfp: new Array<boolean>(16).fill(false), nsaa: 0 };
  let ret: ReturnLocation = { kind: 'void' };
  if (sig.ret !== 'void') {
    const m = stageBOf(sig.ret);
    if (typeof m === 'string') return { ok: false, reason: `return: ${m}` };
    ret = resultReturn(m, variant);
    // A.4: a result returned in memory: its address in r0, NCRN = r1.
    if (ret.kind === 'sret') s.ncrn = 1;
  }
  const args: ArgLocation[] = [];
  for (const [i, p] of [...sig.params, ...(sig.variadic ?? [])].entries()) {
    const m = stageBOf(p.type);
    if (typeof m === 'string') return { ok: false, reason: `argument ${i}: ${m}` };
    args.push(stageC(m, s, variant, opts));
  }
  return { ok: true, plan: { args, ret, stackBytes: s.nsaa, calleePops: 0 } };
}

export const aapcsVfp: Abi = {
  id: 'aapcs-vfp',
  title: 'Procedure Call Standard for the Arm Architecture (AAPCS), VFP variant; pcs("aapcs"): base standard',
  planCall,
  contract: {
    // §6.1.1: r4-r8, r10, r11 and (on Linux, where it is no platform register) r9 are preserved;
    // §6.1.2.1: s16-s31 (d8-d15) must be preserved across subroutine calls.
    calleeSaved: [
      ...Array.from({ length: 8 }, (_, i) => ({ name: `r${4 + i}`, bytes: 4 })),
      ...Array.from({ length: 8 }, (_, i) => ({ name: `d${8 + i}`, bytes: 8 })),
    ],
    // §6.2.1.2: SP mod 8 = 0 at a public interface.
    stackAlign: 8,
  },
  dialects: Object.values(AAPCS_VFP_DIALECTS),
  dialectsOf: (compiler) => compilerDialects(compiler, AAPCS_VFP_DIALECTS_OF),
};
