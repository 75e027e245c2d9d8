// How a signature is declared in C: its prototype, a pointer type of exactly its type, and the
// declaration with every type it uses (what findings and reports show).
import { signatureTypes, type Signature } from '../model/types.js';
import { declarator, typeDefinition, typeName, vectorName, vectorsOf } from './c-types.js';

function paramList(sig: Signature): string {
  const params = sig.params.map((p, k) => declarator(p.type, `a${k}`));
  if (sig.variadic) params.push('...');
  return params.length ? params.join(', ') : 'void';
}

const attribute = (sig: Signature): string => (sig.convention ? ` __attribute__((${sig.convention}))` : '');
const returnType = (sig: Signature): string => (sig.ret === 'void' ? 'void' : typeName(sig.ret));

export function prototype(sig: Signature): string {
  return `${returnType(sig)}${attribute(sig)} ${sig.name}(${paramList(sig)})`;
}

/** A pointer type to functions of exactly this type, convention included. */
export function pointerTypedef(sig: Signature, name: string): string {
  return `typedef ${returnType(sig)} (${attribute(sig).trim()}${sig.convention ? ' ' : ''}*${name})(${paramList(sig)});`;
}

/** The declaration of one function with every type it uses: what a finding names. */
export function declarationWithTypes(sig: Signature): string {
  const vecs = new Map<string, string>();
  for (const t of [sig.ret, ...sig.params.map((p) => p.type), ...(sig.variadic ?? []).map((p) => p.type)])
    if (t !== 'void') for (const v of vectorsOf(t)) vecs.set(vectorName(v), typeDefinition(v));
  const defs = signatureTypes(sig).map(typeDefinition);
  return [...vecs.values(), ...defs, `${prototype(sig)};`].join('\n');
}

