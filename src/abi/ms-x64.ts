// The Microsoft x64 calling convention: x86_64-windows, and functions declared `ms_abi` on
// x86_64-linux (the same rules over the LP64 data model: long is 8 bytes there). Transcribes
// MicrosoftDocs/cpp-docs docs/build/x64-calling-convention.md (read at commit a2e592a8, ms.date
// 03/19/2025), cited below as "x64 §<section>". Pure: model types in, CallPlan out.
//
// The text in three sentences: "There's a strict one-to-one correspondence between a function call's
// arguments and the registers used for those arguments" (argument N uses RCX/XMM0, RDX/XMM1,
// R8/XMM2, R9/XMM3 by position, or the Nth 8-byte stack slot after the 32-byte shadow store); "Any
// argument that doesn't fit in 8 bytes, or isn't 1, 2, 4, or 8 bytes, must be passed by reference";
// results that are not 1, 2, 4 or 8 bytes (nor floating point, nor __m128) come back through a
// hidden pointer passed as the first argument.
//
// GNU C types the text does not name are read as the text's nearest kind, and each reading is
// checked against gcc and clang (x86_64-w64-mingw32-gcc 12, clang-19 for x86_64-w64-mingw32 and
// x86_64-pc-windows-msvc, gcc 12 and clang-19 with ms_abi on x86_64-linux, all at -O2 -S): GCC
// vectors of 8 bytes or less are the __m64 kind, 16-byte ones the __m128 kind, wider ones vector
// types returned in the vector register of their width (MSVC returns __m256 in ymm0:
// shibatch/sleef#245), _Complex T is the aggregate struct { T re, im; } (C11 6.2.5p13: laid out as
// T[2]), _Float16 is a floating-point type, __int128 and the 16-byte x87 long double are values
// that do not fit in 8 bytes. Where a compiler departs from that reading it is a Dialect below.
import { hasScalar, scalarInfo, type DataModel } from '../model/data-model.js';
import { layoutOf } from '../model/layout.js';
import { hasFlexibleArray, type CType, type Signature } from '../model/types.js';
import type { Abi, AbiContract, AbiOptions, Dialect } from './abi.js';
import type { ArgLocation, PlanResult, RegPart, ReturnLocation } from './location.js';
import { extensionsOf, GNU_INTEGER_COMPLEX, untranscribed, type Extension } from './shared/untranscribed.js';

/** x64 §Parameter passing: "Integer valued arguments in the leftmost four positions [...] RCX, RDX, R8, and R9". */
export const INT_REGS = ['rcx', 'rdx', 'r8', 'r9'] as const;
/** "maintaining 8-byte alignment for each argument": one 8-byte stack slot per argument position. */
export const SLOT_BYTES = 8;
/** x64 §Calling convention defaults: "The caller must always allocate sufficient space to store four register parameters". */
export const HOME_BYTES = 32;

const dialect = (id: string, title: string, reference: string): Dialect => ({ id, title, reference });

