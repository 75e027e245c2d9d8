// Known outcomes (abi-cafe's rules file): disagreements that are real, already reported upstream,
// and would otherwise drown every run. A finding a rule matches is counted as `known` with the
// rule's id instead of as a finding; `--show-known` reports them as findings again.
import type { Signature, CType } from '../model/types.js';
import type { Side } from '../../harness/toolchains/toolchain.js';
import type { Finding } from './finding.js';

export interface KnownIssue {
  id: string;
  title: string;
  /** Where it is reported. */
  link: string;
  matches(f: Finding, sig: Signature, caller: Side, callee: Side): boolean;
}

const isClang = (s: Side): boolean => s.tc.family === 'clang' || s.tc.family === 'clang-cl';
const isInt128 = (t: CType): boolean => t.kind === 'scalar' && t.name.includes('__int128');
const argIndex = (path: string | undefined): number => Number(/^arg(\d+)/.exec(path ?? '')?.[1] ?? -1);

/** A vector wider than the vector registers gcc may assume (`over` bytes). */
function hasWideVector(t: CType, over = 16): boolean {
  switch (t.kind) {
    case 'vector':
      return t.bytes > over;
    case 'struct':
    case 'union':
      return t.fields.some((f) => hasWideVector(f.type, over));
    case 'array':
      return hasWideVector(t.elem, over);
    default:
      return false;
  }
}

const X86 = new Set(['x86_64-linux', 'i686-linux', 'x86_64-windows']);
const usesAvx = (s: Side): boolean => s.flags.some((f) => /^[-/](m|arch:)?(avx|arch=)/i.test(f));

/** A type that needs more than 16-byte alignment: a wide vector or an aligned(32+) aggregate or member. */
function overaligned(t: CType): boolean {
  switch (t.kind) {
    case 'vector':
      return t.bytes > 16;
    case 'struct':
    case 'union':
      return (t.aligned ?? 0) > 16 || t.fields.some((f) => (f.aligned ?? 0) > 16 || overaligned(f.type));
    case 'array':
      return overaligned(t.elem);
    default:
      return false;
  }
}

/** A GNU empty aggregate: only zero-width bit-fields, zero-length arrays and empty members (size 0). */
function empty(t: CType): boolean {
  if (t.kind !== 'struct' && t.kind !== 'union') return false;
  return t.fields.every((f) => f.bits === 0 || (f.type.kind === 'array' && f.type.count === 0) || (f.bits === undefined && empty(f.type)));
}

export const KNOWN_ISSUES: KnownIssue[] = [
  {
    id: 'clang-int128-last-gpr',
    title: 'an __int128 argument that finds fewer than two GPRs left goes wholly to the stack and leaves r9 free (AMD64 psABI 3.2.3); clang instead spends r9 on it (clang >= 18) or splits it between r9 and the stack (clang <= 17), while its own va_arg follows the psABI, so arguments after it move: clang disagrees with gcc, and with itself through `...`',
    link: 'llvm/llvm-project#123935, llvm/llvm-project#41784',
    matches(f, sig, caller, callee) {
      if (f.kind !== 'arg' || caller.tc.target !== 'x86_64-linux' || !(isClang(caller) || isClang(callee))) return false;
      const args = [...sig.params, ...(sig.variadic ?? [])];
      const first = args.findIndex((p) => isInt128(p.type));
      if (first < 0) return false;
      // Only arguments after the __int128 move (a variadic __int128 itself is read from the wrong place too).
      const from = first >= sig.params.length ? first : first + 1;
      return (f.mismatches ?? []).every((m) => argIndex(m.path) >= from);
    },
  },
  {
    id: 'wide-vector-without-avx',
    title: 'vectors wider than the enabled vector unit (x86_64: over 16 bytes without AVX; i686, whose default is no MMX and no SSE: 8 bytes and more) are placed differently by gcc and clang (gcc -Wpsabi: "AVX/SSE/MMX vector argument without ... enabled changes the ABI")',
    link: 'gcc -Wpsabi note; clang "AVX vector argument of type ... without \'avx\' enabled changes the ABI"',
    matches(f, sig, caller, callee) {
      if (!X86.has(caller.tc.target) || caller.tc.family === callee.tc.family || usesAvx(caller) || usesAvx(callee)) return false;
      const types = [...sig.params, ...(sig.variadic ?? [])].map((p) => p.type).concat(sig.ret === 'void' ? [] : [sig.ret]);
      // i686's default has no MMX or SSE, so 8- and 16-byte vectors are outside the ABI's vector classes too.
      const over = caller.tc.target === 'i686-linux' ? 4 : 16;
      return types.some((t) => hasWideVector(t, over));
    },
  },
  {
    id: 'empty-aggregate-through-varargs',
    title: "a GNU empty (size 0) aggregate passed through `...`: the caller and the compiler's own va_arg disagree on whether it realigns or takes a slot (armhf gcc with an 8-aligned empty struct; LLVM #86371 on x86-64)",
    link: 'llvm/llvm-project#86371; armhf gcc found by abifuzz: abifuzz fuzz --target armhf-linux --caller arm-linux-gnueabihf-gcc --callee arm-linux-gnueabihf-gcc --callee-flags=-O2 --runs 1000 --seed 77 --show-known',
    matches(f, sig) {
      if (f.kind !== 'arg' || !sig.variadic) return false;
      const j = sig.variadic.findIndex((p) => empty(p.type));
      if (j < 0) return false;
      return (f.mismatches ?? []).every((m) => argIndex(m.path) > sig.params.length + j);
    },
  },
  {
    id: 'clang-vectorcall-wide-vector',
    title: "clang's vectorcall with a vector wider than 16 bytes and no AVX: clang's caller and clang's callee place the other arguments differently (at -O0 and -O2 alike)",
    link: 'found by abifuzz, not yet reported upstream: abifuzz fuzz --target x86_64-windows --caller clang-cl-19 --callee clang-cl-19 --callee-flags=/O2 --runs 120 --seed 51 --batch 100 --show-known',
    matches(f, sig, caller, callee) {
      if (sig.convention !== 'vectorcall' || usesAvx(caller) || usesAvx(callee) || !(isClang(caller) || isClang(callee))) return false;
      const types = [...sig.params].map((p) => p.type).concat(sig.ret === 'void' ? [] : [sig.ret]);
      return types.some((t) => t.kind === 'vector' && t.bytes > 16);
    },
  },
  {
    id: 'mingw-gcc-overaligned-stack',
    title: 'mingw-w64 gcc cannot align stack objects beyond 16 bytes on Win64 (the SEH prologue has no realignment), so values of types aligned to 32 or 64 are misplaced or fault',
    link: 'gcc PR target/54412',
    matches(f, sig, caller, callee) {
      if (caller.tc.target !== 'x86_64-windows' || (caller.tc.family !== 'gcc' && callee.tc.family !== 'gcc')) return false;
      const types = [...sig.params, ...(sig.variadic ?? [])].map((p) => p.type).concat(sig.ret === 'void' ? [] : [sig.ret]);
      return types.some(overaligned);
    },
  },
];

export function knownIssueOf(f: Finding, sig: Signature, caller: Side, callee: Side): KnownIssue | undefined {
  return KNOWN_ISSUES.find((k) => k.matches(f, sig, caller, callee));
}
