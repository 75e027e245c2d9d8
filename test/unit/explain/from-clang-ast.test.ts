import { describe, expect, it } from 'vitest';
import { signatureFromAst, type AstNode } from '../../../src/explain/from-clang-ast.js';

const c = (value: string): AstNode => ({ kind: 'ConstantExpr', value });
const field = (name: string | undefined, qualType: string, extra: Partial<AstNode> = {}): AstNode => ({ kind: 'FieldDecl', ...(name ? { name } : {}), type: { qualType }, ...extra });
// The shape clang-19 -Xclang -ast-dump=json prints (ids, locations and ranges left out).
const TU: AstNode = {
  kind: 'TranslationUnitDecl',
  inner: [
    { kind: 'TypedefDecl', name: '__int128_t', isImplicit: true, type: { qualType: '__int128' } },
    { kind: 'TypedefDecl', name: 'v4', type: { qualType: '__attribute__((__vector_size__(4 * sizeof(int)))) int' } },
    { kind: 'EnumDecl', name: 'E', inner: [{ kind: 'EnumConstantDecl', name: 'A', inner: [c('1')] }, { kind: 'EnumConstantDecl', name: 'B', inner: [c('-3')] }] },
    { kind: 'TypedefDecl', name: 'E', type: { qualType: 'enum E' } },
    {
      kind: 'RecordDecl', name: 'S', tagUsed: 'struct', completeDefinition: true,
      inner: [{ kind: 'AlignedAttr', inner: [c('16')] }, field('a', 'float'), field('bf', 'int', { isBitfield: true, inner: [c('3')] }), field(undefined, 'int', { isBitfield: true, inner: [c('0')] }), field('arr', 'long[2]')],
    },
    { kind: 'RecordDecl', name: 'P', tagUsed: 'struct', completeDefinition: true, inner: [{ kind: 'PackedAttr' }, field('c', 'char'), field('d', 'double', { inner: [{ kind: 'AlignedAttr', inner: [c('4')] }] })] },
    {
      kind: 'FunctionDecl', name: 'f', variadic: true,
      type: { qualType: 'struct S (int, v4 *, E, struct P, _Complex double, unsigned __int128, ...) __attribute__((ms_abi))' },
      inner: [
        { kind: 'ParmVarDecl', type: { qualType: 'int' } }, { kind: 'ParmVarDecl', type: { qualType: 'v4 *' } },
        { kind: 'ParmVarDecl', type: { qualType: 'E', desugaredQualType: 'enum E' } }, { kind: 'ParmVarDecl', type: { qualType: 'struct P' } },
        { kind: 'ParmVarDecl', type: { qualType: '_Complex double' } }, { kind: 'ParmVarDecl', type: { qualType: 'unsigned __int128' } },
      ],
    },
  ],
};

describe('signatureFromAst', () => {
  it('reads the function, its types, attributes and convention as clang saw them', () => {
    const r = signatureFromAst(TU, 'f');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.sig.convention).toBe('ms_abi');
    expect(r.sig.variadic).toEqual([]);
    expect(r.sig.ret).toEqual({
      kind: 'struct', name: 'S', packed: false, aligned: 16,
      fields: [
        { name: 'a', type: { kind: 'scalar', name: 'float' } },
        { name: 'bf', type: { kind: 'scalar', name: 'int' }, bits: 3 },
        { name: '', type: { kind: 'scalar', name: 'int' }, bits: 0 },
        { name: 'arr', type: { kind: 'array', elem: { kind: 'scalar', name: 'long' }, count: 2 } },
      ],
    });
    expect(r.sig.params.map((p) => p.type)).toEqual([
      { kind: 'scalar', name: 'int' },
      { kind: 'pointer', to: { kind: 'vector', elem: 'int', bytes: 16 } },
      { kind: 'enum', name: 'E', values: [1, -3] },
      { kind: 'struct', name: 'P', packed: true, fields: [{ name: 'c', type: { kind: 'scalar', name: 'char' } }, { name: 'd', type: { kind: 'scalar', name: 'double' }, aligned: 4 }] },
      { kind: 'complex', base: 'double' },
      { kind: 'scalar', name: 'unsigned __int128' },
    ]);
  });

  it('says what it cannot read, and which function is missing', () => {
    expect(signatureFromAst(TU, 'g')).toEqual({ ok: false, reason: "no function 'g' declared" });
    const bad: AstNode = { kind: 'TranslationUnitDecl', inner: [{ kind: 'FunctionDecl', name: 'h', type: { qualType: 'void (struct Q *)' }, inner: [{ kind: 'ParmVarDecl', type: { qualType: 'struct Q *' } }] }] };
    expect(signatureFromAst(bad, 'h')).toEqual({ ok: false, reason: "type 'struct Q' is not one abifuzz models" });
  });
});
