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

const isClang = (s: Side): boolean => s.tc.family === 'clang';
const isInt128 = (t: CType): boolean => t.kind === 'scalar' && t.name.includes('__int128');
const argIndex = (path: string | undefined): number => Number(/^arg(\d+)/.exec(path ?? '')?.[1] ?? -1);

function hasWideVector(t: CType): boolean {
  switch (t.kind) {
    case 'vector':
      return t.bytes > 16;
    case 'struct':
    case 'union':
      return t.fields.some((f) => hasWideVector(f.type));
    case 'array':
      return hasWideVector(t.elem);
    default:
      return false;
  }
}

const X86 = new Set(['x86_64-linux', 'i686-linux', 'x86_64-windows']);
const usesAvx = (s: Side): boolean => s.flags.some((f) => /^-m(avx|arch=)/.test(f));

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
    title: 'vectors wider than 16 bytes without AVX: gcc and clang place them differently (gcc: "AVX vector argument without AVX enabled changes the ABI" -Wpsabi), and gcc gives them 16-byte _Alignof',
    link: 'gcc -Wpsabi note; clang "AVX vector argument of type ... without \'avx\' enabled changes the ABI"',
    matches(f, sig, caller, callee) {
      if (!X86.has(caller.tc.target) || caller.tc.family === callee.tc.family || usesAvx(caller) || usesAvx(callee)) return false;
      const types = [...sig.params, ...(sig.variadic ?? [])].map((p) => p.type).concat(sig.ret === 'void' ? [] : [sig.ret]);
      return types.some(hasWideVector);
    },
  },
];

export function knownIssueOf(f: Finding, sig: Signature, caller: Side, callee: Side): KnownIssue | undefined {
  return KNOWN_ISSUES.find((k) => k.matches(f, sig, caller, callee));
}
