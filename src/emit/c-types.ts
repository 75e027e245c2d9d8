// How model types are spelled in C.
import { bitIntName, FUNCTION_TARGETS, functionTarget, type CType, type Field } from '../model/types.js';

/** The C spelling of `t` as a declaration specifier (arrays only appear in declarators). */
export function typeName(t: CType): string {
  switch (t.kind) {
    case 'scalar':
      return t.name;
    case 'enum':
    case 'struct':
    case 'union':
    case 'fnptr':
    case 'atomic':
      return t.name;
    case 'pointer':
      return `${typeName(t.to)} *`;
    case 'vector':
      return vectorName(t);
    case 'complex':
      return `_Complex ${t.base}`;
    case 'bitint':
      return bitIntName(t);
    case 'array':
      throw new Error('internal: an array type has no name of its own');
  }
}

export function vectorName(t: Extract<CType, { kind: 'vector' }>): string {
  return `abifuzz_v${t.bytes}_${t.elem.replace(/ /g, '_')}`;
}

/** `T name`, `T name[N]` or a bit-field `T name : W`, with field attributes. */
export function fieldDecl(f: Field): string {
  if (f.bits === 0) return `${typeName(f.type)} : 0;`;
  if (f.bits !== undefined) return `${typeName(f.type)} ${f.name} : ${f.bits};`;
  const attrs: string[] = [];
  if (f.packed) attrs.push('packed');
  if (f.aligned) attrs.push(`aligned(${f.aligned})`);
  const attr = attrs.length ? ` __attribute__((${attrs.join(', ')}))` : '';
  return `${declarator(f.type, f.name)}${attr};`;
}

export function declarator(t: CType, name: string): string {
  if (t.kind === 'array') return `${typeName(t.elem)} ${name}[${t.flexible ? '' : t.count}]`;
  return `${typeName(t)} ${name}`;
}

/** The definition of a named type (aggregate or enum) or a vector typedef. */
export function typeDefinition(t: CType): string {
  switch (t.kind) {
    case 'enum': {
      const items = t.values.map((v, i) => `${t.name}_${i} = ${v === -(2 ** 31) ? '(-2147483647 - 1)' : v}`);
      return `typedef enum ${t.name} { ${items.join(', ')} } ${t.name};`;
    }
    case 'struct':
    case 'union': {
      const attrs: string[] = [];
      if (t.packed) attrs.push('packed');
      if (t.aligned) attrs.push(`aligned(${t.aligned})`);
      const attr = attrs.length ? ` __attribute__((${attrs.join(', ')}))` : '';
      const body = t.fields.map((f) => `  ${fieldDecl(f)}\n`).join('');
      return `typedef ${t.kind}${attr} ${t.name} {\n${body}} ${t.name};`;
    }
    case 'vector':
      return `typedef ${t.elem} ${vectorName(t)} __attribute__((vector_size(${t.bytes})));`;
    case 'atomic':
      return `typedef _Atomic(${typeName(t.of)}) ${t.name};`;
    case 'fnptr': { // the functions it may point at (defined by the runtime or bug.c), then its type
      const targets = Array.from({ length: FUNCTION_TARGETS }, (_, k) => `${functionTarget(k)}(int)`);
      return `int ${targets.join(', ')};\ntypedef int (*${t.name})(int);`;
    }
    default:
      throw new Error(`internal: ${t.kind} has no definition`);
  }
}

/** Vector types reachable from `t`. */
export function vectorsOf(t: CType, out: Extract<CType, { kind: 'vector' }>[] = []): typeof out {
  switch (t.kind) {
    case 'vector':
      out.push(t);
      break;
    case 'struct':
    case 'union':
      for (const f of t.fields) vectorsOf(f.type, out);
      break;
    case 'array':
      vectorsOf(t.elem, out);
      break;
    case 'pointer':
      vectorsOf(t.to, out);
      break;
    default:
  }
  return out;
}

/** C string literal of raw bytes. */
export function bytesLiteral(b: Uint8Array): string {
  let s = '"';
  for (const x of b) s += `\\x${x.toString(16).padStart(2, '0')}`;
  return `${s}"`;
}
