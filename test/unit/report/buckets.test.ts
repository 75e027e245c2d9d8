import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/check/finding.js';
import type { Signature } from '../../../src/model/types.js';
import { Buckets, shapeOf } from '../../../src/report/buckets.js';

const sigOf = (name: string, fieldName: string, params: number): Signature => ({
  name,
  ret: { kind: 'struct', name: `${name}_s0`, packed: false, fields: [{ name: fieldName, type: { kind: 'scalar', name: 'short' } }] },
  params: Array.from({ length: params }, () => ({ type: { kind: 'scalar', name: 'char' } })),
  variadic: null,
});
const rbx = (fn: string): Finding => ({ kind: 'callee-saved', index: 0, function: fn, detail: '', register: 'rbx' });

describe('shapeOf', () => {
  it('keeps the structure and drops the names', () => {
    expect(shapeOf(sigOf('f1', 'a', 1))).toBe(shapeOf(sigOf('f9', 'zz', 1)));
    expect(shapeOf(sigOf('f1', 'a', 1))).toBe('struct{short}(char)');
    expect(shapeOf(sigOf('f1', 'a', 2))).not.toBe(shapeOf(sigOf('f1', 'a', 1)));
  });
});

describe('Buckets', () => {
  it('files later findings of the same problem into the first one, and only the first is to be shrunk', () => {
    const b = new Buckets('x86_64-linux | gcc -> gcc');
    const first = b.add(rbx('f1'), sigOf('f1', 'a', 3), '/r/f1');
    expect(first).not.toBeNull();
    expect(b.add(rbx('f2'), sigOf('f2', 'a', 5), '/r/f2')).toBeNull();
    expect(b.add({ ...rbx('f3'), register: 'r12' }, sigOf('f3', 'a', 5), '/r/f3')).not.toBeNull();
    b.settle(first!, sigOf('f1', 'a', 0), 'confirmed', { steps: 4, candidates: 90, ms: 1200 }, undefined, rbx('f1'));
    const list = b.list();
    expect(list.map((x) => [x.problem, x.count])).toEqual([['rbx', 2], ['r12', 1]]);
    expect(list[0]!.signature).toBe('typedef struct f1_s0 {\n  short a;\n} f1_s0;\nf1_s0 f1(void);');
    expect(list[0]).toMatchObject({ caseDir: '/r/f1', confirmation: 'confirmed', key: 'x86_64-linux | gcc -> gcc | callee-saved | rbx' });
  });

  it('keeps different problems of one kind apart', () => {
    const b = new Buckets('t');
    const segv = b.add({ ...rbx('f3'), kind: 'crash', signal: 'SIGSEGV', register: undefined }, sigOf('f3', 'a', 4), '/r/f3')!;
    const bus = b.add({ ...rbx('f4'), kind: 'crash', signal: 'SIGBUS', register: undefined }, sigOf('f4', 'a', 5), '/r/f4')!;
    b.settle(segv, sigOf('f3', 'a', 0), 'flaky');
    b.settle(bus, sigOf('f4', 'b', 0), 'confirmed');
    expect(b.list().map((l) => [l.problem, l.confirmation])).toEqual([['SIGBUS', 'confirmed'], ['SIGSEGV', 'flaky']]);
  });

  it('gives the same problem the same key whatever the run: names, indices and the rest of the signature do not count', () => {
    const one = new Buckets('p');
    const two = new Buckets('p');
    const a = one.add(rbx('f7'), sigOf('f7', 'x', 6), '/a')!;
    const b = two.add(rbx('f93'), sigOf('f93', 'y', 1), '/b')!;
    one.settle(a, sigOf('f7', 'x', 0), 'confirmed', undefined, undefined, rbx('f7'));
    two.settle(b, sigOf('f93', 'q', 2), 'confirmed', undefined, undefined, rbx('f93'));
    expect(one.list()[0]!.key).toBe(two.list()[0]!.key);
  });

  it('keeps a 4-byte vector of char apart from a 4-byte vector of _Float16', () => {
    const vec = (name: string, elem: 'char' | '_Float16'): Signature => ({ name, ret: 'void', params: [{ type: { kind: 'vector', elem, bytes: 4 } }], variadic: null });
    const arg = (fn: string): Finding => ({ kind: 'arg', index: 0, function: fn, detail: '', path: 'arg0', mismatches: [{ side: 'callee', path: 'arg0', offset: 0, expected: '00', received: '01' }] });
    const b = new Buckets('p');
    expect(b.add(arg('f1'), vec('f1', 'char'), '/1')).not.toBeNull();
    expect(b.add(arg('f2'), vec('f2', '_Float16'), '/2')).not.toBeNull();
    const keys = b.list().map((x) => x.key);
    expect(new Set(keys).size).toBe(2);
    expect(keys.join(' ')).toMatch(/4-byte vector of char/);
    expect(keys.join(' ')).toMatch(/4-byte vector of _Float16/);
  });

  it('merges buckets whose minimal cases turn out to be one problem', () => {
    const b = new Buckets('p');
    const arg = (fn: string, path: string): Finding => ({ kind: 'arg', index: 0, function: fn, detail: '', path, mismatches: [{ side: 'callee', path, offset: 0, expected: '00', received: '01' }] });
    const s1: Signature = { name: 'f1', ret: 'void', params: [{ type: { kind: 'scalar', name: 'int' } }, { type: { kind: 'scalar', name: 'char' } }], variadic: null };
    const s2: Signature = { name: 'f2', ret: 'void', params: [{ type: { kind: 'scalar', name: 'char' } }], variadic: null };
    const x = b.add(arg('f1', 'arg0'), s1, '/1')!;
    const y = b.add(arg('f2', 'arg0'), s2, '/2')!;
    expect(b.list()).toHaveLength(2);
    const blame = { deviates: 'callee' as const, party: 'clang-19', detail: '', rule: 'r' };
    b.settle(x, s2, 'confirmed', undefined, blame, arg('f2', 'arg0'));
    b.settle(y, s2, 'confirmed', undefined, blame, arg('f2', 'arg0'));
    expect(b.list().map((l) => l.count)).toEqual([2]);
  });
});
