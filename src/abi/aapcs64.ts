// AAPCS64: Procedure Call Standard for the Arm 64-bit Architecture (ARM-software/abi-aa,
// aapcs64/aapcs64.rst), LP64 as on aarch64-linux. Transcribes §6.8.2 "Parameter passing rules"
// (Stage A initialisation, Stage B pre-padding and extension, Stage C assignment, rule by rule) and
// §6.9 "Result return", with the C mapping of §10.1.1 (Table 3). Pure: model types in, CallPlan out.
import type { DataModel } from '../model/data-model.js';
import { layoutOf } from '../model/layout.js';
import { bitIntName, enumWidth, type CType, type Signature } from '../model/types.js';
import type { Abi, AbiOptions, Dialect } from './abi.js';
import type { ArgLocation, PlanResult, RegPart, ReturnLocation } from './location.js';
import { homogeneousAggregate, naturalAlignment, type BaseType, type Homogeneous, type HomogeneousRules } from './shared/homogeneous.js';
import { GNU_INTEGER_COMPLEX, untranscribed, type Extension } from './shared/untranscribed.js';

/** Compiler dialects: documented or long-standing departures from the text, by id. */
export const AAPCS64_DIALECTS = {
  gccZeroLengthArray: {
    id: 'gcc-zero-length-array-not-hfa',
    title:
      'gcc: a GNU zero-length array anywhere in a composite keeps it from being an HFA/HVA (struct { float a; float z[0]; float b; } goes in x0; the text makes zero-size members disappear, §5.11 note, so it would be an HFA in v0, v1), except when a struct\'s only member of nonzero size is a _Complex or a short vector as large as the whole (not so in a union), passed as that type (struct { _Complex float c; int z[0]; } in v0, v1)',
    reference: 'observed with aarch64-linux-gnu-gcc 12.2 (no -Wpsabi note); such a struct takes its member\'s machine mode in gcc',
  },
  gccZeroWidthInUnion: {
    id: 'gcc-zero-width-bit-field-in-union-not-hfa',
    title:
      'gcc: a union with an unnamed zero-width bit-field member (union { float f; int :0; }), and any composite containing one, is no HFA/HVA; the text lets the zero-size member vanish, and clang agrees (s0)',
    reference: 'observed with aarch64-linux-gnu-gcc 12.2 (w0) against clang 19 (s0); in a struct gcc lets it vanish since GCC 12.1 (-Wpsabi note)',
  },
  clangZeroLengthArray: {
    id: 'clang-zero-length-array-not-hfa',
    title:
      'clang: a GNU zero-length array member keeps a composite from being an HFA/HVA, unless it sits inside a member of empty record type, which clang skips (struct { float a; struct { float z[0]; } e; } is an HFA, struct { float a; float z[0]; } is not)',
    reference: 'observed with clang 19 (--target=aarch64-linux-gnu); clang ABIInfo::isHomogeneousAggregate returns false for zero-size arrays and skips empty records',
  },
  gnuVectors: {
    id: 'gnu-vector-as-composite',
    title:
      'a GCC vector_size(N) type that is no short vector (N = 4, 32, 64) is passed and returned like a composite of its size and alignment: 4 bytes in an x register (or an 8-byte stack slot), 32 and 64 bytes by reference to a caller copy and returned through x8 (gcc and clang, but see the two dialects below)',
    reference: 'observed with aarch64-linux-gnu-gcc 12.2 and clang 19; the text has only 8- and 16-byte short vectors (§5.5)',
  },
  gccFloatVector4: {
    id: 'gcc-4-byte-float-vector-on-stack',
    title:
      'gcc passes a 4-byte vector of float or _Float16 on the stack (an 8-byte slot) and sets NGRN to 8, so later integer arguments go to the stack too, as if it were a composite that did not fit x0-x7 (C.13-C.15); it returns one in x0',
    reference: 'observed with aarch64-linux-gnu-gcc 12.2: double g(float __attribute__((vector_size(4))) v, long a) reads v from [sp] and a from [sp, 8]',
  },
  clangSmallVectorReturn: {
    id: 'clang-4-byte-vector-return-in-v0',
    title:
      'clang returns a 4-byte GCC vector in v0, not x0: float, _Float16 and int-sized elements as they lie in memory (s0), char and short elements widened lane by lane (no byte range can say that: skipped)',
    reference: 'observed with clang 19 (--target=aarch64-linux-gnu); gcc 12.2 returns the same types in x0',
  },
  gccBf16NotHfa: {
    id: 'gcc-bf16-not-hfa-member',
    title:
      'gcc: __bf16 is no Floating-Point Base Type, so a composite with a __bf16 member (struct { __bf16 a; }, struct { __bf16 a[2]; }) is no HFA and goes by the composite rules (w0/x0); the text makes __bf16 half precision, an HFA member, mixable with _Float16, as clang does (h0)',
    reference: 'ARM-software/abi-aa#314 (GCC "does not think that a struct only containing __bf16 is an HFA either"); observed with aarch64-linux-gnu-gcc 12.2',
  },
  gnuIntegerComplex: {
    id: GNU_INTEGER_COMPLEX,
    title:
      'GNU integer _Complex T (char to long long), which the text does not define, is laid out and passed as struct { T re; T im; } (§10.1.1 Table 3\'s mapping of the complex float types): a Composite Type, never an HFA',
    reference: 'gcc 12 and clang 19 agree (model-check with --weights int-complex=1)',
  },
} as const satisfies Record<string, Dialect>;

