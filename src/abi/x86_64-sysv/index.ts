// The SysV AMD64 psABI (x86_64-linux, and sysv_abi functions on x86_64-windows): where every
// argument and the return value of a call live. AMD64 psABI 1.0 §3.2.3 (classification in
// ./classify.ts, registers and stack in ./assign.ts), §3.2.2 (stack frame), §3.5.7 (%al).
// Pure: no I/O.
import type { Abi, AbiOptions, Dialect } from '../abi.js';
import type { ArgLocation, CallPlan, PlanResult } from '../location.js';
import type { DataModel } from '../../model/data-model.js';
import type { Signature } from '../../model/types.js';
import { placeArg, placeReturn, type CallState, type PlaceOptions } from './assign.js';
import { missingScalar } from './classify.js';
import { GNU_INTEGER_COMPLEX, untranscribed, type Extension } from '../shared/untranscribed.js';

/** Each checked against gcc 12.2 and clang 19.1 -O2 -S output (see test/unit/abi/x86_64-sysv.test.ts). */
export const DIALECTS: readonly Dialect[] = [
  {
    id: 'clang-int128-one-gpr',
    title: 'An __int128 argument that finds only r9 free goes on the stack and r9 is taken as well: no later INTEGER eightbyte uses it (LLVM 18-19).',
    reference: 'llvm/llvm-project#123935, fixed in LLVM 20 by PR #124134; before LLVM 18 the halves were split (#41784)',
  },
  {
    id: 'clang-small-int-extend',
    title: 'char, short and _Bool arguments in a register are sign- or zero-extended to 32 bits: clang callees rely on it (gcc and clang callers both do it); the psABI leaves those bits unspecified. clang does the same with _BitInt(N) for N < 32, from bit N (the unused bits of its container included).',
    reference: 'hjl-tools/x86-psABI#2; clang marks them signext/zeroext; _BitInt measured with clang 16, 19 and 22 -O2: a callee returns (unsigned long long)a & 1 of an unsigned _BitInt(1) as movl %edi, %eax, and a model caller leaving bits 29-31 of an unsigned _BitInt(29) poisoned gets them back',
  },
  {
    id: 'gcc-union-zero-width-bitfield',
    title: "GCC classifies a union's unnamed zero-width bit-field member by its declared type: INTEGER in the union's first eightbyte (union { int :0; float f; } goes in a GPR); the psABI ignores it.",
    reference: 'GCC 12 ignores zero-width bit-fields in structs only (PR target/102024, -Wpsabi "zero-width bit-fields has changed in GCC 12.1"); x86-64-ABI commit 1aa4398d',
  },
  {
    id: 'gcc-unaligned-leaves-only',
    title: "GCC's unaligned-field test (rule 1) looks only at scalar, vector and complex leaves, and in an array only at its first element: a member struct whose own aligned(N) is not met, or an aligned empty struct, does not make the argument MEMORY.",
    reference: 'gcc 12 vs clang 19 on packed structs holding an aligned(8) struct { int }',
  },
  {
    id: 'gcc-zero-length-array-element',
    title: 'GCC classifies a zero-length array T x[0] at an offset that is not a multiple of 8 as one T there, in that eightbyte: struct { float a; int z[0]; } goes in a GPR; the psABI (and clang) give it no class.',
    reference: 'gcc 12 vs clang 19 -O2 -S',
  },
  {
    id: 'clang-wide-struct-one-member',
    title: 'clang passes a struct larger than 16 bytes in a vector register only if each of its members is as large as the struct: struct { __m256 v; char z[0]; } is MEMORY.',
    reference: 'clang X86_64ABIInfo::classify: "only case a 256-bit or a 512-bit wide vector could be used is when the struct contains a single 256-bit or 512-bit element"',
  },
  {
    id: 'clang-wide-union-array-ignored',
    title: 'clang classifies an array wider than 16 bytes with other than one element as NO_CLASS: union { __m256 v; float f[8]; } goes in ymm0, not MEMORY.',
    reference: 'clang X86_64ABIInfo::classify (array case resets the class before its size check)',
  },
  {
    id: 'clang-wide-two-eightbytes',
    title: 'For an aggregate over 16 bytes clang applies rule 5(c) to the first eightbyte and the merge of all later ones, so NO_CLASS eightbytes after an SSEUP pass: union { __m128 v; } aligned(32) goes whole in ymm0 (in zmm0 up to 64 bytes with AVX-512F); gcc and the psABI: MEMORY.',
    reference: 'clang X86_64ABIInfo::postMerge works on (Lo, Hi); clang 19 -O2 -S -emit-llvm shows <4 x double> / <6 x double> arguments',
  },
  {
    id: 'vector4-integer',
    title: 'A 4-byte vector of integers (vector_size(4) char, short, int) is INTEGER; the psABI has no 4-byte vector (gcc and clang).',
    reference: 'gcc 12 and clang 19 agree; clang: "gcc passes the following as integer: 4 bytes - <4 x char>, <2 x short>, <1 x int>"',
  },
  {
    id: 'gcc-vector4-float',
    title: 'GCC passes vector_size(4) float in MEMORY (arguments, returns, inside aggregates) and vector_size(4) _Float16 as SSE.',
    reference: 'gcc 12 -O2 -S',
  },
  {
    id: 'clang-vector4-float-integer',
    title: 'clang passes vector_size(4) float and _Float16 as INTEGER.',
    reference: 'clang 19 -O2 -S; clang X86_64ABIInfo::classify',
  },
  {
    id: 'v1df-memory',
    title: 'vector_size(8) double (one element) is MEMORY, where the psABI makes an 8-byte vector SSE like __m64 (gcc and clang).',
    reference: 'clang X86_64ABIInfo::classify: "gcc passes <1 x double> in memory"',
  },
  {
    id: 'clang-memory-vector-return-direct',
    title: 'clang returns a vector the classification puts in MEMORY in registers: vector_size(8) double in xmm0, a 32/64-byte vector without the AVX level it needs cut into xmm0-xmm3 (or ymm0-ymm1 with AVX); gcc returns those in memory.',
    reference: 'clang X86_64ABIInfo::getIndirectReturnResult (non-aggregates are left to LLVM); gcc -Wpsabi "AVX vector return without AVX enabled changes the ABI"',
  },
  {
    id: 'clang-variadic-wide-vectors-stack',
    title: 'In a call to a variadic function, LLVM passes every argument clang classified for ymm/zmm (named __m256/__m512, structs of one) on the stack; the psABI puts only the unnamed ones there.',
    reference: 'LLVM X86CallingConv.td: YMM/ZMM argument registers only CCIfNotVarArg; psABI 3.5.7 puts only the unnamed ones on the stack',
  },
  {
    id: 'clang-win64-x87-return-memory',
    title: 'On x86_64-windows, LLVM returns long double, struct { long double } and _Complex long double of sysv_abi functions in memory (address in rdi, back in rax), not in st0/st1.',
    reference: 'clang 19 --target=x86_64-w64-mingw32 -O2 -S (mingw gcc 12 uses st0/st1)',
  },
  {
    id: 'gcc-flexible-array-ignored',
    title: 'GCC classifies a struct ending in a flexible array member T x[] as if the member were not there: struct { double a, b; double t[]; } goes in xmm0, xmm1. The psABI says nothing of flexible arrays.',
    reference: 'gcc 12 i386.cc classify_argument ("Flexible array member is ignored"); gcc 12 vs clang 19 -O2 -S',
  },
  {
    id: 'clang-flexible-array-memory',
    title: 'clang classifies a struct with a flexible array member as MEMORY, argument or return: struct { int a; char t[]; } goes on the stack (gcc: in edi).',
    reference: 'clang X86_64ABIInfo::classify: "Assume variable sized types are passed in memory" (hasFlexibleArrayMember); clang 19 -O2 -S',
  },
  {
    id: GNU_INTEGER_COMPLEX,
    title: 'GNU integer _Complex T (char to long long), which the psABI does not define, is classified as struct { T real; T imag; } (the text\'s rule for complex float types), so INTEGER.',
    reference: 'gcc 12 and clang 19 agree (model-check with --weights int-complex=1)',
  },
];