/** Compilers' departures from the text, honoured when `opts.dialects` names them. */
export const MS_X64_DIALECTS = {
  gccFloat16InGpr: dialect(
    'gcc-float16-in-gpr',
    'gcc passes _Float16 in the integer register of its slot and returns it in ax; the text (and clang) put floating-point values in XMM registers and return them in xmm0',
    'GCC PR target/115054 (MinGW _Float16 and __float128 ABI); seen with x86_64-w64-mingw32-gcc 12 and gcc 12 ms_abi',
  ),
  int128ReturnXmm0: dialect(
    'int128-return-xmm0',
    '__int128 is returned in xmm0; the text returns what does not fit in 64 bits through the hidden pointer, as GCC does since e63a873f',
    'gcc commit e63a873f1df7493b8b657acafb451bf40166044e; llvm/llvm-project#210358; rust-lang/rust#134288; seen with mingw gcc 12, gcc 12 ms_abi and clang-19 (all targets)',
  ),
  clangX87ReturnSt0: dialect(
    'clang-x87-return-st0',
    'clang with ms_abi on x86_64-linux returns an x87 long double in st0 instead of through the hidden pointer (its mingw target uses the pointer, as the text and gcc do); no effect on x86_64-windows',
    'seen with clang-19 -O2 -S, __attribute__((ms_abi)) long double f(long double), x86_64-linux',
  ),
  gccEmptyStructReturnIgnored: dialect(
    'gcc-empty-struct-return-ignored',
    'gcc returns a GNU empty (size 0) struct or union in nothing, with no hidden pointer; the text (size is not 1, 2, 4 or 8) and clang pass the hidden pointer',
    'seen with x86_64-w64-mingw32-gcc 12 and gcc 12 ms_abi (clang-19 mingw and ms_abi: hidden pointer in rcx)',
  ),
  gccVarargsNamedFpXmmOnly: dialect(
    'gcc-varargs-named-fp-xmm-only',
    'in a call to a variadic function gcc duplicates floating-point values into the integer register only for the arguments matching `...`; the text ("any floating point values") and clang duplicate the named ones too',
    'seen with x86_64-w64-mingw32-gcc 12 and gcc 12 ms_abi: f(double, ...) gets its double in xmm0 only',
  ),
  gccWideVectorReturnMemory: dialect(
    'gcc-wide-vector-return-memory',
    'gcc returns vectors of 32 and 64 bytes through the hidden pointer, with or without AVX/AVX512F; MSVC and clang return them in ymm0/zmm0',
    'seen with x86_64-w64-mingw32-gcc 12 and gcc 12 ms_abi, -mavx512f included (its -Wpsabi note notwithstanding); MSVC: shibatch/sleef#245',
  ),
  gccFloatVector1ByRef: dialect(
    'gcc-float-vector1-by-ref',
    'gcc passes a one-element float or double vector (4 or 8 bytes) by reference, though it returns it in rax as the text says',
    'seen with x86_64-w64-mingw32-gcc 12 and gcc 12 ms_abi (BLKmode vector: no V1SF/V1DF mode on x86)',
  ),
  clangSmallVector: dialect(
    'clang-small-vector',
    'clang passes a GCC vector of 8 bytes or less with two or more elements by reference and returns it in xmm0, and a one-element float or double vector as that float (xmm slot, xmm0); the text treats them as __m64: an integer slot and rax',
    'seen with clang-19 (mingw, msvc and ms_abi targets): LLVM widens such vectors to 128 bits, which CC_X86_Win64_C passes indirectly',
  ),
  clangWideVectorSplit: dialect(
    'clang-wide-vector-split',
    'without the feature that makes a 32- or 64-byte vector one register (avx, avx512f), clang splits it into 16- or 32-byte parts: each argument part by reference in a slot of its own, the result in xmm0-xmm3 or ymm0-ymm1',
    'seen with clang-19 (mingw, msvc and ms_abi targets); clang -Wpsabi "AVX vector argument ... without \'avx\' enabled changes the ABI"',
  ),
  clangFloat128Xmm: dialect(
    'clang-float128-xmm',
    'clang returns __float128 in xmm0 (clang-13 to 22) and passes it by value in an XMM register (clang-13 to 19, LLVM\'s default fp128 lowering: the fifth argument in xmm4, taking no stack slot; clang-22 by reference, as the text and gcc do); not transcribed: the model cannot say for clang',
    'llvm/llvm-project#115052 and #128848 (pass fp128 indirectly on Windows), #204887 (return it on the stack, after LLVM 22); GCC PR target/115054; seen with clang-13..22 --target=x86_64-w64-mingw32 and clang-19 ms_abi -O2 -S; gcc 12 (mingw, ms_abi): by reference, returned through the hidden pointer',
  ),
  clangFlexibleArrayByRef: dialect(
    'clang-flexible-array-by-reference',
    'clang (and clang-cl) pass a struct with a flexible array member by reference and return it through the hidden pointer, whatever its size; the text sizes it like any struct (mingw gcc and gcc ms_abi: struct { int a; char t[]; } in ecx, back in eax)',
    'clang WinX86_64ABIInfo::classify (hasFlexibleArrayMember: indirect); clang 19 vs gcc 12 (ms_abi) and x86_64-w64-mingw32-gcc 12 -O2 -S',
  ),
  gnuIntegerComplex: dialect(
    GNU_INTEGER_COMPLEX,
    'GNU integer _Complex T (char to long long), which the text does not define, is passed and returned as struct { T re; T im; }: as an integer of its size when that is 1, 2, 4 or 8 bytes, otherwise by reference (returned through the hidden pointer)',
    'gcc 12 (mingw and ms_abi) and clang-19 agree (model-check with --weights int-complex=1)',
  ),
} as const;

