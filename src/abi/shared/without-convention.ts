// For conventions that change only what the callee preserves (clang's preserve_most/preserve_all,
// the AArch64 vector PCS): the signature as the base convention's module sees it.
import type { Signature } from '../../model/types.js';

/** The signature without its attribute: the attribute moves no argument and no result. */
export function withoutConvention(sig: Signature): Signature {
  const { convention: _attribute, ...plain } = sig;
  return plain;
}
