// A C declaration, as clang's own JSON AST dump (-Xclang -ast-dump=json) describes it, turned into
// the model's Signature: a real C front end does the parsing, this only reads its answer. Pure.
import { COMPLEX_INTEGERS, SCALARS, type ComplexBase, type CType, type Field, type ScalarName, type Signature } from '../model/types.js';

export interface AstNode {
  kind: string;
  name?: string;
  tagUsed?: string;
  completeDefinition?: boolean;
  isBitfield?: boolean;
  variadic?: boolean;
  isImplicit?: boolean;
  value?: string;
  type?: { qualType: string; desugaredQualType?: string };
  inner?: AstNode[];
}

export type Parsed = { ok: true; sig: Signature } | { ok: false; reason: string };

const SCALAR_SET: ReadonlySet<string> = new Set(SCALARS);
/** clang spells some scalars differently from the model's names. */
const ALIASES: Record<string, ScalarName> = {
  'long int': 'long', 'unsigned long int': 'unsigned long', 'long long int': 'long long', 'unsigned long long int': 'unsigned long long',
  'short int': 'short', 'unsigned short int': 'unsigned short', unsigned: 'unsigned int', 'signed int': 'int', signed: 'int',
  __int128_t: '__int128', __uint128_t: 'unsigned __int128', bool: '_Bool',
};

class Unreadable extends Error {}

const constantOf = (n: AstNode | undefined): number => {
  const v = n?.inner?.find((c) => c.kind === 'ConstantExpr')?.value ?? n?.value;
  if (v === undefined) throw new Unreadable('a constant clang did not evaluate');
  return Number(v);
};

export function signatureFromAst(tu: AstNode, name: string): Parsed {
  const decls = (tu.inner ?? []).filter((n) => !n.isImplicit);
  const typedefs = new Map(decls.filter((n) => n.kind === 'TypedefDecl').map((n) => [n.name!, n]));
  const records = new Map<string, AstNode>();
  const enums = new Map<string, AstNode>();
  for (const n of decls) {
    if (n.kind === 'RecordDecl' && n.completeDefinition && n.name) records.set(`${n.tagUsed} ${n.name}`, n);
    if (n.kind === 'EnumDecl' && n.name) enums.set(`enum ${n.name}`, n);
  }
  const made = new Map<string, CType>();

  const typeOf = (spelled: string): CType => {
    const t = spelled.trim().replace(/\s+/g, ' ').replace(/^(const|volatile) /, '');
    if (t.endsWith('*')) return { kind: 'pointer', to: typeOf(t.slice(0, -1)) };
    const vec = /^__attribute__\(\(__vector_size__\((\d+) \* sizeof\((.+?)\)\)\)\) (.+)$/.exec(t);
    if (vec) {
      const elem = scalarName(vec[3]!);
      return { kind: 'vector', elem, bytes: Number(vec[1]) * scalarBytes(elem) };
    }
    const cplx = /^_Complex (.+)$/.exec(t);
    if (cplx) {
      const base = scalarName(cplx[1]!);
      if (!(['float', 'double', 'long double', ...COMPLEX_INTEGERS] as string[]).includes(base)) throw new Unreadable(`type '${t}' is not one abifuzz models`);
      return { kind: 'complex', base: base as ComplexBase };
    }
    const td = typedefs.get(t);
    if (td) return typeOf(td.type!.desugaredQualType ?? td.type!.qualType);
    if (records.has(t)) return recordOf(t);
    if (enums.has(t)) return enumOf(t);
    return { kind: 'scalar', name: scalarName(t) };
  };
  const scalarName = (t: string): ScalarName => {
    const n = ALIASES[t] ?? t;
    if (!SCALAR_SET.has(n)) throw new Unreadable(`type '${t}' is not one abifuzz models`);
    return n as ScalarName;
  };
  // Sizes only for vector elements, the same on every target here.
  const scalarBytes = (n: ScalarName): number => ({ char: 1, 'signed char': 1, 'unsigned char': 1, short: 2, 'unsigned short': 2, _Float16: 2, float: 4, int: 4, 'unsigned int': 4, double: 8, 'long long': 8, 'unsigned long long': 8 } as Record<string, number>)[n] ?? 8;

  const recordOf = (key: string): CType => {
    const seen = made.get(key);
    if (seen) return seen;
    const n = records.get(key)!;
    const t: Extract<CType, { kind: 'struct' | 'union' }> = { kind: n.tagUsed === 'union' ? 'union' : 'struct', name: n.name!, fields: [], packed: false };
    made.set(key, t);
    for (const c of n.inner ?? []) {
      if (c.kind === 'PackedAttr') t.packed = true;
      else if (c.kind === 'AlignedAttr') t.aligned = constantOf(c);
      else if (c.kind === 'FieldDecl') t.fields.push(fieldOf(c));
    }
    return t;
  };
  const fieldOf = (c: AstNode): Field => {
    const spelled = c.type!.desugaredQualType ?? c.type!.qualType;
    const arr = /^(.*?) ?\[(\d+)\]$/.exec(spelled);
    const f: Field = { name: c.name ?? '', type: arr ? { kind: 'array', elem: typeOf(arr[1]!), count: Number(arr[2]) } : typeOf(spelled) };
    if (c.isBitfield) f.bits = constantOf(c);
    for (const a of c.inner ?? []) {
      if (a.kind === 'PackedAttr') f.packed = true;
      if (a.kind === 'AlignedAttr') f.aligned = constantOf(a);
    }
    return f;
  };
  const enumOf = (key: string): CType => {
    const n = enums.get(key)!;
    return { kind: 'enum', name: n.name!, values: (n.inner ?? []).filter((c) => c.kind === 'EnumConstantDecl').map((c) => constantOf(c)) };
  };

  const fn = decls.find((n) => n.kind === 'FunctionDecl' && n.name === name);
  if (!fn) return { ok: false, reason: `no function '${name}' declared` };
  try {
    const whole = fn.type!.qualType;
    const retSpelled = whole.slice(0, whole.indexOf('(')).trim();
    const params = (fn.inner ?? []).filter((c) => c.kind === 'ParmVarDecl').map((p) => ({ type: typeOf(p.type!.desugaredQualType ?? p.type!.qualType) }));
    const conv = /__attribute__\(\((ms_abi|sysv_abi|vectorcall|stdcall|fastcall|thiscall|cdecl|regparm\(\d\)|pcs\("[\w-]+"\))\)\)\s*$/.exec(whole)?.[1];
    const sig: Signature = {
      name, ret: retSpelled === 'void' ? 'void' : typeOf(retSpelled), params, variadic: fn.variadic ? [] : null,
      ...(conv ? { convention: conv } : {}),
    };
    return { ok: true, sig };
  } catch (e) {
    if (e instanceof Unreadable) return { ok: false, reason: e.message };
    throw e;
  }
}
