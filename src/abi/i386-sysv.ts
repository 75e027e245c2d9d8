// The System V Intel386 psABI (i686-linux) and the x86-32 calling-convention attributes gcc and
// clang accept on it: cdecl (the psABI), stdcall, fastcall, regparm(1..3), thiscall, and gcc's
// sseregparm (clang does not know it). Pure: model types in, CallPlan out.
//
// Texts, cited below by these names:
// - "psABI": System V ABI Intel386 Architecture Processor Supplement 1.2, hjl-tools/x86-psABI
//   branch x86/master (commit fda8f686), low-level-sys-info.tex: §2.2.2 The Stack Frame, §2.2.3
//   Parameter Passing and Returning Values (Table 2.1 Scalar Types, Table "Return Value
//   Locations"), §2.2.4 Variable Argument Lists. _Float16, added later to the i386 psABI
//   (gitlab x86-psABIs/i386-ABI), is "passed on the stack and returned in xmm0" (as quoted in
//   gcc-patches, msg397087, 2026).
// - "GCC manual": x86 Function Attributes (cdecl, stdcall, fastcall, regparm, thiscall,
//   sseregparm). For regparm and fastcall it says only
//   "arguments [...] of integral type"; what that means is GCC's, config/i386/i386.cc
//   (function_arg_32, function_arg_advance_32, ix86_function_arg_boundary, ix86_return_in_memory,
//   function_value_32, ix86_return_pops_args), read through the machine modes of
//   ./i386-sysv/gcc-modes.ts. Where the psABI is silent (attributes, GNU vector types it does not
//   name, ISA features switched off) this module follows GCC's reading; clang's departures from
//   it are the dialects below, each checked against clang-19 --target=i686-linux-gnu.
//
// Every rule was checked with i686-linux-gnu-gcc 12 and clang-19 (-O2, with and without
// -mmmx/-msse/-msse2) on callers and callees run under qemu-i386.
import { hasScalar, scalarInfo, type DataModel } from '../model/data-model.js';
import { layoutOf } from '../model/layout.js';
import { isAggregate, type CType, type Signature } from '../model/types.js';
import type { Abi, AbiContract, AbiOptions, Dialect } from './abi.js';
import type { ArgLocation, Extension, PlanResult, RegPart, ReturnLocation } from './location.js';
import { canExpand, isFloatClass, isMmxType, thiscallStart, vectorPieces } from './i386-sysv/clang.js';
import {
  isaOf, isIntegerClass, isMmxClass, isSseClass, naturalMode, typeMode, type Isa, type Mode,
} from './i386-sysv/gcc-modes.js';
import { extensionsOf, untranscribed, type Extension as UntranscribedExtension } from './shared/untranscribed.js';

const dialect = (id: string, title: string, reference: string): Dialect => ({ id, title, reference });

