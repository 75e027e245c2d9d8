// Known outcomes (abi-cafe's rules file): disagreements that are real, already reported upstream,
// and would otherwise drown every run. A rule explains a symptom, not a signature: it names the
// compilers it applies to and which findings it explains (which kinds, which arguments), so a
// finding in the same signature that the rule does not explain is still reported. On targets the
// psABI model covers, the model's dialect settings take over from these.
import type { Abi } from '../abi/abi.js';
import { registersOf, type ArgLocation } from '../abi/location.js';
import { layoutOf } from '../model/layout.js';
import { parseLeafPath } from '../model/leaves.js';
import type { DataModel } from '../model/data-model.js';
import { isAggregate, type CType, type Signature } from '../model/types.js';
import type { Finding } from './finding.js';
import { withoutConvention } from '../abi/shared/without-convention.js';
import { GNU_INTEGER_COMPLEX } from '../abi/shared/untranscribed.js';

/** One side of the pair as the rules see it. */
export interface SideInfo {
  toolchain: string;
  family: 'gcc' | 'clang' | 'clang-cl' | 'model';
  flags: string[];
  /** ISA feature macros the side compiles with ('mmx', 'sse', 'sse2', 'avx', 'avx512f'). */
  isa: ReadonlySet<string>;
}

export interface PairInfo {
  target: string;
  dataModel: DataModel;
  caller: SideInfo;
  callee: SideInfo;
  /** The SysV x86-64 psABI model, for rules that need to know where an argument goes. */
  sysv: Abi;
}

export interface KnownIssue {
  id: string;
  title: string;
  /** Where it is reported. */
  link: string;
  /** Which compilers, in words (the code says exactly). */
  compilers: string;
  /**
   * A documented divergence the psABI model names as a dialect: on targets the model covers, the
   * model's judgement (each compiler against the model in its own dialect) replaces the rule.
   */
  supersededByModel?: true;
  /** Does this rule explain this finding of this signature on this pair? */
  explains(f: Finding, sig: Signature, pair: PairInfo): boolean;
}

const isClang = (s: SideInfo): boolean => s.family === 'clang' || s.family === 'clang-cl';
const sides = (p: PairInfo): SideInfo[] => [p.caller, p.callee];
const argTypes = (sig: Signature): CType[] => [...sig.params, ...(sig.variadic ?? [])].map((p) => p.type);

/** The argument (or 'ret') every mismatch of a value finding is in; null for other findings. */
function mismatchRoots(f: Finding): (number | 'ret')[] | null {
  if (!f.mismatches?.length) return null;
  const roots = f.mismatches.map((m) => parseLeafPath(m.path)?.root);
  return roots.some((r) => r === undefined) ? null : (roots as (number | 'ret')[]);
}

/** Functions compiled for the SysV x86-64 convention on this pair. */
function sysvX86_64(sig: Signature, p: PairInfo): boolean {
  // ms_abi, preserve_none and regcall pass in other registers.
  if (p.target === 'x86_64-linux') return !['ms_abi', 'preserve_none', 'regcall'].includes(sig.convention ?? '');
  return p.target === 'x86_64-windows' && sig.convention === 'sysv_abi';
}

/** Only in SSE registers: what a hidden return pointer does not move. */
const inSseOnly = (loc: ArgLocation | undefined): boolean =>
  loc?.kind === 'regs' && loc.parts.every((r) => /^[xyz]mm/.test(r.reg));

const GPRS = ['rdi', 'rsi', 'rdx', 'rcx', 'r8', 'r9'];

/** The first __int128 argument the psABI sends to the stack while exactly one GPR was still free. */
/** clang's preserve_most/preserve_all move no argument: the SysV module plans them as the C convention. */
const asSysv = (sig: Signature): Signature => (sig.convention === 'preserve_most' || sig.convention === 'preserve_all' ? withoutConvention(sig) : sig);

/** The rules read plans of compilers' code: GNU integer _Complex as gcc and clang both pass it. */
const GNU_EXTENSIONS: ReadonlySet<string> = new Set([GNU_INTEGER_COMPLEX]);

/** clang's own placement but for the __int128 quirk: plans what the text cannot (a 4-byte vector, say) as clang does. */
function clangPlacement(p: PairInfo): ReadonlySet<string> {
  return new Set((p.sysv.dialectsOf?.('clang-19') ?? []).filter((d) => d !== 'clang-int128-one-gpr'));
}