const D = AAPCS64_DIALECTS;

/** The dialects each compiler speaks on aarch64-linux, as observed with gcc 12.2 and clang 19. */
export const AAPCS64_DIALECTS_OF: Record<'gcc' | 'clang', readonly string[]> = {
  gcc: [D.gccZeroLengthArray.id, D.gccZeroWidthInUnion.id, D.gnuVectors.id, D.gccFloatVector4.id, D.gccBf16NotHfa.id, D.gnuIntegerComplex.id],
  clang: [D.clangZeroLengthArray.id, D.gnuVectors.id, D.clangSmallVectorReturn.id, D.gnuIntegerComplex.id],
};

/** Stage B's reading of one argument: what Stage C's rules test for. */
type Machine =
  /** C.1 / C.4-C.6: an 8-bit, Half-, Single-, Double- or Quad-precision Floating-point or short vector type. */
  | { cls: 'fp'; size: number; name: string }
  /** C.2-C.4, C.6: an HFA or HVA (B.3: used unmodified). */
  | { cls: 'ha'; ha: Homogeneous; size: number; align: number; name: string }
  /** C.9-C.11, C.13, C.14, C.16, C.17: an Integral or Pointer Type. */
  | { cls: 'integral'; size: number; align: number; name: string }
  /**
   * C.10, C.12-C.15: a Composite Type of at most 16 bytes; `align` is B.6's alignment of the copy.
   * `memory`: a dialect sends it past C.12 to C.13-C.15 whatever NGRN is.
   */
  | { cls: 'composite'; size: number; align: number; name: string; memory?: string }
  /** B.4: a Composite Type larger than 16 bytes, replaced by a pointer to a caller copy. */
  | { cls: 'by-ref'; name: string }
  /** A GNU empty aggregate (size 0): no Composite Type at all (§5.11 note: composites have members of nonzero size). */
  | { cls: 'empty'; name: string };

/** Stage A: NGRN, NSRN and NSAA (bytes above SP). NPRN is for scalable predicates, never generated. */
interface State {
  ngrn: number;
  nsrn: number;
  nsaa: number;
}

const roundUp = (n: number, a: number): number => Math.ceil(n / a) * a;
const x = (n: number): string => `x${n}`;
const v = (n: number): string => `v${n}`;

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
    case 'bitint':
      return bitIntName(t);
    default:
      return t.kind;
  }
}

/**
 * §5.1 Table 1 / §10.1.1 Table 3: the Floating-Point machine type of a float format. "__bf16 | half
 * precision | Using Brain floating-point format", and §5.10.5: "the different half-precision
 * floating point formats share a single Fundamental Data Type, so the format does not form part
 * of the test for homogeneity" (struct { _Float16 a; __bf16 b; } is an HFA of two halves).
 */
