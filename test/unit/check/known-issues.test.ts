// Each known-issue rule explains its own reproducer's symptom, and not a signature that merely
// contains the type with a mismatch elsewhere (issue: rules explain symptoms, not signatures).
import { describe, expect, it } from 'vitest';
import { x86_64Sysv } from '../../../src/abi/x86_64-sysv/index.js';
import type { Finding } from '../../../src/check/finding.js';
import { knownIssueOf, type PairInfo, type SideInfo } from '../../../src/check/known-issues.js';
import { ilp32armhf, ilp32i386, llp64, lp64x86 } from '../../../src/model/data-model.js';
import type { CType, ScalarName, Signature } from '../../../src/model/types.js';

const side = (toolchain: string, family: SideInfo['family'], isa: string[] = ['sse', 'sse2']): SideInfo => ({ toolchain, family, flags: [], isa: new Set(isa) });
const pair = (target: string, caller: SideInfo, callee: SideInfo): PairInfo => ({
  target, caller, callee, sysv: x86_64Sysv,
  dataModel: target === 'i686-linux' ? ilp32i386 : target === 'armhf-linux' ? ilp32armhf : target === 'x86_64-windows' ? llp64 : lp64x86,
});
const s = (name: ScalarName): CType => ({ kind: 'scalar', name });
const sig = (params: CType[], ret: CType | 'void' = 'void', extra: Partial<Signature> = {}): Signature => ({ name: 'f1', ret, params: params.map((type) => ({ type })), variadic: null, ...extra });
const mismatch = (path: string) => ({ side: 'callee' as const, path, offset: 0, expected: '00', received: '01' });
const arg = (...paths: string[]): Finding => ({ kind: 'arg', index: 1, function: 'f1', detail: '', mismatches: paths.map(mismatch) });
const finding = (kind: Finding['kind'], extra: Partial<Finding> = {}): Finding => ({ kind, index: 1, function: 'f1', detail: '', ...extra });
const id = (f: Finding, sg: Signature, p: PairInfo): string | undefined => knownIssueOf(f, sg, p)?.id;

const gcc = side('gcc', 'gcc');
const clang = side('clang-19', 'clang');
const x86 = pair('x86_64-linux', gcc, clang);

describe('clang-int128-last-gpr', () => {
  const fiveLongs = [s('long'), s('long'), s('long'), s('long'), s('long')];
  const repro = sig([...fiveLongs, s('__int128'), s('long')]);
  it('explains the __int128 after five longs and the arguments after it, with clang', () => {
    expect(id(arg('arg6'), repro, x86)).toBe('clang-int128-last-gpr');
    expect(id(arg('arg5', 'arg6'), repro, x86)).toBe('clang-int128-last-gpr');
  });
  it('counts the hidden return pointer among the GPRs used', () => {
    const big: CType = { kind: 'struct', name: 'b', packed: false, fields: [{ name: 'a', type: { kind: 'array', elem: s('long'), count: 3 } }] };
    const sret = sig([s('__int128'), s('long'), s('long'), s('__int128'), s('long')], big);
    expect(id(arg('arg4'), sret, x86)).toBe('clang-int128-last-gpr');
  });
  it('not a mismatch before it, not with two GPRs left, not without clang, not under ms_abi or regcall', () => {
    expect(id(arg('arg2', 'arg6'), repro, x86)).toBeUndefined();
    expect(id(arg('arg5'), sig([s('long'), s('long'), s('long'), s('long'), s('__int128'), s('long')]), x86)).toBeUndefined();
    expect(id(arg('arg6'), repro, pair('x86_64-linux', gcc, gcc))).toBeUndefined();
    expect(id(arg('arg6'), { ...repro, convention: 'ms_abi' }, x86)).toBeUndefined();
    expect(id(arg('arg6'), { ...repro, convention: 'regcall' }, x86)).toBeUndefined();
    expect(id(finding('layout', { path: 'f1_s0' }), repro, x86)).toBeUndefined();
  });
  it('where the text cannot plan a type clang passes (a 4-byte vector), as clang places it', () => {
    const v4: CType = { kind: 'vector', elem: '_Float16', bytes: 4 };
    // clang-19 against clang-22, seed 1 f228: the vector comes back in xmm0, the __int128 finds only r9.
    const f228 = sig([s('unsigned __int128'), s('int'), { kind: 'pointer', to: s('float') }, { kind: 'vector', elem: 'long', bytes: 8 }, s('signed char'), s('__int128'), s('char'), s('int'), s('int')], v4);
    const clangs = pair('x86_64-linux', side('clang-19', 'clang', []), side('clang-22', 'clang', []));
    expect(id(arg('arg6', 'arg7', 'arg8'), f228, clangs)).toBe('clang-int128-last-gpr');
    expect(id(arg('arg4'), f228, clangs)).toBeUndefined();
  });
  it('under preserve_most and preserve_all too: they pass arguments as the C convention does', () => {
    for (const convention of ['preserve_most', 'preserve_all']) expect(id(arg('arg6'), { ...repro, convention }, x86)).toBe('clang-int128-last-gpr');
  });
});