const on = (opts: AbiOptions, d: Dialect): boolean => opts.dialects.has(d.id);

/** Callee-saved registers and stack alignment (x64 §Caller/callee saved registers, §Alignment). */
export const MS_X64_CONTRACT: AbiContract = {
  // "registers RBX, RBP, RDI, RSI, RSP, R12, R13, R14, R15, and XMM6-XMM15 nonvolatile" (RSP is the
  // stack pointer, checked on its own); "the upper portions of YMM0-YMM15 [...] are also volatile".
  calleeSaved: [
    ...['rbx', 'rbp', 'rdi', 'rsi', 'r12', 'r13', 'r14', 'r15'].map((name) => ({ name, bytes: 8 })),
    ...Array.from({ length: 10 }, (_, i) => ({ name: `xmm${i + 6}`, bytes: 16 })),
  ],
  // x64 §Alignment: "the stack pointer [...] 16-byte aligned"; at the call, before the return address.
  stackAlign: 16,
};

/** How the text passes one argument, before its position is known. */
export type Passing =
  /** In the integer register of its slot, or in its stack slot: bytes [0, size). */
  | { as: 'integer'; size: number; why: string }
  /** In the XMM register of its slot, or in its stack slot: bytes [0, size). */
  | { as: 'float'; size: number; why: string }
  /** A pointer to a caller-made copy, in the integer register of its slot or in its stack slot. */
  | { as: 'reference'; why: string }
  /** The model cannot say. */
  | { as: 'none'; reason: string };

const P = 'x64 §Parameter passing';
const R = 'x64 §Return values';

/** The vector-register width a GCC vector of `bytes` needs, and the ISA feature that provides it. */
export function vectorRegister(bytes: number): { prefix: 'xmm' | 'ymm' | 'zmm'; feature: string | null } {
  if (bytes <= 16) return { prefix: 'xmm', feature: null };
  return bytes <= 32 ? { prefix: 'ymm', feature: 'avx' } : { prefix: 'zmm', feature: 'avx512f' };
}

/** Whether the side has the registers for a vector of `bytes` (avx512f implies avx). */
export function hasVectorRegister(bytes: number, opts: AbiOptions): boolean {
  const { feature } = vectorRegister(bytes);
  return feature === null || opts.features.has(feature) || (feature === 'avx' && opts.features.has('avx512f'));
}

const isPow2Upto8 = (n: number): boolean => n === 1 || n === 2 || n === 4 || n === 8;

/** A one-element GCC vector: its element's float format, or 'integer'. */
export function singleElement(t: Extract<CType, { kind: 'vector' }>, dm: DataModel): 'float' | 'integer' | null {
  const e = scalarInfo(dm, t.elem);
  if (e.size !== t.bytes) return null;
  return e.float ? 'float' : 'integer';
}

/** x64 rules for one argument of type `t`. */
export function passArgument(t: CType, dm: DataModel, opts: AbiOptions): Passing {
  const size = layoutOf(t, dm).size;
  switch (t.kind) {
    case 'scalar':
      return passScalar(t, size, dm, opts);
    case 'enum':
    case 'pointer':
    case 'fnptr':
      return { as: 'integer', size, why: `${P}: integer or pointer in an integer slot` };
    case 'struct':
    case 'union':
    case 'complex':
      if (hasFlexibleArray(t) && on(opts, MS_X64_DIALECTS.clangFlexibleArrayByRef))
        return { as: 'reference', why: 'dialect clang-flexible-array-by-reference: a struct with a flexible array member by reference' };
      return passAggregate(t, size);
    case 'vector':
      return passVector(t, size, dm, opts);
    case 'array':
      return { as: 'none', reason: 'an array is not a parameter type' };
    case 'bitint':
      return { as: 'none', reason: '_BitInt: not transcribed in the Microsoft x64 model' };
    case 'atomic':
      return { as: 'none', reason: '_Atomic: not transcribed in the Microsoft x64 model yet' };
  }
}