/** The dialects each compiler speaks (clang-win64-x87-return-memory only bites on LLP64). */
export const DIALECTS_OF: Readonly<Record<'gcc' | 'clang-19', readonly string[]>> = {
  gcc: [
    'gcc-union-zero-width-bitfield', 'gcc-unaligned-leaves-only', 'gcc-zero-length-array-element', 'vector4-integer',
    'gcc-vector4-float', 'v1df-memory', GNU_INTEGER_COMPLEX, 'gcc-flexible-array-ignored',
  ],
  'clang-19': [
    'clang-int128-one-gpr', 'clang-small-int-extend', 'clang-wide-struct-one-member', 'clang-wide-union-array-ignored',
    'clang-wide-two-eightbytes',
    'vector4-integer', 'clang-vector4-float-integer', 'v1df-memory', 'clang-memory-vector-return-direct',
    'clang-variadic-wide-vectors-stack', 'clang-win64-x87-return-memory', GNU_INTEGER_COMPLEX, 'clang-flexible-array-memory',
  ],
};

function unsupportedReason(sig: Signature, dm: DataModel): string | null {
  if (sig.convention !== undefined && sig.convention !== '' && sig.convention !== 'sysv_abi')
    return `convention ${sig.convention} is not the SysV AMD64 one`;
  if (dm.pointer.size !== 8) return `the ${dm.name} data model is not a 64-bit one`;
  const all = [...(sig.ret === 'void' ? [] : [sig.ret]), ...sig.params.map((p) => p.type), ...(sig.variadic ?? []).map((p) => p.type)];
  for (const t of all) {
    const m = missingScalar(t, dm);
    if (m) return `${m} does not exist in the ${dm.name} data model`;
  }
  return null;
}