/** clang-19's departures from the reading above, honoured when `opts.dialects` names them. */
export const I386_DIALECTS = {
  clangFastcallLongLong: dialect(
    'clang-fastcall-long-long',
    'fastcall: a long long (or other non-integer argument) does not use up ecx/edx, so later 4-byte integers still get them (the MSVC rule: "the first two DWORD or smaller arguments"); gcc lets it use up the two words it would need',
    'llvm/llvm-project#57737 (clang 16, for MSVC) and #109987 (labelled diverges-from:gcc); seen with clang-19: fastcall (long long, int, int) takes the ints in ecx, edx, pops 8',
  ),
  clangFastcallSretStack: dialect(
    'clang-fastcall-sret-stack',
    'fastcall: the hidden return pointer is passed on the stack and does not take ecx (gcc passes it in ecx)',
    'llvm/llvm-project#97939 (clang 19, for MSVC) and #112519; seen with clang-19: fastcall S f(int, S) reads the pointer at 4(%esp), the int in ecx, pops 16',
  ),
  clangInregClasses: dialect(
    'clang-inreg-classes',
    'regparm/fastcall: which arguments count against eax/edx/ecx follows clang (X86_32ABIInfo::classify: only float and double, alone or as a single-element record, stay out; long double, _Float16, _Complex and single-member records of them do count; vectors never do) instead of GCC machine modes',
    'clang/lib/CodeGen/Targets/X86.cpp updateFreeRegs, shouldPrimitiveUseInReg, shouldAggregateUseDirect; seen with clang-19 vs gcc 12 on regparm(3) f(union {float}, int) and f(long double, int)',
  ),
  clangFastcallByvalRegister: dialect(
    'clang-fastcall-byval-register',
    'fastcall: a record of at most 4 bytes that clang cannot pass as its members (chars, shorts, bit-fields, unions) uses up ecx in clang\'s count but no register is passed for it, so the next 4-byte integer lands in ecx, where gcc puts it in edx',
    'X86.cpp classifyArgumentType: the NeedsPadding register is only inserted on the getExpandWithPadding path, not for byval; seen with clang-19: fastcall f(struct {char c;}, int) reads the int from ecx',
  ),
  clangRegparmExtend: dialect(
    'clang-regparm-extend',
    'regparm: clang marks char, short and _Bool register arguments signext/zeroext and its callees rely on the caller having extended them to 32 bits (the psABI leaves the upper bits unspecified; gcc callees re-extend)',
    'X86.cpp classifyArgumentType getExtendInReg; seen with clang-19: regparm(3) int f(short a, unsigned char b) is `addl %edx, %eax`',
  ),
  clangVectors: dialect(
    'clang-vectors',
    'GNU vectors follow LLVM type legalization instead of the psABI __m64/__m128 rules: 8-byte integer vectors are passed as an i64 on the stack (never mm0-2), other vectors are widened or split into legal SSE/AVX types (xmm0-2, then 16/32/64-aligned stack slots) or scalarized into 4-byte slots; returns likewise in xmm0-3 / ymm0-3, eax/edx/ecx, st0/st1, or through a hidden pointer on the stack the callee pops when the pieces do not fit',
    'X86.cpp classifyArgumentType (IsX86_MMXType: getDirect(i64)) and classifyReturnType (getDirect for vectors); llvm/lib/Target/X86/X86CallingConv.td CC_X86_32_Common, CC_X86_32_Vector_Standard, RetCC_X86Common; seen with clang-19 -mno-sse/-msse/-msse2',
  ),
  clangByvalAlign4: dialect(
    'clang-byval-align4',
    'an aggregate passed on the stack is only 4-aligned even when it contains a 16/32/64-byte vector (GCC and the psABI align it as its most aligned member)',
    'X86.cpp getTypeStackAlignInBytes: "On non-Darwin, the stack type alignment is always 4"; seen with clang-19: f(int, struct {v4si v;}) reads the struct at 4(%esp)',
  ),
  clangFloat128Align4: dialect(
    'clang-float128-align4',
    'a __float128 argument goes on the stack only 4-aligned; the psABI (Table 2.1: alignment 16), gcc and clang from LLVM 21 on pad it to a 16-byte boundary',
    'llvm/llvm-project#77401, fixed by #138092 (LLVM 21, backported in #150746); seen with clang-16 and clang-19 -O2 -S: f(int, __float128) reads it at 8(%esp) after the return address, clang-22 and gcc 12 at 20(%esp)',
  ),
  clangThiscallFirstI32: dialect(
    'clang-thiscall-first-i32',
    "thiscall: ecx takes the first 32-bit integer value of clang's cdecl lowering (LLVM CC_X86_32_ThisCall_Common), so the low half of a long long or of an 8-byte integer vector goes in ecx and its high half on the stack, a record clang expands takes ecx for its first integer member, a record it passes byval (and a _Complex) goes as a pointer in ecx to the caller's copy, and char, short and _Bool in ecx are extended by the caller; gcc passes only a non-aggregate of at most 4 bytes in ecx and lets any other integer-class argument use it up",
    'llvm/lib/Target/X86/X86CallingConv.td CC_X86_32_ThisCall_Common and CC_X86_32_ThisCall_Win (CCPromoteToType<i32>); seen with clang-19 and clang-22 vs i686-linux-gnu-gcc 12: thiscall f(long long a, int b) reads a in ecx and 4(%esp), b at 8(%esp), pops 8; f(struct {char c;}, int) reads the char through ecx',
  ),
  clangThiscallSretStack: dialect(
    'clang-thiscall-sret-stack',
    'thiscall: the hidden return pointer is passed on the stack (first) and popped by the callee with the other stack arguments, and does not take ecx (gcc passes it in ecx)',
    'llvm/lib/Target/X86/X86CallingConv.td CC_X86_32_ThisCall_Win: CCIfSRet<CCAssignToStack<4, 4>> (the MSVC rule); seen with clang-19 and clang-22: thiscall S3 f(int a, int b) reads the pointer at 4(%esp), a in ecx, pops 8',
  ),
} as const;

const D = I386_DIALECTS;

type Convention =
  | { kind: 'cdecl' } | { kind: 'stdcall' } | { kind: 'fastcall' } | { kind: 'regparm'; n: number } | { kind: 'thiscall' } | { kind: 'sseregparm' };

function parseConvention(c: string | undefined): Convention | null {
  if (c === undefined || c === '' || c === 'cdecl') return { kind: 'cdecl' };
  if (c === 'stdcall' || c === 'fastcall' || c === 'thiscall' || c === 'sseregparm') return { kind: c };
  const m = /^regparm\(([123])\)$/.exec(c);
  return m ? { kind: 'regparm', n: Number(m[1]) } : null;
}

interface Ctx {
  dm: DataModel;
  isa: Isa;
  has(d: Dialect): boolean;
  cc: Convention;
  /** psABI §2.2.4: "all parameters are passed on the stack" when the function takes `...` (GCC manual: "If the number of arguments is variable all arguments are pushed on the stack"). */
  variadic: boolean;
}

/** Argument registers still to hand out, GCC's cum->nregs / regno (clang: FreeRegs, and the backend's next register). */
interface State {
  gprs: readonly string[];
  free: number;
  next: number;
  mmx: number;
  sse: number;
  offset: number;
}