function passScalar(t: Extract<CType, { kind: 'scalar' }>, size: number, dm: DataModel, opts: AbiOptions): Passing {
  const s = scalarInfo(dm, t.name);
  if (size > 8) return { as: 'reference', why: `${P}: ${t.name} is ${size} bytes, "any argument that doesn't fit in 8 bytes [...] must be passed by reference"` };
  if (!s.float) return { as: 'integer', size, why: `${P}: integer in an integer slot` };
  if (s.float === 'binary16' && on(opts, MS_X64_DIALECTS.gccFloat16InGpr))
    return { as: 'integer', size, why: 'dialect gcc-float16-in-gpr: _Float16 in the integer slot' };
  return { as: 'float', size, why: `${P}: "floating-point [...] arguments in the first four parameters are passed in XMM0 - XMM3"` };
}

function passAggregate(t: CType, size: number): Passing {
  const what = t.kind === 'complex' ? `_Complex ${t.base} (struct { re, im })` : t.kind;
  if (isPow2Upto8(size))
    return { as: 'integer', size, why: `${P}: ${what} of ${size} bytes, "passed as if they were integers of the same size"` };
  return { as: 'reference', why: `${P}: ${what} of ${size} bytes, "Structs or unions of other sizes are passed as a pointer to memory allocated by the caller"` };
}

function passVector(t: Extract<CType, { kind: 'vector' }>, size: number, dm: DataModel, opts: AbiOptions): Passing {
  if (size <= 8) {
    const single = singleElement(t, dm);
    if (on(opts, MS_X64_DIALECTS.clangSmallVector)) {
      if (single === 'float') return { as: 'float', size, why: 'dialect clang-small-vector: a one-element float vector as its float' };
      if (single === null) return { as: 'reference', why: 'dialect clang-small-vector: a short vector by reference' };
    }
    if (single === 'float' && on(opts, MS_X64_DIALECTS.gccFloatVector1ByRef))
      return { as: 'reference', why: 'dialect gcc-float-vector1-by-ref: a one-element float vector by reference' };
    if (isPow2Upto8(size))
      return { as: 'integer', size, why: `${P}: a ${size}-byte vector is of the __m64 kind, "passed as if they were integers of the same size"` };
  }
  if (size > 16 && !hasVectorRegister(size, opts) && on(opts, MS_X64_DIALECTS.clangWideVectorSplit))
    return { as: 'none', reason: `dialect clang-wide-vector-split: a ${size}-byte vector without ${vectorRegister(size).feature} takes several slots, one pointer per part (not expressible)` };
  return { as: 'reference', why: `${P}: a ${size}-byte vector, "__m128 types [...] are never passed by immediate value"; "doesn't fit in 8 bytes"` };
}

/** Where a result of type `t` comes back, the hidden pointer (RCX, returned in RAX) included. */
export function returnValue(t: CType, dm: DataModel, opts: AbiOptions): ReturnLocation | { kind: 'none'; reason: string } {
  const size = layoutOf(t, dm).size;
  switch (t.kind) {
    case 'scalar':
      return returnScalar(t, size, dm, opts);
    case 'enum':
    case 'pointer':
    case 'fnptr':
      return reg('rax', size, `${R}: "A scalar return value that can fit into 64 bits [...] is returned through RAX"`);
    case 'struct':
    case 'union':
    case 'complex': {
      if (hasFlexibleArray(t) && on(opts, MS_X64_DIALECTS.clangFlexibleArrayByRef))
        return hiddenPointer('dialect clang-flexible-array-by-reference: a struct with a flexible array member through the hidden pointer');
      if (isPow2Upto8(size)) return reg('rax', size, `${R}: ${size} bytes, "it must have a length of 1, 2, 4, 8, 16, 32, or 64 bits": RAX`);
      if (size === 0 && on(opts, MS_X64_DIALECTS.gccEmptyStructReturnIgnored))
        return { kind: 'ignored', why: 'dialect gcc-empty-struct-return-ignored: an empty struct comes back in nothing' };
      return hiddenPointer(`${R}: ${size} bytes is not 1, 2, 4 or 8, "the caller must allocate memory for the return value and pass a pointer to it as the first argument"`);
    }
    case 'vector':
      return returnVector(t, size, dm, opts);
    case 'array':
      return { kind: 'none', reason: 'an array is not a return type' };
    case 'bitint':
      return { kind: 'none', reason: '_BitInt: not transcribed in the Microsoft x64 model' };
    case 'atomic':
      return { kind: 'none', reason: '_Atomic: not transcribed in the Microsoft x64 model yet' };
  }
}