describe('wide-vector-return-without-avx', () => {
  const v32: CType = { kind: 'vector', elem: 'int', bytes: 32 };
  const repro = sig([s('long'), s('double')], v32);
  it('explains the return, GPR arguments moved by the hidden pointer, and a gcc callee crashing', () => {
    expect(id(finding('return', { mismatches: [mismatch('ret')] }), repro, x86)).toBe('wide-vector-return-without-avx');
    expect(id(arg('arg0'), repro, x86)).toBe('wide-vector-return-without-avx');
    expect(id(finding('crash', { signal: 'SIGSEGV' }), repro, pair('x86_64-linux', clang, gcc))).toBe('wide-vector-return-without-avx');
  });
  it('not an SSE argument, not a crash of a clang callee, not with AVX on both, not a wide vector argument only', () => {
    expect(id(arg('arg1'), repro, x86)).toBeUndefined();
    expect(id(finding('crash', { signal: 'SIGSEGV' }), repro, x86)).toBeUndefined();
    const avx = pair('x86_64-linux', side('gcc', 'gcc', ['avx']), side('clang-19', 'clang', ['avx']));
    expect(id(finding('return', { mismatches: [mismatch('ret')] }), repro, avx)).toBeUndefined();
    expect(id(arg('arg0'), sig([v32, s('long')]), x86)).toBeUndefined();
    expect(id(finding('callee-saved', { register: 'rbx' }), repro, x86)).toBeUndefined();
  });
});

describe('i386-vector-without-sse', () => {
  const v16: CType = { kind: 'vector', elem: 'int', bytes: 16 };
  const i686 = pair('i686-linux', side('i686-linux-gnu-gcc', 'gcc', []), side('clang-19', 'clang', []));
  it('explains the vector argument and those after it, and a vector return', () => {
    expect(id(arg('arg1', 'arg2'), sig([s('int'), v16, s('int')]), i686)).toBe('i386-vector-without-sse');
    expect(id(finding('return', { mismatches: [mismatch('ret')] }), sig([], v16), i686)).toBe('i386-vector-without-sse');
  });
  it('not an argument before the vector, not a layout, not with SSE on both, not on x86_64', () => {
    expect(id(arg('arg0'), sig([s('int'), v16]), i686)).toBeUndefined();
    const inStruct: CType = { kind: 'struct', name: 's', packed: false, fields: [{ name: 'c', type: s('char') }, { name: 'v', type: { kind: 'vector', elem: 'int', bytes: 8 } }] };
    expect(id(finding('layout', { path: 's' }), sig([inStruct]), i686)).toBeUndefined();
    const sse = pair('i686-linux', side('g', 'gcc', ['mmx', 'sse']), side('c', 'clang', ['mmx', 'sse']));
    expect(id(arg('arg1'), sig([s('int'), v16]), sse)).toBeUndefined();
    expect(id(arg('arg1'), sig([s('int'), v16]), x86)).toBeUndefined();
  });
});