const REGPARM_GPRS = ['eax', 'edx', 'ecx'] as const;
const FASTCALL_GPRS = ['ecx', 'edx'] as const;
/** GCC manual, thiscall: "pass the first argument (if of integral type) in the register ECX". */
const THISCALL_GPRS = ['ecx'] as const;

/**
 * GCC reads thiscall as fastcall with one register (i386.cc init_cumulative_args: nregs = 1 and
 * the fastcall flag): which arguments take ecx or use it up is fastcall's rule, so f(double, int)
 * has the int in ecx and f(struct {int}, int) both on the stack (measured with gcc 12).
 */
const fastcallLike = (cc: Convention): boolean => cc.kind === 'fastcall' || cc.kind === 'thiscall';
const VREGS = 3; // psABI §2.2.3: "The first three parameters of type __m64 [__m128] are passed in %mm0-2 [%xmm0-2]"

type Fail = { fail: string };
const isFail = (x: unknown): x is Fail => typeof x === 'object' && x !== null && 'fail' in x;
const roundUp = (n: number, a: number): number => Math.ceil(n / a) * a;
const reg = (r: string, from: number, to: number): RegPart => ({ reg: r, from, to });
/** psABI 2.2.1: "%xmmN, %ymmN and %zmmN refer to the same register"; named by the width used. */
const vregPrefix = (bytes: number): string => (bytes === 64 ? 'zmm' : bytes === 32 ? 'ymm' : 'xmm');

/** Bytes [0, size) in consecutive registers of 4 bytes. */
function wordParts(regs: readonly string[], size: number, extend?: Extension): RegPart[] {
  return regs.map((reg, i) => ({ reg, from: 4 * i, to: Math.min(4 * i + 4, size), ...(extend ? { extend } : {}) }));
}

function onStack(st: State, size: number, align: number, why: string): ArgLocation {
  st.offset = roundUp(st.offset, align);
  const loc: ArgLocation = { kind: 'stack', offset: st.offset, size, why };
  st.offset += roundUp(size, 4); // psABI §2.2.3: padding "to increase the size of each parameter" to fourbytes
  return loc;
}