const FP_NAMES: Record<string, string> = { binary16: 'half', bfloat16: 'half', binary32: 'single', binary64: 'double', binary128: 'quad' };

/** HFA/HVA Base Types (§5.10.5.1, §5.10.5.2): floating-point types and 8- or 16-byte short vectors. */
function baseType(t: CType, dm: DataModel): BaseType | null {
  if (t.kind === 'scalar') {
    const info = dm.scalars[t.name];
    const name = info?.float ? FP_NAMES[info.float] : undefined;
    return name && info ? { name, size: info.size } : null;
  }
  if (t.kind === 'vector' && (t.bytes === 8 || t.bytes === 16)) return { name: `vector${t.bytes * 8}`, size: t.bytes };
  return null;
}

/** Stage B, first matching rule (B.1, B.2: no Pure Scalable or dynamically sized types in C). */
function stageB(t: CType, dm: DataModel, opts: AbiOptions, role: 'argument' | 'result'): Machine | string {
  const name = describe(t);
  switch (t.kind) {
    case 'scalar': {
      const info = dm.scalars[t.name];
      if (!info) return `${t.name} does not exist on aarch64`;
      if (info.float) {
        const fp = FP_NAMES[info.float];
        if (!fp) return `${t.name} (${info.float}) is no AAPCS64 floating-point type`;
        return { cls: 'fp', size: info.size, name };
      }
      return { cls: 'integral', size: info.size, align: info.align, name };
    }
    case 'enum': // §10.1.3: an int or unsigned int container; "If the set of values [...] cannot be
      // represented using either int or unsigned int [...] a long long or unsigned long long container"
      return enumWidth(t) === 8 ? { cls: 'integral', size: 8, align: 8, name: 'enum' } : { cls: 'integral', size: 4, align: 4, name: 'enum' };
    case 'pointer':
    case 'fnptr':
      return { cls: 'integral', size: dm.pointer.size, align: dm.pointer.align, name };
    case 'bitint': {
      // §10.1 Table 3: "_BitInt(N <= 128) | Smallest of the signed Fundamental Integral Data Types
      // where byte-size*8 >= N" ("Non-significant bits within the Machine Type are unspecified");
      // "_BitInt(N > 128) | Mapped as if unsigned __int128[M] array where M*128 >= N": a composite.
      const { size, align } = layoutOf(t, dm);
      return t.bits <= 128 ? { cls: 'integral', size, align, name } : composite(t, dm, name, null);
    }
    case 'vector':
      if (t.bytes === 8 || t.bytes === 16) return { cls: 'fp', size: t.bytes, name: `${t.bytes}-byte short vector` };
      if (!opts.dialects.has(D.gnuVectors.id)) return `a ${t.bytes}-byte GCC vector is no AAPCS64 short vector (8 or 16 bytes, §5.5)`;
      if (role === 'argument' && t.bytes === 4 && dm.scalars[t.elem]?.float && opts.dialects.has(D.gccFloatVector4.id))
        return { cls: 'composite', size: 4, align: 8, name, memory: D.gccFloatVector4.id };
      return composite(t, dm, name, null);
    case 'array':
      return 'an array is never an argument in C';
    default: {
      // struct, union, _Complex (§10.1.1 Table 3: laid out as struct { T re; T im; }).
      const bf16NotHfa = opts.dialects.has(D.gccBf16NotHfa.id);
      const ha = homogeneousAggregate(t, dm, {
        baseType: (b, m) => (bf16NotHfa && b.kind === 'scalar' && b.name === '__bf16' ? null : baseType(b, m)),
        maxMembers: 4,
        zeroLengthArray: zeroLengthArray(opts),
        zeroWidthBitFieldInUnion: opts.dialects.has(D.gccZeroWidthInUnion.id) ? 'disqualify' : 'vanish',
      });
      return composite(t, dm, name, ha);
    }
  }
}

