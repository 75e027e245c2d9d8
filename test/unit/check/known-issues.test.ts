import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/check/finding.js';
import { knownIssueOf } from '../../../src/check/known-issues.js';
import type { CType, Signature } from '../../../src/model/types.js';
import type { Side } from '../../../harness/toolchains/toolchain.js';

const side = (id: string, family: 'gcc' | 'clang' | 'clang-cl', target: string, flags: string[] = []): Side => ({
  tc: { id, bin: id, family, target, targetArgs: [], debianPackage: id }, flags,
});
const s = (name: string): CType => ({ kind: 'scalar', name: name as never });
const argFinding = (...paths: string[]): Finding => ({
  kind: 'arg', index: 1, function: 'f1', signature: '', detail: '',
  mismatches: paths.map((path) => ({ side: 'callee', path, offset: 0, expected: '00', received: '01' })),
});

describe('known issues', () => {
  const gcc = side('gcc', 'gcc', 'x86_64-linux');
  const clang = side('clang-19', 'clang', 'x86_64-linux');
  const int128Sixth: Signature = { name: 'f1', ret: 'void', params: [...Array(5)].map(() => ({ type: s('long') })).concat([{ type: s('__int128') }, { type: s('long') }]), variadic: null };

  it('matches clang and the arguments after an __int128 that found one GPR, and nothing else', () => {
    expect(knownIssueOf(argFinding('arg6'), int128Sixth, gcc, clang)?.id).toBe('clang-int128-last-gpr');
    expect(knownIssueOf(argFinding('arg6'), int128Sixth, gcc, gcc)).toBeUndefined();
    expect(knownIssueOf(argFinding('arg2', 'arg6'), int128Sixth, gcc, clang)).toBeUndefined();
    const aarch64 = side('clang-19', 'clang', 'aarch64-linux');
    expect(knownIssueOf(argFinding('arg6'), int128Sixth, aarch64, aarch64)).toBeUndefined();
  });

  it('wide vectors without AVX only between gcc and clang on x86, not with -mavx', () => {
    const wide: Signature = { name: 'f1', ret: { kind: 'vector', elem: 'int', bytes: 32 }, params: [], variadic: null };
    const ret: Finding = { kind: 'return', index: 1, function: 'f1', signature: '', detail: '' };
    expect(knownIssueOf(ret, wide, gcc, clang)?.id).toBe('wide-vector-without-avx');
    expect(knownIssueOf(ret, wide, gcc, side('clang-19', 'clang', 'x86_64-linux', ['-mavx']))).toBeUndefined();
    expect(knownIssueOf(ret, wide, side('a', 'gcc', 'aarch64-linux'), side('c', 'clang', 'aarch64-linux'))).toBeUndefined();
  });

  it('empty aggregates through ... cover the arguments after them only', () => {
    const emptyStruct: CType = { kind: 'struct', name: 'e', packed: false, fields: [{ name: 'z', type: s('long long'), bits: 0 }] };
    const sig: Signature = { name: 'f1', ret: 'void', params: [{ type: s('int') }], variadic: [{ type: emptyStruct }, { type: s('int') }] };
    const arm = side('arm-linux-gnueabihf-gcc', 'gcc', 'armhf-linux');
    expect(knownIssueOf(argFinding('arg2'), sig, arm, arm)?.id).toBe('empty-aggregate-through-varargs');
    expect(knownIssueOf(argFinding('arg0'), sig, arm, arm)).toBeUndefined();
  });
});