function returnScalar(t: Extract<CType, { kind: 'scalar' }>, size: number, dm: DataModel, opts: AbiOptions): ReturnLocation {
  const s = scalarInfo(dm, t.name);
  if (s.float === 'x87') {
    if (on(opts, MS_X64_DIALECTS.clangX87ReturnSt0) && dm.name !== 'LLP64')
      return reg('st0', s.valueBytes, 'dialect clang-x87-return-st0: long double in st0');
    return hiddenPointer(`x64 §Calling convention defaults: "The x87 register stack is unused"; ${size} bytes: through the hidden pointer`);
  }
  if (s.float && size <= 8) {
    if (s.float === 'binary16' && on(opts, MS_X64_DIALECTS.gccFloat16InGpr))
      return reg('rax', size, 'dialect gcc-float16-in-gpr: _Float16 in ax');
    return reg('xmm0', size, `${R}: "floats, doubles [...] are returned in XMM0"`);
  }
  if (size <= 8) return reg('rax', size, `${R}: "A scalar return value that can fit into 64 bits [...] is returned through RAX"`);
  if (!s.float && on(opts, MS_X64_DIALECTS.int128ReturnXmm0)) return reg('xmm0', size, 'dialect int128-return-xmm0: __int128 in xmm0');
  return hiddenPointer(`${R}: ${t.name} does not fit in 64 bits: through the hidden pointer`);
}

function returnVector(t: Extract<CType, { kind: 'vector' }>, size: number, dm: DataModel, opts: AbiOptions): ReturnLocation | { kind: 'none'; reason: string } {
  if (size <= 8) {
    if (on(opts, MS_X64_DIALECTS.clangSmallVector) && singleElement(t, dm) !== 'integer')
      return reg('xmm0', size, 'dialect clang-small-vector: a short vector in xmm0');
    return reg('rax', size, `${R}: a ${size}-byte vector is of the __m64 kind, "including the __m64 type, is returned through RAX"`);
  }
  if (size === 16) return reg('xmm0', size, `${R}: "vector types such as __m128 [...] are returned in XMM0"`);
  if (on(opts, MS_X64_DIALECTS.gccWideVectorReturnMemory))
    return hiddenPointer(`dialect gcc-wide-vector-return-memory: a ${size}-byte vector through the hidden pointer`);
  const { prefix, feature } = vectorRegister(size);
  if (hasVectorRegister(size, opts)) return reg(`${prefix}0`, size, `${R}: vector types are returned in the vector register, ${prefix}0 for ${size} bytes`);
  if (on(opts, MS_X64_DIALECTS.clangWideVectorSplit)) {
    const part = hasVectorRegister(32, opts) ? 32 : 16;
    const p = part === 32 ? 'ymm' : 'xmm';
    const parts = Array.from({ length: size / part }, (_, i) => ({ reg: `${p}${i}`, from: i * part, to: (i + 1) * part }));
    return { kind: 'regs', parts, why: `dialect clang-wide-vector-split: ${size / part} parts in ${p}0-${p}${size / part - 1}` };
  }
  return { kind: 'none', reason: `a ${size}-byte vector result needs ${prefix}0, which does not exist without ${feature}` };
}