function zeroLengthArray(opts: AbiOptions): HomogeneousRules['zeroLengthArray'] {
  if (opts.dialects.has(D.gccZeroLengthArray.id)) return 'disqualify-unless-sole-complex-or-vector';
  if (opts.dialects.has(D.clangZeroLengthArray.id)) return 'disqualify-unless-in-empty-member';
  return 'vanish';
}

function composite(t: CType, dm: DataModel, name: string, ha: Homogeneous | null): Machine {
  const { size } = layoutOf(t, dm);
  const natural = naturalAlignment(t, dm);
  // B.3: an HFA or HVA is used unmodified.
  if (ha) return { cls: 'ha', ha, size, align: natural, name: `${kindOfHa(ha)} of ${ha.members} ${ha.base.name}` };
  if (size === 0) return { cls: 'empty', name };
  // B.4: larger than 16 bytes: replaced by a pointer to a caller copy.
  if (size > 16) return { cls: 'by-ref', name };
  // B.5: size rounded up to a multiple of 8 (applied where NSAA advances). B.6: the copy is
  // 8-aligned if the natural alignment is <= 8, 16-aligned if it is >= 16.
  return { cls: 'composite', size, align: natural >= 16 ? 16 : 8, name };
}

const kindOfHa = (ha: Homogeneous): string => (ha.base.name.startsWith('vector') ? 'HVA' : 'HFA');

/** Stage C for one argument, rules applied in turn until it is allocated. */
function stageC(m: Machine, s: State): ArgLocation {
  switch (m.cls) {
    case 'empty':
      return { kind: 'ignored', why: `§5.11: ${m.name} of size 0 has no members, nothing is passed` };
    case 'fp':
      // C.1: NSRN < 8: the least significant bits of v[NSRN].
      if (s.nsrn < 8) {
        const r = v(s.nsrn++);
        return { kind: 'regs', parts: [{ reg: r, from: 0, to: m.size }], why: `C.1: ${m.name} in ${r}` };
      }
      // C.4: a Quad or short vector aligns NSAA to 8 or 16 by its natural alignment (its size);
      // C.5: Half and Single take 8 bytes; C.6: copied to the adjusted NSAA.
      return stack(s, m.size, m.size >= 16 ? 16 : 8, Math.max(m.size, 8), `C.6: ${m.name} with NSRN = 8 on the stack`);
    case 'ha': {
      const n = m.ha.members;
      const bs = m.ha.base.size;
      // C.2: NSRN + members <= 8: one register per member.
      if (s.nsrn + n <= 8) {
        const parts: RegPart[] = [];
        for (let i = 0; i < n; i++) parts.push({ reg: v(s.nsrn + i), from: i * bs, to: (i + 1) * bs });
        s.nsrn += n;
        return { kind: 'regs', parts, why: `C.2: ${m.name}: ${parts[0]!.reg}-${parts[n - 1]!.reg}` };
      }
      // C.3: NSRN set to 8, size rounded up to a multiple of 8; C.4: NSAA to 8 or 16; C.6.
      s.nsrn = 8;
      return stack(s, m.size, m.align >= 16 ? 16 : 8, roundUp(m.size, 8), `C.3: ${m.name} does not fit v[NSRN]-v7: stack, NSRN = 8`);
    }
    case 'integral':
      return integral(m.size, m.align, m.name, s);
    case 'by-ref': {
      // B.4: the argument is now a pointer (C.9 or C.13-C.17).
      const pointer = integral(8, 8, 'pointer to the copy', s);
      return { kind: 'by-ref', copy: 'caller', pointer, why: `B.4: ${m.name} over 16 bytes: pointer to a caller copy` };
    }
    case 'composite': {
      // C.10: alignment 16: NGRN rounded up to even.
      if (m.align === 16) s.ngrn = roundUp(s.ngrn, 2);
      // C.12: size in double-words not more than 8 - NGRN: consecutive x registers, as if by LDR from memory.
      const dwords = Math.ceil(m.size / 8);
      if (dwords <= 8 - s.ngrn && !m.memory) {
        const parts: RegPart[] = [];
        for (let i = 0; i < dwords; i++) parts.push({ reg: x(s.ngrn + i), from: 8 * i, to: Math.min(8 * i + 8, m.size) });
        s.ngrn += dwords;
        const even = m.align === 16 ? ' (C.10: NGRN even)' : '';
        return { kind: 'regs', parts, why: `C.12: ${m.name} of ${m.size} bytes in ${parts.map((p) => p.reg).join(', ')}${even}` };
      }
      // C.13: NGRN = 8; C.14: NSAA to max(8, alignment); C.15: copied at NSAA (size rounded up to 8, B.5).
      s.ngrn = 8;
      const why = m.memory ? `${m.memory}: ${m.name} to the stack, NGRN = 8` : `C.15: ${m.name} does not fit x[NGRN]-x7: stack`;
      return stack(s, m.size, m.align, roundUp(m.size, 8), why);
    }
  }
}

