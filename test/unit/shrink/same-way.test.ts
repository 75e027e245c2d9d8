import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/check/finding.js';
import type { CType, Signature } from '../../../src/model/types.js';
import { leafClass, sameWay } from '../../../src/shrink/same-way.js';

const int: CType = { kind: 'scalar', name: 'int' };
const float: CType = { kind: 'scalar', name: 'float' };
const inner: CType = { kind: 'struct', name: 's1', packed: false, fields: [{ name: 'x', type: float }, { name: 'b', type: int, bits: 3 }] };
const outer: CType = { kind: 'union', name: 's2', packed: false, fields: [{ name: 'f0', type: { kind: 'array', elem: inner, count: 2 } }] };
const sig: Signature = {
  name: 'f1', ret: outer, params: [{ type: int }, { type: { kind: 'pointer', to: float } }], variadic: [{ type: { kind: 'scalar', name: 'double' } }],
};

describe('leafClass', () => {
  it('names the leaf type, its containers from the inside out, and its role', () => {
    expect(leafClass(sig, 'arg0')).toBe('int in argument');
    expect(leafClass(sig, 'ret.f0[1].x')).toBe('float in struct in array in union in return');
    expect(leafClass(sig, 'ret.f0[0].b')).toBe('int bit-field in struct in array in union in return');
    expect(leafClass(sig, 'arg2')).toBe('double in variadic argument');
    expect(leafClass(sig, 'arg1')).toBe('pointer in argument');
    expect(leafClass(sig, '*arg1')).toBe('float (pointee) in argument');
  });

});

const finding = (f: Partial<Finding>): Finding => ({ kind: 'arg', index: 1, function: 'f1', detail: '', ...f });

describe('sameWay', () => {
  it('needs the same register for callee-saved findings', () => {
    const rbx = finding({ kind: 'callee-saved', register: 'rbx' });
    expect(sameWay(rbx, sig, finding({ kind: 'callee-saved', register: 'rbx' }), sig)).toBe(true);
    expect(sameWay(rbx, sig, finding({ kind: 'callee-saved', register: 'r12' }), sig)).toBe(false);
    expect(sameWay(rbx, sig, finding({ kind: 'stack-pointer' }), sig)).toBe(false);
  });

  it('needs a mismatch on the same kind of leaf for value findings, wherever it is now', () => {
    const orig = finding({ kind: 'return', path: 'ret.f0[1].x' });
    const smaller: Signature = { name: 'f2', ret: outer, params: [], variadic: null };
    const same = finding({ kind: 'return', mismatches: [{ side: 'caller', path: 'ret.f0[0].x', offset: 0, expected: '', received: '' }] });
    const other = finding({ kind: 'return', mismatches: [{ side: 'caller', path: 'ret.f0[0].b', offset: 0, expected: '', received: '' }] });
    expect(sameWay(orig, sig, same, smaller)).toBe(true);
    expect(sameWay(orig, sig, other, smaller)).toBe(false);
    expect(sameWay(orig, sig, finding({ kind: 'arg', path: 'ret.f0[0].x' }), smaller)).toBe(false);
  });

  it('keeps an argument the callee changed in the caller apart from one it read wrong, by leaf class too', () => {
    const clobbered = (path: string): Finding => finding({ kind: 'arg-clobbered', path, mismatches: [{ side: 'caller', path, offset: 0, expected: '', received: '' }] });
    const byStruct: Signature = { name: 'f3', ret: 'void', params: [{ type: int }, { type: inner }], variadic: null };
    const smaller: Signature = { name: 'f4', ret: 'void', params: [{ type: inner }], variadic: null };
    expect(sameWay(clobbered('arg1.x'), byStruct, clobbered('arg0.x'), smaller)).toBe(true);
    expect(sameWay(clobbered('arg1.x'), byStruct, clobbered('arg0.b'), smaller)).toBe(false);
    expect(sameWay(clobbered('arg1.x'), byStruct, finding({ kind: 'arg', path: 'arg0.x' }), smaller)).toBe(false);
  });
});
