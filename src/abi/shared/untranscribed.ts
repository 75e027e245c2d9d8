// Types some psABI texts do not define (GNU integer _Complex), or that a module has not
// transcribed yet (wide enums, enum bit-fields, __bf16 and its vectors, the TS 18661-3 types, _BitInt): for them planCall answers ok: false, a
// counted "the model cannot say" skip for pairings with the model, never a guess. Each module
// names the ones it does cover.
import { enumWidth, FLOAT_128, FLOAT_N, isAggregate, isIntegerComplex, type CType, type Signature } from '../../model/types.js';

export type Extension = 'integer _Complex' | 'wide enum' | 'enum bit-field' | '__bf16' | '_BitInt' | FloatExtension | 'flexible array member' | '_Atomic';
/** The TS 18661-3 types and binary128, each an extension of its own (a module covers those it transcribes). */
export type FloatExtension = (typeof FLOAT_N)[number] | (typeof FLOAT_128)[number];
const FLOAT_EXTENSIONS: ReadonlySet<string> = new Set<string>([...FLOAT_N, ...FLOAT_128]);

const DEFINED_NOWHERE: Partial<Record<Extension, string>> = {
  'integer _Complex': 'integer _Complex is a GNU extension the psABI does not define',
};

/** The extensions a signature uses. */
export function extensionsOf(sig: Signature): Set<Extension> {
  const out = new Set<Extension>();
  const seen = new Set<CType>();
  const visit = (t: CType): void => {
    if (seen.has(t)) return;
    seen.add(t);
    if (isIntegerComplex(t)) out.add('integer _Complex');
    if (t.kind === 'enum' && enumWidth(t) === 8) out.add('wide enum');
    if ((t.kind === 'scalar' && t.name === '__bf16') || (t.kind === 'vector' && t.elem === '__bf16')) out.add('__bf16');
    if (t.kind === 'scalar' && FLOAT_EXTENSIONS.has(t.name)) out.add(t.name as FloatExtension);
    if (t.kind === 'bitint') out.add('_BitInt');
    if (t.kind === 'array' && t.flexible) out.add('flexible array member');
    if (t.kind === 'atomic') out.add('_Atomic');
    if (t.kind === 'array') visit(t.elem);
    if (t.kind === 'pointer') visit(t.to);
    if (isAggregate(t))
      for (const f of t.fields) {
        if (f.bits !== undefined && f.type.kind === 'enum') out.add('enum bit-field');
        visit(f.type);
      }
  };
  for (const t of [...(sig.ret === 'void' ? [] : [sig.ret]), ...sig.params.map((p) => p.type), ...(sig.variadic ?? []).map((p) => p.type)]) visit(t);
  return out;
}

/**
 * The dialect (gcc's and clang's, where a module documents it) that passes GNU integer _Complex T as
 * struct { T re; T im; }: with it on, a module that plans structs plans integer _Complex too.
 */
export const GNU_INTEGER_COMPLEX = 'gnu-integer-complex';

/** Why `abi` cannot plan `sig` (an extension it does not cover, given the dialects in force), or null. */
export function untranscribed(sig: Signature, abi: string, covers: readonly Extension[] = [], dialects: ReadonlySet<string> = new Set()): string | null {
  for (const e of extensionsOf(sig)) {
    if (covers.includes(e) || (e === 'integer _Complex' && dialects.has(GNU_INTEGER_COMPLEX))) continue;
    return DEFINED_NOWHERE[e] ?? `${e}: not transcribed in the ${abi} model yet`;
  }
  return null;
}