/**
 * Extensions this module plans: a wide enum is INTEGER like its underlying long (§3.2.3 classifies
 * by the type's size); a bit-field is INTEGER whatever its declared type, an enum's too; "_Float16,
 * __bf16, float, double, _Decimal32, _Decimal64 and __m64 are in class SSE"; _Float32, _Float64,
 * _Float32x like float and double; __float128 and _Float128 SSE + SSEUP; _Float64x as long double.
 */
const COVERS: readonly Extension[] = [
  'wide enum', 'enum bit-field', '__bf16', '_BitInt', '_Float32', '_Float64', '_Float32x', '_Float64x', '__float128', '_Float128',
];

function planCall(sig: Signature, dm: DataModel, opts: AbiOptions): PlanResult {
  // A flexible array member: only as one of the two compilers' dialects says (the text has none).
  const fam = opts.dialects.has('gcc-flexible-array-ignored') || opts.dialects.has('clang-flexible-array-memory');
  const outside = untranscribed(sig, 'SysV AMD64', fam ? [...COVERS, 'flexible array member'] : COVERS, opts.dialects);
  if (outside) return { ok: false, reason: outside };
  const bad = unsupportedReason(sig, dm);
  if (bad) return { ok: false, reason: bad };
  const avx512f = opts.features.has('avx512f');
  const o: PlaceOptions = {
    dm,
    avx: avx512f || opts.features.has('avx'),
    avx512f,
    dialect: (id) => opts.dialects.has(id),
    variadicCall: sig.variadic !== null,
  };
  const st: CallState = { used: { gpr: 0, sse: 0 }, budget: { gpr: 0, sse: 0 }, stack: 0 };
  // The return is classified first: MEMORY takes %rdi as a hidden first argument.
  const ret = placeReturn(sig.ret, st, o);
  if (!ret.ok) return { ok: false, reason: `return: ${ret.reason}` };
  const args: ArgLocation[] = [];
  const all = [...sig.params.map((p) => ({ p, named: true })), ...(sig.variadic ?? []).map((p) => ({ p, named: false }))];
  for (const [i, { p, named }] of all.entries()) {
    const r = placeArg(p.type, named, st, o);
    if (!r.ok) return { ok: false, reason: `argument ${i}: ${r.reason}` };
    args.push(r.loc);
  }
  const plan: CallPlan = { args, ret: ret.loc, stackBytes: st.stack, calleePops: 0 };
  // §3.2.3: "%al is used as hidden argument to specify the number of vector registers used".
  if (sig.variadic !== null) plan.al = st.used.sse;
  return { ok: true, plan };
}

export const x86_64Sysv: Abi = {
  id: 'x86_64-sysv',
  title: 'System V AMD64 psABI 1.0 (x86-64)',
  planCall,
  contract: {
    // §3.2.1: "Registers %rbp, %rbx and %r12 through %r15 belong to the calling function".
    calleeSaved: ['rbx', 'rbp', 'r12', 'r13', 'r14', 'r15'].map((name) => ({ name, bytes: 8 })),
    // §3.2.2: (%rsp + 8) is a multiple of 16 at function entry (32 or 64 with __m256/__m512 on the stack).
    stackAlign: 16,
  },
  dialects: DIALECTS,
  // clang-N other than 19 is given clang-19's set: older ones split an __int128 at r9 instead (#41784).
  dialectsOf: (compiler) => (/clang/.test(compiler) ? DIALECTS_OF['clang-19'] : /gcc/.test(compiler) ? DIALECTS_OF.gcc : []),
};