describe('empty-aggregate-through-varargs', () => {
  const empty: CType = { kind: 'struct', name: 'e', packed: false, fields: [{ name: 'z', type: s('long long'), bits: 0 }] };
  const repro = sig([s('int')], 'void', { variadic: [{ type: empty }, { type: s('int') }] });
  const arm = pair('armhf-linux', side('arm-linux-gnueabihf-gcc', 'gcc', []), side('arm-linux-gnueabihf-gcc', 'gcc', []));
  it('explains the variadic arguments after the empty one', () => {
    expect(id(arg('arg2'), repro, arm)).toBe('empty-aggregate-through-varargs');
  });
  it('not a fixed argument, not an empty aggregate that is not variadic, not on aarch64', () => {
    expect(id(arg('arg0'), repro, arm)).toBeUndefined();
    expect(id(arg('arg2'), sig([s('int'), empty, s('int')]), arm)).toBeUndefined();
    expect(id(arg('arg2'), repro, pair('aarch64-linux', gcc, gcc))).toBeUndefined();
  });
});

describe('clang-vectorcall-wide-vector', () => {
  const v32: CType = { kind: 'vector', elem: 'float', bytes: 32 };
  const win = pair('x86_64-windows', side('clang-cl-19', 'clang-cl'), side('clang-cl-19', 'clang-cl'));
  const repro = sig([s('int'), v32, s('double')], 'void', { convention: 'vectorcall' });
  it('explains the wide vector and the arguments after it under vectorcall', () => {
    expect(id(arg('arg1', 'arg2'), repro, win)).toBe('clang-vectorcall-wide-vector');
  });
  it('not before it, not without vectorcall, not with AVX', () => {
    expect(id(arg('arg0'), repro, win)).toBeUndefined();
    expect(id(arg('arg2'), { ...repro, convention: undefined }, win)).toBeUndefined();
    const avx = pair('x86_64-windows', side('c', 'clang-cl', ['avx']), side('c', 'clang-cl', ['avx']));
    expect(id(arg('arg2'), repro, avx)).toBeUndefined();
  });
});

describe('mingw-gcc-overaligned-stack', () => {
  const over: CType = { kind: 'struct', name: 's', packed: false, aligned: 32, fields: [{ name: 'a', type: s('int') }] };
  const mingw = pair('x86_64-windows', side('x86_64-w64-mingw32-gcc', 'gcc'), side('x86_64-w64-mingw32-gcc', 'gcc'));
  const repro = sig([s('int'), over]);
  it('explains mismatches in the over-aligned value and the arguments after it, and a crash', () => {
    expect(id(arg('arg1.a'), repro, mingw)).toBe('mingw-gcc-overaligned-stack');
    expect(id(arg('arg1.a', 'arg2'), sig([s('int'), over, s('long')]), mingw)).toBe('mingw-gcc-overaligned-stack');
    expect(id(finding('crash', { signal: 'EXCEPTION_ACCESS_VIOLATION' }), repro, mingw)).toBe('mingw-gcc-overaligned-stack');
  });
  it('explains the caller\'s over-aligned argument object changed across the call, not another one', () => {
    const changed = (...paths: string[]): Finding => finding('arg-clobbered', { mismatches: paths.map((p) => ({ ...mismatch(p), side: 'caller' as const })) });
    const big: CType = { kind: 'struct', name: 'b', packed: false, fields: [{ name: 'a', type: s('long long') }, { name: 'b', type: s('long long') }, { name: 'c', type: s('long long') }] };
    const withBig = sig([s('int'), over, big]);
    expect(id(changed('arg1.a'), withBig, mingw)).toBe('mingw-gcc-overaligned-stack');
    expect(id(changed('arg2.a'), withBig, mingw)).toBeUndefined();
    expect(id(changed('arg1.a', 'arg2.b'), withBig, mingw)).toBeUndefined();
  });
  it('not a mismatch in another argument, not without mingw gcc, not a layout', () => {
    expect(id(arg('arg0'), repro, mingw)).toBeUndefined();
    const cl = pair('x86_64-windows', side('clang-cl-19', 'clang-cl'), side('clang-cl-19', 'clang-cl'));
    expect(id(arg('arg1.a'), repro, cl)).toBeUndefined();
    expect(id(finding('layout', { path: 's' }), repro, mingw)).toBeUndefined();
  });
});

describe('crashes after a misplaced pointer', () => {
  it('are explained by the rule that explains every mismatch before them, the last being a pointer', () => {
    const p: CType = { kind: 'pointer', to: s('int') };
    const repro = sig([s('long'), s('long'), s('long'), s('long'), s('long'), s('__int128'), p]);
    expect(id(finding('crash', { signal: 'SIGSEGV', mismatches: [mismatch('arg6')] }), repro, x86)).toBe('clang-int128-last-gpr');
    expect(id(finding('crash', { signal: 'SIGSEGV', mismatches: [mismatch('arg6'), mismatch('arg0')] }), repro, x86)).toBeUndefined();
    expect(id(finding('crash', { signal: 'SIGSEGV' }), repro, x86)).toBeUndefined();
  });
});