function int128AtLastGpr(sig: Signature, p: PairInfo): number | null {
  const textual = p.sysv.planCall(asSysv(sig), p.dataModel, { features: p.caller.isa, dialects: GNU_EXTENSIONS });
  const plan = textual.ok ? textual : p.sysv.planCall(asSysv(sig), p.dataModel, { features: p.caller.isa, dialects: clangPlacement(p) });
  if (!plan.ok) return null;
  const types = argTypes(sig);
  const used = new Set<string>(registersOf(plan.plan.ret)); // a hidden return pointer takes rdi first
  for (const [k, loc] of plan.plan.args.entries()) {
    const t = types[k]!;
    if (t.kind === 'scalar' && t.name.includes('__int128') && loc.kind === 'stack' && GPRS.filter((r) => !used.has(r)).length === 1) return k;
    for (const r of registersOf(loc)) used.add(r);
  }
  return null;
}

/** A vector wider than the vector unit both sides enable (x86-64: 32 bytes without AVX, 64 without AVX-512). */
function wideForX86_64(t: CType | 'void', p: PairInfo): boolean {
  if (t === 'void' || t.kind !== 'vector') return false;
  const all = (feature: string): boolean => sides(p).every((s) => s.isa.has(feature));
  return (t.bytes === 32 && !all('avx')) || (t.bytes === 64 && !all('avx512f'));
}

/** i386 vectors outside the enabled units: 8 bytes without MMX, 16 without SSE, any wider. */
function wideForI386(t: CType, p: PairInfo): boolean {
  if (t.kind !== 'vector') return false;
  const all = (feature: string): boolean => sides(p).every((s) => s.isa.has(feature));
  return t.bytes > 16 || (t.bytes === 8 && !all('mmx')) || (t.bytes === 16 && !all('sse'));
}

function overaligned(t: CType, dm: DataModel): boolean {
  return layoutOf(t, dm).align > 16;
}

/** A GNU empty aggregate: only zero-width bit-fields, zero-length arrays and empty members (size 0). */
function empty(t: CType): boolean {
  if (t.kind !== 'struct' && t.kind !== 'union') return false;
  return t.fields.every((f) => f.bits === 0 || (f.type.kind === 'array' && f.type.count === 0) || (f.bits === undefined && empty(f.type)));
}

/** A struct clang lowers to an LLVM struct with no members: only zero-width bit-fields and such structs (a zero-length array is a member). */
function memberless(t: CType): boolean {
  return t.kind === 'struct' && t.fields.every((f) => f.bits === 0 || (f.bits === undefined && memberless(f.type)));
}

