// Where C and C++ mean different things by the same declaration: a pair with a C side and a C++ side
// (gcc against g++, clang-19 against clang++-19) cannot compare such a signature, whichever compiler
// is right. Each difference is named, and a signature that has one is a counted skip with that name
// (the summary's skippedReasons), never a finding and never silently dropped.
import { isCxx, type Side } from '../../harness/toolchains/toolchain.js';
import { signatureTypes, type CType, type Signature } from '../model/types.js';

export interface LanguageDifference {
  id: string;
  /** What a reader of the summary sees, once per skipped signature. */
  reason: string;
  /** Whether the signature uses it. */
  applies(sig: Signature): boolean;
}

/**
 * A struct or union whose only members are zero-width bit-fields: GNU C gives it size 0, C++ makes it
 * an empty class of size 1 (C++ [intro.object]: a complete object has nonzero size; an unnamed
 * bit-field is no member, [class.bit]). Its size, the offsets after it in an aggregate that holds it,
 * and how it is passed all follow (gcc's -Wc++-compat: "empty struct has size 0 in C, size 1 in C++";
 * riscv-elf-psabi-doc#99 on how each passes it). A zero-length array is size 0 in both languages and
 * no difference: struct { int a[0]; } is not an empty class.
 */
export const EMPTY_CLASS: LanguageDifference = {
  id: 'empty-struct',
  reason: 'language difference (C against C++): a struct or union of only zero-width bit-fields is size 0 in GNU C, an empty class of size 1 in C++',
  applies: (sig) => signatureTypes(sig).some(isEmptyClass),
};

export const LANGUAGE_DIFFERENCES: readonly LanguageDifference[] = [EMPTY_CLASS];

function isEmptyClass(t: CType): boolean {
  return (t.kind === 'struct' || t.kind === 'union') && t.fields.every((f) => f.bits === 0);
}

/** The first language difference of `sig` when one side of the pair is C and the other C++; else null. */
export function languageDifference(caller: Side, callee: Side, sig: Signature): LanguageDifference | null {
  if (isCxx(caller) === isCxx(callee)) return null;
  return LANGUAGE_DIFFERENCES.find((d) => d.applies(sig)) ?? null;
}