describe('clang-win64-atomic-return', () => {
  const atomic = (of: CType): CType => ({ kind: 'atomic', name: 'a', of });
  const pair16: CType = { kind: 'struct', name: 's', packed: false, fields: [{ name: 'a', type: s('long long') }, { name: 'b', type: s('long long') }] };
  const win = pair('x86_64-windows', side('clang-cl-19', 'clang-cl'), side('clang-cl-19', 'clang-cl'));
  const ret = finding('return', { mismatches: [mismatch('ret')] });
  it('explains the return of a 16-byte _Atomic on Win64 (ms_abi on Linux too) with a clang side', () => {
    expect(id(ret, sig([], atomic(s('__int128'))), win)).toBe('clang-win64-atomic-return');
    expect(id(ret, sig([], atomic(pair16)), pair('x86_64-windows', gcc, clang))).toBe('clang-win64-atomic-return');
    expect(id(ret, sig([], atomic(pair16), { convention: 'ms_abi' }), x86)).toBe('clang-win64-atomic-return');
  });
  it('an _Atomic struct of any size too (clang-cl: {short; short} in AX and DX); not an 8-byte _Atomic scalar, not a plain __int128, not SysV, not without clang, not an argument', () => {
    expect(id(ret, sig([], atomic(s('long long'))), win)).toBeUndefined();
    const shorts: CType = { kind: 'struct', name: 't', packed: false, fields: [{ name: 'a', type: s('short') }, { name: 'b', type: s('short') }] };
    expect(id(ret, sig([], atomic(shorts)), win)).toBe('clang-win64-atomic-return');
    expect(id(ret, sig([], s('__int128')), win)).toBeUndefined();
    expect(id(ret, sig([], atomic(pair16)), x86)).toBeUndefined();
    expect(id(ret, sig([], atomic(pair16)), pair('x86_64-windows', gcc, gcc))).toBeUndefined();
    expect(id(arg('arg0'), sig([atomic(pair16)], atomic(pair16)), win)).toBeUndefined();
  });
});

describe('clang-regcall-empty-struct', () => {
  const zeroWidth: CType = { kind: 'struct', name: 'e', packed: false, fields: [{ name: 'z', type: s('long long'), bits: 0 }] };
  const nested: CType = { kind: 'struct', name: 'n', packed: false, fields: [{ name: 'x', type: { kind: 'struct', name: 'm', packed: false, fields: [] } }] };
  const zeroArray: CType = { kind: 'struct', name: 'a', packed: false, fields: [{ name: 'a', type: { kind: 'array', elem: s('int'), count: 0 } }] };
  const regcall = (params: CType[], ret: CType | 'void' = 'void'): Signature => sig(params, ret, { convention: 'regcall' });
  const clangs = pair('x86_64-linux', clang, side('clang-22', 'clang'));
  it("explains clang's crash on a regcall function taking a struct with no members, the f184 of seed 1", () => {
    expect(id(finding('compiler-crash'), regcall([zeroWidth, s('long')]), clangs)).toBe('clang-regcall-empty-struct');
    expect(id(finding('compiler-crash'), regcall([s('int'), nested]), clangs)).toBe('clang-regcall-empty-struct');
  });
  it('not a zero-length array member, not an empty result, not another convention, not i686, not an argument mismatch', () => {
    expect(id(finding('compiler-crash'), regcall([zeroArray]), clangs)).toBeUndefined();
    expect(id(finding('compiler-crash'), regcall([s('int')], zeroWidth), clangs)).toBeUndefined();
    expect(id(finding('compiler-crash'), sig([zeroWidth], 'void', { convention: 'preserve_most' }), clangs)).toBeUndefined();
    expect(id(finding('compiler-crash'), regcall([zeroWidth]), pair('i686-linux', clang, clang))).toBeUndefined();
    expect(id(arg('arg1'), regcall([zeroWidth, s('long')]), clangs)).toBeUndefined();
  });
});