/** C.9-C.11, C.13, C.14, C.16, C.17 for an Integral or Pointer Type. */
function integral(size: number, align: number, name: string, s: State): ArgLocation {
  // C.9: at most 8 bytes and NGRN < 8: the least significant bits of x[NGRN] (upper bits unspecified).
  if (size <= 8 && s.ngrn < 8) {
    const r = x(s.ngrn++);
    return { kind: 'regs', parts: [{ reg: r, from: 0, to: size }], why: `C.9: ${name} in ${r}` };
  }
  // C.10: alignment 16: NGRN rounded up to the next even number.
  if (align === 16) s.ngrn = roundUp(s.ngrn, 2);
  // C.11: 16 bytes and NGRN < 7: x[NGRN] (lower addressed double-word) and x[NGRN+1].
  if (size === 16 && s.ngrn < 7) {
    const parts = [{ reg: x(s.ngrn), from: 0, to: 8 }, { reg: x(s.ngrn + 1), from: 8, to: 16 }];
    s.ngrn += 2;
    return { kind: 'regs', parts, why: `C.11: ${name} in ${parts[0]!.reg}:${parts[1]!.reg} (C.10: NGRN even)` };
  }
  // C.13: NGRN = 8; C.14: NSAA to max(8, natural alignment); C.16: at least 8 bytes; C.17.
  s.ngrn = 8;
  return stack(s, size, Math.max(8, align), Math.max(size, 8), `C.17: ${name} with NGRN = 8 on the stack`);
}

/** Copies `size` value bytes to the NSAA rounded up to `align`, advancing NSAA by `slot`. */
function stack(s: State, size: number, align: number, slot: number, why: string): ArgLocation {
  const offset = roundUp(s.nsaa, align);
  s.nsaa = offset + slot;
  return { kind: 'stack', offset, size, why: `${why} at NSAA ${offset}` };
}

/**
 * §6.9: "If the type, T, of the result [...] is such that void func(T arg) would require that arg
 * be passed as a value in a register (or set of registers) [...] the result is returned in the same
 * registers". Otherwise memory the caller provides, its address in x8 (not handed back).
 */
function resultReturn(t: CType, dm: DataModel, opts: AbiOptions): ReturnLocation | string {
  const m = stageB(t, dm, opts, 'result');
  if (typeof m === 'string') return m;
  if (t.kind === 'vector' && t.bytes === 4 && opts.dialects.has(D.clangSmallVectorReturn.id)) return clangSmallVector(t, dm);
  const asArg = stageC(m, { ngrn: 0, nsrn: 0, nsaa: 0 });
  if (asArg.kind === 'regs') return { kind: 'regs', parts: asArg.parts, why: `6.9: as the argument of void func(T): ${asArg.why}` };
  if (asArg.kind === 'ignored') return { kind: 'ignored', why: asArg.why };
  return {
    kind: 'sret',
    pointer: { kind: 'regs', parts: [{ reg: 'x8', from: 0, to: 8 }], why: '6.9: the address of the result memory in x8' },
    returnedIn: null,
    why: `6.9: ${m.name} would not be passed in registers: returned in memory at x8`,
  };
}