export const KNOWN_ISSUES: KnownIssue[] = [
  {
    id: 'clang-int128-last-gpr',
    title: 'an __int128 argument that finds only one GPR left goes wholly to the stack and leaves r9 free (AMD64 psABI 3.2.3); clang instead spends r9 on it (clang >= 18) or splits it between r9 and the stack (clang <= 17), while its own va_arg follows the psABI, so the __int128 and the arguments after it move',
    link: 'llvm/llvm-project#123935, llvm/llvm-project#41784',
    compilers: 'clang (every version here) on the SysV x86-64 convention',
    explains(f, sig, p) {
      if (f.kind !== 'arg' || !sysvX86_64(sig, p) || !sides(p).some(isClang)) return false;
      const k = int128AtLastGpr(sig, p);
      const roots = mismatchRoots(f);
      return k !== null && roots !== null && roots.every((r) => r !== 'ret' && r >= k);
    },
  },
  {
    id: 'wide-vector-return-without-avx',
    title: 'a vector return wider than the enabled vector unit (x86-64: 32 bytes without AVX, 64 without AVX-512F): gcc returns it in memory through a hidden pointer in rdi, clang in xmm0-xmm3; so the return value, the arguments passed in GPRs or on the stack (moved by the hidden pointer) and a gcc callee storing through what it takes for the pointer (a crash) differ',
    link: "gcc -Wpsabi note 'AVX vector return without AVX enabled changes the ABI'; clang -Wpsabi",
    compilers: 'gcc against clang, x86-64 SysV, when either side lacks AVX (AVX-512F for 64 bytes)',
    supersededByModel: true,
    explains(f, sig, p) {
      if (!sysvX86_64(sig, p) || p.caller.family === p.callee.family || !wideForX86_64(sig.ret, p)) return false;
      if (f.kind === 'return') return true;
      if (f.kind === 'crash') return p.callee.family === 'gcc';
      if (f.kind !== 'arg') return false;
      const plan = p.sysv.planCall(asSysv(sig), p.dataModel, { features: p.caller.isa, dialects: GNU_EXTENSIONS });
      const roots = mismatchRoots(f);
      return plan.ok && roots !== null && roots.every((r) => r !== 'ret' && !inSseOnly(plan.plan.args[r]));
    },
  },
  {
    id: 'i386-vector-without-sse',
    title: 'i686 vectors outside the enabled units (8 bytes without MMX, 16 without SSE, wider ones always; the default has neither): gcc and clang pass and return them differently, so that vector, the arguments after it and the return value differ, and a callee storing a vector return through a pointer the caller did not pass crashes',
    link: "gcc -Wpsabi notes 'SSE vector argument without SSE enabled changes the ABI', 'MMX vector return without MMX enabled changes the ABI'",
    compilers: 'gcc against clang on i686',
    supersededByModel: true,
    explains(f, sig, p) {
      if (p.target !== 'i686-linux' || p.caller.family === p.callee.family) return false;
      const types = argTypes(sig);
      const firstVec = types.findIndex((t) => wideForI386(t, p));
      const retVec = sig.ret !== 'void' && wideForI386(sig.ret, p);
      if (firstVec < 0 && !retVec) return false;
      if (f.kind === 'return') return retVec;
      if (f.kind === 'crash') return retVec;
      if (f.kind !== 'arg') return false;
      const roots = mismatchRoots(f);
      // A vector return changes where the hidden pointer is, so every argument moves.
      return roots !== null && roots.every((r) => r !== 'ret' && (retVec || r >= firstVec));
    },
  },
  {
    id: 'clang-regcall-empty-struct',
    title: 'clang segfaults compiling a regcall function on x86-64 that takes a struct with no members (struct {}, struct { long long : 0; }, struct { struct {} x; }); a zero-length array member, a union, an empty result and i386 are fine',
    link: 'found by abifuzz, no upstream report found: clang-16, clang-19 and clang-22 -c of `typedef struct {} s0; void __attribute__((regcall)) f(s0 a) {}` exit 139 in CodeGenModule::EmitGlobalDefinition',
    compilers: 'clang 16 to 22 on x86_64-linux, regcall',
    explains(f, sig, p) {
      return f.kind === 'compiler-crash' && p.target === 'x86_64-linux' && sig.convention === 'regcall' && sides(p).some(isClang) && sig.params.some((q) => memberless(q.type));
    },
  },
  {
    id: 'empty-aggregate-through-varargs',
    title: "a GNU empty (size 0) aggregate passed through `...`: the caller and the compiler's own va_arg disagree on whether it realigns or takes a slot, so the variadic arguments after it move (armhf gcc with an 8-aligned empty struct; clang on x86-64, LLVM #86371)",
    link: 'llvm/llvm-project#86371; armhf gcc found by abifuzz: abifuzz fuzz --target armhf-linux --caller arm-linux-gnueabihf-gcc --callee arm-linux-gnueabihf-gcc --callee-flags=-O2 --runs 1000 --seed 77 --show-known',
    compilers: 'arm-linux-gnueabihf-gcc on armhf; clang on x86-64',
    explains(f, sig, p) {
      if (f.kind !== 'arg' || !sig.variadic) return false;
      const applies = (p.target === 'armhf-linux' && sides(p).some((s) => s.family === 'gcc')) || (p.target === 'x86_64-linux' && sides(p).some(isClang));
      const j = sig.variadic.findIndex((v) => empty(v.type));
      const roots = mismatchRoots(f);
      return applies && j >= 0 && roots !== null && roots.every((r) => r !== 'ret' && r > sig.params.length + j);
    },
  },
  {
    id: 'clang-vectorcall-wide-vector',
    title: "clang's vectorcall with a vector argument wider than 16 bytes and no AVX: clang's caller and clang's callee place the arguments from that vector on differently (at -O0 and -O2 alike)",
    link: 'found by abifuzz, not yet reported upstream: abifuzz fuzz --target x86_64-windows --caller clang-cl-19 --callee clang-cl-19 --callee-flags=/O2 --runs 120 --seed 51 --batch 100 --show-known',
    compilers: 'clang and clang-cl on x86_64-windows, vectorcall, without AVX',
    explains(f, sig, p) {
      if (f.kind !== 'arg' || sig.convention !== 'vectorcall' || !sides(p).some(isClang) || sides(p).every((s) => s.isa.has('avx'))) return false;
      const k = sig.params.findIndex((q) => q.type.kind === 'vector' && q.type.bytes > 16);
      const roots = mismatchRoots(f);
      return k >= 0 && roots !== null && roots.every((r) => r !== 'ret' && r >= k);
    },
  },
  {
    id: 'clang-win64-atomic-return',
    title: 'clang returns an _Atomic struct, and any 16-byte _Atomic, on Microsoft x64 as the LLVM value it lowers it to: one register per member ({short; short} in AX and DX, {char; unsigned} in AL and EDX, {double} in XMM0, _Atomic(__int128) and 16-byte structs in RAX:RDX) or through a hidden pointer ({char[3]}); the convention returns a struct of 1, 2, 4 or 8 bytes in RAX and others through the hidden pointer, and RDX is no return register, so the other compiler, and the contract trampoline that clobbers RDX on the way back, read another value',
    link: 'no upstream report found; measured with clang-19 -O0 and -O2 -S for x86_64-w64-mingw32 and x86_64-pc-windows-msvc',
    compilers: 'clang and clang-cl on the Microsoft x64 convention',
    explains(f, sig, p) {
      if (f.kind !== 'return' || sig.ret === 'void' || sig.ret.kind !== 'atomic' || !sides(p).some(isClang)) return false;
      if (!isAggregate(sig.ret.of) && layoutOf(sig.ret, p.dataModel).size !== 16) return false;
      return p.target === 'x86_64-windows' ? sig.convention !== 'sysv_abi' : p.target === 'x86_64-linux' && sig.convention === 'ms_abi';
    },
  },
  {
    id: 'mingw-gcc-overaligned-stack',
    title: 'mingw-w64 gcc cannot align stack objects beyond 16 bytes on Win64 (the SEH prologue has no realignment), so values of types aligned to 32 or 64, and the stack arguments after them, are misplaced, or fault when accessed with aligned instructions; a misplaced argument object of the caller can overlap what the callee writes (it changes across the call)',
    link: 'gcc PR target/54412',
    compilers: 'x86_64-w64-mingw32-gcc on either side',
    explains(f, sig, p) {
      if (p.target !== 'x86_64-windows' || !sides(p).some((s) => s.family === 'gcc')) return false;
      const types = argTypes(sig);
      const retOver = sig.ret !== 'void' && overaligned(sig.ret, p.dataModel);
      if (f.kind === 'return') return retOver;
      if (f.kind === 'crash') return retOver || types.some((t) => overaligned(t, p.dataModel));
      if (f.kind === 'arg-clobbered') {
        const roots = mismatchRoots(f);
        return roots !== null && roots.every((r) => r !== 'ret' && overaligned(types[r]!, p.dataModel));
      }
      if (f.kind !== 'arg') return false;
      const first = types.findIndex((t) => overaligned(t, p.dataModel));
      const roots = mismatchRoots(f);
      return first >= 0 && roots !== null && roots.every((r) => r !== 'ret' && r >= first);
    },
  },
];

/**
 * The rule that explains a finding, if one does. A crash is also explained when every mismatch
 * its function showed before it is explained and the last one was a pointer (the callee then read
 * through a pointer taken from the wrong place).
 */
export function knownIssueOf(f: Finding, sig: Signature, pair: PairInfo, modelCovers = false): KnownIssue | undefined {
  const rules = KNOWN_ISSUES.filter((k) => !(modelCovers && k.supersededByModel));
  const direct = rules.find((k) => k.explains(f, sig, pair));
  if (direct || f.kind !== 'crash' || !f.mismatches?.length) return direct;
  const last = f.mismatches[f.mismatches.length - 1]!;
  const lastRoot = parseLeafPath(last.path)?.root;
  const types = argTypes(sig);
  if (lastRoot === undefined || lastRoot === 'ret' || types[lastRoot]?.kind !== 'pointer' || last.path.includes('.') || last.path.includes('['))
    return undefined;
  const asArg: Finding = { ...f, kind: 'arg' };
  return rules.find((k) => k.explains(asArg, sig, pair));
}