export const reg = (name: string, size: number, why: string): ReturnLocation => ({ kind: 'regs', parts: [{ reg: name, from: 0, to: size }], why });

/** x64 §Return values: the pointer is "the first argument" (RCX) and "must be returned by the callee in RAX". */
export function hiddenPointer(why: string): ReturnLocation {
  return { kind: 'sret', pointer: slotLocation(0, 'slot 1: the hidden pointer in rcx'), returnedIn: 'rax', why };
}

/** A pointer-sized value in slot `pos`: its integer register, or its stack slot at `offset`. */
export function slotLocation(pos: number, why: string, offset = pos * SLOT_BYTES): ArgLocation {
  if (pos < INT_REGS.length) return { kind: 'regs', parts: [{ reg: INT_REGS[pos]!, from: 0, to: 8 }], why };
  return { kind: 'stack', offset, size: 8, why };
}

/**
 * Where a passing lands in slot `pos` (0-based, the hidden pointer counted), whose stack bytes are
 * at `offset` (x64: slot N at 8N). `duplicate`: x64 §Varargs, "both the integer register and the
 * floating-point register must contain the value".
 */
export function place(p: Exclude<Passing, { as: 'none' }>, pos: number, duplicate: boolean, offset = pos * SLOT_BYTES): ArgLocation {
  const slot = `slot ${pos + 1}`;
  if (p.as === 'reference') {
    const where = pos < INT_REGS.length ? INT_REGS[pos]! : `stack +${offset}`;
    return { kind: 'by-ref', copy: 'caller', pointer: slotLocation(pos, `${slot}: the pointer in ${where}`, offset), why: p.why };
  }
  if (pos >= INT_REGS.length)
    return { kind: 'stack', offset, size: p.size, why: `${p.why}; ${slot}: "Any parameters beyond the first four must be stored on the stack"` };
  const gpr: RegPart = { reg: INT_REGS[pos]!, from: 0, to: p.size };
  if (p.as === 'integer') return { kind: 'regs', parts: [gpr], why: `${p.why}; ${slot}: ${gpr.reg}` };
  const xmm: RegPart = { reg: `xmm${pos}`, from: 0, to: p.size };
  if (!duplicate) return { kind: 'regs', parts: [xmm], why: `${p.why}; ${slot}: ${xmm.reg}` };
  return { kind: 'regs', parts: [xmm, gpr], why: `${p.why}; ${slot}: ${xmm.reg}, and ${gpr.reg} too (x64 §Varargs: "both the integer register and the floating-point register must contain the value")` };
}

/** The first scalar of `t` the data model lacks (layout would not know its size), or null. */
export function missingScalar(t: CType, dm: DataModel): string | null {
  switch (t.kind) {
    case 'scalar':
      return hasScalar(dm, t.name) ? null : t.name;
    case 'vector':
      return hasScalar(dm, t.elem) ? null : t.elem;
    case 'complex':
      return hasScalar(dm, t.base) ? null : t.base;
    case 'array':
      return missingScalar(t.elem, dm);
    case 'struct':
    case 'union':
      for (const f of t.fields) {
        const m = missingScalar(f.type, dm);
        if (m) return m;
      }
      return null;
    default:
      return null;
  }
}

/** Every argument type, fixed then variadic, and a reason to refuse the signature if one applies. */
export function argumentTypes(sig: Signature, dm: DataModel): { types: CType[]; refuse: string | null } {
  const types = [...sig.params, ...(sig.variadic ?? [])].map((p) => p.type);
  for (const t of sig.ret === 'void' ? types : [sig.ret, ...types]) {
    const m = missingScalar(t, dm);
    if (m) return { types, refuse: `${m} does not exist in the ${dm.name} data model` };
  }
  return { types, refuse: null };
}

/** The conventions this module transcribes: the default one, or ms_abi spelled out. */
const isMsX64 = (convention: string | undefined): boolean => !convention || convention === 'ms_abi';