/** The type's features: _Float16 exists only with SSE2 (gcc and clang reject it otherwise). */
function unsupportedType(t: CType, ctx: Ctx): string | null {
  switch (t.kind) {
    case 'scalar':
    case 'vector': {
      const name = t.kind === 'scalar' ? t.name : t.elem;
      if (!hasScalar(ctx.dm, name)) return `${name} does not exist on i386`;
      return name === '_Float16' && !ctx.isa.sse2 ? '_Float16 needs SSE2 on i386 (gcc and clang reject it without -msse2)' : null;
    }
    case 'pointer':
      return unsupportedType(t.to, ctx);
    case 'array':
      return unsupportedType(t.elem, ctx);
    case 'struct':
    case 'union':
      for (const f of t.fields) {
        const r = unsupportedType(f.type, ctx);
        if (r) return r;
      }
      return null;
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Stack alignment of an argument.

/** ix86_contains_aligned_value_p: a type of 16-byte alignment or more, or an aggregate holding one (not through aligned(N) alone). */
function containsAligned(t: CType, ctx: Ctx): boolean {
  const m = typeMode(t, ctx.dm, ctx.isa);
  if (m.kind === 'float' && m.bytes === 12) return false; // XFmode
  if (m.kind === 'complex' && m.bytes === 24) return false; // XCmode
  if (layoutOf(t, ctx.dm).align < 16) return false;
  if (t.kind === 'array') return containsAligned(t.elem, ctx);
  if (isAggregate(t)) return t.fields.some((f) => f.bits === undefined && containsAligned(f.type, ctx));
  return true;
}

/**
 * psABI §2.2.3: "Padding may be needed to increase the size of each parameter to enforce alignment
 * according to the values in Table 2.1", with "__m64 [...] treated as having an alignment of four";
 * __m128, __m256, __m512 (and what contains them) keep 16, 32, 64. GCC's ix86_function_arg_boundary:
 * 4 unless the type's alignment is 16 or more *and* it contains such a type.
 */
function argAlign(t: CType, ctx: Ctx): number {
  if (isAggregate(t) && ctx.has(D.clangByvalAlign4)) return 4;
  if (t.kind === 'scalar' && isBinary128(t.name) && ctx.has(D.clangFloat128Align4)) return 4;
  const align = layoutOf(t, ctx.dm).align;
  return align >= 16 && containsAligned(t, ctx) ? align : 4;
}

// ---------------------------------------------------------------------------------------------
// Integer registers (regparm, fastcall).

interface GprUse {
  /** Fourbytes counted against the free registers. */
  words: number;
  /** Passed in them when they are free; otherwise they are only used up. */
  place: boolean;
  /**
   * When used up without being passed, how far the next register moves: GCC by the words (regno
   * += words); clang not at all, or by one for fastcall's inreg padding word ('padding').
   */
  skip: 'words' | 'padding' | 'none';
  extend?: Extension;
  /** clang: an inreg _Float16 goes in the next of xmm0-2 (CC_X86_32_Common: inreg floating point "if SSE2 is available"). */
  xmm?: true;
}

/**
 * GCC function_arg_32: QImode..DImode and BLKmode arguments (integers, enums, pointers, and the
 * aggregates and vectors GCC gives such modes) take eax, edx, ecx under regparm(N) while they fit
 * and use them up when they do not; fastcall takes ecx, edx only for non-aggregates of at most
 * SImode ("Fastcall allocates the first two DWORD (SImode) or smaller arguments to ECX and EDX if
 * it isn't an aggregate type"), yet every integer-class argument uses up its words.
 */
function gccGprUse(t: CType, mode: Mode, ctx: Ctx): GprUse | null {
  if (!isIntegerClass(mode)) return null;
  const words = Math.ceil(layoutOf(t, ctx.dm).size / 4);
  if (!fastcallLike(ctx.cc)) return { words, place: true, skip: 'words' };
  const small = mode.kind === 'int' && mode.bytes <= 4;
  if (!small && !isAggregate(t) && ctx.cc.kind === 'fastcall' && ctx.has(D.clangFastcallLongLong)) return null;
  return { words, place: small && !isAggregate(t), skip: byvalTakesNoRegister(t, ctx) ? 'none' : 'words' };
}

/**
 * clang fastcall: a record of at most 4 bytes counts one register, which only an inreg padding
 * word before it really takes, and that word exists only when clang passes the record as its
 * members (canExpandIndirectArgument), not byval.
 */
function byvalTakesNoRegister(t: CType, ctx: Ctx): boolean {
  return isAggregate(t) && ctx.cc.kind === 'fastcall' && ctx.has(D.clangFastcallByvalRegister) && layoutOf(t, ctx.dm).size <= 4 && !canExpand(t, ctx.dm);
}

const EXTEND: Partial<Record<string, Extension['kind']>> = {
  char: 'sign', 'signed char': 'sign', short: 'sign', 'unsigned char': 'zero', 'unsigned short': 'zero', _Bool: 'zero',
};

/**
 * clang X86_32ABIInfo: updateFreeRegs with its own Float/Integer classes (vectors take no part).
 * Records and _Complex go DirectInReg under regparm and only count under fastcall
 * (shouldAggregateUseDirect); among scalars fastcall counts only integers of at most 4 bytes
 * (shouldPrimitiveUseInReg); an inreg long double or _Float16 has no register in CC_X86_32_C, so
 * it counts and still goes on the stack.
 */
function clangGprUse(t: CType, ctx: Ctx): GprUse | null {
  if (t.kind === 'vector' || isFloatClass(t, ctx.dm)) return null;
  const size = layoutOf(t, ctx.dm).size;
  const words = Math.ceil(size / 4);
  const fastcall = ctx.cc.kind === 'fastcall';
  if (isAggregate(t) || t.kind === 'complex') {
    if (!fastcall) return { words, place: true, skip: 'none' };
    const padding = size <= 4 && isAggregate(t) && !byvalTakesNoRegister(t, ctx);
    return { words, place: false, skip: padding ? 'padding' : 'none' };
  }
  const integral = t.kind !== 'scalar' || scalarInfo(ctx.dm, t.name).float === undefined;
  if (fastcall && !(integral && size <= 4)) return null;
  if (t.kind === 'scalar' && t.name === '_Float16') return { words, place: false, skip: 'none', xmm: true };
  const ext = t.kind === 'scalar' && ctx.cc.kind === 'regparm' && ctx.has(D.clangRegparmExtend) ? EXTEND[t.name] : undefined;
  return { words, place: integral, skip: 'none', ...(ext ? { extend: { kind: ext, toBytes: 4 } } : {}) };
}

/** Hands out integer registers (or clang's xmm register for an inreg _Float16); null when the argument stays on the stack. */
function takeGprs(use: GprUse, st: State, size: number, ctx: Ctx): RegPart[] | null {
  if (use.words > st.free) {
    st.free = 0;
    return null;
  }
  st.free -= use.words;
  if (use.xmm) return !ctx.variadic && st.sse < VREGS ? [reg(`xmm${st.sse++}`, 0, size)] : null;
  if (use.place) {
    const regs = st.gprs.slice(st.next, st.next + use.words);
    st.next += use.words;
    return wordParts(regs, size, use.extend);
  }
  if (use.skip === 'words') st.next += use.words;
  else if (use.skip === 'padding' && st.free > 0) st.next += 1; // X86.cpp: NeedsPadding "if ... State.FreeRegs"
  return null;
}

// ---------------------------------------------------------------------------------------------
// Arguments.

function planArg(t: CType, st: State, ctx: Ctx): ArgLocation | Fail {
  const bad = unsupportedType(t, ctx);
  if (bad) return { fail: bad };
  const size = layoutOf(t, ctx.dm).size;
  if (isAggregate(t) && size === 0)
    return { kind: 'ignored', why: 'a GNU empty struct/union (size 0) has no bytes to pass (clang: isEmptyRecord, Ignore)' };
  const clangThiscall = ctx.cc.kind === 'thiscall' && ctx.has(D.clangThiscallFirstI32);
  if (clangThiscall && st.free > 0) {
    const loc = clangThiscallArg(t, st, ctx);
    if (loc) return loc;
  }
  if (t.kind === 'vector' && ctx.has(D.clangVectors)) return clangVectorArg(t, st, ctx);
  const mode = naturalMode(t, ctx.dm, ctx.isa);
  const gpr = clangThiscall ? null : ctx.has(D.clangInregClasses) && ctx.cc.kind !== 'thiscall' ? clangGprUse(t, ctx) : gccGprUse(t, mode, ctx);
  if (gpr && st.gprs.length > 0) {
    const parts = takeGprs(gpr, st, size, ctx);
    if (parts?.[0]?.reg.startsWith('xmm')) return { kind: 'regs', parts, why: 'clang regparm: a _Float16 counted against the registers goes inreg, in the next of xmm0-2 (CC_X86_32_Common)' };
    if (parts) return { kind: 'regs', parts, why: `${GPR_RULE[ctx.cc.kind] ?? `regparm(${st.gprs.length}): eax, edx, ecx take integral arguments in order`} (GCC manual; i386.cc function_arg_32)` };
  }
  const vec = !isAggregate(t) && !ctx.variadic;
  // GCC function_arg_32: with sseregparm, SFmode and DFmode non-aggregates take the next of the
  // same xmm0-2 the __m128 arguments use (cum->float_in_sse, 2 with the attribute and any SSE).
  if (vec && ctx.cc.kind === 'sseregparm' && mode.kind === 'float' && (mode.bytes === 4 || mode.bytes === 8) && st.sse < VREGS)
    return { kind: 'regs', parts: [reg(`xmm${st.sse++}`, 0, size)], why: 'GCC manual, sseregparm: "pass up to 3 floating-point arguments in SSE registers instead of on the stack" (float and double, not in aggregates; xmm0-2 shared with __m128 arguments)' };
  if (vec && isMmxClass(mode) && ctx.isa.mmx && st.mmx < VREGS)
    return { kind: 'regs', parts: [{ reg: `mm${st.mmx++}`, from: 0, to: size }], why: 'psABI 2.2.3: the first three __m64 parameters are passed in %mm0-2' };
  if (vec && isSseClass(mode) && ctx.isa.sse && st.sse < VREGS) {
    return { kind: 'regs', parts: [reg(`${vregPrefix(size)}${st.sse++}`, 0, size)], why: 'psABI 2.2.3: the first three __m128 (__m256, __m512) parameters are passed in %xmm0-2 (%ymm, %zmm)' };
  }
  const align = argAlign(t, ctx);
  return onStack(st, size, align, `psABI 2.2.3: on the stack in fourbyte slots${align > 4 ? `, ${align}-aligned as its type` : ''}`);
}

const GPR_RULE: Partial<Record<Convention['kind'], string>> = {
  fastcall: 'fastcall: ecx, edx take integral arguments in order',
  thiscall: 'thiscall: ecx takes the first integral argument',
};

/**
 * Dialect clang-thiscall-first-i32, while ecx is free: the argument's first 32-bit integer value
 * takes it (./i386-sysv/clang.ts thiscallStart); null when the argument has none, so it goes where
 * cdecl puts it and ecx stays free.
 */
function clangThiscallArg(t: CType, st: State, ctx: Ctx): ArgLocation | Fail | null {
  const start = thiscallStart(t, ctx.dm, ctx.isa);
  if (start === 'none') return null;
  if (start === 'unknown') return { fail: 'clang thiscall: the first 32-bit integer value of this argument is not its first bytes (a record led by a float member, a vector scalarized into integers), which a location cannot express' };
  const size = layoutOf(t, ctx.dm).size;
  st.free = 0;
  st.next = 1;
  const why = 'dialect clang-thiscall-first-i32: ecx takes the first 32-bit integer value of the lowered arguments (CC_X86_32_ThisCall_Common)';
  if (start === 'byval') return { kind: 'by-ref', copy: 'caller', pointer: { kind: 'regs', parts: [reg('ecx', 0, 4)], why }, why: `${why}: clang passes this argument byval, and the byval pointer is that value` };
  if (start === 'whole') {
    const ext = t.kind === 'scalar' ? EXTEND[t.name] : undefined;
    return { kind: 'regs', parts: [{ reg: 'ecx', from: 0, to: size, ...(ext ? { extend: { kind: ext, toBytes: 4 } } : {}) }], why: `${why}${ext ? '; promoted to i32 by the caller (CC_X86_32_ThisCall_Win CCPromoteToType)' : ''}` };
  }
  st.offset = roundUp(st.offset, 4);
  const stackOffset = st.offset;
  st.offset += roundUp(size - 4, 4);
  return { kind: 'split', parts: [reg('ecx', 0, 4)], stackOffset, why: `${why}: its low 4 bytes in ecx, the rest in the next stack slots` };
}

/** Places a clang vector piece by piece: xmm/ymm/zmm 0-2 (not for `...`), then 16/32/64-aligned stack slots, or 4-byte-aligned scalar slots. */
function clangVectorArg(t: Extract<CType, { kind: 'vector' }>, st: State, ctx: Ctx): ArgLocation | Fail {
  if (isMmxType(t)) return onStack(st, t.bytes, 4, 'clang: an 8-byte integer vector is passed as an i64 (X86.cpp IsX86_MMXType), on the stack');
  const pieces = vectorPieces(t, ctx.dm, ctx.isa);
  if (pieces.some((p) => p.kind === 'scalar' && p.bytes < 4))
    return { fail: 'clang scalarizes this vector into one 4-byte stack slot per 1- or 2-byte element, which a location cannot express' };
  const parts: RegPart[] = [];
  let from = 0;
  let stackOffset = -1;
  for (const p of pieces) {
    if (p.kind === 'vec' && !ctx.variadic && st.sse < VREGS && stackOffset < 0) {
      parts.push(reg(`${vregPrefix(p.regBytes)}${st.sse++}`, from, from + p.bytes));
    } else {
      const slot = p.kind === 'vec' ? p.regBytes : p.bytes;
      st.offset = roundUp(st.offset, p.kind === 'vec' ? p.regBytes : 4);
      if (stackOffset < 0) stackOffset = st.offset;
      st.offset += slot; // pieces of one vector are alike, so their slots are contiguous
    }
    from += p.bytes;
  }
  const why = `clang: the vector as LLVM legalizes it (${pieces.length} piece${pieces.length > 1 ? 's' : ''}), CC_X86_32_Vector_Standard`;
  if (stackOffset < 0) return { kind: 'regs', parts, why };
  if (parts.length === 0) return { kind: 'stack', offset: stackOffset, size: t.bytes, why };
  return { kind: 'split', parts, stackOffset, why };
}

// ---------------------------------------------------------------------------------------------
// Return values.

type RetPlan = { loc: ReturnLocation; sret: false } | { sret: true; why: string; demoted?: boolean } | Fail;

/** psABI 2.2.3 "Returning Values" (Table "Return Value Locations") and GCC ix86_return_in_memory / function_value_32. */
function planReturn(t: CType | 'void', ctx: Ctx): RetPlan {
  if (t === 'void') return { loc: { kind: 'void' }, sret: false };
  const bad = unsupportedType(t, ctx);
  if (bad) return { fail: bad };
  const size = layoutOf(t, ctx.dm).size;
  const inRegs = (parts: RegPart[], why: string): RetPlan => ({ loc: { kind: 'regs', parts, why }, sret: false });
  switch (t.kind) {
    case 'struct':
    case 'union':
      return { sret: true, why: 'psABI 2.2.3: "Aggregate types (structs and unions) are always returned in memory"' };
    case 'complex':
      if (t.base === 'float') return inRegs([reg('eax', 0, 4), reg('edx', 4, 8)], 'psABI 2.2.3: _Complex float in %edx:%eax, the real part in %eax');
      return { sret: true, why: `psABI 2.2.3: _Complex ${t.base} is returned in memory` };
    case 'vector':
      return ctx.has(D.clangVectors) ? clangVectorReturn(t, ctx) : gccVectorReturn(t, ctx);
    case 'scalar': {
      const s = scalarInfo(ctx.dm, t.name);
      if (t.name === '_Float16') return inRegs([reg('xmm0', 0, 2)], 'i386 psABI: _Float16 is returned in %xmm0');
      if (ctx.cc.kind === 'sseregparm' && (t.name === 'float' || t.name === 'double'))
        return inRegs([reg('xmm0', 0, s.valueBytes)], `GCC function_value_32: with sseregparm a ${t.name} is returned in %xmm0`);
      if (s.float === 'binary128') return { sret: true, why: `${t.name} is returned in memory (gcc 12 and clang-16..22 alike, measured)` };
      if (s.float) return inRegs([reg('st0', 0, s.valueBytes)], `psABI 2.2.3: ${t.name} is returned in %st0 (its ${s.valueBytes} value bytes)`);
      if (size === 8) return inRegs([reg('eax', 0, 4), reg('edx', 4, 8)], 'psABI 2.2.3: long long in %edx:%eax, the low 32 bits in %eax');
      return inRegs([reg('eax', 0, size)], 'psABI 2.2.3: integral values in %eax (upper bits undefined)');
    }
    default:
      return inRegs([reg('eax', 0, size)], 'psABI 2.2.3: integral and pointer values in %eax');
  }
}

/**
 * psABI 2.2.3: __m64 in %mm0, __m128 in %xmm0, __m256 in %ymm0, __m512 in %zmm0. GCC
 * (ix86_return_in_memory): an 8/16/32/64-byte vector without MMX/SSE/AVX/AVX512F is returned in
 * memory; smaller ones and those GCC gives an integer mode in %eax (%edx:%eax); BLKmode ones in memory.
 */
function gccVectorReturn(t: Extract<CType, { kind: 'vector' }>, ctx: Ctx): RetPlan {
  const m = naturalMode(t, ctx.dm, ctx.isa);
  const size = t.bytes;
  if (m.kind === 'blk') return { sret: true, why: 'GCC: a vector without a register mode (BLKmode) is returned in memory' };
  if (m.kind === 'vector' && size >= 8) {
    const isa = ctx.isa;
    const has = size === 8 ? isa.mmx : size === 16 ? isa.sse : size === 32 ? isa.avx : isa.avx512f;
    const r = size === 8 ? 'mm0' : size === 16 ? 'xmm0' : size === 32 ? 'ymm0' : 'zmm0';
    if (!has) return { sret: true, why: `GCC: without the ISA for ${r}, a ${size}-byte vector is returned in memory ("changes the ABI")` };
    return { loc: { kind: 'regs', parts: [reg(r, 0, size)], why: `psABI 2.2.3: a ${size}-byte vector (__m${size * 8}) in %${r}` }, sret: false };
  }
  const parts = size > 4 ? [reg('eax', 0, 4), reg('edx', 4, size)] : [reg('eax', 0, size)];
  return { loc: { kind: 'regs', parts, why: 'GCC function_value_32: a vector of integer mode in %eax (%edx:%eax)' }, sret: false };
}

/** clang: the legalized pieces in RetCC_X86Common / RetCC_X86_32_C registers, else a demoted hidden pointer. */
function clangVectorReturn(t: Extract<CType, { kind: 'vector' }>, ctx: Ctx): RetPlan {
  const pieces = vectorPieces(t, ctx.dm, ctx.isa);
  const parts: RegPart[] = [];
  const lists: Record<string, string[]> = { int: ['eax', 'edx', 'ecx'], fp: ['st0', 'st1'], vec: ['0', '1', '2', '3'] };
  const used: Record<string, number> = { int: 0, fp: 0, vec: 0 };
  let from = 0;
  const take = (list: string, bytes: number, name: (r: string) => string): boolean => {
    const r = lists[list]![used[list]!++];
    if (r === undefined) return false;
    parts.push(reg(name(r), from, from + bytes));
    from += bytes;
    return true;
  };
  for (const p of pieces) {
    let ok: boolean;
    if (p.kind === 'vec') ok = take('vec', p.bytes, (n) => `${vregPrefix(p.regBytes)}${n}`);
    else if (p.elem === 'SF' || p.elem === 'DF') ok = take('fp', p.bytes, (r) => r);
    else if (p.bytes === 8) ok = take('int', 4, (r) => r) && take('int', 4, (r) => r);
    else ok = take('int', p.bytes, (r) => r);
    if (!ok) return { sret: true, demoted: true, why: 'clang: the legalized pieces do not fit the return registers, so LLVM returns through a hidden pointer on the stack' };
  }
  return { loc: { kind: 'regs', parts, why: 'clang: a vector is returned as LLVM legalizes it (RetCC_X86Common)' }, sret: false };
}

// ---------------------------------------------------------------------------------------------
// The call.

/**
 * _Float32 is float (SFmode), _Float64 and _Float32x double (DFmode), _Float64x long double (XFmode,
 * 12 bytes): gcc 12 -m32 passes and returns them alike (measured with -S); clang rejects them.
 * __float128 (and gcc's _Float128) is 16/16 in Table 2.1, so on the stack it is padded to a 16-byte
 * boundary (§2.2.3, argAlign: TFmode contains an aligned value); it is returned in memory through the
 * hidden pointer (gcc 12, clang-16..22: `ret $4`, measured). Under regparm and fastcall the model
 * cannot say (not measured).
 */
const FLOAT_TYPES: readonly UntranscribedExtension[] = ['_Float32', '_Float64', '_Float32x', '_Float64x', '__float128', '_Float128'];
const isBinary128 = (e: string): boolean => e === '__float128' || e === '_Float128';

/** clang-N with N < 21 (clang-float128-align4 was fixed in LLVM 21); an unversioned clang counts as new. */
const clangBefore21 = (compiler: string): boolean => Number(/clang(?:-cl)?-(\d+)/.exec(compiler)?.[1] ?? 99) < 21;

function planCall(sig: Signature, dm: DataModel, opts: AbiOptions): PlanResult {
  const outside = untranscribed(sig, 'i386 SysV', FLOAT_TYPES);
  if (outside) return { ok: false, reason: outside };
  const cc = parseConvention(sig.convention);
  if (!cc) return { ok: false, reason: `i386-sysv has no calling convention ${sig.convention}` };
  if ((cc.kind === 'regparm' || cc.kind === 'fastcall') && [...extensionsOf(sig)].some(isBinary128))
    return { ok: false, reason: `__float128 under ${sig.convention}: not transcribed in the i386 SysV model yet` };
  const variadic = sig.variadic !== null;
  const ctx: Ctx = { dm, isa: isaOf(opts.features), has: (d) => opts.dialects.has(d.id), cc, variadic };
  if (cc.kind === 'sseregparm') {
    // GCC: "calling 'f' with attribute sseregparm without SSE/SSE2 enabled" is an error.
    if (!ctx.isa.sse) return { ok: false, reason: 'sseregparm needs SSE (gcc rejects it without)' };
    if (variadic) return { ok: false, reason: 'sseregparm on a variadic function is not transcribed (the GCC manual: its floating-point arguments stay on the stack; not measured)' };
  }
  const gprs = variadic ? [] : cc.kind === 'regparm' ? REGPARM_GPRS.slice(0, cc.n) : cc.kind === 'fastcall' ? FASTCALL_GPRS : cc.kind === 'thiscall' ? THISCALL_GPRS : [];
  const st: State = { gprs, free: gprs.length, next: 0, mmx: 0, sse: 0, offset: 0 };

  const r = planReturn(sig.ret, ctx);
  if (isFail(r)) return { ok: false, reason: r.fail };
  let ret: ReturnLocation;
  let pointerOnStack = false;
  if (r.sret) {
    // psABI 2.2.3 "Returning Values in Memory": the pointer is "an implicit first argument" and
    // comes back in %eax. regparm takes it in eax; fastcall in ecx (GCC), or on the stack.
    let pointer: ArgLocation;
    const viaReg = !r.demoted && st.gprs.length > 0 && !(cc.kind === 'fastcall' && ctx.has(D.clangFastcallSretStack)) && !(cc.kind === 'thiscall' && ctx.has(D.clangThiscallSretStack));
    if (viaReg) {
      pointer = { kind: 'regs', parts: [reg(st.gprs[0]!, 0, 4)], why: 'GCC: the hidden pointer is the first integral argument' };
      st.free -= 1;
      st.next = 1;
    } else {
      pointer = onStack(st, 4, 4, 'psABI 2.2.3: the hidden pointer is an implicit first argument on the stack');
      pointerOnStack = true;
    }
    ret = { kind: 'sret', pointer, returnedIn: 'eax', why: r.why };
  } else {
    ret = r.loc;
  }

  const args: ArgLocation[] = [];
  for (const p of [...sig.params, ...(sig.variadic ?? [])]) {
    const a = planArg(p.type, st, ctx);
    if (isFail(a)) return { ok: false, reason: a.fail };
    args.push(a);
  }
  return { ok: true, plan: { args, ret, stackBytes: st.offset, calleePops: calleePops(cc, ctx, st.offset, pointerOnStack) } };
}

/**
 * GCC ix86_return_pops_args (the GCC manual: stdcall/fastcall "the called function pops the
 * arguments off the stack", unless it takes a variable number of them); otherwise psABI 2.2.3:
 * "the called function is responsible for popping the implicit pointer argument off the stack".
 * GCC pops that pointer only when the function type has no register arguments
 * (ix86_function_regparm is 0), which a variadic regparm(N) or fastcall function still has by its
 * attribute although it takes the pointer on the stack: gcc and clang-19 pop nothing there (clang
 * pops it for fastcall, whose pointer it never marks inreg).
 */
function calleePops(cc: Convention, ctx: Ctx, stackBytes: number, pointerOnStack: boolean): number {
  if ((cc.kind === 'stdcall' || fastcallLike(cc)) && !ctx.variadic) return stackBytes;
  if (!pointerOnStack) return 0;
  if (ctx.variadic && (cc.kind === 'regparm' || cc.kind === 'thiscall')) return 0;
  if (ctx.variadic && cc.kind === 'fastcall') return ctx.has(D.clangFastcallSretStack) ? 4 : 0;
  return 4;
}

/**
 * psABI Table "Register Usage": %ebx, %ebp, %esi, %edi are callee-saved ("Preserved across
 * function calls: Yes"). psABI 2.2.2: "The end of the input argument area shall be aligned on a
 * 16 (32 or 64, if __m256 or __m512 is passed on stack) byte boundary" (the original SysV i386 ABI
 * of 1997 said 4; gcc's -mpreferred-stack-boundary=4 default and clang follow 16).
 */
const contract: AbiContract = {
  calleeSaved: ['ebx', 'esi', 'edi', 'ebp'].map((name) => ({ name, bytes: 4 })),
  stackAlign: 16,
  calleePops: true,
};

export const i386Sysv: Abi = {
  id: 'i386-sysv',
  title: 'System V Intel386 psABI 1.2, with the GCC cdecl/stdcall/fastcall/regparm/thiscall/sseregparm attributes',
  planCall,
  contract,
  dialects: Object.values(I386_DIALECTS),
  // Every departure above was seen with clang (13 to 22 agree on them); gcc is the reading itself.
  dialectsOf: (compiler) => (/clang/.test(compiler) ? Object.values(I386_DIALECTS).map((d) => d.id).filter((id) => id !== I386_DIALECTS.clangFloat128Align4.id || clangBefore21(compiler)) : []),
};