/** Dialect clang-4-byte-vector-return-in-v0. */
function clangSmallVector(t: Extract<CType, { kind: 'vector' }>, dm: DataModel): ReturnLocation | string {
  const info = dm.scalars[t.elem];
  if (!info || (!info.float && info.size < 4)) return `clang widens each ${t.elem} lane of a returned 4-byte vector in v0: no byte range says where`;
  return { kind: 'regs', parts: [{ reg: 'v0', from: 0, to: 4 }], why: `${D.clangSmallVectorReturn.id}: 4-byte vector returned in v0` };
}

/** A compiler id ('gcc', 'aarch64-linux-gnu-gcc', 'clang-19', ...) to the dialects of its family. */
function compilerDialects(compiler: string, of: Record<'gcc' | 'clang', readonly string[]>): readonly string[] {
  if (/clang/.test(compiler)) return of.clang;
  if (/gcc/.test(compiler)) return of.gcc;
  return [];
}

/**
 * The TS 18661-3 types are Floating-Point types of their format (FP_NAMES): _Float32 single,
 * _Float64 and _Float32x double, _Float64x and _Float128 quad (long double's binary128), so
 * struct { _Float64 a; double b; } is an HFA of two doubles. Measured with aarch64-linux-gnu-gcc 12
 * (-S: s0, d0-d1, q0-q2); clang rejects them. There is no __float128 on aarch64.
 */
const FLOAT_TYPES: readonly Extension[] = ['_Float32', '_Float64', '_Float32x', '_Float64x', '_Float128'];

function planCall(sig: Signature, dm: DataModel, opts: AbiOptions): PlanResult {
  // Bit-fields travel in their composite's image whatever their declared type, an enum's too.
  const outside = untranscribed(sig, 'AAPCS64', ['wide enum', 'enum bit-field', '__bf16', '_BitInt', ...FLOAT_TYPES], opts.dialects);
  if (outside) return { ok: false, reason: outside };
  if (sig.convention) return { ok: false, reason: `no calling-convention attribute ${sig.convention} on AAPCS64` };
  const ret = sig.ret === 'void' ? ({ kind: 'void' } as const) : resultReturn(sig.ret, dm, opts);
  if (typeof ret === 'string') return { ok: false, reason: `return: ${ret}` };
  // Stage A: NGRN = 0, NSRN = 0, NSAA = SP. The result address travels in x8, outside NGRN.
  const s: State = { ngrn: 0, nsrn: 0, nsaa: 0 };
  const args: ArgLocation[] = [];
  // §6.8.1: named and anonymous (variadic) arguments follow the same rules (they differ only for
  // Pure Scalable Types); C's default promotions have already been applied to anonymous ones.
  const params = [...sig.params, ...(sig.variadic ?? [])];
  for (const [i, p] of params.entries()) {
    const m = stageB(p.type, dm, opts, 'argument');
    if (typeof m === 'string') return { ok: false, reason: `argument ${i}: ${m}` };
    args.push(stageC(m, s));
  }
  return { ok: true, plan: { args, ret, stackBytes: s.nsaa, calleePops: 0 } };
}

export const aapcs64: Abi = {
  id: 'aapcs64',
  title: 'Procedure Call Standard for the Arm 64-bit Architecture (AAPCS64), LP64',
  planCall,
  contract: {
    // §6.1.1: r19-r29 and SP are callee-saved, all 64 bits; §6.1.2: v8-v15, only the bottom 64 bits.
    calleeSaved: [
      ...Array.from({ length: 11 }, (_, i) => ({ name: `x${19 + i}`, bytes: 8 })),
      ...Array.from({ length: 8 }, (_, i) => ({ name: `d${8 + i}`, bytes: 8 })),
    ],
    // §6.4.5.2: SP mod 16 = 0 at a public interface.
    stackAlign: 16,
  },
  dialects: Object.values(AAPCS64_DIALECTS),
  dialectsOf: (compiler) => compilerDialects(compiler, AAPCS64_DIALECTS_OF),
};