/**
 * Extensions planned from the text: an 8-byte wide enum is an integer of its size; a bit-field
 * travels in its aggregate, sized as a whole; _Float32, _Float64 and _Float32x are float and double
 * ("floating-point" values); _Float64x is mingw's x87 long double (16 bytes: by reference, through
 * the hidden pointer); __float128 and _Float128 are 16-byte scalars: "any argument that doesn't fit
 * in 8 bytes [...] must be passed by reference", returned through the hidden pointer as what "does
 * not fit in 64 bits" (gcc 12 mingw and ms_abi, measured with -S). clang: dialect clang-float128-xmm.
 */
const COVERS: readonly Extension[] = ['wide enum', 'enum bit-field', '_Float32', '_Float64', '_Float32x', '_Float64x', '__float128', '_Float128'];

export function planMsX64(sig: Signature, dm: DataModel, opts: AbiOptions): PlanResult {
  // An 8-byte wide enum is an integer of its size; a bit-field travels in its aggregate, sized as a
  // whole; a struct with a flexible array member is a struct of its size (the text has no word on it).
  const outside = untranscribed(sig, 'Microsoft x64', [...COVERS, 'flexible array member'], opts.dialects);
  if (outside) return { ok: false, reason: outside };
  if (on(opts, MS_X64_DIALECTS.clangFloat128Xmm) && [...extensionsOf(sig)].some((e) => e === '__float128' || e === '_Float128'))
    return { ok: false, reason: `__float128: dialect ${MS_X64_DIALECTS.clangFloat128Xmm.id} (clang passes and returns it in XMM registers), not transcribed` };
  if (!isMsX64(sig.convention)) {
    const other = sig.convention === 'vectorcall' ? 'the ms-vectorcall module' : sig.convention === 'sysv_abi' ? 'the SysV AMD64 module' : 'no module here';
    return { ok: false, reason: `convention ${sig.convention} is not Microsoft x64 (${other} answers for it)` };
  }
  const { types, refuse } = argumentTypes(sig, dm);
  if (refuse) return { ok: false, reason: refuse };
  const ret = sig.ret === 'void' ? ({ kind: 'void' } as const) : returnValue(sig.ret, dm, opts);
  if (ret.kind === 'none') return { ok: false, reason: ret.reason };
  // x64 §Return values: "The remaining arguments are then shifted one argument to the right."
  const shift = ret.kind === 'sret' ? 1 : 0;
  const variadic = sig.variadic !== null;
  const args: ArgLocation[] = [];
  for (const [i, t] of types.entries()) {
    const p = passArgument(t, dm, opts);
    if (p.as === 'none') return { ok: false, reason: `argument ${i}: ${p.reason}` };
    // x64 §Calling convention defaults: "For vararg [...] functions, any floating point values must
    // be duplicated in the corresponding general-purpose register".
    const named = i < sig.params.length;
    const duplicate = variadic && !(named && on(opts, MS_X64_DIALECTS.gccVarargsNamedFpXmmOnly));
    args.push(place(p, i + shift, duplicate));
  }
  const stackBytes = Math.max(HOME_BYTES, (types.length + shift) * SLOT_BYTES);
  return { ok: true, plan: { args, ret, stackBytes, calleePops: 0, homeBytes: HOME_BYTES } };
}

/** The dialects each compiler family speaks: gcc its own and the __int128 return; clang (and clang-cl) likewise. */
export function msX64DialectsOf(compiler: string): string[] {
  const ids = Object.values(MS_X64_DIALECTS).map((d) => d.id);
  const family = /clang/.test(compiler) ? 'clang-' : /gcc/.test(compiler) ? 'gcc-' : null;
  if (!family) return [];
  return [MS_X64_DIALECTS.int128ReturnXmm0.id, MS_X64_DIALECTS.gnuIntegerComplex.id, ...ids.filter((id) => id.startsWith(family))];
}

export const msX64: Abi = {
  id: 'ms-x64',
  title: 'Microsoft x64 calling convention (MicrosoftDocs/cpp-docs docs/build/x64-calling-convention.md)',
  planCall: planMsX64,
  contract: MS_X64_CONTRACT,
  dialects: Object.values(MS_X64_DIALECTS),
  dialectsOf: msX64DialectsOf,
};
